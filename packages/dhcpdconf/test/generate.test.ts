// generate(): the canonical text of each statement kind, written by hand
// from dhcpd.conf(5) and research/dhcpdconf.md (§2 order, §3-§5 statements
// and option formats, §8.1 strings), and the refusals of values that could
// not be read back, each naming its field.
import { UnwritableValueError } from "@obsdconf/core";
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  checkModel,
  emptyDhcpdConf,
  generate,
  hostText,
  optionText,
  parameterLines,
  rangeText,
  subnetHeader,
  type DhcpdConf,
  type Host,
  type OptionSetting,
  type Subnet,
} from "../src/index.js";

const conf = (extra: Record<string, unknown>): DhcpdConf => ({ ...emptyDhcpdConf(), ...extra }) as DhcpdConf;
const subnet = (extra: Record<string, unknown> = {}): Subnet =>
  ({ network: "10.0.0.0", netmask: "255.255.255.0", ranges: [], groups: [], hosts: [], ...extra }) as Subnet;
const withOption = (name: string, value: unknown): DhcpdConf => conf({ options: [{ name, value }] });
const oneHost = (host: Record<string, unknown>): DhcpdConf => conf({ subnets: [subnet({ hosts: [{ name: "vm1", ...host }] })] });
const refused = (f: () => unknown): string | undefined => refusedField(f);

test("an empty model is an empty file", () => {
  assert.is(generate(emptyDhcpdConf()), "");
});

test("the hosting flow's host inside its subnet", () => {
  const model = conf({
    options: [
      { name: "domain-name", value: "example.org" },
      { name: "domain-name-servers", value: ["192.0.2.1", "192.0.2.2"] },
    ],
    subnets: [
      subnet({
        network: "192.0.2.0",
        options: [{ name: "routers", value: ["192.0.2.1"] }],
        ranges: [{ low: "192.0.2.100", high: "192.0.2.199" }],
        hosts: [
          {
            name: "vm13",
            hardwareEthernet: "fe:e1:bb:d1:c8:0d",
            fixedAddress: ["192.0.2.13"],
            nextServer: "192.0.2.1",
            filename: "auto_install",
            options: [{ name: "host-name", value: { text: "vm13" } }],
          },
        ],
      }),
    ],
  });
  assert.is(
    generate(model),
    `option domain-name "example.org";
option domain-name-servers 192.0.2.1, 192.0.2.2;

subnet 192.0.2.0 netmask 255.255.255.0 {
\toption routers 192.0.2.1;
\trange 192.0.2.100 192.0.2.199;
\thost vm13 {
\t\thardware ethernet fe:e1:bb:d1:c8:0d;
\t\tfixed-address 192.0.2.13;
\t\tnext-server 192.0.2.1;
\t\tfilename "auto_install";
\t\toption host-name "vm13";
\t}
}
`,
  );
});

test("parameters: each kind in its dhcpd.conf(5) form", () => {
  const model = conf({
    defaultLeaseTime: 600,
    maxLeaseTime: 7200,
    dynamicBootpLeaseLength: 0,
    dynamicBootpLeaseCutoff: "5 2030/12/31 23:59:59 UTC",
    getLeaseHostnames: true,
    useHostDeclNames: false,
    alwaysReplyRfc1048: true,
    echoClientId: false,
    useLeaseAddrForDefaultRoute: true,
    authoritative: false,
    allow: ["unknown-clients", "bootp"],
    deny: ["booting", "dynamic-bootp"],
    nextServer: "tftp.example.org",
    serverIdentifier: "192.0.2.1",
    filename: "/pxeboot",
    serverName: "boot.example.org",
  });
  assert.is(
    generate(model),
    `default-lease-time 600;
max-lease-time 7200;
dynamic-bootp-lease-length 0;
dynamic-bootp-lease-cutoff 5 2030/12/31 23:59:59 UTC;
get-lease-hostnames true;
use-host-decl-names false;
always-reply-rfc1048 true;
echo-client-id false;
use-lease-addr-for-default-route true;
not authoritative;
allow unknown-clients;
allow bootp;
deny booting;
deny dynamic-bootp;
next-server tftp.example.org;
server-identifier 192.0.2.1;
filename "/pxeboot";
server-name "boot.example.org";
`,
  );
  assert.is(generate(conf({ authoritative: true })), "authoritative;\n");
  assert.is(generate(conf({ defaultLeaseTime: 4294967295 })), "default-lease-time 4294967295;\n");
});

