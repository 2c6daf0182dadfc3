import { byteLength, checkedArray, checkedBoolean, checkedMember, checkedRecord, checkedText, UnwritableValueError } from "@obsdconf/core";
import { DOAS_WORD_BUFFER } from "./limits.js";
import type { DoasConf, Identity, Rule, RuleOptions, SetenvEntry } from "./model.js";
import { doasFeatures, NEWEST_RELEASE, type Release } from "./releases.js";

// Every function here checks, at run time, the part of the model it writes:
// a model read from JSON has no TypeScript types, and a value written as it
// is could end the rule early, start a comment or become a keyword. Fields
// are refused with UnwritableValueError naming their path (`rules[2].command`).

const KEYWORDS = doasFeatures(NEWEST_RELEASE).keywords;

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Release whose doas must read the text (default the newest): `nolog` needs 6.6 or later. */
  release?: Release;
}

const RULE_FIELDS = ["action", "options", "identity", "target", "command", "args"] as const;
const OPTION_FIELDS = ["nopass", "nolog", "persist", "keepenv", "setenv"] as const;

/**
 * Canonical doas.conf text for a model: one rule per line, in order,
 * options in the order nopass, nolog, persist, keepenv, setenv; words bare
 * when doas reads them back as they are, else in double quotes with `"` and
 * `\` escaped. Refuses, with {@link UnwritableValueError} naming the field,
 * whatever doas would not read back as the same rule: a value of the wrong
 * type or an unknown field (a model from JSON), a NUL, a newline or a lone
 * surrogate in a word, a word of 1024 bytes or more, options on a `deny`
 * rule, `nopass` with `persist`, `args` without a command, `nolog` before
 * 6.6, a user name starting with `:`, a setenv name with `=` (or starting
 * with `-` when not removed) and a set value starting with `$`.
 */
export function generate(model: DoasConf, options: GenerateOptions = {}): string {
  if (typeof options !== "object" || options === null) throw new UnwritableValueError(options, "generate's options are an object", "options");
  const features = doasFeatures(options.release);
  const m = checkedRecord(model, "", ["rules"], "a doas.conf model");
  return checkedArray(m.rules, "rules")
    .map((r, i) => ruleText(r as Rule, `rules[${i}]`, features.nolog) + "\n")
    .join("");
}

/** The text of one rule, without its newline; `field` is its path (`rules[3]`). */
export function ruleText(rule: Rule, field: string, nolog = true): string {
  const r = checkedRecord(rule, field, RULE_FIELDS, "a rule");
  const action = checkedMember(r.action, ["permit", "deny"] as const, `${field}.action`);
  const words: string[] = [action];
  words.push(...optionWords(r.options as RuleOptions, `${field}.options`, action, nolog));
  words.push(identityWord(r.identity as Identity, `${field}.identity`));
  if (r.target !== undefined) words.push("as", word(r.target, `${field}.target`));
  if (r.command !== undefined) words.push("cmd", word(r.command, `${field}.command`));
  if (r.args !== undefined) {
    if (r.command === undefined) throw new UnwritableValueError(r.args, "args needs a command (`cmd`)", `${field}.args`);
    words.push("args", ...checkedArray(r.args, `${field}.args`).map((a, i) => word(a, `${field}.args[${i}]`)));
  }
  return words.join(" ");
}

function optionWords(options: RuleOptions, field: string, action: "permit" | "deny", nolog: boolean): string[] {
  const o = checkedRecord(options, field, OPTION_FIELDS, "rule options");
  const out: string[] = [];
  for (const name of ["nopass", "nolog", "persist", "keepenv"] as const) {
    if (checkedBoolean(o[name], `${field}.${name}`) !== true) continue;
    if (action === "deny") throw new UnwritableValueError(true, "deny takes no options", `${field}.${name}`);
    if (name === "nolog" && !nolog) throw new UnwritableValueError(true, "nolog needs OpenBSD 6.6 or later", `${field}.nolog`);
    if (name === "persist" && o.nopass === true) throw new UnwritableValueError(true, "doas can't combine nopass and persist", `${field}.persist`);
    out.push(name);
  }
  const setenv = o.setenv === undefined ? [] : checkedArray(o.setenv, `${field}.setenv`);
  if (setenv.length > 0) {
    if (action === "deny") throw new UnwritableValueError(o.setenv, "deny takes no options", `${field}.setenv`);
    const entries = setenv.map((e, i) => setenvWord(e as SetenvEntry, `${field}.setenv[${i}]`));
    out.push(`setenv { ${entries.join(" ")} }`);
  }
  return out;
}

