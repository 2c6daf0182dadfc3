// httpd's yylex differs from the one core's scanner follows (vmd's) in its
// character classes only: a word starts with a letter, digit, `:`, `_` or
// `*` (not `/`), and `/`, `;`, `<` and `>` end a word. This module runs
// core's scanner on the text with those four characters replaced by
// stand-ins core reads as single-character tokens (same length, so offsets
// hold; quoted values are read back from the real text), then re-reads with
// httpd's rules the stretches where `*` starts a word and the values of
// macros that contain the four characters. Everything else (quoting,
// escapes, macros, comments, continuation lines) stays core's.

import { scanParsey, TokenCode, type ParseyTokens, type ScanOptions, type ScanProblem } from "@obsdconf/core";

const utf16 = new TextDecoder("utf-16le");
const WORD = new Uint8Array(128); // httpd's allowed_in_string
const WORD_START = new Uint8Array(128);
const NUMBER_END = new Uint8Array(128); // allowed_to_end_number
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  const punct = c > 32 && c < 127 && !alnum;
  WORD[c] = alnum || (punct && !"(){}<>!=#,;/".includes(String.fromCharCode(c))) ? 1 : 0;
  WORD_START[c] = alnum || c === 58 || c === 95 || c === 42 ? 1 : 0;
  NUMBER_END[c] = " \t\n\v\f\r),/}=".includes(String.fromCharCode(c)) ? 1 : 0;
}

// Characters where the two scanners may read a stretch differently.
const DIFFERS = /[/;<>*]/;
// Stand-ins for `/`, `;`, `<`, `>` (C1 controls: outside every word for core).
const STAND_INS = "\u0080\u0081\u0082\u0083";
const ORIGINALS = "/;<>";
const HAS_STAND_IN = /[\u0080-\u0083]/;
const back = (value: string): string => value.replace(/[\u0080-\u0083]/g, (c) => ORIGINALS[c.charCodeAt(0) - 0x80]!);
const STAR = 42;
const DOLLAR = 36;

/** A token read again with httpd's rules: offsets relative to the piece of text read. */
interface Piece {
  code: number;
  from: number;
  to: number;
}

