import { coverageProblem } from "@obsdconf/core";
import { corpusDir, diagnosticsInsideText, filesUnder, propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, parse, update, UnwritableValueError, type VmConf, type VmConfDocument } from "../src/index.js";
import { decoratedText, vmConfArb } from "./arbitraries.js";

const numRuns = propertyRuns();

function lossless(doc: VmConfDocument): boolean {
  return coverageProblem(doc.syntax.tokens) === undefined;
}


test("round trip: parse(generate(m)).model equals m, with no diagnostics", () => {
  fc.assert(
    fc.property(vmConfArb(), (model) => {
      const doc = parse(generate(model));
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model, model);
    }),
    { numRuns },
  );
});

type Change = (m: VmConf) => void;
const changeArb = (): fc.Arbitrary<Change[]> =>
  fc.array(
    fc.oneof(
      fc.tuple(fc.nat(), fc.constantFrom("512M", "2G", "4096M")).map(([i, mem]): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm) vm.memory = mem;
      }),
      fc.nat().map((i): Change => (m) => {
        m.vms.splice(i % Math.max(1, m.vms.length), 1);
      }),
      fc.nat().map((i): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm) vm.name = `renamed${i}`;
      }),
      fc.nat().map((i): Change => (m) => {
        if (!m.vms.some((v) => v.name === `new${i}`)) {
          m.vms.push({ name: `new${i}`, memory: "1G", disks: [{ path: `/var/vmm/new${i}.img` }], interfaces: [] });
        }
      }),
      fc.nat().map((i): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm && vm.disks.length < 4) vm.disks.push({ path: `/var/vmm/extra${i}.img`, format: "raw" });
      }),
      fc.nat().map((i): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm) vm.disks.shift();
      }),
      fc.nat().map((i): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm) vm.enabled = vm.enabled === false;
      }),
      fc.nat().map((i): Change => (m) => {
        const vm = m.vms[i % Math.max(1, m.vms.length)];
        if (vm && vm.interfaces[0]) vm.interfaces[0].up = !(vm.interfaces[0].up ?? true);
        else if (vm) delete vm.owner;
      }),
      fc.nat().map((i): Change => (m) => {
        const sw = m.switches[i % Math.max(1, m.switches.length)];
        if (sw) sw.rdomain = i % 256;
      }),
      fc.constant<Change>((m) => {
        m.socketOwner = { group: "_vmdusers" };
      }),
      fc.constant<Change>((m) => {
        delete m.localPrefix;
      }),
    ),
    { maxLength: 4 },
  );

test("edit locality: only changed statements change, and the result parses to the changed model", () => {
  fc.assert(
    fc.property(vmConfArb(), fc.nat(), changeArb(), (model, seed, changes) => {
      const before = decoratedText(generate(model), seed);
      const doc = parse(before);
      fc.pre(doc.diagnostics.length === 0);
      const expected = structuredClone(doc.model);
      for (const c of changes) c(expected);
      const after = update(doc, (m) => {
        for (const c of changes) c(m);
      });
      const reparsed = parse(after);
      assert.equal(reparsed.diagnostics.filter((d) => d.severity === "error"), []);
      assert.equal(reparsed.model, expected);
      // Unchanged blocks keep their exact bytes.
      const slice = (d: VmConfDocument, kind: "vm" | "switch", name: string): string | undefined => {
        const s = d.syntax.statements.find((x) => x.kind === kind && x.name === name);
        return s && d.text.slice(s.start, s.lineEnd);
      };
      for (const vm of expected.vms) {
        const old = doc.model.vms.find((v) => v.name === vm.name);
        if (old && JSON.stringify(old) === JSON.stringify(vm)) {
          assert.is(slice(reparsed, "vm", vm.name), slice(doc, "vm", vm.name));
        }
      }
      for (const sw of expected.switches) {
        const old = doc.model.switches.find((s) => s.name === sw.name);
        if (old && JSON.stringify(old) === JSON.stringify(sw)) {
          assert.is(slice(reparsed, "switch", sw.name), slice(doc, "switch", sw.name));
        }
      }
      // Comments survive unless they were attached to a statement that went away.
      const keptNames = new Set(expected.vms.map((v) => v.name));
      const removedRanges = doc.syntax.statements
        .filter((st) => st.kind === "vm" && !keptNames.has(st.name))
        .map((st) => [before.lastIndexOf("\n\n", st.start), st.lineEnd]);
      const beforeLines = before.split("\n");
      let offset = -1;
      for (const [i, line] of beforeLines.entries()) {
        offset += i ? beforeLines[i - 1]!.length + 1 : 1;
        if (!line.trimStart().startsWith("#")) continue;
        if (removedRanges.some(([from, to]) => offset >= from! && offset < to!)) continue;
        let j = i + 1;
        while (j < beforeLines.length && beforeLines[j]!.trimStart().startsWith("#")) j++;
        const owner = beforeLines[j];
        const ownerGone = owner !== undefined && owner.trim() !== "" && !after.includes(owner);
        if (!ownerGone) assert.ok(after.includes(line), `comment kept: ${line}`);
      }
    }),
    { numRuns },
  );
});

