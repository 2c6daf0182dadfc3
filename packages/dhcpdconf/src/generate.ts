import { byteLength, checkedArray, checkedBoolean, checkedIndent, checkedMember, checkedRecord, parseIPv4, UnwritableValueError } from "@obsdconf/core";
import { CIDR_LENGTH_MAX, DOMAIN_LABEL_MAX, DOMAIN_NAME_MAX, HARDWARE_ADDRESS_MAX, INTEGER_FORMATS, STRING_MAX, TOKEN_MAX } from "./limits.js";
import {
  ALLOW_KEYS,
  type ClassDeclaration,
  type DhcpdConf,
  type Group,
  type Host,
  type OptionSetting,
  type Parameters,
  type Range,
  type SharedNetwork,
  type Subnet,
} from "./model.js";
import { optionInfo, type OptionFormat } from "./options.js";

// Every function here checks, at run time, the part of the model it writes:
// a model read from JSON has no TypeScript types, and a value written
// verbatim could end a statement or a block and start another. A refused
// field throws UnwritableValueError naming its path
// (`subnets[0].hosts[3].name`). What dhcpd rejects for other reasons (a
// parameter in the wrong scope, an empty shared network, a range outside its
// subnet) is written as asked: validate reports it with dhcpd's words.

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Indentation of one nesting level: blanks and tabs only (default one tab). */
  indent?: string;
}

/**
 * Canonical dhcpd.conf text for a model. In every scope the parameters come
 * first (dhcpd: "parameters not allowed after first declaration."), then
 * ranges, shared networks, subnets, groups, hosts and classes; one statement
 * per line, nested blocks indented one level more, top-level blocks
 * separated by blank lines. Option values are written in the form their
 * format (options.ts) takes. Every field is checked at run time: a value of
 * the wrong type, an unknown field, a number outside its format's range, an
 * address that is not a dotted quad, a name dhcpd cannot read as a dotted
 * name, a string with a `"`, a control character or a lone UTF-16 surrogate,
 * an option set twice in one scope or an allow/deny key listed twice (dhcpd
 * keeps only the last, so the text would not read back as the model) throws
 * {@link UnwritableValueError} naming the field's path.
 */
export function generate(model: DhcpdConf, options: GenerateOptions = {}): string {
  const indent = indentText(options);
  checkModel(model);
  const head = parameterStatements(model, "").map((s) => `${s.text}\n`).join("");
  const blocks = [
    ...model.sharedNetworks.map((n, i) => sharedNetworkText(n, indent, `sharedNetworks[${i}]`)),
    ...model.subnets.map((s, i) => subnetText(s, indent, `subnets[${i}]`)),
    ...model.groups.map((g, i) => groupText(g, indent, `groups[${i}]`)),
    ...model.hosts.map((h, i) => hostText(h, indent, `hosts[${i}]`)),
    ...model.classes.map((c, i) => classText(c, indent, `classes[${i}]`)),
  ];
  return (head ? [head, ...blocks] : blocks).join("\n");
}

/** The indentation of {@link GenerateOptions}, checked: blanks and tabs only. */
function indentText(options: GenerateOptions): string {
  if (typeof options !== "object" || options === null) {
    throw new UnwritableValueError(options, "generate's options are an object", "options");
  }
  const indent: unknown = options.indent === undefined ? "\t" : options.indent;
  checkIndent(indent, "indent");
  return indent as string;
}

function checkIndent(indent: unknown, field: string): void {
  checkedIndent(indent, field);
}

// ---------------------------------------------------------------------------
// Shape

/** Model fields every scope may carry (model.ts `Parameters`), in the order generate writes them. */
export const PARAMETER_FIELDS = [
  "defaultLeaseTime",
  "maxLeaseTime",
  "dynamicBootpLeaseLength",
  "dynamicBootpLeaseCutoff",
  "getLeaseHostnames",
  "useHostDeclNames",
  "alwaysReplyRfc1048",
  "echoClientId",
  "useLeaseAddrForDefaultRoute",
  "authoritative",
  "allow",
  "deny",
  "nextServer",
  "serverIdentifier",
  "filename",
  "serverName",
  "options",
] as const;

