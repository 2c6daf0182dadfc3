import { deepEqual, UnwritableValueError } from "@obsdconf/core";
import type { DisklabelTemplate, Partition, SizeRange } from "./model.js";
import { readRange } from "./parse.js";

/** `* `, `2G`, `1G-4G` or `1G-*`. */
export function sizeText(size: SizeRange): string {
  if (size.kind === "rest") return "*";
  if (size.kind === "fixed") return size.size;
  return `${size.min}-${size.max}`;
}

/** One template line without its newline; throws {@link UnwritableValueError} naming `field`. */
export function partitionLine(p: Partition, field: string): string {
  const mp = p.mountPoint;
  if (typeof mp !== "string" || !/^(\/\S*|swap|raid)$/i.test(mp) || /[\s]/.test(mp)) {
    throw new UnwritableValueError(String(mp), "a mount point is an absolute path without blanks, or swap or raid", `${field}.mountPoint`);
  }
  const text = sizeText(p.size);
  const read = /\s/.test(text) ? "has blanks" : readRange(text);
  if (typeof read === "string" || !deepEqual(read.size, p.size) || read.ignored.length > 0) {
    throw new UnwritableValueError(text, "a size is a number with a unit k, m, g or t (or *), as MIN-MAX or MIN-*", `${field}.size`);
  }
  if (p.percent === undefined) return `${mp}\t${text}`;
  if (!Number.isInteger(p.percent) || p.percent < 0 || p.percent > 100) {
    throw new UnwritableValueError(String(p.percent), "a percentage is an integer from 0 to 100", `${field}.percent`);
  }
  return `${mp}\t${text}\t${p.percent}%`;
}

/** The text of a template: one line per partition, fields separated by a tab. */
export function generate(model: DisklabelTemplate): string {
  return model.partitions.map((p, i) => `${partitionLine(p, `partitions[${i}]`)}\n`).join("");
}
