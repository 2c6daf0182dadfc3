// The edit engine's rules, on a small line format written for this test:
// `name value` statements, `# comment` lines, blank lines, and blocks
// `name {` ... `}` whose lines are options `key value`. Each case gives the
// input, the edit and the whole expected output, written by hand from the
// rules in src/edit-engine.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { EditBuilder, type ListRules, type StatementSpan } from "../src/index.js";

interface Item {
  name: string;
  value: string;
  options?: Item[];
}
interface Span extends StatementSpan {
  options: Span[];
}

// Reads the test format: offsets of each statement and option.
function read(text: string): { items: Item[]; spans: Span[] } {
  const items: Item[] = [];
  const spans: Span[] = [];
  let block: { item: Item; span: Span } | undefined;
  let at = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const body = line.replace(/\n$/, "");
    const lead = /^[ \t]*/.exec(body)![0].length;
    const start = at + lead;
    const lineEnd = at + line.length;
    at = lineEnd;
    if (/^[ \t]*(#|$)/.test(body)) continue;
    if (block && /^[ \t]*\}$/.test(body)) {
      block.span.end = start + 1;
      block.span.lineEnd = lineEnd;
      block = undefined;
      continue;
    }
    const open = /^[ \t]*(\S+) \{$/.exec(body);
    if (open) {
      block = { item: { name: open[1]!, value: "", options: [] }, span: { start, end: start, lineEnd, options: [] } };
      items.push(block.item);
      spans.push(block.span);
      continue;
    }
    const m = /^[ \t]*(\S+) (.*)$/.exec(body);
    if (!m) throw new Error(`test format: ${JSON.stringify(body)}`);
    const item = { name: m[1]!, value: m[2]! };
    const span = { start, end: at - (line.endsWith("\n") ? 1 : 0), lineEnd, options: [] };
    if (block) {
      block.item.options!.push(item);
      block.span.options.push(span);
    } else {
      items.push(item);
      spans.push(span);
    }
  }
  return { items, spans };
}

const write = (i: Item): string => (i.options ? `${i.name} {\n${i.options.map((o) => `\t${write(o)}\n`).join("")}}` : `${i.name} ${i.value}`);

// update() of the test format: the engine on the statements, and again on a block's options.
function edit(text: string, change: (items: Item[]) => Item[] | void, rules: Partial<ListRules<Item, Span>> = {}): string {
  const { items, spans } = read(text);
  const copy = structuredClone(items);
  const next = change(copy) ?? copy;
  const b = new EditBuilder(text);
  b.list(spans, items, next, {
    key: (i) => i.name,
    text: write,
    change: (span, before, after) => {
      if (!before.options || !after.options) return b.replace(span.start, span.end, write(after));
      b.list(span.options, before.options, after.options, {
        key: (o) => o.name,
        text: write,
        remove: "line",
        insertPoint: () => b.lineStart(span.end - 1),
      });
    },
    ...rules,
  });
  return b.apply();
}

const item = (name: string, value: string): Item => ({ name, value });

const cases: Array<[string, string, (items: Item[]) => Item[] | void, string, Partial<ListRules<Item, Span>>?]> = [
  ["no change, no edit", "  a 1\n\n# c\nb   2\n", () => {}, "  a 1\n\n# c\nb   2\n"],
  ["a changed statement is rewritten; the rest keeps its bytes", "a 1\n# c\nb   2\n", (m) => void (m[1]!.value = "3"), "a 1\n# c\nb 3\n"],
  ["a removed statement takes the comment lines directly above it", "a 1\n# about b\n# more\nb 2\nc 3\n", (m) => void m.splice(1, 1), "a 1\nc 3\n"],
  ["a comment separated by a blank line stays", "a 1\n\n# header\n\nb 2\nc 3\n", (m) => void m.splice(1, 1), "a 1\n\n# header\n\nc 3\n"],
  ["between two blank lines, one of them goes with the statement", "a 1\n\nb 2\n\nc 3\n", (m) => void m.splice(1, 1), "a 1\n\nc 3\n"],
  ["the last statement takes the blank line before it", "a 1\n\nb 2\n", (m) => void m.pop(), "a 1\n"],
  ["neighbours removed together each take their own blank line", "a 1\n\nb 2\n\nc 3\n\nd 4\n", (m) => void m.splice(1, 2), "a 1\n\nd 4\n"],
  ["a new statement goes after the kept one before it", "a 1\n\nb 2\n", (m) => void m.splice(1, 0, item("x", "9")), "a 1\nx 9\n\nb 2\n"],
  ["a new first statement goes above the comments of the next one", "# about a\na 1\n", (m) => void m.unshift(item("x", "9")), "x 9\n# about a\na 1\n"],
  ["a new statement copies its neighbour's indentation", "  a 1\n  b 2\n", (m) => void m.push(item("c", "3")), "  a 1\n  b 2\n  c 3\n"],
  ["at the end of a text without a final newline, one is added first", "a 1", (m) => void m.push(item("b", "2")), "a 1\nb 2\n"],
  ["with nothing kept, new statements go where the first old one was", "# top\n\na 1\nb 2\n", () => [item("x", "9")], "# top\n\nx 9\n"],
  ["a separator goes between new statements and their neighbour", "a 1\n", (m) => void m.push(item("b", "2"), item("c", "3")), "a 1\n\nb 2\n\nc 3\n", { separator: "\n" }],
  [
    "without `similar`, a renamed statement is removed with its comment and written anew",
    "# about a\na 1\nz 0\n",
    (m) => void (m[0]!.name = "b"),
    "b 1\nz 0\n",
  ],
  [
    "with `similar`, a renamed statement is changed in place and keeps its comment",
    "# about a\na 1\nz 0\n",
    (m) => void (m[0]!.name = "b"),
    "# about a\nb 1\nz 0\n",
    { similar: (x, y) => x.value === y.value },
  ],
  [
    "nested: the engine again on a block's options, with the options' indentation",
    "blk {\n    x 1\n    y 2\n}\nz 0\n",
    (m) => {
      m[0]!.options!.splice(0, 1);
      m[0]!.options!.push(item("w", "3"));
    },
    "blk {\n    y 2\n    w 3\n}\nz 0\n",
  ],
  [
    "nested: an option is removed with its line only; comments inside stay",
    "blk {\n  # note\n  x 1\n  y 2\n}\n",
    (m) => void m[0]!.options!.splice(1, 1),
    "blk {\n  # note\n  x 1\n}\n",
  ],
  [
    "nested: options of an empty block go before its closing brace",
    "blk {\n}\n",
    (m) => void m[0]!.options!.push(item("x", "1")),
    "blk {\nx 1\n}\n",
  ],
];

for (const [name, input, change, expected, rules] of cases) {
  test(name, () => {
    assert.is(edit(input, change, rules), expected);
  });
}

test("slot: the statement the program reads is rewritten, the others removed", () => {
  const text = "v 1\nx 0\nv 2\n";
  const spans = read(text).spans.filter((_, i) => i !== 1);
  const last = new EditBuilder(text);
  last.slot(spans, "v 3", { keep: "last", insertPoint: () => 0 });
  assert.is(last.apply(), "x 0\nv 3\n");
  const first = new EditBuilder(text);
  first.slot(spans, "v 3", { keep: "first", insertPoint: () => 0 });
  assert.is(first.apply(), "v 3\nx 0\n");
  const none = new EditBuilder(text);
  none.slot(spans, undefined, { keep: "last", insertPoint: () => 0 });
  assert.is(none.apply(), "x 0\n");
  const added = new EditBuilder("x 0");
  added.slot([], "v 3", { keep: "last", insertPoint: () => 3, indent: "\t" });
  assert.is(added.apply(), "x 0\n\tv 3\n");
});

test("removal kinds: a statement, its line, or its own characters", () => {
  const text = "# c\na 1; b 2\n";
  const span = { start: 4, end: 7 };
  const whole = new EditBuilder(text);
  whole.remove(span, "statement");
  assert.is(whole.apply(), "");
  const line = new EditBuilder(text);
  line.remove(span, "line");
  assert.is(line.apply(), "# c\n");
  const own = new EditBuilder(text);
  own.remove(span, "span");
  assert.is(own.apply(), "# c\n; b 2\n");
});

test("indentationUnit: the blanks before the first start that begins its line; a tab otherwise", () => {
  const text = "vm a { memory 1G }\nvm b {\n    memory 1G\n}\n";
  const b = new EditBuilder(text);
  assert.is(b.indentationUnit([text.indexOf("memory"), text.lastIndexOf("memory")]), "    ");
  assert.is(b.indentationUnit([text.indexOf("memory")]), "\t");
  assert.is(b.indentationUnit([], "  "), "  ");
});

test("blankLineBetweenBlocks: as the first two blocks in a row do; skipped statements do not break the row", () => {
  const spans = (text: string) => {
    const out: Array<{ start: number; end: number; lineEnd: number; block: boolean; skip: boolean }> = [];
    let at = 0;
    for (const line of text.split("\n")) {
      if (/^(block|other|error)/.test(line)) out.push({ start: at, end: at + line.length, lineEnd: at + line.length + 1, block: line.startsWith("block"), skip: line.startsWith("error") });
      at += line.length + 1;
    }
    return out;
  };
  const ask = (text: string): boolean => new EditBuilder(text).blankLineBetweenBlocks(spans(text), (s) => s.block, (s) => s.skip);
  assert.is(ask("block a\n\nblock b\nblock c\n"), true);
  assert.is(ask("block a\nblock b\n\nblock c\n"), false);
  assert.is(ask("block a\nerror x\n\nblock b\n"), true);
  assert.is(ask("block a\nother\nblock b\nblock c\n"), false);
  assert.is(ask("block a\nother\nblock b\n"), true);
});

test.run();
