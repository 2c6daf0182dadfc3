// update(): each case gives an input, a change and the whole text expected,
// written by hand from dhcpd.conf(5) syntax and the editing rules of
// DESIGN.md (only changed statements rewritten, indentation copied from the
// neighbours, comments attached to a removed block removed with it, new
// parameters before the scope's first declaration as dhcpd requires).
import { UnwritableValueError } from "@obsdconf/core";
import { propertyRuns } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, update, updateEdits, UpdateError, type DhcpdConf, type Host, type Parameters } from "../src/index.js";
import type { DhcpdConfDocument } from "../src/parse.js";
import type { Statement } from "../src/syntax.js";
import { openbsdConfArb } from "./arbitraries.js";

// parse is written at the same time as update: without it these tests are skipped, and counted.
let parse: ((input: string) => DhcpdConfDocument) | undefined;
let missing = "";
try {
  ({ parse } = await import("../src/parse.js"));
} catch (error) {
  missing = (error as Error).message.split("\n")[0]!;
}
const check = (name: string, fn: () => void): void => (parse ? test(name, fn) : test.skip(`${name} (parse unavailable: ${missing})`, fn));
const parsed = (text: string): DhcpdConfDocument => parse!(text);

const host = `# /etc/dhcpd.conf of vmhost1
option domain-name "example.net";
option domain-name-servers 10.0.0.1, 10.0.0.2;
default-lease-time 86400;

subnet 10.0.0.0 netmask 255.255.255.0 {
	option routers 10.0.0.1;
	range 10.0.0.100 10.0.0.200;

	# vm1: alice
	host vm1 {
		hardware ethernet fe:e1:bb:00:00:01;
		fixed-address 10.0.0.11;
		filename "auto_install";
		option host-name "vm1";
		next-server 10.0.0.1;
	}

	host vm2 {
		hardware ethernet fe:e1:bb:00:00:02;
		fixed-address 10.0.0.12;
		filename "auto_install";
		option host-name "vm2";
		next-server 10.0.0.1;
	}
}

subnet 192.168.5.0 netmask 255.255.255.0 {
	range 192.168.5.10 192.168.5.99;
}
`;

const network = `shared-network "campus" {
    option domain-name "campus.example";
    subnet 10.1.0.0 netmask 255.255.255.0 {
        range 10.1.0.10 10.1.0.20;
    }
    host printer {
        hardware ethernet 00:0c:29:ab:cd:ef;
        fixed-address 10.1.0.5;
    }
}
group {
    use-host-decl-names on;
    host a.example {
        fixed-address 10.1.0.6;
    }
}
`;

interface Case {
  name: string;
  input?: string;
  change: (m: DhcpdConf) => DhcpdConf | void;
  expected: string;
}

const vm3 = `	host vm3 {
		hardware ethernet fe:e1:bb:00:00:03;
		fixed-address 10.0.0.13;
		next-server 10.0.0.1;
		filename "auto_install";
		option host-name "vm3";
	}
`;

