// _deploy.conf: the settings of one vmd hosting host, as shell-style
// KEY="value" lines (the original deploy script sourced them).
import { createDocument, isIPv4, isIPv6, parseMac, scanScaled, type Document, type ParseOptions } from "@obsdconf/core";
import { IF_NAMESIZE } from "@obsdconf/vmconf";
import { ipv4Number, ipv4Text, maskLength, maxIPv6Number, parseIPv6Base, ipv6ForNumber, type IPv6Base } from "./network.js";
import { readSettings, sortDiagnostics, type SettingsRead, type SettingsSyntax } from "./settings/settings.js";

/** The disk image formats vmd and `vmctl create` know. */
export type DiskFormat = "raw" | "qcow2";

/** The disk formats, in the order messages list them. */
export const DISK_FORMATS: readonly DiskFormat[] = ["raw", "qcow2"];

/** Every key of _deploy.conf, in the order the documentation lists them. */
export const DEPLOY_CONF_KEYS = [
  "SERVER",
  "DOMAIN",
  "IP_PREFIX",
  "IP_START",
  "IPV6_PREFIX",
  "IPV6_START",
  "MAC_PREFIX",
  "VMS",
  "ETC",
  "IMAGES",
  "HTDOCS",
  "MEMORY",
  "DISKSIZE",
  "FORMAT",
  "VMDUSERS",
  "SWITCH",
  "INTERFACE",
  "ROUTER",
  "DNS",
  "SUBNET",
  "NETMASK",
] as const;

/** A key of _deploy.conf. */
export type DeployConfKey = (typeof DEPLOY_CONF_KEYS)[number];

/** Octets of MAC_PREFIX: each VM's MAC is the prefix and one octet more. */
export const MAC_PREFIX_OCTETS = 5;

/**
 * The settings of a hosting host (`_deploy.conf`). Every key is required.
 * Values are the text as a shell would read it; when the document has errors,
 * a field with an error holds what was written (or `""` when the key is
 * missing) and must not be used.
 */
export interface DeployConf {
  /** SERVER: this host's short name (`server8`); the VMs fetch sets and answers from `SERVER.DOMAIN`. */
  server: string;
  /** DOMAIN: the hosting domain (`example.org`); a VM's name is `<hostname>.DOMAIN`, the host's `SERVER.DOMAIN`. */
  domain: string;
  /** IP_PREFIX: the leading 1 to 3 octets of the VMs' IPv4 addresses (`192.0.2`). */
  ipPrefix: string;
  /** IP_START: the remaining octets of the first VM address (`10`): allocation starts at `IP_PREFIX.IP_START`. */
  ipStart: string;
  /** IPV6_PREFIX: leading groups (`2001:db8:8:1`, 16 bits each) or `address/length` (`2001:db8:8:1::/64`). */
  ipv6Prefix: string;
  /** IPV6_START: the decimal VM number of the first address (`10` → `IPV6_PREFIX::10`); see {@link ipv6ForNumber}. */
  ipv6Start: string;
  /** MAC_PREFIX: five octets (`fe:e1:bb:d1:c8`), canonical lower case when valid; a VM's MAC adds one octet. */
  macPrefix: string;
  /** VMS: the directory of the orders (`vms`, relative to _deploy.conf's directory, or absolute). */
  vms: string;
  /** ETC: the directory of vm.conf, dhcpd.conf, doas.conf and httpd.conf (`/etc`). */
  etc: string;
  /** IMAGES: the directory of the VMs' disk images (`/var/vmm`). */
  images: string;
  /** HTDOCS: the web server's document root for the answer files and sets (`/var/www/htdocs`). */
  htdocs: string;
  /** MEMORY: a VM's memory when its order leaves it empty, as vm.conf takes it (`1G`, `512M`). */
  memory: string;
  /** DISKSIZE: the size of a VM's first disk for `vmctl create -s` (`50G`). */
  diskSize: string;
  /** FORMAT: the disk format when an order leaves it empty (when the document has errors, possibly other text as written). */
  format: DiskFormat;
  /** VMDUSERS: the group customers are added to (vm.conf `socket owner :group`), e.g. `vmdusers`. */
  vmdUsers: string;
  /** SWITCH: the vm.conf switch the VMs' interfaces connect to (`uplink_veb42`). */
  switch: string;
  /** INTERFACE: the interface of that switch (vm.conf `switch { interface … }`), e.g. `veb42`. */
  interface: string;
  /** ROUTER: the IPv4 default router of the VM subnet (dhcpd `option routers`). */
  router: string;
  /** DNS: the name servers given to the VMs, separated by blanks or commas (dhcpd `option domain-name-servers`). */
  dns: string[];
  /** SUBNET: the network number of the VM subnet (`192.0.2.0`). */
  subnet: string;
  /** NETMASK: its netmask (`255.255.255.0`). */
  netmask: string;
}

