// parse(): models and doas's messages with the line doas prints. Every
// expectation is worked out by hand from usr.bin/doas/parse.y (openbsd/src
// rev 1.16 for yylex, which later revisions keep; the grammar and actions
// of rev 1.27 as in a 2020 byacc build of it): yyerror prints
// `doas: <message> at line <lineno + 1>`, where lineno counts the newlines
// yylex has read so far, so an error found at the newline that ends a line
// is reported on the next line; columns are yylex's byte counters.
// While this package was written, the same messages, lines and rules were
// also compared with a byacc build of that grammar and yylex on 18,000
// random and mutated-corpus inputs (no difference); that build is not part
// of the repository.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { doasMessages, noOptions, parse, type Rule } from "../src/index.js";

const messages = (text: string, release?: "6.5" | "6.6" | "7.8"): string => doasMessages(parse(text, release ? { release } : {}));

const permit = (user: string, extra: Partial<Rule> = {}): Rule => ({ action: "permit", options: noOptions(), identity: { user }, ...extra });

// ----- one test per message -----

test("syntax error: found at the newline, reported on the next line", () => {
  // `permit` then '\n': ident expected; lineno is already 1 when the newline is the lookahead.
  assert.is(messages("permit\n"), "doas: syntax error at line 2\n");
  const doc = parse("permit\n");
  assert.is(doc.diagnostics[0]!.code, "SYNTAX_ERROR");
  assert.is(doc.diagnostics[0]!.syntax, true);
});

test("syntax error: found at a word, reported on its line", () => {
  // After `permit bob`, a word that is not `as` or `cmd`.
  assert.is(messages("# first\npermit bob alice\n"), "doas: syntax error at line 2\n");
});

test("syntax error: a rule cut off by the end of the file", () => {
  // No production takes a rule ended by end of file; yylex returned 0 with lineno 0.
  const doc = parse("permit bob");
  assert.is(doasMessages(doc), "doas: syntax error at line 1\n");
  assert.is(doc.diagnostics[0]!.hint, "the last rule must end with a newline");
  // yacc needs the newline as lookahead to reduce the rule: doas drops it.
  assert.equal(doc.model.rules, []);
});

test("can't combine nopass and persist: on the line of the second option; the rule is dropped", () => {
  const doc = parse("permit :wheel\npermit nopass persist bob\npermit alice\n");
  assert.is(doasMessages(doc), "doas: can't combine nopass and persist at line 2\n");
  assert.is(doc.diagnostics[0]!.code, "NOPASS_WITH_PERSIST");
  assert.equal(doc.model.rules, [{ ...permit(""), identity: { group: "wheel" } }, permit("alice")]);
  // Either order.
  assert.is(messages("permit persist keepenv nopass bob\n"), "doas: can't combine nopass and persist at line 1\n");
});

test("can't have two setenv sections", () => {
  assert.is(messages("permit setenv { A } nopass setenv { B } bob\n"), "doas: can't have two setenv sections at line 1\n");
  // Even empty ones: `setenv {}` makes a list (calloc), so the second is a second section.
  assert.is(messages("\npermit setenv {} setenv {} bob\n"), "doas: can't have two setenv sections at line 2\n");
});

test("unterminated quotes in column N (at a newline): the word still counts", () => {
  // `"` is byte 7 of the line (0-based), printed +1.
  const doc = parse('permit "bob\n');
  assert.is(doasMessages(doc), "doas: unterminated quotes in column 8 at line 1\n");
  assert.equal(doc.model.rules, [permit("bob")]);
  assert.is(doc.diagnostics[0]!.syntax, true);
});

test("unterminated quotes in column N (at the end of the file)", () => {
  // Then the rule has no newline: a syntax error at end of file follows.
  assert.is(messages('permit bob cmd "ls'), "doas: unterminated quotes in column 16 at line 1\ndoas: syntax error at line 1\n");
});

test("unterminated escape in column N: the column of the backslash, 1-based", () => {
  // yylex prints its counter as it is at end of file (11 after reading `permit bob\`).
  assert.is(messages("permit bob\\"), "doas: unterminated escape in column 11 at line 1\ndoas: syntax error at line 1\n");
});

test("unallowed character NUL in column N: the NUL is left out of the word", () => {
  const doc = parse("permit b\0ob\n");
  assert.is(doasMessages(doc), "doas: unallowed character NUL in column 9 at line 1\n");
  assert.equal(doc.model.rules, [permit("bob")]);
});

