export type { DisklabelTemplate, Partition, SizeRange } from "./model.js";
export type { DisklabelDocument, DisklabelSyntax, TemplateLine } from "./parse.js";
import type { ParseOptions as CoreParseOptions, ValidateOptions as CoreValidateOptions } from "@obsdconf/core";
/** Options of {@link parse}: the file name for messages. */
export type ParseOptions = CoreParseOptions;
/** Options of {@link validate}: the release whose installer to mirror. */
export type ValidateOptions = CoreValidateOptions;
export { parse } from "./parse.js";
export { generate, sizeText } from "./generate.js";
export { update } from "./edit.js";
export { validate } from "./validate.js";
export { DEV_BSIZE } from "./sizes.js";
