// The shared corpus of real install.conf files and disklabel templates:
// parse never throws, the lines cover each file byte for byte, answers and
// partitions are the text they cover, and clean files round-trip.
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { disklabel, explain, generate, parse, update, READING_PROBLEMS } from "../src/index.js";

const corpus = corpusDir();
const pick = (dir: string): string[] => (corpus ? filesUnder(join(corpus, dir)).filter((f) => !/\.(md|tsv)$/.test(f)) : []);
const answerFiles = pick("autoinstall");
const templates = pick("disklabel");

if (corpus) {
  test("the corpus has answer files and templates", () => {
    assert.ok(answerFiles.length >= 5 && templates.length >= 3, `${answerFiles.length} / ${templates.length}`);
  });
} else {
  test.skip("corpus cases (corpus: corpus or file absent)", () => {});
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
    // Every line the installer reads either answers a question or explain
    // says why not; every diagnostic lies inside the file.
    const lineCount = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
    for (const release of ["6.5", "7.8"] as const) {
      const result = explain(doc, { release });
      const used = new Set(result.answers.map((a) => a.line).filter((l) => l !== undefined));
      const explained = new Set(result.diagnostics.map((d) => d.line));
      doc.syntax.lines.forEach((line, i) => {
        if (line.kind === "answer") assert.ok(used.has(i + 1) || explained.has(i + 1), `${release}: line ${i + 1} is neither used nor explained`);
      });
      for (const d of result.diagnostics) assert.ok(d.line >= 1 && d.line <= Math.max(1, lineCount), `${release}: ${d.code} at line ${d.line} of ${lineCount}`);
      for (const a of result.answers) if (a.line !== undefined) assert.is(doc.syntax.lines[a.line - 1]!.kind, "answer");
    }
    assert.is(update(doc, () => {}), text);
    if (doc.diagnostics.length === 0) assert.equal(parse(generate(doc.model)).model, doc.model);
  });
}

// What the installer does with some of these files on a vmd guest (serial
// console com0, one vio0, one sd0, no CD drive, one processor, sets from a
// signed mirror that also lists site78.tgz), from install.sub's rules.
const byName = (part: string): string | undefined => answerFiles.find((f) => f.includes(part));
const read = (part: string) => parse(readFileSync(byName(part)!, "utf8"));
const at = (diagnostics: readonly { line: number; code: string }[], line: number): string[] => diagnostics.filter((d) => d.line === line).map((d) => d.code);

if (corpus && byName("craig-m__")) {
  test("craig-m: the last line has no newline, cd0 needs a CD drive, and without sets 'Are you *SURE*' stops the install", () => {
    const r = explain(read("craig-m__"));
    // Line 14 is the last line: the abort for want of an answer is placed there too.
    assert.equal(at(r.diagnostics, 14).sort(), ["ANSWERED_NO", "LAST_LINE_NOT_READ"]);
    assert.equal(at(r.diagnostics, 7), ["NO_SUCH_LOCATION"]);
    assert.equal(at(r.diagnostics, 4), ["UNKNOWN_QUESTION"], "xdm is not xenodm(1)");
    assert.is(r.answers.find((a) => a.id === "timezone")!.line, 10, "US/Pacific is a zone name");
    const last = r.answers[r.answers.length - 1]!;
    assert.equal([last.question, last.outcome], ["Are you *SURE* your install is complete without 'bsd'?", "abort"]);
  });
} else {
  test.skip("corpus cases (corpus && byName('craig-m__'): corpus or file absent)", () => {});
}

if (corpus && byName("double-p__")) {
  test("double-p: no hostname line and no DHCP host name: the install stops at the first question, the rest is not reached", () => {
    const r = explain(read("double-p__"));
    const last = r.answers[r.answers.length - 1]!;
    assert.equal([last.id, last.outcome], ["hostname", "abort"]);
    assert.equal(at(r.diagnostics, 2), ["NOT_REACHED"]);
    assert.equal(at(r.diagnostics, 3), ["UNKNOWN_QUESTION"], "ntpd is asked by no release");
    assert.not.ok(r.diagnostics.some((d) => d.code === "NOT_ASKED" && d.line > 1));
  });
} else {
  test.skip("corpus cases (corpus && byName('double-p__'): corpus or file absent)", () => {});
}

