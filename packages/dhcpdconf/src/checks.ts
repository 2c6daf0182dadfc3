// dhcpd's checks on a model, written once: parse runs them on the model it
// lowered (mapping each path to a source span), validate runs them on any
// model. Two kinds:
// - dhcpd's own checks on values, with dhcpd's wording where it has one
//   (parse.c, confpars.c, memory.c; research/dhcpdconf.md);
// - checks a host operator needs that dhcpd leaves to run time (duplicate
//   hosts, addresses outside subnets or inside ranges, overlapping ranges,
//   netmasks), as warnings with their own codes and texts.
// Whole-model checks use maps and sorted arrays: 10,000 hosts take a few ms.

import { byteLength, parseIPv4, parseMac, type Severity } from "@obsdconf/core";
import {
  CIDR_LENGTH_MAX,
  CONVERT_NUM_MAX,
  DATE_MAX,
  DHCP_FILE_LEN,
  DOMAIN_LABEL_MAX,
  DOMAIN_NAME_MAX,
  ETHERNET_OCTETS,
  HARDWARE_ADDRESS_MAX,
  INTEGER_FORMATS,
  LEASE_TIME_MAX,
  OCTET_MAX,
  STRING_MAX,
  TOKEN_MAX,
} from "./limits.js";
import { ALLOW_KEYS, type DhcpdConf, type Group, type Host, type OptionSetting, type Parameters, type Subnet } from "./model.js";
import { optionInfo, type OptionFormat } from "./options.js";

/** One message of a check, about the model value at `path` (e.g. `subnets[0].hosts[17].hardwareEthernet`). */
export interface Finding {
  /** Severity: `error` for what makes dhcpd refuse the file (or stop), `warning` for the rest. */
  severity: Severity;
  /** Stable code in SCREAMING_SNAKE_CASE. */
  code: string;
  /** dhcpd's wording where it has one, else this package's. */
  message: string;
  /** Path of the value in the model; `""` for the model as a whole. */
  path: string;
}

/** Where a scope sits: dhcpd refuses some parameters inside a host. */
type ScopeKind = "root" | "shared-network" | "subnet" | "group" | "host" | "class";

/** A subnet with its numbers, for the whole-model checks. */
interface SubnetEntry {
  path: string;
  /** Network number with the host bits cleared, as dhcpd stores it. */
  net: number;
  mask: number;
  /** Prefix length when the mask is contiguous. */
  length: number | undefined;
  /** Position in walk order (the order generate writes). */
  order: number;
}

interface RangeEntry {
  path: string;
  low: number;
  high: number;
  order: number;
}

interface HostEntry {
  host: Host;
  path: string;
  /** Numeric fixed addresses as numbers (NaN for a name or a bad value), by their index in `fixedAddress`. */
  addresses: number[];
  /** Canonical ethernet address, when it is one. */
  mac: string | undefined;
}