test("options: the value form of each format (tables.c letters)", () => {
  const cases: Array<[string, unknown, string]> = [
    ["subnet-mask", "255.255.255.0", "option subnet-mask 255.255.255.0;"],
    ["routers", ["10.0.0.1", "10.0.0.2"], "option routers 10.0.0.1, 10.0.0.2;"],
    ["routers", ["gw.example.org"], "option routers gw.example.org;"],
    ["static-routes", [{ destination: "10.1.0.0", router: "10.0.0.1" }, { destination: "10.2.0.0", router: "10.0.0.2" }], "option static-routes 10.1.0.0 10.0.0.1, 10.2.0.0 10.0.0.2;"],
    ["policy-filter", [{ destination: "10.0.0.0", router: "255.0.0.0" }], "option policy-filter 10.0.0.0 255.0.0.0;"],
    ["classless-static-routes", [{ destination: "0/0", router: "10.0.0.1" }, { destination: "192.168.2/24", router: "10.0.0.2" }], "option classless-static-routes 0/0 10.0.0.1, 192.168.2/24 10.0.0.2;"],
    ["time-offset", -3600, "option time-offset -3600;"],
    ["dhcp-lease-time", 4294967295, "option dhcp-lease-time 4294967295;"],
    ["interface-mtu", 1500, "option interface-mtu 1500;"],
    ["default-ip-ttl", 64, "option default-ip-ttl 64;"],
    ["path-mtu-plateau-table", [576, 1500], "option path-mtu-plateau-table 576, 1500;"],
    ["dhcp-parameter-request-list", [1, 3, 6], "option dhcp-parameter-request-list 1, 3, 6;"],
    ["domain-name", "example.org", 'option domain-name "example.org";'],
    ["root-path", "a#b;c{d}", 'option root-path "a#b;c{d}";'],
    // OpenBSD's lexer reads `\\` as one backslash (research §8.1).
    ["root-path", "C:\\boot", 'option root-path "C:\\\\boot";'],
    ["ip-forwarding", false, "option ip-forwarding false;"],
    ["ip-forwarding", true, "option ip-forwarding true;"],
    ["dhcp-client-identifier", { hex: "01:fe:e1:bb:d1:c8:0d" }, "option dhcp-client-identifier 01:fe:e1:bb:d1:c8:0d;"],
    ["host-name", { text: "vm1" }, 'option host-name "vm1";'],
    ["domain-search", ["a.example", "b.example"], 'option domain-search "a.example", "b.example";'],
    ["option-108", { hex: "00:00:07:08" }, "option option-108 00:00:07:08;"],
    ["ipv6-only-preferred", { raw: "1800" }, "option ipv6-only-preferred 1800;"],
    ["agent.circuit-id", { raw: '"a;b", 1' }, 'option agent.circuit-id "a;b", 1;'],
  ];
  for (const [name, value, text] of cases) {
    assert.is(optionText({ name, value } as OptionSetting, "options[0]"), text, name);
    assert.is(generate(withOption(name, value)), `${text}\n`, name);
  }
});