test("too long line: the word buffer starts again", () => {
  // 1024 bytes fill the buffer: message, buffer emptied, the word reads as nothing.
  assert.is(messages(`permit ${"a".repeat(1024)}\n`), "doas: too long line at line 1\ndoas: syntax error at line 2\n");
  // 1030 bytes: what follows the reset is the word.
  const doc = parse(`permit ${"a".repeat(1030)}\n`);
  assert.is(doasMessages(doc), "doas: too long line at line 1\n");
  assert.equal(doc.model.rules, [permit("aaaaaa")]);
  // 1023 bytes fit.
  assert.is(messages(`permit ${"a".repeat(1023)}\n`), "");
});

// `input error reading config` comes from ferror() on the stream: no text produces it.

// ----- recovery -----

test("yacc's recovery: the line is skipped, and no new error is reported before three tokens are shifted", () => {
  // Line 2 fails at its newline (reported as line 3); line 3 (`permit` '\n') fails after
  // one shifted token following the recovery newline, so yacc stays quiet; line 4 is read.
  const doc = parse("permit bob\npermit\npermit\npermit alice\n");
  assert.is(doasMessages(doc), "doas: syntax error at line 3\n");
  assert.equal(doc.model.rules, [permit("bob"), permit("alice")]);
  assert.equal(
    doc.syntax.statements.map((s) => s.kind),
    ["rule", "error", "error", "rule"],
  );
});

test("after an error, the rest of the line is skipped up to its newline", () => {
  assert.is(messages("permit bob cmd ls args a { b\npermit carol\n"), "doas: syntax error at line 1\n");
  assert.equal(parse("permit bob cmd ls args a { b\npermit carol\n").model.rules, [permit("carol")]);
});

// ----- the language -----

test("a rule with every part", () => {
  const doc = parse('permit nopass keepenv setenv { A -B C=d E=$F } :wheel as root cmd /bin/ls args -l "a b" ""\n');
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model.rules, [
    {
      action: "permit",
      options: {
        nopass: true,
        nolog: false,
        persist: false,
        keepenv: true,
        setenv: [
          { kind: "keep", name: "A" },
          { kind: "remove", name: "B" },
          { kind: "set", name: "C", value: "d" },
          { kind: "copy", name: "E", from: "F" },
        ],
      },
      identity: { group: "wheel" },
      target: "root",
      command: "/bin/ls",
      args: ["-l", "a b", ""],
    },
  ]);
});

test("args: absent, bare (no arguments allowed) and with words", () => {
  const rules = parse("permit a cmd x\npermit b cmd x args\npermit c cmd x args y\n").model.rules;
  assert.is(rules[0]!.args, undefined);
  assert.equal(rules[1]!.args, []);
  assert.equal(rules[2]!.args, ["y"]);
  // `args` is only reachable after `cmd word`.
  assert.is(messages("permit a args\n"), "doas: syntax error at line 1\n");
});

test("deny takes no options (`action: TDENY`)", () => {
  const doc = parse("deny nopass bob\n");
  assert.is(doasMessages(doc), "doas: syntax error at line 1\n");
  assert.is(doc.diagnostics[0]!.hint, "deny takes no options");
  assert.equal(parse("deny bob as root cmd /sbin/reboot\n").model.rules, [
    { action: "deny", options: noOptions(), identity: { user: "bob" }, target: "root", command: "/sbin/reboot" },
  ]);
});

test("a keyword where a name is expected: the hint says to quote it", () => {
  const doc = parse("permit cmd\n");
  assert.is(doasMessages(doc), "doas: syntax error at line 1\n");
  assert.is(doc.diagnostics[0]!.hint, 'cmd is a keyword: write "cmd" in quotes to use it as a name');
  assert.is(parse("permit bob cmd /bin/echo args as\n").diagnostics[0]!.hint, 'as is a keyword: write "as" in quotes to use it as a name');
});

test("the old keepenv { list } is a syntax error", () => {
  const doc = parse("permit keepenv { PATH } bob\n");
  assert.is(doasMessages(doc), "doas: syntax error at line 1\n");
  assert.is(doc.diagnostics[0]!.hint, "keepenv takes no list; use setenv { ... }");
});