/** Runs every check on `model`; findings in walk order, then the whole-model ones. */
export function modelFindings(model: DhcpdConf): Finding[] {
  const walk = new Walk();
  walk.scope(model, "", "root", undefined);
  model.sharedNetworks.forEach((s, i) => walk.sharedNetwork(s, `sharedNetworks[${i}]`));
  model.subnets.forEach((s, i) => walk.subnet(s, `subnets[${i}]`));
  model.groups.forEach((g, i) => walk.group(g, `groups[${i}]`, undefined));
  model.hosts.forEach((h, i) => walk.host(h, `hosts[${i}]`, undefined));
  model.classes.forEach((c, i) => walk.scope(c, `classes[${i}]`, "class", undefined));
  walk.wholeModel();
  return walk.out;
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/** An IPv4 address as an unsigned 32-bit number. */
function addressNumber(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

/** Dotted-quad text of an unsigned 32-bit number, as dhcpd's piaddr prints it. */
function addressText(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Prefix length of a contiguous netmask, else undefined. */
function prefixLength(mask: number): number | undefined {
  const inverted = ~mask >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

const maskOf = (length: number): number => (length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0);

// A label of a dotted host name: an identifier token (a name, a number
// without `-`, or a keyword); `_` and `-` cannot start one.
const HOST_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9][A-Za-z0-9_-]*)*$/;
const NUMERIC = /^[0-9.]*$/;

/** A dotted host name as parse_host_name reads it. */
function isHostName(text: unknown): boolean {
  if (typeof text !== "string" || !HOST_NAME.test(text)) return false;
  return text.length <= TOKEN_MAX || text.split(".").every((l) => l.length <= TOKEN_MAX);
}

// parse_numeric_aggregate reads the octets of subnets, netmasks and ranges in base 10: `010` is 10.
const DECIMAL = { leadingZeros: true } as const;

/** A dotted quad as dhcpd reads subnets, netmasks and ranges. */
const dottedQuad = (text: unknown): number[] | undefined => (typeof text === "string" ? parseIPv4(text, DECIMAL) : undefined);

/** Why dhcpd's dotted-quad reader refuses `text` (subnet, netmask, range), else undefined. */
function dottedQuadProblem(text: unknown): string | undefined {
  if (dottedQuad(text)) return undefined;
  if (typeof text !== "string") return "expecting numeric value.";
  const parts = text.split(".");
  for (const part of parts.slice(0, 4)) if (!/^[0-9]+$/.test(part)) return "expecting numeric value.";
  if (parts.length < 4) return "too few numbers.";
  // convert_num only logs an octet past 255 and keeps its low bits; ISC dhcpd refuses it.
  for (const part of parts.slice(0, 4)) {
    if (Number(part) > OCTET_MAX) return `value ${Number(part)} exceeds max (${OCTET_MAX}) for precision.`;
  }
  return "expecting numeric value.";
}

class Walk {
  readonly out: Finding[] = [];
  private readonly subnets: SubnetEntry[] = [];
  private readonly ranges: RangeEntry[] = [];
  private readonly hosts: HostEntry[] = [];

  private add(severity: Severity, code: string, message: string, path: string): void {
    this.out.push({ severity, code, message, path });
  }

  sharedNetwork(share: DhcpdConf["sharedNetworks"][number], path: string): void {
    if (share.name === "") this.add("error", "SHARED_NETWORK_NAME_EMPTY", "zero-length shared network name", join(path, "name"));
    this.scope(share, path, "shared-network", undefined);
    share.subnets.forEach((s, i) => this.subnet(s, `${path}.subnets[${i}]`));
    share.groups.forEach((g, i) => this.group(g, `${path}.groups[${i}]`, undefined));
    share.hosts.forEach((h, i) => this.host(h, `${path}.hosts[${i}]`, undefined));
    // Subnets in groups of the shared network join it (confpars.c).
    if (share.subnets.length === 0 && !share.groups.some(hasSubnet)) {
      this.add("error", "EMPTY_SHARED_NETWORK", "empty shared-network decl", path);
    }
  }

  group(group: Group, path: string, subnet: Subnet | undefined): void {
    this.scope(group, path, "group", subnet);
    group.sharedNetworks.forEach((s, i) => this.sharedNetwork(s, `${path}.sharedNetworks[${i}]`));
    group.subnets.forEach((s, i) => this.subnet(s, `${path}.subnets[${i}]`));
    group.groups.forEach((g, i) => this.group(g, `${path}.groups[${i}]`, subnet));
    group.hosts.forEach((h, i) => this.host(h, `${path}.hosts[${i}]`, subnet));
  }

  subnet(subnet: Subnet, path: string): void {
    const netProblem = dottedQuadProblem(subnet.network);
    const maskProblem = dottedQuadProblem(subnet.netmask);
    if (netProblem) this.add("error", "INVALID_ADDRESS", netProblem, join(path, "network"));
    if (maskProblem) this.add("error", "INVALID_ADDRESS", maskProblem, join(path, "netmask"));
    let entry: SubnetEntry | undefined;
    if (!netProblem && !maskProblem) {
      const written = addressNumber(dottedQuad(subnet.network)!);
      const mask = addressNumber(dottedQuad(subnet.netmask)!);
      const net = (written & mask) >>> 0;
      const length = prefixLength(mask);
      if (length === undefined) {
        this.add("warning", "NETMASK_MISMATCH", `netmask ${subnet.netmask} is not contiguous`, join(path, "netmask"));
      }
      if (net !== written) {
        this.add(
          "warning",
          "SUBNET_HOST_BITS",
          `subnet ${subnet.network} netmask ${subnet.netmask} has host bits set: dhcpd uses ${addressText(net)} (ISC dhcpd refuses it: bad subnet number/mask combination)`,
          join(path, "network"),
        );
      }
      entry = { path, net, mask, length, order: this.subnets.length };
      this.subnets.push(entry);
    }
    this.scope(subnet, path, "subnet", subnet);
    subnet.ranges.forEach((r, i) => this.range(r, `${path}.ranges[${i}]`, entry));
    subnet.groups.forEach((g, i) => this.group(g, `${path}.groups[${i}]`, subnet));
    subnet.hosts.forEach((h, i) => this.host(h, `${path}.hosts[${i}]`, subnet));
  }

  private range(range: Subnet["ranges"][number], path: string, subnet: SubnetEntry | undefined): void {
    const lowProblem = dottedQuadProblem(range.low);
    const highProblem = range.high === undefined ? undefined : dottedQuadProblem(range.high);
    if (lowProblem) this.add("error", "INVALID_ADDRESS", lowProblem, join(path, "low"));
    if (highProblem) this.add("error", "INVALID_ADDRESS", highProblem, join(path, "high"));
    if (lowProblem || highProblem) return;
    const low = addressNumber(dottedQuad(range.low)!);
    const high = range.high === undefined ? low : addressNumber(dottedQuad(range.high)!);
    // memory.c new_address_range: both ends in one subnet of the mask, then that subnet must be this one.
    if (subnet) {
      const lowText = addressText(low);
      const highText = addressText(high);
      const maskText = addressText(subnet.mask);
      const net = (low & subnet.mask) >>> 0;
      if (net !== (high & subnet.mask) >>> 0) {
        this.add("error", "RANGE_SPANS_SUBNETS", `Address range ${lowText} to ${highText}, netmask ${maskText} spans multiple subnets!`, path);
        return;
      }
      if (net !== subnet.net) {
        this.add("error", "RANGE_OUTSIDE_SUBNET", `Address range ${lowText} to ${highText} not on net ${addressText(subnet.net)}/${maskText}!`, path);
        return;
      }
    }
    // dhcpd takes a range written high to low as well.
    this.ranges.push({ path, low: Math.min(low, high), high: Math.max(low, high), order: this.ranges.length });
  }

  host(host: Host, path: string, subnet: Subnet | undefined): void {
    if (!isHostName(host.name)) this.add("error", "INVALID_HOST_NAME", "expecting an identifier in hostname", join(path, "name"));
    const ethernet: unknown = host.hardwareEthernet;
    const mac = typeof ethernet === "string" ? parseMac(ethernet) : undefined;
    if (ethernet !== undefined && mac === undefined) this.ethernet(String(ethernet), path);
    if (host.hardwareIpsecTunnel !== undefined) this.ipsecTunnel(String(host.hardwareIpsecTunnel), join(path, "hardwareIpsecTunnel"));
    const addresses: number[] = [];
    const fixed = host.fixedAddress;
    if (fixed) {
      for (let i = 0; i < fixed.length; i++) {
        const octets = this.address(fixed[i], path, "fixedAddress", i);
        addresses.push(octets ? addressNumber(octets) : NaN);
      }
    }
    this.scope(host, path, "host", subnet);
    this.hosts.push({ host, path, addresses, mac });
  }

  /** A `hardware ethernet` that is no ethernet address, of the host at `hostPath`: why dhcpd refuses it. */
  private ethernet(value: string, hostPath: string): void {
    const path = join(hostPath, "hardwareEthernet");
    const parts = value.split(":");
    if (parts.length === 1 && isHostName(value) && !/^[0-9A-Fa-f]+$/.test(value)) {
      this.add("warning", "ETHERS_NAME", `hardware ethernet ${value}: not an address; dhcpd looks the name up in /etc/ethers`, path);
      return;
    }
    // parse_numeric_aggregate reads exactly six numbers, then wants `;`; convert_num logs big octets afterwards.
    for (let i = 0; i < ETHERNET_OCTETS; i++) {
      const part = parts[i];
      const problem = part === undefined ? "too few numbers." : /^[0-9A-Fa-f]+$/.test(part) ? undefined : "expecting numeric value.";
      if (problem) {
        this.add("error", "INVALID_HARDWARE_ADDRESS", problem, path);
        return;
      }
    }
    if (parts.length > ETHERNET_OCTETS) {
      this.add("error", "INVALID_HARDWARE_ADDRESS", "expecting semicolon.", path);
      return;
    }
    const octet = this.octetsProblem(parts);
    if (octet) this.add("error", "INVALID_HARDWARE_ADDRESS", octet, path);
  }

  /** `hardware ipsec-tunnel`: any number of hex octets up to the buffer's size. */
  private ipsecTunnel(value: string, path: string): void {
    const parts = value.split(":");
    const octet = this.octetsProblem(parts);
    if (octet) this.add("error", "INVALID_HARDWARE_ADDRESS", octet, path);
    else if (parts.length > HARDWARE_ADDRESS_MAX) this.add("error", "INVALID_HARDWARE_ADDRESS", "hardware address too long", path);
  }

  /** Hex octets as convert_num reads them (base 16, 8 bits). */
  private octetsProblem(parts: readonly string[]): string | undefined {
    for (const part of parts) {
      if (!/^[0-9A-Fa-f]+$/.test(part)) return "expecting numeric value.";
      const n = parseInt(part, 16);
      if (n > OCTET_MAX) return `value ${n.toString(16)} exceeds max (${OCTET_MAX}) for precision.`;
    }
    return undefined;
  }

  /**
   * An address or host name (next-server, server-identifier, fixed-address,
   * `I` options) at `path`, or at `path.key[index]`; returns the octets of a
   * numeric address.
   */
  private address(value: unknown, path: string, key?: string, index?: number): number[] | undefined {
    const octets = typeof value === "string" ? parseIPv4(value) : undefined;
    if (octets) return octets;
    // A name is resolved when dhcpd reads the file; digits and dots that are no address are not a name.
    if (typeof value === "string" && isHostName(value) && !NUMERIC.test(value)) return undefined;
    const at = key === undefined ? path : `${path}.${key}[${index}]`;
    const message = typeof value === "string" ? `${value}: expecting IP address or hostname` : "expecting IP address or hostname";
    this.add("error", "INVALID_ADDRESS", message, at);
    return undefined;
  }

  /** The parameters of a scope. */
  scope(scope: Parameters, path: string, kind: ScopeKind, subnet: Subnet | undefined): void {
    if (scope.defaultLeaseTime !== undefined) this.leaseTime(scope.defaultLeaseTime, join(path, "defaultLeaseTime"));
    if (scope.maxLeaseTime !== undefined) this.leaseTime(scope.maxLeaseTime, join(path, "maxLeaseTime"));
    if (scope.dynamicBootpLeaseLength !== undefined) this.leaseTime(scope.dynamicBootpLeaseLength, join(path, "dynamicBootpLeaseLength"));
    if (scope.dynamicBootpLeaseCutoff !== undefined) this.date(scope.dynamicBootpLeaseCutoff, join(path, "dynamicBootpLeaseCutoff"));
    if (kind === "host") {
      // confpars.c: refused inside a host (the value is still stored).
      if (scope.useHostDeclNames !== undefined) {
        this.add("error", "USE_HOST_DECL_NAMES_NOT_ALLOWED", "use-host-decl-names not allowed here.", join(path, "useHostDeclNames"));
      }
      if (scope.getLeaseHostnames !== undefined) {
        this.add("error", "GET_LEASE_HOSTNAMES_NOT_ALLOWED", "get-lease-hostnames not allowed here.", join(path, "getLeaseHostnames"));
      }
      if (scope.authoritative !== undefined) {
        this.add("error", "AUTHORITATIVE_NOT_ALLOWED", "authority makes no sense here.", join(path, "authoritative"));
      }
    }
    if (scope.allow) this.allowDeny(scope.allow, path, "allow");
    if (scope.deny) this.allowDeny(scope.deny, path, "deny");
    if (scope.nextServer !== undefined) this.address(scope.nextServer, join(path, "nextServer"));
    if (scope.serverIdentifier !== undefined) this.address(scope.serverIdentifier, join(path, "serverIdentifier"));
    if (scope.filename !== undefined) {
      const at = join(path, "filename");
      // byteLength is at most three times the UTF-16 length.
      if (this.text(scope.filename, at) && scope.filename.length * 3 >= DHCP_FILE_LEN && byteLength(scope.filename) >= DHCP_FILE_LEN) {
        this.add(
          "warning",
          "FILENAME_TOO_LONG",
          `filename is ${byteLength(scope.filename)} bytes; dhcpd sends only the first ${DHCP_FILE_LEN - 1}`,
          at,
        );
      }
    }
    if (scope.serverName !== undefined) this.text(scope.serverName, join(path, "serverName"));
    if (scope.options) this.options(scope.options, join(path, "options"), subnet);
  }

  private allowDeny(keys: readonly string[], path: string, key: "allow" | "deny"): void {
    keys.forEach((k, i) => {
      if (!(ALLOW_KEYS as readonly string[]).includes(k)) this.add("error", "INVALID_ALLOW_DENY_KEY", "expecting allow/deny key", `${join(path, key)}[${i}]`);
    });
  }

  /** parse_lease_time: strtonum(0, UINT32_MAX). */
  private leaseTime(value: number, path: string): void {
    const reason = !Number.isInteger(value) ? "invalid" : value < 0 ? "too small" : value > LEASE_TIME_MAX ? "too large" : undefined;
    if (reason) this.add("error", "INVALID_LEASE_TIME", `lease time is ${reason}: ${value}`, path);
  }

  /** parse_date: `W YYYY/MM/DD HH:MM:SS [UTC]`, glued without blanks into at most 25 characters. */
  private date(value: unknown, path: string): void {
    if (typeof value !== "string") {
      this.add("error", "INVALID_DATE", "invalid time string", path);
      return;
    }
    const glued = value.replace(/\s+/g, "");
    if (!/^[A-Za-z0-9_\-/:]*$/.test(glued)) {
      this.add("error", "INVALID_DATE", "invalid time string", path);
      return;
    }
    if (glued.length > DATE_MAX) {
      this.add("error", "INVALID_DATE", "time string too long", path);
      return;
    }
    const m = /^([0-6])\s+([0-9]{4})\/([0-9]{1,2})\/([0-9]{1,2})\s+([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\s+UTC)?$/.exec(value.trim());
    const ok =
      m !== null &&
      inRange(m[3]!, 1, 12) &&
      inRange(m[4]!, 1, 31) &&
      inRange(m[5]!, 0, 23) &&
      inRange(m[6]!, 0, 59) &&
      inRange(m[7]!, 0, 60);
    if (!ok) this.add("error", "INVALID_DATE", "unparseable time string", path);
  }

  /** A quoted string value: dhcpd's lexer must read it back unchanged. Returns true when it can. */
  private text(value: unknown, path: string): boolean {
    if (typeof value !== "string") {
      this.add("error", "TEXT_NOT_ENCODABLE", "expecting string.", path);
      return false;
    }
    let problem: string | undefined;
    if (value.includes('"')) problem = 'a quoted string cannot hold `"`: dhcpd ends the string there, even after `\\`';
    else if (value.includes("\0")) problem = "a quoted string cannot hold a NUL byte: dhcpd's strings end there";
    else if (value.length * 3 > STRING_MAX && byteLength(value) > STRING_MAX) problem = "string constant larger than internal buffer";
    if (problem) this.add("error", "TEXT_NOT_ENCODABLE", problem, path);
    return problem === undefined;
  }

  private options(options: readonly OptionSetting[], path: string, subnet: Subnet | undefined): void {
    const seen = options.length > 1 ? new Map<string, number>() : undefined;
    for (let i = 0; i < options.length; i++) {
      const option = options[i]!;
      const at = `${path}[${i}]`;
      const info = optionInfo(option.name);
      if (!info) {
        this.add("warning", "NO_SUCH_OPTION", `no option named ${option.name}`, join(at, "name"));
        continue;
      }
      const before = seen?.get(option.name);
      if (before !== undefined) {
        this.add(
          "warning",
          "DUPLICATE_OPTION",
          `option ${option.name} is set again in this scope (first at ${path}[${before}]); dhcpd keeps only the last`,
          at,
        );
      }
      seen?.set(option.name, i);
      const value = option.value;
      if (typeof value === "object" && value !== null && !Array.isArray(value) && "raw" in value) continue; // kept verbatim; parse reported it
      this.optionValue(option.name, info.format, value, join(at, "value"));
      const mask = option.name === "subnet-mask" && typeof value === "string" ? parseIPv4(value) : undefined;
      const subnetMask = mask && subnet ? dottedQuad(subnet.netmask) : undefined;
      if (mask && subnet && subnetMask) {
        if (addressNumber(mask) !== addressNumber(subnetMask)) {
          this.add(
            "warning",
            "NETMASK_MISMATCH",
            `option subnet-mask ${value} does not match the subnet's netmask ${subnet.netmask}`,
            join(at, "value"),
          );
        }
      }
    }
  }

  private optionValue(name: string, format: OptionFormat, value: unknown, path: string): void {
    if (!this.typedValue(format, value, path)) {
      this.add("error", "OPTION_VALUE_TYPE", `option ${name}: ${FORMAT_TEXT[format]} expected`, path);
    }
  }

  /** Checks a value of the option's format; false when the value is not of that format at all. */
  private typedValue(format: OptionFormat, value: unknown, path: string): boolean {
    switch (format) {
      case "I":
        if (typeof value !== "string") return false;
        this.address(value, path);
        return true;
      case "IA":
        if (!isStringArray(value) || value.length === 0) return false;
        value.forEach((a, i) => this.address(a, `${path}[${i}]`));
        return true;
      case "IIA":
        if (!isPairArray(value, "destination", "router") || value.length === 0) return false;
        value.forEach((p, i) => {
          this.address(p.destination, `${path}[${i}].destination`);
          this.address(p.router, `${path}[${i}].router`);
        });
        return true;
      case "CIA":
        if (!isPairArray(value, "destination", "router") || value.length === 0) return false;
        value.forEach((r, i) => {
          if (!isCidr(r.destination)) this.add("error", "INVALID_CIDR", "expecting IPv4 CIDR block.", `${path}[${i}].destination`);
          this.address(r.router, `${path}[${i}].router`);
        });
        return true;
      case "l":
      case "L":
      case "s":
      case "S":
      case "b":
      case "B":
        if (typeof value !== "number") return false;
        this.integer(value, format, path);
        return true;
      case "SA":
      case "BA": {
        if (!Array.isArray(value) || value.length === 0 || !value.every((n) => typeof n === "number")) return false;
        const element = format === "SA" ? "S" : "B";
        (value as number[]).forEach((n, i) => this.integer(n, element, `${path}[${i}]`));
        return true;
      }
      case "t":
        if (typeof value !== "string") return false;
        this.text(value, path);
        return true;
      case "f":
        return typeof value === "boolean";
      case "X":
        if (isObject(value) && typeof value.text === "string") this.text(value.text, join(path, "text"));
        else if (isObject(value) && typeof value.hex === "string") this.hex(value.hex, join(path, "hex"));
        else return false;
        return true;
      case "D":
        if (!isStringArray(value) || value.length === 0) return false;
        value.forEach((d, i) => {
          const at = `${path}[${i}]`;
          if (this.text(d, at) && !domainEncodes(d)) this.add("error", "DOMAIN_NOT_ENCODABLE", "Can't compress domain", at);
        });
        return true;
    }
  }

  /** An integer option value against convert_num's bounds and the format's signedness. */
  private integer(value: number, format: keyof typeof INTEGER_FORMATS, path: string): void {
    if (!Number.isSafeInteger(value)) {
      this.add("error", "INVALID_NUMBER", "expecting number.", path);
      return;
    }
    const { bits, signed } = INTEGER_FORMATS[format];
    const bounds = CONVERT_NUM_MAX[bits];
    const max = value < 0 ? bounds.negative : bounds.positive;
    if (Math.abs(value) > max) {
      this.add("error", "INTEGER_OUT_OF_RANGE", `value ${value} exceeds max (${max}) for precision.`, path);
      return;
    }
    const span = 2 ** bits;
    if (!signed && value < 0) {
      this.add("warning", "INTEGER_SIGN", `value ${value} is negative for an unsigned ${bits}-bit option; dhcpd sends ${value + span}`, path);
    } else if (signed && value >= span / 2) {
      this.add("warning", "INTEGER_SIGN", `value ${value} is above ${span / 2 - 1} for a signed ${bits}-bit option; dhcpd sends ${value - span}`, path);
    }
  }

  /** `X` data written as hex: `:`-separated octets. */
  private hex(value: string, path: string): void {
    if (value === "") {
      this.add("error", "INVALID_HEX", "expecting string or hexadecimal data.", path);
      return;
    }
    for (const part of value.split(":")) {
      if (!/^[0-9A-Fa-f]+$/.test(part)) {
        this.add("error", "INVALID_HEX", "expecting hex number.", path);
        return;
      }
      const n = parseInt(part, 16);
      if (n > OCTET_MAX) {
        this.add("error", "INTEGER_OUT_OF_RANGE", `value ${n.toString(16)} exceeds max (${OCTET_MAX}) for precision.`, path);
        return;
      }
    }
  }

  /** The checks across the whole model. */
  wholeModel(): void {
    this.subnetConflicts();
    this.overlappingRanges();
    this.hostChecks();
  }

  /** memory.c enter_subnet: a subnet inside another (or the same twice) is logged. */
  private subnetConflicts(): void {
    const nets = this.subnets.filter((s) => s.length !== undefined);
    nets.sort((a, b) => a.net - b.net || a.length! - b.length! || a.order - b.order);
    // CIDR blocks nest or are apart: a stack of the blocks that hold the current one.
    const stack: SubnetEntry[] = [];
    for (const s of nets) {
      while (stack.length > 0 && !contains(stack[stack.length - 1]!, s)) stack.pop();
      for (const outer of stack) {
        const [early, late] = outer.order < s.order ? [outer, s] : [s, outer];
        this.add(
          "warning",
          "SUBNET_CONFLICT",
          `subnet ${addressText(late.net)}/${late.length} conflicts with subnet ${addressText(early.net)}/${early.length}`,
          late.path,
        );
      }
      stack.push(s);
    }
  }

  private overlappingRanges(): void {
    const sorted = [...this.ranges].sort((a, b) => a.low - b.low || a.order - b.order);
    let widest: RangeEntry | undefined;
    for (const r of sorted) {
      if (widest && r.low <= widest.high) {
        const [early, late] = widest.order < r.order ? [widest, r] : [r, widest];
        this.add(
          "warning",
          "OVERLAPPING_RANGES",
          `range ${addressText(late.low)} to ${addressText(late.high)} overlaps range ${addressText(early.low)} to ${addressText(early.high)} (${early.path})`,
          late.path,
        );
      }
      if (!widest || r.high > widest.high) widest = r;
    }
  }

  // Duplicates are found by sorting numeric keys (native typed-array sort);
  // only keys that repeat go through a map, so 10,000 hosts stay cheap.
  private hostChecks(): void {
    const hosts = this.hosts;
    const nameKeys = new Float64Array(hosts.length);
    const macKeys = new Float64Array(hosts.length);
    let addressCount = 0;
    for (let h = 0; h < hosts.length; h++) {
      const { host, mac } = hosts[h]!;
      nameKeys[h] = typeof host.name === "string" ? nameHash(host.name) : NaN;
      macKeys[h] = mac === undefined ? NaN : macNumber(mac);
      addressCount += hosts[h]!.addresses.length;
    }
    const addressKeys = new Float64Array(addressCount);
    let k = 0;
    for (const entry of hosts) for (const n of entry.addresses) addressKeys[k++] = n;

    const sameNames = repeated(nameKeys);
    if (sameNames.size > 0) {
      const first = new Map<string, HostEntry>();
      hosts.forEach((entry, h) => {
        if (!sameNames.has(nameKeys[h]!)) return;
        const key = entry.host.name.toLowerCase();
        const other = first.get(key);
        if (!other) first.set(key, entry);
        else this.add("warning", "DUPLICATE_HOST_NAME", `host ${entry.host.name} is declared twice (also at ${other.path})`, join(entry.path, "name"));
      });
    }
    const sameMacs = repeated(macKeys);
    if (sameMacs.size > 0) {
      const first = new Map<number, HostEntry>();
      hosts.forEach((entry, h) => {
        if (!sameMacs.has(macKeys[h]!)) return;
        const other = first.get(macKeys[h]!);
        if (!other) first.set(macKeys[h]!, entry);
        else {
          this.add(
            "warning",
            "DUPLICATE_HARDWARE_ADDRESS",
            `hardware ethernet ${entry.mac} of host ${entry.host.name} is also host ${other.host.name}'s (${other.path})`,
            join(entry.path, "hardwareEthernet"),
          );
        }
      });
    }
    const sameAddresses = repeated(addressKeys);
    const first = new Map<number, HostEntry>();
    const findSubnet = subnetFinder(this.subnets);
    const findRange = rangeFinder(this.ranges);
    for (const entry of hosts) {
      const { host, path, addresses } = entry;
      for (let i = 0; i < addresses.length; i++) {
        const n = addresses[i]!;
        if (Number.isNaN(n)) continue; // names are resolved by dhcpd at load time
        const text = host.fixedAddress![i]!;
        if (sameAddresses.has(n)) {
          const other = first.get(n);
          if (!other) first.set(n, entry);
          else if (other !== entry) {
            this.add("warning", "DUPLICATE_FIXED_ADDRESS", `fixed-address ${text} of host ${host.name} is also host ${other.host.name}'s (${other.path})`, fixedPath(path, i));
          }
        }
        if (this.subnets.length > 0 && !findSubnet(n)) {
          this.add("warning", "FIXED_ADDRESS_OUTSIDE_SUBNETS", `fixed-address ${text} of host ${host.name} is on no declared subnet`, fixedPath(path, i));
        }
        const range = findRange(n);
        if (range) {
          this.add(
            "warning",
            "FIXED_ADDRESS_IN_RANGE",
            `fixed-address ${text} of host ${host.name} is inside the dynamic range ${addressText(range.low)} to ${addressText(range.high)} (${range.path})`,
            fixedPath(path, i),
          );
        }
      }
    }
  }
}

/** The keys that occur more than once (NaN never does): an open-addressing table of doubles. */
function repeated(keys: Float64Array): Set<number> {
  const out = new Set<number>();
  let size = 16;
  while (size < keys.length * 2) size *= 2;
  const table = new Float64Array(size).fill(NaN);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (Number.isNaN(key)) continue;
    let slot = Math.imul((key >>> 0) ^ Math.floor(key / 4294967296), 0x9e3779b1) & (size - 1);
    for (;;) {
      const there = table[slot]!;
      if (Number.isNaN(there)) {
        table[slot] = key;
        break;
      }
      if (there === key) {
        out.add(key);
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  return out;
}

/** A 32-bit FNV-1a hash of a name with ASCII letters folded to lower case: equal names (ignoring case) hash alike. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), 0x01000193);
  }
  return h >>> 0;
}

/** A canonical ethernet address (`xx:xx:xx:xx:xx:xx`, lower case) as a 48-bit number. */
function macNumber(mac: string): number {
  let n = 0;
  for (let i = 0; i < 17; i += 3) n = n * 256 + hexValue(mac.charCodeAt(i)) * 16 + hexValue(mac.charCodeAt(i + 1));
  return n;
}

/** Value of a lower-case hex digit's char code. */
const hexValue = (c: number): number => (c <= 57 ? c - 48 : c - 87);

const fixedPath = (hostPath: string, index: number): string => `${hostPath}.fixedAddress[${index}]`;

const FORMAT_TEXT: Record<OptionFormat, string> = {
  I: "an address",
  IA: "a list of addresses",
  IIA: "a list of address pairs",
  CIA: "a list of classless routes",
  l: "a number",
  L: "a number",
  s: "a number",
  S: "a number",
  b: "a number",
  B: "a number",
  SA: "a list of numbers",
  BA: "a list of numbers",
  t: "a string",
  f: "a flag",
  X: "a string or hex data",
  D: "a list of domain names",
};

function inRange(text: string, low: number, high: number): boolean {
  const n = Number(text);
  return n >= low && n <= high;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function isPairArray<A extends string, B extends string>(value: unknown, a: A, b: B): value is Array<Record<A | B, string>> {
  return Array.isArray(value) && value.every((v) => isObject(v) && typeof v[a] === "string" && typeof v[b] === "string");
}

/** parse_cidr: 1 to 4 decimal octets, `/`, a length of 0 to 32. */
function isCidr(text: string): boolean {
  const m = /^([0-9]+(?:\.[0-9]+){0,3})\/([0-9]+)$/.exec(text);
  if (!m) return false;
  return m[1]!.split(".").every((o) => Number(o) <= OCTET_MAX) && Number(m[2]) <= CIDR_LENGTH_MAX;
}

/** dn_comp can encode the name: no empty label, labels of at most 63 bytes, at most 255 bytes in all. */
function domainEncodes(name: string): boolean {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (bare === "") return true; // the root
  let total = 1;
  for (const label of bare.split(".")) {
    const n = byteLength(label);
    if (n === 0 || n > DOMAIN_LABEL_MAX) return false;
    total += n + 1;
  }
  return total <= DOMAIN_NAME_MAX;
}

function hasSubnet(group: Group): boolean {
  return group.subnets.length > 0 || group.groups.some(hasSubnet);
}

function contains(outer: SubnetEntry, inner: SubnetEntry): boolean {
  return outer.length! <= inner.length! && ((inner.net & maskOf(outer.length!)) >>> 0) === outer.net;
}

/** A lookup of the subnet holding an address: one map per prefix length, a scan for non-contiguous masks. */
function subnetFinder(subnets: readonly SubnetEntry[]): (address: number) => SubnetEntry | undefined {
  const byLength = new Map<number, Map<number, SubnetEntry>>();
  const odd: SubnetEntry[] = [];
  for (const s of subnets) {
    if (s.length === undefined) {
      odd.push(s);
      continue;
    }
    let nets = byLength.get(s.length);
    if (!nets) byLength.set(s.length, (nets = new Map()));
    if (!nets.has(s.net)) nets.set(s.net, s);
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  return (address) => {
    for (const length of lengths) {
      const hit = byLength.get(length)!.get((address & maskOf(length)) >>> 0);
      if (hit) return hit;
    }
    return odd.find((s) => ((address & s.mask) >>> 0) === s.net);
  };
}

/** A lookup of a range holding an address: ranges sorted by start, with the running highest end. */
function rangeFinder(ranges: readonly RangeEntry[]): (address: number) => RangeEntry | undefined {
  const sorted = [...ranges].sort((a, b) => a.low - b.low);
  const reach: number[] = [];
  let top = -1;
  for (const r of sorted) reach.push((top = Math.max(top, r.high)));
  return (address) => {
    // Last range starting at or before the address.
    let lo = 0;
    let hi = sorted.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.low <= address) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    for (let i = at; i >= 0 && reach[i]! >= address; i--) {
      if (sorted[i]!.high >= address) return sorted[i];
    }
    return undefined;
  };
}
