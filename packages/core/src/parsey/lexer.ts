import { byteLength, MAX_QUOTED_BYTES, MAX_WORD_BYTES, readQuoted, readWord } from "./escapes.js";
import { lexRaw, rawEnd, RawKind, type RawTokens } from "./raw-tokens.js";

/** Token types the parse.y grammars see. */
export type TokenType =
  | "STRING"
  | "NUMBER"
  | "KEYWORD"
  | "{"
  | "}"
  | "="
  | ","
  | "\n"
  | "CHAR"
  | "ERROR"
  | "EOF";

/**
 * A token as yylex returns it. Offsets cover the source it came from; a token
 * from a macro expansion covers the `$name` reference.
 */
export interface Token {
  /** What the grammar sees. */
  type: TokenType;
  /** String value, keyword, digits of a number, or the character itself. */
  value: string;
  /** Numeric value of a NUMBER token. */
  number: number;
  /** 0-based start offset in the source. */
  start: number;
  /** 0-based end offset (exclusive). */
  end: number;
  /** The line parse.y records for this token (1-based). */
  line: number;
  /** True for a STRING that was quoted in the source. */
  quoted: boolean;
  /** Name of the macro this token was expanded from. */
  macro: string | undefined;
}

/** A macro definition as the lexer sees it. */
export interface MacroDefinition {
  /** The text a reference expands to. */
  value: string;
  /** Set by the lexer when the macro is expanded. */
  used: boolean;
}

/** A problem the lexer reports, positioned by source offsets and the parse.y line. */
export interface LexProblem {
  /** Stable code, e.g. `UNDEFINED_MACRO`. */
  code: string;
  /** The daemon's wording. */
  message: string;
  /** Start offset in the source. */
  start: number;
  /** End offset in the source. */
  end: number;
  /** The line parse.y reports. */
  line: number;
}

/** Options of {@link ParseyLexer}. */
export interface ParseyLexerOptions {
  /** Reserved words of the grammar (they become KEYWORD tokens). */
  keywords: ReadonlySet<string>;
  /** Macro table, shared with the parser that defines macros. */
  macros: Map<string, MacroDefinition>;
  /** Receives lexical errors in the daemon's wording. */
  report: (problem: LexProblem) => void;
  /** Lexing a macro value: `$` is an ordinary character. */
  expanding?: boolean;
}

