// Allocation of MAC, IPv4 and IPv6 addresses for new VMs, around everything
// the host's vm.conf and dhcpd.conf already use.
import { canonicalIPv6, parseMac } from "@obsdconf/core";
import type { DhcpdConf } from "@obsdconf/dhcpdconf";
import type { VmConf } from "@obsdconf/vmconf";
import type { DeployConf } from "./deploy-conf.js";
import { walkDhcpd } from "./dhcpd-walk.js";
import { ipv4Number, ipv4Text, ipv6ForNumber, maskLength, maxIPv6Number, parseIPv6Base, type IPv6Base } from "./network.js";

/** What the host's files say about a VM that exists (in vm.conf, dhcpd.conf or both). */
export interface DeployedVm {
  /** The VM name (vm.conf `vm NAME`, or dhcpd.conf `host NAME`). */
  name: string;
  /** Its MAC: vm.conf `lladdr` of its first interface that has one, else the dhcpd host's `hardware ethernet`. */
  mac?: string;
  /** Its IPv4 address: the first `fixed-address` of the dhcpd host with its MAC, else of the host with its name. */
  ipv4?: string;
  /** Its IPv6 address, when a caller knows it (e.g. from the VM's install.conf); vm.conf and dhcpd.conf do not hold one. */
  ipv6?: string;
}

/** An IPv4 range of dhcpd.conf (dynamic leases): never given to a VM. */
export interface Ipv4Range {
  /** First address. */
  low: string;
  /** Last address (equal to `low` for one address). */
  high: string;
}

/** Names, MACs and addresses already in use on a host. */
export interface UsedResources {
  /** VM names of vm.conf and host names of dhcpd.conf. */
  names: Set<string>;
  /** MACs (canonical lower case) of vm.conf interfaces and dhcpd.conf hosts. */
  macs: Set<string>;
  /** IPv4 addresses of dhcpd.conf `fixed-address` statements. */
  ipv4s: Set<string>;
  /** IPv6 addresses (canonical) known to be used; vm.conf and dhcpd.conf hold none, callers may add some. */
  ipv6s: Set<string>;
  /** dhcpd.conf `range` statements. */
  ipv4Ranges: Ipv4Range[];
  /** What is known of each existing VM, by name. */
  vms: Map<string, DeployedVm>;
}

/** Extra resources for {@link usedResources}, from files other than vm.conf and dhcpd.conf. */
export interface ExtraUsed {
  /** IPv6 addresses in use (e.g. read from the host's install.conf files). */
  ipv6s?: Iterable<string>;
}

/**
 * What a host's vm.conf and dhcpd.conf models use: every VM and host name,
 * every MAC (vm.conf `lladdr`, dhcpd `hardware ethernet`), every IPv4
 * literal of a `fixed-address` and every dhcpd `range`, and per existing VM
 * its MAC and IPv4 address (matched through the MAC first, the name second).
 * Host names in `fixed-address` are not resolved and so not counted.
 */
