// generate() on models that come from JSON: every field is checked at run
// time; a value is refused naming its field, or written so that parse reads
// back exactly the model. The injection vectors of issue 9 item 9, one by one.
import { byteLength, MAX_QUOTED_BYTES } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, parse, update, UnwritableValueError, type VmConf } from "../src/index.js";
import { assertRoundTrip, baseModel } from "./generate-fixtures.js";

const EVIL = 'cdrom\n}\nvm "evil" {\n\tmemory 1G';

/** The field generate refused, or undefined when it wrote the model. */
function refused(model: unknown, options?: unknown): UnwritableValueError | undefined {
  try {
    generate(model as VmConf, options as never);
  } catch (e) {
    assert.instance(e, UnwritableValueError);
    return e as UnwritableValueError;
  }
  return undefined;
}

const oneVm = (vm: Record<string, unknown>): VmConf =>
  ({ macros: [], includes: [], switches: [], vms: [{ name: "a", memory: "1G", disks: [], interfaces: [], ...vm }] }) as VmConf;

test("the model with every field set reads back the same", () => {
  assertRoundTrip(generate(baseModel()), baseModel());
});

test("bootDevice: the three devices of vmd's grammar round-trip; anything else is refused", () => {
  for (const device of ["cdrom", "disk", "net"]) assertRoundTrip(generate(oneVm({ bootDevice: device })), oneVm({ bootDevice: device }));
  for (const bad of [EVIL, "CDROM", "", "hd", 1, null, true, ["disk"], { device: "disk" }]) {
    assert.is(refused(oneVm({ bootDevice: bad }))?.field, "vms[0].bootDevice", JSON.stringify(bad));
  }
  assert.match(refused(oneVm({ bootDevice: EVIL }))!.message, /must be one of cdrom, disk, net/);
});

test("allowInstance.options: known allowances in vmconf's order; others refused with their index", () => {
  const all = { options: ["boot", "cdrom", "disk", "instance", "interface", "memory"] };
  assertRoundTrip(generate(oneVm({ allowInstance: all })), oneVm({ allowInstance: all }));
  const injected = { options: ["boot", 'memory }\n}\nvm "evil" { memory 1G'] };
  assert.is(refused(oneVm({ allowInstance: injected }))?.field, "vms[0].allowInstance.options[1]");
  assert.is(refused(oneVm({ allowInstance: { options: ["memory", "boot"] } }))?.field, "vms[0].allowInstance.options[1]");
  assert.is(refused(oneVm({ allowInstance: { options: ["boot", "boot"] } }))?.field, "vms[0].allowInstance.options[1]");
  assert.is(refused(oneVm({ allowInstance: { options: "boot" } }))?.field, "vms[0].allowInstance.options");
  assert.is(refused(oneVm({ allowInstance: { options: [], owner: { user: "a\nb" } } }))?.field, "vms[0].allowInstance.owner");
});

test("indent: blanks and tabs only, else refused as `indent`", () => {
  const model = oneVm({});
  for (const indent of ["", "  ", "\t\t", " \t"]) {
    const text = generate(model, { indent });
    assert.ok(text.includes(`\n${indent}memory 1G\n`));
    assertRoundTrip(text, model);
  }
  for (const bad of ["\n}\nvm \"evil\" {\n", "#", "\u00a0", "\r", 2, null]) {
    assert.is(refused(model, { indent: bad })?.field, "indent", JSON.stringify(bad));
  }
});

test("memory given as a number is refused (the model holds the text as written); as text it reads back", () => {
  const error = refused(oneVm({ memory: 1073741824 }));
  assert.is(error?.field, "vms[0].memory");
  assert.match(error!.message, /a number \(1073741824\).*memory is a string/);
  for (const memory of ["1073741824", "512M", "2G"]) assertRoundTrip(generate(oneVm({ memory })), oneVm({ memory }));
});

test("byteLength counts what UTF-8 writes: a lone surrogate is U+FFFD (3 bytes), a pair 4", () => {
  const encoder = new TextEncoder();
  for (const s of ["a", "é", "€", "😀", "\ud800", "\udc00", "a\ud800b", "\udc00\ud800", "\ud83d\ude00\ud83d", "x".repeat(10)]) {
    assert.is(byteLength(s), encoder.encode(s).length, JSON.stringify(s));
  }
});

test("a lone surrogate is refused naming the field; a surrogate pair round-trips", () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ name: "a\ud800" }, "vms[0].name"],
    [{ boot: "/bsd\udc00" }, "vms[0].boot"],
    [{ disks: [{ path: "/x".repeat(10) + "\ud83d" }] }, "vms[0].disks[0].path"],
    [{ owner: { user: "\udfff" } }, "vms[0].owner"],
  ];
  for (const [vm, field] of cases) {
    const error = refused(oneVm(vm));
    assert.is(error?.field, field);
    assert.match(error!.message, /lone UTF-16 surrogate/);
  }
  // Before the fix, this value measured 8094 bytes (the limit) but was written as 8095.
  const nearLimit = "x".repeat(MAX_QUOTED_BYTES - 2) + "\ud800";
  assert.is(refused(oneVm({ cdrom: nearLimit }))?.field, "vms[0].cdrom");
  const emoji = `/${"😀".repeat(100)}`;
  assertRoundTrip(generate(oneVm({ cdrom: emoji })), oneVm({ cdrom: emoji }));
});

