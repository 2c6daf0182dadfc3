import { UnwritableValueError, unwritableFinding, type ModelDiagnostic, type ValidateOptions } from "@obsdconf/core";
import { minAboveMax, templateFindings } from "./checks.js";
import { partitionLine, partitionList, sizeText } from "./generate.js";
import type { DisklabelTemplate, Partition } from "./model.js";
import { readRange } from "./sizes.js";

const unwritable = unwritableFinding;

/**
 * disklabel's checks for a model, with model paths (`partitions[2].size`):
 * values it cannot be given, then the checks `parse` makes. `options` is
 * accepted for the shape every format shares; disklabel's rules do not
 * change between releases.
 */
export function validate(model: DisklabelTemplate, options: ValidateOptions = {}): ModelDiagnostic[] {
  void options;
  let list: readonly Partition[];
  try {
    list = partitionList(model);
  } catch (e) {
    if (e instanceof UnwritableValueError) return [unwritable(e)];
    throw e;
  }
  const out: ModelDiagnostic[] = [];
  const good: Array<readonly [number, Partition]> = [];
  list.forEach((p, i) => {
    try {
      partitionLine(p, `partitions[${i}]`);
    } catch (e) {
      if (e instanceof UnwritableValueError) return void out.push(unwritable(e));
      throw e;
    }
    good.push([i, p]);
    const range = readRange(sizeText(p.size));
    if (typeof range !== "string" && minAboveMax(range)) {
      out.push({ severity: "error", code: "MIN_ABOVE_MAX", message: "min size > max size", path: `partitions[${i}].size` });
    }
  });
  for (const f of templateFindings(good, (i) => `partitions[${i}]`)) {
    const { index, ...rest } = f;
    out.push({ ...rest, path: index === undefined ? (f.code === "PERCENT_OVER_100" ? "partitions" : "") : `partitions[${index}]` });
  }
  return out;
}
