// fast-check arbitraries for doas.conf models and texts.
import { trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import type { DoasConf, Identity, Rule, RuleOptions, SetenvEntry } from "../src/index.js";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True for a string doas can read back as one word. */
export function writable(s: string): boolean {
  return !s.includes("\0") && !s.includes("\n") && !LONE_SURROGATE.test(s) && new TextEncoder().encode(s).length < 1024;
}

const plain = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789_-./:=$'"), minLength: 1, maxLength: 10 });
const keyword = fc.constantFrom("permit", "deny", "as", "cmd", "args", "nopass", "nolog", "persist", "keepenv", "setenv");

/** Any string doas can carry in a word: plain names, keywords, and strings full of quotes, blanks, braces and #. */
export const wordValue = (): fc.Arbitrary<string> => fc.oneof(plain, keyword, trickyString(16).filter(writable));

const userName = wordValue().filter((s) => !s.startsWith(":"));
const envName = wordValue().filter((s) => !s.includes("="));

const setenvEntry = (): fc.Arbitrary<SetenvEntry> =>
  fc.oneof(
    envName.filter((s) => !s.startsWith("-")).map((name) => ({ kind: "keep" as const, name })),
    envName.map((name) => ({ kind: "remove" as const, name })),
    fc
      .tuple(envName.filter((s) => !s.startsWith("-")), wordValue().filter((s) => !s.startsWith("$")))
      .filter(([n, v]) => writable(`${n}=${v}`))
      .map(([name, value]) => ({ kind: "set" as const, name, value })),
    fc
      .tuple(envName.filter((s) => !s.startsWith("-")), wordValue())
      .filter(([n, v]) => writable(`${n}=$${v}`))
      .map(([name, from]) => ({ kind: "copy" as const, name, from })),
  );

const identity = (): fc.Arbitrary<Identity> =>
  fc.oneof(userName.map((user) => ({ user })), wordValue().filter((g) => writable(`:${g}`)).map((group) => ({ group })));

const permitOptions = (nolog: boolean): fc.Arbitrary<RuleOptions> =>
  fc
    .record({
      nopass: fc.boolean(),
      nolog: nolog ? fc.boolean() : fc.constant(false),
      persist: fc.boolean(),
      keepenv: fc.boolean(),
      setenv: fc.array(setenvEntry(), { maxLength: 4 }),
    })
    .map((o) => ({ ...o, persist: o.nopass ? false : o.persist }));

const noOpts: RuleOptions = { nopass: false, nolog: false, persist: false, keepenv: false, setenv: [] };

/** A rule doas accepts (for the newest release unless `nolog` is false). */
export const ruleArb = (nolog = true): fc.Arbitrary<Rule> =>
  fc
    .record(
      {
        action: fc.constantFrom("permit" as const, "deny" as const),
        options: permitOptions(nolog),
        identity: identity(),
        target: wordValue(),
        command: wordValue(),
        args: fc.array(wordValue(), { maxLength: 4 }),
      },
      { requiredKeys: ["action", "options", "identity"] },
    )
    .map((r) => {
      const rule: Rule = { action: r.action, options: r.action === "deny" ? { ...noOpts, setenv: [] } : r.options, identity: r.identity };
      if (r.target !== undefined) rule.target = r.target;
      if (r.command !== undefined) {
        rule.command = r.command;
        if (r.args !== undefined) rule.args = r.args;
      }
      return rule;
    });

/** A model doas accepts. */
export const doasConfArb = (nolog = true): fc.Arbitrary<DoasConf> => fc.array(ruleArb(nolog), { maxLength: 6 }).map((rules) => ({ rules }));

/** Trivia to put between rules: blank lines, comments, indentation. */
export const triviaArb = (): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom("\n", "# a comment\n", "   # indented comment \\\n", "\t\n", "#\n"), { maxLength: 3 })
    .map((parts) => parts.join(""));

/** Leading blanks of a rule line. */
export const indentArb = (): fc.Arbitrary<string> => fc.constantFrom("", " ", "\t", "  \t");
