// changedMacroInUse: which macro changes an update must refuse, on small
// vm.conf-like texts. Tokens here are the text's words and quoted strings,
// as the parse.y scanner spans them (a `$name` reference is one token that
// starts with `$`; a quoted string starts with its quote).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { changedMacroInUse, type MacroValue, type TokenSpans } from "../src/index.js";

function tokensOf(text: string): TokenSpans {
  const starts: number[] = [];
  const ends: number[] = [];
  for (const m of text.matchAll(/"[^"]*"|[^\s"]+/g)) {
    starts.push(m.index!);
    ends.push(m.index! + m[0].length);
  }
  return { count: starts.length, starts, ends };
}

const TEXT = 'mem = "1G"\nsw = "uplink"\n\nvm "a" {\n  memory $mem\n  interface { switch "$sw" }\n}\n';
const BEFORE: MacroValue[] = [
  { name: "mem", value: "1G" },
  { name: "sw", value: "uplink" },
];

test("the same list: nothing to refuse", () => {
  assert.is(changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, BEFORE), undefined);
});

test("equal values in a new list: nothing to refuse", () => {
  const after = BEFORE.map((m) => ({ ...m }));
  assert.is(changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, after), undefined);
});

test("a changed value of a macro the text uses is refused, with the line of the use", () => {
  const after = [{ name: "mem", value: "2G" }, BEFORE[1]!];
  assert.is(
    changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, after),
    "macro 'mem' is used on line 5: change or remove the statements that use it, not the macro",
  );
});

test("a removed macro the text uses is refused", () => {
  assert.is(
    changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, [BEFORE[1]!]),
    "macro 'mem' is used on line 5: change or remove the statements that use it, not the macro",
  );
});

test("the first use in the text is named", () => {
  const text = 'a = "1"\nb = "2"\nvm $b { memory $a }\n';
  const before = [
    { name: "a", value: "1" },
    { name: "b", value: "2" },
  ];
  const after = [
    { name: "a", value: "9" },
    { name: "b", value: "9" },
  ];
  assert.is(changedMacroInUse(text, tokensOf(text), before, after), "macro 'b' is used on line 3: change or remove the statements that use it, not the macro");
});

test("`$name` inside quotes is not a use (parse.y does not expand there)", () => {
  const after = [BEFORE[0]!, { name: "sw", value: "other" }];
  assert.is(changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, after), undefined);
});

test("a macro only defined, never used, may change or go", () => {
  const text = 'unused = "x"\nvm "a" { memory 1G }\n';
  const before = [{ name: "unused", value: "x" }];
  assert.is(changedMacroInUse(text, tokensOf(text), before, [{ name: "unused", value: "y" }]), undefined);
  assert.is(changedMacroInUse(text, tokensOf(text), before, []), undefined);
});

test("a reference is its whole name: `$mem2` is not a use of `mem`", () => {
  const text = 'mem = "1G"\nmem2 = "2G"\nvm "a" { memory $mem2 }\n';
  const before = [
    { name: "mem", value: "1G" },
    { name: "mem2", value: "2G" },
  ];
  assert.is(changedMacroInUse(text, tokensOf(text), before, [{ name: "mem", value: "4G" }, before[1]!]), undefined);
});

test("a new macro is not a change of one in use", () => {
  const after = [...BEFORE, { name: "disk", value: "/var/vm/a.qcow2" }];
  assert.is(changedMacroInUse(TEXT, tokensOf(TEXT), BEFORE, after), undefined);
});

test.run();
