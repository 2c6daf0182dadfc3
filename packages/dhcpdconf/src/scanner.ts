// The lexer of OpenBSD dhcpd (conflex.c's job), hand written: one pass over
// the text giving a compact token stream for the token grammar. Blanks,
// newlines and `#` comments are trivia; `"` starts a string; a run of
// [A-Za-z0-9_-] starting with a letter, digit or `-` is an atom (NUMBER when
// it starts with `-`, a keyword, NUMBER_OR_NAME when all hex digits, else
// NAME); any other character is a token of its own. The output is a core
// `TokenStream`, built with its builder.

import { keywordsByFirst, streamCoverageProblem, TokenStreamBuilder, type ScanProblem, type TokenStream } from "@obsdconf/core";

/**
 * Token kinds: one UTF-16 code unit per token, so a token stream is a
 * string a peggy grammar reads. Punctuation is its own character; keywords
 * get codes from 256 up (the grammar's `keywordCodes`).
 */
export const DhcpdToken = {
  /** An atom starting with `-` (dhcpd's NUMBER). */
  Number: 0x4e, // N
  /** An atom of hex digits only (NUMBER_OR_NAME): `192`, `0`, `c0`. */
  NumberOrName: 0x48, // H
  /** Any other atom that is not a keyword (NAME). */
  Name: 0x41, // A
  /** A quoted string. */
  String: 0x53, // S
  /** A character no other rule reads (`=`, `_`, non-ASCII, …). */
  Other: 0x58, // X
  /** `;` */
  Semi: 0x3b,
  /** `{` */
  LBrace: 0x7b,
  /** `}` */
  RBrace: 0x7d,
  /** `,` */
  Comma: 0x2c,
  /** `.` */
  Dot: 0x2e,
  /** `:` */
  Colon: 0x3a,
  /** `/` */
  Slash: 0x2f,
  /** First keyword code. */
  FirstKeyword: 0x100,
} as const;

/** dhcpd's lexer buffer: at most this many characters in a string (conflex.c, 1500-byte buffer). */
export const MAX_STRING_CHARS = 1498;
/** At most this many characters in an atom. */
export const MAX_ATOM_CHARS = 1499;

/** A lexical problem with dhcpd's wording (e.g. `UNTERMINATED_STRING`), at the token it belongs to. */
export type DhcpdScanProblem = ScanProblem;

/**
 * The tokens of a dhcpd.conf text. Token `i` has kind `codes[i]` (also
 * `kinds[i]`), source span `starts[i]`..`ends[i]` and value `value(i)`. The
 * gaps between tokens are trivia (blanks, newlines, `#` comments).
 */
export interface DhcpdTokens extends TokenStream {
  /** Lexical problems in token order. */
  readonly problems: DhcpdScanProblem[];
  /**
   * The token's value as dhcpd sees it: a string's content (escapes
   * resolved, truncated at the buffer size), an atom's characters (cut at
   * the buffer size), the character of a punctuation token.
   */
  value(i: number): string;
}

// Atom characters and hex digits, by ASCII code.
const ATOM = new Uint8Array(128);
const HEX = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const digit = c >= 48 && c <= 57;
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  ATOM[c] = digit || letter || c === 45 || c === 95 ? 1 : 0;
  HEX[c] = digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) ? 1 : 0;
}
const PUNCT = new Uint8Array(128);
for (const c of [0x3b, 0x7b, 0x7d, 0x2c, 0x2e, 0x3a, 0x2f]) PUNCT[c] = 1;

// The keyword code of the atom text[from, to), compared case-insensitively, or -1.
function keywordAt(text: string, from: number, to: number, table: Array<Array<[string, number]> | undefined>): number {
  const list = table[text.charCodeAt(from) | 0x20];
  if (!list) return -1;
  const n = to - from;
  for (let k = 0; k < list.length; k++) {
    const [word, code] = list[k]!;
    if (word.length !== n) continue;
    let i = 1;
    // Atom characters are [A-Za-z0-9_-]: `| 0x20` lower-cases letters and keeps digits and `-`.
    while (i < n && (text.charCodeAt(from + i) | 0x20) === word.charCodeAt(i)) i++;
    if (i === n) return code;
  }
  return -1;
}

/**
 * Scans `text` as dhcpd's lexer does. Never throws. `keywords` maps the
 * lower-case keyword to its token code; atoms are matched case-insensitively.
 */
