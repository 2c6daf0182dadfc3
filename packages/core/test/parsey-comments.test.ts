// parseyComments: which lines of a parse.y-family text an edit may treat as
// comment lines, from scanParsey's tokens, with newlines folded or not.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseyComments, scanParsey } from "../src/index.js";

const TEXT = 'a "x\n# in string" b\n# comment\nc\n  # indented\n\n# two\nd # tail\n';

// Each line of TEXT with its verdict.
function verdicts(foldNewlines: boolean): Array<[string, boolean]> {
  const isComment = parseyComments(scanParsey(TEXT, { keywords: new Map(), macros: new Map(), foldNewlines }));
  let start = 0;
  return TEXT.split("\n").map((line) => {
    const verdict: [string, boolean] = [line, isComment(line, start)];
    start += line.length + 1;
    return verdict;
  });
}

const EXPECTED: Array<[string, boolean]> = [
  ['a "x', false],
  ['# in string" b', false],
  ["# comment", true],
  ["c", false],
  ["  # indented", true],
  ["", false],
  ["# two", true],
  ["d # tail", false],
  ["", false],
];

test("a # line is a comment; a # line inside a quoted string is not", () => {
  assert.equal(verdicts(false), EXPECTED);
});

test("the same with comment lines folded into newline tokens", () => {
  assert.equal(verdicts(true), EXPECTED);
});

test.run();