const ROOT_FIELDS = [...PARAMETER_FIELDS, "sharedNetworks", "subnets", "groups", "hosts", "classes"] as const;
const SHARED_NETWORK_FIELDS = ["name", ...PARAMETER_FIELDS, "subnets", "groups", "hosts"] as const;
const SUBNET_FIELDS = ["network", "netmask", ...PARAMETER_FIELDS, "ranges", "groups", "hosts"] as const;
const GROUP_FIELDS = [...PARAMETER_FIELDS, "sharedNetworks", "subnets", "groups", "hosts"] as const;
const HOST_FIELDS = ["name", "hardwareEthernet", "hardwareIpsecTunnel", "fixedAddress", ...PARAMETER_FIELDS] as const;
const CLASS_FIELDS = ["kind", "name", ...PARAMETER_FIELDS] as const;
const RANGE_FIELDS = ["low", "high", "dynamicBootp"] as const;

/**
 * Checks the shape of a model at run time, down to every object in its
 * lists: each scope an object with only its own fields (model.ts), each list
 * an array, options objects with a name and a value. Cheap (no text is
 * made), so `update` can call it first; the text functions check the values
 * they write. Throws {@link UnwritableValueError} naming the field. An item
 * that is the very object at the same index of the same list in `checked` (a
 * model known to be well formed, such as a parsed one) is skipped with
 * everything under it, so checking an update's copy-on-write result costs
 * only what changed.
 */
export function checkModel(model: unknown, checked?: DhcpdConf): asserts model is DhcpdConf {
  const m = record(model, "", ROOT_FIELDS, "a dhcpd.conf model");
  checkScope(m, "", "root", isObject(checked) ? checked : undefined);
}

type Known = Record<string, unknown> | undefined;
type ScopeName = "root" | "sharedNetwork" | "subnet" | "group" | "host" | "class" | "range";

/** Each kind of object: its fields, what it is called, and its lists with the kind of their items. */
const SCOPES: Readonly<Record<ScopeName, { fields: readonly string[]; what: string; lists: ReadonlyArray<readonly [string, ScopeName]> }>> = {
  root: {
    fields: ROOT_FIELDS,
    what: "a dhcpd.conf model",
    lists: [
      ["sharedNetworks", "sharedNetwork"],
      ["subnets", "subnet"],
      ["groups", "group"],
      ["hosts", "host"],
      ["classes", "class"],
    ],
  },
  sharedNetwork: {
    fields: SHARED_NETWORK_FIELDS,
    what: "a shared network",
    lists: [
      ["subnets", "subnet"],
      ["groups", "group"],
      ["hosts", "host"],
    ],
  },
  subnet: {
    fields: SUBNET_FIELDS,
    what: "a subnet",
    lists: [
      ["ranges", "range"],
      ["groups", "group"],
      ["hosts", "host"],
    ],
  },
  group: {
    fields: GROUP_FIELDS,
    what: "a group",
    lists: [
      ["sharedNetworks", "sharedNetwork"],
      ["subnets", "subnet"],
      ["groups", "group"],
      ["hosts", "host"],
    ],
  },
  host: { fields: HOST_FIELDS, what: "a host", lists: [] },
  class: { fields: CLASS_FIELDS, what: "a class declaration", lists: [] },
  range: { fields: RANGE_FIELDS, what: "a range", lists: [] },
};

/** The item at `i` of list `key` of `prior`, when it is the very object `item`. */
function sameItem(prior: Known, key: string, i: number, item: unknown): boolean {
  if (prior === undefined) return false;
  const list = prior[key];
  return Array.isArray(list) && list[i] === item;
}

/** Item `i` of list `key` of `prior`, when there is one (the items under it are compared with it). */
function priorItem(prior: Known, key: string, i: number): Known {
  const list = prior?.[key];
  const item: unknown = Array.isArray(list) ? list[i] : undefined;
  return isObject(item) ? item : undefined;
}

