// parse(): statements and their models, and dhcpd's diagnostics on the
// lines dhcpd reports. Expected values come from dhcpd.conf(5), confpars.c /
// parse.c / conflex.c as summarised in research/dhcpdconf.md (sections 1-5, 8).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, update } from "../src/index.js";

const model = (text: string) => {
  const doc = parse(text);
  assert.equal(doc.diagnostics.filter((d) => d.severity === "error"), [], `unexpected errors in ${JSON.stringify(text)}`);
  return doc.model;
};
const errors = (text: string) =>
  parse(text, { fileName: "dhcpd.conf" })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.line}: ${d.message}`);
const base = { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] };
const sub = { ranges: [], groups: [], hosts: [] };

// ----- statements and models -----

test("empty file and comments only", () => {
  assert.equal(model(""), base);
  assert.equal(model("# nothing\n\n   # here\n"), base);
});

test("the stock OpenBSD sample (etc/dhcpd.conf)", () => {
  const text = `shared-network LOCAL-NET {
	option  domain-name "my.domain";
	option  domain-name-servers 192.168.1.3, 192.168.1.5;

	subnet 192.168.1.0 netmask 255.255.255.0 {
		option routers 192.168.1.1;

		range 192.168.1.32 192.168.1.127;
	}
}
`;
  assert.equal(model(text), {
    ...base,
    sharedNetworks: [
      {
        name: "LOCAL-NET",
        options: [
          { name: "domain-name", value: "my.domain" },
          { name: "domain-name-servers", value: ["192.168.1.3", "192.168.1.5"] },
        ],
        subnets: [
          {
            network: "192.168.1.0",
            netmask: "255.255.255.0",
            ...sub,
            options: [{ name: "routers", value: ["192.168.1.1"] }],
            ranges: [{ low: "192.168.1.32", high: "192.168.1.127" }],
          },
        ],
        groups: [],
        hosts: [],
      },
    ],
  });
});

test("a VM host entry: hardware ethernet normalized, fixed-address, filename, host-name", () => {
  const m = model(`subnet 10.0.0.0 netmask 255.255.255.0 {
  host vm13 {
    hardware ethernet 0:C:29:AB:cd:E;
    fixed-address 10.0.0.13;
    filename "auto_install";
    next-server 10.0.0.1;
    option host-name "vm13";
  }
}`);
  assert.equal(m.subnets[0]!.hosts, [
    {
      name: "vm13",
      hardwareEthernet: "00:0c:29:ab:cd:0e",
      fixedAddress: ["10.0.0.13"],
      filename: "auto_install",
      nextServer: "10.0.0.1",
      options: [{ name: "host-name", value: { text: "vm13" } }],
    },
  ]);
});

test("global parameters", () => {
  const m = model(`default-lease-time 600;
