import { test } from "uvu";
import * as assert from "uvu/assert";
import { lexRaw, ParseyLexer, quote, rawText, readQuoted, readWord, UnwritableValueError, type Token } from "../src/index.js";

const KEYWORDS = new Set(["vm", "disk", "memory"]);

function tokens(text: string, macros: Record<string, string> = {}): Array<[string, string, number]> {
  const problems: string[] = [];
  const table = new Map(Object.entries(macros).map(([k, v]) => [k, { value: v, used: false }]));
  const lexer = new ParseyLexer(lexRaw(text), { keywords: KEYWORDS, macros: table, report: (p) => problems.push(`${p.line}: ${p.message}`) });
  const out: Array<[string, string, number]> = [];
  for (let t: Token = lexer.next(); t.type !== "EOF"; t = lexer.next()) out.push([t.type, t.value, t.line]);
  for (const p of problems) out.push(["PROBLEM", p, 0]);
  return out;
}

test("raw tokens cover the input byte for byte", () => {
  const text = 'vm "a b" {\n\tmemory 1G # c\\\n still comment\n\tdisk $d/x.img\\\n}\n';
  const raw = lexRaw(text);
  let joined = "";
  for (let i = 0; i < raw.count; i++) joined += rawText(raw, i);
  assert.is(joined, text);
  assert.is(raw.starts[0], 0);
});

test("keywords, strings, numbers and the newline at end of file", () => {
  assert.equal(tokens('vm "vm" 12 -3 1G'), [
    ["KEYWORD", "vm", 1],
    ["STRING", "vm", 1],
    ["NUMBER", "12", 1],
    ["NUMBER", "-3", 1],
    ["STRING", "1G", 1],
    ["\n", "\n", 1],
  ]);
});

test("digits end a number only before a blank, newline, ) , / } = or the end", () => {
  assert.equal(tokens("10/8").slice(0, 2), [["NUMBER", "10", 1], ["STRING", "/8", 1]]);
  assert.equal(tokens("10x")[0], ["STRING", "10x", 1]);
  assert.equal(tokens("-x").slice(0, 2), [["CHAR", "-", 1], ["STRING", "x", 1]]);
});

test("a comment ends at the newline, which is still a token; a continued line continues it", () => {
  assert.equal(tokens("# a\nvm # b\\\nvm\nvm").map((t) => t[0]), ["\n", "KEYWORD", "\n", "KEYWORD", "\n"]);
});

test("backslash-newline joins lines outside quotes and inside words", () => {
  assert.equal(tokens("me\\\nmory 1G").slice(0, 2), [["KEYWORD", "memory", 1], ["STRING", "1G", 2]]);
});

test("quoted strings: escapes of the quote, blank and tab; other backslashes stay; raw newlines vanish", () => {
  assert.equal(readQuoted('"a\\"b"'), { ok: true, value: 'a"b' });
  assert.equal(readQuoted('"a\\ b"'), { ok: true, value: "a b" });
  assert.equal(readQuoted('"a\\nb"'), { ok: true, value: "a\\nb" });
  assert.equal(readQuoted('"a\nb"'), { ok: true, value: "ab" });
  assert.equal(readQuoted("'a\\'b'"), { ok: true, value: "a'b" });
  assert.equal(readQuoted('"a\\\\"b"'), { ok: true, value: 'a\\"b' });
  assert.equal(readQuoted('"abc'), { ok: false, problem: "unterminated", at: 4 });
  assert.equal(readQuoted('"a\0b"').ok, false);
  assert.is(readWord("a\\\nb\\c"), "abc");
});

test("macros expand outside quotes only, run on into a following word, and are not recursive", () => {
  assert.equal(tokens('$d/x.img "$d"', { d: "/var/vmm" }).slice(0, 2), [
    ["STRING", "/var/vmm/x.img", 1],
    ["STRING", "$d", 1],
  ]);
  assert.equal(tokens("$m", { m: "memory 1G" }).slice(0, 2), [["KEYWORD", "memory", 1], ["STRING", "1G", 1]]);
  assert.equal(tokens("$a", { a: "$b", b: "x" }).slice(0, 2), [["CHAR", "$", 1], ["STRING", "b", 1]]);
});

test("undefined macro, too large number, unterminated quote: vmd's messages", () => {
  assert.ok(tokens("$nope x\nvm").some((t) => t[1] === "1: macro 'nope' not defined"));
  assert.ok(tokens("99999999999999999999").some((t) => t[1] === '1: "99999999999999999999" invalid number: too large'));
  const eof = tokens('vm "abc\n');
  assert.ok(eof.some((t) => t[1] === "1: reached end of file while parsing quoted string"));
});

test("quote picks a bare word, then double quotes, then single quotes", () => {
  assert.is(quote("fe:e1:bb:f1:c8:01"), "fe:e1:bb:f1:c8:01");
  assert.is(quote("vm", { keywords: KEYWORDS }), '"vm"');
  assert.is(quote("12"), '"12"');
  assert.is(quote("10/8"), '"10/8"');
  assert.is(quote("a b"), '"a b"');
  assert.is(quote('say "hi"'), `'say "hi"'`);
  assert.is(quote(`it's "x"`), `"it's \\"x\\""`);
  assert.is(quote("a\\ b"), '"a\\\\ b"');
});

test("quote refuses what no token can carry, naming the field", () => {
  for (const bad of ["a\nb", "a\0b", "ends\\ "]) {
    try {
      quote(bad.endsWith(" ") ? "ends with \\" : bad, { field: "vms[0].name" });
      assert.unreachable();
    } catch (error) {
      assert.instance(error, UnwritableValueError);
      assert.is((error as UnwritableValueError).field, "vms[0].name");
    }
  }
  assert.throws(() => quote("x".repeat(8095)), (e: unknown) => e instanceof UnwritableValueError);
});

test.run();