export function usedResources(vmconf: VmConf, dhcpd: DhcpdConf, extra: ExtraUsed = {}): UsedResources {
  const used: UsedResources = { names: new Set(), macs: new Set(), ipv4s: new Set(), ipv6s: new Set(), ipv4Ranges: [], vms: new Map() };
  for (const a of extra.ipv6s ?? []) {
    const c = canonicalIPv6(a);
    if (c) used.ipv6s.add(c);
  }
  const { hosts, subnets } = walkDhcpd(dhcpd);
  for (const { subnet } of subnets) {
    for (const r of subnet.ranges) used.ipv4Ranges.push({ low: r.low, high: r.high ?? r.low });
  }
  const hostByMac = new Map<string, (typeof hosts)[number]["host"]>();
  const hostByName = new Map<string, (typeof hosts)[number]["host"]>();
  const firstIPv4 = (addresses: readonly string[] | undefined): string | undefined => addresses?.find((a) => ipv4Number(a) !== undefined);
  for (const { host } of hosts) {
    used.names.add(host.name);
    if (!hostByName.has(host.name)) hostByName.set(host.name, host);
    const mac = host.hardwareEthernet && parseMac(host.hardwareEthernet);
    if (mac) {
      used.macs.add(mac);
      if (!hostByMac.has(mac)) hostByMac.set(mac, host);
    }
    for (const a of host.fixedAddress ?? []) if (ipv4Number(a) !== undefined) used.ipv4s.add(a);
  }
  for (const vm of vmconf.vms) {
    used.names.add(vm.name);
    let mac: string | undefined;
    for (const i of vm.interfaces) {
      const m = i.lladdr && parseMac(i.lladdr);
      if (m) {
        used.macs.add(m);
        mac ??= m;
      }
    }
    const host = (mac && hostByMac.get(mac)) || hostByName.get(vm.name);
    const known: DeployedVm = { name: vm.name };
    const hostMac = host?.hardwareEthernet && parseMac(host.hardwareEthernet);
    if (mac ?? hostMac) known.mac = (mac ?? hostMac)!;
    const ipv4 = firstIPv4(host?.fixedAddress);
    if (ipv4) known.ipv4 = ipv4;
    if (!used.vms.has(vm.name)) used.vms.set(vm.name, known);
  }
  // Hosts of dhcpd.conf without a VM of their name: partly deployed VMs (or other machines).
  for (const { host } of hosts) {
    if (used.vms.has(host.name)) continue;
    const known: DeployedVm = { name: host.name };
    const mac = host.hardwareEthernet && parseMac(host.hardwareEthernet);
    if (mac) known.mac = mac;
    const ipv4 = firstIPv4(host.fixedAddress);
    if (ipv4) known.ipv4 = ipv4;
    used.vms.set(host.name, known);
  }
  return used;
}

/** The resources of one VM. */
export interface VmAllocation {
  /** The VM name. */
  vm: string;
  /** True when the VM already existed: what it had was kept, only what it lacked was allocated. */
  deployed: boolean;
  /** Its MAC. */
  mac: string;
  /** Its IPv4 address. */
  ipv4: string;
  /**
   * Its IPv6 address; absent only for a deployed VM whose IPv4 address lies
   * outside the allocation range and whose IPv6 address was not given.
   */
  ipv6?: string;
}

/** A resource that ran out. */
export interface AllocationShortage {
  /** Which resource. */
  resource: "mac" | "ipv4";
  /** How many the orders need. */
  needed: number;
  /** How many are free. */
  available: number;
  /** What ran out, in words. */
  message: string;
  /** What to change. */
  hint: string;
}

/** Why nothing was allocated. */
export type AllocationFailure =
  | {
      /** Failed. */
      ok: false;
      /** The range cannot hold the orders. */
      code: "RANGE_EXHAUSTED";
      /** The orders (in the order given) that would have fit before the first that did not. */
      fit: number;
      /** The number of orders. */
      orders: number;
      /** Each resource that ran out. */
      shortages: AllocationShortage[];
      /** The whole story in one sentence. */
      message: string;
    }
  | {
      /** Failed. */
      ok: false;
      /** The settings cannot be used (parse _deploy.conf and fix its errors first), or an order is given twice. */
      code: "BAD_DEPLOY_CONF" | "DUPLICATE_ORDER";
      /** What is wrong. */
      message: string;
    };

/** The result of {@link allocate}: every order's resources, or why none were allocated. */
export type AllocationResult =
  | {
      /** Succeeded. */
      ok: true;
      /** One entry per order, in the order given. */
      allocations: VmAllocation[];
    }
  | AllocationFailure;

