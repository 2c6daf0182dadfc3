// Allocation of MAC, IPv4 and IPv6 around what vm.conf and dhcpd.conf use.
// Expected values are worked out by hand from the scheme documented on
// allocate(): lowest free MAC octet; slot s = IPv4 first + s paired with
// IPv6 number IPV6_START + s written as decimal digits in the last groups.
import { parse as parseDhcpd } from "@obsdconf/dhcpdconf";
import { parse as parseVm } from "@obsdconf/vmconf";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { allocate, macOfPrefix, macsOfPrefix, ipv6ForNumber, parseDeployConf, parseIPv6Base, usedResources, type DeployConf, type IPv6Base } from "../src/index.js";
import { DHCPD_CONF, SAMPLE, VM_CONF, withLine } from "./fixtures.js";

const conf = (text = SAMPLE): DeployConf => {
  const doc = parseDeployConf(text);
  assert.equal(doc.diagnostics, []);
  return doc.model;
};
const used = () => usedResources(parseVm(VM_CONF).model, parseDhcpd(DHCPD_CONF).model);
const orders = (...names: string[]) => names.map((vm) => ({ vm }));

test("usedResources: names, MACs, fixed addresses, ranges, and what each VM has", () => {
  const u = used();
  assert.equal([...u.names].sort(), ["printer", "vm1", "vm2"]);
  assert.equal([...u.macs].sort(), ["00:11:22:33:44:55", "fe:e1:bb:d1:c8:00", "fe:e1:bb:d1:c8:02"]);
  assert.equal([...u.ipv4s].sort(), ["192.0.2.10", "192.0.2.11", "192.0.2.12"]);
  assert.equal(u.ipv4Ranges, [{ low: "192.0.2.200", high: "192.0.2.209" }]);
  assert.equal([...u.ipv6s], []);
  assert.equal([...u.vms.values()], [
    { name: "vm1", mac: "fe:e1:bb:d1:c8:00", ipv4: "192.0.2.10" },
    { name: "vm2", mac: "fe:e1:bb:d1:c8:02", ipv4: "192.0.2.12" },
    { name: "printer", mac: "00:11:22:33:44:55", ipv4: "192.0.2.11" },
  ]);
});

test("usedResources matches a VM to its dhcpd host by MAC before name, and finds hosts in groups", () => {
  const vm = parseVm(`vm "web" {\n\tinterface { lladdr fe:e1:bb:d1:c8:07 }\n}\nvm "db" {\n\tinterface { lladdr fe:e1:bb:d1:c8:08 }\n}\n`).model;
  const dhcpd = parseDhcpd(
    `subnet 192.0.2.0 netmask 255.255.255.0 {\n\tgroup {\n\t\thost other { hardware ethernet fe:e1:bb:d1:c8:07; fixed-address 192.0.2.40; }\n\t}\n}\nhost db { fixed-address 192.0.2.41, db.example.org; }\n`,
  ).model;
  const u = usedResources(vm, dhcpd, { ipv6s: ["2001:DB8:8:1:0:0:0:40"] });
  assert.equal([...u.vms.values()], [
    { name: "web", mac: "fe:e1:bb:d1:c8:07", ipv4: "192.0.2.40" },
    { name: "db", mac: "fe:e1:bb:d1:c8:08", ipv4: "192.0.2.41" },
    { name: "other", mac: "fe:e1:bb:d1:c8:07", ipv4: "192.0.2.40" },
  ]);
  assert.equal([...u.ipv4s].sort(), ["192.0.2.40", "192.0.2.41"]);
  assert.equal([...u.ipv6s], ["2001:db8:8:1::40"]);
});

test("the IPv6 numbering: decimal digits as the last groups", () => {
  const base = parseIPv6Base("2001:db8:8:1") as IPv6Base;
  // A /64 has four groups left; numbers use at most three (12 digits).
  assert.equal(base.hostGroups, 3);
  assert.is(ipv6ForNumber(base, 10), "2001:db8:8:1::10");
  assert.is(ipv6ForNumber(base, 254), "2001:db8:8:1::254");
  assert.is(ipv6ForNumber(base, 12345), "2001:db8:8:1::1:2345");
  assert.is(ipv6ForNumber(base, 9999_9999_9999), "2001:db8:8:1:0:9999:9999:9999");
  assert.is(ipv6ForNumber(base, 1_0000_0000_0000), undefined);
  const cidr = parseIPv6Base("2001:db8:0:100::/56") as IPv6Base;
  assert.equal([cidr.length, cidr.hostGroups], [56, 3]);
  assert.is(ipv6ForNumber(cidr, 7), "2001:db8:0:100::7");
  const narrow = parseIPv6Base("2001:db8::/100") as IPv6Base;
  assert.is(narrow.hostGroups, 1);
  assert.is(ipv6ForNumber(narrow, 9999), "2001:db8::9999");
  assert.is(ipv6ForNumber(narrow, 10000), undefined);
});