function identityWord(identity: Identity, field: string): string {
  const id = checkedRecord(identity, field, ["user", "group"], "an identity ({ user } or { group })");
  if (id.user !== undefined && id.group !== undefined) throw new UnwritableValueError(identity, "an identity is a user or a group, not both", field);
  if (id.group !== undefined) {
    if (typeof id.group !== "string") throw new UnwritableValueError(id.group, "not a string", `${field}.group`);
    return word(`:${id.group}`, `${field}.group`);
  }
  if (typeof id.user !== "string") throw new UnwritableValueError(id.user, "not a string", `${field}.user`);
  if (id.user.startsWith(":")) throw new UnwritableValueError(id.user, "a user name starting with ':' reads as a group", `${field}.user`);
  return word(id.user, `${field}.user`);
}

/** The word of a setenv entry. */
export function setenvWord(entry: SetenvEntry, field: string): string {
  const e = checkedRecord(entry, field, ["kind", "name", "value", "from"], "a setenv entry");
  const kind = checkedMember(e.kind, ["keep", "remove", "set", "copy"] as const, `${field}.kind`);
  const name = e.name;
  if (typeof name !== "string") throw new UnwritableValueError(name, "not a string", `${field}.name`);
  if (name.includes("=")) throw new UnwritableValueError(name, "a variable name cannot contain '='", `${field}.name`);
  if (kind !== "remove" && name.startsWith("-")) throw new UnwritableValueError(name, "a leading '-' removes the variable", `${field}.name`);
  const only = (keys: string[]): void => {
    for (const k of ["value", "from"]) if (e[k] !== undefined && !keys.includes(k)) throw new UnwritableValueError(e[k], `not a field of a ${kind} entry`, `${field}.${k}`);
  };
  switch (kind) {
    case "keep":
      only([]);
      return word(name, `${field}.name`);
    case "remove":
      only([]);
      return word(`-${name}`, `${field}.name`);
    case "set": {
      only(["value"]);
      const value = e.value;
      if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", `${field}.value`);
      if (value.startsWith("$")) throw new UnwritableValueError(value, "a value starting with '$' copies a variable (use kind \"copy\")", `${field}.value`);
      return word(`${name}=${value}`, `${field}.value`);
    }
    case "copy": {
      only(["from"]);
      if (typeof e.from !== "string") throw new UnwritableValueError(e.from, "not a string", `${field}.from`);
      return word(`${name}=$${e.from}`, `${field}.from`);
    }
  }
}

const BARE = /^[^\s{}#"\\\0]+$/;

/**
 * Writes `value` as one doas word that reads back as exactly `value`: bare
 * when it has no blank, brace, `#`, quote or backslash and is not a
 * keyword, else in double quotes with `"` and `\` escaped. Refuses a
 * non-string, a NUL, a newline, a lone UTF-16 surrogate and 1024 bytes or
 * more (doas's word buffer).
 */
export function word(value: unknown, field: string): string {
  const text = checkedText(value, field);
  if (byteLength(text) >= DOAS_WORD_BUFFER) throw new UnwritableValueError(text, `${DOAS_WORD_BUFFER} bytes or more (doas: too long line)`, field);
  // Blanks other than space and tab are word characters for doas; \s is only the bare test.
  if (BARE.test(text) && !KEYWORDS.has(text)) return text;
  let out = '"';
  for (const c of text) out += c === '"' || c === "\\" ? `\\${c}` : c;
  return out + '"';
}
