import { align, applyEdits, changedCopy, deepEqual, type TextEdit } from "@obsdconf/core";
import { partitionLine } from "./generate.js";
import type { DisklabelTemplate } from "./model.js";
import type { DisklabelDocument } from "./parse.js";

/**
 * Applies `change` to a copy of the template and returns the new text: lines
 * of unchanged partitions keep their bytes, changed ones are rewritten,
 * removed ones deleted, new ones inserted after the partition before them.
 */
export function update(doc: DisklabelDocument, change: (model: DisklabelTemplate) => DisklabelTemplate | void): string {
  const next = changedCopy(doc.model, change);
  const text = doc.text;
  const lines = doc.syntax.lines.filter((l) => l.partitionIndex >= 0);
  const olds = doc.model.partitions;
  const edits: TextEdit[] = [];
  let insertAt = lines.length ? lines[0]!.start : text.length;
  for (const [o, n] of align(olds, next.partitions, (p) => p.mountPoint)) {
    if (o !== undefined && n !== undefined) {
      const line = lines[o]!;
      if (!deepEqual(olds[o], next.partitions[n])) {
        const end = text[line.lineEnd - 1] === "\n" ? line.lineEnd - 1 : line.lineEnd;
        edits.push({ offset: line.start, length: end - line.start, content: partitionLine(next.partitions[n]!, `partitions[${n}]`) });
      }
      insertAt = line.lineEnd;
    } else if (o !== undefined) {
      const line = lines[o]!;
      edits.push({ offset: line.start, length: line.lineEnd - line.start, content: "" });
    } else if (n !== undefined) {
      const lead = insertAt > 0 && text[insertAt - 1] !== "\n" ? "\n" : "";
      edits.push({ offset: insertAt, length: 0, content: `${lead}${partitionLine(next.partitions[n]!, `partitions[${n}]`)}\n` });
    }
  }
  return applyEdits(text, edits);
}
