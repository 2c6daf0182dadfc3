// No injection through generate() for models that come from JSON: any value
// (of any type) put into any field of a valid model is either refused with an
// UnwritableValueError naming that field, or written so that vmconf's parse
// reads back exactly the model with no syntax error. vmd's checks on values
// (prefix syntax, group names, memory size...) may still speak: reporting
// them is validate's job, writing them faithfully is generate's.
import { propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate, parse, UnwritableValueError, type VmConf } from "../src/index.js";
import { assertRoundTrip, baseModel, FLAGS } from "./generate-fixtures.js";

const numRuns = propertyRuns();

/** Every field path of {@link baseModel}, containers included, plus unknown ones. */
const PATHS: Array<Array<string | number>> = [
  ["macros"], ["macros", 0], ["macros", 0, "name"], ["macros", 0, "value"], ["macros", 1],
  ["includes"], ["includes", 0], ["includes", 1],
  ["localPrefix"], ["localInet6"], ["localInet6", "prefix"],
  ["socketOwner"], ["socketOwner", "uid"], ["socketOwner", "user"], ["socketOwner", "group"],
  ["agentx"], ["agentx", "context"], ["agentx", "path"],
  ["staggeredStart"], ["staggeredStart", "parallel"], ["staggeredStart", "delay"],
  ["switches"], ["switches", 0], ["switches", 1],
  ...["name", "interface", "enabled", "group", "lockedLladdr", "rdomain", "up", "extra"].map((k) => ["switches", 0, k]),
  ["vms"], ["vms", 0], ["vms", 2],
  ...["name", "enabled", "boot", "bootDevice", "cdrom", "disks", "interfaces", "interfaceCount", "memory", "owner"].map((k) => ["vms", 0, k]),
  ...["allowInstance", "sev", "seves", "extra"].map((k) => ["vms", 0, k]),
  ["vms", 1, "instanceOf"], ["vms", 1, "name"],
  ["vms", 0, "disks", 0], ["vms", 0, "disks", 1], ["vms", 0, "disks", 0, "path"], ["vms", 0, "disks", 0, "format"],
  ["vms", 0, "interfaces", 0], ["vms", 0, "interfaces", 1],
  ...["local", "name", "switch", "group", "lladdr", "locked", "rdomain", "up", "extra"].map((k) => ["vms", 0, "interfaces", 0, k]),
  ["vms", 0, "allowInstance", "options"], ["vms", 0, "allowInstance", "options", 0], ["vms", 0, "allowInstance", "options", 1],
  ["vms", 0, "allowInstance", "owner"], ["vms", 0, "owner", "uid"], ["vms", 0, "owner", "user"],
  ["extra"],
];

const fieldName = (path: ReadonlyArray<string | number>): string =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");

function setPath(model: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let target = model as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) target = target[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined && !Array.isArray(target)) delete target[last];
  else target[last] = value;
}

/** Values of every JSON type, biased towards ones that look almost right. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: trickyString(30), weight: 5 },
  { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom(..."abcxyz019:/._- "), maxLength: 12 }), weight: 2 },
  fc.constantFrom<unknown>(
    true, false, null, undefined, 0, -1, 1.5, 255, 256, 4, 5, 2 ** 32, 2 ** 53, Number.NaN, Infinity, 1073741824,
    "", "cdrom", "disk", "net", "boot", "memory", "raw", "qcow2", "QCOW2", "1G", "512M", "fe:e1:bb:f1:c8:01",
    "FE:E1:BB:F1:C8:01", "tap0", "bridge0", "vm", "include", "a\ud800", "\udc00", "😀", "x\n}\nvm \"evil\" {",
    "boot }\n}\nvm \"evil\" { memory 1G", ["boot"], ["memory", "boot"], ["boot", "boot"], { uid: 0 }, { user: "a", group: "b" },
    { group: "x:y" }, { uid: -1 }, { uid: 1, user: "a" }, [], {}, [{ path: "/a" }], [{}],
  ),
);

/** The model a clean round trip must give: a flag set to false is the same as an absent one. */
function expected(model: VmConf): VmConf {
  const copy = structuredClone(model);
  const drop = (o: Record<string, unknown>): void => {
    for (const k of FLAGS) if (o[k] === false) delete o[k];
  };
  for (const sw of copy.switches) drop(sw as unknown as Record<string, unknown>);
  for (const vm of copy.vms) {
    drop(vm as unknown as Record<string, unknown>);
    for (const f of vm.interfaces) drop(f as unknown as Record<string, unknown>);
  }
  return copy;
}