test("an empty update returns the input unchanged", () => {
  fc.assert(
    fc.property(vmConfArb(), fc.nat(), (model, seed) => {
      const text = decoratedText(generate(model), seed);
      assert.is(update(parse(text), () => {}), text);
    }),
    { numRuns },
  );
});

test("parse never throws on arbitrary strings; lossless; diagnostics inside the text", () => {
  fc.assert(
    fc.property(trickyString(200), (text) => {
      const doc = parse(text);
      assert.ok(lossless(doc));
      assert.ok(diagnosticsInsideText(doc), JSON.stringify(doc.diagnostics));
    }),
    { numRuns },
  );
});

const corpus = corpusDir();
const corpusTexts = corpus
  ? filesUnder(join(corpus, "vmconf")).filter((f) => !/\.(md|tsv|ok)$|Makefile/.test(f)).map((f) => readFileSync(f, "utf8"))
  : [];

if (corpusTexts.length) {
  test("parse never throws on corpus files mutated by random inserts, deletes and replacements", () => {
    const edit = fc.tuple(fc.constantFrom("insert", "delete", "replace"), fc.nat(), fc.nat({ max: 40 }), trickyString(8));
    fc.assert(
      fc.property(fc.constantFrom(...corpusTexts), fc.array(edit, { minLength: 1, maxLength: 6 }), (original, edits) => {
        let text = original;
        for (const [kind, at, length, insert] of edits) {
          const pos = at % (text.length + 1);
          if (kind === "insert") text = text.slice(0, pos) + insert + text.slice(pos);
          else if (kind === "delete") text = text.slice(0, pos) + text.slice(pos + length);
          else text = text.slice(0, pos) + insert + text.slice(pos + insert.length);
        }
        const doc = parse(text);
        assert.ok(lossless(doc));
        assert.ok(diagnosticsInsideText(doc), JSON.stringify(doc.diagnostics));
      }),
      { numRuns },
    );
  });
} else {
  test.skip("parse never throws on mutated corpus files (corpus absent)", () => {});
}

type Setter = { field: RegExp; set: (m: VmConf, v: string) => void; get: (m: VmConf) => unknown };
const base = (): VmConf => ({
  macros: [],
  includes: [],
  switches: [{ name: "sw", interface: "bridge0" }],
  vms: [{ name: "vm1", memory: "1G", disks: [{ path: "/var/vmm/vm1.img" }], interfaces: [{ switch: "sw" }] }],
});
const setters: Setter[] = [
  { field: /^vms\[0\]\.name$/, set: (m, v) => (m.vms[0]!.name = v), get: (m) => m.vms[0]?.name },
  { field: /^vms\[0\]\.disks\[0\]\.path$/, set: (m, v) => (m.vms[0]!.disks[0]!.path = v), get: (m) => m.vms[0]?.disks[0]?.path },
  { field: /^vms\[0\]\.boot$/, set: (m, v) => (m.vms[0]!.boot = v), get: (m) => m.vms[0]?.boot },
  { field: /^vms\[0\]\.cdrom$/, set: (m, v) => (m.vms[0]!.cdrom = v), get: (m) => m.vms[0]?.cdrom },
  { field: /^vms\[0\]\.memory$/, set: (m, v) => (m.vms[0]!.memory = v), get: (m) => m.vms[0]?.memory },
  { field: /^vms\[0\]\.interfaces\[0\]\.switch$/, set: (m, v) => (m.vms[0]!.interfaces[0]!.switch = v), get: (m) => m.vms[0]?.interfaces[0]?.switch },
  { field: /^vms\[0\]\.interfaces\[0\]\.group$/, set: (m, v) => (m.vms[0]!.interfaces[0]!.group = v), get: (m) => m.vms[0]?.interfaces[0]?.group },
  { field: /^vms\[0\]\.owner$/, set: (m, v) => (m.vms[0]!.owner = { user: v }), get: (m) => m.vms[0]?.owner?.user },
  { field: /^switches\[0\]\.name$/, set: (m, v) => (m.switches[0]!.name = v), get: (m) => m.switches[0]?.name },
  { field: /^switches\[0\]\.group$/, set: (m, v) => (m.switches[0]!.group = v), get: (m) => m.switches[0]?.group },
  { field: /^macros\[0\]\.value$/, set: (m, v) => m.macros.push({ name: "x", value: v }), get: (m) => m.macros[0]?.value },
  { field: /^includes\[0\]$/, set: (m, v) => m.includes.push(v), get: (m) => m.includes[0] },
  { field: /^localPrefix$/, set: (m, v) => (m.localPrefix = v), get: (m) => m.localPrefix },
  { field: /^agentx\.context$/, set: (m, v) => (m.agentx = { context: v }), get: (m) => m.agentx?.context },
];

test("no injection: any string in any field round-trips or is refused naming the field", () => {
  fc.assert(
    fc.property(fc.constantFrom(...setters), trickyString(30), (setter, value) => {
      const model = base();
      setter.set(model, value);
      let text: string;
      try {
        text = generate(model);
      } catch (error) {
        assert.instance(error, UnwritableValueError);
        assert.match((error as UnwritableValueError).field ?? "", setter.field);
        return;
      }
      assert.is(setter.get(parse(text).model), value);
    }),
    { numRuns },
  );
});

test.run();