max-lease-time 7200;
dynamic-bootp-lease-length 300;
dynamic-bootp-lease-cutoff 5 2030/12/31 23:59:59 UTC;
get-lease-hostnames true;
use-host-decl-names on;
always-reply-rfc1048 OFF;
echo-client-id false;
use-lease-addr-for-default-route TRUE;
not authoritative;
allow unknown-clients;
deny bootp;
allow dynamic-bootp;
deny booting;
server-identifier 10.0.0.1;
server-name "boot.example";
filename "pxeboot";
next-server boot.example;
`);
  assert.equal(m, {
    ...base,
    defaultLeaseTime: 600,
    maxLeaseTime: 7200,
    dynamicBootpLeaseLength: 300,
    dynamicBootpLeaseCutoff: "5 2030/12/31 23:59:59 UTC",
    getLeaseHostnames: true,
    useHostDeclNames: true,
    alwaysReplyRfc1048: false,
    echoClientId: false,
    useLeaseAddrForDefaultRoute: true,
    authoritative: false,
    allow: ["unknown-clients", "dynamic-bootp"],
    deny: ["bootp", "booting"],
    serverIdentifier: "10.0.0.1",
    serverName: "boot.example",
    filename: "pxeboot",
    nextServer: "boot.example",
  });
});

test("lease times are decimal: 010 is 10 (section 8.2)", () => {
  assert.is(model("default-lease-time 010;").defaultLeaseTime, 10);
});

test("authoritative;", () => {
  assert.is(model("authoritative;").authoritative, true);
});

test("ranges: two addresses, one address, dynamic-bootp", () => {
  const m = model(`subnet 10.0.0.0 netmask 255.255.255.0 {
  range 10.0.0.10 10.0.0.20;
  range 10.0.0.30;
  range dynamic-bootp 10.0.0.40 10.0.0.50;
}`);
  assert.equal(m.subnets[0]!.ranges, [
    { low: "10.0.0.10", high: "10.0.0.20" },
    { low: "10.0.0.30" },
    { low: "10.0.0.40", high: "10.0.0.50", dynamicBootp: true },
  ]);
});

test("groups, hosts at the top level and in groups, dotted and keyword host names", () => {
  const m = model(`group {
  option routers 10.0.0.1;
  host a.example { fixed-address 10.0.0.2, 10.0.0.3; }
}
host group.example { hardware ethernet 00:00:00:00:00:01; }
`);
  assert.equal(m.groups, [
    {
      options: [{ name: "routers", value: ["10.0.0.1"] }],
      sharedNetworks: [],
      subnets: [],
      groups: [],
      hosts: [{ name: "a.example", fixedAddress: ["10.0.0.2", "10.0.0.3"] }],
    },
  ]);
  assert.equal(m.hosts, [{ name: "group.example", hardwareEthernet: "00:00:00:00:00:01" }]);
});

test("a quoted shared-network name and subnets in it", () => {
  const m = model(`shared-network "floor 2" {
  subnet 10.0.0.0 netmask 255.255.255.0 { }
  subnet 10.0.1.0 netmask 255.255.255.0 { }
}`);
  assert.is(m.sharedNetworks[0]!.name, "floor 2");
  assert.is(m.sharedNetworks[0]!.subnets.length, 2);
});

test("vendor-class and user-class declarations", () => {
  const m = model(`vendor-class "PXEClient" { filename "pxeboot"; }
user-class "lab" { }`);
  assert.equal(m.classes, [
    { kind: "vendor-class", name: "PXEClient", filename: "pxeboot" },
    { kind: "user-class", name: "lab" },
  ]);
});

test("upper-case keywords (Subnet ... NETMASK)", () => {
  assert.is(model("Subnet 10.0.0.0 NETMASK 255.0.0.0 { }").subnets[0]!.netmask, "255.0.0.0");
});

test("option values are typed by the option's format", () => {
  const m = model(`option subnet-mask 255.255.255.0;
