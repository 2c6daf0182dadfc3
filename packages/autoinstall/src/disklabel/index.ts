export type { DisklabelTemplate, Partition, SizeRange } from "./model.js";
export type { DisklabelDocument, DisklabelSyntax, TemplateLine } from "./parse.js";
export type { ParseOptions, ValidateOptions } from "@obsdconf/core";
export { parse } from "./parse.js";
export { generate, sizeText } from "./generate.js";
export { update } from "./edit.js";
export { validate } from "./validate.js";
export { DEV_BSIZE } from "./sizes.js";
