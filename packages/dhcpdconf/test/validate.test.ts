// validate(model): a table of models and the diagnostics dhcpd's behaviour
// calls for. Sources of the expected texts: OpenBSD usr.sbin/dhcpd parse.c
// 1.29 (parse_lease_time, convert_num, parse_hardware_param, parse_date),
// confpars.c (host-scope parameters, empty shared-network, parse_cidr,
// parse_domain_and_comp), memory.c 1.28 (new_address_range, enter_subnet),
// research/dhcpdconf.md sections 3, 4, 5 and 8. The operator warnings
// (duplicates, addresses outside subnets or inside ranges) are this
// package's own: their texts are the ones the issue asks for.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { emptyDhcpdConf, validate, type DhcpdConf, type Host, type Subnet } from "../src/index.js";

type Row = [severity: string, code: string, path: string, message: string];

// UNWRITABLE_VALUE comes from generate (another file's contract): its wording is not checked here.
const GENERATE = "(generate's message)";

const rows = (model: DhcpdConf): Row[] =>
  validate(model)
    .map((d): Row => [d.severity, d.code, d.path, d.code === "UNWRITABLE_VALUE" ? GENERATE : d.message])
    .sort((a, b) => (a[2] + a[1] < b[2] + b[1] ? -1 : 1));

const sorted = (expected: Row[]): Row[] => [...expected].sort((a, b) => (a[2] + a[1] < b[2] + b[1] ? -1 : 1));

function subnet(extra: Partial<Subnet> = {}): Subnet {
  return { network: "10.0.0.0", netmask: "255.255.255.0", ranges: [], groups: [], hosts: [], ...extra };
}

function conf(extra: Partial<DhcpdConf> = {}): DhcpdConf {
  return { ...emptyDhcpdConf(), ...extra };
}

const host = (name: string, mac: string, address: string, extra: Partial<Host> = {}): Host => ({
  name,
  hardwareEthernet: mac,
  fixedAddress: [address],
  ...extra,
});

