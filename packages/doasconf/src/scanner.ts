// yylex of doas's parse.y, hand written. core's scanParsey implements the
// lexer that vmd, httpd and most daemons share; doas has its own, and it
// differs in every rule that matters here: no macros, numbers or single
// quotes; a `"` may open and close anywhere inside a word; a backslash
// escapes the next character anywhere; `'`, `=`, `$` and `,` are ordinary
// word characters; `#` ends a word; only `{`, `}` and newline are tokens of
// their own; the messages and their column numbers are doas's. The output
// has the shape of core's `ParseyTokens`, so the grammar and the edit
// engine use it the same way.

import { DOAS_WORD_BUFFER } from "./limits.js";
import type { Span } from "./syntax.js";

// Bytes of one UTF-16 unit in UTF-8 (a surrogate counts 2, so a pair is 4): doas counts columns and its buffer in bytes.
function utf8Units(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return 2;
  return 3;
}

/** Token codes: one UTF-16 unit per token; keywords get codes from 0x100 up. */
export const DoasToken = {
  /** A newline (also the newline that ends a comment). */
  Newline: 0x0a,
  /** A word that is not a keyword. */
  String: 0x53, // S
  /** `{`. */
  BraceOpen: 0x7b,
  /** `}`. */
  BraceClose: 0x7d,
} as const;

/** A message doas's lexer prints while reading a token. */
export interface DoasScanProblem {
  /** Stable code, e.g. `UNTERMINATED_QUOTES`. */
  code: string;
  /** doas's message (without `doas: ` and ` at line N`). */
  message: string;
  /** Index of the token being read when doas printed it (the token count when none followed). */
  token: number;
  /** The line doas prints (`at line N`): its line counter plus one at that moment. */
  line: number;
  /** Start offset in the source. */
  start: number;
  /** End offset in the source. */
  end: number;
}

/** The tokens of a doas.conf text (see {@link scanDoas}). */
export interface DoasTokens {
  /** The source text. */
  readonly text: string;
  /** Number of tokens. */
  count: number;
  /** Token codes, one character per token: the input of the token grammar. */
  kinds: string;
  /** Token codes. */
  codes: Uint16Array;
  /** Start offsets. */
  starts: Int32Array;
  /** End offsets (exclusive). */
  ends: Int32Array;
  /** doas's line counter (newlines read, 0-based) just after token `i` was read. */
  lineAfter: Int32Array;
  /** doas's line counter at the end of the input. */
  eofLine: number;
  /** The word of String token `i`, with quotes and escapes removed; undefined for other tokens. */
  value(i: number): string | undefined;
  /** Lexical messages in the order doas prints them. */
  problems: DoasScanProblem[];
  /** Words that read as nothing (only NULs or escaped newlines, or cut off by the end of the input): trivia. */
  dropped: Span[];
}

const EOF = -1;
const NL = 10;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const HASH = 35;
const BACKSLASH = 92;
const OPEN = 123;
const CLOSE = 125;

/**
 * Scans `text` as doas's yylex reads it. `keywords` maps the reserved words
 * of the release to their token codes. Never throws. The stream ends where
 * yylex returns 0 (end of input); there is no fake newline at the end.
 */
