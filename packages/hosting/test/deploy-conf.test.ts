// _deploy.conf: keys, values and the diagnostics for bad ones, at the value's
// line and column. Expected values are worked out by hand from the rules in
// deploy-conf.ts's documentation (documentation addresses: RFC 5737, RFC 3849).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEPLOY_CONF_KEYS, parseDeployConf } from "../src/index.js";
import { SAMPLE, withLine } from "./fixtures.js";

const diags = (text: string) => parseDeployConf(text, { fileName: "/home/op/_deploy.conf" }).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);

test("the sample parses clean into the typed settings", () => {
  const doc = parseDeployConf(SAMPLE, { fileName: "_deploy.conf" });
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model, {
    server: "server8",
    domain: "example.org",
    ipPrefix: "192.0.2",
    ipStart: "10",
    ipv6Prefix: "2001:db8:8:1",
    ipv6Start: "10",
    macPrefix: "fe:e1:bb:d1:c8",
    vms: "vms",
    etc: "/etc",
    images: "/var/vmm",
    htdocs: "/var/www/htdocs",
    memory: "1G",
    diskSize: "50G",
    format: "qcow2",
    vmdUsers: "vmdusers",
    switch: "uplink_veb42",
    interface: "veb42",
    router: "192.0.2.1",
    dns: ["192.0.2.53", "2001:db8::53"],
    subnet: "192.0.2.0",
    netmask: "255.255.255.0",
  });
  assert.is(doc.text, SAMPLE);
});

test("unquoted and single-quoted values read the same; the MAC prefix is put in lower case", () => {
  const doc = parseDeployConf(withLine("MAC_PREFIX", "MAC_PREFIX=FE:E1:BB:D1:C8").replace('MEMORY="1G"', "MEMORY='512M'"));
  assert.equal(doc.diagnostics, []);
  assert.is(doc.model.macPrefix, "fe:e1:bb:d1:c8");
  assert.is(doc.model.memory, "512M");
});

test("the address/length form of IPV6_PREFIX", () => {
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8:8:1::/64"')), []);
  // Bits set past the length.
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8:8:1::5/64"')), ["6:13 error BAD_IPV6_PREFIX"]);
  // No whole group left for VM numbers.
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8::/120"')), ["6:13 error BAD_IPV6_PREFIX"]);
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8::x"')), ["6:13 error BAD_IPV6_PREFIX"]);
});

test("unknown and missing keys: file:line:col; missing ones at the end of the file", () => {
  const text = withLine("MEMORY", "MEMROY=1G").replace('NETMASK="255.255.255.0"\n', "");
  const doc = parseDeployConf(text, { fileName: "/home/op/_deploy.conf" });
  // 21 lines remain, so the end of the file is line 22, column 1.
  assert.equal(
    doc.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message, d.hint]),
    [
      ["/home/op/_deploy.conf", 13, 1, "UNKNOWN_KEY", "unknown key MEMROY in _deploy.conf", "did you mean MEMORY?"],
      ["/home/op/_deploy.conf", 22, 1, "MISSING_KEY", "_deploy.conf has no MEMORY", 'add a line MEMORY="…"'],
      ["/home/op/_deploy.conf", 22, 1, "MISSING_KEY", "_deploy.conf has no NETMASK", 'add a line NETMASK="…"'],
    ],
  );
  assert.equal(DEPLOY_CONF_KEYS.length, 21);
});

test("MAC prefix: five octets, unicast; a globally administered one is a warning", () => {
  assert.equal(diags(withLine("MAC_PREFIX", 'MAC_PREFIX="fe:e1:bb:d1"')), ["8:12 error BAD_MAC_PREFIX"]);
  assert.equal(diags(withLine("MAC_PREFIX", 'MAC_PREFIX="fe:e1:bb:d1:c8:01"')), ["8:12 error BAD_MAC_PREFIX"]);
  assert.equal(diags(withLine("MAC_PREFIX", 'MAC_PREFIX="fe:e1:bb:d1:zz"')), ["8:12 error BAD_MAC_PREFIX"]);
  // 0x01: the group bit; 0x00: neither group nor local bit.
  assert.equal(diags(withLine("MAC_PREFIX", 'MAC_PREFIX="01:e1:bb:d1:c8"')), ["8:12 error MULTICAST_MAC_PREFIX"]);
  assert.equal(diags(withLine("MAC_PREFIX", 'MAC_PREFIX="00:e1:bb:d1:c8"')), ["8:12 warning GLOBAL_MAC_PREFIX"]);
});

