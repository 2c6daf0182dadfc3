import { unwritableFinding, type ModelDiagnostic, type ValidateOptions as CoreValidateOptions } from "@obsdconf/core";
import { macroNameProblems, modelFindings } from "./checks.js";
import { generate } from "./generate.js";
import type { HttpdConf } from "./model.js";
import type { HttpdRelease } from "./releases.js";

/** Options of {@link validate}. */
export type ValidateOptions = CoreValidateOptions<HttpdRelease>;

/**
 * Checks a model as httpd of `options.release` (default the newest) would
 * check the file {@link generate} writes for it, with httpd's messages; each
 * diagnostic names the field by its model path (`servers[0].locations[2].root`),
 * or the block httpd reports it at (`servers[1]` for `server "x" defined twice`).
 *
 * First the model must be writable for that release: a wrong type, an
 * unknown field or a feature the release lacks gives one `UNWRITABLE_VALUE`
 * error naming the field, and nothing else (a macro name with blanks gets
 * httpd's own message instead). Then the checks of {@link modelFindings}. Where httpd stops at the first error of a
 * server block, validate reports every bad value. Throws `UnknownReleaseError`
 * for an unknown release.
 */
export function validate(model: HttpdConf, options: ValidateOptions = {}): ModelDiagnostic[] {
  // httpd's message for a macro name it refuses, before generate refuses it too.
  const macros: ModelDiagnostic[] = [];
  if (Array.isArray(model?.macros)) {
    model.macros.forEach((m, i) => {
      if (typeof m?.name !== "string") return;
      for (const p of macroNameProblems(m.name)) {
        macros.push({ severity: p.severity, code: p.code, message: p.message, path: `macros[${i}].name` });
      }
    });
  }
  if (macros.length > 0) return macros;
  try {
    generate(model, { release: options.release });
  } catch (error) {
    return [unwritableFinding(error)];
  }
  return modelFindings(model, options.release, { textChecks: true }).map((f) => ({ severity: f.severity, code: f.code, message: f.message, path: f.path }));
}
