export type {
  AddressPair,
  AllowKey,
  ClassDeclaration,
  ClasslessRoute,
  DhcpdConf,
  Group,
  Host,
  OptionSetting,
  OptionValue,
  Parameters,
  Range,
  SharedNetwork,
  Subnet,
} from "./model.js";
export { ALLOW_KEYS, emptyDhcpdConf } from "./model.js";
export type { OptionFormat, OptionInfo } from "./options.js";
export { OPTIONS, optionInfo } from "./options.js";
