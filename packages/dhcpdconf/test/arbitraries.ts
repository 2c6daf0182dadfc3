// fast-check arbitraries of dhcpd.conf models, in two sizes:
// - commonConfArb(): only what OpenBSD's dhcpd and ISC dhcpd 4.4 both read
//   with the same meaning (research/dhcpdconf.md §7.1 and §8.6), for the ISC
//   oracle;
// - openbsdConfArb(): the whole OpenBSD language, for the round trip through
//   parse. Both keep dhcpd's structural rules (no scope misplacements, every
//   shared network with a subnet, ranges inside their subnet, unique subnets,
//   host names, ethernet and fixed addresses), so a model has no errors.
//
// The arbitraries draw a "draft" (shapes and random numbers); finish() turns
// it into a model, handing out subnets, addresses and names from counters so
// they are unique.
import fc from "fast-check";
import type { ClassDeclaration, DhcpdConf, Group, Host, OptionSetting, Parameters, Range, SharedNetwork, Subnet } from "../src/index.js";
import { OPTIONS } from "../src/index.js";
import type { OptionFormat } from "../src/options.js";

type Level = "common" | "openbsd";

/** fc.record making plain objects (fast-check may make null-prototype ones, which deep equality tells apart). */
const rec = ((model: Record<string, fc.Arbitrary<unknown>>) => fc.record(model, { noNullPrototype: true })) as unknown as typeof fc.record;

// ---------------------------------------------------------------------------
// Values

const chars = (set: string): fc.Arbitrary<string> => fc.constantFrom(...set);
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join("."));
const u32 = fc.integer({ min: 0, max: 4294967295 });

/** Printable text: ASCII without `"` (dhcpd cannot write it), biased to the lexer's special characters. */
const text = (level: Level, maxLength = 24): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        { weight: 6, arbitrary: chars(`${LOWER}0123456789 ._-/`) },
        { weight: 2, arbitrary: chars("\\#;{}',:=$*") },
        ...(level === "openbsd" ? [{ weight: 1, arbitrary: chars("éü€日本") }, { weight: 1, arbitrary: fc.constant("😀") }] : []),
      ),
      { maxLength },
    )
    .map((parts) => parts.join(""));

/** Words that no dhcpd reads as a keyword (ISC's list is long): a stem and a number. */
const safeLabel = fc.tuple(fc.constantFrom("vm", "node", "pc", "web", "db", "mail", "gw"), fc.integer({ min: 0, max: 999 })).map(([a, n]) => `${a}${n}`);
/** OpenBSD's dhcpd takes any identifier as a label of a host name, keywords included. */
const OPENBSD_KEYWORDS = ["group", "host", "subnet", "option", "range", "ethernet", "netmask", "deny", "not", "timestamp", "lease"];
const anyLabel = fc.oneof(
  { weight: 4, arbitrary: safeLabel },
  {
    weight: 2,
    arbitrary: fc.tuple(chars(`${LOWER}0123456789ABC`), fc.string({ unit: chars(`${LOWER}0123456789_-`), maxLength: 10 })).map(([a, b]) => a + b),
  },
  { weight: 1, arbitrary: fc.constantFrom(...OPENBSD_KEYWORDS) },
);
const domainLabel = fc.tuple(chars(LOWER), fc.string({ unit: chars(`${LOWER}0123456789-`), maxLength: 8 }), chars(`${LOWER}0123456789`)).map(
  ([a, b, c]) => a + b + c,
);
const domain = fc.array(domainLabel, { minLength: 1, maxLength: 3 }).map((labels) => [...labels, "example"].join("."));
/** A host name that resolves nowhere but that dhcpd reads (OpenBSD only: it resolves names when it reads them). */
const hostName = domain;

