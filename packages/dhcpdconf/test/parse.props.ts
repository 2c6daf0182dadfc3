// Properties of parse on mutated corpus files and arbitrary text: it never
// throws, tokens and trivia still cover the text, diagnostics point inside
// it, and statement spans are ordered and inside their parents.
import { corpusDir, filesUnder, propertyRuns } from "@obsdconf/core/testing";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { dhcpdCoverageProblem, parse, type DhcpdConfDocument, type Statement } from "../src/index.js";

const numRuns = propertyRuns();
const corpus = corpusDir();
const root = corpus ? join(corpus, "dhcpdconf") : undefined;
const texts = root ? filesUnder(root).filter((f) => !/\.(md|tsv|txt)$/.test(f)).map((f) => readFileSync(f, "utf8")) : [];

// A sample of the statements the grammar knows, for texts without the corpus too.
const SAMPLE = `option domain-name "example.org";
default-lease-time 600;
subnet 10.0.0.0 netmask 255.255.255.0 {
  range dynamic-bootp 10.0.0.10 10.0.0.20;
  option routers 10.0.0.1;
  group { host a.b { hardware ethernet 00:0c:29:ab:cd:ef; fixed-address 10.0.0.5, h.example; } }
}
shared-network "n" { subnet 10.1.0.0 netmask 255.255.0.0 { } }
vendor-class "x" { option classless-static-routes 0/0 10.0.0.1; }
`;

const PIECES = [";", "{", "}", '"', "#", "\n", ":", ".", ",", "/", "\\", " ", "-", "_", "é", "\u0000", "host", "subnet", "option", "10", "ff", "0x1", "not", "range"];

type Mutation = { at: number; del: number; insert: string };
const mutationArb = fc.record({
  at: fc.nat(),
  del: fc.nat({ max: 12 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
});

function mutate(text: string, mutations: Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    t = t.slice(0, at) + m.insert + t.slice(at + m.del);
  }
  return t;
}

function spansOk(doc: DhcpdConfDocument): string | undefined {
  const n = doc.text.length;
  const walk = (list: readonly Statement[], from: number, to: number): string | undefined => {
    let last = from;
    for (const s of list) {
      if (!(s.start >= last && s.start <= s.end && s.end <= to && s.lineEnd >= s.end && s.lineEnd <= n)) {
        return `bad span ${s.kind} ${s.start}-${s.end} (after ${last}, inside ${to})`;
      }
      last = s.end;
      if ("body" in s) {
        const inner = walk(s.body, s.open.end, s.close.start);
        if (inner) return inner;
      }
    }
    return undefined;
  };
  return walk(doc.syntax.statements, 0, n);
}

function diagnosticsInside(doc: DhcpdConfDocument): boolean {
  const lines = doc.text.split("\n");
  return doc.diagnostics.every(
    (d) => d.line >= 1 && d.line <= lines.length && d.column >= 1 && d.column <= lines[d.line - 1]!.length + 1 && d.endLine >= d.line,
  );
}

function check(text: string): void {
  const doc = parse(text);
  assert.is(doc.text, text);
  assert.is(dhcpdCoverageProblem(doc.syntax.tokens), undefined);
  assert.ok(diagnosticsInside(doc), "diagnostic outside the text");
  if (!doc.diagnostics.some((d) => d.code === "BINARY_INPUT")) assert.is(spansOk(doc), undefined);
  assert.not.ok(doc.diagnostics.some((d) => d.code === "INTERNAL_ERROR"));
  for (const [path, span] of doc.syntax.locations) {
    assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, path);
  }
}

test("parse never throws and stays lossless on mutated corpus files", () => {
  const sources = texts.length ? [...texts, SAMPLE] : [SAMPLE];
  fc.assert(
    fc.property(fc.constantFrom(...sources), fc.array(mutationArb, { minLength: 1, maxLength: 8 }), (text, mutations) => {
      check(mutate(text, mutations));
    }),
    { numRuns },
  );
});

test("parse never throws on arbitrary text", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200, unit: fc.constantFrom(...PIECES) }), (text) => {
      check(text);
    }),
    { numRuns },
  );
});

test("deep nesting is a diagnostic, not a crash", () => {
  const text = "group {\n".repeat(20000);
  const doc = parse(text);
  assert.ok(doc.diagnostics.length > 0);
});

test.run();