const cases: Case[] = [
  {
    name: "change one host's fixed-address: one line",
    change: (m) => {
      m.subnets[0]!.hosts[1]!.fixedAddress = ["10.0.0.42"];
    },
    expected: host.replace("fixed-address 10.0.0.12;", "fixed-address 10.0.0.42;"),
  },
  {
    name: "hosting flow: a new host goes after the subnet's last host, indented and spaced like its neighbours",
    change: (m) => {
      m.subnets[0]!.hosts.push({
        name: "vm3",
        hardwareEthernet: "fe:e1:bb:00:00:03",
        fixedAddress: ["10.0.0.13"],
        filename: "auto_install",
        nextServer: "10.0.0.1",
        options: [{ name: "host-name", value: { text: "vm3" } }],
      });
    },
    expected: host.replace("\t}\n}\n\nsubnet 192", `\t}\n\n${vm3}}\n\nsubnet 192`),
  },
  {
    name: "remove a host together with its comment and one blank line",
    change: (m) => {
      m.subnets[0]!.hosts.shift();
    },
    expected: host.replace(/\t# vm1: alice\n[\s\S]*?\t\}\n\n/, ""),
  },
  {
    name: "remove the last host of a subnet",
    change: (m) => {
      m.subnets[0]!.hosts.pop();
    },
    expected: host.replace(/\n\thost vm2 \{[^}]*\}\n/, ""),
  },
  {
    name: "a first host in a subnet without hosts goes before its closing brace",
    change: (m) => {
      m.subnets[1]!.hosts.push({ name: "db", hardwareEthernet: "fe:e1:bb:00:05:01", fixedAddress: ["192.168.5.200"] });
    },
    expected: host.replace(
      "\trange 192.168.5.10 192.168.5.99;\n}",
      "\trange 192.168.5.10 192.168.5.99;\n\thost db {\n\t\thardware ethernet fe:e1:bb:00:05:01;\n\t\tfixed-address 192.168.5.200;\n\t}\n}",
    ),
  },
  {
    name: "change the hardware address and drop the filename of a host",
    change: (m) => {
      const h = m.subnets[0]!.hosts[0]!;
      h.hardwareEthernet = "fe:e1:bb:00:00:99";
      delete h.filename;
    },
    expected: host.replace("hardware ethernet fe:e1:bb:00:00:01;", "hardware ethernet fe:e1:bb:00:00:99;").replace('\t\tfilename "auto_install";\n', ""),
  },
  {
    name: "a host's new parameter goes after its last statement",
    change: (m) => {
      m.subnets[0]!.hosts[1]!.maxLeaseTime = 3600;
    },
    expected: host.replace('option host-name "vm2";\n\t\tnext-server 10.0.0.1;\n', 'option host-name "vm2";\n\t\tnext-server 10.0.0.1;\n\t\tmax-lease-time 3600;\n'),
  },
  {
    name: "rename a host: only its header changes",
    change: (m) => {
      m.subnets[0]!.hosts[1]!.name = "vm2.example.net";
    },
    expected: host.replace("host vm2 {", "host vm2.example.net {"),
  },
  {
    name: "change an option's value in place",
    change: (m) => {
      m.options![1]!.value = ["10.0.0.53"];
    },
    expected: host.replace("option domain-name-servers 10.0.0.1, 10.0.0.2;", "option domain-name-servers 10.0.0.53;"),
  },
  {
    name: "remove a top-level option",
    change: (m) => {
      m.options!.shift();
    },
    expected: host.replace('option domain-name "example.net";\n', ""),
  },
  {
    name: "a new top-level parameter goes after the last one, before the first declaration",
    change: (m) => {
      m.maxLeaseTime = 172800;
    },
    expected: host.replace("default-lease-time 86400;\n", "default-lease-time 86400;\nmax-lease-time 172800;\n"),
  },
  {
    name: "change a lease time in place",
    change: (m) => {
      m.defaultLeaseTime = 600;
    },
    expected: host.replace("default-lease-time 86400;", "default-lease-time 600;"),
  },
  {
    name: "a new subnet parameter goes after its ranges, before its hosts",
    change: (m) => {
      m.subnets[0]!.authoritative = false;
    },
    expected: host.replace("\trange 10.0.0.100 10.0.0.200;\n", "\trange 10.0.0.100 10.0.0.200;\n\tnot authoritative;\n"),
  },
  {
    name: "add a range after the existing one",
    change: (m) => {
      m.subnets[1]!.ranges.push({ low: "192.168.5.150", high: "192.168.5.160", dynamicBootp: true });
    },
    expected: host.replace("\trange 192.168.5.10 192.168.5.99;\n", "\trange 192.168.5.10 192.168.5.99;\n\trange dynamic-bootp 192.168.5.150 192.168.5.160;\n"),
  },
  {
    name: "change a range",
    change: (m) => {
      m.subnets[0]!.ranges[0]!.high = "10.0.0.150";
    },
    expected: host.replace("range 10.0.0.100 10.0.0.200;", "range 10.0.0.100 10.0.0.150;"),
  },
  {
    name: "remove the last subnet and the blank line before it",
    change: (m) => {
      m.subnets.pop();
    },
    expected: host.replace(/\nsubnet 192[^}]*\}\n$/, ""),
  },
  {
    name: "add a subnet after the last one, a blank line between blocks",
    change: (m) => {
      m.subnets.push({ network: "172.16.0.0", netmask: "255.255.0.0", options: [{ name: "routers", value: ["172.16.0.1"] }], ranges: [], groups: [], hosts: [] });
    },
    expected: `${host}\nsubnet 172.16.0.0 netmask 255.255.0.0 {\n\toption routers 172.16.0.1;\n}\n`,
  },
  {
    name: "change a subnet's netmask: only its header changes",
    change: (m) => {
      m.subnets[1]!.netmask = "255.255.255.128";
    },
    expected: host.replace("subnet 192.168.5.0 netmask 255.255.255.0 {", "subnet 192.168.5.0 netmask 255.255.255.128 {"),
  },
  {
    name: "a change may return a new model",
    change: (m) => ({ ...m, subnets: m.subnets.slice(0, 1) }),
    expected: host.replace(/\nsubnet 192[^}]*\}\n$/, ""),
  },
  {
    name: "four-space file: a new subnet in a shared network goes after its subnets, before its hosts",
    input: network,
    change: (m) => {
      m.sharedNetworks[0]!.subnets.push({ network: "10.1.1.0", netmask: "255.255.255.0", ranges: [{ low: "10.1.1.10", high: "10.1.1.20" }], groups: [], hosts: [] });
    },
    expected: network.replace(
      "        range 10.1.0.10 10.1.0.20;\n    }\n",
      "        range 10.1.0.10 10.1.0.20;\n    }\n    subnet 10.1.1.0 netmask 255.255.255.0 {\n        range 10.1.1.10 10.1.1.20;\n    }\n",
    ),
  },
  {
    name: "a host in a top-level group: flag changed in the group, address in the host",
    input: network,
    change: (m) => {
      m.groups[0]!.useHostDeclNames = false;
      m.groups[0]!.hosts[0]!.fixedAddress = ["10.1.0.7", "10.1.0.8"];
    },
    expected: network.replace("use-host-decl-names on;", "use-host-decl-names false;").replace("fixed-address 10.1.0.6;", "fixed-address 10.1.0.7, 10.1.0.8;"),
  },
  {
    name: "add a host to a shared network after its host",
    input: network,
    change: (m) => {
      m.sharedNetworks[0]!.hosts.push({ name: "scanner", fixedAddress: ["10.1.0.9"] });
    },
    expected: network.replace(
      "        fixed-address 10.1.0.5;\n    }\n",
      "        fixed-address 10.1.0.5;\n    }\n    host scanner {\n        fixed-address 10.1.0.9;\n    }\n",
    ),
  },
  {
    name: "remove a group",
    input: network,
    change: (m) => {
      m.groups = [];
    },
    expected: network.replace(/group \{[\s\S]*$/, ""),
  },
  {
    name: "remove a shared network: the next block moves up",
    input: network,
    change: (m) => {
      m.sharedNetworks = [];
    },
    expected: network.replace(/^shared-network[\s\S]*?\n\}\n/, ""),
  },
  {
    name: "add a shared network after the existing one, with the file's four-space indentation",
    input: network,
    change: (m) => {
      m.sharedNetworks.push({
        name: "lab",
        subnets: [{ network: "10.2.0.0", netmask: "255.255.255.0", ranges: [], groups: [], hosts: [] }],
        groups: [],
        hosts: [],
      });
    },
    expected: network.replace(
      "        fixed-address 10.1.0.5;\n    }\n}\n",
      '        fixed-address 10.1.0.5;\n    }\n}\nshared-network "lab" {\n    subnet 10.2.0.0 netmask 255.255.255.0 {\n    }\n}\n',
    ),
  },
  {
    name: "a group with a host goes into a subnet after its hosts",
    change: (m) => {
      m.subnets[1]!.groups.push({ filename: "pxeboot", sharedNetworks: [], subnets: [], groups: [], hosts: [{ name: "pxe1", fixedAddress: ["192.168.5.101"] }] });
    },
    expected: host.replace(
      "\trange 192.168.5.10 192.168.5.99;\n}",
      '\trange 192.168.5.10 192.168.5.99;\n\tgroup {\n\t\tfilename "pxeboot";\n\t\thost pxe1 {\n\t\t\tfixed-address 192.168.5.101;\n\t\t}\n\t}\n}',
    ),
  },
  {
    name: "a one-line host: the changed statement is rewritten in its place",
    input: "# keep\nhost a { fixed-address 10.0.0.5; } # same line\n# keep too\n",
    change: (m) => {
      m.hosts[0]!.fixedAddress = ["10.0.0.6"];
    },
    expected: "# keep\nhost a { fixed-address 10.0.0.6; } # same line\n# keep too\n",
  },
  {
    name: "a one-line host: a new statement goes on a line of its own before the brace",
    input: "host a { fixed-address 10.0.0.5; }\n",
    change: (m) => {
      m.hosts[0]!.filename = "auto_install";
    },
    expected: 'host a { fixed-address 10.0.0.5;\n\tfilename "auto_install";\n }\n',
  },
  {
    name: "a host after another on the same line: the new host goes between them",
    input: "host a { fixed-address 10.0.0.5; } host c { fixed-address 10.0.0.7; }\n",
    change: (m) => {
      m.hosts.splice(1, 0, { name: "b", fixedAddress: ["10.0.0.6"] });
    },
    expected: "host a { fixed-address 10.0.0.5; }\nhost b {\n\tfixed-address 10.0.0.6;\n}\n host c { fixed-address 10.0.0.7; }\n",
  },
  {
    name: "a parameter sharing its line with a declaration: the new one goes between them",
    input: "default-lease-time 600; subnet 10.0.0.0 netmask 255.255.255.0 { }\n",
    change: (m) => {
      m.maxLeaseTime = 7200;
    },
    expected: "default-lease-time 600;\nmax-lease-time 7200;\n subnet 10.0.0.0 netmask 255.255.255.0 { }\n",
  },
  {
    name: "two statements on one line: removing one keeps the other",
    input: "default-lease-time 600; max-lease-time 7200;\n",
    change: (m) => {
      delete m.defaultLeaseTime;
    },
    expected: "max-lease-time 7200;\n",
  },
  {
    name: "a repeated parameter: dhcpd reads the last, so that one changes and the other goes",
    input: "default-lease-time 600;\ndefault-lease-time 700;\n",
    change: (m) => {
      m.defaultLeaseTime = 800;
    },
    expected: "default-lease-time 800;\n",
  },
  {
    name: "a repeated option: dhcpd keeps the last, so that one changes and the earlier one goes",
    input: "option routers 10.0.0.1;\n# the real one\noption routers 10.0.0.2;\noption domain-name \"x\";\n",
    change: (m) => {
      m.options![0]!.value = ["10.0.0.3"];
    },
    expected: "# the real one\noption routers 10.0.0.3;\noption domain-name \"x\";\n",
  },
  {
    name: "removing a repeated option removes every statement of it",
    input: "option routers 10.0.0.1;\noption domain-name \"x\";\noption routers 10.0.0.2;\n",
    change: (m) => {
      m.options = m.options!.filter((o) => o.name !== "routers");
    },
    expected: 'option domain-name "x";\n',
  },
  {
    name: "file without final newline gets one before the new block",
    input: "host a {\n\tfixed-address 10.0.0.5;\n}",
    change: (m) => {
      m.hosts.push({ name: "b", fixedAddress: ["10.0.0.6"] });
    },
    expected: "host a {\n\tfixed-address 10.0.0.5;\n}\n\nhost b {\n\tfixed-address 10.0.0.6;\n}\n",
  },
  {
    name: "a file of comments only gets the new model after them",
    input: "# nothing yet\n",
    change: (m) => {
      m.authoritative = true;
      m.subnets.push({ network: "10.9.0.0", netmask: "255.255.0.0", ranges: [], groups: [], hosts: [] });
    },
    expected: "# nothing yet\nauthoritative;\n\nsubnet 10.9.0.0 netmask 255.255.0.0 {\n}\n",
  },
  {
    // Groups have no name; a group that lost its subnet must not be taken for its empty neighbour.
    name: "a group that loses a subnet keeps the rest of its text; the group after it is untouched",
    input: "group {\n\tsubnet 10.0.0.0 netmask 255.255.0.0 {\n\t}\n\tgroup {\n\t\thost vm0 {\n\t\t# note\n\t\t}\n\t}\n}\n\ngroup {\n\tgroup {\n\t} }\n",
    change: (m) => {
      m.groups[0]!.subnets = [];
      m.groups.push({ sharedNetworks: [], subnets: [], groups: [], hosts: [{ name: "vm1", fixedAddress: ["198.51.100.2"] }] });
    },
    expected:
      "group {\n\tgroup {\n\t\thost vm0 {\n\t\t# note\n\t\t}\n\t}\n}\n\ngroup {\n\tgroup {\n\t} }\n\ngroup {\n\thost vm1 {\n\t\tfixed-address 198.51.100.2;\n\t}\n}\n",
  },
  {
    name: "removing one group while its neighbour loses a subnet: the neighbour is known by the host it still holds",
    input: "group {\n\thost vm0 {\n\t}\n}\n\ngroup {\n\tsubnet 10.0.0.0 netmask 255.255.0.0 {\n\t}\n\t# the second host\n\thost vm1 {\n\t}\n}\n",
    change: (m) => {
      m.groups[1]!.subnets = [];
      m.groups.splice(0, 1);
    },
    expected: "group {\n\t# the second host\n\thost vm1 {\n\t}\n}\n",
  },
  {
    name: "allow and deny keys are a list",
    input: "allow bootp;\ndeny booting;\n",
    change: (m) => {
      m.allow = ["bootp", "dynamic-bootp"];
      m.deny = [];
    },
    expected: "allow bootp;\nallow dynamic-bootp;\n",
  },
];