function checkScope(s: Record<string, unknown>, at: string, kind: ScopeName, prior: Known): void {
  const path = (key: string): string => (at ? `${at}.${key}` : key);
  if (s.options !== undefined) {
    array(s.options, path("options")).forEach((o, i) => {
      if (!sameItem(prior, "options", i, o)) record(o, `${path("options")}[${i}]`, ["name", "value"], "an option setting");
    });
  }
  for (const key of ["allow", "deny", "fixedAddress"] as const) if (s[key] !== undefined) array(s[key], path(key));
  for (const [key, childKind] of SCOPES[kind].lists) {
    const child = SCOPES[childKind];
    array(s[key], path(key)).forEach((item, i) => {
      if (sameItem(prior, key, i, item)) return;
      const itemPath = `${path(key)}[${i}]`;
      checkScope(record(item, itemPath, child.fields, child.what), itemPath, childKind, priorItem(prior, key, i));
    });
  }
}

// ---------------------------------------------------------------------------
// Statements

/** A model field that maps to statements of a scope's body. */
export type ParameterKey = (typeof PARAMETER_FIELDS)[number] | "hardwareEthernet" | "hardwareIpsecTunnel" | "fixedAddress";

/** One statement of a scope's body, without indentation, with its `;`. */
export interface StatementText {
  /** The model field it comes from. */
  key: ParameterKey;
  /** The index in the field's list (`options`, `allow`, `deny`), else undefined. */
  index?: number;
  /** The statement, e.g. `option routers 10.0.0.1;`. */
  text: string;
}

/**
 * The parameter statements of a scope in canonical order (the order of
 * {@link PARAMETER_FIELDS}), each checked. `field` is the scope's path
 * (`""` for the top level). Fields that are not parameters are ignored here:
 * the scope's own text function checks them.
 */
export function parameterStatements(params: Parameters, field: string): StatementText[] {
  const p = record(params, field, undefined, "a scope");
  const path = (key: string): string => (field ? `${field}.${key}` : key);
  const out: StatementText[] = [];
  const add = (key: ParameterKey, text: string, index?: number): void => {
    out.push(index === undefined ? { key, text } : { key, index, text });
  };
  const leaseTimes = [
    ["defaultLeaseTime", "default-lease-time"],
    ["maxLeaseTime", "max-lease-time"],
    ["dynamicBootpLeaseLength", "dynamic-bootp-lease-length"],
  ] as const;
  for (const [key, word] of leaseTimes) {
    if (p[key] !== undefined) add(key, `${word} ${integer(p[key], path(key), 0, 4294967295)};`);
  }
  if (p.dynamicBootpLeaseCutoff !== undefined) {
    add("dynamicBootpLeaseCutoff", `dynamic-bootp-lease-cutoff ${dateText(p.dynamicBootpLeaseCutoff, path("dynamicBootpLeaseCutoff"))};`);
  }
  const flags = [
    ["getLeaseHostnames", "get-lease-hostnames"],
    ["useHostDeclNames", "use-host-decl-names"],
    ["alwaysReplyRfc1048", "always-reply-rfc1048"],
    ["echoClientId", "echo-client-id"],
    ["useLeaseAddrForDefaultRoute", "use-lease-addr-for-default-route"],
  ] as const;
  for (const [key, word] of flags) {
    const value = bool(p[key], path(key));
    if (value !== undefined) add(key, `${word} ${value ? "true" : "false"};`);
  }
  const authoritative = bool(p.authoritative, path("authoritative"));
  if (authoritative !== undefined) add("authoritative", authoritative ? "authoritative;" : "not authoritative;");
  for (const key of ["allow", "deny"] as const) {
    if (p[key] === undefined) continue;
    const seen = new Set<string>();
    array(p[key], path(key)).forEach((k, i) => {
      const word = member(k, ALLOW_KEYS, `${path(key)}[${i}]`);
      if (seen.has(word)) throw new UnwritableValueError(word, `${key} ${word} is already in the list`, `${path(key)}[${i}]`);
      seen.add(word);
      add(key, `${key} ${word};`, i);
    });
  }
  if (p.nextServer !== undefined) add("nextServer", `next-server ${addressOrHostName(p.nextServer, path("nextServer"))};`);
  if (p.serverIdentifier !== undefined) {
    add("serverIdentifier", `server-identifier ${addressOrHostName(p.serverIdentifier, path("serverIdentifier"))};`);
  }
  if (p.filename !== undefined) add("filename", `filename ${quoted(p.filename, path("filename"))};`);
  if (p.serverName !== undefined) add("serverName", `server-name ${quoted(p.serverName, path("serverName"))};`);
  if (p.options !== undefined) {
    const names = new Set<unknown>();
    array(p.options, path("options")).forEach((o, i) => {
      const text = optionText(o as OptionSetting, `${path("options")}[${i}]`);
      const name = (o as OptionSetting).name;
      if (names.has(name)) {
        throw new UnwritableValueError(name, "the option is set twice in this scope (dhcpd keeps only the last)", `${path("options")}[${i}].name`);
      }
      names.add(name);
      add("options", text, i);
    });
  }
  return out;
}