test("subnet and netmask: contiguous, matching, holding the first address and the router", () => {
  assert.equal(diags(withLine("NETMASK", 'NETMASK="255.0.255.0"')), ["22:9 error BAD_NETMASK"]);
  assert.equal(diags(withLine("NETMASK", 'NETMASK="255.255.255"')), ["22:9 error BAD_NETMASK"]);
  const mismatch = parseDeployConf(withLine("SUBNET", 'SUBNET="192.0.2.128"').replace('NETMASK="255.255.255.0"', 'NETMASK="255.255.255.128"').replace('ROUTER="192.0.2.1"', 'ROUTER="192.0.2.129"').replace('IP_START="10"', 'IP_START="130"'));
  assert.equal(mismatch.diagnostics, []);
  const bad = parseDeployConf(withLine("SUBNET", 'SUBNET="192.0.2.5"'));
  assert.equal(bad.diagnostics.map((d) => [d.line, d.column, d.code, d.message, d.hint]), [
    [22, 9, "NETMASK_MISMATCH", "NETMASK 255.255.255.0 does not match SUBNET 192.0.2.5: the subnet has bits set past the mask", "SUBNET 192.0.2.0 or a shorter mask"],
  ]);
  assert.equal(diags(withLine("IP_START", 'IP_START="255"')), ["5:10 error START_OUTSIDE_SUBNET"]);
  assert.equal(diags(withLine("IP_PREFIX", 'IP_PREFIX="198.51.100"')), ["5:10 error START_OUTSIDE_SUBNET"]);
  assert.equal(diags(withLine("ROUTER", 'ROUTER="198.51.100.1"')), ["19:8 error ROUTER_OUTSIDE_SUBNET"]);
  assert.equal(diags(withLine("NETMASK", 'NETMASK="255.255.255.254"')), ["22:9 error SUBNET_TOO_SMALL"]);
});

test("IPv4 prefix and start: 1 to 3 octets, then the rest", () => {
  assert.equal(diags(withLine("IP_PREFIX", 'IP_PREFIX="192.0.2.0.1"')), ["4:11 error BAD_IP_PREFIX"]);
  assert.equal(diags(withLine("IP_PREFIX", 'IP_PREFIX="192.0.02"')), ["4:11 error BAD_IP_PREFIX"]);
  assert.equal(diags(withLine("IP_START", 'IP_START="256"')), ["5:10 error BAD_IP_START"]);
  // Two octets of prefix, two of start: 192.0.2.10.
  assert.equal(diags(withLine("IP_PREFIX", 'IP_PREFIX="192.0"').replace('IP_START="10"', 'IP_START="2.10"')), []);
  const short = parseDeployConf(withLine("IP_PREFIX", 'IP_PREFIX="192.0"'));
  assert.equal(short.diagnostics.map((d) => [d.line, d.code, d.hint]), [[5, "BAD_IP_START", "e.g. 0.10"]]);
});

test("IPv6 start: a decimal number that fits the groups after the prefix", () => {
  assert.equal(diags(withLine("IPV6_START", 'IPV6_START="a0"')), ["7:12 error BAD_IPV6_START"]);
  assert.equal(diags(withLine("IPV6_START", 'IPV6_START="010"')), ["7:12 error BAD_IPV6_START"]);
  // Seven groups of prefix leave one group: at most four digits.
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8:8:1:0:0:0"').replace('IPV6_START="10"', 'IPV6_START="10000"')), ["7:12 error BAD_IPV6_START"]);
  assert.equal(diags(withLine("IPV6_PREFIX", 'IPV6_PREFIX="2001:db8:8:1:0:0:0"').replace('IPV6_START="10"', 'IPV6_START="9999"')), []);
});

test("sizes, format, paths, names", () => {
  assert.equal(diags(withLine("MEMORY", 'MEMORY="lots"')), ["13:8 error BAD_SIZE"]);
  assert.equal(diags(withLine("MEMORY", 'MEMORY="0"')), ["13:8 error BAD_SIZE"]);
  assert.equal(diags(withLine("DISKSIZE", 'DISKSIZE="1.5"')), ["14:10 error BAD_SIZE"]);
  assert.equal(diags(withLine("DISKSIZE", 'DISKSIZE="1.5G"')), []);
  assert.equal(diags(withLine("FORMAT", 'FORMAT="vmdk"')), ["15:8 error BAD_FORMAT"]);
  assert.equal(diags(withLine("FORMAT", 'FORMAT="QCOW2"')), ["15:8 error BAD_FORMAT"]);
  assert.equal(diags(withLine("IMAGES", 'IMAGES="var/vmm"')), ["11:8 error RELATIVE_PATH"]);
  assert.equal(diags(withLine("VMS", 'VMS="/srv/orders"')), []);
  assert.equal(diags(withLine("VMDUSERS", 'VMDUSERS="vmd users"')), ["16:10 error BAD_GROUP_NAME"]);
  assert.equal(diags(withLine("INTERFACE", 'INTERFACE="veb 42"')), ["18:11 error BAD_INTERFACE_NAME"]);
  assert.equal(diags(withLine("INTERFACE", 'INTERFACE="averyveryverylong0"')), ["18:11 error BAD_INTERFACE_NAME"]);
  assert.equal(diags(withLine("SERVER", 'SERVER="server8.example.org"')), ["2:8 error BAD_HOST_NAME"]);
  assert.equal(diags(withLine("DOMAIN", 'DOMAIN="example..org"')), ["3:8 error BAD_HOST_NAME"]);
  assert.equal(diags(withLine("DNS", 'DNS="192.0.2.53 dns.example.org"')), ["20:5 error BAD_DNS"]);
  assert.equal(diags(withLine("DNS", 'DNS=""')), ["20:5 error EMPTY_VALUE"]);
  assert.equal(diags(withLine("SWITCH", "SWITCH=")), ["17:8 error EMPTY_VALUE"]);
});

test("a value a shell would read differently is reported once, not checked again", () => {
  assert.equal(diags(withLine("HTDOCS", 'HTDOCS="$WWW/htdocs"')), ["12:9 error SHELL_EXPANSION"]);
  assert.equal(diags(withLine("HTDOCS", "HTDOCS=/var/www/htdocs extra")), ["12:24 error TRAILING_WORDS"]);
});

test.run();