const PUNCT_TYPES: Record<string, TokenType> = { "{": "{", "}": "}", "=": "=", ",": "," };
const LLONG_MAX = 9223372036854775807n;
const LLONG_MIN = -9223372036854775808n;
const WORD_CHAR = /^[A-Za-z0-9"$%&'*+\-./:;<>?@[\]^_`|~]$/;

/**
 * yylex of OpenBSD's parse.y family over raw tokens: keywords, strings,
 * numbers, `$macro` expansion (not inside quotes, not recursive), the fake
 * newline at end of file, and the lexical errors with their exact wording.
 * Blanks and comments are skipped; the parser sees newlines.
 */
export class ParseyLexer {
  /** The raw tokens being read. */
  readonly raw: RawTokens;
  readonly #options: ParseyLexerOptions;
  readonly #text: string;
  #index = 0;
  #pending: Token[] = [];
  #fakeNewlineDone = false;
  #ended = false;
  #lineOffset = 0;
  #line = 1;
  #nextNewline: number;

  constructor(raw: RawTokens, options: ParseyLexerOptions) {
    this.raw = raw;
    this.#options = options;
    this.#text = raw.text;
    this.#nextNewline = this.#text.indexOf("\n");
  }

  /** Index of the next raw token to be read. */
  get rawIndex(): number {
    return this.#index;
  }

  /** The next token; after the end of input, EOF forever. */
  next(): Token {
    for (;;) {
      const token = this.#pending.shift() ?? this.#read();
      if (token) return token;
    }
  }

  /** Line of an offset, for offsets that only move forward (falls back to a scan). */
  lineAt(offset: number): number {
    if (offset < this.#lineOffset) {
      this.#lineOffset = 0;
      this.#line = 1;
      this.#nextNewline = this.#text.indexOf("\n");
    }
    while (this.#nextNewline !== -1 && this.#nextNewline < offset) {
      this.#line++;
      this.#nextNewline = this.#text.indexOf("\n", this.#nextNewline + 1);
    }
    this.#lineOffset = offset;
    return this.#line;
  }

  #token(type: TokenType, value: string, start: number, end: number, line: number, quoted = false): Token {
    return { type, value, number: 0, start, end, line, quoted, macro: undefined };
  }

  #eof(): Token {
    const end = this.#text.length;
    return this.#token("EOF", "", end, end, this.lineAt(end) + (this.#fakeNewlineDone ? 1 : 0));
  }

  #read(): Token | undefined {
    const raw = this.raw;
    if (this.#ended) return this.#eof();
    const i = this.#index;
    if (i >= raw.count) {
      if (this.#fakeNewlineDone) return this.#eof();
      this.#fakeNewlineDone = true;
      const end = this.#text.length;
      return this.#token("\n", "\n", end, end, this.lineAt(end));
    }
    this.#index = i + 1;
    const kind = raw.kinds[i]!;
    if (kind === RawKind.Blank || kind === RawKind.Comment) return undefined;
    const start = raw.starts[i]!;
    const end = rawEnd(raw, i);
    const line = this.lineAt(start);
    switch (kind) {
      case RawKind.Newline:
        return this.#token("\n", "\n", start, end, line);
      case RawKind.Word:
      case RawKind.Number:
        return this.#word(this.#text.slice(start, end), kind === RawKind.Number, start, end, line);
      case RawKind.Quoted:
      case RawKind.QuotedUnterminated:
        return this.#quoted(start, end, line);
      case RawKind.Macro:
        return this.#macro(start, end, line);
      case RawKind.Punct: {
        const c = this.#text[start]!;
        return this.#token(PUNCT_TYPES[c]!, c, start, end, line);
      }
      default: {
        const text = this.#text.slice(start, end);
        const c = text.length === 2 && text[0] === "\\" ? text[1]! : text;
        const punct = PUNCT_TYPES[c];
        return this.#token(punct ?? "CHAR", c, start, end, line);
      }
    }
  }

  #word(rawText: string, isNumber: boolean, start: number, end: number, line: number): Token {
    const value = isNumber ? rawText : readWord(rawText);
    if (byteLength(value) >= MAX_WORD_BYTES + 1) {
      this.#problem("STRING_TOO_LONG", "string too long", start, end, line);
      return this.#findEol(start, line);
    }
    if (isNumber) {
      const n = BigInt(value);
      if (n > LLONG_MAX || n < LLONG_MIN) {
        this.#problem(
          "INVALID_NUMBER",
          `"${value}" invalid number: ${n > LLONG_MAX ? "too large" : "too small"}`,
          start,
          end,
          line,
        );
        return this.#findEol(start, line);
      }
      const token = this.#token("NUMBER", value, start, end, line);
      token.number = Number(n);
      return token;
    }
    const type = this.#options.keywords.has(value) ? "KEYWORD" : "STRING";
    return this.#token(type, value, start, end, line);
  }

  #quoted(start: number, end: number, line: number): Token {
    const result = readQuoted(this.#text.slice(start, end));
    if (result.ok) return this.#token("STRING", result.value, start, end, line, true);
    if (result.problem === "unterminated") {
      this.#problem("UNTERMINATED_QUOTE", "reached end of file while parsing quoted string", start, end, line);
      this.#ended = true;
      return this.#eof();
    }
    const message = result.problem === "nul" ? "syntax error" : "string too long";
    this.#problem(result.problem === "nul" ? "NUL_IN_STRING" : "STRING_TOO_LONG", message, start, end, line);
    return this.#findEol(start, line);
  }

  #macro(start: number, end: number, line: number): Token | undefined {
    const name = this.#text.slice(start + 1, end);
    if (this.#options.expanding) {
      if (name) this.#pending.push(this.#word(name, /^[0-9]+$/.test(name), start + 1, end, line));
      return this.#token("CHAR", "$", start, start + 1, line);
    }
    if (byteLength(name) + 1 >= MAX_QUOTED_BYTES + 1) {
      this.#problem("STRING_TOO_LONG", "string too long", start, end, line);
      return this.#findEol(start, line);
    }
    const definition = this.#options.macros.get(name);
    if (!definition) {
      this.#problem("UNDEFINED_MACRO", `macro '${name}' not defined`, start, end, line);
      return this.#findEol(start, line);
    }
    definition.used = true;
    const expanded = expand(definition.value, this.#options, start, end, line, name);
    this.#glue(expanded);
    this.#pending.push(...expanded);
    return undefined;
  }

  // The expansion is pushed back into the input, so a word at its end runs on
  // into a word that follows the reference directly: `$dir/vm1.img`.
  #glue(expanded: Token[]): void {
    const last = expanded[expanded.length - 1];
    const i = this.#index;
    if (!last || i >= this.raw.count || last.quoted) return;
    if (last.type !== "STRING" && last.type !== "NUMBER" && last.type !== "KEYWORD") return;
    const kind = this.raw.kinds[i];
    if (kind !== RawKind.Word && kind !== RawKind.Number) return;
    const start = this.raw.starts[i]!;
    if (start !== last.end || !WORD_CHAR.test(this.#text[start]!)) return;
    const end = rawEnd(this.raw, i);
    this.#index = i + 1;
    const value = last.value + readWord(this.#text.slice(start, end));
    const isNumber = /^-?[0-9]+$/.test(value);
    const merged = this.#word(value, isNumber, last.start, end, last.line);
    merged.macro = last.macro;
    expanded[expanded.length - 1] = merged;
  }

  // Skips to the end of the line and returns the ERROR token, as findeol() does.
  #findEol(start: number, line: number): Token {
    const raw = this.raw;
    this.#pending.length = 0;
    let end = this.#text.length;
    while (this.#index < raw.count) {
      const i = this.#index++;
      if (raw.kinds[i] === RawKind.Newline) {
        end = rawEnd(raw, i);
        break;
      }
    }
    if (end === this.#text.length && this.#index >= raw.count) this.#fakeNewlineDone = true;
    return this.#token("ERROR", "", start, end, line);
  }

  #problem(code: string, message: string, start: number, end: number, line: number): void {
    this.#options.report({ code, message, start, end, line });
  }
}

// Tokens of a macro value, lexed with `$` not special, positioned at the reference.
function expand(
  value: string,
  outer: ParseyLexerOptions,
  start: number,
  end: number,
  line: number,
  name: string,
): Token[] {
  const raw = lexRaw(value);
  const tokens: Token[] = [];
  const report = (problem: LexProblem): void => outer.report({ ...problem, start, end, line });
  const inner = new ParseyLexer(raw, { ...outer, report, expanding: true });
  for (;;) {
    const token = inner.next();
    if (token.type === "EOF" || (token.type === "\n" && token.start === value.length)) break;
    tokens.push({ ...token, start, end, line, macro: name });
  }
  return tokens;
}
