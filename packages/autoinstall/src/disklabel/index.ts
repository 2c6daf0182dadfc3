export type { DisklabelTemplate, Partition, SizeRange } from "./model.js";
export type { DisklabelDocument, ParseOptions, TemplateLine } from "./parse.js";
export { parse } from "./parse.js";
export { generate, sizeText } from "./generate.js";
export { update } from "./edit.js";
export { validate } from "./validate.js";
export { DEV_BSIZE } from "./sizes.js";
