// What every format's parse does with its input before the grammar runs:
// binary input becomes one diagnostic, and an included file is read through
// the caller's readFile.

import { diagnosticAt, type Diagnostic } from "../diagnostic.js";
import { inputText, type ParseOptions } from "../document.js";
import type { LineIndex } from "../line-index.js";

/**
 * The one diagnostic of input that is not text: `not a text file: vm.conf
 * is text, this input has NUL bytes or other binary data` (`what` replaces
 * the part after "this input"), a syntax error at the start.
 */
export function binaryInputDiagnostic(lines: LineIndex, file: string | undefined, format: string, what = "has NUL bytes or other binary data"): Diagnostic {
  const d = diagnosticAt(lines, 0, 0, "error", "BINARY_INPUT", `not a text file: ${format} is text, this input ${what}`, file);
  d.syntax = true;
  return d;
}

/** How deep includes nest before an include fails, as in vmd and httpd. */
export const MAX_INCLUDE_DEPTH = 16;

/**
 * The text of an included file read through the caller's `readFile` by a
 * file at include depth `depth`; undefined when it cannot be included: too
 * deep, or a readFile that throws or returns something other than text (the
 * daemon reports a file it cannot open).
 */
export function readIncluded(readFile: NonNullable<ParseOptions["readFile"]>, path: string, depth: number): string | undefined {
  if (depth >= MAX_INCLUDE_DEPTH) return undefined;
  let content: unknown;
  try {
    content = readFile(path);
  } catch {
    return undefined;
  }
  if (typeof content !== "string" && !(content instanceof Uint8Array)) return undefined;
  return inputText(content, "readFile");
}