/** The parameter statements of a scope as lines, each prefixed with `indent` and ended with a newline. */
export function parameterLines(params: Parameters, indent: string, field: string): string {
  checkIndent(indent, "indent");
  return parameterStatements(params, field)
    .map((s) => `${indent}${s.text}\n`)
    .join("");
}

/** `option NAME VALUE;` with the value written in the form of the option's format. */
export function optionText(option: OptionSetting, field: string): string {
  const o = record(option, field, ["name", "value"], "an option setting");
  const name = o.name;
  if (typeof name !== "string") throw new UnwritableValueError(name, "an option name is a string", `${field}.name`);
  const info = optionInfo(name);
  const value = o.value;
  const vfield = `${field}.value`;
  if (!info) {
    if (!isDottedName(name) || /^dhcp\./.test(name)) {
      throw new UnwritableValueError(
        name,
        "an option name is a name dhcpd reads as one word or dotted words (letters, digits, '-', '_'), without the `dhcp.` prefix",
        `${field}.name`,
      );
    }
    const raw = rawValue(value, vfield, name);
    return raw === "" ? `option ${name};` : `option ${name} ${raw};`;
  }
  return `option ${name} ${optionValueText(value, info.format, vfield, name)};`;
}

/** The text of an option value of format `format`, checked against the model type of that format. */
export function optionValueText(value: unknown, format: OptionFormat, field: string, name = "this option"): string {
  if (isObject(value) && "raw" in value) {
    throw new UnwritableValueError(value, `{ raw } is only for options dhcpd does not know; ${name} takes format ${format}`, field);
  }
  switch (format) {
    case "I":
      return addressOrHostName(value, field);
    case "IA":
      return nonEmpty(value, field, "addresses").map((a, i) => addressOrHostName(a, `${field}[${i}]`)).join(", ");
    case "IIA":
      return nonEmpty(value, field, "address pairs")
        .map((pair, i) => {
          const p = record(pair, `${field}[${i}]`, ["destination", "router"], "an address pair ({ destination, router })");
          return `${addressOrHostName(p.destination, `${field}[${i}].destination`)} ${addressOrHostName(p.router, `${field}[${i}].router`)}`;
        })
        .join(", ");
    case "CIA":
      return nonEmpty(value, field, "routes")
        .map((route, i) => {
          const r = record(route, `${field}[${i}]`, ["destination", "router"], "a classless route ({ destination, router })");
          return `${cidrText(r.destination, `${field}[${i}].destination`)} ${addressOrHostName(r.router, `${field}[${i}].router`)}`;
        })
        .join(", ");
    case "l":
    case "L":
    case "s":
    case "S":
    case "b":
    case "B":
      return formatInteger(value, format, field);
    case "SA":
    case "BA": {
      const item = format[0] as "S" | "B";
      return nonEmpty(value, field, "numbers").map((n, i) => formatInteger(n, item, `${field}[${i}]`)).join(", ");
    }
    case "t":
      return quoted(value, field);
    case "f":
      if (typeof value !== "boolean") throw new UnwritableValueError(value, "a flag option's value is true or false", field);
      return value ? "true" : "false";
    case "X":
      return dataText(value, field);
    case "D":
      return nonEmpty(value, field, "domain names").map((d, i) => domainText(d, `${field}[${i}]`)).join(", ");
  }
}

/** `range [dynamic-bootp] LOW [HIGH];` */
export function rangeText(range: Range, field: string): string {
  const r = record(range, field, RANGE_FIELDS, "a range");
  let text = "range";
  if (bool(r.dynamicBootp, `${field}.dynamicBootp`)) text += " dynamic-bootp";
  text += ` ${address(r.low, `${field}.low`)}`;
  if (r.high !== undefined) text += ` ${address(r.high, `${field}.high`)}`;
  return `${text};`;
}

