// Properties: arbitrary trees build, extract with GNU tar to the same
// contents and modes, and build twice to the same bytes; hostile names are
// refused; the text helpers round-trip and refuse what their readers misread.
import { UnwritableValueError } from "@obsdconf/core";
import { propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  buildSiteSet,
  installurl,
  rcConfLocal,
  SiteSetError,
  splitUstarPath,
  sysctlConf,
  type SiteSetEntry,
} from "../src/index.js";
import { extract, tarTools } from "./oracle.js";

const numRuns = propertyRuns();
const tools = tarTools();

const segmentChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789._-") },
  { weight: 1, arbitrary: fc.constantFrom(" ", "ü", "é", "日", "本", "🙂", "#", "'", '"', "\\") },
);
const segment = fc
  .oneof({ weight: 5, arbitrary: fc.string({ unit: segmentChar, minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: segmentChar, minLength: 60, maxLength: 99 }) })
  .filter((s) => s !== "." && s !== "..");
const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join("/"));

const treeArb = fc
  .uniqueArray(
    fc.record({
      path: pathArb,
      directory: fc.boolean(),
      content: fc.uint8Array({ maxLength: 700 }),
      mode: fc.constantFrom(0o644, 0o600, 0o755, 0o700, 0o750),
    }),
    { selector: (e) => e.path, maxLength: 10 },
  )
  .map((items) => {
    const paths = new Set(items.map((i) => i.path));
    // A file cannot also be a directory above another entry.
    return items
      .filter((i) => splitUstarPath(`${i.path}/`) !== undefined)
      .filter((i) => i.directory || ![...paths].some((p) => p.startsWith(`${i.path}/`)))
      .map((i): SiteSetEntry => (i.directory ? { path: i.path, type: "directory", mode: i.mode | 0o700 } : { path: i.path, content: i.content, mode: i.mode }));
  });

if (tools.gnu) {
  test("arbitrary trees extract with GNU tar to the same contents and modes, and build to the same bytes twice", async () => {
    await fc.assert(
      fc.asyncProperty(treeArb, async (entries) => {
        const bytes = await buildSiteSet({ release: "7.6", entries });
        assert.equal(await buildSiteSet({ release: "7.6", entries: [...entries].reverse() }), bytes);
        const tree = extract("tar", bytes);
        for (const e of entries) {
          const got = tree.get(e.path);
          if (e.type === "directory") assert.equal(got, { type: "directory", mode: e.mode }, e.path);
          else assert.equal(got, { type: "file", mode: e.mode, content: Buffer.from(e.content as Uint8Array).toString("base64") }, e.path);
        }
      }),
      { numRuns },
    );
  });
} else {
  test.skip("arbitrary trees extract with GNU tar (GNU tar not installed)", () => {});
}

test("hostile names are refused with a typed error naming the path", async () => {
  const hostile = fc.oneof(
    pathArb.map((p) => `/${p}`),
    fc.tuple(pathArb, pathArb).map(([a, b]) => `${a}/../${b}`),
    fc.tuple(pathArb, pathArb).map(([a, b]) => `${a}\0${b}`),
    fc.tuple(pathArb, fc.integer({ min: 101, max: 300 })).map(([a, n]) => `${a}/${"n".repeat(n)}`),
    fc.integer({ min: 157, max: 400 }).map((n) => `${"p".repeat(n)}/file`),
    fc.constant(""),
  );
  await fc.assert(
    fc.asyncProperty(hostile, async (path) => {
      try {
        await buildSiteSet({ release: "7.6", entries: [{ path, content: "x" }] });
      } catch (e) {
        assert.ok(e instanceof SiteSetError, String(e));
        assert.is((e as SiteSetError).path, path);
        return;
      }
      assert.unreachable(`accepted ${JSON.stringify(path)}`);
    }),
    { numRuns },
  );
});

const mib = fc.array(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 2, maxLength: 4 }).map((p) => p.join(".")).filter((n) => /^[a-z][a-z0-9]*\./.test(n));
const plainValue = fc.stringMatching(/^[A-Za-z0-9_.,:-]{0,12}$/);

test("sysctl.conf and rc.conf.local: a value either reads back the same or is refused naming it", () => {
  fc.assert(
    fc.property(mib, trickyString(16), (name, value) => {
      try {
        const text = sysctlConf.generate({ settings: [{ name, value }] });
        assert.equal(sysctlConf.parse(text).model.settings, [{ name, value }]);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.is((e as UnwritableValueError).field, "settings[0].value");
      }
      try {
        const text = rcConfLocal.generate({ variables: [{ name: "x_flags", value }] });
        const doc = rcConfLocal.parse(text);
        assert.equal(doc.model.variables, [{ name: "x_flags", value }]);
        assert.equal(doc.diagnostics, []);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.is((e as UnwritableValueError).field, "variables[0].value");
      }
      try {
        const text = installurl.generate({ urls: [value] });
        assert.equal(installurl.parse(text).model.urls, [value]);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.is((e as UnwritableValueError).field, "urls[0]");
      }
    }),
    { numRuns },
  );
});

