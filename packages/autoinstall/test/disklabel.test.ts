// disklabel templates, checked against editor.c's rules (parse_autotable,
// parse_sizerange, parse_pct) as described in research/autoinstall.md.
import { UnwritableValueError } from "@obsdconf/core";
import { corpusDir, filesUnder, refusedField } from "@obsdconf/core/testing";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { disklabel } from "../src/index.js";

const numRuns = Number(process.env.FC_RUNS ?? 1000);

const template = "/\t\t2G\nswap\t\t512M-4G\t10%\n/tmp\t\t1G-4G\t5\n/home\t\t1G-*\t40%\n";

test("reads mount points, fixed sizes, ranges, open ranges and percentages", () => {
  const doc = disklabel.parse(template);
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model.partitions, [
    { mountPoint: "/", size: { kind: "fixed", size: "2G" } },
    { mountPoint: "swap", size: { kind: "range", min: "512M", max: "4G" }, percent: 10 },
    { mountPoint: "/tmp", size: { kind: "range", min: "1G", max: "4G" }, percent: 5 },
    { mountPoint: "/home", size: { kind: "range", min: "1G", max: "*" }, percent: 40 },
  ]);
});

test("disklabel's errors, with its wording and line numbers", () => {
  const cases: Array<[string, string[]]> = [
    ["/ 1G\n\n", ["parse error on line 2"]],
    ["/ 1G\n  /var 1G\n", ["parse error on line 2"]],
    ["/ 1G\nvar 1G\n", ["parse error on line 2"]],
    ["/ 1G\n/var\n", ["parse error on line 2"]],
    ["/ 10\n", ["parse error on line 1"]],
    ["/ 1X\n", ["parse error on line 1"]],
    ["/ 4G-1G\n", ["min size > max size on line 1"]],
    ["/ 1G 101%\n", ["parse percent 101: too large; parse error on line 1"]],
    ["/ 1G 60%\n/var 1G 50\n", ["sum of extra space allocation > 100%"]],
    ["/var 1G\n", ["'/' must be configured!"]],
  ];
  for (const [text, messages] of cases) {
    const errors = disklabel.parse(text).diagnostics.filter((d) => d.severity === "error");
    assert.equal(errors.map((d) => d.message), messages, JSON.stringify(text));
  }
});

test("what disklabel accepts quietly gets a warning: unit suffixes, extra fields, duplicates, two open ends", () => {
  const codes = (text: string): string[] => disklabel.parse(text).diagnostics.map((d) => d.code);
  assert.equal(codes("/ 1GB\n"), ["IGNORED_UNIT_TEXT"]);
  assert.equal(codes("/ 1G 5% extra\n"), ["IGNORED_FIELDS"]);
  assert.equal(codes("/ 1G\n/var 1G\n/var 2G\n"), ["DUPLICATE_MOUNT_POINT"]);
  assert.equal(codes("/ 1G\n/var *\n/home 1G-*\n"), ["MORE_THAN_ONE_REST"]);
  assert.equal(codes("/ 1-4G\nSWAP 1m\n"), [], "the min takes the max's unit; swap in any case");
});

test("generate and update", () => {
  const doc = disklabel.parse(template);
  assert.is(disklabel.generate(doc.model), "/\t2G\nswap\t512M-4G\t10%\n/tmp\t1G-4G\t5%\n/home\t1G-*\t40%\n");
  const edited = disklabel.update(doc, (m) => {
    m.partitions[0]!.size = { kind: "fixed", size: "4G" };
    m.partitions.splice(2, 0, { mountPoint: "/var", size: { kind: "range", min: "2G", max: "20G" }, percent: 15 });
  });
  assert.is(edited, "/\t4G\nswap\t\t512M-4G\t10%\n/var\t2G-20G\t15%\n/tmp\t\t1G-4G\t5\n/home\t\t1G-*\t40%\n");
  assert.throws(
    () => disklabel.generate({ partitions: [{ mountPoint: "/a b", size: { kind: "rest" } }] }),
    (e: unknown) => e instanceof UnwritableValueError && e.field === "partitions[0].mountPoint",
  );
  assert.throws(
    () => disklabel.generate({ partitions: [{ mountPoint: "/", size: { kind: "fixed", size: "1GB" } }] }),
    (e: unknown) => e instanceof UnwritableValueError && e.field === "partitions[0].size",
  );
  assert.equal(disklabel.validate({ partitions: [{ mountPoint: "/var", size: { kind: "fixed", size: "1G" } }] }).map((d) => d.code), ["NO_ROOT"]);
});

test("the model holds what disklabel reads: 1GB-2GB is read as 1G-2G (with a warning) and generated so", () => {
  const doc = disklabel.parse("/             1GB-2GB\n");
  assert.equal(doc.model.partitions, [{ mountPoint: "/", size: { kind: "range", min: "1G", max: "2G" } }]);
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [[1, "IGNORED_UNIT_TEXT"], [1, "IGNORED_UNIT_TEXT"]]);
  assert.is(disklabel.generate(doc.model), "/\t1G-2G\n");
  assert.is(disklabel.update(doc, () => {}), "/             1GB-2GB\n", "no change, no edit");
});

