/**
 * A replacement of `length` characters at `offset` in the ORIGINAL text by
 * `content`. An empty `length` is an insertion, an empty `content` a deletion.
 */
export interface TextEdit {
  /** 0-based offset in the original text. */
  offset: number;
  /** Number of characters replaced (UTF-16 code units). */
  length: number;
  /** Replacement text. */
  content: string;
}

/** Thrown by {@link applyEdits} for edits that overlap or fall outside the text. */
export class EditConflictError extends Error {
  /** Always `"EditConflictError"`. */
  override readonly name = "EditConflictError";
}

/**
 * Applies edits made against `text` and returns the new text. Edits may come
 * in any order; two edits may not overlap. Insertions at one offset are
 * applied in the order given, before a replacement that starts there.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) =>
        a.edit.offset - b.edit.offset ||
        Number(a.edit.length > 0) - Number(b.edit.length > 0) ||
        a.order - b.order,
    );
  let out = "";
  let pos = 0;
  for (const { edit } of sorted) {
    if (edit.offset < 0 || edit.length < 0 || edit.offset + edit.length > text.length) {
      throw new EditConflictError(`edit at ${edit.offset}+${edit.length} is outside the text (${text.length})`);
    }
    if (edit.offset < pos) {
      throw new EditConflictError(`edit at ${edit.offset} overlaps the previous edit ending at ${pos}`);
    }
    out += text.slice(pos, edit.offset) + edit.content;
    pos = edit.offset + edit.length;
  }
  return out + text.slice(pos);
}
