/** How the installer treats a line. */
export type LineKind = "blank" | "comment" | "answer" | "ignored";

/**
 * A line of a response file with 0-based offsets. The lines cover the text:
 * each runs from the previous line's `lineEnd` to its own `lineEnd`.
 */
export interface AnswerFileLine {
  /** Blank, comment (`#` first), answer, or a line the installer skips. */
  kind: LineKind;
  /** Offset of the first non-blank character (the line's end for a blank line). */
  start: number;
  /** End of the key (answers only; -1 otherwise). */
  keyEnd: number;
  /** Start of the answer (answers only; -1 otherwise). */
  answerStart: number;
  /** End of the text with trailing blanks removed. */
  end: number;
  /** Offset just past the newline (or the end of the text). */
  lineEnd: number;
  /** Index of this line's answer in the model (answers only; -1 otherwise). */
  answerIndex: number;
}