const cases: Array<[name: string, model: DhcpdConf, expected: Row[]]> = [
  [
    "a hosting host's configuration: nothing to say",
    conf({
      defaultLeaseTime: 600,
      maxLeaseTime: 4294967295, // strtonum's upper bound, UINT32_MAX
      authoritative: true,
      options: [{ name: "domain-name-servers", value: ["10.0.0.1", "10.0.0.2"] }],
      subnets: [
        subnet({
          options: [
            { name: "routers", value: ["10.0.0.1"] },
            { name: "subnet-mask", value: "255.255.255.0" },
            { name: "default-ip-ttl", value: 255 },
            { name: "time-offset", value: -3600 },
            { name: "domain-search", value: ["example.com", "b.example"] },
            { name: "classless-static-routes", value: [{ destination: "0/0", router: "10.0.0.1" }, { destination: "192.168.2/24", router: "10.0.0.2" }] },
            { name: "option-108", value: { hex: "00:00:07:08" } },
          ],
          // memory.c accepts a range written high to low.
          ranges: [{ low: "10.0.0.200", high: "10.0.0.100" }, { low: "10.0.0.250" }],
          hosts: [
            host("vm1", "fe:e1:bb:d1:c8:01", "10.0.0.11", { filename: "auto_install", nextServer: "10.0.0.1", options: [{ name: "host-name", value: { text: "vm1" } }] }),
            host("vm2", "00:0c:29:ab:cd:ef", "10.0.0.12"),
          ],
        }),
      ],
    }),
    [],
  ],
  [
    "lease times out of strtonum's range (parse_lease_time)",
    conf({ defaultLeaseTime: -1, maxLeaseTime: 4294967296 }),
    [
      ["error", "INVALID_LEASE_TIME", "defaultLeaseTime", "lease time is too small: -1"],
      ["error", "INVALID_LEASE_TIME", "maxLeaseTime", "lease time is too large: 4294967296"],
    ],
  ],
  [
    "integer options past convert_num's maximum",
    conf({
      options: [
        { name: "default-ip-ttl", value: 300 },
        { name: "interface-mtu", value: 70000 },
        { name: "default-tcp-ttl", value: -200 },
        { name: "path-mtu-plateau-table", value: [576, 70000] },
      ],
    }),
    [
      ["error", "INTEGER_OUT_OF_RANGE", "options[0].value", "value 300 exceeds max (255) for precision."],
      ["error", "INTEGER_OUT_OF_RANGE", "options[1].value", "value 70000 exceeds max (65535) for precision."],
      // A negative value's maximum is 2^(bits-1).
      ["error", "INTEGER_OUT_OF_RANGE", "options[2].value", "value -200 exceeds max (128) for precision."],
      ["error", "INTEGER_OUT_OF_RANGE", "options[3].value[1]", "value 70000 exceeds max (65535) for precision."],
    ],
  ],
  [
    "a negative value for an unsigned option: dhcpd stores 255 without a message",
    conf({ options: [{ name: "default-ip-ttl", value: -1 }] }),
    [
      ["warning", "INTEGER_SIGN", "options[0].value", "value -1 is negative for an unsigned 8-bit option; dhcpd sends 255"],
      // generate writes only values of the format's own range
      ["error", "UNWRITABLE_VALUE", "options[0].value", GENERATE],
    ],
  ],
  [
    "hardware ethernet needs exactly six octets",
    conf({
      hosts: [
        { name: "five", hardwareEthernet: "00:0c:29:ab:cd" },
        { name: "seven", hardwareEthernet: "00:0c:29:ab:cd:ef:01" },
        { name: "big", hardwareEthernet: "00:0c:29:ab:cd:abc" },
        { name: "tunnel", hardwareIpsecTunnel: Array.from({ length: 17 }, () => "01").join(":") },
      ],
    }),
    [
      ["error", "INVALID_HARDWARE_ADDRESS", "hosts[0].hardwareEthernet", "too few numbers."],
      ["error", "INVALID_HARDWARE_ADDRESS", "hosts[1].hardwareEthernet", "expecting semicolon."],
      ["error", "INVALID_HARDWARE_ADDRESS", "hosts[2].hardwareEthernet", "value abc exceeds max (255) for precision."],
      ["error", "INVALID_HARDWARE_ADDRESS", "hosts[3].hardwareIpsecTunnel", "hardware address too long"],
    ],
  ],
  [
    "a subnet number with host bits set: OpenBSD masks it, ISC refuses it",
    conf({ subnets: [subnet({ network: "10.0.0.5" })] }),
    [
      [
        "warning",
        "SUBNET_HOST_BITS",
        "subnets[0].network",
        "subnet 10.0.0.5 netmask 255.255.255.0 has host bits set: dhcpd uses 10.0.0.0 (ISC dhcpd refuses it: bad subnet number/mask combination)",
      ],
    ],
  ],
  [
    "ranges outside their subnet or across subnets (memory.c, fatal)",
    conf({
      subnets: [
        subnet({ ranges: [{ low: "10.0.1.10", high: "10.0.1.20" }, { low: "10.0.0.250", high: "10.0.1.5" }] }),
        // the range is checked against the masked subnet number
        subnet({ network: "10.0.2.7", ranges: [{ low: "10.0.3.1" }] }),
      ],
    }),
    [
      ["error", "RANGE_OUTSIDE_SUBNET", "subnets[0].ranges[0]", "Address range 10.0.1.10 to 10.0.1.20 not on net 10.0.0.0/255.255.255.0!"],
      ["error", "RANGE_SPANS_SUBNETS", "subnets[0].ranges[1]", "Address range 10.0.0.250 to 10.0.1.5, netmask 255.255.255.0 spans multiple subnets!"],
      [
        "warning",
        "SUBNET_HOST_BITS",
        "subnets[1].network",
        "subnet 10.0.2.7 netmask 255.255.255.0 has host bits set: dhcpd uses 10.0.2.0 (ISC dhcpd refuses it: bad subnet number/mask combination)",
      ],
      ["error", "RANGE_OUTSIDE_SUBNET", "subnets[1].ranges[0]", "Address range 10.0.3.1 to 10.0.3.1 not on net 10.0.2.0/255.255.255.0!"],
    ],
  ],
  [
    "a shared network needs a subnet; one in a nested group counts",
    conf({
      sharedNetworks: [
        { name: "empty", subnets: [], groups: [], hosts: [] },
        { name: "grouped", subnets: [], groups: [{ sharedNetworks: [], subnets: [subnet()], groups: [], hosts: [] }], hosts: [] },
        { name: "", subnets: [subnet({ network: "10.0.9.0" })], groups: [], hosts: [] },
      ],
    }),
    [
      ["error", "EMPTY_SHARED_NETWORK", "sharedNetworks[0]", "empty shared-network decl"],
      ["error", "SHARED_NETWORK_NAME_EMPTY", "sharedNetworks[2].name", "zero-length shared network name"],
    ],
  ],
  [
    "parameters dhcpd refuses inside a host",
    conf({ hosts: [{ name: "h", useHostDeclNames: true, getLeaseHostnames: false, authoritative: false }] }),
    [
      ["error", "USE_HOST_DECL_NAMES_NOT_ALLOWED", "hosts[0].useHostDeclNames", "use-host-decl-names not allowed here."],
      ["error", "GET_LEASE_HOSTNAMES_NOT_ALLOWED", "hosts[0].getLeaseHostnames", "get-lease-hostnames not allowed here."],
      ["error", "AUTHORITATIVE_NOT_ALLOWED", "hosts[0].authoritative", "authority makes no sense here."],
    ],
  ],
  [
    "option names are case-sensitive; names outside tables.c 1.14 are unknown",
    conf({
      options: [
        { name: "Routers", value: { raw: "10.0.0.1" } },
        { name: "ipv6-only-preferred", value: { raw: "1800" } },
        { name: "option-12", value: { raw: '"x"' } },
      ],
    }),
    [
      ["warning", "NO_SUCH_OPTION", "options[0].name", "no option named Routers"],
      ["warning", "NO_SUCH_OPTION", "options[1].name", "no option named ipv6-only-preferred"],
      ["warning", "NO_SUCH_OPTION", "options[2].name", "no option named option-12"],
    ],
  ],
  [
    "values dhcpd's reader cannot take",
    conf({
      nextServer: "10.0.0.300",
      options: [
        { name: "domain-name", value: 'a"b' },
        { name: "domain-search", value: ["x".repeat(64) + ".example"] },
        { name: "classless-static-routes", value: [{ destination: "10.1/33", router: "10.0.0.1" }] },
        { name: "dhcp-client-identifier", value: { hex: "01:abc" } },
      ],
      hosts: [{ name: "-h" }],
    }),
    [
      ["error", "INVALID_ADDRESS", "nextServer", "10.0.0.300: expecting IP address or hostname"],
      ["error", "TEXT_NOT_ENCODABLE", "options[0].value", 'a quoted string cannot hold `"`: dhcpd ends the string there, even after `\\`'],
      ["error", "DOMAIN_NOT_ENCODABLE", "options[1].value[0]", "Can't compress domain"],
      ["error", "INVALID_CIDR", "options[2].value[0].destination", "expecting IPv4 CIDR block."],
      ["error", "INTEGER_OUT_OF_RANGE", "options[3].value.hex", "value abc exceeds max (255) for precision."],
      ["error", "INVALID_HOST_NAME", "hosts[0].name", "expecting an identifier in hostname"],
    ],
  ],
  [
    "allow/deny keys and the bootp lease cutoff date",
    conf({
      allow: ["members" as never],
      dynamicBootpLeaseCutoff: "2030-12-31",
      groups: [{ sharedNetworks: [], subnets: [], groups: [], hosts: [], dynamicBootpLeaseCutoff: "6 2030/12/31 23:59:59 UTC" }],
    }),
    [
      ["error", "INVALID_ALLOW_DENY_KEY", "allow[0]", "expecting allow/deny key"],
      ["error", "INVALID_DATE", "dynamicBootpLeaseCutoff", "unparseable time string"],
    ],
  ],
  [
    "a filename longer than the reply's 128-byte file field",
    conf({ filename: "f".repeat(128) }),
    [["warning", "FILENAME_TOO_LONG", "filename", "filename is 128 bytes; dhcpd sends only the first 127"]],
  ],
  [
    "duplicate host names, hardware addresses and fixed addresses",
    conf({
      subnets: [
        subnet({
          hosts: [host("vm1", "fe:e1:bb:d1:c8:01", "10.0.0.11"), host("VM1", "fe:e1:bb:d1:c8:01", "10.0.0.11")],
        }),
      ],
    }),
    [
      ["warning", "DUPLICATE_HOST_NAME", "subnets[0].hosts[1].name", "host VM1 is declared twice (also at subnets[0].hosts[0])"],
      [
        "warning",
        "DUPLICATE_HARDWARE_ADDRESS",
        "subnets[0].hosts[1].hardwareEthernet",
        "hardware ethernet fe:e1:bb:d1:c8:01 of host VM1 is also host vm1's (subnets[0].hosts[0])",
      ],
      ["warning", "DUPLICATE_FIXED_ADDRESS", "subnets[0].hosts[1].fixedAddress[0]", "fixed-address 10.0.0.11 of host VM1 is also host vm1's (subnets[0].hosts[0])"],
    ],
  ],
  [
    "fixed addresses outside every subnet or inside a dynamic range",
    conf({
      subnets: [subnet({ ranges: [{ low: "10.0.0.100", high: "10.0.0.200" }] })],
      hosts: [host("away", "fe:e1:bb:d1:c8:02", "192.168.5.5"), host("ranged", "fe:e1:bb:d1:c8:03", "10.0.0.150")],
    }),
    [
      ["warning", "FIXED_ADDRESS_OUTSIDE_SUBNETS", "hosts[0].fixedAddress[0]", "fixed-address 192.168.5.5 of host away is on no declared subnet"],
      [
        "warning",
        "FIXED_ADDRESS_IN_RANGE",
        "hosts[1].fixedAddress[0]",
        "fixed-address 10.0.0.150 of host ranged is inside the dynamic range 10.0.0.100 to 10.0.0.200 (subnets[0].ranges[0])",
      ],
    ],
  ],
  [
    "overlapping ranges, also across subnets",
    conf({
      subnets: [
        subnet({ ranges: [{ low: "10.0.0.10", high: "10.0.0.50" }, { low: "10.0.0.40", high: "10.0.0.60" }, { low: "10.0.0.70", high: "10.0.0.80" }] }),
      ],
    }),
    [["warning", "OVERLAPPING_RANGES", "subnets[0].ranges[1]", "range 10.0.0.40 to 10.0.0.60 overlaps range 10.0.0.10 to 10.0.0.50 (subnets[0].ranges[0])"]],
  ],
  [
    "netmasks: not contiguous, or an option subnet-mask that differs from the subnet's",
    conf({
      subnets: [
        subnet({ netmask: "255.0.255.0" }),
        subnet({ network: "10.1.0.0", options: [{ name: "subnet-mask", value: "255.255.0.0" }], hosts: [{ name: "h", options: [{ name: "subnet-mask", value: "255.255.255.128" }] }] }),
      ],
    }),
    [
      ["warning", "NETMASK_MISMATCH", "subnets[0].netmask", "netmask 255.0.255.0 is not contiguous"],
      ["warning", "NETMASK_MISMATCH", "subnets[1].options[0].value", "option subnet-mask 255.255.0.0 does not match the subnet's netmask 255.255.255.0"],
      ["warning", "NETMASK_MISMATCH", "subnets[1].hosts[0].options[0].value", "option subnet-mask 255.255.255.128 does not match the subnet's netmask 255.255.255.0"],
    ],
  ],
  [
    "a subnet inside another: dhcpd logs the conflict when it enters the later one",
    conf({ subnets: [subnet(), subnet({ netmask: "255.255.0.0" })] }),
    [["warning", "SUBNET_CONFLICT", "subnets[1]", "subnet 10.0.0.0/16 conflicts with subnet 10.0.0.0/24"]],
  ],
  [
    "an option given twice in one scope: dhcpd keeps the last",
    conf({ options: [{ name: "routers", value: ["10.0.0.1"] }, { name: "routers", value: ["10.0.0.2"] }] }),
    [
      ["warning", "DUPLICATE_OPTION", "options[1]", "option routers is set again in this scope (first at options[0]); dhcpd keeps only the last"],
      // generate refuses it: the text would not read back as the model
      ["error", "UNWRITABLE_VALUE", "options[1].name", GENERATE],
    ],
  ],
];

