// update(): each case gives an input, a change and the exact text expected.
// Expectations are written by hand from vm.conf(5) syntax and the editing
// rules of DESIGN.md (only changed statements rewritten, indentation copied,
// attached comments removed with their block).
import { UnwritableValueError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, update, UpdateError, type VmConf } from "../src/index.js";

const host = `# hosting host
socket owner :_vmdusers

switch "uplink" {
    interface bridge931
}

# vm1: alice
vm "vm1" {
    disable
    owner alice
    memory 1G
    disk "/var/vmm/vm1.qcow2"
    interface tap { switch "uplink" }
}

# spare, not attached

vm "vm2" {
    memory 512M
    disk "/var/vmm/vm2.img"
}
`;

interface Case {
  name: string;
  input?: string;
  change: (m: VmConf) => VmConf | void;
  expected: string;
}

const cases: Case[] = [
  {
    name: "change one field rewrites only that option",
    change: (m) => {
      m.vms[0]!.memory = "2G";
    },
    expected: host.replace("    memory 1G\n", "    memory 2G\n"),
  },
  {
    name: "add a VM at the end, indented like its neighbours, blank line between blocks",
    change: (m) => {
      m.vms.push({ name: "vm3", memory: "1G", disks: [{ path: "/var/vmm/vm3.qcow2", format: "qcow2" }], interfaces: [] });
    },
    expected: `${host}\nvm "vm3" {\n    memory 1G\n    disk "/var/vmm/vm3.qcow2" format qcow2\n}\n`,
  },
  {
    name: "remove a VM together with its attached comment",
    change: (m) => {
      m.vms.splice(0, 1);
    },
    expected: host.replace(/# vm1: alice\n[\s\S]*?\n\}\n\n/, ""),
  },
  {
    name: "a comment separated by a blank line stays when its next block goes",
    change: (m) => {
      m.vms.splice(1, 1);
    },
    expected: host.replace(/\nvm "vm2" \{[^}]*\}\n$/, ""),
  },
  {
    name: "rename a VM rewrites only its header",
    change: (m) => {
      m.vms[1]!.name = "vm2-old";
    },
    expected: host.replace('vm "vm2" {', 'vm "vm2-old" {'),
  },
  {
    name: "rename a switch and the interface that uses it",
    change: (m) => {
      m.switches[0]!.name = "uplink_vlan931";
      m.vms[0]!.interfaces[0]!.switch = "uplink_vlan931";
    },
    expected: host
      .replace('switch "uplink" {', 'switch "uplink_vlan931" {')
      .replace('interface tap { switch "uplink" }', 'interface tap { switch "uplink_vlan931" }'),
  },
  {
    name: "add a disk after the existing one",
    change: (m) => {
      m.vms[1]!.disks.push({ path: "/var/vmm/vm2-data.img", format: "raw" });
    },
    expected: host.replace('    disk "/var/vmm/vm2.img"\n', '    disk "/var/vmm/vm2.img"\n    disk "/var/vmm/vm2-data.img" format raw\n'),
  },
  {
    name: "remove a disk line",
    change: (m) => {
      m.vms[0]!.disks = [];
    },
    expected: host.replace('    disk "/var/vmm/vm1.qcow2"\n', ""),
  },
  {
    name: "add an interface with a locked lladdr",
    change: (m) => {
      m.vms[1]!.interfaces.push({ switch: "uplink", lladdr: "fe:e1:bb:f1:c8:02", locked: true });
    },
    expected: host.replace(
      '    disk "/var/vmm/vm2.img"\n',
      '    disk "/var/vmm/vm2.img"\n    interface { switch "uplink" locked lladdr fe:e1:bb:f1:c8:02 }\n',
    ),
  },
  {
    name: "remove an interface",
    change: (m) => {
      m.vms[0]!.interfaces.pop();
    },
    expected: host.replace('    interface tap { switch "uplink" }\n', ""),
  },
  {
    name: "enable a disabled VM",
    change: (m) => {
      m.vms[0]!.enabled = true;
    },
    expected: host.replace("    disable\n", "    enable\n"),
  },
  {
    name: "drop the owner of a VM",
    change: (m) => {
      delete m.vms[0]!.owner;
    },
    expected: host.replace("    owner alice\n", ""),
  },
  {
    name: "a new option goes to its place in the canonical order",
    change: (m) => {
      m.vms[1]!.owner = { user: "bob" };
    },
    expected: host.replace('vm "vm2" {\n', 'vm "vm2" {\n    owner bob\n'),
  },
  {
    name: "change a global option in place",
    change: (m) => {
      m.socketOwner = { user: "root", group: "_vmdusers" };
    },
    expected: host.replace("socket owner :_vmdusers", "socket owner root:_vmdusers"),
  },
  {
    name: "a change may return a new model",
    change: (m) => ({ ...m, vms: m.vms.filter((v) => v.name !== "vm2") }),
    expected: host.replace(/\nvm "vm2" \{[^}]*\}\n$/, ""),
  },
  {
    name: "add a switch before the first VM",
    change: (m) => {
      m.switches.push({ name: "local", interface: "bridge0" });
    },
    expected: host.replace('}\n\n# vm1', '}\n\nswitch "local" {\n    interface bridge0\n}\n\n# vm1'),
  },
  {
    name: "tab-indented file: new block uses tabs",
    input: 'vm "a" {\n\tmemory 1G\n}\n',
    change: (m) => {
      m.vms.push({ name: "b", memory: "2G", disks: [], interfaces: [] });
    },
    expected: 'vm "a" {\n\tmemory 1G\n}\n\nvm "b" {\n\tmemory 2G\n}\n',
  },
  {
    name: "file without final newline gets one before the new block",
    input: 'vm "a" {\n\tmemory 1G\n}',
    change: (m) => {
      m.vms.push({ name: "b", memory: "2G", disks: [], interfaces: [] });
    },
    expected: 'vm "a" {\n\tmemory 1G\n}\n\nvm "b" {\n\tmemory 2G\n}\n',
  },
  {
    name: "a one-line block is rewritten whole when it changes",
    input: '# keep\nvm "a" { memory 1G }\n# keep too\n',
    change: (m) => {
      m.vms[0]!.memory = "2G";
    },
    expected: '# keep\nvm "a" {\n\tmemory 2G\n}\n# keep too\n',
  },
  {
    name: "removing one option and rewriting the next one (a found counterexample)",
    input: 'vm "a" {\n\tmemory 1G\n\tdisk "/a"\n\tinterface\n}\n',
    change: (m) => {
      m.vms[0]!.disks.shift();
      m.vms[0]!.interfaces[0]!.up = false;
    },
    expected: 'vm "a" {\n\tmemory 1G\n\tinterface { down }\n}\n',
  },
];

