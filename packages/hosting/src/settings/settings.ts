// Shell-style settings files: `KEY="value"` lines as sh(1) would source them.
// The grammar (grammar.peggy) finds lines, names and value parts; this file
// reads the values as a shell would and reports, with file:line:col, every
// line a shell would read differently from what the line seems to say.
import { closestWord, diagnosticAt, inputText, LineIndex, looksBinary, type Diagnostic, type Severity } from "@obsdconf/core";
// @ts-ignore -- generated from grammar.peggy by the package build (core/scripts/build-grammars.mjs)
import { parse as parseLines } from "./grammar.generated.js";

/** A piece of a value: unquoted text, `'single'` or `"double"` quoted, with the offsets of its content. */
export interface ValuePart {
  /** 0 unquoted, 1 single quotes, 2 double quotes. */
  quote: 0 | 1 | 2;
  /** Start of the content (after the opening quote). */
  start: number;
  /** End of the content (before the closing quote). */
  end: number;
  /** False when the closing quote is missing on the line. */
  closed: boolean;
}

/**
 * A line of a settings file with 0-based offsets; the lines cover the text
 * (each runs from the previous line's `lineEnd` to its own). Offsets that do
 * not apply to a kind are -1.
 */
export interface SettingLine {
  /** Blank, comment (`#` first), `NAME=value`, or anything else. */
  kind: "blank" | "comment" | "assignment" | "other";
  /** First non-blank character (the line's end for a blank line). */
  start: number;
  /** End of the name (assignments). */
  nameEnd: number;
  /** The pieces of the value (assignments; empty for `NAME=`). */
  parts: ValuePart[];
  /** End of the value, closing quote included (assignments). */
  valueEnd: number;
  /** Start of what follows the value after blanks (assignments; equal to `end` when nothing does). */
  restStart: number;
  /** End of the text without trailing blanks. */
  end: number;
  /** Just past the newline (or the end of the text). */
  lineEnd: number;
}

/** Where one setting is in the text. */
export interface SettingSpan {
  /** The key as written. */
  key: string;
  /** Offset of the key. */
  start: number;
  /** End of the key. */
  keyEnd: number;
  /** Start of the value (just after `=`). */
  valueStart: number;
  /** End of the value (closing quote included). */
  valueEnd: number;
  /** End of the line's text (blanks and comment included). */
  end: number;
  /** Just past the newline. */
  lineEnd: number;
  /** Index of the line in {@link SettingsSyntax.lines}. */
  line: number;
}

/** The concrete syntax of a settings file: every line, and where each setting is. */
export interface SettingsSyntax {
  /** Every line; together they cover the text. */
  readonly lines: readonly SettingLine[];
  /** Every assignment in file order (a repeated key appears once per line). */
  readonly settings: readonly SettingSpan[];
  /** Line lookups for the text. */
  readonly lineIndex: LineIndex;
}

/** A settings file read as a shell would, before a format gives its keys meaning. */
export interface SettingsRead {
  /** The input as text. */
  text: string;
  /** The syntax. */
  syntax: SettingsSyntax;
  /** The value of each known key that was set (the last line wins, as in a shell). */
  values: Map<string, string>;
  /** Where each key of `values` got its value. */
  spans: Map<string, SettingSpan>;
  /** Keys whose (last) value a shell would read differently: already reported, their value is `""`. */
  unreadable: Set<string>;
  /** Diagnostics so far (shell reading, unknown, repeated and missing keys). */
  diagnostics: Diagnostic[];
  /** Adds a diagnostic over `start..end`. */
  report: (severity: Severity, code: string, message: string, start: number, end: number, hint?: string) => void;
  /** Adds a diagnostic over the value of `key` (which must be in `spans`). */
  reportValue: (key: string, code: string, message: string, hint?: string, severity?: Severity) => void;
}

/** How a format describes its keys to {@link readSettings}. */
export interface SettingsSpec {
  /** What the file is called in messages, e.g. `_deploy.conf`. */
  what: string;
  /** Every key the format knows. */
  keys: readonly string[];
  /** Keys that must be set. */
  required: readonly string[];
  /** Verb for `InvalidInputError`. */
  verb: string;
}