for (const [name, model, expected] of cases) {
  test(name, () => {
    assert.equal(rows(model), sorted(expected));
  });
}

test("a host name as a fixed address: dhcpd resolves it when it reads the file", () => {
  const model = conf({ subnets: [subnet({ hosts: [host("vm1", "fe:e1:bb:d1:c8:01", "vm1.example.com")] })] });
  assert.equal(rows(model), []);
});

test("a model of the wrong shape gives one UNWRITABLE_VALUE and no exception", () => {
  const model = JSON.parse('{"sharedNetworks":[],"subnets":{},"groups":[],"hosts":[],"classes":[]}') as DhcpdConf;
  assert.equal(rows(model), [["error", "UNWRITABLE_VALUE", "subnets", GENERATE]]);
});

test("values of the wrong type from JSON are reported, not thrown", () => {
  const model = JSON.parse(
    '{"sharedNetworks":[],"subnets":[{"network":10,"netmask":"255.255.255.0","ranges":[{"low":null}],"groups":[],"hosts":[' +
      '{"name":42,"hardwareEthernet":7,"fixedAddress":[false],"dynamicBootpLeaseCutoff":3}]}],"groups":[],"hosts":[],"classes":[]}',
  ) as DhcpdConf;
  const codes = validate(model).map((d) => `${d.path} ${d.code}`);
  for (const expected of [
    "subnets[0].network INVALID_ADDRESS",
    "subnets[0].ranges[0].low INVALID_ADDRESS",
    "subnets[0].hosts[0].name INVALID_HOST_NAME",
    "subnets[0].hosts[0].hardwareEthernet INVALID_HARDWARE_ADDRESS",
    "subnets[0].hosts[0].fixedAddress[0] INVALID_ADDRESS",
    "subnets[0].hosts[0].dynamicBootpLeaseCutoff INVALID_DATE",
  ]) {
    assert.ok(codes.includes(expected), `${expected} in ${codes.join(", ")}`);
  }
});