const hexData = fc.array(octet, { minLength: 1, maxLength: 8 }).map((bytes) => bytes.map((b) => b.toString(16).padStart(2, "0")).join(":"));
const signed = (bits: number): fc.Arbitrary<number> => fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 });
const unsigned = (bits: number): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** bits - 1 });
const list = <T>(arb: fc.Arbitrary<T>, max = 3): fc.Arbitrary<T[]> => fc.array(arb, { minLength: 1, maxLength: max });
const cidr = fc.tuple(fc.array(octet, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 32 })).map(([o, len]) => `${o.join(".")}/${len}`);

/** A value of format `format`; `level` common: only the forms ISC reads the same way. */
function formatValue(format: OptionFormat, level: Level): fc.Arbitrary<OptionSetting["value"]> {
  const addr = level === "common" ? ipv4 : fc.oneof({ weight: 4, arbitrary: ipv4 }, { weight: 1, arbitrary: hostName });
  switch (format) {
    case "I":
      return addr;
    case "IA":
      return list(addr);
    case "IIA":
      return list(rec({ destination: addr, router: addr }));
    case "CIA":
      return list(rec({ destination: cidr, router: addr }));
    case "l":
      return signed(32);
    case "L":
      return unsigned(32);
    case "s":
      return signed(16);
    case "S":
      return unsigned(16);
    case "b":
      return signed(8);
    case "B":
      return unsigned(8);
    case "SA":
      return list(unsigned(16), 4);
    case "BA":
      return list(unsigned(8), 6);
    case "t":
      return text(level);
    case "f":
      return fc.boolean();
    case "X":
      return fc.oneof(text(level).map((t) => ({ text: t })), hexData.map((hex) => ({ hex })));
    case "D":
      return list(domain);
  }
}

/** Options whose name, format and meaning ISC 4.4 shares (research §7.1, §7.2, §8.6). */
const NOT_COMMON = new Set([
  "dhcp-class-identifier",
  "classless-static-routes",
  "classless-ms-static-routes",
  "tftp-config-file",
  "voip-configuration-server",
  "autoproxy-script",
  "user-class",
  "nds-servers",
  "nds-tree-name",
  "nds-context",
  "relay-agent-information",
]);
/** `X` options ISC reads as text only, or as hex only. */
const TEXT_ONLY = new Set(["host-name"]);
const HEX_ONLY = new Set(["vendor-encapsulated-options"]);

const COMMON_OPTIONS = [...OPTIONS.values()].filter((o) => !NOT_COMMON.has(o.name));
const ALL_OPTIONS = [...OPTIONS.values()];
const NUMBERED = fc
  .integer({ min: 1, max: 254 })
  .filter((code) => ![...OPTIONS.values()].some((o) => o.code === code))
  .map((code) => `option-${code}`);

const optionArb = (level: Level): fc.Arbitrary<OptionSetting> => {
  const table = level === "common" ? COMMON_OPTIONS : ALL_OPTIONS;
  const known = fc.constantFrom(...table).chain((info) => {
    let value = formatValue(info.format, level);
    if (level === "common" && TEXT_ONLY.has(info.name)) value = text(level).map((t) => ({ text: t }));
    if (level === "common" && HEX_ONLY.has(info.name)) value = hexData.map((hex) => ({ hex }));
    return value.map((v) => ({ name: info.name, value: v }));
  });
  if (level === "common") return known;
  return fc.oneof(
    { weight: 8, arbitrary: known },
    { weight: 1, arbitrary: fc.tuple(NUMBERED, formatValue("X", level)).map(([name, value]) => ({ name, value })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom("ipv6-only-preferred", "Routers", "agent-id"), fc.constantFrom("1800", "10.0.0.1, 10.0.0.2", '"a b"', "01:02"))
        .map(([name, raw]) => ({ name, value: { raw } })),
    },
  );
};

