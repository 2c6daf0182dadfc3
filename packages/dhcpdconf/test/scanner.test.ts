// The lexer against conflex.c's rules (research note sections 1 and 8.1).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { KEYWORDS } from "../src/parse.js";
import { DhcpdToken, dhcpdCoverageProblem, scanDhcpd } from "../src/scanner.js";

const scan = (text: string) => scanDhcpd(text, KEYWORDS);
const kinds = (text: string): string[] => {
  const t = scan(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) {
    const c = t.codes[i]!;
    out.push(c >= DhcpdToken.FirstKeyword ? "KW" : String.fromCharCode(c));
  }
  return out;
};
const values = (text: string): string[] => {
  const t = scan(text);
  return Array.from({ length: t.count }, (_, i) => t.value(i));
};

test("a dotted quad is seven tokens: numbers and dots", () => {
  assert.equal(values("192.168.1.10"), ["192", ".", "168", ".", "1", ".", "10"]);
  assert.equal(kinds("192.168.1.10"), ["H", ".", "H", ".", "H", ".", "H"]);
});

test("an ethernet address is eleven tokens: hex atoms and colons", () => {
  assert.equal(scan("00:0c:29:ab:cd:ef").count, 11);
});

test("atoms: leading '-' is NUMBER, all-hex is NUMBER_OR_NAME, else NAME", () => {
  assert.equal(kinds("-3600 dead 0x1f my-host c0 1e3"), ["N", "H", "A", "A", "H", "H"]);
});

test("keywords are case-insensitive; the value keeps the spelling", () => {
  const t = scan("Subnet NETMASK host");
  assert.equal(t.codes[0], KEYWORDS.get("subnet"));
  assert.equal(t.codes[1], KEYWORDS.get("netmask"));
  assert.equal(t.codes[2], KEYWORDS.get("host"));
  assert.is(t.value(0), "Subnet");
});

test("lease-file words are keywords too (identifiers, not NAME)", () => {
  assert.ok(scan("lease").codes[0]! >= DhcpdToken.FirstKeyword);
  assert.ok(scan("uid").codes[0]! >= DhcpdToken.FirstKeyword);
});

test("comments run to the end of the line; '#' inside a string is text", () => {
  assert.equal(values('a # b c\n"x # y" z'), ["a", "x # y", "z"]);
});

test("strings: a backslash keeps the next character, no escape translation", () => {
  assert.equal(values('"a\\nb"'), ["anb"]);
  assert.equal(values('"a\\\\b"'), ["a\\b"]);
});

test("strings: an escaped quote still ends the string (section 8.1)", () => {
  const t = scan('"a\\"b"');
  assert.equal(values('"a\\"b"').slice(0, 2), ["a", "b"]);
  assert.is(t.codes[2], DhcpdToken.String);
  assert.equal(t.problems.map((p) => p.message), ["eof in string constant"]);
});

test("strings may span lines", () => {
  assert.equal(values('"a\nb"'), ["a\nb"]);
});

test("a string of 1499 characters is too long; the rest is read as tokens", () => {
  const long = "x".repeat(1499);
  const t = scan(`"${long}"`);
  // The 1499th `x` is read as an atom, and the closing quote opens a new string.
  assert.equal(t.problems.map((p) => p.message), ["string constant larger than internal buffer", "eof in string constant"]);
  assert.is(t.value(0).length, 1498);
  assert.equal([t.value(1), t.codes[2]], ["x", DhcpdToken.String]);
  assert.equal(scan(`"${"x".repeat(1498)}"`).problems, []);
});

test("an atom of 1500 characters is too long and cut to 1499", () => {
  const t = scan("a".repeat(1500));
  assert.equal(t.problems.map((p) => p.message), ["token larger than internal buffer"]);
  assert.is(t.value(0).length, 1499);
});

test("'_' cannot start an atom; other characters are single tokens", () => {
  assert.equal(kinds("_g = é"), ["X", "A", "X", "X"]);
  assert.equal(kinds("a_b"), ["A"]);
  assert.equal(kinds("a_b").length, 1);
  assert.equal(kinds("-"), ["N"]);
});

test("punctuation tokens are their own characters", () => {
  assert.equal(kinds("; { } , . : /"), [";", "{", "}", ",", ".", ":", "/"]);
});

test("tokens and trivia cover the text", () => {
  for (const text of ["", "   ", "# only\n", 'subnet 10.0.0.0 netmask 255.0.0.0 { # c\n range 10.0.0.1; }\n', '"open', "a\r\n\tb\v\f"]) {
    assert.is(dhcpdCoverageProblem(scan(text)), undefined, JSON.stringify(text));
  }
});

test("the coverage check finds a gap that is not trivia", () => {
  const t = scan("a b");
  const broken = { ...t, count: 1, value: t.value };
  assert.ok(dhcpdCoverageProblem(broken) !== undefined);
});

test.run();
