/** A 1-based line and column (columns count UTF-16 code units, as JavaScript strings do). */
export interface LinePosition {
  /** Line number, 1-based. */
  line: number;
  /** Column number, 1-based. */
  column: number;
}

/**
 * Maps 0-based offsets in a text to 1-based lines and columns. The table of
 * line starts is built on first use, so a document that never reports a
 * position never pays for it.
 */
export class LineIndex {
  readonly #text: string;
  #starts: Int32Array | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Number of lines; a text ending in a newline has an empty last line. */
  get lineCount(): number {
    return this.#lineStarts().length;
  }

  /** Line and column of a 0-based offset (clamped to the text). */
  position(offset: number): LinePosition {
    const starts = this.#lineStarts();
    const at = Math.max(0, Math.min(offset, this.#text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: at - starts[low]! + 1 };
  }

  /** 0-based offset of the first character of a 1-based line (clamped). */
  lineStart(line: number): number {
    const starts = this.#lineStarts();
    if (line < 1) return 0;
    if (line > starts.length) return this.#text.length;
    return starts[line - 1]!;
  }

  /** 0-based offset just past the last character of a line, before its newline. */
  lineEnd(line: number): number {
    const next = line < this.lineCount ? this.lineStart(line + 1) - 1 : this.#text.length;
    return Math.max(this.lineStart(line), next);
  }

  #lineStarts(): Int32Array {
    if (this.#starts) return this.#starts;
    const text = this.#text;
    let count = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
    const starts = new Int32Array(count);
    let n = 1;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts[n++] = i + 1;
    this.#starts = starts;
    return starts;
  }
}