const ALLOW = ["unknown-clients", "bootp", "booting", "dynamic-bootp"] as const;
const cutoff = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.integer({ min: 1970, max: 2037 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    fc.integer({ min: 0, max: 23 }),
    fc.integer({ min: 0, max: 59 }),
    fc.integer({ min: 0, max: 59 }),
    fc.boolean(),
  )
  .map(([w, y, mo, d, h, mi, s, utc]) => {
    const two = (n: number): string => String(n).padStart(2, "0");
    return `${w} ${y}/${two(mo)}/${two(d)} ${two(h)}:${two(mi)}:${two(s)}${utc ? " UTC" : ""}`;
  });

/** Parameters of a scope; `host`: without those dhcpd refuses in a host. */
const paramsArb = (level: Level, host: boolean): fc.Arbitrary<Parameters> => {
  const addr = level === "common" ? ipv4 : fc.oneof({ weight: 4, arbitrary: ipv4 }, { weight: 1, arbitrary: hostName });
  const fields: { [K in keyof Parameters]-?: fc.Arbitrary<NonNullable<Parameters[K]>> } = {
    defaultLeaseTime: u32,
    maxLeaseTime: u32,
    dynamicBootpLeaseLength: u32,
    dynamicBootpLeaseCutoff: cutoff,
    getLeaseHostnames: fc.boolean(),
    useHostDeclNames: fc.boolean(),
    alwaysReplyRfc1048: fc.boolean(),
    echoClientId: fc.boolean(),
    useLeaseAddrForDefaultRoute: fc.boolean(),
    authoritative: fc.boolean(),
    allow: fc.shuffledSubarray([...ALLOW], { minLength: 1, maxLength: 2 }),
    deny: fc.shuffledSubarray([...ALLOW], { minLength: 1, maxLength: 2 }),
    nextServer: addr,
    serverIdentifier: addr,
    filename: text(level),
    serverName: text(level),
    options: fc.uniqueArray(optionArb(level), { minLength: 1, maxLength: 3, selector: (o) => o.name }),
  };
  const omit = new Set<string>();
  if (level === "common") for (const k of ["dynamicBootpLeaseCutoff", "echoClientId", "useLeaseAddrForDefaultRoute"]) omit.add(k);
  if (host) for (const k of ["getLeaseHostnames", "useHostDeclNames", "authoritative"]) omit.add(k);
  const kept = Object.fromEntries(Object.entries(fields).filter(([k]) => !omit.has(k)));
  // Most scopes carry few parameters: pick a small subset of the fields.
  return fc
    .subarray(Object.keys(kept), { maxLength: 4 })
    .chain((keys) => rec(Object.fromEntries(keys.map((k) => [k, kept[k]!]))))
    .map((p) => p as Parameters);
};

// ---------------------------------------------------------------------------
// Drafts

interface HostDraft {
  params: Parameters;
  level: Level;
  label: string;
  suffix: string;
  ethernet: boolean;
  ipsec?: string;
  fixed: number;
  fixedName?: string;
}
interface RangeDraft {
  dynamicBootp: boolean;
  single: boolean;
  a: number;
  b: number;
}
interface SubnetDraft {
  params: Parameters;
  prefix: number;
  ranges: RangeDraft[];
  groups: GroupDraft[];
  hosts: HostDraft[];
}
interface GroupDraft {
  params: Parameters;
  subnets: SubnetDraft[];
  groups: GroupDraft[];
  hosts: HostDraft[];
}
interface NetworkDraft {
  params: Parameters;
  name: string;
  subnets: SubnetDraft[];
  groups: GroupDraft[];
  hosts: HostDraft[];
}
interface ConfDraft {
  params: Parameters;
  networks: NetworkDraft[];
  subnets: SubnetDraft[];
  groups: GroupDraft[];
  hosts: HostDraft[];
  classes: Array<{ kind: ClassDeclaration["kind"]; name: string; params: Parameters }>;
}

const hostDraft = (level: Level): fc.Arbitrary<HostDraft> =>
  fc
    .record({
      params: paramsArb(level, true),
      label: level === "common" ? safeLabel : anyLabel,
      suffix: fc.constantFrom("", ".example", ".example.org"),
      ethernet: fc.boolean(),
      fixed: fc.integer({ min: 0, max: 2 }),
      ipsec: level === "common" ? fc.constant(undefined) : fc.option(hexData, { nil: undefined }),
      fixedName: level === "common" ? fc.constant(undefined) : fc.option(hostName, { nil: undefined, freq: 4 }),
    })
    .map((h) => {
      const out: HostDraft = { params: h.params, level, label: h.label, suffix: h.suffix, ethernet: h.ethernet, fixed: h.fixed };
      if (h.ipsec !== undefined) out.ipsec = h.ipsec;
      if (h.fixedName !== undefined) out.fixedName = h.fixedName;
      return out;
    });

const rangeDraft = rec({ dynamicBootp: fc.boolean(), single: fc.boolean(), a: fc.nat(), b: fc.nat() });

/** Drafts of every kind of scope, nested to a small depth. */
function drafts(level: Level) {
  const host = hostDraft(level);
  const hosts = fc.array(host, { maxLength: 3 });
  const subnetAt = (groups: fc.Arbitrary<GroupDraft[]>): fc.Arbitrary<SubnetDraft> =>
    rec({
      params: paramsArb(level, false),
      prefix: fc.integer({ min: 16, max: 28 }),
      ranges: fc.array(rangeDraft, { maxLength: 3 }),
      groups,
      hosts,
    });
  const leafGroup: fc.Arbitrary<GroupDraft> = rec({ params: paramsArb(level, false), subnets: fc.constant([]), groups: fc.constant([]), hosts });
  const subnet = subnetAt(fc.array(leafGroup, { maxLength: 1 }));
  const group: fc.Arbitrary<GroupDraft> = rec({
    params: paramsArb(level, false),
    subnets: fc.array(subnet, { maxLength: 1 }),
    groups: fc.array(leafGroup, { maxLength: 1 }),
    hosts,
  });
  const network: fc.Arbitrary<NetworkDraft> = rec({
    params: paramsArb(level, false),
    name: level === "common" ? fc.tuple(safeLabel, fc.constantFrom("", " lan", "-dmz")).map(([a, b]) => a + b) : text(level, 16).filter((s) => s !== ""),
    subnets: fc.array(subnet, { minLength: 1, maxLength: 2 }),
    groups: fc.array(leafGroup, { maxLength: 1 }),
    hosts,
  });
  const klass = rec({
    kind: fc.constantFrom("vendor-class" as const, "user-class" as const),
    name: text(level, 12),
    params: paramsArb(level, false),
  });
  const conf: fc.Arbitrary<ConfDraft> = rec({
    params: paramsArb(level, false),
    networks: fc.array(network, { maxLength: 2 }),
    subnets: fc.array(subnet, { maxLength: 3 }),
    groups: fc.array(group, { maxLength: 2 }),
    hosts,
    classes: level === "common" ? fc.constant([]) : fc.array(klass, { maxLength: 2 }),
  });
  return conf;
}

// ---------------------------------------------------------------------------
// Finishing: unique subnets, names and addresses

class Counters {
  subnet = 0;
  host = 0;
  fixed = 0;
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 0xff).join(".");
}