if (corpus && byName("JeremyGrosser__")) {
  test("JeremyGrosser: the root disk wd1 does not exist on the guest: the installer exits there", () => {
    const r = explain(read("JeremyGrosser__"));
    const last = r.answers[r.answers.length - 1]!;
    assert.equal([last.id, last.line, last.outcome], ["rootDisk", 6, "abort"]);
    assert.ok(r.diagnostics.some((d) => d.line === 6 && d.code === "REJECTED_ANSWER" && d.severity === "error"));
  });
} else {
  test.skip("corpus cases (corpus && byName('JeremyGrosser__'): corpus or file absent)", () => {});
}

if (corpus && byName("noplacenoaddress__OpenBSD__installation__install.conf")) {
  test("noplacenoaddress: an empty answer is skipped; the 6.5 interface key answers 6.5 only", () => {
    const doc = read("noplacenoaddress__OpenBSD__installation__install.conf");
    assert.equal(doc.diagnostics.filter((d) => READING_PROBLEMS.has(d.code)).map((d) => [d.line, d.code]), [[9, "IGNORED_LINE"]]);
    const newest = explain(doc, { release: "7.8" });
    assert.equal([at(newest.diagnostics, 5), at(newest.diagnostics, 8)], [["REWORDED_QUESTION"], ["REWORDED_QUESTION"]]);
    const old = explain(doc, { release: "6.5" });
    assert.equal(
      old.answers.filter((a) => a.id === "networkInterface").map((a) => [a.line, a.answer]),
      [
        [5, "vio0"],
        [8, "done"],
      ],
    );
  });
} else {
  test.skip("corpus cases (corpus && byName('noplacenoaddress__OpenBSD__installation__install.conf'): corpus or file absent)", () => {});
}

if (corpus && byName("reyk__")) {
  test("reyk: a template placeholder is not a host name (asked again), and '*' takes the site set, whose checksum question stops the install", () => {
    const doc = read("reyk__");
    assert.equal(doc.diagnostics.filter((d) => READING_PROBLEMS.has(d.code)).map((d) => [d.line, d.code]), [[3, "IGNORED_LINE"]]);
    const r = explain(doc);
    assert.ok(r.diagnostics.some((d) => d.line === 18 && d.code === "REJECTED_ANSWER" && d.severity === "warning"));
    const last = r.answers[r.answers.length - 1]!;
    assert.equal([last.question, last.outcome], ["Checksum test for site78.tgz failed. Continue anyway?", "abort"]);
  });
} else {
  test.skip("corpus cases (corpus && byName('reyk__'): corpus or file absent)", () => {});
}

if (corpus && byName("echothrust__")) {
  test("echothrust: the first set question takes 'done', cd0 without a CD drive is asked again, and the install completes", () => {
    const r = explain(read("echothrust__"));
    assert.equal(r.answers.find((a) => a.id === "setNames")!.line, 7);
    assert.equal(at(r.diagnostics, 8), ["NO_SUCH_LOCATION"]);
    assert.not.ok(r.answers.some((a) => a.outcome === "abort"));
  });
} else {
  test.skip("corpus cases (corpus && byName('echothrust__'): corpus or file absent)", () => {});
}

if (corpus && byName("install-static.conf")) {
  test("noplacenoaddress static: a real bcrypt hash is stored as given", () => {
    const doc = read("install-static.conf");
    assert.not.ok(doc.diagnostics.some((d) => d.code === "PASSWORD_STORED_DIFFERENTLY"));
    assert.is(explain(doc).answers.find((a) => a.id === "rootPassword")!.line, 11);
  });
} else {
  test.skip("corpus cases (corpus && byName('install-static.conf'): corpus or file absent)", () => {});
}

// Losslessness token by token is checked in disklabel.test.ts.
for (const file of templates) {
  test(`${relative(corpus!, file)}: empty update is identity, round trip when clean`, () => {
    const text = readFileSync(file, "utf8");
    const doc = disklabel.parse(text);
    assert.is(disklabel.update(doc, () => {}), text);
    if (doc.diagnostics.length === 0) {
      assert.equal(disklabel.parse(disklabel.generate(doc.model)).model, doc.model);
    }
  });
}

test.run();
