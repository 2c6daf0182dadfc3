// The options OpenBSD dhcpd knows (tables.c 1.14, see research/dhcpdconf.md
// sections 5.2 and 8.3): name, code and value format. Every other code from
// 1 to 254 is named `option-NNN` with format `X`.

/**
 * Value format of an option, as dhcpd's tables.c spells it: `I` address,
 * `l`/`L` signed/unsigned 32-bit, `s`/`S` 16-bit, `b`/`B` 8-bit, `t` text,
 * `f` flag, `X` data (string or hex), `D` domain list, a trailing `A` an
 * array of the preceding, `IIA` address pairs, `CIA` classless routes.
 */
export type OptionFormat = "I" | "IA" | "IIA" | "l" | "L" | "s" | "S" | "SA" | "b" | "B" | "BA" | "t" | "f" | "X" | "D" | "CIA";

/** An option dhcpd knows. */
export interface OptionInfo {
  /** Option name (case-sensitive). */
  name: string;
  /** DHCP option code. */
  code: number;
  /** Value format. */
  format: OptionFormat;
}

const NAMED: ReadonlyArray<readonly [number, string, OptionFormat]> = [
  [1, "subnet-mask", "I"],
  [2, "time-offset", "l"],
  [3, "routers", "IA"],
  [4, "time-servers", "IA"],
  [5, "ien116-name-servers", "IA"],
  [6, "domain-name-servers", "IA"],
  [7, "log-servers", "IA"],
  [8, "cookie-servers", "IA"],
  [9, "lpr-servers", "IA"],
  [10, "impress-servers", "IA"],
  [11, "resource-location-servers", "IA"],
  [12, "host-name", "X"],
  [13, "boot-size", "S"],
  [14, "merit-dump", "t"],
  [15, "domain-name", "t"],
  [16, "swap-server", "I"],
  [17, "root-path", "t"],
  [18, "extensions-path", "t"],
  [19, "ip-forwarding", "f"],
  [20, "non-local-source-routing", "f"],
  [21, "policy-filter", "IIA"],
  [22, "max-dgram-reassembly", "S"],
  [23, "default-ip-ttl", "B"],
  [24, "path-mtu-aging-timeout", "L"],
  [25, "path-mtu-plateau-table", "SA"],
  [26, "interface-mtu", "S"],
  [27, "all-subnets-local", "f"],
  [28, "broadcast-address", "I"],
  [29, "perform-mask-discovery", "f"],
  [30, "mask-supplier", "f"],
  [31, "router-discovery", "f"],
  [32, "router-solicitation-address", "I"],
  [33, "static-routes", "IIA"],
  [34, "trailer-encapsulation", "f"],
  [35, "arp-cache-timeout", "L"],
  [36, "ieee802-3-encapsulation", "f"],
  [37, "default-tcp-ttl", "B"],
  [38, "tcp-keepalive-interval", "L"],
  [39, "tcp-keepalive-garbage", "f"],
  [40, "nis-domain", "t"],
  [41, "nis-servers", "IA"],
  [42, "ntp-servers", "IA"],
  [43, "vendor-encapsulated-options", "X"],
  [44, "netbios-name-servers", "IA"],
  [45, "netbios-dd-server", "IA"],
  [46, "netbios-node-type", "B"],
  [47, "netbios-scope", "t"],
  [48, "font-servers", "IA"],
  [49, "x-display-manager", "IA"],
  [50, "dhcp-requested-address", "I"],
  [51, "dhcp-lease-time", "L"],
  [52, "dhcp-option-overload", "B"],
  [53, "dhcp-message-type", "B"],
  [54, "dhcp-server-identifier", "I"],
  [55, "dhcp-parameter-request-list", "BA"],
  [56, "dhcp-message", "t"],
  [57, "dhcp-max-message-size", "S"],
  [58, "dhcp-renewal-time", "L"],
  [59, "dhcp-rebinding-time", "L"],
  [60, "dhcp-class-identifier", "t"],
  [61, "dhcp-client-identifier", "X"],
  [64, "nisplus-domain", "t"],
  [65, "nisplus-servers", "IA"],
  [66, "tftp-server-name", "t"],
  [67, "bootfile-name", "t"],
  [68, "mobile-ip-home-agent", "IA"],
  [69, "smtp-server", "IA"],
  [70, "pop-server", "IA"],
  [71, "nntp-server", "IA"],
  [72, "www-server", "IA"],
  [73, "finger-server", "IA"],
  [74, "irc-server", "IA"],
  [75, "streettalk-server", "IA"],
  [76, "streettalk-directory-assistance-server", "IA"],
  [77, "user-class", "t"],
  [82, "relay-agent-information", "X"],
  [85, "nds-servers", "IA"],
  [86, "nds-tree-name", "X"],
  [87, "nds-context", "X"],
  [119, "domain-search", "D"],
  [121, "classless-static-routes", "CIA"],
  [144, "tftp-config-file", "t"],
  [150, "voip-configuration-server", "IA"],
  [249, "classless-ms-static-routes", "CIA"],
  [252, "autoproxy-script", "t"],
];

/** Named options by name. */
export const OPTIONS: ReadonlyMap<string, OptionInfo> = new Map(NAMED.map(([code, name, format]) => [name, { name, code, format }]));

const NAMED_CODES = new Set(NAMED.map(([code]) => code));

/** The option dhcpd knows by `name` (`option-NNN` for codes without a name), or undefined. */
export function optionInfo(name: string): OptionInfo | undefined {
  const known = OPTIONS.get(name);
  if (known) return known;
  const m = /^option-([1-9][0-9]{0,2})$/.exec(name);
  if (!m) return undefined;
  const code = Number(m[1]);
  if (code > 254 || NAMED_CODES.has(code)) return undefined;
  return { name, code, format: "X" };
}
