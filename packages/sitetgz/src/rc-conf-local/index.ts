export type { RcConfLocal, RcConfLocalDocument, RcConfLocalSyntax, RcLine, RcVariable } from "./format.js";
export {
  daemonFlags,
  generate,
  parse,
  pkgScripts,
  RC_GLOBAL_VARIABLES,
  rcUsesVariable,
  setDaemonFlags,
  setPkgScripts,
  update,
  validate,
} from "./format.js";
