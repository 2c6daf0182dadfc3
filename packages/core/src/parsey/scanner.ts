// yylex of OpenBSD's parse.y family (vm.conf, httpd.conf, doas.conf), hand
// written: one pass over the text producing a compact token stream that a
// peggy grammar parses. Every rule follows lgetc/yylex: backslash outside
// quotes, blank compression, the fake newline at end of file, quoting and
// escapes, numbers that fall back to words, `$macro` expansion pushed back
// into the input, findeol after lexical errors, and the daemons' messages.

import { MAX_QUOTED_BYTES, MAX_WORD_BYTES, utf8Units } from "./escapes.js";
import type { Span } from "../syntax.js";

/**
 * Token codes: one UTF-16 code unit per token, so a token stream is a string
 * a peggy grammar can read. Punctuation tokens are their own character;
 * keywords get codes from 256 up (see {@link ScanOptions.keywords}).
 */
export const TokenCode = {
  /** A newline (or, with `foldNewlines`, a run of newlines, blanks and comments). */
  Newline: 0x0a,
  /** A quoted string, or a word that is not a keyword. */
  String: 0x53, // S
  /** Decimal digits, optionally signed, that ended where a number may end. */
  Number: 0x4e, // N
  /** What findeol() returns after a lexical error: the rest of the line. */
  Error: 0x45, // E
  /** A character no rule of the scanner reads (non-ASCII, control characters). */
  Other: 0x58, // X
  /** First code of keywords. */
  FirstKeyword: 0x100,
} as const;

/** A macro definition as the scanner sees it. */
export interface MacroDefinition {
  /** The text a reference expands to. */
  value: string;
  /** Set by the scanner when the macro is expanded. */
  used: boolean;
}

/** A lexical error with the daemon's wording, found at token `token`. */
export interface ScanProblem {
  /** Stable code, e.g. `UNDEFINED_MACRO`. */
  code: string;
  /** The daemon's message. */
  message: string;
  /** Index of the token the problem belongs to (an Error token, or the end of the stream). */
  token: number;
  /** Start offset in the source. */
  start: number;
  /** End offset in the source. */
  end: number;
}

/** Options of {@link scanParsey}. */
export interface ScanOptions {
  /** Reserved words and their token codes (>= {@link TokenCode.FirstKeyword}). */
  keywords: ReadonlyMap<string, number>;
  /** Macro table; read for `$name`, written by `defineMacros`. */
  macros: Map<string, MacroDefinition>;
  /**
   * Define `name = value` lines while scanning, as the grammar would at the
   * top level (outside braces, at the start of a line). Right for a file
   * without syntax errors; a parser that must be exact re-scans instead
   * (see {@link ParseyTokens.rescan}).
   */
  defineMacros?: boolean;
  /** Fold runs of newlines (with the blanks and comments between them) into one Newline token. */
  foldNewlines?: boolean;
  /** Which characters start and continue an unquoted word (default {@link VMD_WORDS}). */
  words?: WordRules;
}

/**
 * The characters of unquoted words: the part of yylex that differs between
 * the daemons. A word starts with a letter, a digit or a character of
 * `start`, and goes on with letters, digits and the punctuation not in
 * `stops` (parse.y's `allowed_in_string`). ASCII, as the C locale reads it.
 */
export interface WordRules {
  /** Characters besides letters and digits that may start a word. */
  readonly start: string;
  /** Punctuation that ends a word (every other punctuation character may continue one). */
  readonly stops: string;
}

/** vmd's word rules (the default): `/` may start a word, which then runs on over `/ ; < > *`. */
export const VMD_WORDS: WordRules = Object.freeze({ start: ":_/", stops: "(){}!=#," });

/**
 * The output of a scanner: token `i` has code `codes[i]` (also `kinds[i]`,
 * one UTF-16 unit per token, the input of a token grammar) and source span
 * `starts[i]`..`ends[i]`. The arrays may be longer than `count`.
 */
export interface TokenStream {
  /** The source text. */
  readonly text: string;
  /** Number of tokens. */
  readonly count: number;
  /** Token codes, one character per token. */
  readonly kinds: string;
  /** Token codes. */
  readonly codes: Uint16Array;
  /** Start offsets. */
  readonly starts: Int32Array;
  /** End offsets (exclusive). */
  readonly ends: Int32Array;
}

