import { unwritableFinding, type ModelDiagnostic, type ValidateOptions as CoreValidateOptions } from "@obsdconf/core";
import { modelFindings } from "./checks.js";
import { checkModel, generate } from "./generate.js";
import type { DhcpdConf } from "./model.js";

/** Options of {@link validate}. OpenBSD's dhcpd.conf has one language for the releases this package knows; `release` is accepted and not used yet. */
export type ValidateOptions = CoreValidateOptions;

/**
 * Checks a model as dhcpd would check the file generate writes for it, with
 * dhcpd's messages where it has them, plus warnings a host operator needs
 * (duplicate hosts, fixed addresses outside every subnet or inside a range,
 * overlapping ranges, netmasks). Each diagnostic names the field by its
 * path in the model, e.g. `subnets[0].hosts[17].hardwareEthernet`. A model
 * of the wrong shape gives one `UNWRITABLE_VALUE` error; so does a value
 * generate refuses that no error of dhcpd's already names.
 */
export function validate(model: DhcpdConf, options: ValidateOptions = {}): ModelDiagnostic[] {
  void options;
  try {
    checkModel(model);
  } catch (error) {
    return [unwritableFinding(error)];
  }
  const out: ModelDiagnostic[] = modelFindings(model).map((f) => ({ severity: f.severity, code: f.code, message: f.message, path: f.path }));
  try {
    generate(model);
  } catch (error) {
    const refused = unwritableFinding(error);
    // An error of dhcpd's about the same field already says it, in dhcpd's words.
    if (!out.some((d) => d.severity === "error" && related(d.path, refused.path))) out.push(refused);
  }
  return out;
}

/** One path is the other or lies under it (`a.b` and `a.b[0].c`). */
function related(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || short === "" || long.startsWith(`${short}.`) || long.startsWith(`${short}[`);
}
