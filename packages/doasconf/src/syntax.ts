import type { Rule } from "./model.js";

/** A span of source: 0-based offsets. */
export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** A line of doas.conf: a rule, or a line doas rejected. */
export type Statement = Span & {
  /** Offset just past the newline that ends the statement (the end of the text when none does). */
  lineEnd: number;
} & (
    | {
        /** A rule doas read. */
        kind: "rule";
        /** The rule as read. */
        rule: Rule;
      }
    | {
        /** A line doas skipped after an error (yacc's `error '\n'`). */
        kind: "error";
      }
  );
