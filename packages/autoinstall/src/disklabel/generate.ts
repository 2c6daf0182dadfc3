import { deepEqual, UnwritableValueError } from "@obsdconf/core";
import type { DisklabelTemplate, Partition, SizeRange } from "./model.js";
import { readRange, readSize } from "./sizes.js";

/** `*`, `2G`, `1G-4G` or `1G-*` for a well-formed size (the checks are those of a partition line). */
export function sizeText(size: SizeRange): string {
  if (size.kind === "rest") return "*";
  if (size.kind === "fixed") return size.size;
  return `${size.min}-${size.max}`;
}

const SIZE_FORM = "a size is a number with a unit k, m, g or t (or *), as MIN-MAX or MIN-*";

// One size string, checked at run time: a model from JSON has no types.
function sizeWord(value: unknown, field: string): string {
  const read = typeof value === "string" ? readSize(value) : undefined;
  if (typeof value !== "string" || read === undefined || read.read !== value) throw new UnwritableValueError(value, SIZE_FORM, field);
  return value;
}

function checkedSize(size: unknown, field: string): string {
  if (typeof size !== "object" || size === null || Array.isArray(size)) {
    throw new UnwritableValueError(size, 'a size is an object with kind "rest", "fixed" or "range"', field);
  }
  const s = size as Record<string, unknown>;
  let text: string;
  if (s.kind === "rest") text = "*";
  else if (s.kind === "fixed") text = sizeWord(s.size, field);
  else if (s.kind === "range") text = `${sizeWord(s.min, field)}-${s.max === "*" ? "*" : sizeWord(s.max, field)}`;
  else {
    const given = s.kind === undefined ? "the size has no kind" : "the size's kind is unknown";
    throw new UnwritableValueError(s.kind, `${given}: give kind "rest" (*), "fixed" (size) or "range" (min, max)`, `${field}.kind`);
  }
  const read = readRange(text);
  if (typeof read === "string" || !deepEqual(read.size, size) || read.ignored.length > 0) throw new UnwritableValueError(text, SIZE_FORM, field);
  return text;
}

/** One template line without its newline; throws {@link UnwritableValueError} naming `field`. */
export function partitionLine(p: Partition, field: string): string {
  if (typeof p !== "object" || p === null || Array.isArray(p)) {
    throw new UnwritableValueError(p, "a partition is an object with mountPoint and size", field);
  }
  const mp: unknown = p.mountPoint;
  if (typeof mp !== "string" || !/^(\/\S*|swap|raid)$/i.test(mp)) {
    throw new UnwritableValueError(mp, "a mount point is an absolute path without blanks, or swap or raid", `${field}.mountPoint`);
  }
  const text = checkedSize(p.size, `${field}.size`);
  const percent: unknown = p.percent;
  if (percent === undefined) return `${mp}\t${text}`;
  if (typeof percent !== "number" || !Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new UnwritableValueError(percent, "a percentage is an integer from 0 to 100", `${field}.percent`);
  }
  return `${mp}\t${text}\t${percent}%`;
}

/** The partitions of a model, checked to be a list (a model from JSON has no types). */
export function partitionList(model: DisklabelTemplate): readonly Partition[] {
  const list: unknown = (model as unknown as Record<string, unknown> | null | undefined)?.partitions;
  if (!Array.isArray(list)) throw new UnwritableValueError(list, "partitions is a list of partitions", "partitions");
  return list as Partition[];
}

/** The text of a template: one line per partition, fields separated by a tab. Throws {@link UnwritableValueError} naming the field. */
export function generate(model: DisklabelTemplate): string {
  return partitionList(model)
    .map((p, i) => `${partitionLine(p, `partitions[${i}]`)}\n`)
    .join("");
}