test("new VMs take the lowest free MAC octet and slot; a deployed VM keeps its own", () => {
  const r = allocate(conf(), orders("vm1", "vm3", "vm4", "vm5"), used());
  assert.equal(r, {
    ok: true,
    allocations: [
      { vm: "vm1", deployed: true, mac: "fe:e1:bb:d1:c8:00", ipv4: "192.0.2.10", ipv6: "2001:db8:8:1::10" },
      // c8:01 is free; .10 .11 .12 are fixed addresses, so .13 and ::13.
      { vm: "vm3", deployed: false, mac: "fe:e1:bb:d1:c8:01", ipv4: "192.0.2.13", ipv6: "2001:db8:8:1::13" },
      { vm: "vm4", deployed: false, mac: "fe:e1:bb:d1:c8:03", ipv4: "192.0.2.14", ipv6: "2001:db8:8:1::14" },
      { vm: "vm5", deployed: false, mac: "fe:e1:bb:d1:c8:04", ipv4: "192.0.2.15", ipv6: "2001:db8:8:1::15" },
    ],
  });
  // The same inputs, the same answer.
  assert.equal(allocate(conf(), orders("vm1", "vm3", "vm4", "vm5"), used()), r);
});

test("used IPv6 addresses, the router, DNS servers and dhcpd ranges are skipped", () => {
  const u = used();
  u.ipv6s.add("2001:db8:8:1::13");
  const c = conf(withLine("IP_START", 'IP_START="1"').replace('IPV6_START="10"', 'IPV6_START="1"').replace('DNS="192.0.2.53, 2001:db8::53"', 'DNS="192.0.2.2"'));
  const r = allocate(c, orders("a", "b", "c"), u);
  // .1 router, .2 DNS; .3 ↔ ::3 free.
  assert.equal(r.ok && r.allocations.map((a) => [a.ipv4, a.ipv6]), [
    ["192.0.2.3", "2001:db8:8:1::3"],
    ["192.0.2.4", "2001:db8:8:1::4"],
    ["192.0.2.5", "2001:db8:8:1::5"],
  ]);
  const late = allocate(conf(withLine("IP_START", 'IP_START="198"').replace('IPV6_START="10"', 'IPV6_START="198"')), orders("a", "b", "c"), used());
  // .198 .199 free; .200–.209 a dynamic range; then .210. ::13 is not in this stretch.
  assert.equal(late.ok && late.allocations.map((a) => a.ipv4), ["192.0.2.198", "192.0.2.199", "192.0.2.210"]);
  const skip = allocate(conf(), orders("x"), u);
  // With IP_START 10: .10–.12 fixed, .13 is free but ::13 is used, so .14.
  assert.equal(skip.ok && skip.allocations.map((a) => [a.ipv4, a.ipv6]), [["192.0.2.14", "2001:db8:8:1::14"]]);
});

test("a partly deployed VM keeps what it has and gets what it lacks", () => {
  const vm = parseVm(`vm "vm7" {\n\tinterface { lladdr fe:e1:bb:d1:c8:09 }\n}\n`).model;
  const dhcpd = parseDhcpd(`subnet 192.0.2.0 netmask 255.255.255.0 {\n\thost vm8 { fixed-address 192.0.2.10; }\n}\n`).model;
  const r = allocate(conf(), orders("vm7", "vm8"), usedResources(vm, dhcpd));
  assert.equal(r, {
    ok: true,
    allocations: [
      { vm: "vm7", deployed: true, mac: "fe:e1:bb:d1:c8:09", ipv4: "192.0.2.11", ipv6: "2001:db8:8:1::11" },
      { vm: "vm8", deployed: true, mac: "fe:e1:bb:d1:c8:00", ipv4: "192.0.2.10", ipv6: "2001:db8:8:1::10" },
    ],
  });
});

test("a deployed VM outside the range keeps its address; its IPv6 is the one given, else none", () => {
  const dhcpd = parseDhcpd(`subnet 192.0.2.0 netmask 255.255.255.0 {\n\thost old { hardware ethernet fe:e1:bb:d1:c8:05; fixed-address 192.0.2.5; }\n}\n`).model;
  const u = usedResources({ macros: [], includes: [], switches: [], vms: [] }, dhcpd);
  assert.equal(allocate(conf(), orders("old"), u), { ok: true, allocations: [{ vm: "old", deployed: true, mac: "fe:e1:bb:d1:c8:05", ipv4: "192.0.2.5" }] });
  u.vms.get("old")!.ipv6 = "2001:db8:8:1::5";
  assert.equal(allocate(conf(), orders("old"), u), { ok: true, allocations: [{ vm: "old", deployed: true, mac: "fe:e1:bb:d1:c8:05", ipv4: "192.0.2.5", ipv6: "2001:db8:8:1::5" }] });
});

