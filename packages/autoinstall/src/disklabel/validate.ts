import { unwritableDiagnostic, UnwritableValueError, type Diagnostic } from "@obsdconf/core";
import { generate } from "./generate.js";
import type { DisklabelTemplate } from "./model.js";
import { parse } from "./parse.js";

/** disklabel's checks for a model: what it would say of the generated template. */
export function validate(model: DisklabelTemplate): Diagnostic[] {
  try {
    return parse(generate(model)).diagnostics;
  } catch (e) {
    if (!(e instanceof UnwritableValueError)) throw e;
    return [unwritableDiagnostic(e, "partitions")];
  }
}
