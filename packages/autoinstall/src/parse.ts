import { createDocument, diagnosticAt, inputText, LineIndex, type Diagnostic, type Document, type ParseOptions as CoreParseOptions } from "@obsdconf/core";
// @ts-ignore -- generated from grammar.peggy by the package build (core/scripts/build-grammars.mjs)
import { parse as parseLines } from "./grammar.generated.js";
import type { InstallConf } from "./model.js";
import { releaseChecks } from "./release-checks.js";
import { knownRelease, type Release } from "./releases.js";
import type { AnswerFileLine } from "./syntax.js";

/**
 * Options of {@link parse}: `fileName` for diagnostics and the installer
 * `release` whose questions the keys are checked against (default: the
 * newest known). `readFile` is ignored (response files have no includes).
 */
export type ParseOptions = CoreParseOptions<Release>;

/** A parsed response file. */
export type InstallConfDocument = Document<InstallConf, InstallConfSyntax>;

/** The concrete syntax of a response file. */
export interface InstallConfSyntax {
  /** Every line, in order; together they cover the text. */
  readonly lines: readonly AnswerFileLine[];
  /** Line lookups for the text. */
  readonly lineIndex: LineIndex;
}

/** Codes of the warnings about how the installer reads lines: skipped, never read, kept with a carriage return. */
export const READING_PROBLEMS: ReadonlySet<string> = new Set(["IGNORED_LINE", "LAST_LINE_NOT_READ", "CARRIAGE_RETURN"]);

/**
 * Reads a response file as the installer does (see {@link Answer}): a
 * string, or UTF-8 bytes such as `readFileSync(path)`. Diagnostics are, in
 * file order, how the installer reads the lines (warnings IGNORED_LINE,
 * LAST_LINE_NOT_READ, CARRIAGE_RETURN: lines it skips or never reads) and the checks of the release:
 * keys that match none of its questions, answers it would store changed.
 *
 * Never throws on any text. Throws `InvalidInputError` when `input` is
 * neither a string nor a Uint8Array, and `UnknownReleaseError` when
 * `options.release` is not one of {@link RELEASES}.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): InstallConfDocument {
  const text = inputText(input, "autoinstall.parse");
  const release = knownRelease(options.release);
  const lines = parseLines(text) as AnswerFileLine[];
  const lineIndex = new LineIndex(text);
  const file = options.fileName;
  const diagnostics: Diagnostic[] = [];
  const answers: InstallConf["answers"] = [];
  const answerLines: AnswerFileLine[] = [];
  const reading = (code: string, message: string, start: number, end: number): void => {
    diagnostics.push(diagnosticAt(lineIndex, start, end, "warning", code, message, file));
  };
  for (const line of lines) {
    if (line.kind === "answer") {
      const key = text.slice(line.start, line.keyEnd);
      const answer = text.slice(line.answerStart, line.end);
      answers.push({ key, answer });
      answerLines.push(line);
      if (answer.endsWith("\r")) {
        reading("CARRIAGE_RETURN", "the answer ends with a carriage return, which the installer keeps: use Unix line ends", line.answerStart, line.end);
      }
      if (line.lineEnd === text.length && !text.endsWith("\n")) {
        reading("LAST_LINE_NOT_READ", "the installer never reads this line: the file's last line has no newline, and its `while read` loop skips such a line", line.start, line.end);
      }
    } else if (line.kind === "ignored") {
      const body = text.slice(line.start, line.end);
      const eq = body.indexOf("=");
      const why =
        eq === 0
          ? 'the line starts with "="'
          : eq < 0
            ? 'the line has no "="'
            : 'nothing follows "=" (an answer cannot be empty)';
      reading("IGNORED_LINE", `the installer ignores this line: ${why}`, line.start, line.end);
    }
  }
  for (const p of releaseChecks(answers, release)) {
    const line = answerLines[p.index]!;
    const [start, end] = p.field === "key" ? [line.start, line.keyEnd] : [line.answerStart, line.end];
    const d = diagnosticAt(lineIndex, start, end, p.severity, p.code, p.message, file);
    if (p.hint !== undefined) d.hint = p.hint;
    diagnostics.push(d);
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return createDocument(text, file, { answers }, diagnostics, { lines, lineIndex });
}
