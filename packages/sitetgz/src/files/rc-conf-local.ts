import { changedCopy, type Diagnostic, UnwritableValueError } from "@obsdconf/core";
import { Reporter, splitLines, updateItems, type ItemSpan } from "./lines.js";

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

/** A parsed rc.conf.local. */
export interface RcConfLocalDocument {
  /** The input. */
  readonly text: string;
  /** The assignments. */
  readonly model: RcConfLocal;
  /** Warnings: lines rc ignores, names it does not use, repeated names. */
  readonly diagnostics: Diagnostic[];
  /** Where each assignment is (not enumerable). */
  readonly spans: readonly ItemSpan[];
}

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

/** True when rc(8) uses a variable of this name. */
export function rcUsesVariable(name: string): boolean {
  return USED_SUFFIX.test(name) || (RC_GLOBAL_VARIABLES as readonly string[]).includes(name);
}

/**
 * Reads rc.conf.local as rc does: blanks trimmed, `name=value` lines only
 * (names lower-cased), `#` ends the value, one pair of surrounding quotes
 * removed. Never throws.
 */
export function parseRcConfLocal(text: string, options: { fileName?: string } = {}): RcConfLocalDocument {
  const report = new Reporter(text, options.fileName);
  const variables: RcVariable[] = [];
  const spans: ItemSpan[] = [];
  const seen = new Map<string, number>();
  for (const [index, line] of splitLines(text).entries()) {
    const raw = text.slice(line.start, line.end);
    const lead = raw.length - raw.replace(/^[ \t]+/, "").length;
    const trimmed = raw.trim();
    const start = line.start + lead;
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) {
      report.add("warning", "NOT_AN_ASSIGNMENT", "rc ignores this line (not name=value)", start, start + trimmed.length);
      continue;
    }
    const name = trimmed.slice(0, eq).replace(/[ \t]+$/, "").toLowerCase();
    let valueStart = start + eq + 1;
    while (text[valueStart] === " " || text[valueStart] === "\t") valueStart++;
    const hash = text.indexOf("#", valueStart);
    let valueEnd = hash >= 0 && hash < line.end ? hash : start + trimmed.length;
    while (valueEnd > valueStart && (text[valueEnd - 1] === " " || text[valueEnd - 1] === "\t")) valueEnd--;
    let value = text.slice(valueStart, valueEnd);
    if (/^(".*"|'.*')$/s.test(value) && value.length >= 2) value = value.slice(1, -1);
    if (!rcUsesVariable(name)) report.add("warning", "UNUSED_VARIABLE", `rc does not use "${name}"`, start, start + eq);
    const previous = seen.get(name);
    if (previous !== undefined) report.add("warning", "REPEATED_VARIABLE", `"${name}" is set again; the line ${previous} value is overridden`, start, start + eq);
    seen.set(name, index + 1);
    variables.push({ name, value });
    spans.push({ start, end: start + trimmed.length, valueStart, valueEnd, line, aloneOnLine: true });
  }
  const doc = { text, model: { variables }, diagnostics: report.diagnostics } as RcConfLocalDocument;
  Object.defineProperty(doc, "spans", { value: spans, enumerable: false });
  return doc;
}

function valueText(v: RcVariable, i: number): string {
  if (typeof v.value !== "string" || UNSAFE_VALUE.test(v.value)) {
    throw new UnwritableValueError(String(v.value), "a value cannot hold a newline, '#', '\"', '$', '`' or '\\'", `variables[${i}].value`);
  }
  if (v.value === "" || PLAIN_VALUE.test(v.value)) return v.value;
  return `"${v.value}"`;
}

function lineText(v: RcVariable, i: number): string {
  if (typeof v.name !== "string" || !NAME.test(v.name)) {
    throw new UnwritableValueError(String(v.name), "a name is lower-case letters, digits and '_'", `variables[${i}].name`);
  }
  return `${v.name}=${valueText(v, i)}`;
}

/** rc.conf.local text: one assignment per line, quoted when needed. Throws `UnwritableValueError` naming the field. */
export function generateRcConfLocal(model: RcConfLocal): string {
  return model.variables.map((v, i) => `${lineText(v, i)}\n`).join("");
}

/** Edits an rc.conf.local: changed values are rewritten in place, comments stay. */
export function updateRcConfLocal(doc: RcConfLocalDocument, change: (model: RcConfLocal) => RcConfLocal | void): string {
  const next = changedCopy(doc.model, change);
  return updateItems(doc.text, doc.model.variables, doc.spans, next.variables, {
    key: (v) => v.name,
    sameButValue: (a, b) => a.name === b.name,
    valueText,
    lineText,
  });
}

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