test("a size without kind says the kind is missing; every field of a model from JSON is checked", () => {
  const refused = (partitions: unknown): string | undefined => refusedField(() => disklabel.generate({ partitions } as never));
  const error = (partitions: unknown): string => {
    try {
      disklabel.generate({ partitions } as never);
    } catch (e) {
      return (e as Error).message;
    }
    return "";
  };
  assert.is(refused([{ mountPoint: "/", size: { min: "1G", max: "*" } }]), "partitions[0].size.kind");
  assert.match(error([{ mountPoint: "/", size: { min: "1G", max: "*" } }]), "the size has no kind");
  assert.not.match(error([{ mountPoint: "/", size: { min: "1G", max: "*" } }]), "MIN-MAX");
  assert.is(refused([{ mountPoint: "/", size: { kind: "fixed", size: 2 } }]), "partitions[0].size");
  assert.is(refused([{ mountPoint: "/", size: { kind: "range", min: "1G", max: "2G\n/var" } }]), "partitions[0].size");
  assert.is(refused([{ mountPoint: "/\n/var", size: { kind: "rest" } }]), "partitions[0].mountPoint");
  assert.is(refused([{ mountPoint: 7, size: { kind: "rest" } }]), "partitions[0].mountPoint");
  assert.is(refused([{ mountPoint: "/", size: { kind: "rest" }, percent: "5" }]), "partitions[0].percent");
  assert.is(refused([{ mountPoint: "/", size: "*" }]), "partitions[0].size");
  assert.is(refused([null]), "partitions[0]");
  assert.is(refused("/ 1G"), "partitions");
});

test("validate speaks in model paths, with the checks parse makes", () => {
  const diags = disklabel.validate({
    partitions: [
      { mountPoint: "/", size: { kind: "range", min: "4G", max: "1G" } },
      { mountPoint: "/var", size: { kind: "fixed", size: "1G" }, percent: 60 },
      { mountPoint: "/var", size: { kind: "fixed", size: "1X" }, percent: 50 },
      { mountPoint: "/var", size: { kind: "fixed", size: "1G" }, percent: 50 },
    ],
  });
  assert.equal(
    diags.map((d) => [d.path, d.code]),
    [
      ["partitions[0].size", "MIN_ABOVE_MAX"],
      ["partitions[2].size", "UNWRITABLE_VALUE"],
      ["partitions[3]", "DUPLICATE_MOUNT_POINT"],
      ["partitions", "PERCENT_OVER_100"],
    ],
  );
  assert.is(diags[2]!.message, "/var is already given on partitions[1]");
  assert.ok(diags.every((d) => !("line" in d)));
});

test("parse takes UTF-8 bytes and says which other input it refuses", () => {
  assert.equal(disklabel.parse(new TextEncoder().encode("/ 1G\n")).model.partitions, [{ mountPoint: "/", size: { kind: "fixed", size: "1G" } }]);
  assert.throws(() => disklabel.parse(undefined as never), /disklabel\.parse: expected a string or a Uint8Array/);
  assert.is(disklabel.parse("/ 1G\n", { fileName: "t" }).fileName, "t");
});

test("generate and update refuse arbitrary strings they cannot write back, and write back the rest", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.constantFrom("mountPoint", "size", "min", "max"), (value, field) => {
      const p: Record<string, unknown> = { mountPoint: "/", size: { kind: "range", min: "1G", max: "2G" } };
      if (field === "mountPoint") p.mountPoint = value;
      else if (field === "size") p.size = { kind: "fixed", size: value };
      else p.size = { kind: "range", min: "1G", max: "2G", [field]: value };
      const model = { partitions: [p] } as never;
      let text: string;
      try {
        text = disklabel.generate(model);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError && e.field!.startsWith("partitions[0]"), String(e));
        return;
      }
      assert.equal(disklabel.parse(text).model, model);
      assert.equal(disklabel.parse(disklabel.update(disklabel.parse("/ 1G\n"), () => model)).model, model);
    }),
    { numRuns },
  );
});

const corpus = corpusDir();
for (const file of corpus ? filesUnder(join(corpus, "disklabel")).filter((f) => !/\.(md|tsv)$/.test(f)) : []) {
  test(`${relative(corpus!, file)}: lines and tokens cover the text; generate writes what was read`, () => {
    const text = readFileSync(file, "utf8");
    const doc = disklabel.parse(text);
    let rebuilt = "";
    let at = 0;
    for (const line of doc.syntax.lines) {
      assert.is(line.start, at);
      for (const [start, end] of line.tokens) {
        assert.match(text.slice(at, start), /^[ \t\v\f\r]*$/);
        assert.match(text.slice(start, end), /^[^ \t\v\f\r\n]+$/);
        rebuilt += text.slice(at, start) + text.slice(start, end);
        at = end;
      }
      assert.match(text.slice(at, line.lineEnd), /^[ \t\v\f\r]*\n?$/);
      rebuilt += text.slice(at, line.lineEnd);
      at = line.lineEnd;
    }
    assert.is(rebuilt, text);
    assert.equal(disklabel.parse(disklabel.generate(doc.model)).model, doc.model);
  });
}

test.run();