/** `hardware ethernet …;`, `hardware ipsec-tunnel …;`, `fixed-address …;` and the parameters of a host, in that order. */
export function hostStatements(host: Host, field: string): StatementText[] {
  const h = record(host, field, HOST_FIELDS, "a host");
  const out: StatementText[] = [];
  if (h.hardwareEthernet !== undefined) {
    const mac = h.hardwareEthernet;
    if (typeof mac !== "string" || !/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/.test(mac)) {
      throw new UnwritableValueError(
        mac,
        "an ethernet address is six two-digit lower-case hex octets joined by ':' (fe:e1:ba:d0:00:01)",
        `${field}.hardwareEthernet`,
      );
    }
    out.push({ key: "hardwareEthernet", text: `hardware ethernet ${mac};` });
  }
  if (h.hardwareIpsecTunnel !== undefined) {
    const hw = h.hardwareIpsecTunnel;
    const octets = `{0,${HARDWARE_ADDRESS_MAX - 1}}`;
    if (typeof hw !== "string" || !new RegExp(`^[0-9a-f]{2}(?::[0-9a-f]{2})${octets}$`).test(hw)) {
      throw new UnwritableValueError(
        hw,
        `an ipsec-tunnel address is 1 to ${HARDWARE_ADDRESS_MAX} two-digit lower-case hex octets joined by ':'`,
        `${field}.hardwareIpsecTunnel`,
      );
    }
    out.push({ key: "hardwareIpsecTunnel", text: `hardware ipsec-tunnel ${hw};` });
  }
  if (h.fixedAddress !== undefined) {
    const list = nonEmpty(h.fixedAddress, `${field}.fixedAddress`, "addresses");
    const text = list.map((a, i) => addressOrHostName(a, `${field}.fixedAddress[${i}]`)).join(", ");
    out.push({ key: "fixedAddress", text: `fixed-address ${text};` });
  }
  out.push(...parameterStatements(h as Parameters, field));
  return out;
}

/** `host NAME`, the header of a host block. */
export function hostHeader(host: Host, field: string): string {
  const h = record(host, field, HOST_FIELDS, "a host");
  return `host ${dottedName(h.name, `${field}.name`)}`;
}

/**
 * A whole host block with its final newline: the header at `outer`, its
 * statements at `outer + indent`.
 */
export function hostText(host: Host, indent: string, field: string, outer = ""): string {
  return blockText(hostHeader(host, field), hostStatements(host, field), [], indent, outer);
}

/** `subnet NETWORK netmask MASK`, the header of a subnet block. */
export function subnetHeader(subnet: Subnet, field: string): string {
  const s = record(subnet, field, SUBNET_FIELDS, "a subnet");
  return `subnet ${address(s.network, `${field}.network`)} netmask ${address(s.netmask, `${field}.netmask`)}`;
}

/** A whole subnet block with its final newline: parameters, ranges, groups, hosts. */
export function subnetText(subnet: Subnet, indent: string, field: string, outer = ""): string {
  const header = subnetHeader(subnet, field);
  const s = subnet as unknown as Record<string, unknown>;
  const inner = outer + indent;
  const statements = parameterStatements(subnet, field);
  const ranges = array(s.ranges, `${field}.ranges`).map((r, i) => rangeText(r as Range, `${field}.ranges[${i}]`));
  const children = [
    ...array(s.groups, `${field}.groups`).map((g, i) => groupText(g as Group, indent, `${field}.groups[${i}]`, inner, true)),
    ...array(s.hosts, `${field}.hosts`).map((h, i) => hostText(h as Host, indent, `${field}.hosts[${i}]`, inner)),
  ];
  return blockText(header, [...statements.map((x) => x.text), ...ranges], children, indent, outer);
}

/** `shared-network "NAME"`, the header of a shared-network block (the name always quoted). */
export function sharedNetworkHeader(network: SharedNetwork, field: string): string {
  const n = record(network, field, SHARED_NETWORK_FIELDS, "a shared network");
  if (n.name === "") throw new UnwritableValueError(n.name, "a shared network needs a name", `${field}.name`);
  return `shared-network ${quoted(n.name, `${field}.name`)}`;
}

