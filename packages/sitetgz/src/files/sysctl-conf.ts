import { changedCopy, type Diagnostic, UnwritableValueError } from "@obsdconf/core";
import { Reporter, splitLines, updateItems, type ItemSpan } from "./lines.js";

/** One `name=value` setting. */
export interface SysctlSetting {
  /** MIB name, e.g. `kern.timecounter.hardware`. */
  name: string;
  /** Value, e.g. `tsc`. */
  value: string;
}

/** sysctl.conf(5): settings applied at boot, in order. */
export interface SysctlConf {
  /** Settings in file order. */
  settings: SysctlSetting[];
}

/** A parsed sysctl.conf. */
export interface SysctlConfDocument {
  /** The input. */
  readonly text: string;
  /** The settings. */
  readonly model: SysctlConf;
  /** Warnings about words rc would misapply. */
  readonly diagnostics: Diagnostic[];
  /** Where each setting is (not enumerable). */
  readonly spans: readonly ItemSpan[];
}

/** A dotted MIB name. */
export const MIB_NAME = /^[a-z][a-z0-9]*(\.[a-z0-9_]+)+$/;
// Characters /etc/rc would split on, glob, unescape or cut as a comment.
const UNSAFE_VALUE = /[\s#\\*?[]/;

/**
 * Reads sysctl.conf as /etc/rc does: `#` starts a comment anywhere, blanks
 * separate words (several settings may share a line), and each word is
 * passed to sysctl(8). Never throws.
 */
export function parseSysctlConf(text: string, options: { fileName?: string } = {}): SysctlConfDocument {
  const report = new Reporter(text, options.fileName);
  const settings: SysctlSetting[] = [];
  const spans: ItemSpan[] = [];
  for (const line of splitLines(text)) {
    const hash = text.indexOf("#", line.start);
    const end = hash >= 0 && hash < line.end ? hash : line.end;
    const body = text.slice(line.start, end);
    if (body.includes("\\")) report.add("warning", "BACKSLASH", "rc reads this line without -r: backslashes are removed", line.start, end);
    const words = [...body.matchAll(/[^ \t]+/g)];
    for (const w of words) {
      const start = line.start + w.index!;
      const word = w[0];
      const eq = word.indexOf("=");
      if (eq < 0) {
        report.add("warning", "NO_VALUE", `"${word}" sets nothing (sysctl only prints it)`, start, start + word.length);
        continue;
      }
      const name = word.slice(0, eq);
      if (!MIB_NAME.test(name)) report.add("warning", "BAD_MIB_NAME", `"${name}" is not a sysctl name such as kern.maxfiles`, start, start + eq);
      if (/[*?[]/.test(word)) report.add("warning", "GLOB", "rc expands * ? [ in this word as a file name pattern", start, start + word.length);
      settings.push({ name, value: word.slice(eq + 1) });
      spans.push({ start, end: start + word.length, valueStart: start + eq + 1, valueEnd: start + word.length, line, aloneOnLine: words.length === 1 && hash < 0 });
    }
  }
  const doc = { text, model: { settings }, diagnostics: report.diagnostics } as SysctlConfDocument;
  Object.defineProperty(doc, "spans", { value: spans, enumerable: false });
  return doc;
}

function valueText(s: SysctlSetting, i: number): string {
  if (typeof s.value !== "string" || UNSAFE_VALUE.test(s.value)) {
    throw new UnwritableValueError(String(s.value), "a value cannot hold blanks, '#', '\\' or * ? [ (rc splits, cuts or expands them)", `settings[${i}].value`);
  }
  return s.value;
}

function lineText(s: SysctlSetting, i: number): string {
  if (typeof s.name !== "string" || !MIB_NAME.test(s.name)) {
    throw new UnwritableValueError(String(s.name), "not a sysctl name such as kern.maxfiles", `settings[${i}].name`);
  }
  return `${s.name}=${valueText(s, i)}`;
}

/** sysctl.conf text: one `name=value` per line. Throws `UnwritableValueError` naming the field. */
export function generateSysctlConf(model: SysctlConf): string {
  return model.settings.map((s, i) => `${lineText(s, i)}\n`).join("");
}

/** Edits a sysctl.conf: changed values are rewritten in place, comments stay. */
export function updateSysctlConf(doc: SysctlConfDocument, change: (model: SysctlConf) => SysctlConf | void): string {
  const next = changedCopy(doc.model, change);
  return updateItems(doc.text, doc.model.settings, doc.spans, next.settings, {
    key: (s) => s.name,
    sameButValue: (a, b) => a.name === b.name,
    valueText,
    lineText,
  });
}
