import { decide, doasCheckOutput, type DecideRequest } from "./decide.js";
import { doasMessages, type DoasConfDocument } from "./parse.js";

/** What `doas -C file [command [args]]` would print and return. */
export interface DoasCheckResult {
  /** Standard output: `permit`, `permit nopass` or `deny` and a newline when a command was checked, else empty. */
  stdout: string;
  /** Standard error: doas's parse messages (`doas: syntax error at line 3`), one per line. */
  stderr: string;
  /** 0 when the file parsed and (with a command) the command is permitted; 1 otherwise. */
  exitStatus: 0 | 1;
}

/**
 * `doas -C` on a parsed file: a file with errors prints doas's messages
 * and fails without checking the command (doas exits after parsing when
 * any error was found); else, without a request nothing is printed, and
 * with one the decision of {@link decide} is printed as doas prints it. The
 * file's owner and mode are not checked, as `-C` does not check them.
 */
export function doasCheck(doc: DoasConfDocument, request?: DecideRequest): DoasCheckResult {
  if (doc.diagnostics.some((d) => d.severity === "error")) return { stdout: "", stderr: doasMessages(doc), exitStatus: 1 };
  if (!request) return { stdout: "", stderr: "", exitStatus: 0 };
  const decision = decide(doc.model, request);
  return { stdout: `${doasCheckOutput(decision)}\n`, stderr: "", exitStatus: decision.action === "permit" ? 0 : 1 };
}