test("the byte limit of a quoted string (8094) holds for 4-byte characters", () => {
  const exact = `/${"😀".repeat(2023)}a`;
  assert.is(new TextEncoder().encode(exact).length, MAX_QUOTED_BYTES);
  const doc = parse(generate({ macros: [{ name: "m", value: exact }], includes: [], switches: [], vms: [] }));
  assert.is(doc.model.macros[0]?.value, exact);
  assert.equal(doc.diagnostics.filter((d) => d.code === "STRING_TOO_LONG"), []);
  assert.is(refused({ macros: [{ name: "m", value: exact + "a" }], includes: [], switches: [], vms: [] })?.field, "macros[0].value");
});

test("wrong types, unknown fields and numbers out of range are refused naming the field", () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ memroy: "1G" }, "vms[0].memroy"],
    [{ boot: null }, "vms[0].boot"],
    [{ enabled: "yes" }, "vms[0].enabled"],
    [{ sev: 1 }, "vms[0].sev"],
    [{ disks: "/a.img" }, "vms[0].disks"],
    [{ disks: [{ path: "/a", format: "QCOW2" }] }, "vms[0].disks[0].format"],
    [{ disks: [{ path: "/a", format: 'raw\n}\nvm "e" {' }] }, "vms[0].disks[0].format"],
    [{ interfaces: [null] }, "vms[0].interfaces[0]"],
    [{ interfaces: [{ lladdr: "FE:E1:BB:F1:C8:01" }] }, "vms[0].interfaces[0].lladdr"],
    [{ interfaces: [{ lladdr: "fe:e1:bb:f1:c8:01 }\n}\nvm e {" }] }, "vms[0].interfaces[0].lladdr"],
    [{ interfaces: [{ rdomain: 256 }] }, "vms[0].interfaces[0].rdomain"],
    [{ interfaces: [{ rdomain: 1.5 }] }, "vms[0].interfaces[0].rdomain"],
    [{ interfaces: [{ up: "down" }] }, "vms[0].interfaces[0].up"],
    [{ interfaceCount: 5 }, "vms[0].interfaceCount"],
    [{ interfaceCount: "2" }, "vms[0].interfaceCount"],
    [{ owner: { uid: 2 ** 32 } }, "vms[0].owner.uid"],
    [{ owner: { uid: -1 } }, "vms[0].owner.uid"],
    [{ owner: { uid: 0, user: "root" } }, "vms[0].owner"],
    [{ owner: "root" }, "vms[0].owner"],
    [{ owner: { user: 0 } }, "vms[0].owner.user"],
    [{ owner: { user: "a:b" } }, "vms[0].owner"],
    [{ owner: { name: "root" } }, "vms[0].owner.name"],
    [{ instanceOf: 7 }, "vms[0].instanceOf"],
  ];
  for (const [vm, field] of cases) assert.is(refused(oneVm(vm))?.field, field, JSON.stringify(vm));
  const m = (extra: Record<string, unknown>): unknown => ({ macros: [], includes: [], switches: [], vms: [], ...extra });
  assert.is(refused(m({ staggeredStart: { parallel: "4", delay: 1 } }))?.field, "staggeredStart.parallel");
  assert.is(refused(m({ staggeredStart: { parallel: 4 } }))?.field, "staggeredStart.delay");
  assert.is(refused(m({ switches: [{ name: "s", interface: "veb0", rdomain: -1 }] }))?.field, "switches[0].rdomain");
  assert.is(refused(m({ switches: [{ name: "s", interface: "veb0", lockedLladdr: "yes" }] }))?.field, "switches[0].lockedLladdr");
  assert.is(refused(m({ localInet6: "fd00::/64" }))?.field, "localInet6");
  assert.is(refused(m({ macros: [{ name: "a b", value: "x" }] }))?.field, "macros[0].name");
  assert.is(refused(m({ includes: [["/etc/x"]] }))?.field, "includes[0]");
  assert.is(refused(m({ vms: {} }))?.field, "vms");
  assert.is(refused(m({ extra: 1 }))?.field, "extra");
  assert.is(refused(null)?.field, undefined);
});

test("flags set to false write nothing, as when absent", () => {
  const text = generate(oneVm({ sev: false, seves: false, interfaces: [{ local: false, locked: false }] }));
  assertRoundTrip(text, oneVm({ interfaces: [{}] }));
});

test("update checks the fields it writes the same way", () => {
  const doc = parse('vm "a" {\n\tmemory 1G\n}\n');
  for (const [change, field] of [
    [(m: VmConf) => void (m.vms[0]!.bootDevice = EVIL as never), "vms[0].bootDevice"],
    [(m: VmConf) => void (m.vms[0]!.memory = 1024 as never), "vms[0].memory"],
    [(m: VmConf) => void (m.vms[0]!.allowInstance = { options: [EVIL as never] }), "vms[0].allowInstance.options[0]"],
    [(m: VmConf) => void m.vms.push({ name: "b", memory: "1G", disks: [], interfaces: [{ lladdr: "x" }] }), "vms[1].interfaces[0].lladdr"],
  ] as const) {
    let error: unknown;
    try {
      update(doc, change);
    } catch (e) {
      error = e;
    }
    assert.instance(error, UnwritableValueError);
    assert.is((error as UnwritableValueError).field, field);
  }
});

test.run();