for (const c of cases) {
  check(c.name, () => {
    const doc = parsed(c.input ?? host);
    assert.equal(doc.diagnostics.filter((d) => d.severity === "error"), [], "the input is clean");
    const output = update(doc, c.change);
    assert.fixture(output, c.expected);
    assert.equal(parsed(output).diagnostics.filter((d) => d.severity === "error"), []);
  });
}

check("an empty update returns the input unchanged", () => {
  for (const text of [host, network]) assert.is(update(parsed(text), () => {}), text);
});

check("the document itself is not modified by update", () => {
  const doc = parsed(host);
  const before = JSON.stringify(doc.model);
  update(doc, (m) => {
    m.subnets[0]!.hosts[0]!.fixedAddress = ["10.0.0.99"];
    m.subnets.pop();
  });
  assert.is(JSON.stringify(doc.model), before);
});

check("a file with syntax errors is refused, naming the line", () => {
  const doc = parsed("subnet 10.0.0.0 netmask 255.255.255.0 {\n\trange 10.0.0.1 10.0.0.9\n}\n");
  assert.ok(doc.diagnostics.some((d) => d.syntax === true), "the input has a syntax error");
  assert.throws(
    () => update(doc, () => {}),
    (e: unknown) => e instanceof UpdateError && /line [23]/.test((e as Error).message),
  );
});

