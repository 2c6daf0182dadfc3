export type { InstallUrl, InstallUrlDocument, InstallUrlLine, InstallUrlSyntax } from "./format.js";
export { generate, parse, update, validate } from "./format.js";
