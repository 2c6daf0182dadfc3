import { changedCopy, EditBuilder } from "@obsdconf/core";
import { partitionLine, partitionList } from "./generate.js";
import type { DisklabelTemplate } from "./model.js";
import type { DisklabelDocument } from "./parse.js";

/**
 * Applies `change` to a copy of the template and returns the new text: lines
 * of unchanged partitions keep their bytes, changed ones are rewritten,
 * removed ones deleted, new ones inserted after the partition before them.
 * Throws `UnwritableValueError` naming the field of a value disklabel would
 * not read back.
 */
export function update(doc: DisklabelDocument, change: (model: DisklabelTemplate) => DisklabelTemplate | void): string {
  const next = changedCopy(doc.model, change);
  const text = doc.text;
  // A template has no comments: every line is a partition.
  const b = new EditBuilder(text, { isComment: () => false });
  const spans = doc.syntax.lines
    .filter((l) => l.partitionIndex >= 0)
    .map((l) => ({ start: l.start, end: text[l.lineEnd - 1] === "\n" ? l.lineEnd - 1 : l.lineEnd, lineEnd: l.lineEnd }));
  b.list(spans, doc.model.partitions, partitionList(next), {
    key: (p) => String(p?.mountPoint),
    remove: "line",
    text: (p, i) => partitionLine(p, `partitions[${i}]`),
  });
  return b.apply();
}