const utf16 = new TextDecoder("utf-16le");

/**
 * A {@link TokenStream} being built: a scanner pushes tokens, then `seal()`
 * sets `kinds` and returns the stream. A scanner with more data per token
 * subclasses it and resizes its own arrays too in an override of `resize`.
 */
export class TokenStreamBuilder implements TokenStream {
  /** The source text. */
  readonly text: string;
  /** Number of tokens. */
  count = 0;
  /** Token codes as a string (set by {@link TokenStreamBuilder.seal}). */
  kinds = "";
  /** Token codes. */
  codes: Uint16Array;
  /** Start offsets. */
  starts: Int32Array;
  /** End offsets (exclusive). */
  ends: Int32Array;

  /** Starts an empty stream over `text` with room for `capacity` tokens. */
  constructor(text: string, capacity: number) {
    this.text = text;
    this.codes = new Uint16Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  /** Appends a token; returns its index. */
  push(code: number, start: number, end: number): number {
    if (this.count === this.codes.length) this.resize(Math.max(16, this.count * 2));
    const i = this.count++;
    this.codes[i] = code;
    this.starts[i] = start;
    this.ends[i] = end;
    return i;
  }

  /**
   * Sets `kinds` from the codes of the tokens and gives back the arrays' room
   * when more than half of it is unused (a copy of every array: not worth it
   * for less). Returns the stream as a plain object.
   */
  seal(): TokenStream {
    if (this.codes.length > 2 * this.count + 4096) this.resize(this.count + 16);
    this.kinds = utf16.decode(this.codes.subarray(0, this.count));
    return { text: this.text, count: this.count, kinds: this.kinds, codes: this.codes, starts: this.starts, ends: this.ends };
  }

  /** Gives every per-token array room for `capacity` tokens, keeping the first `count`. */
  protected resize(capacity: number): void {
    this.codes = TokenStreamBuilder.resized(this.codes, capacity, this.count);
    this.starts = TokenStreamBuilder.resized(this.starts, capacity, this.count);
    this.ends = TokenStreamBuilder.resized(this.ends, capacity, this.count);
  }

  /** A copy of the first `keep` elements of `array` in a new array of `length` elements. */
  protected static resized<T extends Uint8Array | Uint16Array | Int32Array>(array: T, length: number, keep: number): T {
    const copy = new (array.constructor as new (length: number) => T)(length);
    copy.set(array.subarray(0, keep));
    return copy;
  }
}

/**
 * The tokens of a text. Token `i` has code `codes[i]` (also `kinds[i]` as a
 * string character), source span `starts[i]`..`ends[i]` and, for strings and
 * numbers, `value(i)`. Tokens of a macro expansion all span the `$name`
 * reference. The gaps between tokens are trivia: blanks, comments and
 * backslash-newlines (and newlines inside folded Newline tokens).
 */
export interface ParseyTokens extends TokenStream {
  /** String value of String token `i`, digits of a Number token; undefined for other tokens. */
  value(i: number): string | undefined;
  /** Values that differ from the token's source text (escapes, expansions), by token index. */
  readonly rewritten: Map<number, string>;
  /** True for String tokens that were quoted in the source. */
  quoted: Uint8Array;
  /** Lexical problems in token order. */
  problems: ScanProblem[];
  /** Newline tokens that stand for several newlines (folded), by token index: how many. */
  readonly newlineRuns: Map<number, number>;
  /** With `defineMacros`: the index of the name token of each macro defined, in order. */
  defined: number[];
  /**
   * Offset whose line parse.y reports for an error at the end of the stream:
   * the start of an unterminated quoted string, else the end of the text.
   */
  endOffset: number;
  /** True when the stream ended at an unterminated quoted string (no fake newline). */
  endedInQuote: boolean;
  /**
   * `$name` references whose value reads as no token at all (an empty or
   * blank value): neither tokens nor trivia, but read. In order.
   */
  readonly readAsNothing: Span[];
  /**
   * Drops tokens from `index` on and scans again from where token `index`
   * started (a file position after a Newline token), with the macro table as
   * it is now. For exact parsers, after a statement that defined macros.
   */
  rescan(index: number): void;
}

const enum C {
  Tab = 9,
  Newline = 10,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Dollar = 36,
  Apostrophe = 39,
  Minus = 45,
  Backslash = 92,
  BraceOpen = 123,
  BraceClose = 125,
  Equals = 61,
}

// Character classes of the C locale, as parse.y's ctype tests see bytes.
const NUMBER_END = new Uint8Array(129); // allowed_to_end_number (index 128: end of input)
const MACRO_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  NUMBER_END[c] = " \t\n\v\f\r),/}=".includes(String.fromCharCode(c)) ? 1 : 0;
  MACRO_NAME[c] = isAlnum(c) || c === 95 ? 1 : 0;
}
NUMBER_END[128] = 1;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Word rules as tables by ASCII code: what may start a word, what may continue one. */
interface WordTables {
  start: Uint8Array;
  inside: Uint8Array;
}

