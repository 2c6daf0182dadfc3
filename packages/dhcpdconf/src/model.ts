// The typed model of OpenBSD's dhcpd.conf(5): plain JSON-able objects.
// Each scope holds its parameters (typed fields, options in file order)
// and its declarations in one list per kind. generate writes parameters
// first, as dhcpd requires ("parameters not allowed after first
// declaration."), then shared networks, subnets, groups, hosts, classes.

/** A key of `allow KEY;` / `deny KEY;`. */
export type AllowKey = "bootp" | "booting" | "dynamic-bootp" | "unknown-clients";

/** All allow/deny keys, in the order generate writes them. */
export const ALLOW_KEYS: readonly AllowKey[] = ["unknown-clients", "bootp", "booting", "dynamic-bootp"];

/** Two addresses: `static-routes` and `policy-filter` (format `IIA`). */
export interface AddressPair {
  /** First address (the destination for static-routes). */
  destination: string;
  /** Second address (the router for static-routes; the mask for policy-filter). */
  router: string;
}

/** A classless route (format `CIA`): `10.1/16 10.0.0.1`. */
export interface ClasslessRoute {
  /** Destination as written by dhcpd: 1 to 4 octets and a length, e.g. `10.1/16`, `0/0`. */
  destination: string;
  /** Router address. */
  router: string;
}

/**
 * The value of an option, typed by the option's format (dhcpd's tables.c):
 * - `I` address: string (`"10.0.0.1"`); `IA`: string[];
 * - integers `l L s S b B`: number; arrays `SA`, `BA`: number[];
 * - `t` text: string; `f` flag: boolean;
 * - `X` data: `{ text }` (a quoted string) or `{ hex }` (`"01:02:0a"`);
 * - `IIA`: AddressPair[]; `CIA`: ClasslessRoute[]; `D` domain list: string[];
 * - an option dhcpd does not know: `{ raw }`, the text between the name and `;`, kept verbatim.
 */
export type OptionValue =
  | string
  | number
  | boolean
  | string[]
  | number[]
  | AddressPair[]
  | ClasslessRoute[]
  | OptionText
  | OptionHex
  | OptionRaw;

/** `X` data written as a quoted string. */
export interface OptionText {
  /** The string, without quotes. */
  text: string;
}

/** `X` data written as colon-separated hex octets. */
export interface OptionHex {
  /** Octets as written, lower case, e.g. `01:02:0a`. */
  hex: string;
}

/** The value of an option dhcpd does not know, kept verbatim. */
export interface OptionRaw {
  /** The source text between the option name and `;`. */
  raw: string;
}

/** `option NAME VALUE;` */
export interface OptionSetting {
  /** Option name as dhcpd knows it (case-sensitive), e.g. `domain-name-servers`, `option-108`. */
  name: string;
  /** The value, typed by the option's format. */
  value: OptionValue;
}

/** The parameters any scope may carry. Absent: not set in this scope. */
export interface Parameters {
  /** `default-lease-time N;` seconds. */
  defaultLeaseTime?: number;
  /** `max-lease-time N;` seconds. */
  maxLeaseTime?: number;
  /** `dynamic-bootp-lease-length N;` seconds. */
  dynamicBootpLeaseLength?: number;
  /** `dynamic-bootp-lease-cutoff W YYYY/MM/DD HH:MM:SS [UTC];` as written after the keyword. */
  dynamicBootpLeaseCutoff?: string;
  /** `get-lease-hostnames flag;` */
  getLeaseHostnames?: boolean;
  /** `use-host-decl-names flag;` */
  useHostDeclNames?: boolean;
  /** `always-reply-rfc1048 flag;` */
  alwaysReplyRfc1048?: boolean;
  /** `echo-client-id flag;` (OpenBSD only). */
  echoClientId?: boolean;
  /** `use-lease-addr-for-default-route flag;` (OpenBSD only). */
  useLeaseAddrForDefaultRoute?: boolean;
  /** `authoritative;` (true) or `not authoritative;` (false). */
  authoritative?: boolean;
  /** `allow KEY;` lines. */
  allow?: AllowKey[];
  /** `deny KEY;` lines. */
  deny?: AllowKey[];
  /** `next-server ADDR;` an IPv4 address or host name. */
  nextServer?: string;
  /** `server-identifier ADDR;` */
  serverIdentifier?: string;
  /** `filename "…";` */
  filename?: string;
  /** `server-name "…";` */
  serverName?: string;
  /** `option …;` lines in file order. */
  options?: OptionSetting[];
}

/** `host NAME { … }` */
export interface Host extends Parameters {
  /** The host name (a dotted name, not quoted). */
  name: string;
  /** `hardware ethernet xx:xx:xx:xx:xx:xx;` lower case, two digits per octet. */
  hardwareEthernet?: string;
  /** `hardware ipsec-tunnel …;` (OpenBSD only) as written. */
  hardwareIpsecTunnel?: string;
  /** `fixed-address A[, B…];` addresses or host names. */
  fixedAddress?: string[];
}

/** `range [dynamic-bootp] LOW [HIGH];` */
export interface Range {
  /** First address. */
  low: string;
  /** Last address; absent: a single address. */
  high?: string;
  /** `dynamic-bootp`. */
  dynamicBootp?: boolean;
}

/** `group { … }` */
export interface Group extends Parameters {
  /** Shared networks in the group. */
  sharedNetworks: SharedNetwork[];
  /** Subnets in the group. */
  subnets: Subnet[];
  /** Nested groups. */
  groups: Group[];
  /** Hosts in the group. */
  hosts: Host[];
}

/** `subnet NETWORK netmask MASK { … }` */
export interface Subnet extends Parameters {
  /** Network number, e.g. `10.0.0.0`. */
  network: string;
  /** Netmask, e.g. `255.255.255.0`. */
  netmask: string;
  /** Address ranges. */
  ranges: Range[];
  /** Groups in the subnet. */
  groups: Group[];
  /** Hosts in the subnet. */
  hosts: Host[];
}

/** `shared-network NAME { … }` */
export interface SharedNetwork extends Parameters {
  /** Network name (a dotted name or a quoted string). */
  name: string;
  /** Its subnets (dhcpd needs at least one). */
  subnets: Subnet[];
  /** Groups. */
  groups: Group[];
  /** Hosts. */
  hosts: Host[];
}

/** `vendor-class "NAME" { … }` or `user-class "NAME" { … }` (legacy). */
export interface ClassDeclaration extends Parameters {
  /** Which class statement. */
  kind: "vendor-class" | "user-class";
  /** Class name. */
  name: string;
}

/** A whole dhcpd.conf: the top-level scope. */
export interface DhcpdConf extends Parameters {
  /** Shared networks. */
  sharedNetworks: SharedNetwork[];
  /** Subnets outside shared networks. */
  subnets: Subnet[];
  /** Top-level groups. */
  groups: Group[];
  /** Top-level hosts. */
  hosts: Host[];
  /** Class declarations. */
  classes: ClassDeclaration[];
}

/** An empty configuration. */
export function emptyDhcpdConf(): DhcpdConf {
  return { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] };
}