test("round trip: generated sysctl.conf, rc.conf.local and installurl parse back to the same model", () => {
  const rcValue = fc.oneof(plainValue, fc.stringMatching(/^[A-Za-z0-9 ._:-]{0,12}$/));
  fc.assert(
    fc.property(
      fc.array(fc.record({ name: mib, value: plainValue }, { noNullPrototype: true }), { maxLength: 6 }),
      fc.array(fc.record({ name: fc.stringMatching(/^[a-z][a-z0-9]{0,6}_(flags|user|timeout)$/), value: rcValue }, { noNullPrototype: true }), { maxLength: 6 }),
      fc.array(fc.stringMatching(/^https?:\/\/[a-z0-9.]{1,12}(\/[A-Za-z0-9._-]{0,10})*$/), { maxLength: 3 }),
      (settings, variables, urls) => {
        const sysctl = sysctlConf.parse(sysctlConf.generate({ settings }));
        assert.equal(sysctl.model.settings, settings);
        assert.equal(sysctl.diagnostics, []);
        const rc = rcConfLocal.parse(rcConfLocal.generate({ variables }));
        assert.equal(rc.model.variables, variables);
        assert.equal(rc.diagnostics.filter((d) => d.code !== "REPEATED_VARIABLE"), []);
        const iu = installurl.parse(installurl.generate({ urls }));
        assert.equal(iu.model.urls, urls);
      },
    ),
    { numRuns },
  );
});

test("edit locality: changing one value touches only its line; comments stay", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(mib, plainValue), { selector: (t) => t[0], minLength: 1, maxLength: 6 }),
      fc.nat(),
      plainValue,
      (pairs, pick, newValue) => {
        const lines = pairs.map(([n, v], i) => `${i % 2 ? "# note\n" : ""}${n}=${v}${i % 3 ? "   # why" : ""}`);
        const text = `${lines.join("\n")}\n`;
        const doc = sysctlConf.parse(text);
        const i = pick % pairs.length;
        const after = sysctlConf.update(doc, (m) => {
          m.settings[i]!.value = newValue;
        });
        const expected = doc.model.settings.map((s, k) => (k === i ? { ...s, value: newValue } : s));
        assert.equal(sysctlConf.parse(after).model.settings, expected);
        const before = text.split("\n");
        const changed = after.split("\n").filter((l, k) => l !== before[k]);
        assert.ok(changed.length <= 1, "one line changed at most");

        const rc = rcConfLocal.parse(text.replaceAll(".", "_").replace(/=/g, "_flags="));
        const rcAfter = rcConfLocal.update(rc, (m) => {
          m.variables[i]!.value = newValue;
        });
        assert.equal(rcConfLocal.parse(rcAfter).model.variables, rc.model.variables.map((v, k) => (k === i ? { ...v, value: newValue } : v)));
      },
    ),
    { numRuns },
  );
});

test("no injection: any string or JSON value in any field through generate and update reads back the same or is refused naming the field", () => {
  const anyValue = fc.oneof({ weight: 4, arbitrary: trickyString(16) }, { weight: 1, arbitrary: fc.anything() });
  const check = (write: () => string, read: (text: string) => unknown, model: unknown, field: string): void => {
    let text: string;
    try {
      text = write();
    } catch (e) {
      assert.ok(e instanceof UnwritableValueError, String(e));
      assert.ok(field.startsWith((e as UnwritableValueError).field!), `${(e as UnwritableValueError).field} names ${field}`);
      return;
    }
    assert.equal(read(text), model);
  };
  fc.assert(
    fc.property(anyValue, fc.constantFrom("name", "value"), (value, field) => {
      const setting = { name: "kern.maxfiles", value: "1", [field]: value };
      const sysctl = { settings: [setting] } as never;
      check(() => sysctlConf.generate(sysctl), (t) => sysctlConf.parse(t).model, sysctl, `settings[0].${field}`);
      const old = sysctlConf.parse("# keep\nkern.maxfiles=2 # why\n");
      check(() => sysctlConf.update(old, () => sysctl), (t) => sysctlConf.parse(t).model, sysctl, `settings[0].${field}`);
      const variable = { name: "ntpd_flags", value: "-s", [field]: value };
      const rc = { variables: [variable] } as never;
      check(() => rcConfLocal.generate(rc), (t) => rcConfLocal.parse(t).model, rc, `variables[0].${field}`);
      const oldRc = rcConfLocal.parse("# keep\nntpd_flags=NO\n");
      check(() => rcConfLocal.update(oldRc, () => rc), (t) => rcConfLocal.parse(t).model, rc, `variables[0].${field}`);
      const urls = { urls: [value] } as never;
      check(() => installurl.generate(urls), (t) => installurl.parse(t).model, urls, "urls[0]");
      check(() => installurl.update(installurl.parse("# m\nhttps://a.example/x\n"), () => urls), (t) => installurl.parse(t).model, urls, "urls[0]");
    }),
    { numRuns },
  );
});

test("the text helpers never throw on any text", () => {
  fc.assert(
    fc.property(fc.oneof(trickyString(120), fc.string({ unit: fc.constantFrom("a", "=", " ", "\t", "\n", "#", '"', "'", ".", "_", "1"), maxLength: 120 })), (text) => {
      for (const doc of [installurl.parse(text), sysctlConf.parse(text), rcConfLocal.parse(text)]) {
        for (const d of doc.diagnostics) assert.ok(d.line >= 1 && d.column >= 1);
        assert.is(doc.text, text);
      }
    }),
    { numRuns },
  );
});

test.run();