/** The concrete syntax of a _deploy.conf. */
export type DeployConfSyntax = SettingsSyntax;

/** A parsed _deploy.conf. */
export type DeployConfDocument = Document<DeployConf, DeployConfSyntax>;

const FIELD: Record<Exclude<DeployConfKey, "DNS">, Exclude<keyof DeployConf, "dns">> = {
  SERVER: "server",
  DOMAIN: "domain",
  IP_PREFIX: "ipPrefix",
  IP_START: "ipStart",
  IPV6_PREFIX: "ipv6Prefix",
  IPV6_START: "ipv6Start",
  MAC_PREFIX: "macPrefix",
  VMS: "vms",
  ETC: "etc",
  IMAGES: "images",
  HTDOCS: "htdocs",
  MEMORY: "memory",
  DISKSIZE: "diskSize",
  FORMAT: "format",
  VMDUSERS: "vmdUsers",
  SWITCH: "switch",
  INTERFACE: "interface",
  ROUTER: "router",
  SUBNET: "subnet",
  NETMASK: "netmask",
};

/** The longest group name useradd(8) takes (`_PW_NAME_LEN`). */
export const MAX_GROUP_NAME = 31;

const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** Why `text` is not a DNS host name (labels of letters, digits and inner `-`, at most 253 characters), or undefined. */
export function hostNameProblem(text: string): string | undefined {
  if (text === "") return "empty";
  if (text.length > 253) return "longer than 253 characters";
  const bad = text.split(".").find((label) => !LABEL.test(label));
  if (bad !== undefined) return bad === "" ? "has an empty label" : `label "${bad}" is not letters, digits and inner '-' (at most 63)`;
  return undefined;
}

/** Splits a DNS list on blanks and commas. */
function dnsList(value: string): string[] {
  return value.split(/[\s,]+/).filter((s) => s !== "");
}

/**
 * Parses a _deploy.conf (text or UTF-8 bytes). Never throws on text; throws
 * `InvalidInputError` for anything else. Diagnostics (file:line:col) cover
 * how a shell would read each line (see {@link readSettings}), unknown keys,
 * keys set twice, missing keys (placed at the end of the file, where the line
 * would be added), and malformed values: addresses and prefixes, a MAC
 * prefix that is not {@link MAC_PREFIX_OCTETS} octets, a netmask that is not
 * contiguous or does not match SUBNET, a first address outside the subnet,
 * sizes scan_scaled(3) refuses, a format other than raw or qcow2, relative
 * paths, and names useradd or ifconfig would refuse.
 */
export function parseDeployConf(input: string | Uint8Array, options: Pick<ParseOptions, "fileName"> = {}): DeployConfDocument {
  const read = readSettings(input, options.fileName, {
    what: "_deploy.conf",
    keys: DEPLOY_CONF_KEYS,
    required: DEPLOY_CONF_KEYS,
    verb: "parseDeployConf",
  });
  const model = {} as DeployConf;
  for (const key of DEPLOY_CONF_KEYS) {
    if (key === "DNS") model.dns = dnsList(read.values.get(key) ?? "");
    else (model as unknown as Record<string, string>)[FIELD[key]] = read.values.get(key) ?? "";
  }
  checkDeployConf(model, read);
  return createDocument(read.text, options.fileName, model, sortDiagnostics(read.diagnostics), read.syntax);
}

