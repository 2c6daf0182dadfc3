// disklabel's checks of a template (editor.c's parse_autotable and what it
// accepts quietly), written once: parse reports them at lines, validate at
// model paths.
import type { Severity } from "@obsdconf/core";
import type { Partition } from "./model.js";
import type { ReadRange } from "./sizes.js";

/** A problem of a template; `index` is the partition it is about (none: the template as a whole). */
export interface Finding {
  /** Partition index, or undefined for the whole template. */
  index: number | undefined;
  /** How bad it is. */
  severity: Severity;
  /** SCREAMING_SNAKE code. */
  code: string;
  /** Text; `where(i)` names another partition (a line in parse, a path in validate). */
  message: string;
}

/** True when disklabel refuses the range: the minimum is above the maximum. */
export function minAboveMax(range: ReadRange): boolean {
  return range.minSectors > range.maxSectors;
}

/** The warnings for unit text disklabel skips (`B` of `1GB`). */
export function ignoredUnitMessages(range: ReadRange): string[] {
  return range.ignored.map((ignored) => `disklabel reads only the first letter of the unit and ignores "${ignored}"`);
}

/**
 * Checks across partitions: a mount point given twice, two partitions
 * without an upper limit, percentages over 100, no root. `partitions` pairs
 * each partition with its index; `where` names a partition in a message.
 */
export function templateFindings(partitions: ReadonlyArray<readonly [number, Partition]>, where: (index: number) => string): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  let rest = 0;
  let pctSum = 0;
  for (const [i, p] of partitions) {
    pctSum += p.percent ?? 0;
    const key = p.mountPoint.startsWith("/") ? p.mountPoint : p.mountPoint.toLowerCase();
    if (key !== "swap" && key !== "raid" && seen.has(key)) {
      out.push({ index: i, severity: "warning", code: "DUPLICATE_MOUNT_POINT", message: `${p.mountPoint} is already given on ${where(seen.get(key)!)}` });
    }
    seen.set(key, i);
    if (p.size.kind === "rest" || (p.size.kind === "range" && p.size.max === "*")) {
      rest++;
      if (rest === 2) {
        out.push({
          index: i,
          severity: "warning",
          code: "MORE_THAN_ONE_REST",
          message: "a second partition without an upper limit: the first one takes the space it could get",
        });
      }
    }
  }
  if (pctSum > 100) out.push({ index: undefined, severity: "error", code: "PERCENT_OVER_100", message: "sum of extra space allocation > 100%" });
  if (partitions.length > 0 && !partitions.some(([, p]) => p.mountPoint === "/")) {
    out.push({ index: undefined, severity: "error", code: "NO_ROOT", message: "'/' must be configured!" });
  }
  return out;
}
