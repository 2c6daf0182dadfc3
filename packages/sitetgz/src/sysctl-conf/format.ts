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

/** A word of a sysctl.conf line, by offsets in the text. */
export interface SysctlWord {
  /** Offset of the word's first character. */
  start: number;
  /** Offset just past the `=`, or -1 for a word without `=`. */
  valueStart: number;
  /** Offset just past the word. */
  end: number;
}

/** A line of sysctl.conf as the grammar gives it. */
export interface SysctlLine {
  /** Start of the line. */
  start: number;
  /** Where the comment starts, else the end of the line's text. */
  end: number;
  /** The words before the comment. */
  words: SysctlWord[];
  /** True when the line has a comment. */
  comment: boolean;
  /** Just past the newline. */
  lineEnd: number;
}

/** The concrete syntax of a sysctl.conf. */
export type SysctlConfSyntax = LineSyntax<SysctlLine>;

/** A parsed sysctl.conf. */
export type SysctlConfDocument = Document<SysctlConf, SysctlConfSyntax>;

/** A dotted MIB name. */
export const MIB_NAME = /^[a-z][a-z0-9]*(\.[a-z0-9_]+)+$/;
// Characters /etc/rc would split on, glob, unescape or cut as a comment.
const UNSAFE_VALUE = /[\s#\\*?[]/;
const GLOB = /[*?[]/;
const GLOB_MESSAGE = "rc expands * ? [ in this word as a file name pattern";

const badName = (name: unknown): boolean => typeof name !== "string" || !MIB_NAME.test(name);
const nameMessage = (name: unknown): string =>
  `${typeof name === "string" ? JSON.stringify(name) : describeValue(name)} is not a sysctl name such as kern.maxfiles`;
const VALUE_RULE = "a value cannot hold blanks, '#', '\\' or * ? [ (rc splits, cuts or expands them)";

// The checks of one setting, shared by parse and validate.
function settingFindings(s: SysctlSetting, index: number): Finding[] {
  const out: Finding[] = [];
  if (badName(s.name)) out.push({ index, field: "name", code: "BAD_MIB_NAME", message: nameMessage(s.name), refused: true });
  if (typeof s.value === "string" && GLOB.test(s.value)) {
    out.push({ index, field: "value", code: "GLOB", message: GLOB_MESSAGE, refused: true });
  } else if (typeof s.value !== "string" || UNSAFE_VALUE.test(s.value)) {
    out.push({ index, field: "value", code: "UNSAFE_VALUE", message: VALUE_RULE, refused: true });
  }
  return out;
}

/**
 * Reads sysctl.conf as /etc/rc does: `#` starts a comment anywhere, blanks
 * separate words (several settings may share a line), and each word is
 * passed to sysctl(8). Never throws on text or UTF-8 bytes; throws
 * `InvalidInputError` for any other input.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): SysctlConfDocument {
  const { text, lines, diagnostics, warn: report } = readLines<SysctlLine>(input, "sysctlConf.parse", options, parseLines);
  const settings: SysctlSetting[] = [];
  const items: ItemSpan[] = [];
  for (const line of lines) {
    if (text.slice(line.start, line.end).includes("\\")) {
      report("BACKSLASH", "rc reads this line without -r: backslashes are removed", line.start, line.end);
    }
    for (const w of line.words) {
      if (w.valueStart < 0) {
        report("NO_VALUE", `"${text.slice(w.start, w.end)}" sets nothing (sysctl only prints it)`, w.start, w.end);
        continue;
      }
      const setting = { name: text.slice(w.start, w.valueStart - 1), value: text.slice(w.valueStart, w.end) };
      for (const f of settingFindings(setting, settings.length)) {
        if (f.code === "BAD_MIB_NAME") report(f.code, f.message, w.start, w.valueStart - 1);
      }
      // rc expands the whole word, name included.
      if (GLOB.test(text.slice(w.start, w.end))) report("GLOB", GLOB_MESSAGE, w.start, w.end);
      settings.push(setting);
      const aloneOnLine = line.words.length === 1 && !line.comment;
      items.push({ start: w.start, end: w.end, valueStart: w.valueStart, valueEnd: w.end, lineEnd: line.lineEnd, aloneOnLine });
    }
  }
  return createDocument(text, options.fileName, { settings }, diagnostics, { lines, items });
}

function valueText(s: SysctlSetting, i: number): string {
  if (typeof s.value !== "string" || UNSAFE_VALUE.test(s.value)) throw new UnwritableValueError(s.value, VALUE_RULE, `settings[${i}].value`);
  return s.value;
}

function lineText(s: SysctlSetting, i: number): string {
  if (badName(s.name)) throw new UnwritableValueError(s.name, "not a sysctl name such as kern.maxfiles", `settings[${i}].name`);
  return `${s.name}=${valueText(s, i)}`;
}

const VERBS = lineFormatVerbs<SysctlConf, SysctlConfDocument, SysctlSetting>({
  list: "settings",
  ...BY_NAME,
  valueText,
  lineText,
  findings: (settings) => settings.flatMap(settingFindings),
});

/**
 * sysctl.conf text: one `name=value` per line. Throws `UnwritableValueError` naming the field.
 * @function
 */
export const generate = VERBS.generate;

/**
 * Edits a sysctl.conf: changed values are rewritten in place, comments and other settings stay. Throws `UnwritableValueError` naming the field.
 * @function
 */
export const update = VERBS.update;

/**
 * The checks of a model, with model paths (`settings[2].value`): names that are not sysctl names and values rc would split, cut or expand (errors: generate refuses them).
 * `options` is accepted for the shape every format shares.
 * @function
 */
export const validate = VERBS.validate;
