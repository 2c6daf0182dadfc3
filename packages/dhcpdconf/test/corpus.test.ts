// Every dhcpd.conf in the shared corpus: parse never throws, tokens and
// trivia cover the file byte for byte, an empty update is the identity, the
// files without errors round-trip through generate, and the files the corpus
// marks as plain OpenBSD style parse without errors. Read in place, never copied.
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { dhcpdCoverageProblem, generate, parse, update } from "../src/index.js";

const corpus = corpusDir();
const root = corpus ? join(corpus, "dhcpdconf") : undefined;
const files = root ? filesUnder(root).filter((f) => !/\.(md|tsv|txt)$/.test(f)) : [];

if (root) {
  test("the corpus has dhcpd.conf files", () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });

  for (const file of files) {
    const name = relative(root, file);
    test(`${name}: parses without throwing, losslessly`, () => {
      const text = readFileSync(file, "utf8");
      const doc = parse(text, { fileName: name });
      assert.is(doc.text, text);
      assert.is(dhcpdCoverageProblem(doc.syntax.tokens), undefined);
      assert.not.ok(doc.diagnostics.some((d) => d.code === "INTERNAL_ERROR" || d.code === "NESTING_TOO_DEEP"));
      // An empty update changes nothing; a file without errors reads back from its generated text.
      if (!doc.diagnostics.some((d) => d.syntax === true)) assert.is(update(doc, () => {}), text);
      if (!doc.diagnostics.some((d) => d.severity === "error")) {
        const again = parse(generate(doc.model));
        assert.equal(again.model, doc.model);
        assert.equal(again.diagnostics.filter((d) => d.severity === "error"), []);
      }
    });
  }

  // real-STYLE.tsv: the style of each real file; one is marked malformed
  // (empty `hardware ethernet ;`). The stock sample and the others are valid.
  const styles = readFileSync(join(root, "real-STYLE.tsv"), "utf8")
    .split("\n")
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split("\t") as [string, string]);

  test("the stock etc/dhcpd.conf sample parses without diagnostics", () => {
    const doc = parse(readFileSync(join(root, "openbsd-examples", "dhcpd.conf"), "utf8"));
    assert.equal(doc.diagnostics, []);
    assert.is(doc.model.sharedNetworks[0]!.name, "LOCAL-NET");
  });

  for (const [local, style] of styles) {
    const path = join(root, "real", local);
    if (!files.includes(path)) continue;
    if (/malformed/.test(style)) {
      test(`${local}: the malformed file gets syntax errors`, () => {
        const doc = parse(readFileSync(path, "utf8"));
        assert.ok(doc.diagnostics.some((d) => d.syntax === true));
      });
    } else {
      test(`${local}: no syntax errors (${style})`, () => {
        const doc = parse(readFileSync(path, "utf8"));
        assert.equal(
          doc.diagnostics.filter((d) => d.syntax === true).map((d) => `${d.line}: ${d.message}`),
          [],
        );
      });
    }
  }

  test("the malformed real file: dhcpd's message on each empty hardware line", () => {
    const path = join(root, "real", "zachnedwich__obsd-router__etc__dhcpd.conf");
    if (!files.includes(path)) return;
    const text = readFileSync(path, "utf8");
    const expected = text
      .split("\n")
      .flatMap((l, i) => (/hardware ethernet\s*;/.test(l) ? [`${i + 1}: expecting numeric value.`] : []));
    const doc = parse(text);
    assert.equal(
      doc.diagnostics.filter((d) => d.syntax === true).map((d) => `${d.line}: ${d.message}`),
      expected,
    );
  });
} else {
  test.skip("corpus files (corpus absent)", () => {});
}

test.run();
