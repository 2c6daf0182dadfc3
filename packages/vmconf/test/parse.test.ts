import { formatDiagnostic } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { InvalidInputError } from "@obsdconf/core";
import { parse, UnknownReleaseError, validate } from "../src/index.js";

const lines = (text: string, release?: "6.5" | "7.8") =>
  parse(text, { fileName: "vm.conf", ...(release ? { release } : {}) }).diagnostics.map((d) => `${d.line}: ${d.message}`);

test("a hosting host's vm.conf: typed model", () => {
  const doc = parse(
    [
      "socket owner :_vmdusers",
      'switch "uplink_vlan931" {',
      "\tinterface bridge931",
      "}",
      'vm "vm13" {',
      "\tdisable",
      "\towner alice",
      "\tmemory 1G",
      '\tdisk "/var/vmm/vm13.qcow2" format qcow2',
      '\tinterface tap { switch "uplink_vlan931"',
      "\t\tlladdr FE:E1:BB:F1:C8:01 }",
      "}",
      "",
    ].join("\n"),
  );
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model, {
    macros: [],
    includes: [],
    socketOwner: { group: "_vmdusers" },
    switches: [{ name: "uplink_vlan931", interface: "bridge931" }],
    vms: [
      {
        name: "vm13",
        enabled: false,
        owner: { user: "alice" },
        memory: "1G",
        disks: [{ path: "/var/vmm/vm13.qcow2", format: "qcow2" }],
        interfaces: [{ name: "tap", switch: "uplink_vlan931", lladdr: "fe:e1:bb:f1:c8:01" }],
      },
    ],
  });
});

test("macros, string concatenation, instances and allow instance", () => {
  const doc = parse('dir="/var/vmm"\nvm "base" {\n disk $dir "/base.img"\n allow instance { boot, memory\n owner alice }\n}\nvm "base" instance "web" {\n memory 2G\n}\n');
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model.vms[0]!.disks, [{ path: "/var/vmm/base.img" }]);
  assert.equal(doc.model.vms[0]!.allowInstance, { options: ["boot", "memory"], owner: { user: "alice" } });
  assert.equal(doc.model.vms[1]!.instanceOf, "base");
  assert.equal(doc.model.vms[1]!.name, "web");
});

test("an unused macro is a warning, as vmd prints it", () => {
  assert.equal(lines('x="1"\n'), ["1: warning: macro 'x' not used"]);
});

test("release differences: 6.5 keywords and size wording vs the newest vmd", () => {
  assert.equal(lines('vm "a" {\n sev\n}\n', "6.5"), ["2: syntax error"]);
  assert.equal(lines('vm "a" {\n sev\n}\n', "7.8"), []);
  assert.equal(lines('vm "a" {\n memory 1K\n}\n', "6.5"), ["2: size must be at least one megabyte", "2: failed to parse size: 1K"]);
  assert.equal(lines('vm "a" {\n memory 1K\n}\n', "7.8"), ["2: memory size must be at least 1MB", "2: failed to parse size: 1K"]);
  assert.equal(lines('vm "a" {\n memory 129G\n}\n', "7.8"), ["2: memory size too large (limit is 128G)", "2: failed to parse size: 129G"]);
  assert.equal(lines('switch "s" {\n interface veb0\n}\n', "6.5"), ["2: invalid switch interface: veb0"]);
  assert.equal(lines('switch "s" {\n interface veb0\n}\n', "7.8"), []);
  assert.equal(lines("staggered start parallel 4 delay 30\n", "6.5"), ["1: syntax error"]);
});