export function scanDhcpd(text: string, keywords: ReadonlyMap<string, number>): DhcpdTokens {
  const length = text.length;
  const table = keywordsByFirst(keywords);
  const stream = new TokenStreamBuilder(text, 64 + ((length / 3) | 0));
  const problems: DhcpdScanProblem[] = [];
  // Values that differ from the source slice (strings, cut atoms).
  const values = new Map<number, string>();

  let pos = 0;
  while (pos < length) {
    const c = text.charCodeAt(pos);
    // Trivia: ASCII whitespace and comments.
    if (c === 32 || (c >= 9 && c <= 13)) {
      pos++;
      continue;
    }
    if (c === 35) {
      const nl = text.indexOf("\n", pos);
      pos = nl < 0 ? length : nl;
      continue;
    }
    const start = pos;
    if (c === 34) {
      // A string: backslash takes the next character literally, but a `"`
      // always ends the string (research note 8.1).
      let value = "";
      let runStart = pos + 1;
      let p = pos + 1;
      let chars = 0;
      let closed = false;
      let tooLong = false;
      while (p < length) {
        const d = text.charCodeAt(p);
        if (d === 34) {
          closed = true;
          break;
        }
        if (chars >= MAX_STRING_CHARS) {
          tooLong = true;
          break;
        }
        if (d === 92 && p + 1 < length) {
          value += text.slice(runStart, p);
          runStart = p + 1;
          const e = text.charCodeAt(p + 1);
          if (e === 34) {
            // `\"`: the backslash is dropped and the quote ends the string.
            p++;
            closed = true;
            break;
          }
          p += 2;
          chars++;
          continue;
        }
        p++;
        chars++;
      }
      if (closed) p++;
      const i = stream.push(DhcpdToken.String, start, p);
      // A plain closed string is read from the text when asked for.
      if (runStart !== pos + 1 || !closed) values.set(i, value + text.slice(runStart, closed ? p - 1 : p));
      if (!closed && !tooLong) {
        problems.push({ code: "UNTERMINATED_STRING", message: "eof in string constant", token: i, start, end: p });
      } else if (tooLong) {
        problems.push({ code: "STRING_TOO_LONG", message: "string constant larger than internal buffer", token: i, start, end: p });
      }
      pos = p;
      continue;
    }
    if (c < 128 && ATOM[c] === 1 && c !== 95) {
      let p = pos + 1;
      let allHex = HEX[c] === 1;
      while (p < length) {
        const d = text.charCodeAt(p);
        if (d >= 128 || ATOM[d] === 0) break;
        if (HEX[d] === 0) allHex = false;
        p++;
      }
      let code: number;
      if (c === 45) code = DhcpdToken.Number;
      else if (c <= 57) code = allHex ? DhcpdToken.NumberOrName : DhcpdToken.Name; // no keyword starts with a digit
      else {
        const keyword = keywordAt(text, pos, p, table);
        code = keyword >= 0 ? keyword : allHex ? DhcpdToken.NumberOrName : DhcpdToken.Name;
      }
      const i = stream.push(code, start, p);
      if (p - pos > MAX_ATOM_CHARS) {
        values.set(i, text.slice(pos, pos + MAX_ATOM_CHARS));
        problems.push({ code: "TOKEN_TOO_LONG", message: "token larger than internal buffer", token: i, start, end: p });
      }
      pos = p;
      continue;
    }
    // A single character (a surrogate pair counts as one).
    let p = pos + 1;
    if (c >= 0xd800 && c <= 0xdbff && p < length) {
      const d = text.charCodeAt(p);
      if (d >= 0xdc00 && d <= 0xdfff) p++;
    }
    stream.push(c < 128 && PUNCT[c] === 1 ? c : DhcpdToken.Other, start, p);
    pos = p;
  }
  const tokens = stream.seal();
  const { codes, starts, ends } = tokens;
  return {
    ...tokens,
    problems,
    value(i: number): string {
      const v = values.get(i);
      if (v !== undefined) return v;
      if (codes[i] === DhcpdToken.String) return text.slice(starts[i]! + 1, ends[i]! - 1);
      return text.slice(starts[i]!, ends[i]!);
    },
  };
}

/** Whitespace and `#` comments: what may lie between tokens. */
const TRIVIA = /^(?:[ \t\n\v\f\r]|#[^\n]*)*$/;

/**
 * Checks that tokens and trivia cover the text exactly once, in order.
 * Returns a description of the first place where they do not, or undefined.
 */
export function dhcpdCoverageProblem(tokens: DhcpdTokens): string | undefined {
  return streamCoverageProblem(tokens, { trivia: TRIVIA, nonEmpty: true });
}