test("quotes and escapes: quoted words are never keywords; a backslash alone does not unmake one", () => {
  // nonkw is set by an opening quote or an escaped newline only.
  assert.equal(parse('permit "cmd"\n').model.rules, [permit("cmd")]);
  assert.equal(parse('permit c"m"d\n').model.rules, [permit("cmd")]);
  assert.is(messages("permit \\cmd\n"), "doas: syntax error at line 1\n");
  // Escaped blank, brace, hash, quote and backslash are word characters.
  assert.equal(parse('permit a\\ b\\{\\}\\#\\"\\\\\n').model.rules, [permit('a b{}#"\\')]);
  // In quotes, blanks, braces and # are word characters too.
  assert.equal(parse('permit "a b{#}"\n').model.rules, [permit("a b{#}")]);
  // `=`, `'`, `$` and `,` are ordinary word characters.
  assert.equal(parse("permit a='$b,\n").model.rules, [permit("a='$b,")]);
});

test("comments: # ends a word and runs to the end of the line, without continuation", () => {
  assert.equal(parse("permit bob# comment \\\npermit alice\n").model.rules, [permit("bob"), permit("alice")]);
  assert.equal(parse("# only a comment").diagnostics, []);
});

test("backslash-newline continues a rule; the word after it is never a keyword", () => {
  const doc = parse("permit bob \\\ncmd ls\n");
  // The empty word made of the escaped newline keeps nonkw for the next word: `cmd` is a word,
  // so after `permit bob` comes a plain word: syntax error, on line 2 (the counter moved on).
  assert.is(doasMessages(doc), "doas: syntax error at line 2\n");
  assert.equal(parse("permit setenv { \\\n\tA } bob\n").model.rules, [
    { ...permit("bob"), options: { ...noOptions(), setenv: [{ kind: "keep", name: "A" }] } },
  ]);
  assert.equal(parse("permit b\\\nob\n").model.rules, [permit("bob")]);
});

test("numeric identities and targets are kept as written", () => {
  assert.equal(parse("permit 1000 as 0\npermit :0\n").model.rules, [
    { ...permit("1000"), target: "0" },
    { action: "permit", options: noOptions(), identity: { group: "0" } },
  ]);
});

test("setenv: a leading '-' removes, whatever follows '='", () => {
  // env.c takes the name up to '=', then skips names starting with '-'.
  assert.equal(parse("permit setenv { -A=1 } bob\n").model.rules[0]!.options.setenv, [{ kind: "remove", name: "A" }]);
});

// ----- releases -----

test("nolog: a keyword from 6.6; in 6.5 it is a user name", () => {
  assert.is(messages("permit nolog bob\n", "6.6"), "");
  assert.is(parse("permit nolog bob\n", { release: "6.6" }).model.rules[0]!.options.nolog, true);
  const old = parse("permit nolog bob\n", { release: "6.5" });
  assert.is(doasMessages(old), "doas: syntax error at line 1\n");
  assert.is(old.diagnostics[0]!.hint, "nolog is an option of OpenBSD 6.6 and later, not of 6.5");
  // In 6.5 a user may be called nolog.
  assert.equal(parse("permit nolog\n", { release: "6.5" }).model.rules, [permit("nolog")]);
});

test("an unknown release is refused", () => {
  assert.throws(() => parse("", { release: "5.0" as "6.5" }), /unknown OpenBSD release "5.0"/);
});

// ----- input -----

test("bytes are read as UTF-8; columns count bytes", () => {
  const doc = parse(new TextEncoder().encode('permit "é\n'));
  assert.equal(doc.model.rules, [permit("é")]);
  // `"` at byte 7 in both cases: the é after it does not move it.
  assert.is(doasMessages(doc), "doas: unterminated quotes in column 8 at line 1\n");
  // After a two-byte é the quote is byte 10: column 11. The lexer's message comes while the
  // lookahead is read, before the parser finds that word out of place.
  assert.is(messages('permit é "x\n'), "doas: unterminated quotes in column 11 at line 1\ndoas: syntax error at line 1\n");
});

test("binary input gives one diagnostic", () => {
  const doc = parse("\ufffd".repeat(50));
  assert.is(doc.diagnostics.length, 1);
  assert.is(doc.diagnostics[0]!.code, "BINARY_INPUT");
});

test("diagnostics carry file, line and column", () => {
  const doc = parse("permit :wheel\npermit bob alice\n", { fileName: "/etc/doas.conf" });
  const d = doc.diagnostics[0]!;
  assert.equal([d.file, d.line, d.column, d.endLine, d.endColumn], ["/etc/doas.conf", 2, 12, 2, 17]);
});

test("parse never throws for non-text input other than its documented errors", () => {
  assert.throws(() => parse(42 as unknown as string), /expected a string or a Uint8Array/);
});

test.run();