/** The numbers of the allocation scheme, from a valid {@link DeployConf}. */
export interface AllocationRange {
  /** First IPv4 address (`IP_PREFIX.IP_START`) as a number. */
  first: number;
  /** Last slot index: slot `s` is IPv4 `first + s` and IPv6 number `ipv6Start + s`. */
  lastSlot: number;
  /** What ends the range: the subnet's last host address, or the digits IPV6_PREFIX leaves for VM numbers. */
  endsAt: "subnet" | "ipv6";
  /** IPV6_START as a number. */
  ipv6Start: number;
  /** The IPv6 prefix. */
  ipv6Base: IPv6Base;
  /** IPv4 addresses never given to a VM: the router and DNS servers. */
  reserved: Set<number>;
}

/** The allocation scheme of `conf`, or why it cannot be used. */
export function allocationRange(conf: DeployConf): AllocationRange | string {
  const subnet = ipv4Number(conf.subnet);
  const mask = ipv4Number(conf.netmask);
  const length = mask === undefined ? undefined : maskLength(mask);
  const first = ipv4Number(`${conf.ipPrefix}.${conf.ipStart}`);
  const base = parseIPv6Base(conf.ipv6Prefix);
  const ipv6Start = /^(0|[1-9][0-9]*)$/.test(conf.ipv6Start) ? Number(conf.ipv6Start) : undefined;
  if (subnet === undefined || mask === undefined || length === undefined || length > 30 || ((subnet & ~mask) >>> 0) !== 0) return "SUBNET/NETMASK is not a usable subnet";
  const broadcast = (subnet | ~mask) >>> 0;
  if (first === undefined || first <= subnet || first >= broadcast) return "IP_PREFIX.IP_START is not a host address of the subnet";
  if (typeof base === "string") return `IPV6_PREFIX: ${base}`;
  if (ipv6Start === undefined || ipv6Start > maxIPv6Number(base)) return "IPV6_START is not a number the IPv6 prefix can hold";
  const v4Last = broadcast - 1 - first;
  const v6Last = maxIPv6Number(base) - ipv6Start;
  const reserved = new Set<number>();
  for (const a of [conf.router, ...conf.dns]) {
    const n = ipv4Number(a);
    if (n !== undefined) reserved.add(n);
  }
  return { first, lastSlot: Math.min(v4Last, v6Last), endsAt: v6Last < v4Last ? "ipv6" : "subnet", ipv6Start, ipv6Base: base, reserved };
}

/**
 * How many MACs a MAC_PREFIX gives: its sixth octet counts from 00 to ff,
 * then the fifth octet counts up (fe:e1:bb:d2:00:ff is followed by
 * fe:e1:bb:d2:01:00) until it too reaches ff; the first four octets never
 * change. So `fe:e1:bb:d2:00` gives 65,536 MACs and `fe:e1:bb:d1:c8` 14,336.
 */
export function macsOfPrefix(macPrefix: string): number {
  return 256 * (256 - parseInt(macPrefix.slice(12, 14), 16));
}

/** The `k`-th MAC of a MAC_PREFIX (see {@link macsOfPrefix}). */
export function macOfPrefix(macPrefix: string, k: number): string {
  const fifth = parseInt(macPrefix.slice(12, 14), 16) + Math.floor(k / 256);
  const hex = (n: number): string => n.toString(16).padStart(2, "0");
  return `${macPrefix.slice(0, 11)}:${hex(fifth)}:${hex(k % 256)}`;
}

