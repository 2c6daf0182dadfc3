// Every doas.conf in the shared corpus (read in place, never copied): parse
// never throws, tokens and trivia cover the file byte for byte, an empty
// update is the identity, and the files without errors round-trip through
// generate. PROVENANCE.tsv marks one file as having no final newline:
// doas's grammar has no production for a rule ended by the end of file, so
// that file gets exactly one `syntax error` on its last line (line 1).
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { doasCoverageProblem, doasMessages, generate, parse, RELEASES, update } from "../src/index.js";

const corpus = corpusDir();
const root = corpus ? join(corpus, "doasconf") : undefined;
const files = root ? filesUnder(root).filter((f) => !/\.(md|tsv|txt)$/.test(f)) : [];

if (root) {
  test("the corpus has doas.conf files", () => {
    assert.ok(files.length >= 10, `found ${files.length}`);
  });

  for (const file of files) {
    const name = relative(root, file);
    test(`${name}: parses without throwing, losslessly, for every release`, () => {
      const text = readFileSync(file, "utf8");
      for (const release of RELEASES) {
        const doc = parse(text, { fileName: name, release });
        assert.is(doc.text, text);
        assert.is(doasCoverageProblem(doc.syntax.tokens), undefined);
        // Statements lie inside the text, in order.
        let at = 0;
        for (const s of doc.syntax.statements) {
          assert.ok(s.start >= at && s.start <= s.end && s.end <= s.lineEnd && s.lineEnd <= text.length, `${name}: statement at ${s.start}`);
          at = s.lineEnd;
        }
      }
      const doc = parse(text, { fileName: name });
      if (!doc.diagnostics.some((d) => d.syntax === true)) assert.is(update(doc, () => {}), text);
      if (!doc.diagnostics.some((d) => d.severity === "error")) {
        const again = parse(generate(doc.model));
        assert.equal(again.diagnostics, []);
        assert.equal(again.model, doc.model);
      }
    });
  }

  test("the file without a final newline: one syntax error at line 1, and doas drops its rule", () => {
    const name = "real/duckish__openbsd-setup__etc__doas.conf";
    const text = readFileSync(join(root, name), "utf8");
    assert.not.ok(text.endsWith("\n"));
    const doc = parse(text);
    assert.is(doasMessages(doc), "doas: syntax error at line 1\n");
    assert.is(doc.model.rules.length, 0);
    // With the newline added, doas reads it.
    const fixed = parse(text + "\n");
    assert.equal(fixed.diagnostics, []);
    assert.equal(fixed.model.rules[0]!.identity, { user: "YOUR_USERNAME" });
  });

  test("all the other corpus files are clean for the newest release", () => {
    const dirty = files
      .filter((f) => !f.includes("duckish__"))
      .filter((f) => parse(readFileSync(f, "utf8")).diagnostics.length > 0)
      .map((f) => relative(root, f));
    assert.equal(dirty, []);
  });
} else {
  console.log("SKIP 1 doasconf corpus not found");
}

test.run();
