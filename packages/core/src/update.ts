// What every format package's `update` does around its own statement mapping:
// refuse a file it cannot read whole, and turn the edits of a changed copy of
// the model into text.
import { changedCopy } from "./align.js";
import type { Diagnostic } from "./diagnostic.js";
import type { Document } from "./document.js";
import { applyEdits, type TextEdit } from "./text-edit.js";

/**
 * Thrown by a format package's `update` when the document cannot be edited
 * safely: it has syntax errors, or the change would alter something the text
 * does not hold as one statement per model item (such as a macro it uses).
 * vmconf, httpdconf, dhcpdconf and doasconf export this one class as their
 * `UpdateError`, so `instanceof` does not tell the packages apart.
 */
export class UpdateError extends Error {
  /** Always `"UpdateError"`. */
  override readonly name = "UpdateError";
}

/**
 * Throws {@link UpdateError} naming the first syntax error among
 * `diagnostics` (a file with one is not understood past it, so no edit of it
 * is safe); returns when there is none.
 */
export function refuseSyntaxErrors(diagnostics: readonly Diagnostic[]): void {
  const broken = diagnostics.find((d) => d.syntax === true);
  if (broken) throw new UpdateError(`cannot edit a file with syntax errors (line ${broken.line}: ${broken.message})`);
}

/**
 * The body of every format's `update`: runs `change` on a copy-on-write copy
 * of `doc.model` (core's `changedCopy`), asks `edits` for the text edits
 * from `doc` to that model, and returns `doc.text` with them applied.
 */
export function updatedText<D extends Pick<Document<unknown, unknown>, "text" | "model">>(
  doc: D,
  change: (model: D["model"]) => D["model"] | void,
  edits: (doc: D, model: D["model"]) => readonly TextEdit[],
): string {
  return applyEdits(doc.text, edits(doc, changedCopy(doc.model, change)));
}
