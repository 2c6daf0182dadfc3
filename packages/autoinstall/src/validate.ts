import { unwritableDiagnostic, UnwritableValueError, type Diagnostic } from "@obsdconf/core";
import { explain, type ExplainOptions } from "./explain.js";
import { generate } from "./generate.js";
import type { InstallConf } from "./model.js";
import { parse } from "./parse.js";

/**
 * Diagnostics for a model: a value that cannot be written (as an error on the
 * line it would have), then what {@link explain} says of its text.
 */
export function validate(model: InstallConf, options: ExplainOptions = {}): Diagnostic[] {
  let text: string;
  try {
    text = generate(model);
  } catch (e) {
    if (!(e instanceof UnwritableValueError)) throw e;
    return [unwritableDiagnostic(e, "answers")];
  }
  const doc = parse(text);
  return [...doc.diagnostics, ...explain(doc, options).diagnostics];
}