// Characters a shell treats specially inside a double-quoted string.
const DOUBLE_QUOTE_SPECIAL = /[$`\\]/;
// Characters a shell treats specially in an unquoted word of an assignment
// (no field splitting or pathname expansion happen there, so * ? [ are plain).
const EXPANSION = /[$`\\]/;
const OPERATOR = /[;&|<>()]/;

/**
 * Reads `input` (text or UTF-8 bytes; anything else throws `InvalidInputError`)
 * as lines of `NAME=value` the way sh(1) would source them, and reports:
 *
 * - `NOT_AN_ASSIGNMENT`: a line that is not blank, a `#` comment or
 *   `NAME=value` (`KEY = "x"` would run `KEY` as a command; `export KEY=x`
 *   is not accepted either);
 * - `SHELL_EXPANSION`: `$`, a backquote or a backslash outside single
 *   quotes (a shell would expand or unescape them; the value would not be the
 *   text written);
 * - `SHELL_OPERATOR`: an unquoted `; & | < > ( )` (a shell would end the
 *   assignment there or fail);
 * - `TILDE_EXPANSION`: an unquoted `~` at the start of the value or after `:`;
 * - `UNTERMINATED_QUOTE`: a quote not closed on its line (a shell would read on
 *   into the next lines);
 * - `TRAILING_WORDS`: words after the value (a shell would run them as a
 *   command with the variable set for it only);
 * - `MULTIPLE_ASSIGNMENTS`: `A=1 B=2` (a shell sets both; one setting per
 *   line is accepted);
 * - `CARRIAGE_RETURN`: a line ending in CR (the shell keeps it in the value);
 * - `UNKNOWN_KEY` (error, with a "did you mean" hint), `REPEATED_KEY`
 *   (warning: the last one wins, as in a shell) and `MISSING_KEY` (error,
 *   placed at the end of the file, where the line would be added).
 *
 * Accepted values: unquoted words, `'single'` and `"double"` quoted strings
 * and any concatenation of them (`a"b c"'d'`), as a shell joins them.
 */
