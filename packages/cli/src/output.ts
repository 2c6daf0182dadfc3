// Printing: diagnostics with their source line and a caret, colour only on a
// terminal and never under NO_COLOR.
import { formatDiagnostic, type Diagnostic } from "@obsdconf/core";

/** Colour for a stream: a TTY, NO_COLOR unset or empty (https://no-color.org), TERM not dumb. */
export function colorFor(stream: NodeJS.WriteStream): boolean {
  return stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";
}

/** A function that paints a string (or leaves it as it is). */
export type Paint = (s: string) => string;

/** The styles the command uses. */
export interface Palette {
  /** Locations and table heads. */
  bold: Paint;
  /** Errors and aborts. */
  red: Paint;
  /** Warnings. */
  yellow: Paint;
  /** Infos. */
  cyan: Paint;
  /** Answered questions. */
  green: Paint;
  /** Defaults. */
  dim: Paint;
}

/** SGR wrappers that are identity functions when colour is off. */
export function palette(color: boolean): Palette {
  const sgr =
    (code: string): Paint =>
    (s) =>
      color ? `\x1b[${code}m${s}\x1b[0m` : s;
  return { bold: sgr("1"), red: sgr("31"), yellow: sgr("33"), cyan: sgr("36"), green: sgr("32"), dim: sgr("2") };
}

/** The line of `text` numbered `line` (1-based), without its newline. */
function sourceLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf("\n", start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, "");
}

/**
 * `file:line:col: severity: message`, then the source line and a caret under
 * the column (tildes to the end when the diagnostic ends on the same line).
 */
export function diagnosticBlock(d: Diagnostic, text: string, file: string, color: boolean): string {
  const p = palette(color);
  const head = formatDiagnostic(d, { defaultFile: file });
  const where = `${d.file ?? file}:${d.line}:${d.column}:`;
  const paint = d.severity === "error" ? p.red : d.severity === "warning" ? p.yellow : p.cyan;
  const rest = head.slice(where.length + 1);
  const sev = `${d.severity}:`;
  let out = `${p.bold(where)} ${paint(p.bold(sev))}${rest.slice(sev.length)}\n`;
  const src = sourceLine(text, d.line);
  if (src === undefined) return out;
  const col = Math.max(1, Math.min(d.column, src.length + 1));
  // Keep tabs in the lead so the caret lines up under the same character.
  const lead = src.slice(0, col - 1).replace(/[^\t]/g, " ");
  const width = d.endLine === d.line ? Math.max(1, Math.min(d.endColumn, src.length + 1) - col) : 1;
  out += `  ${src}\n  ${lead}${paint("^" + "~".repeat(Math.max(0, width - 1)))}\n`;
  return out;
}
