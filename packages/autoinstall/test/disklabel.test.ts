// disklabel templates, checked against editor.c's rules (parse_autotable,
// parse_sizerange, parse_pct) as described in research/autoinstall.md.
import { UnwritableValueError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { disklabel } from "../src/index.js";

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

test.run();
