import type { SizeRange } from "./model.js";

/** Bytes per sector, the unit disklabel computes in. */
export const DEV_BSIZE = 512;

const FACTORS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** A size as disklabel reads it: a number, then a unit whose first character counts. */
export interface ReadSize {
  /** The number. */
  value: number;
  /** k, m, g or t (lower case), or undefined when no unit follows the number. */
  unit: string | undefined;
  /** What disklabel reads: the number and the unit letter as written (`1GB` gives `1G`). */
  read: string;
  /** Characters after the unit letter, which disklabel ignores. */
  ignored: string;
}

/** Reads `text` as strtod(3) then a unit; undefined when no number starts it or the unit is not k/m/g/t. */
export function readSize(text: string): ReadSize | undefined {
  const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match[0].length);
  if (rest === "") return { value: Number(match[0]), unit: undefined, read: match[0], ignored: "" };
  const unit = rest[0]!.toLowerCase();
  if (!(unit in FACTORS)) return undefined;
  return { value: Number(match[0]), unit, read: match[0] + rest[0]!, ignored: rest.slice(1) };
}

/** Sectors of `value` in `unit`, as disklabel rounds them. */
export function sectors(value: number, unit: string): number {
  return Math.floor(value * (FACTORS[unit]! / DEV_BSIZE));
}

/** A size range as parse_sizerange() reads it. */
export interface ReadRange {
  /** What disklabel keeps of the text: ignored unit letters dropped. */
  size: SizeRange;
  /** Smallest size in sectors. */
  minSectors: number;
  /** Largest size in sectors (Infinity for `*`). */
  maxSectors: number;
  /** Text disklabel skips after a unit letter (`B` of `1GB`). */
  ignored: string[];
}

/** A size range as parse_sizerange() reads it, or the reason it fails. */
export function readRange(text: string): ReadRange | string {
  if (text === "*") return { size: { kind: "rest" }, minSectors: 0, maxSectors: Infinity, ignored: [] };
  const dash = text.indexOf("-");
  const first = dash < 0 ? text : text.slice(0, dash);
  const second = dash < 0 ? undefined : text.slice(dash + 1);
  const min = readSize(first);
  if (!min) return "invalid size";
  let max: ReadSize | "*" | undefined;
  if (second !== undefined && second !== "") {
    max = second.startsWith("*") ? "*" : readSize(second);
    if (max === undefined) return "invalid size";
  }
  const unit = min.unit ?? (max && max !== "*" ? max.unit : undefined);
  if (!unit) return "a size needs a unit (k, m, g or t)";
  const minSectors = sectors(min.value, unit);
  let maxSectors = minSectors;
  if (max === "*") maxSectors = Infinity;
  else if (max && max.value > 0) maxSectors = sectors(max.value, max.unit ?? unit);
  if (max && max !== "*" && !max.unit) return "a size needs a unit (k, m, g or t)";
  const ignored = [min.ignored, max && max !== "*" ? max.ignored : (second?.slice(1) ?? "")].filter((s) => s !== "");
  const size: SizeRange =
    second === undefined
      ? { kind: "fixed", size: min.read }
      : { kind: "range", min: min.read, max: second === "" ? min.read : max === "*" ? "*" : (max as ReadSize).read };
  return { size, minSectors, maxSectors, ignored };
}