option time-offset -3600;
option default-ip-ttl 64;
option interface-mtu 1500;
option path-mtu-plateau-table 576, 1500;
option ip-forwarding false;
option static-routes 10.1.0.0 10.0.0.1, 10.2.0.0 10.0.0.2;
option classless-static-routes 0/0 10.0.0.1, 192.168.2/24 10.0.0.2;
option domain-search "a.example", "b.example";
option dhcp-client-identifier 1:2:a:bb;
option vendor-encapsulated-options "abc";
option domain-name example;
option dhcp-parameter-request-list 1, 3, 6;
`);
  assert.equal(m.options, [
    { name: "subnet-mask", value: "255.255.255.0" },
    { name: "time-offset", value: -3600 },
    { name: "default-ip-ttl", value: 64 },
    { name: "interface-mtu", value: 1500 },
    { name: "path-mtu-plateau-table", value: [576, 1500] },
    { name: "ip-forwarding", value: false },
    {
      name: "static-routes",
      value: [
        { destination: "10.1.0.0", router: "10.0.0.1" },
        { destination: "10.2.0.0", router: "10.0.0.2" },
      ],
    },
    {
      name: "classless-static-routes",
      value: [
        { destination: "0/0", router: "10.0.0.1" },
        { destination: "192.168.2/24", router: "10.0.0.2" },
      ],
    },
    { name: "domain-search", value: ["a.example", "b.example"] },
    { name: "dhcp-client-identifier", value: { hex: "01:02:0a:bb" } },
    { name: "vendor-encapsulated-options", value: { text: "abc" } },
    { name: "domain-name", value: "example" },
    { name: "dhcp-parameter-request-list", value: [1, 3, 6] },
  ]);
});

test("option integers: a leading 0 is octal (convert_num base 0)", () => {
  assert.equal(model("option default-ip-ttl 010;").options, [{ name: "default-ip-ttl", value: 8 }]);
});

test("option-NNN for a code without a name is data", () => {
  assert.equal(model('option option-108 "x";').options, [{ name: "option-108", value: { text: "x" } }]);
});

test("option host-name with an all-hex atom is hex data (section 8.3)", () => {
  assert.equal(model("option host-name a;").options, [{ name: "host-name", value: { hex: "0a" } }]);
});

test("the dhcp. universe prefix", () => {
  assert.equal(model("option dhcp.routers 10.0.0.1;").options, [{ name: "routers", value: ["10.0.0.1"] }]);
});

test("a repeated option replaces the earlier one (section 8.2)", () => {
  assert.equal(model("option routers 10.0.0.1;\noption routers 10.0.0.2;").options, [{ name: "routers", value: ["10.0.0.2"] }]);
});

test("an unknown option is kept verbatim with a warning in dhcpd's words", () => {
  const doc = parse("option ipv6-only-preferred 1800;\noption Routers 10.0.0.1 , 10.0.0.2;\n");
  assert.equal(doc.model.options, [
    { name: "ipv6-only-preferred", value: { raw: "1800" } },
    { name: "Routers", value: { raw: "10.0.0.1 , 10.0.0.2" } },
  ]);
  assert.equal(
    doc.diagnostics.map((d) => [d.severity, d.code, d.line, d.message]),
    [
      ["warning", "NO_SUCH_OPTION", 1, "no option named ipv6-only-preferred"],
      ["warning", "NO_SUCH_OPTION", 2, "no option named Routers"],
    ],
  );
  assert.is(doc.diagnostics[1]!.hint, 'did you mean "routers"?');
});

test("hardware ipsec-tunnel takes any number of octets; an ethernet /etc/ethers name is kept", () => {
  const m = model("host a { hardware ipsec-tunnel 1:2:3; }\nhost b { hardware ethernet printer; }");
  assert.is(m.hosts[0]!.hardwareIpsecTunnel, "01:02:03");
  assert.is(m.hosts[1]!.hardwareEthernet, "printer");
});

test("hex data: a non-number after ':' is an error", () => {
  assert.equal(errors("option dhcp-client-identifier 1:x;"), ["1: expecting number."]);
});

test("bare timestamp is accepted and ignored", () => {
  assert.equal(model("timestamp\ndefault-lease-time 5;").defaultLeaseTime, 5);
});

// ----- syntax: statements and spans -----

test("statements carry offsets; declarations their braces and body", () => {
  const text = "host a {\n  fixed-address 10.0.0.1;\n}\n# end\n";
  const doc = parse(text);
  const [host] = doc.syntax.statements;
  assert.ok(host && host.kind === "host");
  if (host.kind !== "host") return;
  assert.equal([host.start, host.end, host.lineEnd], [0, text.indexOf("}") + 1, text.indexOf("}") + 2]);
  assert.is(text.slice(host.open.start, host.open.end), "{");
  assert.is(host.headerEnd, "host a".length);
  assert.is(text.slice(host.body[0]!.start, host.body[0]!.end), "fixed-address 10.0.0.1;");
  const at = doc.syntax.locations.get("hosts[0].fixedAddress")!;
  assert.equal([at.start, at.end], [host.body[0]!.start, host.body[0]!.end]);
});

// ----- diagnostics: dhcpd's texts, dhcpd's lines -----

test("a missing semicolon is reported on the line of the token read instead", () => {
  assert.equal(errors("default-lease-time 600\nmax-lease-time 7200;\n"), ["2: semicolon expected."]);
});

test("recovery skips to the next ';': the statement after a missing ';' is lost", () => {
  const doc = parse("default-lease-time 600\nmax-lease-time 7200;\nfilename \"x\";\n");
  assert.equal(doc.model.filename, "x");
  assert.is(doc.model.maxLeaseTime, undefined);
});

test("unknown statement", () => {
  const doc = parse("ddns-update-style none;\nfilename \"x\";\n");
  assert.equal(
    doc.diagnostics.map((d) => `${d.line}: ${d.message}`),
    ["1: expecting a parameter or declaration."],
  );
  assert.is(doc.diagnostics[0]!.syntax, true);
  assert.is(doc.diagnostics[0]!.code, "UNKNOWN_STATEMENT");
  assert.is(doc.model.filename, "x");
});

test("unknown statement after a declaration: expecting a declaration.", () => {
  assert.equal(errors("host a { }\npool { }\n"), ["2: expecting a declaration."]);
});

test("a hint names the closest statement keyword", () => {
  const doc = parse("fixed-adress 10.0.0.1;");
  assert.is(doc.diagnostics[0]!.hint, 'did you mean "fixed-address"?');
});

test("a recovery skips over a balanced { ... }", () => {
  const doc = parse('pool {\n  range 10.0.0.1 10.0.0.2;\n}\nfilename "x";\n');
  assert.equal(
    doc.diagnostics.map((d) => `${d.line}: ${d.message}`),
    ["1: expecting a parameter or declaration."],
  );
  assert.is(doc.model.filename, "x");
});

test("parameters not allowed after first declaration.", () => {
  const doc = parse("host a { }\ndefault-lease-time 600;\n");
  assert.equal(doc.diagnostics.map((d) => `${d.line}: ${d.message}`), ["2: parameters not allowed after first declaration."]);
  // The value is still applied.
  assert.is(doc.model.defaultLeaseTime, 600);
});

test("a range does not count as a declaration", () => {
  assert.equal(errors("subnet 10.0.0.0 netmask 255.0.0.0 {\n range 10.0.0.1;\n option routers 10.0.0.1;\n}"), []);
});

test("a subnet inside a shared-network counts as a parameter", () => {
  assert.equal(
    errors("shared-network n {\n host a { }\n subnet 10.0.0.0 netmask 255.0.0.0 { }\n}"),
    ["3: parameters not allowed after first declaration."],
  );
  assert.equal(errors("shared-network n {\n subnet 10.0.0.0 netmask 255.0.0.0 { }\n option routers 10.0.0.1;\n}"), []);
});

test("range outside a subnet, or in a group inside a subnet", () => {
  assert.equal(errors("range 10.0.0.1 10.0.0.2;"), ["1: range declaration not allowed here."]);
  assert.equal(
    errors("subnet 10.0.0.0 netmask 255.0.0.0 {\n group {\n  range 10.0.0.1 10.0.0.2;\n }\n}"),
    ["3: range declaration not allowed here."],
  );
});

test("host or group inside a host", () => {
  assert.equal(errors("host a {\n host b { }\n}"), ["2: host declarations not allowed here."]);
  assert.equal(errors("host a {\n group { }\n}"), ["2: host declarations not allowed here."]);
});

test("shared-network and subnet where they are not allowed", () => {
  assert.equal(
    errors("shared-network a {\n shared-network b { subnet 10.0.0.0 netmask 255.0.0.0 { } }\n subnet 10.0.0.0 netmask 255.0.0.0 { }\n}"),
    ["2: shared-network parameters not allowed here."],
  );
  assert.equal(
    errors("subnet 10.0.0.0 netmask 255.0.0.0 {\n subnet 10.1.0.0 netmask 255.255.0.0 { }\n}"),
    ["2: subnet declarations not allowed here."],
  );
});

test("hardware and fixed-address outside a host are parsed, then rejected", () => {
  const doc = parse("hardware ethernet 00:01:02:03:04:05;\nfixed-address 10.0.0.1;\n");
  assert.equal(
    doc.diagnostics.map((d) => `${d.line}: ${d.message}`),
    ["1: hardware address parameter not allowed here.", "2: fixed-address parameter not allowed here."],
  );
});

test("ethernet addresses need exactly six octets (section 8.2)", () => {
  assert.equal(errors("host a {\n hardware ethernet 00:01:02:03:04;\n}"), ["2: too few numbers."]);
  assert.equal(errors("host a {\n hardware ethernet 00:01:02:03:04:05:06;\n}"), ["2: expecting semicolon."]);
});

test("hardware type other than ethernet and ipsec-tunnel", () => {
  assert.equal(errors("host a {\n hardware token-ring 00:01;\n}"), ["2: expecting a network hardware type"]);
});

test("dotted quads: too few numbers, non-numbers, netmask keyword", () => {
  assert.equal(errors("subnet 10.0.0 netmask 255.255.255.0 { }"), ["1: too few numbers."]);
  assert.equal(errors("subnet 10.0.0.x netmask 255.255.255.0 { }"), ["1: expecting numeric value."]);
  assert.equal(errors("subnet 10.0.0.0 255.255.255.0 { }"), ["1: Expecting netmask"]);
});

test("a missing brace: expecting left brace.", () => {
  assert.equal(errors("group\nfilename \"x\";"), ["2: expecting left brace."]);
});

test("end of file inside a body: unexpected end of file", () => {
  const doc = parse("subnet 10.0.0.0 netmask 255.255.255.0 {\n  range 10.0.0.5;\n");
  assert.equal(doc.diagnostics.map((d) => `${d.line}: ${d.message}`), ["3: unexpected end of file"]);
  assert.is(doc.diagnostics[0]!.syntax, true);
  // What was read is kept.
  assert.equal(doc.model.subnets[0]!.ranges, [{ low: "10.0.0.5" }]);
});

test("quoted host names are rejected", () => {
  assert.equal(errors('host "a" { }'), ["1: expecting an identifier in hostname"]);
});

test("booleans, allow/deny keys, not", () => {
  assert.equal(errors("use-host-decl-names yes;"), ["1: boolean value (true/false/on/off) expected"]);
  assert.equal(errors("allow members;"), ["1: expecting allow/deny key"]);
  assert.equal(errors("not bootp;"), ["1: expecting assertion"]);
});

test("hints name the closest word dhcpd takes", () => {
  assert.is(parse("allow unknown-client;").diagnostics[0]!.hint, 'did you mean "unknown-clients"?');
  assert.is(parse("host a { hardware ethernt 00:01:02:03:04:05; }").diagnostics[0]!.hint, 'did you mean "ethernet"?');
  assert.is(parse("subnet 10.0.0.0 netmsk 255.0.0.0 { }").diagnostics[0]!.hint, 'did you mean "netmask"?');
});

test("filename and server-name must be strings", () => {
  assert.equal(errors("filename pxeboot;"), ["1: filename must be a string"]);
  assert.equal(errors("server-name boot;"), ["1: filename must be a string"]);
});

test("lease times through strtonum", () => {
  assert.equal(errors("default-lease-time abc;"), ["1: lease time is invalid: abc"]);
  assert.equal(errors("default-lease-time 4294967296;"), ["1: lease time is too large: 4294967296"]);
  assert.equal(errors("default-lease-time 4294967295;"), []);
});

test("option value errors", () => {
  assert.equal(errors("option host-name pc1;"), ["1: expecting string or hexadecimal data."]);
  assert.equal(errors("option default-ip-ttl 0x40;"), ["1: expecting number."]);
  assert.equal(errors("option ip-forwarding maybe;"), ["1: expecting boolean."]);
  assert.equal(errors("option domain-name-servers 10.0.0.1 10.0.0.2;"), ["1: semicolon expected."]);
  assert.equal(errors("option foo.routers 10.0.0.1;"), ["1: no vendor named foo."]);
  assert.equal(errors("option ;"), ["1: expecting identifier after option keyword."]);
});

test("a bogus digit in an option integer is only logged (section 8.2)", () => {
  const doc = parse("option default-ip-ttl ff;");
  assert.equal(doc.diagnostics.map((d) => [d.severity, d.message]), [["warning", "Bogus number: ff: digit 15 not in base 10"]]);
});

test("an escaped quote ends the string (section 8.1)", () => {
  assert.equal(errors('option domain-name "a\\"b";'), ["1: semicolon expected.", "1: eof in string constant"]);
});

test("timestamp; with a semicolon is an error (a lone ';' is no statement)", () => {
  assert.equal(errors("timestamp;"), ["1: expecting a parameter or declaration."]);
});

test("next-server without an address", () => {
  assert.equal(errors("next-server ;"), ["1: ; (59): expecting IP address or hostname"]);
});

test("the token number in the address message follows dhctoken.h (TOK_STRING 262, a character its code)", () => {
  assert.equal(errors('next-server "a";'), ['1: a (262): expecting IP address or hostname']);
  assert.equal(errors("next-server = x;"), ["1: = (61): expecting IP address or hostname"]);
});

test("one bad line does not hide the rest", () => {
  const doc = parse(`subnet 10.0.0.0 netmask 255.255.255.0 {
  host a { hardware ethernet 00:01; fixed-address 10.0.0.2; }
  host b { hardware ethernet 00:01:02:03:04:05; fixed-address 10.0.0.3; }
}`);
  assert.equal(doc.diagnostics.map((d) => `${d.line}: ${d.message}`), ["2: too few numbers."]);
  assert.equal(doc.model.subnets[0]!.hosts.map((h) => h.name), ["a", "b"]);
  assert.equal(doc.model.subnets[0]!.hosts[1]!.fixedAddress, ["10.0.0.3"]);
});

test("diagnostics name the file", () => {
  const doc = parse("bogus;", { fileName: "/etc/dhcpd.conf" });
  assert.is(doc.diagnostics[0]!.file, "/etc/dhcpd.conf");
});

test("binary input is refused with a diagnostic, not a throw", () => {
  const doc = parse("host a {\0}");
  assert.is(doc.diagnostics[0]!.code, "BINARY_INPUT");
});

test("UTF-8 bytes are accepted", () => {
  assert.is(parse(new TextEncoder().encode('filename "x";')).model.filename, "x");
});

test("declarations the model has no place for are warned about, not dropped silently", () => {
  const doc = parse('vendor-class "pxe" {\n\thost a {\n\t\tfixed-address 10.0.0.1;\n\t}\n}\ngroup {\n\tuser-class "u" {\n\t}\n}\n');
  assert.equal(
    doc.diagnostics.map((d) => [d.line, d.code]),
    [
      [2, "NOT_IN_MODEL"],
      [7, "NOT_IN_MODEL"],
    ],
  );
  const text = 'vendor-class "pxe" {\n\thost a {\n\t\tfixed-address 10.0.0.1;\n\t}\n}\n';
  assert.is(update(parse(text), (m) => void (m.defaultLeaseTime = 600)), 'default-lease-time 600;\n' + text);
});

test.run();