function finishRanges(drafts: RangeDraft[], base: number, prefix: number): Range[] {
  // Split the subnet's usable addresses into one slot per range: no overlaps.
  const size = 2 ** (32 - prefix) - 2;
  const slot = Math.floor(size / Math.max(1, drafts.length));
  return drafts.map((d, i) => {
    const start = base + 1 + i * slot;
    const x = d.a % slot;
    const y = d.b % slot;
    const range: Range = { low: ipText(start + Math.min(x, y)) };
    if (!d.single) range.high = ipText(start + Math.max(x, y));
    if (d.dynamicBootp) range.dynamicBootp = true;
    return range;
  });
}

function finishHost(d: HostDraft, c: Counters): Host {
  const n = c.host++;
  // A number makes the name unique; OpenBSD's side keeps the label a word of its own (it may be a keyword).
  const name = d.level === "common" ? `${d.label}-${n}${d.suffix}` : `${d.label}.n${n}${d.suffix}`;
  const host: Host = { name, ...d.params };
  if (d.ethernet) host.hardwareEthernet = `02:00:00:00:${((n >> 8) & 0xff).toString(16).padStart(2, "0")}:${(n & 0xff).toString(16).padStart(2, "0")}`;
  if (d.ipsec !== undefined) host.hardwareIpsecTunnel = d.ipsec;
  if (d.fixed > 0 || d.fixedName !== undefined) {
    const fixed: string[] = [];
    for (let i = 0; i < d.fixed; i++) fixed.push(ipText((172 << 24) | (16 << 16) | c.fixed++));
    if (d.fixedName !== undefined) fixed.push(d.fixedName);
    host.fixedAddress = fixed;
  }
  return reorder(host, ["name", "hardwareEthernet", "hardwareIpsecTunnel", "fixedAddress"]);
}

