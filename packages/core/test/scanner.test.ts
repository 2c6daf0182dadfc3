// The parse.y scanner against the rules of yylex/lgetc (research/vmconf.md
// section 2, and vmd's parse.y read as the reference).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { coverageProblem, quote, readQuoted, readWord, scanParsey, TokenCode, UnwritableValueError } from "../src/index.js";

const KEYWORDS = new Map([
  ["vm", 0x100],
  ["disk", 0x101],
  ["memory", 0x102],
]);

function kindName(code: number): string {
  for (const [k, c] of KEYWORDS) if (c === code) return k;
  if (code === TokenCode.String) return "STRING";
  if (code === TokenCode.Number) return "NUMBER";
  if (code === TokenCode.Newline) return "NL";
  if (code === TokenCode.Error) return "ERROR";
  if (code === TokenCode.Other) return "OTHER";
  return String.fromCharCode(code);
}

/** [kind, value] per token, then `PROBLEM message` lines. */
function scan(text: string, macros: Record<string, string> = {}, fold = false): string[] {
  const table = new Map(Object.entries(macros).map(([k, v]) => [k, { value: v, used: false }]));
  const tokens = scanParsey(text, { keywords: KEYWORDS, macros: table, foldNewlines: fold });
  assert.is(coverageProblem(tokens), undefined, "tokens and trivia cover the text");
  const out: string[] = [];
  for (let i = 0; i < tokens.count; i++) {
    const v = tokens.value(i);
    out.push(v === undefined ? kindName(tokens.codes[i]!) : `${kindName(tokens.codes[i]!)} ${v}`);
  }
  for (const p of tokens.problems) out.push(`PROBLEM ${p.message}`);
  return out;
}

test("keywords, strings, numbers and the fake newline at end of file", () => {
  assert.equal(scan('vm "vm" 12 -3 1G'), ["vm", "STRING vm", "NUMBER 12", "NUMBER -3", "STRING 1G", "NL"]);
  assert.equal(scan("vm\n"), ["vm", "NL", "NL"]);
});

test("digits end a number only before a blank, newline, ) , / } = or the end", () => {
  assert.equal(scan("10/8").slice(0, 2), ["NUMBER 10", "STRING /8"]);
  assert.equal(scan("10x")[0], "STRING 10x");
  assert.equal(scan("-x").slice(0, 2), ["-", "STRING x"]);
  assert.equal(scan("-5a").slice(0, 2), ["-", "STRING 5a"]);
});

test("a comment ends at the newline, which is still a token; a continued line continues it", () => {
  assert.equal(scan("# a\nvm # b\\\nvm\nvm"), ["NL", "vm", "NL", "vm", "NL"]);
});

test("folded newlines: one token for a run of newlines, blank lines and comment lines", () => {
  // The fold takes the fake newline at the end of the file too.
  assert.equal(scan("vm\n\n  # c\n\nvm\n", {}, true), ["vm", "NL", "vm", "NL"]);
  assert.equal(scan("vm\n# a \\\n b\n\\\n\nvm", {}, true), ["vm", "NL", "vm", "NL"]);
});

test("backslash-newline joins lines outside quotes and inside words", () => {
  assert.equal(scan("me\\\nmory 1G").slice(0, 2), ["memory", "STRING 1G"]);
});

test("outside quotes a backslash before any other character is dropped and the character kept", () => {
  // vmd accepts all three (lgetc returns the escaped character as if plain).
  assert.equal(scan("memory 1G\\ "), ["memory", "STRING 1G", "NL"]);
  assert.equal(scan('vm \\"a"'), ["vm", "STRING a", "NL"]);
  assert.equal(scan("vm\\"), ["vm", "NL"]);
  assert.equal(scan("a\\{"), ["STRING a", "{", "NL"]);
  assert.equal(scan("\\# not a token\nvm"), ["NL", "vm", "NL"]);
});

test("quoted strings: escapes of the quote, blank and tab; other backslashes stay; raw newlines vanish", () => {
  assert.equal(scan('"a\\"b" \'c\\\'d\' "e\\nf" "g\nh"').slice(0, 4), ["STRING a\"b", "STRING c'd", "STRING e\\nf", "STRING gh"]);
  assert.equal(readQuoted('"a\\"b"'), { ok: true, value: 'a"b' });
  assert.equal(readQuoted('"a\\\\"b"'), { ok: true, value: 'a\\"b' });
  assert.is(readWord("a\\\nb\\c"), "abc");
});

