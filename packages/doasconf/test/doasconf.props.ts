// Properties (fast-check, propertyRuns() runs each): round trip, edit
// locality, no injection, and parse never throwing on fuzzed input.
import { corpusDir, diagnosticsInsideText, filesUnder, propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  doasCoverageProblem,
  generate,
  parse,
  ruleText,
  update,
  UnwritableValueError,
  type DoasConf,
  type Rule,
} from "../src/index.js";
import { doasConfArb, indentArb, ruleArb, triviaArb, wordValue, writable } from "./arbitraries.js";

const numRuns = propertyRuns();


test("round trip: parse(generate(m)).model equals m, with no diagnostics", () => {
  fc.assert(
    fc.property(doasConfArb(), (model) => {
      const doc = parse(generate(model));
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model, model);
    }),
    { numRuns },
  );
});

test("round trip for 6.5 (no nolog)", () => {
  fc.assert(
    fc.property(doasConfArb(false), (model) => {
      const doc = parse(generate(model, { release: "6.5" }), { release: "6.5" });
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model, model);
    }),
    { numRuns },
  );
});

// A decorated file: rules with comments, blank lines and indentation around them.
const decorated = fc
  .tuple(doasConfArb(), fc.array(fc.tuple(triviaArb(), indentArb()), { minLength: 7, maxLength: 7 }), triviaArb())
  .map(([model, deco, tail]) => ({
    model,
    text: model.rules.map((r, i) => deco[i]![0] + deco[i]![1] + ruleText(r, `rules[${i}]`) + "\n").join("") + tail,
  }));

test("edit locality: changing one rule rewrites only its statement; the result reads back as the change", () => {
  fc.assert(
    fc.property(decorated, fc.nat(), ruleArb(), ({ model, text }, pick, replacement) => {
      const doc = parse(text);
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model, model);
      assert.is(update(doc, () => {}), text);
      if (model.rules.length === 0) return;
      const k = pick % model.rules.length;
      const out = update(doc, (m) => {
        m.rules[k] = replacement;
      });
      const again = parse(out);
      assert.equal(again.diagnostics, []);
      const expected: Rule[] = model.rules.map((r, i) => (i === k ? replacement : r));
      assert.equal(again.model.rules, expected);
      // Everything before and after the rule's own span is kept byte for byte
      // (a replacement that is no edit of it may leave and come back elsewhere).
      const spans = doc.syntax.statements.filter((s) => s.kind === "rule");
      const span = spans[k]!;
      const before = text.slice(0, span.start);
      const after = text.slice(span.end);
      if (out.startsWith(before) && out.endsWith(after)) return;
      // Else: the old statement was removed and the new one inserted; other rules keep their text.
      for (let i = 0; i < spans.length; i++) {
        if (i !== k) assert.ok(out.includes(text.slice(spans[i]!.start, spans[i]!.end)), `rule ${i} kept`);
      }
    }),
    { numRuns },
  );
});

test("edit locality: inserting and removing rules leaves the other statements' bytes alone", () => {
  fc.assert(
    fc.property(decorated, fc.nat(), ruleArb(), fc.boolean(), ({ model, text }, pick, extra, remove) => {
      const doc = parse(text);
      const k = model.rules.length === 0 ? 0 : pick % (model.rules.length + (remove ? 0 : 1));
      const next: DoasConf = { rules: [...model.rules] };
      if (remove && model.rules.length > 0) next.rules.splice(k, 1);
      else next.rules.splice(k, 0, extra);
      const out = update(doc, () => next);
      const again = parse(out);
      assert.equal(again.diagnostics, []);
      assert.equal(again.model, next);
      const spans = doc.syntax.statements.filter((s) => s.kind === "rule");
      for (let i = 0; i < spans.length; i++) {
        if (remove && i === k) continue;
        assert.ok(out.includes(text.slice(spans[i]!.start, spans[i]!.end)), `rule ${i} kept`);
      }
    }),
    { numRuns },
  );
});

