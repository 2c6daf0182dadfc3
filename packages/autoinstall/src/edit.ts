import { applyEdits, changedCopy, EditBuilder, type TextEdit } from "@obsdconf/core";
import { answerLine, answersOf, writableAnswer } from "./generate.js";
import type { InstallConf } from "./model.js";
import type { InstallConfDocument } from "./parse.js";

/**
 * Applies `change` to a copy of the document's answers and returns the new
 * text. An answer whose key stays keeps its line and spacing (only the
 * answer's text is replaced); removed answers lose their line; new answers
 * are inserted after the answer before them in the model. Comments, blank
 * lines and ignored lines stay. Throws `UnwritableValueError` for a value the
 * installer would not read back.
 */
export function update(doc: InstallConfDocument, change: (model: InstallConf) => InstallConf | void): string {
  const next = changedCopy(doc.model, change);
  return applyEdits(doc.text, updateEdits(doc, next));
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: InstallConfDocument, model: InstallConf): TextEdit[] {
  const b = new EditBuilder(doc.text);
  const lines = doc.syntax.lines.filter((l) => l.kind === "answer");
  // A model from JSON has no types: answersOf checks the list, answerLine each answer.
  b.list(lines, doc.model.answers, answersOf(model), {
    // The installer matches keys without regard to case.
    key: (a) => String(a?.key).toLowerCase(),
    // Comments and blank lines are the user's; only the answer's line goes.
    remove: "line",
    text: (a, i) => answerLine(a, `answers[${i}]`),
    change: (line, before, after, i) => {
      if (before.key !== after.key) b.replace(line.start, line.end, answerLine(after, `answers[${i}]`));
      else b.replace(line.answerStart, line.end, writableAnswer(after.answer, `answers[${i}].answer`));
    },
  });
  return b.edits();
}