check("an unwritable value names its field", () => {
  const doc = parsed(host);
  let error: unknown;
  try {
    update(doc, (m) => {
      m.subnets[0]!.hosts[1]!.filename = 'a"b';
    });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof UnwritableValueError);
  assert.is((error as UnwritableValueError).field, "subnets[0].hosts[1].filename");
});

check("a host name that would open a block is refused, naming the field", () => {
  const doc = parsed(host);
  let error: unknown;
  try {
    update(doc, (m) => {
      m.subnets[0]!.hosts.push({ name: "x { }", fixedAddress: ["10.0.0.99"] });
    });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof UnwritableValueError);
  assert.is((error as UnwritableValueError).field, "subnets[0].hosts[2].name");
});

// ----- edit locality, on arbitrary models -----

/** A text of the model with comments, blank lines, trailing comments, statements sharing lines and (sometimes) four-space indentation. */
function decoratedText(model: DhcpdConf, seed: number): string {
  let x = seed >>> 0 || 1;
  const next = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const spaces = next(2) === 0;
  const out: string[] = [];
  let join = false;
  for (const line of generate(model).split("\n")) {
    const lead = /^\t*/.exec(line)![0];
    const indent = spaces ? "    ".repeat(lead.length) : lead;
    const body = line.slice(lead.length);
    if (join && body !== "") {
      // Joined to the line before: statements sharing a line.
      out[out.length - 1] += ` ${body}`;
      join = next(3) === 0;
      continue;
    }
    if (body !== "" && next(4) === 0) out.push(`${indent}# note ${next(1000)}`);
    if (body !== "" && next(6) === 0) out.push("");
    const tail = body.endsWith(";") && next(5) === 0;
    out.push(body === "" ? "" : indent + body + (tail ? " # tail" : ""));
    join = body !== "" && !tail && next(8) === 0;
  }
  return out.join("\n");
}

