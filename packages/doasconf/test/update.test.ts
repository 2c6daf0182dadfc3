// update(): each case gives an input, a change and the exact text expected,
// written by hand from doas.conf(5) syntax and DESIGN.md's editing rules
// (only changed rules rewritten; rule order kept, as the last match decides;
// comments above a removed rule leave with it; new rules after their
// predecessor in the new list).
import { UnwritableValueError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { customerRule, noOptions, parse, update, UpdateError, type DoasConf } from "../src/index.js";

const host = `# doas.conf of vmhost
permit persist keepenv :wheel

# customers
permit nopass alice as root cmd pkill args -9 -f vm1
permit   nopass	bob as root cmd pkill args -9 -f vm2   # spaced by hand

deny carol
`;

interface Case {
  name: string;
  input?: string;
  release?: "6.5" | "7.8";
  change: (m: DoasConf) => DoasConf | void;
  expected: string;
}

const cases: Case[] = [
  { name: "no change", change: () => {}, expected: host },
  {
    name: "append a customer rule at the end",
    release: "6.5",
    change: (m) => {
      m.rules.push(customerRule({ owner: "dave", vm: "vm4", release: "6.5" })!);
    },
    expected: host + "permit nopass dave as root cmd pkill args -9 -f vm4\n",
  },
  {
    name: "insert a rule after alice's: only that line is new",
    change: (m) => {
      m.rules.splice(2, 0, { action: "permit", options: { ...noOptions(), nopass: true }, identity: { user: "erin" }, target: "root", command: "pkill", args: ["-9", "-f", "vm5"] });
    },
    expected: host.replace("vm1\n", "vm1\npermit nopass erin as root cmd pkill args -9 -f vm5\n"),
  },
  {
    name: "change bob's VM: his line is rewritten in place, the others keep their bytes",
    change: (m) => {
      m.rules[2]!.args = ["-9", "-f", "vm3"];
    },
    expected: host.replace("permit   nopass\tbob as root cmd pkill args -9 -f vm2   # spaced by hand", "permit nopass bob as root cmd pkill args -9 -f vm3   # spaced by hand"),
  },
  {
    name: "remove alice's rule: the comment line directly above it goes with it",
    change: (m) => {
      m.rules.splice(1, 1);
    },
    expected: host.replace("# customers\npermit nopass alice as root cmd pkill args -9 -f vm1\n", ""),
  },
  {
    name: "remove bob's rule: its trailing comment goes, the blank lines around stay one",
    change: (m) => {
      m.rules.splice(2, 1);
    },
    expected: host.replace("permit   nopass\tbob as root cmd pkill args -9 -f vm2   # spaced by hand\n", ""),
  },
  {
    name: "remove the first rule with the comment directly above it",
    change: (m) => {
      m.rules.shift();
    },
    expected: host.replace("# doas.conf of vmhost\npermit persist keepenv :wheel\n\n", ""),
  },
  {
    name: "a name that needs quotes",
    change: (m) => {
      m.rules[3]!.identity = { user: "carol smith" };
    },
    expected: host.replace("deny carol", 'deny "carol smith"'),
  },
  {
    name: "into an empty file",
    input: "",
    change: (m) => {
      m.rules.push({ action: "permit", options: noOptions(), identity: { group: "wheel" } });
    },
    expected: "permit :wheel\n",
  },
  {
    name: "after a last line without a newline, a newline is added first",
    input: "# no newline at the end",
    change: (m) => {
      m.rules.push({ action: "deny", options: noOptions(), identity: { user: "x" } });
    },
    expected: "# no newline at the end\ndeny x\n",
  },
];

for (const c of cases) {
  test(`update: ${c.name}`, () => {
    const doc = parse(c.input ?? host, c.release ? { release: c.release } : {});
    assert.equal(doc.diagnostics, []);
    const out = update(doc, c.change);
    assert.is(out, c.expected);
    // The result reads back as the changed model.
    const again = parse(out, c.release ? { release: c.release } : {});
    assert.equal(again.diagnostics, []);
  });
}

test("update refuses a file with syntax errors", () => {
  assert.throws(() => update(parse("permit\n"), () => {}), (e: unknown) => e instanceof UpdateError && /line 2: syntax error/.test((e as Error).message));
});

test("update refuses an unwritable value, naming the field", () => {
  assert.throws(
    () =>
      update(parse(host), (m) => {
        m.rules[0]!.identity = { user: "a\nb" };
      }),
    (e: unknown) => e instanceof UnwritableValueError && e.field === "rules[0].identity.user",
  );
});

test("update keeps a line doas rejected for a non-syntax reason, untouched", () => {
  const input = "permit nopass persist bob\npermit alice\n";
  const doc = parse(input);
  assert.is(doc.diagnostics[0]!.code, "NOPASS_WITH_PERSIST");
  assert.is(
    update(doc, (m) => {
      m.rules.push({ action: "permit", options: noOptions(), identity: { user: "carol" } });
    }),
    input + "permit carol\n",
  );
});

test.run();
