import { unwritableDiagnostic, UnwritableValueError, type Diagnostic } from "@obsdconf/core";
import { generate } from "./generate.js";
import type { VmConf } from "./model.js";
import { parse } from "./parse.js";
import type { Release } from "./releases.js";

/** Options of {@link validate}. */
export interface ValidateOptions {
  /** OpenBSD release whose vmd to mirror (default: the newest known). */
  release?: Release;
  /** File name for the diagnostics. */
  fileName?: string;
}

/**
 * Checks a model the way vmd would check the file {@link generate} writes
 * for it: the diagnostics' lines are lines of that canonical text. A value
 * that cannot be written at all gives an `UNWRITABLE_VALUE` error naming the
 * field.
 */
export function validate(model: VmConf, options: ValidateOptions = {}): Diagnostic[] {
  let text: string;
  try {
    text = generate(model);
  } catch (error) {
    if (!(error instanceof UnwritableValueError)) throw error;
    return [unwritableDiagnostic(error, undefined, options.fileName)];
  }
  return parse(text, options).diagnostics;
}