/** Every scope of a model with its path, the file first, then depth first in model order. */
function scopes(m: DhcpdConf): Array<{ scope: Record<string, unknown>; path: string }> {
  const out: Array<{ scope: Record<string, unknown>; path: string }> = [];
  const visit = (scope: Record<string, unknown>, path: string): void => {
    out.push({ scope, path });
    for (const list of ["sharedNetworks", "subnets", "groups", "hosts", "classes"]) {
      const items = scope[list];
      if (Array.isArray(items)) items.forEach((item, i) => visit(item as Record<string, unknown>, `${path}${path ? "." : ""}${list}[${i}]`));
    }
  };
  visit(m as unknown as Record<string, unknown>, "");
  return out;
}

const hostsOf = (m: DhcpdConf): Host[] => scopes(m).flatMap(({ scope }) => (Array.isArray(scope.hosts) ? (scope.hosts as Host[]) : []));
const holders = (m: DhcpdConf, list: string): Array<Record<string, unknown>> =>
  scopes(m)
    .map(({ scope }) => scope)
    .filter((s) => Array.isArray(s[list]));

/** One change to a model, chosen by numbers so the same op applies the same way to a copy. */
type Op = { op: number; pick: number; value: number };

function apply(m: DhcpdConf, { op, pick, value }: Op): void {
  const hosts = hostsOf(m);
  const host = hosts.length ? hosts[pick % hosts.length] : undefined;
  const all = scopes(m).filter(({ scope }) => !("low" in scope));
  const scope = all[pick % all.length]!.scope as Parameters & Record<string, unknown>;
  const address = `198.51.100.${(value % 250) + 1}`;
  switch (op) {
    case 0:
      if (host) host.fixedAddress = [address];
      break;
    case 1: {
      const parents = holders(m, "hosts").filter((s) => (s.hosts as Host[]).length > 0);
      const parent = parents[pick % Math.max(parents.length, 1)];
      if (parent) (parent.hosts as Host[]).splice(value % (parent.hosts as Host[]).length, 1);
      break;
    }
    case 2: {
      const parents = holders(m, "hosts");
      const parent = parents[pick % parents.length]!;
      const mac = `fe:e1:bb:00:${((value >> 8) & 255).toString(16).padStart(2, "0")}:${(value & 255).toString(16).padStart(2, "0")}`;
      const added: Host = { name: `added${value}`, hardwareEthernet: mac, fixedAddress: [address], filename: "auto_install", nextServer: "10.0.0.1" };
      added.options = [{ name: "host-name", value: { text: `added${value}` } }];
      (parent.hosts as Host[]).push(added);
      break;
    }
    case 3:
      if (value % 3 === 0) delete scope.defaultLeaseTime;
      else scope.defaultLeaseTime = value;
      break;
    case 4: {
      const options = (scope.options ??= []);
      const root = options.find((o) => o.name === "root-path");
      if (root) root.value = `/export/root${value}`;
      else options.push({ name: "root-path", value: `/export/root${value}` });
      break;
    }
    case 5:
      if (scope.options?.length) {
        scope.options.splice(value % scope.options.length, 1);
        if (scope.options.length === 0) delete scope.options;
      }
      break;
    case 6:
      if (host && value % 2) delete host.filename;
      else if (host) host.filename = `boot/file${value}`;
      break;
    case 7: {
      // A shared network keeps at least one subnet (dhcpd drops an empty one).
      const parents = holders(m, "subnets").filter((s) => (s.subnets as unknown[]).length > ("name" in s && !("network" in s) ? 1 : 0));
      const parent = parents[pick % Math.max(parents.length, 1)];
      if (parent) (parent.subnets as unknown[]).splice(value % (parent.subnets as unknown[]).length, 1);
      break;
    }
    case 8:
      if (!m.subnets.some((s) => s.network === `198.18.${value % 256}.0`)) {
        m.subnets.push({ network: `198.18.${value % 256}.0`, netmask: "255.255.255.0", ranges: [], groups: [], hosts: [] });
      }
      break;
    case 9: {
      const subnets = holders(m, "ranges").filter((s) => (s.ranges as unknown[]).length > 0);
      const subnet = subnets[pick % Math.max(subnets.length, 1)];
      if (subnet) (subnet.ranges as unknown[]).splice(value % (subnet.ranges as unknown[]).length, 1);
      break;
    }
    case 10: {
      const parents = holders(m, "groups").filter((s) => (s.groups as unknown[]).length > 0);
      const parent = parents[pick % Math.max(parents.length, 1)];
      if (parent) (parent.groups as unknown[]).splice(value % (parent.groups as unknown[]).length, 1);
      break;
    }
    case 11:
      if (host) host.name = `renamed${value}.example`;
      break;
    case 12:
      m.groups.push({ sharedNetworks: [], subnets: [], groups: [], hosts: [{ name: `grouped${value}`, fixedAddress: [address] }] });
      break;
    case 13: {
      const subnets = holders(m, "ranges");
      const subnet = subnets[pick % Math.max(subnets.length, 1)];
      if (subnet) (subnet.ranges as unknown[]).push({ low: `${String(subnet.network).replace(/\.\d+$/, "")}.${(value % 200) + 1}` });
      break;
    }
    case 14:
      if (value % 2) scope.allow = [...new Set([...(scope.allow ?? []), "bootp" as const])];
      else delete scope.deny;
      break;
    case 15: {
      const networks = m.sharedNetworks;
      const net = networks[pick % Math.max(networks.length, 1)];
      if (net && !net.subnets.some((s) => s.network === `198.19.${value % 256}.0`)) {
        net.subnets.push({ network: `198.19.${value % 256}.0`, netmask: "255.255.255.0", ranges: [], groups: [], hosts: [] });
      }
      break;
    }
    default:
      if (host) host.hardwareEthernet = `fe:e1:bb:01:00:${(value & 255).toString(16).padStart(2, "0")}`;
  }
}