function finishSubnet(d: SubnetDraft, c: Counters): Subnet {
  // Subnet k is 10.k.0.0/16 or a part of it: networks never overlap.
  const k = c.subnet++;
  const base = ((10 << 24) | ((k & 0xff) << 16) | ((k >> 8) << 8)) >>> 0;
  const mask = (0xffffffff << (32 - d.prefix)) >>> 0;
  return {
    network: ipText(base),
    netmask: ipText(mask),
    ...d.params,
    ranges: finishRanges(d.ranges, base, d.prefix),
    groups: d.groups.map((g) => finishGroup(g, c)),
    hosts: d.hosts.map((h) => finishHost(h, c)),
  };
}

function finishGroup(d: GroupDraft, c: Counters): Group {
  return {
    ...d.params,
    sharedNetworks: [],
    subnets: d.subnets.map((s) => finishSubnet(s, c)),
    groups: d.groups.map((g) => finishGroup(g, c)),
    hosts: d.hosts.map((h) => finishHost(h, c)),
  };
}

function finishNetwork(d: NetworkDraft, c: Counters): SharedNetwork {
  return {
    name: d.name,
    ...d.params,
    subnets: d.subnets.map((s) => finishSubnet(s, c)),
    groups: d.groups.map((g) => finishGroup(g, c)),
    hosts: d.hosts.map((h) => finishHost(h, c)),
  };
}

function finish(d: ConfDraft): DhcpdConf {
  const c = new Counters();
  return {
    ...d.params,
    sharedNetworks: d.networks.map((n) => finishNetwork(n, c)),
    subnets: d.subnets.map((s) => finishSubnet(s, c)),
    groups: d.groups.map((g) => finishGroup(g, c)),
    hosts: d.hosts.map((h) => finishHost(h, c)),
    classes: d.classes.map((k) => ({ kind: k.kind, name: k.name, ...k.params })),
  };
}

/** `obj` with `first` keys first (key order does not matter to deep equality; it reads better in failures). */
function reorder<T extends object>(obj: T, first: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of first) if (k in obj) out[k] = (obj as Record<string, unknown>)[k];
  return Object.assign(out, obj) as T;
}

/** Models inside the syntax OpenBSD's dhcpd and ISC dhcpd 4.4 share (research §7.1, §8.6): the ISC oracle's input. */
export const commonConfArb = (): fc.Arbitrary<DhcpdConf> => drafts("common").map(finish);

/** Models of the whole OpenBSD dhcpd.conf language, without errors: the round trip's input. */
export const openbsdConfArb = (): fc.Arbitrary<DhcpdConf> => drafts("openbsd").map(finish);