test("ranges, subnet headers and the exported statement texts", () => {
  assert.is(rangeText({ low: "10.0.0.10", high: "10.0.0.20" }, "r"), "range 10.0.0.10 10.0.0.20;");
  assert.is(rangeText({ low: "10.0.0.10" }, "r"), "range 10.0.0.10;");
  assert.is(rangeText({ low: "10.0.0.10", high: "10.0.0.20", dynamicBootp: true }, "r"), "range dynamic-bootp 10.0.0.10 10.0.0.20;");
  assert.is(rangeText({ low: "10.0.0.10", dynamicBootp: false }, "r"), "range 10.0.0.10;");
  assert.is(subnetHeader(subnet(), "subnets[0]"), "subnet 10.0.0.0 netmask 255.255.255.0");
  assert.is(
    hostText({ name: "a.example", hardwareIpsecTunnel: "0a:0b:0c", fixedAddress: ["10.0.0.5", "10.0.0.6"] } as Host, "  ", "hosts[0]", "  "),
    "  host a.example {\n    hardware ipsec-tunnel 0a:0b:0c;\n    fixed-address 10.0.0.5, 10.0.0.6;\n  }\n",
  );
  assert.is(parameterLines({ maxLeaseTime: 60, options: [{ name: "routers", value: ["10.0.0.1"] }] }, "\t\t", "groups[0]"), "\t\tmax-lease-time 60;\n\t\toption routers 10.0.0.1;\n");
});

test("declarations: parameters first in every scope, then shared networks, subnets, groups, hosts, classes", () => {
  const host = { name: "h1", hardwareEthernet: "00:0c:29:ab:cd:ef" };
  const model = conf({
    hosts: [host],
    classes: [{ kind: "vendor-class", name: "PXEClient", filename: "pxeboot" }],
    groups: [{ sharedNetworks: [], subnets: [], groups: [], hosts: [{ name: "h2" }], useHostDeclNames: true }],
    subnets: [subnet({ network: "10.0.1.0" })],
    sharedNetworks: [
      {
        name: "office lan",
        maxLeaseTime: 60,
        subnets: [subnet({ ranges: [{ low: "10.0.0.5" }] })],
        groups: [],
        hosts: [{ name: "h3" }],
      },
    ],
    defaultLeaseTime: 100,
  });
  assert.is(
    generate(model),
    `default-lease-time 100;

shared-network "office lan" {
\tmax-lease-time 60;
\tsubnet 10.0.0.0 netmask 255.255.255.0 {
\t\trange 10.0.0.5;
\t}
\thost h3 {
\t}
}

subnet 10.0.1.0 netmask 255.255.255.0 {
}

group {
\tuse-host-decl-names true;
\thost h2 {
\t}
}

host h1 {
\thardware ethernet 00:0c:29:ab:cd:ef;
}

vendor-class "PXEClient" {
\tfilename "pxeboot";
}
`,
  );
});

test("a group inside a shared network or subnet writes its subnets before its shared networks (dhcpd counts them as parameters there)", () => {
  const inner = { name: "inner", subnets: [subnet({ network: "10.9.0.0" })], groups: [], hosts: [] };
  const group = { sharedNetworks: [inner], subnets: [subnet({ network: "10.8.0.0" })], groups: [], hosts: [] };
  const text = generate(conf({ subnets: [subnet({ groups: [group] })] }));
  assert.ok(text.indexOf("subnet 10.8.0.0") < text.indexOf('shared-network "inner"'), text);
  const top = generate(conf({ groups: [group] }));
  assert.ok(top.indexOf('shared-network "inner"') < top.indexOf("subnet 10.8.0.0"), top);
});

test("indent: blanks and tabs only, else refused as `indent`", () => {
  const model = conf({ subnets: [subnet({ hosts: [{ name: "a", filename: "f" }] })] });
  assert.is(generate(model, { indent: "  " }), 'subnet 10.0.0.0 netmask 255.255.255.0 {\n  host a {\n    filename "f";\n  }\n}\n');
  for (const bad of ["x", "\n", ";", 2]) assert.is(refused(() => generate(model, { indent: bad as string })), "indent", String(bad));
});

const EVIL = 'x;\n}\nhost evil { fixed-address 10.6.6.6; }\n#';