/**
 * Gives every order a MAC, an IPv4 and an IPv6 address. The scheme:
 *
 * - **MAC**: MAC_PREFIX (five octets) and one more octet, the lowest of
 *   `00`…`ff` that no VM or dhcpd host uses and no earlier order got; past
 *   `ff` the fifth octet counts up ({@link macsOfPrefix}), so one prefix
 *   holds 300 VMs or many more.
 * - **IPv4 and IPv6 together**: slot `s` (0, 1, 2, …) is the IPv4 address
 *   `IP_PREFIX.IP_START + s` and the IPv6 address of VM number
 *   `IPV6_START + s` ({@link ipv6ForNumber}: the number's decimal digits as
 *   the last groups after IPV6_PREFIX, so `IP_START=10`, `IPV6_START=10`
 *   pairs 192.0.2.10 with 2001:db8:8:1::10). A VM takes the lowest slot
 *   whose IPv4 address is not a `fixed-address`, not in a dhcpd `range`, not
 *   ROUTER or a DNS server, and whose IPv6 address is not in `used.ipv6s`
 *   nor number 1 (the VMs' IPv6 router).
 *   The range ends at the subnet's last host address (SUBNET/NETMASK, the
 *   broadcast address excluded) or when the number has more digits than
 *   IPV6_PREFIX leaves room for. Because IPv6 follows IPv4, the IPv6
 *   address of an existing VM is known from its IPv4 address even though
 *   vm.conf and dhcpd.conf do not hold it.
 * - **Existing VMs**: an order whose VM name is in `used.vms` (vm.conf or
 *   dhcpd.conf) keeps its MAC and IPv4 address (and its IPv6 address: the
 *   one given, else the one paired with its IPv4 address); only what it lacks is allocated.
 *
 * Deterministic: the same inputs give the same result. When the free MACs or
 * slots cannot serve every order, nothing is allocated: the result says how
 * many orders fit and what to change (`RANGE_EXHAUSTED`).
 */
