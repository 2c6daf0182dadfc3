export type { SiteSetEntry, SiteSetOptions, OutputOptions } from "./build.js";
export { buildSiteSet, checkPath, STOCK_DIRECTORY_MODES, writeSiteSet } from "./build.js";
export type { SiteSetProblem } from "./errors.js";
export { SiteSetError } from "./errors.js";
export type { IndexEntry } from "./names.js";
export { indexNames, indexTxt, siteSetName } from "./names.js";
export type { SiteSetFile } from "./read.js";
export { readSiteSet } from "./read.js";
export type { UstarHeader, UstarPathFields } from "./ustar.js";
export { splitUstarPath, USTAR_NAME_MAX, USTAR_PREFIX_MAX } from "./ustar.js";
export type { InstallUrl, InstallUrlDocument } from "./files/installurl.js";
export { generateInstallUrl, parseInstallUrl, updateInstallUrl } from "./files/installurl.js";
export type { SysctlConf, SysctlConfDocument, SysctlSetting } from "./files/sysctl-conf.js";
export { generateSysctlConf, MIB_NAME, parseSysctlConf, updateSysctlConf } from "./files/sysctl-conf.js";
export type { RcConfLocal, RcConfLocalDocument, RcVariable } from "./files/rc-conf-local.js";
export {
  daemonFlags,
  generateRcConfLocal,
  parseRcConfLocal,
  pkgScripts,
  RC_GLOBAL_VARIABLES,
  rcUsesVariable,
  setDaemonFlags,
  setPkgScripts,
  updateRcConfLocal,
} from "./files/rc-conf-local.js";
export type { ItemSpan, TextLine } from "./files/lines.js";
export { UnwritableValueError } from "@obsdconf/core";
