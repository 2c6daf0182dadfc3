// yylex of doas's parse.y, hand written. core's scanParsey implements the
// lexer that vmd, httpd and most daemons share; doas has its own, and it
// differs in every rule that matters here: no macros, numbers or single
// quotes; a `"` may open and close anywhere inside a word; a backslash
// escapes the next character anywhere; `'`, `=`, `$` and `,` are ordinary
// word characters; `#` ends a word; only `{`, `}` and newline are tokens of
// their own; the messages and their column numbers are doas's. The output
// is a core `TokenStream` (built with its builder, checked with its
// coverage check), so the grammar and the edit engine use it the same way.

import { streamCoverageProblem, TokenStreamBuilder, type ScanProblem, type TokenStream } from "@obsdconf/core";
import { DOAS_WORD_BUFFER } from "./limits.js";
import type { Span } from "./syntax.js";

// Bytes of one UTF-16 unit in UTF-8 (a surrogate counts 2, so a pair is 4): doas counts columns and its buffer in bytes.
// (core's utf8Units is the same; imported from @obsdconf/core it made this scan take 1.7x as long.)
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

/**
 * A message doas's lexer prints while reading a token (`message` without
 * `doas: ` and ` at line N`; `token`: the token being read, or the token
 * count when none followed).
 */
export interface DoasScanProblem extends ScanProblem {
  /** The line doas prints (`at line N`): its line counter plus one at that moment. */
  line: number;
}

/** The tokens of a doas.conf text (see {@link scanDoas}). */
export interface DoasTokens extends TokenStream {
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

// The stream with doas's line counter after each token.
class DoasStreamBuilder extends TokenStreamBuilder {
  lineAfter: Int32Array;

  constructor(text: string, capacity: number) {
    super(text, capacity);
    this.lineAfter = new Int32Array(capacity);
  }

  protected override resize(capacity: number): void {
    super.resize(capacity);
    this.lineAfter = TokenStreamBuilder.resized(this.lineAfter, capacity, this.count);
  }
}

/**
 * Scans `text` as doas's yylex reads it. `keywords` maps the reserved words
 * of the release to their token codes. Never throws. The stream ends where
 * yylex returns 0 (end of input); there is no fake newline at the end.
 */
export function scanDoas(text: string, keywords: ReadonlyMap<string, number>): DoasTokens {
  const values = new Map<number, string>();
  const stream = new DoasStreamBuilder(text, Math.max(16, text.length >> 2));
  const problems: DoasScanProblem[] = [];
  const dropped: Span[] = [];
  let pos = 0;
  let lineno = 0;
  let colno = 0;

  const emit = (code: number, start: number, end: number, value?: string): void => {
    const i = stream.push(code, start, end);
    stream.lineAfter[i] = lineno;
    if (value !== undefined) values.set(i, value);
  };
  const problem = (code: string, message: string, start: number, end: number): void => {
    problems.push({ code, message, token: stream.count, line: lineno + 1, start, end });
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

  return {
    ...stream.seal(),
    lineAfter: stream.lineAfter,
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
  return streamCoverageProblem(tokens, { trivia: GAP, also: tokens.dropped });
}