export function readSettings(input: unknown, fileName: string | undefined, spec: SettingsSpec): SettingsRead {
  const text = inputText(input, spec.verb);
  const lineIndex = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, code: string, message: string, start: number, end: number, hint?: string): void => {
    const d = diagnosticAt(lineIndex, start, end, severity, code, message, fileName);
    if (hint !== undefined) d.hint = hint;
    diagnostics.push(d);
  };
  const binary = looksBinary(text);
  const lines = (binary ? [] : parseLines(text)) as SettingLine[];
  if (binary) report("error", "BINARY_INPUT", `not a text file: ${spec.what} is text, this input has NUL bytes or other binary data`, 0, 0);
  const settings: SettingSpan[] = [];
  const values = new Map<string, string>();
  const spans = new Map<string, SettingSpan>();
  const known = new Set(spec.keys);
  const unreadable = new Set<string>();

  lines.forEach((line, n) => {
    let end = line.end;
    if (text.charCodeAt(end - 1) === 13) {
      report("error", "CARRIAGE_RETURN", "the line ends with a carriage return, which a shell keeps in the value", end - 1, end, "use Unix line ends");
      end = trimBlanks(text, line.start, end - 1);
    }
    if (line.kind === "other") {
      const shown = text.slice(line.start, end);
      const spaced = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]+=/.exec(shown);
      const hint = spaced
        ? `write ${spaced[1]}=value, without blanks around '='`
        : /^export[ \t]/.test(shown)
          ? "write the assignment without 'export'"
          : "a line is a comment (#), blank, or NAME=value";
      report("error", "NOT_AN_ASSIGNMENT", `a shell would run this line as a command, not read a setting`, line.start, end, hint);
      return;
    }
    if (line.kind !== "assignment") return;
    const key = text.slice(line.start, line.nameEnd);
    let value = "";
    let ok = true;
    for (const [i, part] of line.parts.entries()) {
      const content = text.slice(part.start, Math.min(part.end, end));
      value += content;
      if (!part.closed) {
        ok = false;
        const which = part.quote === 2 ? "double" : "single";
        report("error", "UNTERMINATED_QUOTE", `the ${which} quote is not closed on this line; a shell would read on into the next lines`, part.start - 1, end, "close the quote on the same line");
        continue;
      }
      if (part.quote === 2) {
        const at = content.search(DOUBLE_QUOTE_SPECIAL);
        if (at >= 0) {
          ok = false;
          report("error", "SHELL_EXPANSION", `a shell would expand ${JSON.stringify(content[at])} inside double quotes`, part.start + at, part.start + at + 1, "use single quotes for a value with $, ` or \\");
        }
      } else if (part.quote === 0) {
        const at = content.search(EXPANSION);
        const op = content.search(OPERATOR);
        if (at >= 0) {
          ok = false;
          report("error", "SHELL_EXPANSION", `a shell would expand ${JSON.stringify(content[at])} in an unquoted value`, part.start + at, part.start + at + 1, "use single quotes for a value with $, ` or \\");
        } else if (op >= 0) {
          ok = false;
          report("error", "SHELL_OPERATOR", `a shell would read ${JSON.stringify(content[op])} as an operator, ending the value`, part.start + op, part.start + op + 1, "quote the value");
        } else {
          const tilde = tildeAt(content, i === 0);
          if (tilde >= 0) {
            ok = false;
            report("error", "TILDE_EXPANSION", "a shell would replace an unquoted '~' here with a home directory", part.start + tilde, part.start + tilde + 1, "quote the value");
          }
        }
      }
    }
    if (line.restStart < end && /^[A-Za-z_][A-Za-z0-9_]*=/.test(text.slice(line.restStart, end))) {
      ok = false;
      report("error", "MULTIPLE_ASSIGNMENTS", "a second assignment on the line: a shell would set both, this reader takes one setting per line", line.restStart, end, "write one setting per line");
    } else if (line.restStart < end && text[line.restStart] !== "#") {
      ok = false;
      report("error", "TRAILING_WORDS", `a shell would run ${JSON.stringify(text.slice(line.restStart, end))} as a command with ${key} set for it only`, line.restStart, end, "quote the whole value");
    }
    const span: SettingSpan = { key, start: line.start, keyEnd: line.nameEnd, valueStart: line.nameEnd + 1, valueEnd: Math.min(line.valueEnd, end), end, lineEnd: line.lineEnd, line: n };
    settings.push(span);
    if (!known.has(key)) {
      const near = closestWord(key, spec.keys);
      report("error", "UNKNOWN_KEY", `unknown key ${key} in ${spec.what}`, line.start, line.nameEnd, near !== undefined ? `did you mean ${near}?` : `known keys: ${spec.keys.join(" ")}`);
      return;
    }
    const before = spans.get(key);
    if (before) {
      report("warning", "REPEATED_KEY", `${key} is set again; the value of line ${lineIndex.position(before.start).line} is overridden, as a shell would`, line.start, line.nameEnd);
    }
    spans.set(key, span);
    // A value a shell would read differently is not used: the key counts as set, its value as empty.
    values.set(key, ok ? value : "");
    if (ok) unreadable.delete(key);
    else unreadable.add(key);
  });

  for (const key of spec.required) {
    if (!spans.has(key)) {
      report("error", "MISSING_KEY", `${spec.what} has no ${key}`, text.length, text.length, `add a line ${key}="…"`);
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const syntax: SettingsSyntax = { lines, settings, lineIndex };
  const reportValue = (key: string, code: string, message: string, hint?: string, severity: Severity = "error"): void => {
    const span = spans.get(key)!;
    report(severity, code, message, span.valueStart, Math.max(span.valueStart, span.valueEnd), hint);
  };
  return { text, syntax, values, spans, unreadable, diagnostics, report, reportValue };
}

function trimBlanks(text: string, from: number, to: number): number {
  while (to > from && (text[to - 1] === " " || text[to - 1] === "\t")) to--;
  return to;
}

// Offset of a `~` a shell would expand in an unquoted part: at the start of
// the value, or just after a ':' (sh expands tildes there in assignments).
function tildeAt(content: string, first: boolean): number {
  if (first && content.startsWith("~")) return 0;
  const at = content.indexOf(":~");
  return at >= 0 ? at + 1 : -1;
}

/** Sorts diagnostics into file order (line, then column). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}
