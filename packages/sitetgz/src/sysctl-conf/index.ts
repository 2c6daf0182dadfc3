export type { SysctlConf, SysctlConfDocument, SysctlConfSyntax, SysctlLine, SysctlSetting, SysctlWord } from "./format.js";
export { generate, MIB_NAME, parse, update, validate } from "./format.js";