/** Paths of the fields typed string. */
const STRING_PATHS = PATHS.filter((p) => {
  const value = p.reduce<unknown>((o, k) => (o as Record<string | number, unknown> | undefined)?.[k], baseModel());
  return typeof value === "string";
});

/** Strings without the characters no token carries, rich in the ones the lexer treats specially. */
const writableString = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', "'", "\\", "$", "#", " ", "\t", "\r", "{", "}", "=", ",", ";", "-", "/", ":", "<", ">", "!", "`", "(", ")"),
    fc.constantFrom(..."abcABC019_.@"),
    fc.constantFrom("é", "€", "😀", "\u00a0", "\u2028", "\ufeff"),
  ),
  maxLength: 24,
});

/** Refused naming `path` (or its holder), else written so that it reads back; true when written. */
const refusedOrRoundTrip = (path: Array<string | number>, value: unknown): boolean => {
  const model = baseModel();
  setPath(model, path, value);
  const field = fieldName(path);
  let text: string;
  try {
    text = generate(model);
  } catch (error) {
    assert.ok(error instanceof UnwritableValueError, `not an UnwritableValueError: ${String(error)}`);
    // The field itself, a part of it, or the object holding it when the
    // value conflicts with a sibling (a uid beside a user name).
    const named = (error as UnwritableValueError).field ?? "";
    assert.ok(
      named === field || named.startsWith(`${field}.`) || named.startsWith(`${field}[`) || named === fieldName(path.slice(0, -1)),
      `${field} set, error names ${named}: ${(error as Error).message}`,
    );
    return false;
  }
  // Through JSON, as a model from a file would come: keys whose value is
  // undefined (treated as absent by generate) disappear.
  assertRoundTrip(text, expected(JSON.parse(JSON.stringify(model)) as VmConf), true);
  return true;
};

test("any value in any field: refused naming that field, or parsed back equal with no syntax error", () => {
  fc.assert(
    fc.property(fc.constantFrom(...PATHS), anyValue, (path, value) => {
      refusedOrRoundTrip(path, value);
    }),
    { numRuns },
  );
});

/** String fields whose value is free text (not a macro name, enum member or MAC address). */
const FREE_TEXT = STRING_PATHS.filter((p) => {
  const last = p[p.length - 1];
  return !(p[0] === "macros" && last === "name") && !["lladdr", "format", "bootDevice"].includes(String(last)) && p[p.length - 2] !== "options";
});

test("quotes, '#', '$', braces, backslashes in free-text fields: written unless a trailing backslash, and read back", () => {
  assert.ok(FREE_TEXT.length >= 20, String(FREE_TEXT.length));
  fc.assert(
    fc.property(fc.constantFrom(...FREE_TEXT), writableString, (path, value) => {
      const written = refusedOrRoundTrip(path, value);
      // Owner names: `user:group` is one word, so a user name has no ':' and no name is empty.
      const last = path[path.length - 1];
      const inOwner = path.some((p) => p === "owner" || p === "socketOwner");
      const badName = inOwner && ((last === "user" && (value === "" || value.includes(":"))) || (last === "group" && value === ""));
      // A word cannot end in a backslash; in the base model a user name is followed by `:group`.
      const word = inOwner && last === "user" ? `${value}:group` : value;
      assert.is(written, !word.endsWith("\\") && !badName, `${fieldName(path)} = ${JSON.stringify(value)}`);
    }),
    { numRuns },
  );
});

test("indent: blanks and tabs are used as given, anything else is refused as `indent`", () => {
  fc.assert(
    fc.property(fc.oneof(trickyString(6), fc.anything({ maxDepth: 1 })), (indent) => {
      let text: string;
      try {
        text = generate(baseModel(), { indent: indent as string });
      } catch (error) {
        assert.ok(error instanceof UnwritableValueError, String(error));
        assert.is((error as UnwritableValueError).field, "indent");
        return;
      }
      const used = indent === undefined ? "\t" : (indent as string);
      assert.ok(/^[ \t]*$/.test(used));
      assert.ok(text.includes(`\n${used}memory 1G\n`), text);
      assert.equal(parse(text, { readFile: () => "" }).model, expected(baseModel()));
    }),
    { numRuns },
  );
});

test.run();
