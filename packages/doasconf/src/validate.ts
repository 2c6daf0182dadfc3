import { checkedArray, checkedRecord, unwritableFinding, UnwritableValueError, type ModelDiagnostic, type ValidateOptions as CoreValidateOptions } from "@obsdconf/core";
import { generate, ruleText } from "./generate.js";
import { DOAS_ENV_NAME_MAX } from "./limits.js";
import type { DoasConf, Rule } from "./model.js";
import { doasFeatures, type Release } from "./releases.js";

/** Options of {@link validate}. */
export type ValidateOptions = CoreValidateOptions<Release>;

/**
 * Checks a model as doas would check the file `generate` writes for it;
 * each diagnostic names its field by path (`rules[2].options`). doas's own
 * checks come with doas's words: `can't combine nopass and persist`
 * (`NOPASS_WITH_PERSIST`). Options on a `deny` rule (`DENY_WITH_OPTIONS`),
 * `args` without a command (`ARGS_WITHOUT_COMMAND`) and `nolog` before 6.6
 * (`NOLOG_UNSUPPORTED`) would be doas's `syntax error`. Any other value that
 * cannot be written gives `UNWRITABLE_VALUE` at its field. Warnings: a
 * relative command (doas compares the command word as typed, and runs it
 * from a restricted PATH) and a setenv name longer than env.c reads.
 * Throws `UnknownReleaseError` for an unknown release.
 */
export function validate(model: DoasConf, options: ValidateOptions = {}): ModelDiagnostic[] {
  const features = doasFeatures(options.release);
  const out: ModelDiagnostic[] = [];
  const rules = (model as { rules?: unknown }).rules;
  if (Array.isArray(rules)) {
    rules.forEach((rule: unknown, i) => {
      if (typeof rule !== "object" || rule === null) return;
      const r = rule as Record<string, unknown>;
      const at = `rules[${i}]`;
      const o = (typeof r.options === "object" && r.options !== null ? r.options : {}) as Record<string, unknown>;
      if (r.action === "deny") {
        for (const name of ["nopass", "nolog", "persist", "keepenv"]) {
          if (o[name] === true) out.push(error("DENY_WITH_OPTIONS", "syntax error: deny takes no options", `${at}.options.${name}`));
        }
        if (Array.isArray(o.setenv) && o.setenv.length > 0) out.push(error("DENY_WITH_OPTIONS", "syntax error: deny takes no options", `${at}.options.setenv`));
      } else {
        if (o.nopass === true && o.persist === true) out.push(error("NOPASS_WITH_PERSIST", "can't combine nopass and persist", `${at}.options`));
        if (o.nolog === true && !features.nolog) out.push(error("NOLOG_UNSUPPORTED", `syntax error: nolog is an option of OpenBSD 6.6 and later, not of ${features.release}`, `${at}.options.nolog`));
      }
      if (r.args !== undefined && r.command === undefined) out.push(error("ARGS_WITHOUT_COMMAND", "syntax error: args needs cmd", `${at}.args`));
      if (typeof r.command === "string" && !r.command.startsWith("/")) {
        out.push({
          severity: "warning",
          code: "RELATIVE_COMMAND",
          message: `command ${JSON.stringify(r.command)} is not an absolute path: it matches only when typed exactly so, and runs from a restricted PATH`,
          path: `${at}.command`,
        });
      }
      if (Array.isArray(o.setenv)) {
        o.setenv.forEach((e: unknown, j) => {
          const name = (e as { name?: unknown } | null)?.name;
          if (typeof name === "string" && new TextEncoder().encode(name).length > DOAS_ENV_NAME_MAX) {
            out.push({ severity: "warning", code: "SETENV_NAME_TOO_LONG", message: `variable name longer than ${DOAS_ENV_NAME_MAX} bytes: doas skips it`, path: `${at}.options.setenv[${j}].name` });
          }
        });
      }
    });
  }
  // Each rule on its own, so that every unwritable rule is reported.
  const report = (e: unknown): void => {
    const finding = unwritableFinding(e);
    const field = e instanceof UnwritableValueError ? (e.field ?? "") : "";
    // The checks above already said why, with the daemon's words.
    if (!out.some((d) => d.severity === "error" && (field === d.path || field.startsWith(`${d.path}.`)))) out.push(finding);
  };
  try {
    generate({ rules: [] }, { release: features.release });
    checkedRecord(model, "", ["rules"], "a doas.conf model");
    checkedArray((model as { rules?: unknown }).rules, "rules").forEach((rule, i) => {
      try {
        ruleText(rule as Rule, `rules[${i}]`, features.nolog);
      } catch (e) {
        report(e);
      }
    });
  } catch (e) {
    report(e);
  }
  return out;
}

function error(code: string, message: string, path: string): ModelDiagnostic {
  return { severity: "error", code, message, path };
}