// Any string in any string field: written so that it reads back the same, or refused naming that field.
const stringFields: Array<[string, (r: Rule, s: string) => void]> = [
  ["identity.user", (r, s) => void (r.identity = { user: s })],
  ["identity.group", (r, s) => void (r.identity = { group: s })],
  ["target", (r, s) => void (r.target = s)],
  ["command", (r, s) => void (r.command = s)],
  ["args[0]", (r, s) => void ((r.command ??= "/bin/x"), (r.args = [s]))],
  ["options.setenv[0].name", (r, s) => void ((r.action = "permit"), (r.options = { ...r.options, setenv: [{ kind: "keep", name: s }] }))],
  ["options.setenv[0].name", (r, s) => void ((r.action = "permit"), (r.options = { ...r.options, setenv: [{ kind: "remove", name: s }] }))],
  ["options.setenv[0].value", (r, s) => void ((r.action = "permit"), (r.options = { ...r.options, setenv: [{ kind: "set", name: "N", value: s }] }))],
  ["options.setenv[0].from", (r, s) => void ((r.action = "permit"), (r.options = { ...r.options, setenv: [{ kind: "copy", name: "N", from: s }] }))],
];

test("no injection: any string in any field reads back the same, or is refused naming its field", () => {
  fc.assert(
    fc.property(ruleArb(), fc.nat(stringFields.length - 1), fc.oneof(trickyString(40), fc.string({ unit: "binary" }), wordValue()), (base, which, value) => {
      const [field, set] = stringFields[which]!;
      const rule = structuredClone(base);
      set(rule, value);
      const model: DoasConf = { rules: [rule] };
      let text: string;
      try {
        text = generate(model);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.ok((e as UnwritableValueError).field?.startsWith("rules[0]."), (e as UnwritableValueError).field);
        // A writable value is only refused for what it means (a user ':x', a set value '$x', a name with '=' or '-').
        if (writable(value)) assert.is((e as UnwritableValueError).field, `rules[0].${field}`);
        return;
      }
      const doc = parse(text);
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model, model);
    }),
    { numRuns },
  );
});

test("no injection: any JSON value in a field is written faithfully or refused", () => {
  const json = fc.jsonValue({ maxDepth: 2 });
  fc.assert(
    fc.property(ruleArb(), fc.constantFrom("action", "options", "identity", "target", "command", "args"), json, (base, key, value) => {
      const rule = { ...structuredClone(base), [key]: value } as unknown as Rule;
      let text: string;
      try {
        text = generate({ rules: [rule] });
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.ok((e as UnwritableValueError).field?.startsWith("rules[0]"));
        return;
      }
      const doc = parse(text);
      assert.equal(doc.diagnostics, []);
      assert.equal(doc.model.rules.length, 1);
    }),
    { numRuns },
  );
});

const corpus = corpusDir();
const corpusTexts = corpus ? filesUnder(join(corpus, "doasconf")).filter((f) => !/\.(md|tsv|txt)$/.test(f)).map((f) => readFileSync(f, "utf8")) : [];

function checkParse(text: string): void {
  const doc = parse(text);
  assert.is(doc.text, text);
  assert.is(doasCoverageProblem(doc.syntax.tokens), undefined);
  assert.ok(diagnosticsInsideText(doc), JSON.stringify(doc.diagnostics));
  // A document without syntax errors can be updated, and an empty update changes nothing.
  if (!doc.diagnostics.some((d) => d.syntax === true)) assert.is(update(doc, () => {}), text);
}

test("parse never throws on tricky strings, stays lossless, diagnostics inside the text", () => {
  fc.assert(fc.property(fc.oneof(trickyString(80), fc.string({ unit: "binary", maxLength: 80 })), (text) => checkParse(text)), { numRuns });
});

if (corpusTexts.length > 0) {
  test("parse never throws on mutated corpus files", () => {
    const mutation = fc.array(
      fc.tuple(fc.nat(), fc.nat(4), fc.oneof(trickyString(4), fc.constantFrom("\\", '"', "\n", "{", "}", "#", "\0", "permit ", "nopass ", "persist "))),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.nat(corpusTexts.length - 1), mutation, (which, edits) => {
        let text = corpusTexts[which]!;
        for (const [at, del, insert] of edits) {
          const p = at % (text.length + 1);
          text = text.slice(0, p) + insert + text.slice(p + del);
        }
        checkParse(text);
      }),
      { numRuns },
    );
  });
} else {
  console.log("SKIP 1 doasconf corpus not found");
}

test.run();
