// Every vm.conf in the shared corpus outside the regress suite: parse never
// throws, tokens and trivia cover the file byte for byte, files without errors
// round-trip through generate, and an empty update changes nothing.
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { coverageProblem } from "@obsdconf/core";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, parse, update } from "../src/index.js";

const corpus = corpusDir();
const files = corpus
  ? filesUnder(join(corpus, "vmconf")).filter((f) => !f.includes("openbsd-regress") && !/\.(md|tsv)$/.test(f))
  : [];

if (corpus) {
  test("the corpus has vm.conf files beside the regress suite", () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });
}

for (const file of files) {
  const name = relative(corpus!, file);
  test(`${name}: lossless, round trip when clean, empty update is identity`, () => {
    const text = readFileSync(file, "utf8");
    const doc = parse(text, { fileName: name });
    assert.is(coverageProblem(doc.syntax.tokens), undefined);
    for (const d of doc.diagnostics) {
      assert.ok(d.line >= 1 && d.line <= doc.syntax.lines.lineCount, `${d.line} in ${name}`);
    }
    const errors = doc.diagnostics.filter((d) => d.severity === "error");
    if (errors.length === 0) {
      assert.equal(parse(generate(doc.model)).model, doc.model);
      assert.is(update(doc, () => {}), text);
    }
  });
}

if (!corpus) test.skip("vm.conf corpus (absent)", () => {});

test.run();