/**
 * A whole shared-network block with its final newline: parameters, subnets,
 * groups, hosts (dhcpd counts a subnet inside a shared network as a
 * parameter, so subnets come before the first group or host).
 */
export function sharedNetworkText(network: SharedNetwork, indent: string, field: string, outer = ""): string {
  const header = sharedNetworkHeader(network, field);
  const n = network as unknown as Record<string, unknown>;
  const inner = outer + indent;
  const children = [
    ...array(n.subnets, `${field}.subnets`).map((s, i) => subnetText(s as Subnet, indent, `${field}.subnets[${i}]`, inner)),
    ...array(n.groups, `${field}.groups`).map((g, i) => groupText(g as Group, indent, `${field}.groups[${i}]`, inner, true)),
    ...array(n.hosts, `${field}.hosts`).map((h, i) => hostText(h as Host, indent, `${field}.hosts[${i}]`, inner)),
  ];
  return blockText(header, parameterStatements(network, field).map((x) => x.text), children, indent, outer);
}

/**
 * A whole group block with its final newline: parameters, shared networks,
 * subnets, groups, hosts. `inNetwork`: the group is inside a shared network
 * or a subnet, where dhcpd counts a subnet as a parameter; its subnets are
 * then written before its shared networks.
 */
export function groupText(group: Group, indent: string, field: string, outer = "", inNetwork = false): string {
  const g = record(group, field, GROUP_FIELDS, "a group");
  const inner = outer + indent;
  const networks = array(g.sharedNetworks, `${field}.sharedNetworks`).map((n, i) =>
    sharedNetworkText(n as SharedNetwork, indent, `${field}.sharedNetworks[${i}]`, inner),
  );
  const subnets = array(g.subnets, `${field}.subnets`).map((s, i) => subnetText(s as Subnet, indent, `${field}.subnets[${i}]`, inner));
  const children = [
    ...(inNetwork ? [...subnets, ...networks] : [...networks, ...subnets]),
    ...array(g.groups, `${field}.groups`).map((c, i) => groupText(c as Group, indent, `${field}.groups[${i}]`, inner, inNetwork)),
    ...array(g.hosts, `${field}.hosts`).map((h, i) => hostText(h as Host, indent, `${field}.hosts[${i}]`, inner)),
  ];
  return blockText("group", parameterStatements(group, field).map((x) => x.text), children, indent, outer);
}

const CLASS_KINDS = ["vendor-class", "user-class"] as const;

/** `vendor-class "NAME"` or `user-class "NAME"`, the header of a class block. */
export function classHeader(decl: ClassDeclaration, field: string): string {
  const c = record(decl, field, CLASS_FIELDS, "a class declaration");
  return `${member(c.kind, CLASS_KINDS, `${field}.kind`)} ${quoted(c.name, `${field}.name`)}`;
}

/** A whole class block with its final newline. */
export function classText(decl: ClassDeclaration, indent: string, field: string, outer = ""): string {
  return blockText(classHeader(decl, field), parameterStatements(decl, field).map((x) => x.text), [], indent, outer);
}

function blockText(header: string, statements: ReadonlyArray<string | StatementText>, children: string[], indent: string, outer: string): string {
  checkIndent(indent, "indent");
  checkIndent(outer, "outer");
  const inner = outer + indent;
  const body = statements.map((s) => `${inner}${typeof s === "string" ? s : s.text}\n`).join("");
  return `${outer}${header} {\n${body}${children.join("")}${outer}}\n`;
}

// ---------------------------------------------------------------------------
// Values

/** A dotted quad with decimal octets and no leading zeros (dhcpd reads octets in base 10). */
function address(value: unknown, field: string): string {
  if (typeof value !== "string" || !parseIPv4(value)) {
    throw new UnwritableValueError(value, "an IPv4 address is four decimal octets 0-255 joined by '.' (10.0.0.1)", field);
  }
  return value;
}

const LABEL = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** True for a name dhcpd's parse_host_name reads: identifiers (atoms that start with a letter or digit) joined by '.'. */
function isDottedName(value: string): boolean {
  return value.split(".").every((label) => LABEL.test(label) && label.length <= TOKEN_MAX);
}

