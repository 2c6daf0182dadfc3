/** @packageDocumentation
 * The files of an OpenBSD vmd hosting host as one plan: the host's deploy
 * settings (`_deploy.conf`), customer orders (`vms/vmN.txt`), the allocation
 * of MAC, IPv4 and IPv6 addresses around what vm.conf and dhcpd.conf already
 * use, and the check that vm.conf, dhcpd.conf and the install.conf answer
 * files agree about every VM.
 *
 * @module @obsdconf/hosting
 */
export type { SettingLine, SettingSpan, SettingsRead, SettingsSpec, SettingsSyntax, ValuePart } from "./settings/settings.js";
export { readSettings } from "./settings/settings.js";
export type { DeployConf, DeployConfDocument, DeployConfKey, DeployConfSyntax, DiskFormat } from "./deploy-conf.js";
export { DEPLOY_CONF_KEYS, DISK_FORMATS, hostNameProblem, MAC_PREFIX_OCTETS, MAX_GROUP_NAME, parseDeployConf, sizeProblem } from "./deploy-conf.js";
export type { Order, OrderDocument, OrderFile, OrderKey, OrderSyntax } from "./orders.js";
export { MAX_USERNAME, ORDER_KEYS, parseOrder, readOrders, REQUIRED_ORDER_KEYS, RESERVED_USERNAMES, usernameProblem, vmNameProblem } from "./orders.js";
export type { IPv6Base } from "./network.js";
export { ipv4Number, ipv4Text, ipv6ForNumber, ipv6Number, ipv6Text, MAX_NUMBER_GROUPS, maskLength, maxIPv6Number, parseIPv6Base } from "./network.js";
export type {
  AllocationFailure,
  AllocationRange,
  AllocationResult,
  AllocationShortage,
  DeployedVm,
  ExtraUsed,
  Ipv4Range,
  UsedResources,
  VmAllocation,
} from "./allocate.js";
export { allocate, allocationRange, macOfPrefix, macsOfPrefix, usedResources } from "./allocate.js";
export type { DhcpdPlaces, HostNameOption, PlacedHost, PlacedSubnet } from "./dhcpd-walk.js";
export { hostNameOption, walkDhcpd } from "./dhcpd-walk.js";
export type { CheckHostOptions, HostCheck, HostFiles, HostView, HostVm, Ipv4Subnet, ParsedFile, Span } from "./check-host.js";
export { checkHost, hostView, installConfMac } from "./check-host.js";
export * from "./deploy/index.js";
