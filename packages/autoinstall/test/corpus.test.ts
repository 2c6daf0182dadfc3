// The shared corpus of real install.conf files and disklabel templates:
// parse never throws, the lines cover each file byte for byte, answers and
// partitions are the text they cover, and clean files round-trip.
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { disklabel, explain, generate, parse, update } from "../src/index.js";

const corpus = corpusDir();
const pick = (dir: string): string[] => (corpus ? filesUnder(join(corpus, dir)).filter((f) => !/\.(md|tsv)$/.test(f)) : []);
const answerFiles = pick("autoinstall");
const templates = pick("disklabel");

if (corpus) {
  test("the corpus has answer files and templates", () => {
    assert.ok(answerFiles.length >= 5 && templates.length >= 3, `${answerFiles.length} / ${templates.length}`);
  });
}

for (const file of answerFiles) {
  test(`${relative(corpus!, file)}: lossless, explained, round trip when clean`, () => {
    const text = readFileSync(file, "utf8");
    const doc = parse(text);
    let previous = 0;
    for (const line of doc.syntax.lines) {
      assert.ok(line.lineEnd > previous || (line.lineEnd === previous && previous === text.length));
      previous = line.lineEnd;
      if (line.kind === "answer") {
        const a = doc.model.answers[line.answerIndex]!;
        assert.is(text.slice(line.start, line.keyEnd), a.key);
        assert.is(text.slice(line.answerStart, line.end), a.answer);
      }
    }
    assert.is(previous, text.length);
    for (const release of ["6.5", "7.8"] as const) explain(doc, { release });
    assert.is(update(doc, () => {}), text);
    if (doc.diagnostics.length === 0) assert.equal(parse(generate(doc.model)).model, doc.model);
  });
}

for (const file of templates) {
  test(`${relative(corpus!, file)}: lossless, round trip when clean`, () => {
    const text = readFileSync(file, "utf8");
    const doc = disklabel.parse(text);
    assert.is(doc.syntax.lines[doc.syntax.lines.length - 1]?.lineEnd ?? 0, text.length);
    assert.is(disklabel.update(doc, () => {}), text);
    if (doc.diagnostics.length === 0) {
      assert.equal(disklabel.parse(disklabel.generate(doc.model)).model, doc.model);
    }
  });
}

test.run();
