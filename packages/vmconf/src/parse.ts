import { diagnosticAt, lexRaw, LineIndex, type Diagnostic, type MacroDefinition, type RawTokens } from "@obsdconf/core";
import { runtimeChecks } from "./checks.js";
import { parseStatements, type GrammarResult, type Problem } from "./grammar.js";
import { lowerStatements } from "./lower.js";
import type { VmConf } from "./model.js";
import { vmdFeatures, type Release } from "./releases.js";
import type { Span, Statement } from "./syntax.js";

/** Options of {@link parse}. */
export interface ParseOptions {
  /** File name put in diagnostics (e.g. `/etc/vm.conf`). */
  fileName?: string;
  /** OpenBSD release whose vmd to mirror (default: the newest known). */
  release?: Release;
  /**
   * Reads an included file (path as written). Return undefined when it cannot
   * be read. Without this option includes are reported, not followed.
   */
  readFile?: (path: string) => string | undefined;
}

/** The concrete syntax of a parsed document: what `update` edits. */
export interface VmConfSyntax {
  /** Raw tokens: together they cover the text byte for byte. */
  readonly raw: RawTokens;
  /** Top-level statements in file order, error statements included. */
  readonly statements: readonly Statement[];
  /** Release the document was parsed for. */
  readonly release: Release;
  /** Line lookups for the text. */
  readonly lines: LineIndex;
}

/** A parsed vm.conf. */
export interface VmConfDocument {
  /** The input, unchanged. */
  readonly text: string;
  /** The typed model (best effort when there are errors). */
  readonly model: VmConf;
  /** vmd's messages (same wording, same lines) and this package's warnings. */
  readonly diagnostics: Diagnostic[];
  /** File name given to {@link parse}. */
  readonly fileName: string | undefined;
  /** The concrete syntax tree (not enumerable). */
  readonly syntax: VmConfSyntax;
}

const MAX_INCLUDE_DEPTH = 16;

/**
 * Parses vm.conf text. Never throws on any input: problems become
 * diagnostics, with vmd's wording and the line vmd reports (clamped to the
 * text for errors vmd reports past the last line). Throws only for an
 * unknown `release` option.
 */
export function parse(text: string, options: ParseOptions = {}): VmConfDocument {
  return parseAt(text, options, 0, undefined);
}

function parseAt(
  text: string,
  options: ParseOptions,
  depth: number,
  inheritedMacros: Map<string, MacroDefinition> | undefined,
): VmConfDocument {
  const features = vmdFeatures(options.release);
  const raw = lexRaw(text);
  const lines = new LineIndex(text);
  const included: Diagnostic[] = [];
  const includedSwitches: string[] = [];

  const run = (vmdRecovery: boolean, macros: Map<string, MacroDefinition>): GrammarResult & { unused: Problem[] } => {
    const macroSites = new Map<string, Span & { line: number }>();
    const include = options.readFile
      ? (path: string): string | undefined => {
          if (depth >= MAX_INCLUDE_DEPTH) return undefined;
          const content = options.readFile!(path);
          if (content === undefined) return undefined;
          if (!vmdRecovery) {
            const child = parseAt(content, { ...options, fileName: path }, depth + 1, macros);
            included.push(...child.diagnostics);
            includedSwitches.push(...child.model.switches.map((s) => s.name));
          }
          return content;
        }
      : undefined;
    const result = parseStatements(raw, { features, vmdRecovery, macros, macroSites, ...(include ? { include } : {}) });
    const unused: Problem[] = [];
    for (const [name, definition] of macros) {
      const site = macroSites.get(name);
      if (!definition.used && site && !inheritedMacros) {
        unused.push({ severity: "warning", code: "UNUSED_MACRO", message: `warning: macro '${name}' not used`, ...site });
      }
    }
    return { ...result, unused };
  };

  const structure = run(false, inheritedMacros ?? new Map());
  const reported = structure.actionErrors > 0 ? run(true, new Map(inheritedMacros)) : structure;
  const problems = [...reported.problems, ...reported.unused];
  const runtime = runtimeChecks(structure.statements, options.readFile !== undefined, includedSwitches);

  const file = options.fileName;
  const diagnostics = problems.map((p) => toDiagnostic(p, lines, file));
  diagnostics.push(...included);
  diagnostics.push(...runtime.map((p) => diagnosticAt(lines, p.start, p.end, p.severity, p.code, p.message, file)));

  const syntax: VmConfSyntax = { raw, statements: structure.statements, release: features.release, lines };
  const doc = { text, model: lowerStatements(structure.statements), diagnostics, fileName: file } as VmConfDocument;
  Object.defineProperty(doc, "syntax", { value: syntax, enumerable: false });
  return doc;
}

function toDiagnostic(p: Problem, lines: LineIndex, file: string | undefined): Diagnostic {
  const line = Math.min(Math.max(1, p.line), lines.lineCount);
  const d = diagnosticAt(lines, p.start, p.end, p.severity, p.code, p.message, file);
  if (d.line === line) {
    if (d.endLine !== line) {
      d.endLine = line;
      d.endColumn = lines.lineEnd(line) - lines.lineStart(line) + 1;
    }
    return d;
  }
  d.line = line;
  d.column = 1;
  d.endLine = line;
  d.endColumn = lines.lineEnd(line) - lines.lineStart(line) + 1;
  return d;
}
