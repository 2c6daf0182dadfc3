// regularBlock and groupBy. Block texts are small and their spans found by
// searching the text, so each case reads as the layout it tests.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EditBuilder, groupBy, regularBlock, type Span } from "../src/index.js";

// The braces of the one block in `text` and the spans of the `items` words inside it.
function layout(text: string, items: string[]): { block: { open: Span; close: Span }; items: Span[] } {
  const open = text.indexOf("{");
  const close = text.lastIndexOf("}");
  let from = open;
  const spans = items.map((word) => {
    const start = text.indexOf(word, from);
    from = start + word.length;
    return { start, end: from };
  });
  return { block: { open: { start: open, end: open + 1 }, close: { start: close, end: close + 1 } }, items: spans };
}

function regular(text: string, items: string[]): boolean {
  const l = layout(text, items);
  return regularBlock(new EditBuilder(text), l.block, l.items);
}

test("one item per line, braces at line ends: regular", () => {
  assert.ok(regular('vm "a" {\n\tmemory 1G\n\tdisk "/a"\n}\n', ["memory 1G", 'disk "/a"']));
  assert.ok(regular('vm "a" {  # web\n  memory 1G   # more\n  }\n', ["memory 1G"]));
  assert.ok(regular('vm "a" {\n}\n', []));
});

test("an item on the line of a brace: not regular", () => {
  assert.not.ok(regular('vm "a" { memory 1G\n}\n', ["memory 1G"]));
  assert.not.ok(regular('vm "a" {\n  memory 1G }\n', ["memory 1G"]));
  assert.not.ok(regular('vm "a" { memory 1G }\n', ["memory 1G"]));
});

test("two items on one line: not regular", () => {
  assert.not.ok(regular('vm "a" {\n  memory 1G; disable\n}\n', ["memory 1G", "disable"]));
});

test("groupBy keeps the order of items in each group and of first keys", () => {
  const groups = groupBy(["disk a", "memory 1G", "disk b", "owner x", "memory 2G"], (s) => s.split(" ")[0]!);
  assert.equal([...groups.entries()], [
    ["disk", ["disk a", "disk b"]],
    ["memory", ["memory 1G", "memory 2G"]],
    ["owner", ["owner x"]],
  ]);
  assert.equal(groupBy([], (x: string) => x).size, 0);
});

test.run();