test("host names: dotted words dhcpd reads; anything else refused as subnets[0].hosts[i].name", () => {
  for (const ok of ["vm1", "vm1.example.org", "group.example", "0a-b_c", "1.2.3.4"]) {
    assert.match(generate(oneHost({ name: ok })), `host ${ok} {`);
  }
  for (const bad of [EVIL, "", "a b", "a;b", "a{", "a}", "a#b", '"a"', "-a", "_a", "a..b", "a.", ".a", "ä", "a\nb", 1, null, ["a"]]) {
    assert.is(refused(() => generate(oneHost({ name: bad }))), "subnets[0].hosts[0].name", JSON.stringify(bad));
  }
  const model = conf({ subnets: [subnet({ hosts: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d e" }] })] });
  const error = (() => {
    try {
      generate(model);
    } catch (e) {
      return e;
    }
  })();
  assert.instance(error, UnwritableValueError);
  assert.is((error as UnwritableValueError).field, "subnets[0].hosts[3].name");
  assert.match((error as UnwritableValueError).message, /^subnets\[0\]\.hosts\[3\]\.name: cannot write "d e"/);
});

test("quoted strings: no '\"', no control characters, no lone surrogates, at most 1498 bytes", () => {
  const field = "subnets[0].hosts[0].filename";
  for (const bad of ['a"b', 'a\\"b', "a\nb", "a\rb", "a\tb", "a\0b", "\ud800", "a\udc00b", "x".repeat(1499), "é".repeat(750), 5, true, { text: "a" }]) {
    assert.is(refused(() => generate(oneHost({ filename: bad }))), field, JSON.stringify(bad));
  }
  assert.match(generate(oneHost({ filename: "x".repeat(1498) })), `"${"x".repeat(1498)}"`);
  assert.match(generate(oneHost({ filename: "😀 ü" })), '"😀 ü"');
  assert.is(refused(() => generate(conf({ sharedNetworks: [{ name: "", subnets: [subnet()], groups: [], hosts: [] }] }))), "sharedNetworks[0].name");
  assert.is(refused(() => generate(conf({ classes: [{ kind: "vendor-class", name: 'a"b' }] }))), "classes[0].name");
  assert.is(refused(() => generate(conf({ classes: [{ kind: "class", name: "a" }] }))), "classes[0].kind");
});

test("addresses: dotted quads where dhcpd reads only numbers, quads or host names elsewhere", () => {
  for (const bad of ["10.0.0.256", "010.0.0.1", "10.0.0", "10.0.0.0.1", "::1", "10.0.0.x", "", 167772161]) {
    assert.is(refused(() => generate(conf({ subnets: [subnet({ network: bad })] }))), "subnets[0].network", String(bad));
    assert.is(refused(() => generate(conf({ subnets: [subnet({ ranges: [{ low: bad }] })] }))), "subnets[0].ranges[0].low", String(bad));
  }
  for (const bad of ["10.0.0.256", "10.0.0", "gw;", "a b", EVIL, 1]) {
    assert.is(refused(() => generate(oneHost({ fixedAddress: [bad] }))), "subnets[0].hosts[0].fixedAddress[0]", String(bad));
    assert.is(refused(() => generate(conf({ nextServer: bad }))), "nextServer", String(bad));
    assert.is(refused(() => generate(withOption("routers", ["10.0.0.1", bad]))), "options[0].value[1]", String(bad));
  }
  // Identifiers joined by '.' are a host name dhcpd resolves when it reads the file (research note 4.2).
  for (const name of ["gw.9", "0x10", "1host"]) assert.match(generate(conf({ nextServer: name })), `next-server ${name};`);
  assert.is(refused(() => generate(oneHost({ fixedAddress: [] }))), "subnets[0].hosts[0].fixedAddress");
  assert.is(refused(() => generate(withOption("routers", []))), "options[0].value");
  assert.is(refused(() => generate(withOption("static-routes", [{ destination: "10.0.0.0" }]))), "options[0].value[0].router");
  for (const bad of ["10.0.0.0", "10/33", "256/8", "1.2.3.4.5/8", "01/8", "/8"]) {
    assert.is(refused(() => generate(withOption("classless-static-routes", [{ destination: bad, router: "10.0.0.1" }]))), "options[0].value[0].destination", bad);
  }
});

test("integers: the range of the option's format, decimal", () => {
  const cases: Array<[string, number[], number[]]> = [
    ["default-ip-ttl", [0, 255], [256, -1]], // B
    ["interface-mtu", [0, 65535], [65536, -1]], // S
    ["time-offset", [-2147483648, 2147483647], [2147483648, -2147483649]], // l
    ["dhcp-lease-time", [0, 4294967295], [4294967296, -1]], // L
  ];
  for (const [name, good, bad] of cases) {
    for (const n of good) assert.is(generate(withOption(name, n)), `option ${name} ${n};\n`);
    for (const n of [...bad, 1.5, Number.NaN]) assert.is(refused(() => generate(withOption(name, n))), "options[0].value", `${name} ${n}`);
    assert.is(refused(() => generate(withOption(name, "64"))), "options[0].value");
  }
  assert.is(refused(() => generate(withOption("path-mtu-plateau-table", [576, 70000]))), "options[0].value[1]");
  assert.is(refused(() => generate(conf({ maxLeaseTime: 4294967296 }))), "maxLeaseTime");
  assert.is(refused(() => generate(conf({ defaultLeaseTime: -1 }))), "defaultLeaseTime");
});

test("option values of the wrong form are refused as options[i].value…", () => {
  assert.is(refused(() => generate(withOption("ip-forwarding", "true"))), "options[0].value");
  assert.is(refused(() => generate(withOption("routers", "10.0.0.1"))), "options[0].value");
  assert.is(refused(() => generate(withOption("domain-name", { text: "a" }))), "options[0].value");
  assert.is(refused(() => generate(withOption("routers", { raw: "10.0.0.1" }))), "options[0].value");
  assert.is(refused(() => generate(withOption("host-name", "vm1"))), "options[0].value");
  assert.is(refused(() => generate(withOption("host-name", { text: "a", hex: "01" }))), "options[0].value");
  for (const bad of ["1:2", "0A:0b", "01:", "01 02", "zz"]) {
    assert.is(refused(() => generate(withOption("dhcp-client-identifier", { hex: bad }))), "options[0].value.hex", bad);
  }
  for (const bad of ["", "a..b", `${"a".repeat(64)}.example`, "a b.example\n"]) {
    assert.is(refused(() => generate(withOption("domain-search", ["ok.example", bad]))), "options[0].value[1]", bad);
  }
  // Unknown options: a name dhcpd reads as words, a raw value that cannot end the statement.
  for (const bad of ["a b", "x;y", "", "dhcp.routers", "-x"]) {
    assert.is(refused(() => generate(withOption(bad, { raw: "1" }))), "options[0].name", bad);
  }
  for (const bad of ["1; } host evil {", "1 # c", '"unclosed', '"a\\" ; "', "a\nb", " 1", "{", "}", ".", ".x"]) {
    assert.is(refused(() => generate(withOption("ipv6-only-preferred", { raw: bad }))), "options[0].value.raw", bad);
  }
  // Outside a string a backslash is a token of its own: nothing to refuse.
  assert.is(generate(withOption("ipv6-only-preferred", { raw: '"a\\b" c\\' })), 'option ipv6-only-preferred "a\\b" c\\;\n');
  assert.is(refused(() => generate(withOption("ipv6-only-preferred", 1800))), "options[0].value");
  assert.is(refused(() => generate(conf({ options: [{ name: "routers" }] }))), "options[0].value");
  assert.is(refused(() => generate(conf({ options: [{ name: "routers", value: ["10.0.0.1"], extra: 1 }] }))), "options[0].extra");
});

test("hardware addresses, dates, allow keys, flags: their one written form", () => {
  for (const bad of ["FE:E1:BB:D1:C8:0D", "fe:e1:bb:d1:c8", "fe:e1:bb:d1:c8:0d:00", "0:c:29:ab:cd:ef", "fe-e1-bb-d1-c8-0d", EVIL]) {
    assert.is(refused(() => generate(oneHost({ hardwareEthernet: bad }))), "subnets[0].hosts[0].hardwareEthernet", bad);
  }
  assert.is(refused(() => generate(oneHost({ hardwareIpsecTunnel: Array(17).fill("00").join(":") }))), "subnets[0].hosts[0].hardwareIpsecTunnel");
  for (const bad of ["5 2030/12/31 23:59:59 GMT", "7 2030/12/31 23:59:59", "5 2030/1/31 23:59:59", "5 2030/13/31 23:59:59", "5 2030/12/31 23:59:59;", "never"]) {
    assert.is(refused(() => generate(conf({ dynamicBootpLeaseCutoff: bad }))), "dynamicBootpLeaseCutoff", bad);
  }
  assert.is(refused(() => generate(conf({ allow: ["bootp", "members"] }))), "allow[1]");
  assert.is(refused(() => generate(conf({ deny: "bootp" }))), "deny");
  // dhcpd keeps the last of repeated settings: a repeat would not read back as the model
  assert.is(refused(() => generate(conf({ deny: ["bootp", "booting", "bootp"] }))), "deny[2]");
  assert.is(generate(conf({ allow: ["bootp"], deny: ["bootp"] })), "allow bootp;\ndeny bootp;\n");
  const twice = [
    { name: "routers", value: ["10.0.0.1"] },
    { name: "domain-name", value: "a" },
    { name: "routers", value: ["10.0.0.2"] },
  ];
  assert.is(refused(() => generate(oneHost({ options: twice }))), "subnets[0].hosts[0].options[2].name");
  assert.is(refused(() => generate(conf({ authoritative: "yes" }))), "authoritative");
  assert.is(refused(() => generate(conf({ subnets: [subnet({ ranges: [{ low: "10.0.0.1", dynamicBootp: 1 }] })] }))), "subnets[0].ranges[0].dynamicBootp");
});

test("the model's shape: unknown fields and wrong types are refused with their path", () => {
  assert.is(refused(() => generate(conf({ colour: "blue" }))), "colour");
  assert.is(refused(() => generate(oneHost({ colour: "blue" }))), "subnets[0].hosts[0].colour");
  assert.is(refused(() => generate(oneHost({ ranges: [] }))), "subnets[0].hosts[0].ranges");
  assert.is(refused(() => generate(conf({ subnets: [subnet({ sharedNetworks: [] })] }))), "subnets[0].sharedNetworks");
  assert.is(refused(() => generate(conf({ subnets: [subnet({ hosts: undefined })] }))), "subnets[0].hosts");
  assert.is(refused(() => generate(conf({ subnets: [subnet({ hosts: [null] })] }))), "subnets[0].hosts[0]");
  assert.is(refused(() => generate(conf({ groups: [{ sharedNetworks: [], subnets: [], groups: [], hosts: [], ranges: [] }] }))), "groups[0].ranges");
  assert.is(refused(() => generate(null as unknown as DhcpdConf)), undefined);
  assert.throws(
    () => generate(null as unknown as DhcpdConf),
    (e: unknown) => e instanceof UnwritableValueError,
  );
  assert.is(refused(() => generate({ subnets: [] } as unknown as DhcpdConf)), "sharedNetworks");
});

test("checkModel skips the items of a known-good model and checks the rest", () => {
  const bad = { name: "x", colour: "blue" };
  const known = conf({ hosts: [bad] });
  // the same object at the same place: not looked at again
  checkModel({ ...known, hosts: [bad] }, known);
  // a new object is checked
  assert.is(refused(() => checkModel({ ...known, hosts: [{ ...bad }] }, known)), "hosts[0].colour");
  // nested: an unchanged subnet is skipped, a changed host inside a changed subnet is checked
  const s = subnet({ hosts: [{ name: "a" }] });
  const before = conf({ subnets: [s] });
  checkModel(conf({ subnets: [s] }), before);
  assert.is(refused(() => checkModel(conf({ subnets: [{ ...s, hosts: [{ name: "a", wat: 1 }] }] }), before)), "subnets[0].hosts[0].wat");
});

test.run();
