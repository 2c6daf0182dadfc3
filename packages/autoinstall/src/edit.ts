import { align, applyEdits, changedCopy, type TextEdit } from "@obsdconf/core";
import { answerLine, writableAnswer } from "./generate.js";
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
  const text = doc.text;
  const lines = doc.syntax.lines.filter((l) => l.kind === "answer");
  const olds = doc.model.answers;
  const news = model.answers;
  const edits: TextEdit[] = [];
  let insertAt = 0;
  let pending = "";
  const flush = (): void => {
    if (!pending) return;
    const lead = insertAt > 0 && text[insertAt - 1] !== "\n" ? "\n" : "";
    edits.push({ offset: insertAt, length: 0, content: lead + pending });
    pending = "";
  };
  for (const [o, n] of align(olds, news, (a) => a.key.toLowerCase())) {
    if (o !== undefined && n !== undefined) {
      flush();
      const line = lines[o]!;
      const before = olds[o]!;
      const after = news[n]!;
      if (before.key !== after.key) {
        edits.push({ offset: line.start, length: line.end - line.start, content: answerLine(after, `answers[${n}]`) });
      } else if (before.answer !== after.answer) {
        const content = writableAnswer(after.answer, `answers[${n}].answer`);
        edits.push({ offset: line.answerStart, length: line.end - line.answerStart, content });
      }
      insertAt = line.lineEnd;
    } else if (o !== undefined) {
      const line = lines[o]!;
      const segmentStart = text.lastIndexOf("\n", line.start - 1) + 1;
      edits.push({ offset: segmentStart, length: line.lineEnd - segmentStart, content: "" });
    } else if (n !== undefined) {
      if (insertAt === 0 && lines.length > 0 && pending === "") insertAt = firstAnswerLineStart(text, lines[0]!.start);
      if (lines.length === 0) insertAt = text.length;
      pending += `${answerLine(news[n]!, `answers[${n}]`)}\n`;
    }
  }
  flush();
  return edits;
}

function firstAnswerLineStart(text: string, start: number): number {
  return text.lastIndexOf("\n", start - 1) + 1;
}
