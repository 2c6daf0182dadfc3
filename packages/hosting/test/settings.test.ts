// The shell-style line grammar: what a shell would read from KEY=value lines
// (POSIX sh: quote removal, no field splitting in assignments, `#` starts a
// comment only at the start of a word) and a diagnostic for every line a
// shell would read differently. Expected values are worked out by hand from
// those rules; settings.props.ts checks accepted lines against /bin/sh itself.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSettings } from "../src/index.js";

const spec = { what: "test.conf", keys: ["A", "B", "C", "LONG_NAME"], required: [] as string[], verb: "test" };
const read = (text: string) => readSettings(text, "test.conf", spec);
const codes = (text: string) => read(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`);

test("values: unquoted, single, double quoted, and their concatenation, as sh removes quotes", () => {
  const r = read(`A=plain\nB='single $x \\ "q"'\nC="double 'q' # not a comment"\nLONG_NAME=a"b c"'d'e\n`);
  assert.equal(r.diagnostics, []);
  assert.equal([...r.values], [
    ["A", "plain"],
    ["B", 'single $x \\ "q"'],
    ["C", "double 'q' # not a comment"],
    ["LONG_NAME", "ab cde"],
  ]);
});

test("comments, blank lines, indentation and trailing comments are skipped", () => {
  const r = read(`# header\n\n   \n\tA="1"   # a comment\nB=x#y\nC=   # empty value, then a comment\n`);
  assert.equal(r.diagnostics, []);
  // `#` inside a word is part of it; after blanks it starts a comment.
  assert.equal([...r.values], [
    ["A", "1"],
    ["B", "x#y"],
    ["C", ""],
  ]);
  assert.equal(r.syntax.lines.map((l) => l.kind), ["comment", "blank", "blank", "assignment", "assignment", "assignment"]);
});

test("empty values and a last line without newline", () => {
  const r = read(`A=\nB=""\nC=''`);
  assert.equal(r.diagnostics, []);
  assert.equal([...r.values], [
    ["A", ""],
    ["B", ""],
    ["C", ""],
  ]);
});

test("lines cover the text byte for byte", () => {
  const text = `# c\nA="1"\n\n  B=2 # x\nnot a setting\nC='3`;
  const lines = read(text).syntax.lines;
  let at = 0;
  for (const l of lines) {
    assert.ok(l.start >= at && l.lineEnd > at);
    at = l.lineEnd;
  }
  assert.is(at, text.length);
});

test("blanks around = : a shell runs the name as a command", () => {
  const r = read(`A = "1"\n`);
  assert.equal(codes(`A = "1"\n`), ["1:1 NOT_AN_ASSIGNMENT"]);
  assert.is(r.diagnostics[0]!.hint, "write A=value, without blanks around '='");
  assert.equal([...r.values], []);
});

test("export and other commands are not settings", () => {
  assert.equal(codes(`export A=1\necho hi\n`), ["1:1 NOT_AN_ASSIGNMENT", "2:1 NOT_AN_ASSIGNMENT"]);
  assert.is(read(`export A=1\n`).diagnostics[0]!.hint, "write the assignment without 'export'");
});

test("$, backquote and backslash: a shell would expand them outside single quotes", () => {
  assert.equal(codes(`A="a$b"\nB=$HOME\nC="a\`x\`"\nLONG_NAME=a\\b\n`), ["1:5 SHELL_EXPANSION", "2:3 SHELL_EXPANSION", "3:5 SHELL_EXPANSION", "4:12 SHELL_EXPANSION"]);
  // The value is not used: the key is set, empty.
  assert.is(read(`A="a$b"\n`).values.get("A"), "");
  assert.ok(read(`A="a$b"\n`).unreadable.has("A"));
});

test("operators, tilde, unterminated quotes and trailing words", () => {
  assert.equal(codes(`A=a;b\nB=~/x\nC=a:~b\nLONG_NAME="open\n`).concat(codes(`A=one two\n`)), [
    "1:4 SHELL_OPERATOR",
    "2:3 TILDE_EXPANSION",
    "3:5 TILDE_EXPANSION",
    "4:11 UNTERMINATED_QUOTE",
    "1:7 TRAILING_WORDS",
  ]);
  // A quoted ~ or ; is plain text.
  const r = read(`A="~/x;y"\n`);
  assert.equal(r.diagnostics, []);
  assert.is(r.values.get("A"), "~/x;y");
});

test("two assignments on a line", () => {
  assert.equal(codes(`A=1 B=2\n`), ["1:5 MULTIPLE_ASSIGNMENTS"]);
});

test("carriage returns are reported, and the value read without them", () => {
  const r = read(`A="1"\r\n`);
  assert.equal(codes(`A="1"\r\n`), ["1:6 CARRIAGE_RETURN"]);
  assert.is(r.values.get("A"), "1");
});

test("unknown keys get a did-you-mean hint; repeated keys warn and the last wins", () => {
  const r = read(`a=1\nB=1\nB=2\nZZZZZZZZ=3\n`);
  assert.equal(r.diagnostics.map((d) => [d.line, d.column, d.severity, d.code, d.hint]), [
    [1, 1, "error", "UNKNOWN_KEY", "did you mean A?"],
    [3, 1, "warning", "REPEATED_KEY", undefined],
    [4, 1, "error", "UNKNOWN_KEY", "known keys: A B C LONG_NAME"],
  ]);
  assert.is(r.diagnostics[1]!.message, "B is set again; the value of line 2 is overridden, as a shell would");
  assert.is(r.values.get("B"), "2");
});

test("missing required keys are reported at the end of the file", () => {
  const r = readSettings(`# only a comment\nA=1\n`, "x.conf", { ...spec, required: ["A", "B"] });
  assert.equal(r.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message]), [["x.conf", 3, 1, "MISSING_KEY", "test.conf has no B"]]);
});

test("binary input is one error", () => {
  assert.equal(codes("A=1\0\n"), ["1:1 BINARY_INPUT"]);
});

test.run();
