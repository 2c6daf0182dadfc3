// UpdateError, refuseSyntaxErrors and updatedText: the part of `update` every
// format package shares. Documents here are a line of text and a small model;
// the edits are written by hand for each case.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { refuseSyntaxErrors, UpdateError, updatedText, type Diagnostic, type TextEdit } from "../src/index.js";

function diagnostic(line: number, message: string, syntax: boolean): Diagnostic {
  const d: Diagnostic = { severity: "error", code: syntax ? "SYNTAX" : "OTHER", message, line, column: 1, endLine: line, endColumn: 2 };
  if (syntax) d.syntax = true;
  return d;
}

test("UpdateError is an Error named UpdateError", () => {
  const e = new UpdateError("no");
  assert.instance(e, Error);
  assert.instance(e, UpdateError);
  assert.is(e.name, "UpdateError");
  assert.is(e.message, "no");
});

test("refuseSyntaxErrors: no diagnostics, or none a syntax error, is no refusal", () => {
  assert.not.throws(() => refuseSyntaxErrors([]));
  assert.not.throws(() => refuseSyntaxErrors([diagnostic(2, "unused macro", false)]));
});

test("refuseSyntaxErrors names the first syntax error, skipping other diagnostics", () => {
  const diagnostics = [diagnostic(1, "unused macro", false), diagnostic(4, "syntax error", true), diagnostic(7, "unexpected }", true)];
  let thrown: unknown;
  try {
    refuseSyntaxErrors(diagnostics);
  } catch (e) {
    thrown = e;
  }
  assert.instance(thrown, UpdateError);
  assert.is((thrown as Error).message, "cannot edit a file with syntax errors (line 4: syntax error)");
});

interface Doc {
  text: string;
  model: { name: string; tags: string[] };
}

// Rewrites the word after "name " when the name changed.
function nameEdits(doc: Doc, model: Doc["model"]): TextEdit[] {
  if (model.name === doc.model.name) return [];
  return [{ offset: 5, length: doc.model.name.length, content: model.name }];
}

test("updatedText applies the edits of the changed model to the text", () => {
  const doc: Doc = { text: "name old # kept\n", model: { name: "old", tags: [] } };
  assert.is(updatedText(doc, (m) => void (m.name = "new"), nameEdits), "name new # kept\n");
});

test("updatedText: a change may return a new model instead of mutating", () => {
  const doc: Doc = { text: "name a\n", model: { name: "a", tags: ["x"] } };
  assert.is(updatedText(doc, (m) => ({ ...m, name: "bb" }), nameEdits), "name bb\n");
});

test("updatedText leaves the document's model as it was and hands the edits the document", () => {
  const doc: Doc = { text: "name a\n", model: { name: "a", tags: ["x"] } };
  let seen: Doc | undefined;
  let unchangedPart: string[] | undefined;
  const out = updatedText(
    doc,
    (m) => void (m.name = "b"),
    (d, model) => {
      seen = d;
      unchangedPart = model.tags;
      return nameEdits(d, model);
    },
  );
  assert.is(out, "name b\n");
  assert.is(seen, doc);
  assert.equal(doc.model, { name: "a", tags: ["x"] });
  // Copy-on-write: the part the change did not touch is the same object.
  assert.is(unchangedPart, doc.model.tags);
});

test("updatedText with no change returns the text as it was", () => {
  const doc: Doc = { text: "name a\n", model: { name: "a", tags: [] } };
  assert.is(updatedText(doc, () => {}, nameEdits), "name a\n");
});

test.run();