test("macros expand outside quotes only, run on into a following word, and are not recursive", () => {
  assert.equal(scan('$d/x.img "$d"', { d: "/var/vmm" }).slice(0, 2), ["STRING /var/vmm/x.img", "STRING $d"]);
  assert.equal(scan("$m", { m: "memory 1G" }).slice(0, 2), ["memory", "STRING 1G"]);
  assert.equal(scan("$a", { a: "$b", b: "x" }).slice(0, 2), ["$", "STRING b"]);
});

test("a macro's value is read as if it were in the file: a # in it starts a comment that eats the rest of the line", () => {
  assert.equal(scan("vm $m { memory 1G }\nvm", { m: "a #" }), ["vm", "STRING a", "NL", "vm", "NL"]);
});

test("undefined macro, too large number, NUL and unterminated quote: vmd's messages, then the rest of the line is one Error token", () => {
  assert.equal(scan("$nope x\nvm"), ["ERROR", "vm", "NL", "PROBLEM macro 'nope' not defined"]);
  assert.equal(scan("99999999999999999999 x\n"), ["ERROR", "NL", 'PROBLEM "99999999999999999999" invalid number: too large']);
  assert.equal(scan('"a\0b" x\nvm'), ["ERROR", "vm", "NL", "PROBLEM syntax error"]);
  assert.equal(scan('vm "abc\n'), ["vm", "PROBLEM reached end of file while parsing quoted string"]);
});

test("words and quoted strings longer than parse.y's buffer: string too long", () => {
  assert.equal(scan("x".repeat(8095))[0], `STRING ${"x".repeat(8095)}`);
  assert.equal(scan("x".repeat(8096)).at(-1), "PROBLEM string too long");
  assert.equal(scan(`"${"x".repeat(8094)}"`)[0], `STRING ${"x".repeat(8094)}`);
  assert.equal(scan(`"${"x".repeat(8095)}"`).at(-1), "PROBLEM string too long");
});

test("rescan: tokens after a definition are read again with the new macro table", () => {
  const macros = new Map<string, { value: string; used: boolean }>();
  const tokens = scanParsey('m = "disk"\nvm $m\n', { keywords: KEYWORDS, macros });
  assert.is(tokens.problems[0]?.message, "macro 'm' not defined");
  macros.set("m", { value: "disk", used: false });
  tokens.rescan(4);
  assert.equal(tokens.problems, []);
  assert.is(tokens.codes[5], KEYWORDS.get("disk"));
  assert.ok(macros.get("m")!.used);
});

test("rescan keeps an unterminated quoted string at the end: its error and the coverage stay", () => {
  const text = 'vm a\nvm "b\n';
  const tokens = scanParsey(text, { keywords: KEYWORDS, macros: new Map() });
  const before = tokens.problems.map((p) => p.message);
  assert.equal(before, ["reached end of file while parsing quoted string"]);
  tokens.rescan(tokens.count);
  assert.equal(tokens.problems.map((p) => p.message), before);
  assert.ok(tokens.endedInQuote);
  assert.is(coverageProblem(tokens), undefined);
});

test("quote picks a bare word, then double quotes, then single quotes", () => {
  const keywords = { keywords: new Set(KEYWORDS.keys()) };
  assert.is(quote("fe:e1:bb:f1:c8:01"), "fe:e1:bb:f1:c8:01");
  assert.is(quote("vm", keywords), '"vm"');
  assert.is(quote("12"), '"12"');
  assert.is(quote("10/8"), '"10/8"');
  assert.is(quote("a b"), '"a b"');
  assert.is(quote('say "hi"'), `'say "hi"'`);
  assert.is(quote(`it's "x"`), `"it's \\"x\\""`);
  assert.is(quote("a\\ b"), '"a\\\\ b"');
});

test("quote refuses what no token can carry, naming the field", () => {
  for (const bad of ["a\nb", "a\0b", "ends with \\"]) {
    try {
      quote(bad, { field: "vms[0].name" });
      assert.unreachable();
    } catch (error) {
      assert.instance(error, UnwritableValueError);
      assert.is((error as UnwritableValueError).field, "vms[0].name");
    }
  }
  assert.throws(() => quote("x".repeat(8095)), (e: unknown) => e instanceof UnwritableValueError);
});

test.run();
