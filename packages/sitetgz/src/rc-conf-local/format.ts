import {
  createDocument,
  describeValue,
  UnwritableValueError,
  type Document,
  type ParseOptions,
} from "@obsdconf/core";
// @ts-ignore -- generated from grammar.peggy by the package build (core/scripts/build-grammars.mjs)
import { parse as parseLines } from "./grammar.generated.js";
import { BY_NAME, lineFormatVerbs, readLines, type Finding, type ItemSpan, type LineSyntax } from "../line-format.js";

/** One `name=value` assignment, with the value as rc reads it (quotes removed). */
export interface RcVariable {
  /** Variable name, e.g. `ntpd_flags`. */
  name: string;
  /** Value, e.g. `-s`, `NO`, or empty (enabled with default flags). */
  value: string;
}

/** rc.conf.local(8): assignments that override rc.conf. */
export interface RcConfLocal {
  /** Assignments in file order (the last one of a name wins). */
  variables: RcVariable[];
}

/** A line of rc.conf.local as the grammar gives it (offsets -1 where they do not apply). */
export interface RcLine {
  /** Blank, comment, assignment, or a line rc ignores. */
  kind: "blank" | "comment" | "assignment" | "other";
  /** First non-blank character. */
  start: number;
  /** End of the name without trailing blanks. */
  nameEnd: number;
  /** Start of the value. */
  valueStart: number;
  /** End of the value (before a comment and trailing blanks). */
  valueEnd: number;
  /** End of the text without trailing blanks. */
  end: number;
  /** Just past the newline. */
  lineEnd: number;
}

/** The concrete syntax of an rc.conf.local. */
export type RcConfLocalSyntax = LineSyntax<RcLine>;

/** A parsed rc.conf.local. */
export type RcConfLocalDocument = Document<RcConfLocal, RcConfLocalSyntax>;

/** Names rc(8) takes from rc.conf.local besides `*_execdir`, `*_flags`, `*_user`, `*_timeout`, `*_rtable`, `*_logger`. */
export const RC_GLOBAL_VARIABLES = [
  "accounting",
  "amd_master",
  "check_quotas",
  "ipsec",
  "library_aslr",
  "multicast",
  "nfs_server",
  "pexp",
  "pf",
  "pkg_scripts",
  "shlib_dirs",
  "spamd_black",
] as const;

const NAME = /^[a-z][a-z0-9_]*$/;
const USED_SUFFIX = /_(execdir|flags|user|timeout|rtable|logger)$/;
const PLAIN_VALUE = /^[A-Za-z0-9_./:,+@%=-]+$/;
// Characters rc would cut (#), and ones a shell sourcing the file would read differently.
const UNSAFE_VALUE = /[\n\r#"$`\\]/;
const VALUE_RULE = "a value cannot hold a newline, '#', '\"', '$', '`' or '\\'";
const NAME_RULE = "a name is lower-case letters, digits and '_'";

/** True when rc(8) uses a variable of this name. */
export function rcUsesVariable(name: string): boolean {
  return USED_SUFFIX.test(name) || (RC_GLOBAL_VARIABLES as readonly string[]).includes(name);
}

const unusedMessage = (name: string): string => `rc does not use "${name}"`;
const shown = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : describeValue(v));

// The checks of a list of assignments, shared by parse and validate; `where`
// names an earlier assignment (a line for parse, a path for validate).
function variableFindings(variables: readonly RcVariable[], where: (index: number) => string): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  variables.forEach((v, i) => {
    if (typeof v.name !== "string" || !NAME.test(v.name)) {
      out.push({ index: i, field: "name", code: "BAD_NAME", message: `${shown(v.name)}: ${NAME_RULE}`, refused: true });
    } else if (!rcUsesVariable(v.name)) {
      out.push({ index: i, field: "name", code: "UNUSED_VARIABLE", message: unusedMessage(v.name), refused: false });
    }
    if (typeof v.value !== "string" || UNSAFE_VALUE.test(v.value)) {
      out.push({ index: i, field: "value", code: "UNSAFE_VALUE", message: `${shown(v.value)}: ${VALUE_RULE}`, refused: true });
    }
    const previous = seen.get(String(v.name));
    if (previous !== undefined) {
      out.push({ index: i, field: "name", code: "REPEATED_VARIABLE", message: `"${v.name}" is set again; the ${where(previous)} value is overridden`, refused: false });
    }
    seen.set(String(v.name), i);
  });
  return out;
}