/** A host declaration's name: dotted identifiers (keywords are fine: dhcpd takes any identifier). */
function dottedName(value: unknown, field: string): string {
  if (typeof value !== "string" || !isDottedName(value)) {
    throw new UnwritableValueError(
      value,
      "a host name is words of letters, digits, '-' and '_' joined by '.', each word starting with a letter or digit",
      field,
    );
  }
  return value;
}

/**
 * An address where dhcpd takes a dotted quad or a host name it resolves
 * (next-server, fixed-address, `I` options): digits and dots must be a
 * valid dotted quad; anything else must be a dotted name (dhcpd reads it as
 * one and resolves it; checks.ts accepts the same names).
 */
function addressOrHostName(value: unknown, field: string): string {
  if (typeof value === "string" && /^[0-9.]*$/.test(value)) return address(value, field);
  if (typeof value !== "string" || !isDottedName(value)) {
    throw new UnwritableValueError(
      value,
      "an address is a dotted quad (10.0.0.1) or a host name (words of letters, digits, '-' and '_' joined by '.')",
      field,
    );
  }
  return value;
}

/** A classless-route destination as dhcpd's parse_cidr reads it: 1 to 4 decimal octets, `/`, a length 0-32. */
function cidrText(value: unknown, field: string): string {
  const octet = "(?:0|[1-9][0-9]{0,2})";
  const m = typeof value === "string" ? new RegExp(`^(${octet}(?:\\.${octet}){0,3})/(0|[1-9][0-9]?)$`).exec(value) : null;
  if (!m || m[1]!.split(".").some((o) => Number(o) > 255) || Number(m[2]) > CIDR_LENGTH_MAX) {
    throw new UnwritableValueError(value, "a route destination is 1 to 4 decimal octets, '/' and a length 0-32 (10.1/16, 0/0)", field);
  }
  return value as string;
}

/** The integer range of an integer format: the format's own signedness and width. */
function formatInteger(value: unknown, format: keyof typeof INTEGER_FORMATS, field: string): string {
  const { bits, signed } = INTEGER_FORMATS[format];
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  return integer(value, field, min, max);
}

