import { checkedArray, checkedRecord, EditBuilder, refuseSyntaxErrors, UpdateError, updatedText, type TextEdit } from "@obsdconf/core";
import { ruleText } from "./generate.js";
import type { DoasConf, Rule } from "./model.js";
import type { DoasConfDocument } from "./parse.js";
import { doasFeatures } from "./releases.js";

// Thrown by update: core's class, which every format package exports under this name.
export { UpdateError };

/**
 * Applies `change` to a draft of the document's model and returns the new
 * text. Only the lines of rules that changed are rewritten (in place, so
 * their order, which decides in doas, is kept); removed rules leave with the
 * comment lines directly above them; new rules are written after the rule
 * before them in the new list (at the end of the file when appended: the
 * last matching rule wins). Every other byte is kept. `change` may mutate
 * the model it receives or return a new one (not both). Throws
 * {@link UpdateError} when the document has syntax errors, and
 * `UnwritableValueError` for a value that cannot be written for the
 * document's release.
 */
export function update(doc: DoasConfDocument, change: (model: DoasConf) => DoasConf | void): string {
  return updatedText(doc, change, updateEdits);
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: DoasConfDocument, model: DoasConf): TextEdit[] {
  refuseSyntaxErrors(doc.diagnostics);
  const release = doc.syntax.release;
  // The rules' own text functions check what they write (unchanged rules are not written again).
  checkedArray(checkedRecord(model, "", ["rules"], "a doas.conf model").rules, "rules");
  const nolog = doasFeatures(release).nolog;
  const spans = doc.syntax.statements.filter((s) => s.kind === "rule");
  const b = new EditBuilder(doc.text);
  b.list(spans, doc.model.rules, model.rules, {
    key: (r) => JSON.stringify(r),
    similar: sameSubject,
    text: (r, i) => ruleText(r, `rules[${i}]`, nolog),
    remove: "statement",
    insertPoint: () => doc.text.length,
  });
  return b.edits();
}

// A rule edited rather than replaced: same action, and the same identity or
// the same target and command (a renamed user keeps their rule's place).
function sameSubject(a: Rule, b: Rule): boolean {
  if (a.action !== b.action) return false;
  if (JSON.stringify(a.identity) === JSON.stringify(b.identity)) return true;
  return a.target === b.target && a.command === b.command;
}