test("an exhausted IPv4 range: nothing allocated, how many fit, what to change", () => {
  const c = conf(withLine("IP_START", 'IP_START="250"').replace('IPV6_START="10"', 'IPV6_START="250"'));
  const r = allocate(c, orders("vm1", "a", "b", "c", "d", "e", "f"), used());
  // .250–.254: five free slots; vm1 keeps its own; six new VMs need six.
  assert.equal(r, {
    ok: false,
    code: "RANGE_EXHAUSTED",
    fit: 6,
    orders: 7,
    shortages: [
      {
        resource: "ipv4",
        needed: 6,
        available: 5,
        message: "the addresses 192.0.2.250–192.0.2.254 (IP_PREFIX.IP_START to the end of SUBNET 192.0.2.0/24) have 5 free for 6 new VMs",
        hint: "lower IP_START, widen the subnet (a shorter NETMASK, with SUBNET to match), or deploy the other orders on another host",
      },
    ],
    message: "only 6 of 7 orders fit: the addresses 192.0.2.250–192.0.2.254 (IP_PREFIX.IP_START to the end of SUBNET 192.0.2.0/24) have 5 free for 6 new VMs; nothing was allocated",
  });
});

test("the IPv6 numbers can end the range first", () => {
  const c = conf(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8:8:1:0:0:0"').replace('IPV6_START="10"', 'IPV6_START="9998"'));
  const empty = usedResources({ macros: [], includes: [], switches: [], vms: [] }, { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] });
  const r = allocate(c, orders("a", "b", "c"), empty);
  assert.ok(!r.ok && r.code === "RANGE_EXHAUSTED");
  if (!r.ok && r.code === "RANGE_EXHAUSTED") {
    assert.is(r.fit, 2);
    assert.equal(r.shortages.map((s) => [s.resource, s.needed, s.available, s.hint]), [["ipv4", 3, 2, "lower IPV6_START or use a shorter IPV6_PREFIX, or deploy the other orders on another host"]]);
  }
  const two = allocate(c, orders("a", "b"), empty);
  assert.equal(two.ok && two.allocations.map((a) => [a.ipv4, a.ipv6]), [
    ["192.0.2.10", "2001:db8:8:1::9998"],
    ["192.0.2.11", "2001:db8:8:1::9999"],
  ]);
});

test("an exhausted MAC prefix: the sixth octet, then the fifth, up to ff:ff", () => {
  const u = usedResources({ macros: [], includes: [], switches: [], vms: [] }, { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] });
  // fe:e1:bb:d1:c8 gives c8:00 … ff:ff: 56 values of the fifth octet × 256.
  assert.is(macsOfPrefix("fe:e1:bb:d1:c8"), 56 * 256);
  for (let k = 0; k < 56 * 256 - 1; k++) u.macs.add(macOfPrefix("fe:e1:bb:d1:c8", k));
  const r = allocate(conf(), orders("a", "b"), u);
  assert.ok(!r.ok && r.code === "RANGE_EXHAUSTED");
  if (!r.ok && r.code === "RANGE_EXHAUSTED") {
    assert.is(r.fit, 1);
    assert.equal(r.shortages.map((s) => [s.resource, s.needed, s.available, s.message]), [["mac", 2, 1, "MAC_PREFIX fe:e1:bb:d1:c8 has 1 free MACs (of 14336) for 2 new VMs"]]);
  }
  const one = allocate(conf(), orders("a"), u);
  assert.equal(one.ok && one.allocations[0]!.mac, "fe:e1:bb:d1:ff:ff");
});

test("past :ff the fifth octet counts up", () => {
  assert.is(macOfPrefix("fe:e1:bb:d2:00", 255), "fe:e1:bb:d2:00:ff");
  assert.is(macOfPrefix("fe:e1:bb:d2:00", 256), "fe:e1:bb:d2:01:00");
  assert.is(macOfPrefix("fe:e1:bb:d2:00", 300), "fe:e1:bb:d2:01:2c");
});

test("settings with errors and duplicate orders are refused", () => {
  const bad = parseDeployConf(withLine("NETMASK", 'NETMASK="255.0.255.0"')).model;
  assert.equal(allocate(bad, orders("a"), used()), { ok: false, code: "BAD_DEPLOY_CONF", message: "cannot allocate: SUBNET/NETMASK is not a usable subnet" });
  assert.equal(allocate(conf(), orders("a", "a"), used()), { ok: false, code: "DUPLICATE_ORDER", message: "the order for a is given twice" });
});

test("300 VMs in a /23 from one MAC prefix", () => {
  const c = conf(withLine("NETMASK", 'NETMASK="255.255.254.0"'));
  const names = Array.from({ length: 300 }, (_, i) => `vm${i + 100}`);
  const empty = usedResources({ macros: [], includes: [], switches: [], vms: [] }, { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] });
  const r = allocate(c, orders(...names), empty);
  assert.ok(r.ok);
  if (r.ok) {
    // Slots 0–300 but DNS 192.0.2.53 (slot 43): the 300th VM gets slot 300,
    // 192.0.2.10 + 300 = 192.0.3.54 and number 10 + 300 = 310; MAC 300 - 1 = 299 = 0x12b past c8:00.
    assert.equal(r.allocations.at(-1), { vm: "vm399", deployed: false, mac: "fe:e1:bb:d1:c9:2b", ipv4: "192.0.3.54", ipv6: "2001:db8:8:1::310" });
    assert.ok(!r.allocations.some((a) => a.ipv4 === "192.0.2.53"));
    assert.is(new Set(r.allocations.map((a) => a.mac)).size, 300);
  }
});

test.run();