const wordTableCache = new Map<string, WordTables>();

function wordTables(rules: WordRules): WordTables {
  const key = `${rules.start}\0${rules.stops}`;
  let tables = wordTableCache.get(key);
  if (!tables) {
    tables = { start: new Uint8Array(128), inside: new Uint8Array(128) };
    for (let c = 0; c < 128; c++) {
      const ch = String.fromCharCode(c);
      const punct = c > 32 && c < 127 && !isAlnum(c);
      tables.start[c] = isAlnum(c) || rules.start.includes(ch) ? 1 : 0;
      tables.inside[c] = isAlnum(c) || (punct && !rules.stops.includes(ch)) ? 1 : 0;
    }
    wordTableCache.set(key, tables);
  }
  return tables;
}

const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;
const EOF = -1;

/**
 * Scans `text` as yylex does. Never throws. The stream ends with the fake
 * newline parse.y returns at end of file, unless a quoted string ran to the
 * end (then it just ends, as yylex returns 0).
 */
export function scanParsey(text: string, options: ScanOptions): ParseyTokens {
  const scanner = new Scanner(text, options);
  scanner.run(0);
  return scanner.result;
}

const byFirstCache = new WeakMap<ReadonlyMap<string, number>, Array<Array<[string, number]> | undefined>>();

/**
 * Keywords grouped by their first character's code (ASCII), so a scanner can
 * match a word without making a string of it. Cached per keyword map.
 */
export function keywordsByFirst(keywords: ReadonlyMap<string, number>): Array<Array<[string, number]> | undefined> {
  let table = byFirstCache.get(keywords);
  if (!table) {
    table = new Array(128);
    for (const [word, code] of keywords) (table[word.charCodeAt(0)] ??= []).push([word, code]);
    byFirstCache.set(keywords, table);
  }
  return table;
}

// core's token stream: the builder's arrays plus what parse.y tokens carry.
class ParseyStream extends TokenStreamBuilder implements ParseyTokens {
  readonly rewritten = new Map<number, string>();
  quoted: Uint8Array;
  problems: ScanProblem[] = [];
  defined: number[] = [];
  endOffset: number;
  endedInQuote = false;
  readonly readAsNothing: Span[] = [];
  readonly #scanner: Scanner;

  constructor(scanner: Scanner, capacity: number) {
    super(scanner.text, capacity);
    this.#scanner = scanner;
    this.quoted = new Uint8Array(capacity);
    this.endOffset = scanner.text.length;
  }

  // Folded newline runs as (token index, count) pairs in token order: a
  // clean file's parse never asks for the map, so it is made when asked for.
  // (Typed, so that they are no work for the garbage collector.)
  #runPairs = new Int32Array(64);
  #runLength = 0;
  #runMap: Map<number, number> | undefined;