for (const c of cases) {
  test(c.name, () => {
    const input = c.input ?? host;
    const doc = parse(input);
    assert.equal(doc.diagnostics, [], "the input is clean");
    const output = update(doc, c.change);
    assert.fixture(output, c.expected);
    assert.equal(parse(output).diagnostics, []);
  });
}

test("the document itself is not modified by update", () => {
  const doc = parse(host);
  const before = JSON.stringify(doc.model);
  update(doc, (m) => {
    m.vms[0]!.memory = "4G";
    m.vms.pop();
  });
  assert.is(JSON.stringify(doc.model), before);
});

test("a file with syntax errors is refused", () => {
  const doc = parse('vm "a" {\n\tmemory 1G\n\tbogus\n}\n');
  assert.throws(() => update(doc, () => {}), (e: unknown) => e instanceof UpdateError && /line 3/.test((e as Error).message));
});

test("an unwritable value names its field and leaves nothing half done", () => {
  const doc = parse(host);
  let error: unknown;
  try {
    update(doc, (m) => {
      m.vms[1]!.name = "bad\nname";
    });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof UnwritableValueError);
  assert.is((error as UnwritableValueError).field, "vms[1].name");
});

test("a # line inside a quoted string is not a comment: a removed statement does not take it along", () => {
  const text = 'm = "a\n# inside the string"\nvm "b" {\n memory $m\n}\nvm "c" {\n memory 1G\n}\n';
  const doc = parse(text);
  assert.equal(doc.model.macros[0]!.value, "a# inside the string");
  const out = update(doc, (m) => {
    m.vms.splice(0, 1);
  });
  assert.is(out, 'm = "a\n# inside the string"\nvm "c" {\n memory 1G\n}\n');
});

test("a macro the file uses cannot be changed or removed (its references would read something else)", () => {
  const doc = parse('x = "1G"\ny = "2G"\nvm "a" {\n memory $x\n}\n');
  assert.throws(() => update(doc, (m) => void (m.macros = [])), (e: unknown) => e instanceof UpdateError && /macro 'x' is used on line 4/.test(String(e)));
  assert.throws(() => update(doc, (m) => void (m.macros[0]!.value = "2G")), (e: unknown) => e instanceof UpdateError);
  assert.is(update(doc, (m) => void (m.macros = m.macros.filter((x) => x.name !== "y"))), 'x = "1G"\nvm "a" {\n memory $x\n}\n');
});

test.run();