export function allocate(conf: DeployConf, orders: readonly { vm: string }[], used: UsedResources): AllocationResult {
  const range = allocationRange(conf);
  if (typeof range === "string") return { ok: false, code: "BAD_DEPLOY_CONF", message: `cannot allocate: ${range}` };
  const macPrefix = conf.macPrefix.toLowerCase();
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){4}$/.test(macPrefix)) return { ok: false, code: "BAD_DEPLOY_CONF", message: "cannot allocate: MAC_PREFIX is not five octets" };
  const seen = new Set<string>();
  for (const o of orders) {
    if (seen.has(o.vm)) return { ok: false, code: "DUPLICATE_ORDER", message: `the order for ${o.vm} is given twice` };
    seen.add(o.vm);
  }

  const slotOf = (ipv4: string): number | undefined => {
    const n = ipv4Number(ipv4);
    return n !== undefined && n >= range.first && n - range.first <= range.lastSlot ? n - range.first : undefined;
  };
  const ipv6OfSlot = (s: number): string => ipv6ForNumber(range.ipv6Base, range.ipv6Start + s)!;

  // Taken: what the files use, plus the IPv6 addresses deployed VMs are known to have.
  const takenMacs = new Set(used.macs);
  const takenIPv4 = new Set<number>(range.reserved);
  for (const a of used.ipv4s) {
    const n = ipv4Number(a);
    if (n !== undefined) takenIPv4.add(n);
  }
  // Number 1 is the VMs' IPv6 default router (see the deploy's ipv6Router).
  const takenIPv6 = new Set([...used.ipv6s, ipv6ForNumber(range.ipv6Base, 1)!]);
  for (const vm of used.vms.values()) {
    const c = vm.ipv6 && canonicalIPv6(vm.ipv6);
    if (c) takenIPv6.add(c);
  }
  const ranges = used.ipv4Ranges.map((r) => [ipv4Number(r.low), ipv4Number(r.high)] as const).filter((r): r is readonly [number, number] => r[0] !== undefined && r[1] !== undefined);
  const slotFree = (s: number): boolean => {
    const n = range.first + s;
    if (takenIPv4.has(n) || ranges.some(([lo, hi]) => n >= lo && n <= hi)) return false;
    return !takenIPv6.has(ipv6OfSlot(s));
  };

  // What each order keeps and lacks.
  const plans = orders.map((o) => {
    const known = used.vms.get(o.vm);
    return { vm: o.vm, known, mac: known?.mac, ipv4: known?.ipv4 };
  });
  const needMac = plans.filter((p) => p.mac === undefined).length;
  const needIPv4 = plans.filter((p) => p.ipv4 === undefined).length;

  // Free MAC suffixes and slots, lowest first (counted only as far as needed, plus one, for the message).
  const macCount = macsOfPrefix(macPrefix);
  const freeMacs: string[] = [];
  let macsAvailable = 0;
  for (let k = 0; k < macCount; k++) {
    const mac = macOfPrefix(macPrefix, k);
    if (takenMacs.has(mac)) continue;
    macsAvailable++;
    if (freeMacs.length < needMac) freeMacs.push(mac);
    else break;
  }
  const freeSlots: number[] = [];
  for (let s = 0; s <= range.lastSlot && freeSlots.length < needIPv4; s++) if (slotFree(s)) freeSlots.push(s);

  if (freeMacs.length < needMac || freeSlots.length < needIPv4) {
    // Count the free slots in the whole range for the message.
    let slotsAvailable = freeSlots.length;
    if (slotsAvailable < needIPv4) for (let s = (freeSlots.at(-1) ?? -1) + 1; s <= range.lastSlot; s++) if (slotFree(s)) slotsAvailable++;
    let fit = 0;
    let macsLeft = macsAvailable;
    let slotsLeft = slotsAvailable;
    for (const p of plans) {
      const m = p.mac === undefined ? 1 : 0;
      const v = p.ipv4 === undefined ? 1 : 0;
      if (m > macsLeft || v > slotsLeft) break;
      macsLeft -= m;
      slotsLeft -= v;
      fit++;
    }
    const shortages: AllocationShortage[] = [];
    if (freeMacs.length < needMac) {
      shortages.push({
        resource: "mac",
        needed: needMac,
        available: macsAvailable,
        message: `MAC_PREFIX ${macPrefix} has ${macsAvailable} free MACs (of ${macCount}) for ${needMac} new VMs`,
        hint: `a MAC_PREFIX whose fifth octet is ${macPrefix.slice(12)} holds ${macCount} VMs (a lower fifth octet holds more): deploy the other orders on another host, or remove VMs that are gone from vm.conf and dhcpd.conf`,
      });
    }
    if (slotsAvailable < needIPv4) {
      const last = ipv4Text(range.first + range.lastSlot);
      shortages.push({
        resource: "ipv4",
        needed: needIPv4,
        available: slotsAvailable,
        message: `the addresses ${ipv4Text(range.first)}–${last} (IP_PREFIX.IP_START to the ${range.endsAt === "subnet" ? `end of SUBNET ${conf.subnet}/${maskLength(ipv4Number(conf.netmask)!)}` : "last IPv6 number IPV6_PREFIX holds"}) have ${slotsAvailable} free for ${needIPv4} new VMs`,
        hint:
          range.endsAt === "subnet"
            ? "lower IP_START, widen the subnet (a shorter NETMASK, with SUBNET to match), or deploy the other orders on another host"
            : "lower IPV6_START or use a shorter IPV6_PREFIX, or deploy the other orders on another host",
      });
    }
    const message = `only ${fit} of ${orders.length} orders fit: ${shortages.map((s) => s.message).join("; ")}; nothing was allocated`;
    return { ok: false, code: "RANGE_EXHAUSTED", fit, orders: orders.length, shortages, message };
  }

  let nextMac = 0;
  let nextSlot = 0;
  const allocations = plans.map((p): VmAllocation => {
    const mac = p.mac ?? freeMacs[nextMac++]!;
    let ipv4 = p.ipv4;
    let ipv6: string | undefined;
    if (ipv4 === undefined) {
      const s = freeSlots[nextSlot++]!;
      ipv4 = ipv4Text(range.first + s);
      ipv6 = ipv6OfSlot(s);
    } else {
      const s = slotOf(ipv4);
      ipv6 = (p.known?.ipv6 && canonicalIPv6(p.known.ipv6)) || (s === undefined ? undefined : ipv6OfSlot(s));
    }
    const a: VmAllocation = { vm: p.vm, deployed: p.known !== undefined, mac, ipv4 };
    if (ipv6 !== undefined) a.ipv6 = ipv6;
    return a;
  });
  return { ok: true, allocations };
}
