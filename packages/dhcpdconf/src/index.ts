/**
 * OpenBSD dhcpd's `/etc/dhcpd.conf` (dhcpd.conf(5)): parse with dhcpd's own
 * messages and lines, validate, generate and edit format-preserving; option
 * values typed by dhcpd's option table.
 *
 * @packageDocumentation
 * @module @obsdconf/dhcpdconf
 */
export type {
  AddressPair,
  AllowKey,
  ClassDeclaration,
  ClasslessRoute,
  DhcpdConf,
  Group,
  Host,
  OptionHex,
  OptionRaw,
  OptionSetting,
  OptionText,
  OptionValue,
  Parameters,
  Range,
  SharedNetwork,
  Subnet,
} from "./model.js";
export { ALLOW_KEYS, emptyDhcpdConf } from "./model.js";
export type { OptionFormat, OptionInfo } from "./options.js";
export { OPTIONS, optionInfo } from "./options.js";
export type { ValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
export type { GenerateOptions, ParameterKey, StatementText } from "./generate.js";
export {
  checkModel,
  classHeader,
  classText,
  generate,
  groupText,
  hostHeader,
  hostStatements,
  hostText,
  optionText,
  optionValueText,
  PARAMETER_FIELDS,
  parameterLines,
  parameterStatements,
  rangeText,
  sharedNetworkHeader,
  sharedNetworkText,
  subnetHeader,
  subnetText,
} from "./generate.js";
export { update, updateEdits, UpdateError } from "./edit.js";
export type { DhcpdConfDocument, DhcpdConfSyntax, ParseOptions } from "./parse.js";
export { parse } from "./parse.js";
export type { DhcpdScanProblem, DhcpdTokens } from "./scanner.js";
export { DhcpdToken, dhcpdCoverageProblem, scanDhcpd } from "./scanner.js";
export type * from "./syntax.js";
export { isDeclaration } from "./syntax.js";
export { InvalidInputError, UnwritableValueError } from "@obsdconf/core";
