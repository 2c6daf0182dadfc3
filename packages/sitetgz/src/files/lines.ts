import { align, applyEdits, deepEqual, diagnosticAt, LineIndex, type Diagnostic, type TextEdit } from "@obsdconf/core";

/** A line of text: `start..end` without its newline, `lineEnd` past it. */
export interface TextLine {
  /** Offset of the first character. */
  start: number;
  /** Offset of the newline (or the end of the text). */
  end: number;
  /** Offset just past the newline. */
  lineEnd: number;
}

/** Splits text into lines that cover it (a text ending with a newline has no empty last line). */
export function splitLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    out.push({ start, end, lineEnd: nl < 0 ? end : nl + 1 });
    start = end + 1;
  }
  return out;
}

/** Where a model item lives in the text: its whole line(s) and the part holding its value. */
export interface ItemSpan {
  /** Start of the item's text (for a deletion: its line's start when alone on it). */
  start: number;
  /** End of the item's text. */
  end: number;
  /** Start and end of the value, rewritten when only the value changes. */
  valueStart: number;
  /** See `valueStart`. */
  valueEnd: number;
  /** The line the item is on. */
  line: TextLine;
  /** True when the item is the only thing on its line (deleting it deletes the line). */
  aloneOnLine: boolean;
}

/** How a format writes its items. */
export interface ItemWriter<T> {
  /** Identity of an item across edits (e.g. its name). */
  key: (item: T) => string;
  /** True when only the value differs, so only the value's text is rewritten. */
  sameButValue: (a: T, b: T) => boolean;
  /** Text of the value alone. */
  valueText: (item: T, index: number) => string;
  /** A whole line for a new item (without newline). */
  lineText: (item: T, index: number) => string;
}

/**
 * Text edits turning items `olds` (at `spans`) into `news`: unchanged items
 * keep their bytes, a changed value is rewritten in place, removed items
 * lose their line (or only their text when they share it), new items go on
 * new lines after the item before them (or where the first item was).
 */
export function itemEdits<T>(text: string, olds: readonly T[], spans: readonly ItemSpan[], news: readonly T[], w: ItemWriter<T>): TextEdit[] {
  const edits: TextEdit[] = [];
  // Items before the first kept one go where the first item was.
  let insertAt = spans[0]?.line.start ?? text.length;
  const pending: string[] = [];
  const flush = (): void => {
    if (!pending.length) return;
    const at = insertAt;
    const lead = at > 0 && text[at - 1] !== "\n" ? "\n" : "";
    edits.push({ offset: at, length: 0, content: lead + pending.map((l) => `${l}\n`).join("") });
    pending.length = 0;
  };
  for (const [o, n] of align(olds, news, w.key)) {
    if (o !== undefined && n !== undefined) {
      flush();
      const span = spans[o]!;
      const before = olds[o]!;
      const after = news[n]!;
      if (!deepEqual(before, after)) {
        if (w.sameButValue(before, after)) edits.push({ offset: span.valueStart, length: span.valueEnd - span.valueStart, content: w.valueText(after, n) });
        else edits.push({ offset: span.start, length: span.end - span.start, content: w.lineText(after, n) });
      }
      insertAt = span.line.lineEnd;
    } else if (o !== undefined) {
      const span = spans[o]!;
      if (span.aloneOnLine) edits.push({ offset: span.line.start, length: span.line.lineEnd - span.line.start, content: "" });
      else edits.push({ offset: span.start, length: span.end - span.start, content: "" });
    } else if (n !== undefined) {
      pending.push(w.lineText(news[n]!, n));
    }
  }
  flush();
  return edits;
}

/** Applies {@link itemEdits}. */
export function updateItems<T>(text: string, olds: readonly T[], spans: readonly ItemSpan[], news: readonly T[], w: ItemWriter<T>): string {
  return applyEdits(text, itemEdits(text, olds, spans, news, w));
}

/** Collects diagnostics for a text. */
export class Reporter {
  /** The diagnostics so far. */
  readonly diagnostics: Diagnostic[] = [];
  readonly #lines: LineIndex;
  readonly #file: string | undefined;
  /**
   * @param text - the text reported on.
   * @param file - its name, put in diagnostics.
   */
  constructor(text: string, file: string | undefined) {
    this.#lines = new LineIndex(text);
    this.#file = file;
  }
  /** Adds a diagnostic over `start..end`. */
  add(severity: Diagnostic["severity"], code: string, message: string, start: number, end: number): void {
    this.diagnostics.push(diagnosticAt(this.#lines, start, end, severity, code, message, this.#file));
  }
}