// Reads `s` (no blanks, quotes, comments or escapes in it) as httpd's yylex
// would; `after` is the character that follows it (-1: end of input).
function relex(s: string, after: number, keywords: ReadonlyMap<string, number>): Piece[] {
  const pieces: Piece[] = [];
  const n = s.length;
  let p = 0;
  while (p < n) {
    const c = s.charCodeAt(p);
    const digit = c >= 48 && c <= 57;
    if (c === 45 || digit) {
      let q = p + 1;
      while (q < n && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
      if (c === 45 && q === p + 1) {
        pieces.push({ code: 45, from: p, to: p + 1 });
        p++;
        continue;
      }
      const next = q < n ? s.charCodeAt(q) : after;
      if (next < 0 || (next < 128 && NUMBER_END[next] === 1)) {
        pieces.push({ code: TokenCode.Number, from: p, to: q });
        p = q;
        continue;
      }
      if (c === 45) {
        pieces.push({ code: 45, from: p, to: p + 1 });
        p++;
        continue;
      }
    }
    if (c < 128 && WORD_START[c] === 1) {
      let q = p + 1;
      while (q < n && s.charCodeAt(q) < 128 && WORD[s.charCodeAt(q)] === 1) q++;
      const word = s.slice(p, q);
      pieces.push({ code: keywords.get(word) ?? TokenCode.String, from: p, to: q });
      p = q;
      continue;
    }
    pieces.push({ code: c > 32 && c < 127 ? c : TokenCode.Other, from: p, to: p + 1 });
    p++;
  }
  return pieces;
}

/**
 * Scans httpd.conf text: core's parse.y scanner with httpd's word rules.
 * The result behaves like core's (including `rescan`).
 */
export function scanHttpd(text: string, options: ScanOptions): ParseyTokens {
  // A text that has the stand-ins itself is read with the re-reading alone.
  let source = text;
  if (!HAS_STAND_IN.test(text)) {
    for (let k = 0; k < 4; k++) if (source.includes(ORIGINALS[k]!)) source = source.replaceAll(ORIGINALS[k]!, STAND_INS[k]!);
  }
  let core = scanParsey(source, options);
  // A stand-in counts 2 bytes where the character counts 1: near the length
  // limit, read the text itself.
  if (source !== text && core.problems.some((p) => p.code === "STRING_TOO_LONG")) {
    source = text;
    core = scanParsey(text, options);
  }
  const standIns = source !== text;
  const keywords = options.keywords;
  let capacity = Math.max(16, core.count + 16);
  const rewritten = new Map<number, string>();
  const newlineRuns = new Map<number, number>();
  // Index of the first new token of each core token, and back (-1: not a first piece).
  let newOf = new Int32Array(core.count + 1);
  let oldOf = new Int32Array(capacity);

  const result: ParseyTokens = {
    text,
    count: 0,
    kinds: "",
    codes: new Uint16Array(capacity),
    starts: new Int32Array(capacity),
    ends: new Int32Array(capacity),
    quoted: new Uint8Array(capacity),
    rewritten,
    newlineRuns,
    problems: [],
    defined: [],
    endOffset: core.endOffset,
    endedInQuote: core.endedInQuote,
    value(i: number): string | undefined {
      const code = this.codes[i];
      if (code !== TokenCode.String && code !== TokenCode.Number) return undefined;
      const special = rewritten.get(i);
      if (special !== undefined) return special;
      return this.quoted[i] === 1 ? text.slice(this.starts[i]! + 1, this.ends[i]! - 1) : text.slice(this.starts[i]!, this.ends[i]!);
    },
    rescan(index: number): void {
      const old = index < result.count ? oldOf[index]! : core.count;
      // Nothing but an unterminated quoted string follows: scanning again
      // would give the same (and core's rescan would skip the string).
      if ((old < 0 || old >= core.count) && core.endedInQuote) return;
      core.rescan(old < 0 ? core.count : old);
      build(old < 0 ? core.count : old, index);
    },
  };

  function grow(): void {
    capacity *= 2;
    const codes = new Uint16Array(capacity);
    codes.set(result.codes);
    result.codes = codes;
    const starts = new Int32Array(capacity);
    starts.set(result.starts);
    result.starts = starts;
    const ends = new Int32Array(capacity);
    ends.set(result.ends);
    result.ends = ends;
    const quoted = new Uint8Array(capacity);
    quoted.set(result.quoted);
    result.quoted = quoted;
    const olds = new Int32Array(capacity);
    olds.set(oldOf);
    oldOf = olds;
  }

  function emit(code: number, start: number, end: number, quoted: number, value: string | undefined, old: number): void {
    if (result.count === capacity) grow();
    const i = result.count++;
    result.codes[i] = code;
    result.starts[i] = start;
    result.ends[i] = end;
    result.quoted[i] = quoted;
    if (value !== undefined) rewritten.set(i, value);
    oldOf[i] = old;
  }

  function copy(i: number): void {
    newOf[i] = result.count;
    let code = core.codes[i]!;
    if (code === TokenCode.Newline) {
      const run = core.newlineRuns.get(i);
      if (run !== undefined) newlineRuns.set(result.count, run);
    }
    let value = code === TokenCode.String || code === TokenCode.Number ? core.rewritten.get(i) : undefined;
    if (standIns) {
      const start = core.starts[i]!;
      const end = core.ends[i]!;
      // A stand-in read alone (or after a backslash, which lgetc drops).
      const c = source.charCodeAt(end - 1);
      if (code === TokenCode.Other && c >= 0x80 && c <= 0x83 && (end - start === 1 || source.charCodeAt(start) === 92)) code = ORIGINALS.charCodeAt(c - 0x80);
      // Digits before `/` are a number for httpd (`/` ends a number).
      else if (code === TokenCode.String && core.quoted[i] === 0 && value === undefined && text.charCodeAt(end) === 47 && /^\d+$/.test(text.slice(start, end))) code = TokenCode.Number;
      if (value !== undefined) value = back(value);
    }
    emit(code, core.starts[i]!, core.ends[i]!, core.quoted[i]!, value, i);
  }

  // A token of the file itself (not of a macro's value), unquoted, as written.
  function plain(i: number): boolean {
    const code = core.codes[i]!;
    // (With stand-ins, `/ ; < >` are Other tokens and end every stretch.)
    if (code === TokenCode.Newline || code === TokenCode.Error || code === TokenCode.Other) return false;
    if (code === 123 || code === 125 || code === 61 || code === 44) return false;
    if (core.quoted[i] === 1 || ((code === TokenCode.String || code === TokenCode.Number) && core.rewritten.has(i))) return false;
    return text.charCodeAt(core.starts[i]!) !== DOLLAR;
  }

  function build(fromOld: number, fromNew: number): void {
    result.count = fromNew;
    for (const k of [...rewritten.keys()]) if (k >= fromNew) rewritten.delete(k);
    for (const k of [...newlineRuns.keys()]) if (k >= fromNew) newlineRuns.delete(k);
    if (newOf.length < core.count + 1) {
      const bigger = new Int32Array(core.count + 1);
      bigger.set(newOf.subarray(0, fromOld));
      newOf = bigger;
    }
    let i = fromOld;
    while (i < core.count) {
      if (!plain(i)) {
        const code = core.codes[i]!;
        const fromMacro = core.quoted[i] === 0 && text.charCodeAt(core.starts[i]!) === DOLLAR;
        if (fromMacro && code === STAR) {
          // A `*` in a macro's value is a word for httpd.
          newOf[i] = result.count;
          emit(TokenCode.String, core.starts[i]!, core.ends[i]!, 0, "*", i);
        } else if (fromMacro && code === TokenCode.String && DIFFERS.test(back(core.value(i)!))) {
          const value = back(core.value(i)!);
          newOf[i] = result.count;
          let first = true;
          for (const p of relex(value, -1, keywords)) {
            const piece = value.slice(p.from, p.to);
            const v = p.code === TokenCode.String || p.code === TokenCode.Number ? piece : undefined;
            emit(p.code, core.starts[i]!, core.ends[i]!, 0, v, first ? i : -1);
            first = false;
          }
        } else {
          copy(i);
        }
        i++;
        continue;
      }
      // A run of adjacent plain tokens: one stretch of text without blanks.
      let k = i;
      while (k + 1 < core.count && plain(k + 1) && core.starts[k + 1] === core.ends[k]) k++;
      const from = core.starts[i]!;
      const to = core.ends[k]!;
      // With stand-ins only a `*` can make a stretch differ.
      let star = false;
      if (standIns) for (let t = i; t <= k && !star; t++) star = core.codes[t] === STAR;
      const s = standIns && !star ? "" : text.slice(from, to);
      if (standIns ? !star : !DIFFERS.test(s)) {
        for (let t = i; t <= k; t++) copy(t);
      } else {
        const after = to < text.length ? text.charCodeAt(to) : -1;
        // (`after` is the real character: `/` ends a number.)
        const pieces = relex(s, after, keywords);
        let t = i;
        for (const p of pieces) {
          const start = from + p.from;
          let old = -1;
          while (t <= k && core.starts[t]! <= start) {
            newOf[t] = result.count;
            if (core.starts[t] === start) old = t;
            t++;
          }
          emit(p.code, start, from + p.to, 0, undefined, old);
        }
        for (; t <= k; t++) newOf[t] = result.count - 1;
      }
      i = k + 1;
    }
    newOf[core.count] = result.count;
    result.problems = core.problems.map((p: ScanProblem) => ({ ...p, token: p.token < core.count ? newOf[p.token]! : result.count }));
    result.defined = core.defined.map((d) => newOf[d]!);
    result.endOffset = core.endOffset;
    result.endedInQuote = core.endedInQuote;
    result.kinds = utf16.decode(result.codes.subarray(0, result.count));
  }

  build(0, 0);
  return result;
}