const opArb: fc.Arbitrary<Op> = fc.record({ op: fc.integer({ min: 0, max: 16 }), pick: fc.nat(), value: fc.integer({ min: 1, max: 5000 }) });

/** Host blocks by name (names that occur once), with their text from `host` to `}`. */
function hostBlocks(doc: DhcpdConfDocument): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (list: readonly Statement[]): void => {
    for (const s of list) {
      if (!("body" in s)) continue;
      if (s.kind === "host") {
        if (seen.has(s.name)) out.delete(s.name);
        else out.set(s.name, doc.text.slice(s.start, s.end));
        seen.add(s.name);
      }
      visit(s.body);
    }
  };
  visit(doc.syntax.statements);
  return out;
}

check("edit locality: unchanged hosts keep their bytes, and the result parses to the changed model", () => {
  fc.assert(
    fc.property(openbsdConfArb(), fc.nat(), fc.array(opArb, { minLength: 1, maxLength: 4 }), (model, seed, ops) => {
      const before = decoratedText(model, seed);
      const doc = parsed(before);
      fc.pre(!doc.diagnostics.some((d) => d.syntax === true));
      const expected = structuredClone(doc.model);
      for (const op of ops) apply(expected, op);
      const after = update(doc, (m) => {
        for (const op of ops) apply(m, op);
      });
      const reparsed = parsed(after);
      assert.equal(reparsed.diagnostics.filter((d) => d.syntax === true), [], after);
      assert.equal(reparsed.model, expected);
      // New parameters go before the scope's declarations, as dhcpd requires.
      const late = (d: DhcpdConfDocument): number => d.diagnostics.filter((x) => x.code === "PARAMETER_AFTER_DECLARATION").length;
      if (late(doc) === 0) assert.is(late(reparsed), 0, after);
      // A host whose model is unchanged keeps its exact bytes, wherever it is.
      const oldHosts = new Map(hostsOf(doc.model).map((h) => [h.name, h]));
      const oldBlocks = hostBlocks(doc);
      const newBlocks = hostBlocks(reparsed);
      for (const h of hostsOf(expected)) {
        const old = oldHosts.get(h.name);
        if (!old || JSON.stringify(old) !== JSON.stringify(h) || !oldBlocks.has(h.name)) continue;
        assert.is(newBlocks.get(h.name), oldBlocks.get(h.name), `host ${h.name} kept`);
      }
      // Every edit lies inside a declaration or a parameter whose part of the model changed:
      // here, at least, no edit touches the text of an unchanged host.
      const edits = updateEdits(doc, expected);
      const unchanged: Array<[number, number]> = [];
      const visit = (list: readonly Statement[]): void => {
        for (const s of list) {
          if (!("body" in s)) continue;
          if (s.kind === "host") {
            const now = hostsOf(expected).filter((h) => h.name === s.name);
            const then = oldHosts.get(s.name);
            if (now.length === 1 && then && JSON.stringify(now[0]) === JSON.stringify(then)) unchanged.push([s.start, s.end]);
          }
          visit(s.body);
        }
      };
      visit(doc.syntax.statements);
      for (const e of edits) {
        for (const [start, end] of unchanged) {
          const inside = e.length === 0 ? e.offset > start && e.offset < end : e.offset < end && e.offset + e.length > start;
          assert.ok(!inside, `edit at ${e.offset} touches an unchanged host at ${start}..${end}`);
        }
      }
    }),
    { numRuns: propertyRuns() },
  );
});

check("an empty update returns the input unchanged, on arbitrary models", () => {
  fc.assert(
    fc.property(openbsdConfArb(), fc.nat(), (model, seed) => {
      const text = decoratedText(model, seed);
      const doc = parsed(text);
      fc.pre(!doc.diagnostics.some((d) => d.syntax === true));
      assert.is(update(doc, () => {}), text);
    }),
    { numRuns: propertyRuns() },
  );
});

check("a # line inside a quoted string is not a comment: a new host does not land inside the string", () => {
  const text = 'option domain-name "a\n#b";\nhost h {\n\tfixed-address 10.0.0.1;\n}\n';
  const doc = parsed(text);
  const out = update(doc, (m) => {
    m.hosts.unshift({ name: "g", fixedAddress: ["10.0.0.2"] });
  });
  const again = parsed(out);
  assert.equal(again.model.options, doc.model.options);
  assert.equal(again.model.hosts.map((h) => h.name), ["g", "h"]);
  assert.is(update(doc, (m) => void m.hosts.pop()), 'option domain-name "a\n#b";\n');
});

test.run();
