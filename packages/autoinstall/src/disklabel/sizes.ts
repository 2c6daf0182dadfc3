/** Bytes per sector, the unit disklabel computes in. */
export const DEV_BSIZE = 512;

const FACTORS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** A size as disklabel reads it: a number, then a unit whose first character counts. */
export interface ReadSize {
  /** The number. */
  value: number;
  /** k, m, g or t (lower case), or undefined when no unit follows the number. */
  unit: string | undefined;
  /** Characters after the unit letter, which disklabel ignores. */
  ignored: string;
}

/** Reads `text` as strtod(3) then a unit; undefined when no number starts it or the unit is not k/m/g/t. */
export function readSize(text: string): ReadSize | undefined {
  const match = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match[0].length);
  if (rest === "") return { value: Number(match[0]), unit: undefined, ignored: "" };
  const unit = rest[0]!.toLowerCase();
  if (!(unit in FACTORS)) return undefined;
  return { value: Number(match[0]), unit, ignored: rest.slice(1) };
}

/** Sectors of `value` in `unit`, as disklabel rounds them. */
export function sectors(value: number, unit: string): number {
  return Math.floor(value * (FACTORS[unit]! / DEV_BSIZE));
}