test("checks with vmd's wording: names, counts, duplicates", () => {
  assert.equal(lines(`vm "${"x".repeat(64)}" {\n memory 1G\n}\n`), ["1: vm name too long"]);
  assert.equal(lines(`vm "${"x".repeat(63)}" {\n memory 1G\n}\n`), []);
  assert.equal(lines('vm "a" {\n memory 1G\n memory 2G\n}\n'), ["3: argument specified more than once"]);
  assert.equal(lines('vm "a" {\n memory 1073741824\n memory 1073741824\n}\n'), ["3: memory specified more than once"]);
  assert.equal(lines('vm "a" {\n cdrom "/a"\n cdrom "/b"\n}\n'), ["3: cdrom specified more than once"]);
  assert.equal(lines('vm "a" {\n interface { lladdr 00:11:22:33:44 }\n}\n'), ["2: invalid address: 00:11:22:33:44"]);
  assert.equal(lines('vm "a" {\n interface { rdomain 256 }\n}\n'), ["2: invalid rdomain: 256"]);
  assert.equal(lines('vm "a" {\n interface em0\n}\n'), ["2: invalid interface: em0"]);
  assert.equal(lines('switch "s" {\n interface bridge0\n group g1\n}\n'), ["3: invalid group name: g1"]);
  assert.equal(lines("local prefix 10.0.0.1/8\n", "7.8"), ["1: invalid local prefix: bad mask"]);
  assert.equal(lines("local prefix 10.0.0.0/8\n", "7.8"), []);
  assert.equal(lines('agentx path "rel"\n'), ["1: agentx path is not absolute"]);
});