/**
 * Reads rc.conf.local as rc does: blanks trimmed, `name=value` lines only
 * (names lower-cased), `#` ends the value, one pair of surrounding quotes
 * removed. Never throws on text or UTF-8 bytes; throws `InvalidInputError`
 * for any other input.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): RcConfLocalDocument {
  const { text, lines, diagnostics, warn: report } = readLines<RcLine>(input, "rcConfLocal.parse", options, parseLines);
  const variables: RcVariable[] = [];
  const items: ItemSpan[] = [];
  const lineOf: number[] = [];
  for (const [n, line] of lines.entries()) {
    if (line.kind === "other") report("NOT_AN_ASSIGNMENT", "rc ignores this line (not name=value)", line.start, line.end);
    if (line.kind !== "assignment") continue;
    let value = text.slice(line.valueStart, line.valueEnd);
    if (/^(".*"|'.*')$/s.test(value) && value.length >= 2) value = value.slice(1, -1);
    variables.push({ name: text.slice(line.start, line.nameEnd).toLowerCase(), value });
    items.push({ start: line.start, end: line.end, valueStart: line.valueStart, valueEnd: line.valueEnd, lineEnd: line.lineEnd, aloneOnLine: true });
    lineOf.push(n + 1);
  }
  // rc reads the file as it is: of the shared checks, parse reports what rc
  // does with the names (ignores them or lets a later line win).
  for (const f of variableFindings(variables, (i) => `line ${lineOf[i]}`)) {
    const item = items[f.index]!;
    const nameEnd = lines[lineOf[f.index]! - 1]!.nameEnd;
    // rc skips a line whose name is not letters, digits and '_': it does not use it.
    if (f.code === "BAD_NAME") report("UNUSED_VARIABLE", unusedMessage(variables[f.index]!.name), item.start, nameEnd);
    else if (f.code === "UNUSED_VARIABLE" || f.code === "REPEATED_VARIABLE") report(f.code, f.message, item.start, nameEnd);
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return createDocument(text, options.fileName, { variables }, diagnostics, { lines, items });
}

function valueText(v: RcVariable, i: number): string {
  if (typeof v.value !== "string" || UNSAFE_VALUE.test(v.value)) throw new UnwritableValueError(v.value, VALUE_RULE, `variables[${i}].value`);
  if (v.value === "" || PLAIN_VALUE.test(v.value)) return v.value;
  return `"${v.value}"`;
}

function lineText(v: RcVariable, i: number): string {
  if (typeof v.name !== "string" || !NAME.test(v.name)) throw new UnwritableValueError(v.name, NAME_RULE, `variables[${i}].name`);
  return `${v.name}=${valueText(v, i)}`;
}

const VERBS = lineFormatVerbs<RcConfLocal, RcConfLocalDocument, RcVariable>({
  list: "variables",
  ...BY_NAME,
  valueText,
  lineText,
  findings: (variables) => variableFindings(variables, (i) => `variables[${i}]`),
});

/**
 * rc.conf.local text: one assignment per line, quoted when needed. Throws `UnwritableValueError` naming the field.
 * @function
 */
export const generate = VERBS.generate;

/**
 * Edits an rc.conf.local: changed values are rewritten in place, comments stay. Throws `UnwritableValueError` naming the field.
 * @function
 */
export const update = VERBS.update;

/**
 * The checks of a model, with model paths (`variables[2].value`): names and values generate refuses (errors), names rc does not use and names set twice (warnings).
 * `options` is accepted for the shape every format shares.
 * @function
 */
export const validate = VERBS.validate;

/** The flags a daemon runs with: its `_flags` value, `"NO"` when disabled, undefined when not set here. */
export function daemonFlags(model: RcConfLocal, daemon: string): string | undefined {
  return model.variables.filter((v) => v.name === `${daemon}_flags`).at(-1)?.value;
}

/** Enables a daemon with `flags` (empty: its default flags) or disables it (`"NO"`). */
export function setDaemonFlags(model: RcConfLocal, daemon: string, flags: string): void {
  const name = `${daemon}_flags`;
  const existing = model.variables.filter((v) => v.name === name);
  if (existing.length) {
    existing.at(-1)!.value = flags;
    model.variables = model.variables.filter((v) => v.name !== name || v === existing.at(-1));
  } else model.variables.push({ name, value: flags });
}

/** The package daemons started at boot, in order. */
export function pkgScripts(model: RcConfLocal): string[] {
  return (model.variables.filter((v) => v.name === "pkg_scripts").at(-1)?.value ?? "").split(/[ \t]+/).filter((s) => s !== "");
}

/** Sets the package daemons started at boot. */
export function setPkgScripts(model: RcConfLocal, scripts: readonly string[]): void {
  const bad = scripts.find((s) => !/^[A-Za-z0-9_.-]+$/.test(s));
  if (bad !== undefined) throw new UnwritableValueError(bad, "an rc.d script name is letters, digits, '_', '.' and '-'", "pkg_scripts");
  const existing = model.variables.filter((v) => v.name === "pkg_scripts").at(-1);
  if (existing) existing.value = scripts.join(" ");
  else model.variables.push({ name: "pkg_scripts", value: scripts.join(" ") });
}