export function scanDoas(text: string, keywords: ReadonlyMap<string, number>): DoasTokens {
  const values = new Map<number, string>();
  let cap = Math.max(16, text.length >> 2);
  let codes = new Uint16Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let lineAfter = new Int32Array(cap);
  const problems: DoasScanProblem[] = [];
  const dropped: Span[] = [];
  let count = 0;
  let pos = 0;
  let lineno = 0;
  let colno = 0;

  const emit = (code: number, start: number, end: number, value?: string): void => {
    if (count === cap) {
      cap *= 2;
      const grow = <T extends Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      codes = grow(codes, (n) => new Uint16Array(n));
      starts = grow(starts, (n) => new Int32Array(n));
      ends = grow(ends, (n) => new Int32Array(n));
      lineAfter = grow(lineAfter, (n) => new Int32Array(n));
    }
    codes[count] = code;
    starts[count] = start;
    ends[count] = end;
    lineAfter[count] = lineno;
    if (value !== undefined) values.set(count, value);
    count++;
  };
  const problem = (code: string, message: string, start: number, end: number): void => {
    problems.push({ code, message, token: count, line: lineno + 1, start, end });
  };
  const getc = (): number => (pos < text.length ? text.charCodeAt(pos++) : EOF);

  for (;;) {
    // One call of yylex.
    let buf = "";
    let bytes = 0;
    let quotes = false;
    let escape = false;
    let qpos = -1;
    let quoteAt = -1;
    let nonkw = false;
    let c: number;
    let done = false;
    for (;;) {
      // repeat: skip blanks
      c = getc();
      while (c === SPACE || c === TAB) {
        colno++;
        c = getc();
      }
      if (c === NL) {
        colno = 0;
        lineno++;
        emit(NL, pos - 1, pos);
        break;
      }
      if (c === OPEN || c === CLOSE) {
        emit(c, pos - 1, pos);
        break;
      }
      if (c === HASH) {
        // A comment runs to the newline (NUL allowed, no continuation); the newline is the token.
        while ((c = getc()) !== NL) if (c === EOF) break;
        if (c === EOF) {
          done = true;
          break;
        }
        colno = 0;
        lineno++;
        emit(NL, pos - 1, pos);
        break;
      }
      if (c === EOF) {
        done = true;
        break;
      }
      // A word.
      const start = pos - 1;
      for (;;) {
        let add = true;
        if (c === 0) {
          problem("NUL_CHARACTER", `unallowed character NUL in column ${colno + 1}`, pos - 1, pos);
          escape = false;
          add = false;
        } else if (c === BACKSLASH) {
          escape = !escape;
          if (escape) add = false;
        } else if (c === NL) {
          if (quotes) problem("UNTERMINATED_QUOTES", `unterminated quotes in column ${qpos + 1}`, quoteAt, pos - 1);
          if (escape) {
            nonkw = true;
            escape = false;
            colno = 0;
            lineno++;
            add = false;
          } else break;
        } else if (c === EOF) {
          if (escape) problem("UNTERMINATED_ESCAPE", `unterminated escape in column ${colno}`, Math.max(start, pos - 1), pos);
          if (quotes) problem("UNTERMINATED_QUOTES", `unterminated quotes in column ${qpos + 1}`, quoteAt, pos);
          break;
        } else if (c === OPEN || c === CLOSE || c === HASH || c === SPACE || c === TAB) {
          if (!escape && !quotes) break;
        } else if (c === QUOTE && !escape) {
          quotes = !quotes;
          if (quotes) {
            nonkw = true;
            qpos = colno;
            quoteAt = pos - 1;
          }
          add = false;
        }
        if (add) {
          buf += String.fromCharCode(c);
          bytes += utf8Units(c);
          if (bytes >= DOAS_WORD_BUFFER) {
            problem("TOO_LONG_LINE", "too long line", start, pos);
            buf = "";
            bytes = 0;
          }
          escape = false;
        }
        colno += c === NL ? 1 : utf8Units(c);
        c = getc();
      }
      // eow: the character that ended the word is read again by the next call.
      if (c !== EOF) pos--;
      if (buf.length === 0 && bytes === 0) {
        if (c === EOF) {
          dropped.push({ start, end: pos });
          done = true;
          break;
        }
        if (qpos === -1) {
          dropped.push({ start, end: pos });
          continue; // goto repeat (nonkw stays as it is)
        }
      }
      const keyword = nonkw ? undefined : keywords.get(buf);
      if (keyword !== undefined) emit(keyword, start, pos);
      else emit(DoasToken.String, start, pos, buf);
      break;
    }
    if (done) break;
  }

  const kinds = new TextDecoder("utf-16le").decode(codes.subarray(0, count));
  return {
    text,
    count,
    kinds,
    codes,
    starts,
    ends,
    lineAfter,
    eofLine: lineno,
    value: (i: number) => values.get(i),
    problems,
    dropped,
  };
}

const GAP = /^(?:[ \t\0]|\\\n|#[^\n]*)*$/;

/**
 * Checks that tokens, trivia (blanks, comments, escaped newlines, NULs) and
 * dropped words cover the text exactly once and in order. Returns a
 * description of the first place where they do not, or undefined.
 */
export function doasCoverageProblem(tokens: DoasTokens): string | undefined {
  const text = tokens.text;
  const pieces = [
    ...Array.from({ length: tokens.count }, (_, i) => ({ start: tokens.starts[i]!, end: tokens.ends[i]!, token: true })),
    ...tokens.dropped.map((d) => ({ ...d, token: false })),
  ].sort((a, b) => a.start - b.start);
  let covered = 0;
  for (const p of pieces) {
    if (p.end < p.start) return `piece at ${p.start} ends before it starts`;
    if (p.start < covered) return `piece at ${p.start} overlaps what ends at ${covered}`;
    const gap = text.slice(covered, p.start);
    if (!GAP.test(gap)) return `not trivia at ${covered}: ${JSON.stringify(gap.slice(0, 40))}`;
    covered = p.end;
  }
  const rest = text.slice(covered);
  return GAP.test(rest) ? undefined : `not trivia at ${covered}: ${JSON.stringify(rest.slice(0, 40))}`;
}
