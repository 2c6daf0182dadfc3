// The parse.y scanner against the rules of yylex/lgetc (research/vmconf.md
// section 2, and vmd's parse.y read as the reference).
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  coverageProblem,
  quote,
  readQuoted,
  readWord,
  scanParsey,
  streamCoverageProblem,
  TokenCode,
  TokenStreamBuilder,
  UnwritableValueError,
  VMD_WORDS,
  type WordRules,
} from "../src/index.js";

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
function scan(text: string, macros: Record<string, string> = {}, fold = false, words?: WordRules): string[] {
  const table = new Map(Object.entries(macros).map(([k, v]) => [k, { value: v, used: false }]));
  const tokens = scanParsey(text, { keywords: KEYWORDS, macros: table, foldNewlines: fold, ...(words ? { words } : {}) });
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

test("a macro whose value is empty or blank reads as nothing; the text stays covered", () => {
  // lgetc reads the pushed-back value first: an empty or blank one gives no
  // character of a token, and the next token comes from the file.
  assert.equal(scan("vm $e disk\n", { e: "" }), ["vm", "disk", "NL", "NL"]);
  assert.equal(scan("vm $b 12\n", { b: " \t" }), ["vm", "NUMBER 12", "NL", "NL"]);
  assert.equal(scan("$e\n", { e: "" }), ["NL", "NL"]);
  assert.equal(scan("vm $e", { e: "" }), ["vm", "NL"]);
  const tokens = scanParsey("vm $e disk $w\n", { keywords: KEYWORDS, macros: new Map([["e", { value: "", used: false }], ["w", { value: "x", used: false }]]) });
  assert.equal(tokens.readAsNothing, [{ start: 3, end: 5 }]);
  // A value that is empty but followed at once by a word: the word starts at the reference.
  assert.equal(scan("vm $e\"a\"\n", { e: "" }), ["vm", "STRING a", "NL", "NL"]);
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

// httpd's parse.y yylex: a word starts with a letter, digit, `:`, `_` or `*`;
// allowed_in_string refuses `( ) { } < > ! = # , ; /`.
const HTTPD_WORDS: WordRules = { start: ":_*", stops: "(){}<>!=#,;/" };
const httpd = (text: string, macros: Record<string, string> = {}) => scan(text, macros, false, HTTPD_WORDS);

test("word rules: vmd's are the default; `/` starts a word that runs on over `/ ; < > *`", () => {
  const text = "/var/vmm/a;b<c>d x*y *\n";
  assert.equal(scan(text), scan(text, {}, false, VMD_WORDS));
  assert.equal(scan(text), ["STRING /var/vmm/a;b<c>d", "STRING x*y", "*", "NL", "NL"]);
});

test("word rules of httpd: `/ ; < >` end a word and are tokens of their own, `*` starts one", () => {
  assert.equal(httpd("a/b;c<d>e *.php *"), ["STRING a", "/", "STRING b", ";", "STRING c", "<", "STRING d", ">", "STRING e", "STRING *.php", "STRING *", "NL"]);
  // A path cannot start a word; a media type splits at the slash.
  assert.equal(httpd("/htdocs text/html"), ["/", "STRING htdocs", "STRING text", "/", "STRING html", "NL"]);
  // Other punctuation stays inside a word (quotes too, outside a quoted string).
  assert.equal(httpd(`2001:db8::1 max-age x*y *"a"`), ["STRING 2001:db8::1", "STRING max-age", "STRING x*y", 'STRING *"a"', "NL"]);
  // `#` ends a word and starts a comment.
  assert.equal(httpd("vm#c\nvm"), ["vm", "NL", "vm", "NL"]);
  // Keywords are found between the stops.
  assert.equal(httpd("disk/vm;"), ["disk", "/", "vm", ";", "NL"]);
});

test("word rules of httpd: `/` ends a number, `;` does not (the digits are then a word)", () => {
  assert.equal(httpd("10/20 30; -2/"), ["NUMBER 10", "/", "NUMBER 20", "STRING 30", ";", "NUMBER -2", "/", "NL"]);
});

test("word rules of httpd: a backslash outside quotes is dropped, the character read with the same rules", () => {
  assert.equal(httpd("\\*x a\\/b"), ["STRING *x", "STRING a", "/", "STRING b", "NL"]);
  assert.equal(httpd('"x\\/y"'), ["STRING x\\/y", "NL"]);
});

test("word rules of httpd apply to a macro's value, and its last word runs on into the file", () => {
  assert.equal(httpd("$m", { m: "a/b" }), ["STRING a", "/", "STRING b", "NL"]);
  assert.equal(httpd("$m.php", { m: "*" }), ["STRING *.php", "NL"]);
  // The digits at the value's end are a number only if the file's next character may end one.
  assert.equal(httpd("$m/ $m;", { m: "1" }), ["NUMBER 1", "/", "STRING 1", ";", "NL"]);
});

test("rescan keeps the word rules it was scanned with", () => {
  const macros = new Map<string, { value: string; used: boolean }>();
  const tokens = scanParsey('m = "a/b"\nx $m\n', { keywords: KEYWORDS, macros, words: HTTPD_WORDS });
  macros.set("m", { value: "a/b", used: false });
  tokens.rescan(4);
  const values: string[] = [];
  for (let i = 4; i < tokens.count; i++) values.push(tokens.value(i) ?? String.fromCharCode(tokens.codes[i]!));
  assert.equal(values, ["x", "a", "/", "b", "\n", "\n"]);
});

test("a token stream builder grows past its capacity and seals the codes into kinds", () => {
  class WithLines extends TokenStreamBuilder {
    lines = new Int32Array(1);
    protected override resize(capacity: number): void {
      super.resize(capacity);
      this.lines = TokenStreamBuilder.resized(this.lines, capacity, this.count);
    }
  }
  const stream = new WithLines("ab cd", 1);
  for (const [code, start, end, line] of [[0x53, 0, 2, 1], [0x53, 3, 5, 2], [0x0a, 5, 5, 3]] as const) {
    const i = stream.push(code, start, end);
    stream.lines[i] = line;
  }
  stream.seal();
  assert.is(stream.count, 3);
  assert.is(stream.kinds, "SS\n");
  assert.equal([...stream.starts.subarray(0, 3)], [0, 3, 5]);
  assert.equal([...stream.ends.subarray(0, 3)], [2, 5, 5]);
  assert.equal([...stream.lines.subarray(0, 3)], [1, 2, 3]);
  assert.is(streamCoverageProblem(stream, { trivia: /^ *$/ }), undefined);
});

test("stream coverage: gaps must be trivia; other spans, shared spans, empty tokens and the end are per scanner", () => {
  const stream = new TokenStreamBuilder("ab ?? cd", 4);
  stream.push(0x53, 0, 2);
  stream.push(0x53, 6, 8);
  stream.seal();
  const blanks = /^ *$/;
  assert.is(streamCoverageProblem(stream, { trivia: blanks }), 'not trivia at 2: " ?? "');
  assert.is(streamCoverageProblem(stream, { trivia: blanks, also: [{ start: 3, end: 5 }] }), undefined);
  assert.is(streamCoverageProblem(stream, { trivia: blanks, also: [{ start: 1, end: 5 }] }), "span at 1 overlaps what ends at 2");
  // What follows `end` (an unterminated string, say) is not checked.
  const open = new TokenStreamBuilder("ab 'c", 1);
  open.push(0x53, 0, 2);
  open.seal();
  assert.is(streamCoverageProblem(open, { trivia: blanks }), `not trivia at 2: " 'c"`);
  assert.is(streamCoverageProblem(open, { trivia: blanks, end: 3 }), undefined);

  const shared = new TokenStreamBuilder("$m x", 4);
  shared.push(0x53, 0, 2);
  shared.push(0x53, 0, 2);
  shared.push(0x53, 3, 4);
  shared.push(0x0a, 4, 4);
  shared.seal();
  assert.is(streamCoverageProblem(shared, { trivia: blanks }), "token 1 at 0 overlaps what ends at 2");
  assert.is(streamCoverageProblem(shared, { trivia: blanks, shares: (i) => shared.starts[i] === shared.starts[i - 1] }), undefined);
  assert.is(streamCoverageProblem(shared, { trivia: blanks, shares: () => true, nonEmpty: true }), "token 3 at 4 is empty or ends before it starts");
});

test.run();
