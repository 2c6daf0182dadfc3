import type { LineIndex } from "./line-index.js";

/** How serious a diagnostic is: an error makes the daemon refuse the file. */
export type Severity = "error" | "warning" | "info";

/** What every diagnostic has, positioned in a file or in a model. */
export interface DiagnosticBase {
  /** How bad it is: errors make the daemon refuse the file. */
  severity: Severity;
  /** Stable machine-readable code in SCREAMING_SNAKE_CASE, e.g. `TOO_MANY_DISKS`. */
  code: string;
  /** Human-readable text; where the daemon has its own wording, that wording. */
  message: string;
  /** True for a syntax error: the file's structure is unknown past it, so `update` refuses the file. */
  syntax?: true;
  /** What would fix it, e.g. `did you mean "memory"?`. Not part of the daemon's message. */
  hint?: string;
}

/**
 * A message about a place in a file. Lines and columns are 1-based; the end
 * is exclusive (the column just past the last character).
 */
export interface Diagnostic extends DiagnosticBase {
  /** File name as given to the parser, when known. */
  file?: string;
  /** Line of the start (1-based). */
  line: number;
  /** Column of the start (1-based, in UTF-16 code units). */
  column: number;
  /** Line of the end (1-based). */
  endLine: number;
  /** Column just past the end (1-based). */
  endColumn: number;
}

/**
 * A message about a value of a model, from `validate(model)`: `path` names
 * the field (`vms[2].memory`, `hosts[17].hardwareEthernet`); there is no
 * file position, because the model has no text yet.
 */
export interface ModelDiagnostic extends DiagnosticBase {
  /** Path of the value in the model, e.g. `vms[2].memory`; `""` for the model as a whole. */
  path: string;
}

/** Formats a model diagnostic as `path: severity: message`. */
export function formatModelDiagnostic(diagnostic: ModelDiagnostic): string {
  const hint = diagnostic.hint ? ` (${diagnostic.hint})` : "";
  return `${diagnostic.path || "(model)"}: ${diagnostic.severity}: ${diagnostic.message}${hint}`;
}

/** Options for {@link formatDiagnostic}. */
export interface FormatDiagnosticOptions {
  /** File name used when the diagnostic has none (default `"<input>"`). */
  defaultFile?: string;
}

/** Formats a diagnostic as `file:line:col: severity: message`, then the hint in parentheses when there is one. */
export function formatDiagnostic(diagnostic: Diagnostic, options: FormatDiagnosticOptions = {}): string {
  const file = diagnostic.file ?? options.defaultFile ?? "<input>";
  const hint = diagnostic.hint ? ` (${diagnostic.hint})` : "";
  return `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}${hint}`;
}

/** Formats several diagnostics, one per line, in the order given. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatDiagnosticOptions = {}): string {
  return diagnostics.map((d) => formatDiagnostic(d, options)).join("\n");
}

/** Builds a diagnostic from 0-based offsets, computing lines and columns with `index`. */
export function diagnosticAt(
  index: LineIndex,
  start: number,
  end: number,
  severity: Severity,
  code: string,
  message: string,
  file?: string,
): Diagnostic {
  const from = index.position(start);
  const to = index.position(Math.max(start, end));
  const diagnostic: Diagnostic = {
    severity,
    code,
    message,
    line: from.line,
    column: from.column,
    endLine: to.line,
    endColumn: to.column,
  };
  if (file !== undefined) diagnostic.file = file;
  return diagnostic;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly DiagnosticBase[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
