// checkedText: what no word of a config file can carry, refused with the
// field's path; what it lets through comes back unchanged.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkedText, quote, UnwritableValueError } from "../src/index.js";

function refusal(value: unknown, field?: string): string {
  try {
    checkedText(value, field);
  } catch (e) {
    assert.instance(e, UnwritableValueError);
    assert.is((e as UnwritableValueError).field, field);
    return (e as Error).message;
  }
  assert.unreachable(`accepted ${JSON.stringify(value)}`);
  return "";
}

test("ordinary text comes back as it is", () => {
  for (const value of ["", "vm1", "a b\tc", 'say "hi" # not a comment here', "\u00e9t\u00e9 \ud83d\ude00"]) {
    assert.is(checkedText(value, "f"), value);
  }
});

test("a value that is not a string", () => {
  assert.is(refusal(5, "vms[0].memory"), "vms[0].memory: cannot write a number (5): not a string");
  assert.is(refusal(null, "x"), "x: cannot write null: not a string");
  assert.is(refusal(["a"]), "cannot write an array: not a string");
});

test("NUL, newline and lone surrogates", () => {
  assert.is(refusal("a\0b", "f"), 'f: cannot write "a\\u0000b": contains a NUL byte');
  assert.is(refusal("a\nb", "f"), 'f: cannot write "a\\nb": contains a newline');
  assert.is(refusal("x\ud800", "f"), 'f: cannot write "x\\ud800": contains a lone UTF-16 surrogate (U+D800), which UTF-8 cannot carry');
  assert.is(refusal("\udc01y", "f"), 'f: cannot write "\\udc01y": contains a lone UTF-16 surrogate (U+DC01), which UTF-8 cannot carry');
});

test("quote refuses the same values with the same words", () => {
  for (const value of ["a\0b", "a\nb", "x\ud800"]) {
    assert.throws(() => quote(value, { field: "f" }), (e: Error) => e.message === refusal(value, "f"));
  }
});

test.run();