// The checks of every value; each reports at the value of the key at fault.
function checkDeployConf(m: DeployConf, read: SettingsRead): void {
  // A key that is missing or unreadable is already reported.
  const has = (key: DeployConfKey): boolean => read.spans.has(key) && !read.unreadable.has(key);
  const bad = (key: DeployConfKey, code: string, message: string, hint?: string): void => read.reportValue(key, code, message, hint);
  const nonEmpty = (key: DeployConfKey, value: string): boolean => {
    if (!has(key)) return false;
    if (value !== "") return true;
    bad(key, "EMPTY_VALUE", `${key} is empty`);
    return false;
  };

  for (const key of ["SERVER", "DOMAIN"] as const) {
    const value = m[FIELD[key]];
    if (!nonEmpty(key, value)) continue;
    const problem = hostNameProblem(value);
    if (problem) bad(key, "BAD_HOST_NAME", `${key} "${value}" is not a host name: ${problem}`);
    else if (key === "SERVER" && value.includes(".")) bad(key, "BAD_HOST_NAME", `SERVER "${value}" is a short name; the domain goes in DOMAIN`);
  }

  for (const key of ["ETC", "IMAGES", "HTDOCS"] as const) {
    const value = m[FIELD[key]];
    if (nonEmpty(key, value) && !value.startsWith("/")) bad(key, "RELATIVE_PATH", `${key} "${value}" is not an absolute path`, `write it from /, e.g. ${key === "ETC" ? "/etc" : key === "IMAGES" ? "/var/vmm" : "/var/www/htdocs"}`);
  }
  nonEmpty("VMS", m.vms);

  for (const key of ["MEMORY", "DISKSIZE"] as const) {
    const value = m[FIELD[key]];
    if (!nonEmpty(key, value)) continue;
    const problem = sizeProblem(value);
    if (problem) bad(key, "BAD_SIZE", `${key} "${value}": ${problem}`, "a number with an optional unit B, K, M, G, T, e.g. 1G");
  }

  if (nonEmpty("FORMAT", m.format) && !(DISK_FORMATS as readonly string[]).includes(m.format)) {
    bad("FORMAT", "BAD_FORMAT", `FORMAT "${m.format}" is not raw or qcow2`);
  }

  if (nonEmpty("VMDUSERS", m.vmdUsers) && !/^[A-Za-z0-9._-]+$/.test(m.vmdUsers)) {
    bad("VMDUSERS", "BAD_GROUP_NAME", `VMDUSERS "${m.vmdUsers}" is not a group name: letters, digits, '.', '_' and '-'`);
  } else if (has("VMDUSERS") && m.vmdUsers.length > MAX_GROUP_NAME) {
    bad("VMDUSERS", "BAD_GROUP_NAME", `VMDUSERS "${m.vmdUsers}" is longer than ${MAX_GROUP_NAME} characters`);
  }

  if (nonEmpty("SWITCH", m.switch) && /["\n\\]/.test(m.switch)) bad("SWITCH", "BAD_SWITCH_NAME", `SWITCH "${m.switch}" cannot hold '"' or '\\'`);

  if (nonEmpty("INTERFACE", m.interface) && !(/^[a-z]+[0-9]*$/.test(m.interface) && m.interface.length < IF_NAMESIZE)) {
    bad("INTERFACE", "BAD_INTERFACE_NAME", `INTERFACE "${m.interface}" is not an interface name (a driver name and a unit number, at most ${IF_NAMESIZE - 1} characters, e.g. veb42)`);
  }

  if (nonEmpty("MAC_PREFIX", m.macPrefix)) {
    const octets = m.macPrefix.split(":");
    if (octets.length !== MAC_PREFIX_OCTETS || octets.some((o) => !/^[0-9A-Fa-f]{1,2}$/.test(o))) {
      bad("MAC_PREFIX", "BAD_MAC_PREFIX", `MAC_PREFIX "${m.macPrefix}" is not ${MAC_PREFIX_OCTETS} octets (hex, separated by ':')`, "e.g. fe:e1:bb:d1:c8: each VM gets one more octet");
    } else {
      m.macPrefix = parseMac(`${m.macPrefix}:00`)!.slice(0, -3);
      const first = parseInt(octets[0]!, 16);
      if (first & 1) bad("MAC_PREFIX", "MULTICAST_MAC_PREFIX", `MAC_PREFIX "${m.macPrefix}" is a group (multicast) address: the lowest bit of the first octet is set`);
      else if (!(first & 2)) read.reportValue("MAC_PREFIX", "GLOBAL_MAC_PREFIX", `MAC_PREFIX "${m.macPrefix}" is not locally administered (second-lowest bit of the first octet clear): it may clash with real hardware`, "e.g. fe:e1:bb:d1:c8", "warning");
    }
  }

  // The IPv4 network: SUBNET/NETMASK, then the first address and the router inside it.
  let net: { network: number; mask: number } | undefined;
  const subnet = nonEmpty("SUBNET", m.subnet) ? ipv4Number(m.subnet) : undefined;
  if (has("SUBNET") && m.subnet !== "" && subnet === undefined) bad("SUBNET", "BAD_IPV4", `SUBNET "${m.subnet}" is not an IPv4 address`);
  const mask = nonEmpty("NETMASK", m.netmask) ? ipv4Number(m.netmask) : undefined;
  if (has("NETMASK") && m.netmask !== "") {
    if (mask === undefined) bad("NETMASK", "BAD_NETMASK", `NETMASK "${m.netmask}" is not an IPv4 netmask`);
    else if (maskLength(mask) === undefined) bad("NETMASK", "BAD_NETMASK", `NETMASK "${m.netmask}" is not contiguous (ones, then zeros)`);
    else if (subnet !== undefined) {
      if ((subnet & ~mask) >>> 0 !== 0) {
        bad("NETMASK", "NETMASK_MISMATCH", `NETMASK ${m.netmask} does not match SUBNET ${m.subnet}: the subnet has bits set past the mask`, `SUBNET ${ipv4Text((subnet & mask) >>> 0)} or a shorter mask`);
      } else if (maskLength(mask)! > 30) {
        bad("NETMASK", "SUBNET_TOO_SMALL", `NETMASK ${m.netmask} leaves no addresses for VMs`);
      } else net = { network: subnet, mask };
    }
  }
  const inNet = (n: number): boolean => net !== undefined && ((n & net.mask) >>> 0) === net.network && n !== net.network && n !== (net.network | ~net.mask) >>> 0;

  let first: number | undefined;
  const startGiven = nonEmpty("IP_START", m.ipStart);
  if (nonEmpty("IP_PREFIX", m.ipPrefix)) {
    const octets = m.ipPrefix.split(".");
    if (octets.length > 3 || octets.some((o) => !/^(0|[1-9][0-9]{0,2})$/.test(o) || Number(o) > 255)) {
      bad("IP_PREFIX", "BAD_IP_PREFIX", `IP_PREFIX "${m.ipPrefix}" is not 1 to 3 leading octets of an IPv4 address`, "e.g. 192.0.2");
    } else if (startGiven) {
      const text = `${m.ipPrefix}.${m.ipStart}`;
      first = isIPv4(text) ? ipv4Number(text) : undefined;
      if (first === undefined) {
        const need = 4 - octets.length;
        bad("IP_START", "BAD_IP_START", `IP_START "${m.ipStart}" is not the last ${need === 1 ? "octet" : `${need} octets`} of an address after IP_PREFIX ${m.ipPrefix}`, need === 1 ? "e.g. 10" : `e.g. ${Array(need - 1).fill("0").join(".")}.10`);
      } else if (net && !inNet(first)) {
        bad("IP_START", "START_OUTSIDE_SUBNET", `the first VM address ${text} is not a host address of SUBNET ${m.subnet}/${maskLength(net.mask)}`);
      }
    }
  }

  if (nonEmpty("ROUTER", m.router)) {
    const router = ipv4Number(m.router);
    if (router === undefined) bad("ROUTER", "BAD_IPV4", `ROUTER "${m.router}" is not an IPv4 address`);
    else if (net && !inNet(router)) bad("ROUTER", "ROUTER_OUTSIDE_SUBNET", `ROUTER ${m.router} is not a host address of SUBNET ${m.subnet}/${maskLength(net.mask)}`);
  }

  if (has("DNS")) {
    if (m.dns.length === 0) bad("DNS", "EMPTY_VALUE", "DNS is empty");
    const wrong = m.dns.find((a) => !isIPv4(a) && !isIPv6(a));
    if (wrong !== undefined) bad("DNS", "BAD_DNS", `DNS "${wrong}" is not an IPv4 or IPv6 address`, "addresses separated by blanks or commas");
  }

  let base: IPv6Base | undefined;
  if (nonEmpty("IPV6_PREFIX", m.ipv6Prefix)) {
    const parsed = parseIPv6Base(m.ipv6Prefix);
    if (typeof parsed === "string") bad("IPV6_PREFIX", "BAD_IPV6_PREFIX", `IPV6_PREFIX "${m.ipv6Prefix}": ${parsed}`);
    else base = parsed;
  }
  if (nonEmpty("IPV6_START", m.ipv6Start)) {
    if (!/^(0|[1-9][0-9]*)$/.test(m.ipv6Start)) {
      bad("IPV6_START", "BAD_IPV6_START", `IPV6_START "${m.ipv6Start}" is not a decimal number`, "the number of the first VM: 10 gives IPV6_PREFIX::10");
    } else if (base && ipv6ForNumber(base, Number(m.ipv6Start)) === undefined) {
      bad("IPV6_START", "BAD_IPV6_START", `IPV6_START ${m.ipv6Start} has more digits than the ${base.hostGroups} groups after IPV6_PREFIX hold (at most ${maxIPv6Number(base)})`);
    }
  }
}

/** Why a size is refused: scan_scaled(3)'s error, or zero or negative. Undefined when it is a positive size. */
export function sizeProblem(text: string): string | undefined {
  const r = scanScaled(text);
  if (!r.ok) return r.error === "Invalid argument" ? "not a size" : "too large";
  if (r.bytes <= 0) return "not a positive size";
  return undefined;
}
