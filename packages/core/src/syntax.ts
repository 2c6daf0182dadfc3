// The pieces of a concrete syntax tree that every format's syntax.ts shares.

/** A span of source: 0-based offsets of its first token's start and its last token's end. */
export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** What every statement of a syntax tree has: its span and the end of its last line. */
export interface StatementBase extends Span {
  /** Offset just past the newline that ends the statement's last line (or the text's end). */
  lineEnd: number;
}

/** The header end and braces of a block statement (`server "www" { … }`, `subnet … { … }`). */
export interface BlockParts {
  /** End of the last header token (before `{`). */
  headerEnd: number;
  /** The `{`. */
  open: Span;
  /** The `}`. */
  close: Span;
}