test("10,000 hosts in one subnet are all checked", () => {
  const hosts: Host[] = [];
  for (let i = 0; i < 10000; i++) {
    const mac = `fe:e1:bb:00:${(i >> 8).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`;
    hosts.push(host(`vm${i}`, mac, `10.0.${1 + (i >> 8)}.${i & 255}`));
  }
  hosts[5000]!.hardwareEthernet = hosts[10]!.hardwareEthernet; // planted: a repeated address
  hosts[9999]!.fixedAddress = ["10.0.200.7"]; // planted: inside the range
  const model = conf({ subnets: [subnet({ netmask: "255.255.0.0", ranges: [{ low: "10.0.200.0", high: "10.0.200.255" }], hosts })] });
  assert.equal(rows(model), [
    [
      "warning",
      "DUPLICATE_HARDWARE_ADDRESS",
      "subnets[0].hosts[5000].hardwareEthernet",
      "hardware ethernet fe:e1:bb:00:00:0a of host vm5000 is also host vm10's (subnets[0].hosts[10])",
    ],
    [
      "warning",
      "FIXED_ADDRESS_IN_RANGE",
      "subnets[0].hosts[9999].fixedAddress[0]",
      "fixed-address 10.0.200.7 of host vm9999 is inside the dynamic range 10.0.200.0 to 10.0.200.255 (subnets[0].ranges[0])",
    ],
  ]);
});

test.run();
