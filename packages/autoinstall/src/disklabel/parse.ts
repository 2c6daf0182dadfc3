import { createDocument, diagnosticAt, inputText, LineIndex, type Diagnostic, type Document, type ParseOptions } from "@obsdconf/core";
// @ts-ignore -- generated from grammar.peggy by the package build (core/scripts/build-grammars.mjs)
import { parse as parseLines } from "./grammar.generated.js";
import { ignoredUnitMessages, minAboveMax, templateFindings } from "./checks.js";
import type { DisklabelTemplate, Partition } from "./model.js";
import { readRange } from "./sizes.js";

/** A line of a template with 0-based offsets of its fields. */
export interface TemplateLine {
  /** Start of the line. */
  start: number;
  /** [start, end] of each field. */
  tokens: Array<[number, number]>;
  /** Just past the newline (or the end of the text). */
  lineEnd: number;
  /** Index of the partition this line gives (-1 for a line disklabel rejects). */
  partitionIndex: number;
}

/** The concrete syntax of a template: its lines. */
export interface DisklabelSyntax {
  /** Every line, in order; together they cover the text. */
  readonly lines: readonly TemplateLine[];
  /** Line lookups for the text. */
  readonly lineIndex: LineIndex;
}

/** A parsed template: the partitions disklabel reads (lines it rejects are left out). */
export type DisklabelDocument = Document<DisklabelTemplate, DisklabelSyntax>;

/**
 * Reads an autopartitioning template as `disklabel -T` does (every line is a
 * partition: no comments, no blank lines). The model holds what disklabel
 * reads (`1GB` is read as `1G`, with a warning). Never throws on text or
 * UTF-8 bytes; throws `InvalidInputError` for any other input.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): DisklabelDocument {
  const text = inputText(input, "disklabel.parse");
  const raw = parseLines(text) as Array<{ start: number; tokens: Array<[number, number]>; lineEnd: number }>;
  const lineIndex = new LineIndex(text);
  const file = options.fileName;
  const diagnostics: Diagnostic[] = [];
  const partitions: Partition[] = [];
  const lines: TemplateLine[] = [];
  const report = (severity: Diagnostic["severity"], code: string, message: string, start: number, end: number): void => {
    const d = diagnosticAt(lineIndex, start, end, severity, code, message, file);
    if (code === "PARSE_ERROR") d.syntax = true;
    diagnostics.push(d);
  };
  const textEnd = (l: { lineEnd: number }): number => (text[l.lineEnd - 1] === "\n" ? l.lineEnd - 1 : l.lineEnd);
  raw.forEach((l, i) => {
    const n = i + 1;
    const fail = (start: number, end: number, message = `parse error on line ${n}`): void => {
      report("error", "PARSE_ERROR", message, start, end);
      lines.push({ ...l, partitionIndex: -1 });
    };
    const [mp, size, pct] = l.tokens;
    if (!mp || mp[0] !== l.start) return fail(l.start, textEnd(l));
    const mountPoint = text.slice(mp[0], mp[1]);
    if (!mountPoint.startsWith("/") && !/^(swap|raid)$/i.test(mountPoint)) return fail(mp[0], mp[1]);
    if (!size) return fail(l.start, textEnd(l));
    const range = readRange(text.slice(size[0], size[1]));
    if (typeof range === "string") return fail(size[0], size[1]);
    for (const message of ignoredUnitMessages(range)) report("warning", "IGNORED_UNIT_TEXT", message, size[0], size[1]);
    const partition: Partition = { mountPoint, size: range.size };
    if (pct) {
      const pctText = text.slice(pct[0], pct[1]);
      const digits = pctText.endsWith("%") ? pctText.slice(0, -1) : pctText;
      if (!/^[0-9]+$/.test(digits) || Number(digits) > 100) {
        return fail(pct[0], pct[1], `parse percent ${digits}: ${/^[0-9]+$/.test(digits) ? "too large" : "invalid"}; parse error on line ${n}`);
      }
      partition.percent = Number(digits);
    }
    if (minAboveMax(range)) report("error", "MIN_ABOVE_MAX", `min size > max size on line ${n}`, size[0], size[1]);
    if (l.tokens.length > 3) report("warning", "IGNORED_FIELDS", "disklabel ignores the fields after the percentage", l.tokens[3]![0], textEnd(l));
    lines.push({ ...l, partitionIndex: partitions.length });
    partitions.push(partition);
  });
  const lineOf = new Map(lines.filter((l) => l.partitionIndex >= 0).map((l) => [l.partitionIndex, l]));
  const where = (p: number): string => `line ${lines.indexOf(lineOf.get(p)!) + 1}`;
  for (const f of templateFindings(partitions.map((p, i) => [i, p] as const), where)) {
    if (f.index === undefined) {
      // The whole template: root is missing at its start, the sum is over at its end.
      const at = f.code === "PERCENT_OVER_100" ? text.length : 0;
      report(f.severity, f.code, f.message, at, at);
    } else {
      const l = lineOf.get(f.index)!;
      report(f.severity, f.code, f.message, l.start, Math.max(l.start, textEnd(l)));
    }
  }
  return createDocument(text, file, { partitions }, diagnostics, { lines, lineIndex });
}
