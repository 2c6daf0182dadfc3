import type { Span } from "@obsdconf/core";
import type { Rule } from "./model.js";

// The span is core's, shared by every format.
export type { Span } from "@obsdconf/core";

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