  get newlineRuns(): Map<number, number> {
    if (!this.#runMap) {
      const pairs = this.#runPairs;
      const map = new Map<number, number>();
      for (let k = 0; k < this.#runLength; k += 2) map.set(pairs[k]!, pairs[k + 1]!);
      this.#runMap = map;
    }
    return this.#runMap;
  }

  addNewlineRun(index: number, count: number): void {
    if (this.#runLength === this.#runPairs.length) this.#runPairs = TokenStreamBuilder.resized(this.#runPairs, this.#runLength * 2, this.#runLength);
    this.#runPairs[this.#runLength++] = index;
    this.#runPairs[this.#runLength++] = count;
    this.#runMap?.set(index, count);
  }

  value(i: number): string | undefined {
    const code = this.codes[i];
    if (code !== TokenCode.String && code !== TokenCode.Number) return undefined;
    const special = this.rewritten.size === 0 ? undefined : this.rewritten.get(i);
    if (special !== undefined) return special;
    return this.quoted[i] === 1 ? this.text.slice(this.starts[i]! + 1, this.ends[i]! - 1) : this.text.slice(this.starts[i]!, this.ends[i]!);
  }

  rescan(index: number): void {
    // Past the last token there may still be an unterminated quoted string: scan it again.
    const from = index < this.count ? this.starts[index]! : this.endedInQuote ? this.endOffset : this.text.length;
    this.count = index;
    for (const k of [...this.rewritten.keys()]) if (k >= index) this.rewritten.delete(k);
    while (this.#runLength > 0 && this.#runPairs[this.#runLength - 2]! >= index) {
      this.#runLength -= 2;
      this.#runMap?.delete(this.#runPairs[this.#runLength]!);
    }
    this.problems = this.problems.filter((p) => p.token < index);
    this.defined = this.defined.filter((d) => d < index);
    while (this.readAsNothing.length > 0 && this.readAsNothing[this.readAsNothing.length - 1]!.start >= from) this.readAsNothing.pop();
    this.endOffset = this.text.length;
    this.endedInQuote = false;
    this.#scanner.restart(from);
  }

  protected override resize(capacity: number): void {
    super.resize(capacity);
    this.quoted = TokenStreamBuilder.resized(this.quoted, capacity, this.count);
  }
}

class Scanner {
  readonly text: string;
  readonly options: ScanOptions;
  readonly result: ParseyStream;
  // Where characters come from: the file, or a macro value being expanded
  // (then `src` is the value and reading past its end continues in the file
  // at `resume`, as lgetc reads the pushback buffer first).
  src: string;
  pos = 0;
  expanding = false;
  resume = 0;
  refStart = 0;
  refEnd = 0;
  // Tokens when the current expansion began; the reference's start when an
  // expansion ended without a token (undecided until the next token: one
  // that starts at the reference covers it).
  expansionTokens = 0;
  emptyReference = -1;
  eofReached = false;
  ended = false;
  // yylex state for defineMacros: brace depth and the statement-start pattern.
  depth = 0;
  pattern = 0;
  patternName = "";
  patternIndex = 0;
  patternValue = "";
  readonly byFirst: Array<Array<[string, number]> | undefined>;
  // The word rules' tables (allowed_in_string and the characters that start a word).
  readonly wordStart: Uint8Array;
  readonly wordInside: Uint8Array;

  constructor(text: string, options: ScanOptions) {
    this.text = text;
    this.byFirst = keywordsByFirst(options.keywords);
    this.src = text;
    this.options = options;
    const words = wordTables(options.words ?? VMD_WORDS);
    this.wordStart = words.start;
    this.wordInside = words.inside;
    this.result = new ParseyStream(this, Math.max(16, text.length >> 2));
  }

  /** Scans again from file offset `from`, in the state of a line's start. */
  restart(from: number): void {
    this.src = this.text;
    this.expanding = false;
    this.eofReached = false;
    this.ended = false;
    this.depth = 0;
    this.pattern = 0;
    this.emptyReference = -1;
    this.run(from);
  }

  run(from: number): void {
    this.pos = from;
    while (!this.ended) this.token();
    if (this.emptyReference >= 0) this.settleEmptyReference(this.text.length + 1);
    this.result.seal();
  }

  // ----- output -----

  emit(code: number, start: number, end: number, value: string | undefined, quoted = false): void {
    if (this.emptyReference >= 0) this.settleEmptyReference(start);
    const r = this.result;
    const i = r.push(code, start, end);
    r.quoted[i] = quoted ? 1 : 0;
    if (value !== undefined) {
      const from = quoted ? start + 1 : start;
      if (value.length !== end - from - (quoted ? 1 : 0) || !this.text.startsWith(value, from)) r.rewritten.set(i, value);
    }
    if (this.options.defineMacros) this.track(code, i);
  }

  // `name = value` at the start of a top-level line defines a macro.
  track(code: number, i: number): void {
    if (code === C.BraceOpen) this.depth++;
    else if (code === C.BraceClose) this.depth--;
    switch (this.pattern) {
      case 0:
        this.pattern = code === TokenCode.String && this.depth === 0 ? 1 : code === C.Newline ? 0 : 4;
        if (this.pattern === 1) {
          this.patternName = this.result.value(i)!;
          this.patternIndex = this.result.count - 1;
        }
        return;
      case 1:
        this.pattern = code === C.Equals ? 2 : 4;
        break;
      case 2:
        this.pattern = code === TokenCode.String ? 3 : 4;
        if (this.pattern === 3) this.patternValue = this.result.value(i)!;
        break;
      case 3:
        if (code === C.Newline && !/\s/.test(this.patternName.slice(1))) {
          this.options.macros.delete(this.patternName);
          this.options.macros.set(this.patternName, { value: this.patternValue, used: false });
          this.result.defined.push(this.patternIndex);
        }
        this.pattern = 4;
        break;
    }
    if (code === C.Newline) this.pattern = 0;
  }

  problem(code: string, message: string, start: number, end: number): void {
    this.result.problems.push({ code, message, token: this.result.count, start, end });
  }

  // ----- characters (lgetc) -----

  // The reading state before the last getc(), for lungetc() and token starts.
  prevSrc = "";
  prevPos = 0;
  prevExpanding = false;
  prevEof = false;

  /** End offset for a token that ends at the reading position. */
  get endHere(): number {
    return this.expanding ? this.refEnd : this.pos;
  }

  /** igetc: the next raw character, leaving an expansion when its value is used up. */
  raw(): number {
    for (;;) {
      if (this.pos < this.src.length) return this.src.charCodeAt(this.pos++);
      if (this.src === this.text) return EOF;
      this.leaveExpansion();
    }
  }

  leaveExpansion(): void {
    this.src = this.text;
    this.pos = this.resume;
    this.expanding = false;
    if (this.result.count === this.expansionTokens) this.emptyReference = this.refStart;
  }

  // A reference whose expansion made no token is read as nothing, unless the
  // token that follows starts at it (a word that runs on into the file).
  settleEmptyReference(nextStart: number): void {
    if (nextStart > this.emptyReference) this.result.readAsNothing.push({ start: this.emptyReference, end: this.refEnd });
    this.emptyReference = -1;
  }

  /** lgetc(0): backslash rules and the fake newline at the first end of file. */
  getc(): number {
    if (this.src !== this.text && this.pos >= this.src.length) {
      // Past the end of an expansion (DONE_EXPAND): back in the file.
      this.leaveExpansion();
    }
    this.prevSrc = this.src;
    this.prevPos = this.pos;
    this.prevExpanding = this.expanding;
    this.prevEof = this.eofReached;
    let c = this.raw();
    while (c === C.Backslash) {
      const next = this.raw();
      if (next !== C.Newline) {
        c = next;
        break;
      }
      c = this.raw();
    }
    if (c === EOF && !this.eofReached) {
      this.eofReached = true;
      return C.Newline;
    }
    return c;
  }

  /** lungetc() of the character the last getc() returned. */
  unget(): void {
    this.src = this.prevSrc;
    this.pos = this.prevPos;
    this.expanding = this.prevExpanding;
    this.eofReached = this.prevEof;
  }

  /** True when the last getc() returned the fake newline at end of file. */
  get lastWasFakeNewline(): boolean {
    return this.eofReached && !this.prevEof;
  }

  /** Offset where the character the last getc() returned begins (its backslash included). */
  startOfLast(): number {
    if (this.prevExpanding) return this.refStart;
    if (this.prevSrc !== this.text) return this.refEnd;
    let p = this.prevPos;
    const text = this.text;
    while (p + 1 < text.length && text.charCodeAt(p) === C.Backslash && text.charCodeAt(p + 1) === C.Newline) p += 2;
    return Math.min(p, text.length);
  }

  // ----- tokens (yylex) -----

  token(): void {
    const text = this.text;
    if (!this.expanding) {
      // Fast path: plain file text, no backslash in the token.
      let p = this.pos;
      let c = p < text.length ? text.charCodeAt(p) : EOF;
      while (c === C.Space || c === C.Tab) c = ++p < text.length ? text.charCodeAt(p) : EOF;
      this.pos = p;
      if (c >= 0 && c < 128 && this.wordStart[c] === 1) {
        const inside = this.wordInside;
        let q = p + 1;
        let d = q < text.length ? text.charCodeAt(q) : C.Newline;
        if (c <= 57 && c >= 48) {
          while (d >= 48 && d <= 57) d = ++q < text.length ? text.charCodeAt(q) : C.Newline;
          if (d < 128 && NUMBER_END[d] === 1) {
            if (q - p > 18) return this.slowToken();
            this.pos = q;
            this.emit(TokenCode.Number, p, q, undefined);
            return;
          }
        }
        while (d < 128 && inside[d] === 1 && d !== C.Backslash) d = ++q < text.length ? text.charCodeAt(q) : C.Newline;
        if (d !== C.Backslash && q - p <= MAX_WORD_BYTES) {
          this.pos = q;
          this.emit(this.keywordAt(p, q), p, q, undefined);
          return;
        }
      } else if (c === C.Newline) {
        this.newline(p);
        return;
      } else if (c === C.Quote || c === C.Apostrophe) {
        let q = p + 1;
        let d = q < text.length ? text.charCodeAt(q) : EOF;
        while (d !== c && d !== C.Backslash && d !== C.Newline && d !== 0 && d !== EOF) {
          d = ++q < text.length ? text.charCodeAt(q) : EOF;
        }
        if (d === c && (q - p - 1) * 3 <= MAX_QUOTED_BYTES) {
          this.pos = q + 1;
          this.emit(TokenCode.String, p, q + 1, undefined, true);
          return;
        }
      } else if (c === C.BraceOpen || c === C.BraceClose || c === C.Equals || c === 44) {
        this.pos = p + 1;
        this.emit(c, p, p + 1, undefined);
        return;
      }
    }
    this.slowToken();
  }

  // Keyword code of the word text[p..q), or String: no string is made for a keyword.
  keywordAt(p: number, q: number): number {
    const candidates = this.byFirst[this.text.charCodeAt(p)];
    if (candidates) {
      for (const [word, code] of candidates) if (word.length === q - p && this.text.startsWith(word, p)) return code;
    }
    return TokenCode.String;
  }

  newline(p: number): void {
    const text = this.text;
    let end = p + 1;
    let count = 1;
    if (this.options.foldNewlines) {
      // Absorb the blank lines, comment lines and continuations that follow,
      // and the fake newline at the end of the file when nothing else comes.
      let q = end;
      for (;;) {
        let c = q < text.length ? text.charCodeAt(q) : EOF;
        for (;;) {
          if (c === C.Space || c === C.Tab) c = ++q < text.length ? text.charCodeAt(q) : EOF;
          else if (c === C.Backslash && q + 1 < text.length && text.charCodeAt(q + 1) === C.Newline) c = (q += 2) < text.length ? text.charCodeAt(q) : EOF;
          else break;
        }
        if (c === C.Hash) {
          // A comment runs to the newline; a backslash takes the next character with it.
          while (q < text.length && (c = text.charCodeAt(q)) !== C.Newline) q += c === C.Backslash ? 2 : 1;
          if (q > text.length) q = text.length;
          c = q < text.length ? C.Newline : EOF;
        }
        if (c === C.Newline) {
          end = ++q;
          count++;
          continue;
        }
        if (c === EOF && !this.eofReached) {
          this.eofReached = true;
          end = text.length;
          count++;
        }
        break;
      }
    }
    this.pos = end;
    if (count !== 1) this.result.addNewlineRun(this.result.count, count);
    this.emit(C.Newline, p, end, undefined);
  }

  // The general path: backslashes, macros, numbers, comments, errors.
  slowToken(): void {
    let c = this.getc();
    while (c === C.Space || c === C.Tab) c = this.getc();
    if (c === EOF) {
      this.ended = true;
      return;
    }
    // A comment that starts in a macro's value runs on into the file: the
    // newline token then covers the reference and the rest of the line.
    let commentFrom = -1;
    if (c === C.Hash) {
      if (this.prevExpanding) commentFrom = this.refStart;
      while ((c = this.getc()) !== C.Newline && c !== EOF);
      if (c === EOF) {
        this.ended = true;
        return;
      }
    }
    const start = commentFrom >= 0 ? commentFrom : this.startOfLast();
    if (c === C.Dollar && !this.expanding) return this.macro(start);
    if (c === C.Quote || c === C.Apostrophe) return this.quoted(c, start);
    if (c === C.Minus || (c >= 48 && c <= 57)) {
      const afterFirst = this.save();
      if (this.number(c, start)) return;
      this.restore(afterFirst);
      if (c === C.Minus) {
        this.emit(C.Minus, start, this.endHere, undefined);
        return;
      }
    }
    if (c >= 0 && c < 128 && this.wordStart[c] === 1) return this.word(c, start);
    if (c === C.Newline) {
      if (this.lastWasFakeNewline) this.emit(C.Newline, commentFrom >= 0 ? start : this.text.length, this.text.length, undefined);
      else if (this.prevExpanding || this.prevSrc !== this.text || commentFrom >= 0) this.emit(C.Newline, start, this.endHere, undefined);
      else this.newline(this.pos - 1);
      return;
    }
    const code = c === C.BraceOpen || c === C.BraceClose || c === C.Equals || c === 44 || (c > 32 && c < 127) ? c : TokenCode.Other;
    this.emit(code, start, this.endHere, undefined);
  }

  save(): [string, number, boolean, boolean] {
    return [this.src, this.pos, this.expanding, this.eofReached];
  }

  restore(state: [string, number, boolean, boolean]): void {
    [this.src, this.pos, this.expanding, this.eofReached] = state;
  }

  /** Reads a number; false when the characters must be read again as a word. */
  number(first: number, start: number): boolean {
    let digits = String.fromCharCode(first);
    let c: number;
    while ((c = this.getc()) >= 48 && c <= 57) {
      digits += String.fromCharCode(c);
      if (digits.length >= MAX_WORD_BYTES + 1) {
        this.tooLong(start);
        return true;
      }
    }
    this.unget();
    if (digits === "-") return false;
    if (c === EOF || (c < 128 && NUMBER_END[c] === 1)) {
      const n = BigInt(digits);
      if (n > LLONG_MAX || n < LLONG_MIN) {
        this.problem("INVALID_NUMBER", `"${digits}" invalid number: ${n > LLONG_MAX ? "too large" : "too small"}`, start, this.endHere);
        this.findEol(start);
        return true;
      }
      this.emit(TokenCode.Number, start, this.endHere, digits);
      return true;
    }
    return false;
  }

  word(first: number, start: number): void {
    let value = String.fromCharCode(first);
    let c: number;
    for (;;) {
      c = this.getc();
      if (c < 0 || c >= 128 || this.wordInside[c] !== 1) break;
      value += String.fromCharCode(c);
      if (value.length >= MAX_WORD_BYTES + 1) return this.tooLong(start);
    }
    this.unget();
    const end = this.endHere;
    const keyword = this.options.keywords.get(value);
    if (keyword !== undefined) this.emit(keyword, start, end, undefined);
    else this.emit(TokenCode.String, start, end, value);
  }

  quoted(quote: number, start: number): void {
    let value = "";
    let bytes = 0;
    for (;;) {
      let c = this.raw();
      if (c === EOF) return this.unterminated(start);
      if (c === C.Newline) continue;
      if (c === C.Backslash) {
        const next = this.raw();
        if (next === EOF) return this.unterminated(start);
        if (next === quote || next === C.Space || next === C.Tab) c = next;
        else if (next === C.Newline) continue;
        else this.pos--;
      } else if (c === quote) {
        break;
      } else if (c === 0) {
        this.problem("NUL_IN_STRING", "syntax error", start, this.endHere);
        return this.findEol(start);
      }
      const units = utf8Units(c);
      if (bytes + units > MAX_QUOTED_BYTES) {
        this.problem("STRING_TOO_LONG", "string too long", start, this.endHere);
        return this.findEol(start);
      }
      bytes += units;
      value += String.fromCharCode(c);
    }
    this.emit(TokenCode.String, start, this.endHere, value, true);
  }

  unterminated(start: number): void {
    this.problem("UNTERMINATED_QUOTE", "reached end of file while parsing quoted string", start, this.text.length);
    this.result.endOffset = start;
    this.result.endedInQuote = true;
    this.ended = true;
  }

  macro(start: number): void {
    let name = "";
    let c: number;
    for (;;) {
      c = this.getc();
      if (c === EOF) {
        this.ended = true;
        return;
      }
      if (name.length >= MAX_QUOTED_BYTES) return this.tooLong(start);
      if (c < 128 && MACRO_NAME[c] === 1) name += String.fromCharCode(c);
      else break;
    }
    this.unget();
    const end = this.pos;
    const definition = this.options.macros.get(name);
    if (!definition) {
      this.problem("UNDEFINED_MACRO", `macro '${name}' not defined`, start, end);
      return this.findEol(start);
    }
    definition.used = true;
    // The value is pushed back into the input and read as if it were there.
    this.resume = this.pos;
    this.refStart = start;
    this.refEnd = end;
    this.src = definition.value;
    this.pos = 0;
    this.expanding = true;
    this.expansionTokens = this.result.count;
  }

  tooLong(start: number): void {
    this.problem("STRING_TOO_LONG", "string too long", start, Math.min(this.text.length, start + 1));
    this.findEol(start);
  }

  // findeol(): skip to the end of the line; the Error token covers it.
  findEol(start: number): void {
    let c: number;
    while ((c = this.getc()) !== C.Newline && c !== EOF);
    this.emit(TokenCode.Error, start, this.endHere, undefined);
    if (c === EOF) this.ended = true;
  }
}

/** What {@link streamCoverageProblem} accepts besides tokens and trivia, per scanner. */
export interface CoverageRules {
  /** Matches a whole gap between tokens: what the scanner skips. */
  trivia: RegExp;
  /** Spans, in order, that are neither tokens nor trivia but count as read (e.g. words that read as nothing). */
  also?: ReadonlyArray<{
    /** Start offset. */
    readonly start: number;
    /** End offset (exclusive). */
    readonly end: number;
  }>;
  /** True when token `i`, which starts before `covered`, may share text already covered (it then extends it). */
  shares?: (i: number, covered: number) => boolean;
  /** Refuse empty tokens. */
  nonEmpty?: boolean;
  /** Where the text to cover ends (default: its end); what follows is not checked. */
  end?: number;
}

/**
 * Checks that tokens (and `rules.also`) and trivia cover the text exactly
 * once, in order. Returns a description of the first place where they do
 * not, or undefined.
 */
export function streamCoverageProblem(tokens: TokenStream, rules: CoverageRules): string | undefined {
  const { text, starts, ends, count } = tokens;
  const also = rules.also ?? [];
  let covered = 0;
  for (let i = 0, j = 0; i < count || j < also.length; ) {
    const isToken = j >= also.length || (i < count && starts[i]! <= also[j]!.start);
    const start = isToken ? starts[i]! : also[j]!.start;
    const end = isToken ? ends[i]! : also[j]!.end;
    const what = isToken ? `token ${i} at ${start}` : `span at ${start}`;
    if (isToken) i++;
    else j++;
    if (end < start || (isToken && rules.nonEmpty && end === start)) return `${what} is empty or ends before it starts`;
    if (start < covered) {
      if (isToken && rules.shares?.(i - 1, covered)) {
        covered = Math.max(covered, end);
        continue;
      }
      return `${what} overlaps what ends at ${covered}`;
    }
    const gap = text.slice(covered, start);
    if (!rules.trivia.test(gap)) return `not trivia at ${covered}: ${JSON.stringify(gap.slice(0, 40))}`;
    covered = end;
  }
  const rest = text.slice(covered, rules.end ?? text.length);
  return rules.trivia.test(rest) ? undefined : `not trivia at ${covered}: ${JSON.stringify(rest.slice(0, 40))}`;
}

/** Blanks, backslash-newlines, comments and newlines: what may lie between tokens. */
const TRIVIA = /^(?:[ \t]|\\[ \t\n]|\\?#(?:[^\\\n]|\\[\s\S])*\\?|\n|\\$)*$/;

/**
 * Checks that tokens and trivia cover the text exactly once, in order (the
 * tokens of one macro expansion share the reference's span). Returns a
 * description of the first place where they do not, or undefined.
 */
export function coverageProblem(tokens: ParseyTokens): string | undefined {
  const { starts, ends } = tokens;
  return streamCoverageProblem(tokens, {
    trivia: TRIVIA,
    also: tokens.readAsNothing,
    // Tokens of one expansion share the reference; the last may run on into the file.
    shares: (i) => i > 0 && starts[i] === starts[i - 1] && ends[i]! >= ends[i - 1]!,
    // An unterminated quoted string runs from endOffset to the end.
    // (When it starts in a macro's value, endOffset is the reference, already covered.)
    end: tokens.endedInQuote ? tokens.endOffset : tokens.text.length,
  });
}