function integer(value: unknown, field: string, min: number, max: number): string {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UnwritableValueError(value, `must be an integer from ${min} to ${max}`, field);
  }
  return String(value === 0 ? 0 : value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A quoted string. OpenBSD's lexer drops a backslash and keeps the next
 * character, but a `"` after a backslash still ends the string (research
 * §8.1): a `\` is written `\\`, a `"` cannot be written at all. Control
 * characters (newlines included) and lone surrogates are refused, and the
 * lexer's buffer holds 1498 bytes.
 */
function quoted(value: unknown, field: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  if (value.includes('"')) throw new UnwritableValueError(value, "dhcpd's strings cannot hold a '\"' (not even as \\\")", field);
  if (CONTROL.test(value)) throw new UnwritableValueError(value, "control characters (newline, tab, NUL…) are not written in dhcpd strings", field);
  if (LONE_SURROGATE.test(value)) throw new UnwritableValueError(value, "a lone UTF-16 surrogate has no UTF-8 form", field);
  if (byteLength(value) > STRING_MAX) throw new UnwritableValueError(value, `dhcpd reads at most ${STRING_MAX} bytes in a string`, field);
  return `"${value.replace(/\\/g, "\\\\")}"`;
}

/** `X` data: `{ text }` quoted, or `{ hex }` colon-separated two-digit lower-case octets. */
function dataText(value: unknown, field: string): string {
  if (!isObject(value)) throw new UnwritableValueError(value, "data is { text } or { hex }", field);
  const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
  if (keys.length === 1 && keys[0] === "text") return quoted(value.text, `${field}.text`);
  if (keys.length === 1 && keys[0] === "hex") {
    const hex = value.hex;
    if (typeof hex !== "string" || !/^[0-9a-f]{2}(?::[0-9a-f]{2})*$/.test(hex)) {
      throw new UnwritableValueError(hex, "hex data is two-digit lower-case hex octets joined by ':' (01:02:0a)", `${field}.hex`);
    }
    return hex;
  }
  throw new UnwritableValueError(value, "data is { text } or { hex }, one of the two", field);
}

/** A `domain-search` name, quoted: labels of 1 to 63 bytes joined by '.', as dn_comp encodes them. */
function domainText(value: unknown, field: string): string {
  const text = quoted(value, field);
  const name = (value as string).replace(/\.$/, "");
  const labels = name.split(".");
  if (name === "" || name.includes("\\") || labels.some((l) => l === "" || byteLength(l) > DOMAIN_LABEL_MAX) || byteLength(name) + 2 > DOMAIN_NAME_MAX) {
    throw new UnwritableValueError(
      value,
      `a domain name is labels of 1 to ${DOMAIN_LABEL_MAX} bytes joined by '.', at most ${DOMAIN_NAME_MAX - 2} bytes in all (dhcpd cannot compress others)`,
      field,
    );
  }
  return text;
}

/**
 * The `dynamic-bootp-lease-cutoff` date: `W YYYY/MM/DD HH:MM:SS` with an
 * optional ` UTC`, every field zero-padded. dhcpd glues the tokens together
 * without blanks before strptime reads them, so only fixed-width fields read
 * back the same.
 */
function dateText(value: unknown, field: string): string {
  const m = typeof value === "string" ? /^([0-6]) ([0-9]{4})\/([0-9]{2})\/([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})( UTC)?$/.exec(value) : null;
  const ok =
    m !== null &&
    between(m[3], 1, 12) &&
    between(m[4], 1, 31) &&
    between(m[5], 0, 23) &&
    between(m[6], 0, 59) &&
    between(m[7], 0, 60);
  if (!ok) {
    throw new UnwritableValueError(value, "a cutoff date is `W YYYY/MM/DD HH:MM:SS` or the same with ` UTC` (W the weekday 0-6)", field);
  }
  return value as string;
}

function between(text: string | undefined, min: number, max: number): boolean {
  const n = Number(text);
  return n >= min && n <= max;
}

/**
 * The verbatim value of an option dhcpd does not know. It is written as it
 * is only when it cannot end the statement or the block: no `;`, `{`, `}`
 * or `#` outside a string, strings closed (by OpenBSD's rule: `\` keeps the
 * next character, but `"` always ends the string), no control characters,
 * no blanks at either end.
 */
function rawValue(value: unknown, field: string, name: string): string {
  if (!isObject(value) || Object.keys(value).some((k) => k !== "raw" && value[k] !== undefined) || typeof value.raw !== "string") {
    throw new UnwritableValueError(value, `${name} is not an option dhcpd knows: its value is { raw: "…" }, kept verbatim`, field);
  }
  const raw = value.raw;
  const rfield = `${field}.raw`;
  if (CONTROL.test(raw) || LONE_SURROGATE.test(raw)) {
    throw new UnwritableValueError(raw, "control characters and lone surrogates are not written", rfield);
  }
  if (raw !== raw.trim()) throw new UnwritableValueError(raw, "a raw value has no blanks at either end", rfield);
  // Blanks do not separate tokens from a name: `option NAME .x` reads as `option NAME.x` (a vendor option).
  if (raw.startsWith(".")) throw new UnwritableValueError(raw, "a raw value cannot start with '.': dhcpd would read the option name as a vendor's", rfield);
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (inString) {
      if (c === '"') inString = false;
      else if (c === "\\" && raw[i + 1] !== '"') i++;
    } else if (c === '"') {
      inString = true;
    } else if (c === ";" || c === "{" || c === "}" || c === "#") {
      throw new UnwritableValueError(raw, `a '${c}' outside a string would end the option statement`, rfield);
    }
  }
  if (inString) throw new UnwritableValueError(raw, "an unclosed string would run into the statements after it", rfield);
  return raw;
}

// ---------------------------------------------------------------------------
// Shapes

const bool = checkedBoolean;
const member = checkedMember;
const array = checkedArray;

function nonEmpty(value: unknown, field: string, what: string): readonly unknown[] {
  const list = array(value, field);
  if (list.length === 0) throw new UnwritableValueError(value, `needs at least one of its ${what}`, field);
  return list;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const record = checkedRecord;