test("runtime checks are warnings with their own codes", () => {
  const doc = parse('vm "a" {\n interface { switch "nope" lladdr fe:e1:bb:00:00:01 }\n}\nvm "a" {\n interface { lladdr fe:e1:bb:00:00:01 }\n}\nvm "-x" {\n memory 1G\n}\n');
  assert.equal(
    doc.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`),
    ["2 warning UNKNOWN_SWITCH", "4 warning DUPLICATE_VM", "5 warning DUPLICATE_LLADDR", "7 warning INVALID_VM_NAME"],
  );
});

test("load checks: an instance's parent must come first; a name or address used twice is named with its first user", () => {
  const doc = parse(
    'vm "b" instance "c" {\n memory 1G\n}\nvm "b" {\n interface { lladdr fe:e1:bb:00:00:01 }\n}\nvm "b" instance "d" {\n memory 1G\n}\n' +
      'vm "b" {\n memory 1G\n}\nvm "e" {\n interface { lladdr FE:E1:BB:00:00:01 }\n}\n',
  );
  assert.equal(
    doc.diagnostics.map((d) => `${d.line} ${d.code}: ${d.message}`),
    [
      '1 UNKNOWN_PARENT_VM: vm "c" is an instance of "b", which is not defined before it',
      '10 DUPLICATE_VM: vm "b" is defined more than once',
      '14 DUPLICATE_LLADDR: vm "e": lladdr fe:e1:bb:00:00:01 is already used by vm "b"',
    ],
  );
});

test("a block's option nodes, read from the tokens when asked, are its options as written", () => {
  const text =
    'm = "2G"\nswitch "up" {\n\tinterface bridge0\n\tgroup "g"\n}\nvm "a" {\n\tdisable\n\tmemory $m\n\tdisk "/d" "/e" format QCOW2\n' +
    '\tinterface tap { switch "up" lladdr fe:e1:bb:00:00:01 }\n\towner u:g\n}\nvm "b" { memory 1G }\n';
  for (const source of [text, `${text}bogus line\n`]) {
    const doc = parse(source);
    const written = (kind: string): Array<[string, string]> => {
      const block = doc.syntax.statements.find((s) => (s.kind === "vm" || s.kind === "switch") && s.kind === kind && s.name !== "b");
      if (block?.kind !== "vm" && block?.kind !== "switch") throw new Error("not a block");
      return block.options.map((o) => [o.kind, source.slice(o.start, o.end)]);
    };
    assert.equal(written("switch"), [
      ["interface", "interface bridge0"],
      ["group", 'group "g"'],
    ]);
    assert.equal(written("vm"), [
      ["enable", "disable"],
      ["memory", "memory $m"],
      ["disk", 'disk "/d" "/e" format QCOW2'],
      ["interface", 'interface tap { switch "up" lladdr fe:e1:bb:00:00:01 }'],
      ["owner", "owner u:g"],
    ]);
    const vm = doc.syntax.statements.find((s) => s.kind === "vm" && s.name === "a")!;
    if (vm.kind !== "vm") throw new Error("not a vm");
    const disk = vm.options.find((o) => o.kind === "disk")!;
    assert.equal(disk.kind === "disk" && disk.disk, { path: "/d/e", format: "qcow2" });
    assert.equal(source.slice(vm.firstOptionStart, vm.firstOptionStart + 7), "disable");
    assert.equal(doc.model.vms[0], {
      name: "a",
      disks: [{ path: "/d/e", format: "qcow2" }],
      interfaces: [{ name: "tap", switch: "up", lladdr: "fe:e1:bb:00:00:01" }],
      enabled: false,
      memory: "2G",
      owner: { user: "u", group: "g" },
    });
  }
});

test("a block option list follows the yacc grammar exactly", () => {
  assert.equal(lines('vm "a" { memory 1G }\n'), []);
  assert.equal(lines('vm "a" {\n}\n'), ["2: syntax error"]);
  assert.equal(lines('vm "a" { memory 1G\n disable }\n'), ["2: syntax error"]);
  assert.equal(lines('vm "a" { interface switch "s", up }\n'), ["1: syntax error"]);
  const trailingComma = parse('vm "a" { interface switch "s" up, down, }\n').diagnostics.map((d) => d.code);
  assert.equal(trailingComma, ["UNKNOWN_SWITCH"]);
});

test("after an error vmd stays quiet until three tokens are shifted", () => {
  assert.equal(lines('vm "a" {\n bogus\n disk "/a"\n}\nvm "b" {\n bogus\n}\n'), ["2: syntax error", "6: syntax error"]);
  assert.equal(lines('vm "a" {\n bogus\n\n\n}\n'), ["2: syntax error", "5: syntax error"]);
});

test("bad input: truncated, binary, unterminated quote, CRLF, 10 MB line, missing include", () => {
  const check = (text: string, options = {}) => {
    const doc = parse(text, { fileName: "/etc/vm.conf", ...options });
    assert.ok(doc.diagnostics.some((d) => d.severity === "error"), "has an error");
    for (const d of doc.diagnostics) {
      assert.match(formatDiagnostic(d), /^\/etc\/vm\.conf:\d+:\d+: (error|warning|info): /);
      assert.ok(d.line >= 1 && d.line <= doc.syntax.lines.lineCount);
    }
    return doc;
  };
  check('vm "a" {\n memory 1G\n disk "/var/vm');
  check('vm "a" {\n memory');
  check(String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
  check('vm "a {\n memory 1G\n}\n');
  check('vm "a" {\r\n memory 1G\r\n}\r\n');
  const long = check(`vm "${"a".repeat(10 * 1024 * 1024)}" {\n memory 1G\n}\n`);
  assert.ok(long.diagnostics.some((d) => d.message === "string too long"));
  const missing = check('include "/etc/vm.d/missing.conf"\n', { readFile: () => undefined });
  assert.equal(missing.diagnostics.map((d) => `${d.line}: ${d.message}`), ["1: failed to include file /etc/vm.d/missing.conf"]);
});

test("includes: reported by default, followed through readFile", () => {
  const text = 'include "/etc/vm.d/sw.conf"\nvm "a" {\n interface { switch $sw }\n}\n';
  const notFollowed = parse(text);
  assert.equal(notFollowed.diagnostics.map((d) => d.code), ["INCLUDE_NOT_FOLLOWED", "UNDEFINED_MACRO", "SYNTAX_ERROR"]);
  const files: Record<string, string> = { "/etc/vm.d/sw.conf": 'sw = "uplink"\nswitch "uplink" {\n interface bridge0\n}\n' };
  const followed = parse(text, { readFile: (p) => files[p] });
  assert.equal(followed.diagnostics.map((d) => d.code), []);
  assert.equal(followed.model.vms[0]!.interfaces[0]!.switch, "uplink");
});

test("validate checks a model as vmd would, naming fields by their model path", () => {
  const d = validate({ macros: [], includes: [], switches: [], vms: [{ name: "a", disks: Array.from({ length: 5 }, (_, i) => ({ path: `/d${i}` })), interfaces: [] }] });
  assert.equal(d.map((x) => `${x.path}: ${x.message}`), ["vms[0].disks[4].path: too many disks"]);
  const memory = validate({ macros: [], includes: [], switches: [], vms: [{ name: "a", disks: [], interfaces: [], memory: "1K" }] });
  assert.equal(memory.map((x) => `${x.path}: ${x.message}`), ["vms[0].memory: memory size must be at least 1MB"]);
  assert.ok(memory.every((x) => !("line" in x)));
  const bad = validate({ macros: [], includes: [], switches: [], vms: [{ name: "a\nb", disks: [], interfaces: [], memory: "1G" }] });
  assert.is(bad[0]!.code, "UNWRITABLE_VALUE");
  assert.is(bad[0]!.path, "vms[0].name");
});

test("where vmd reads differently from a naive lexer: backslashes outside quotes, path before 7.2, # in a macro, unterminated quotes", () => {
  assert.equal(lines('vm "a" {\n memory 1G\\ \n}\n'), []);
  assert.equal(lines('vm \\"a" {\n memory 1G\n}\n'), []);
  assert.equal(parse('vm \\"a" {\n memory 1G\n}\n').model.vms[0]!.name, "a");
  assert.equal(lines('vm "a" {\n memory 1G\n}\\'), []);
  assert.equal(lines('path = "/var/vmm"\nvm "a" {\n disk $path/a.img\n}\n', "6.5"), []);
  assert.equal(lines('path = "/var/vmm"\n', "7.8"), ["1: syntax error"]);
  assert.equal(lines('m = "a #"\nvm $m { memory 1G }\n'), ["2: syntax error"]);
  assert.equal(lines('vm "a" {\n memory 1G\n disk "/x\n}\n'), ["3: reached end of file while parsing quoted string", "3: syntax error"]);
});

test("hints: the closest keyword for a misspelled one; bytes and binary input", () => {
  const doc = parse('vm "a" {\n memroy 1G\n}\n');
  assert.equal(doc.diagnostics.map((d) => [d.line, d.message, d.hint, d.syntax]), [[2, "syntax error", 'did you mean "memory"?', true]]);
  assert.equal(parse(new TextEncoder().encode('vm "a" {\n memory 1G\n}\n')).model.vms[0]!.memory, "1G");
  const binary = parse(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0x0a, 0x24, 0x7b]));
  assert.equal(binary.diagnostics.map((d) => d.code), ["BINARY_INPUT"]);
  assert.throws(() => parse(undefined as unknown as string), (e: unknown) => e instanceof InvalidInputError && /got undefined/.test(String(e)));
  assert.throws(() => parse("", { release: "9.9" as "7.8" }), (e: unknown) => e instanceof UnknownReleaseError);
});

test("a readFile that throws is an include that failed; bytes keep a byte-order mark (vmd reads it as a character)", () => {
  const doc = parse('include "/nope.conf"\n', {
    readFile: () => {
      throw new Error("ENOENT");
    },
  });
  assert.equal(doc.diagnostics.map((d) => `${d.line}: ${d.message}`), ["1: failed to include file /nope.conf"]);
  const bom = parse(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('vm "a" {\n memory 1G\n}\n')]));
  assert.is(bom.text.charCodeAt(0), 0xfeff);
  assert.equal(bom.diagnostics.map((d) => `${d.line}: ${d.message}`), ["1: syntax error"]);
});

test.run();
