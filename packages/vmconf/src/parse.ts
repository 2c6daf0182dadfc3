import {
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  looksBinary,
  parseySyntaxHint,
  releaseKeywords,
  scanParsey,
  TokenCode,
  type Diagnostic,
  type Document,
  type MacroDefinition,
  type ParseOptions as CoreParseOptions,
  type ParseyTokens,
  type PeggyState,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions, type Problem } from "./actions.js";
import { loadChecks, type LoadPlace } from "./checks.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import { lowerStatements } from "./lower.js";
import type { VmConf } from "./model.js";
import { vmdFeatures, type Release, type VmdFeatures } from "./releases.js";
import type { Span, Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<Release>;

/** The concrete syntax of a parsed document: what `update` edits. */
export interface VmConfSyntax {
  /** Tokens: with the trivia between them they cover the text byte for byte. */
  readonly tokens: ParseyTokens;
  /** Top-level statements in file order, error statements included. */
  readonly statements: readonly Statement[];
  /** Release the document was parsed for. */
  readonly release: Release;
  /** Line lookups for the text. */
  readonly lines: LineIndex;
}

/** A parsed vm.conf. */
export type VmConfDocument = Document<VmConf, VmConfSyntax>;

const MAX_INCLUDE_DEPTH = 16;

const keywordTable = (features: VmdFeatures): ReadonlyMap<string, number> => releaseKeywords(keywordCodes as ReadonlyMap<string, number>, features);

/**
 * Parses vm.conf. Never throws on any string or UTF-8 bytes: problems become
 * diagnostics with vmd's wording on the line vmd reports. Throws only for
 * programmer errors: input that is neither a string nor a Uint8Array
 * (`InvalidInputError`) and an unknown `release` (`UnknownReleaseError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): VmConfDocument {
  const text = inputText(input, "vmconf.parse");
  const features = vmdFeatures(options.release);
  return parseText(text, options, features, 0, undefined);
}

interface RunResult {
  tokens: ParseyTokens;
  statements: Statement[];
  problems: Problem[];
  actionErrors: number;
  macros: Map<string, MacroDefinition>;
  macroSites: Map<string, Span>;
}

function parseText(
  text: string,
  options: ParseOptions,
  features: VmdFeatures,
  depth: number,
  inherited: Map<string, MacroDefinition> | undefined,
): VmConfDocument {
  const file = options.fileName;
  const lines = new LineIndex(text);
  if (looksBinary(text)) {
    const d = diagnosticAt(lines, 0, 0, "error", "BINARY_INPUT", "not a text file: vm.conf is text, this input has NUL bytes or other binary data", file);
    d.syntax = true;
    const tokens = scanParsey("", { keywords: new Map(), macros: new Map() });
    return createDocument(text, file, lowerStatements([]), [d], { tokens, statements: [], release: features.release, lines });
  }

  const included: Diagnostic[] = [];
  const includedSwitches: string[] = [];
  const includeFor = (report: boolean, macros: Map<string, MacroDefinition>) =>
    options.readFile
      ? (path: string): boolean => {
          if (depth >= MAX_INCLUDE_DEPTH) return false;
          // A readFile that throws or returns something other than text is a
          // file that cannot be included, as vmd reports it.
          let content: unknown;
          try {
            content = options.readFile!(path);
          } catch {
            return false;
          }
          if (typeof content !== "string" && !(content instanceof Uint8Array)) return false;
          const child = parseText(inputText(content, "vmconf.parse (readFile)"), { ...options, fileName: path }, features, depth + 1, macros);
          if (report) {
            included.push(...child.diagnostics);
            includedSwitches.push(...child.model.switches.map((s) => s.name));
          }
          return true;
        }
      : undefined;

  // An included file defines macros in its includer's table (inherited).
  const structure =
    (inherited ? undefined : fastRun(text, features, options.readFile !== undefined)) ??
    exactRun(text, features, false, inherited ?? new Map(), includeFor);
  const reported = structure.actionErrors > 0 ? exactRun(text, features, true, new Map(inherited), includeFor, false) : structure;

  const problems = [...reported.problems];
  if (!inherited) {
    for (const [name, definition] of reported.macros) {
      const site = reported.macroSites.get(name);
      if (!definition.used && site) {
        problems.push({ severity: "warning", code: "UNUSED_MACRO", message: `warning: macro '${name}' not used`, ...site, fetched: -1 });
      }
    }
  }
  const diagnostics = problems.map((p) => toDiagnostic(p, reported.tokens, lines, file));
  diagnostics.push(...included);
  const model = lowerStatements(structure.statements);
  const hasIncludes = model.includes.length > 0;
  const load = loadChecks(model, !hasIncludes || options.readFile !== undefined, includedSwitches);
  if (load.length) {
    const at = placeSpans(structure.statements);
    for (const p of load) {
      const span = at(p.place);
      diagnostics.push(diagnosticAt(lines, span.start, span.end, "warning", p.code, p.message, file));
    }
  }
  const syntax: VmConfSyntax = { tokens: structure.tokens, statements: structure.statements, release: features.release, lines };
  return createDocument(text, file, model, diagnostics, syntax);
}

// The whole file in one grammar call, with macros defined by the scanner.
// Undefined when the file has an error of any kind or follows includes:
// then only the statement-at-a-time run is exact.
function fastRun(text: string, features: VmdFeatures, followsIncludes: boolean): RunResult | undefined {
  const macros = new Map<string, MacroDefinition>();
  const tokens = scanParsey(text, { keywords: keywordTable(features), macros, defineMacros: true, foldNewlines: true });
  if (tokens.problems.length > 0) return undefined;
  const actions = new GrammarActions({ tokens, features, vmdRecovery: false, macros: new Map() });
  let state: PeggyState;
  try {
    state = parseTokens(tokens.kinds, { actions, "peg$library": true, "peg$silentFails": 1 }) as PeggyState;
  } catch (error) {
    if (error instanceof AbortStatement) return undefined;
    throw error;
  }
  if (state.peg$result === state.peg$FAILED || state.peg$currPos !== tokens.count) return undefined;
  const statements = (state.peg$result as Array<Statement | null>).filter((s): s is Statement => s !== null);
  if (!sameDefinitions(tokens.defined, actions.definitions)) return undefined;
  if (followsIncludes && statements.some((s) => s.kind === "include")) return undefined;
  return { tokens, statements, problems: actions.problems, actionErrors: actions.actionErrors, macros, macroSites: actions.macroSites };
}

// Source spans of the model's switches, vms and vm interfaces: their headers or options.
function placeSpans(statements: readonly Statement[]): (place: LoadPlace) => Span {
  const vms = statements.filter((s) => s.kind === "vm");
  const switches = statements.filter((s) => s.kind === "switch");
  return (place) => {
    if ("switch" in place) {
      const s = switches[place.switch]!;
      return { start: s.start, end: s.headerEnd };
    }
    const vm = vms[place.vm]!;
    if (vm.kind !== "vm") throw new Error("unreachable");
    if (place.interface === undefined) return { start: vm.start, end: vm.headerEnd };
    const option = vm.options.filter((o) => o.kind === "interface")[place.interface]!;
    return { start: option.start, end: option.end };
  };
}

function sameDefinitions(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// One statement at a time, as yacc does: on a syntax error (or, with
// vmdRecovery, an action's YYERROR) skip to the newline, and report the
// next syntax error only after three tokens have been shifted.
function exactRun(
  text: string,
  features: VmdFeatures,
  vmdRecovery: boolean,
  macros: Map<string, MacroDefinition>,
  includeFor: (report: boolean, macros: Map<string, MacroDefinition>) => ((path: string) => boolean) | undefined,
  reportIncluded = true,
): RunResult {
  const tokens = scanParsey(text, { keywords: keywordTable(features), macros, foldNewlines: true });
  const include = includeFor(reportIncluded, macros);
  // Tokens yacc shifts for tokens from..to: a folded newline stands for several.
  const shifts = (from: number, to: number): number => {
    let n = to - from;
    for (const [i, count] of tokens.newlineRuns) if (i >= from && i < to) n += count - 1;
    return n;
  };
  const actions = new GrammarActions({ tokens, features, vmdRecovery, macros, ...(include ? { include } : {}) });
  const statements: Statement[] = [];
  const syntax: Problem[] = [];
  let pos = 0;
  let errflag = 0;

  const skipLine = (from: number): void => {
    let i = from;
    while (i < tokens.count && tokens.codes[i] !== TokenCode.Newline) i++;
    const start = pos < tokens.count ? tokens.starts[pos]! : text.length;
    const end = i > pos ? Math.max(start, tokens.ends[Math.min(i, tokens.count) - 1]!) : start;
    if (i >= tokens.count) {
      statements.push({ kind: "error", start, end: Math.max(start, Math.min(end, text.length)), lineEnd: text.length });
      pos = tokens.count;
      return;
    }
    const newline = text.indexOf("\n", tokens.starts[i]!);
    statements.push({ kind: "error", start, end, lineEnd: newline < 0 ? text.length : newline + 1 });
    // `error '\n'` shifts the newline, then each further newline is a statement.
    errflag = Math.max(0, 3 - (tokens.newlineRuns.get(i) ?? 1));
    pos = i + 1;
  };

  while (pos < tokens.count) {
    let state: PeggyState;
    try {
      state = parseTokens(tokens.kinds, { actions, startRule: "statement_line", "peg$currPos": pos, "peg$library": true }) as PeggyState;
    } catch (error) {
      if (!(error instanceof AbortStatement)) throw error;
      errflag = 3;
      skipLine(error.lastShifted + 1);
      continue;
    }
    if (state.peg$result !== state.peg$FAILED) {
      const end = state.peg$currPos;
      errflag = Math.max(0, errflag - shifts(pos, end));
      const statement = state.peg$result as Statement | null;
      pos = end;
      if (statement) {
        statements.push(statement);
        if (statement.kind === "macro" || statement.kind === "include") tokens.rescan(end);
      }
      continue;
    }
    const failedAt = state.peg$maxFailPos;
    errflag = Math.max(0, errflag - shifts(pos, failedAt));
    if (errflag === 0) {
      const at = failedAt < tokens.count ? { start: tokens.starts[failedAt]!, end: tokens.ends[failedAt]! } : { start: tokens.endOffset, end: tokens.endOffset };
      const problem: Problem = { severity: "error", code: "SYNTAX_ERROR", message: "syntax error", ...at, fetched: failedAt, syntax: true };
      const hint = parseySyntaxHint(tokens, failedAt, state.peg$maxFailExpected, keywordCodes as ReadonlyMap<string, number>, features);
      if (hint) problem.hint = hint;
      syntax.push(problem);
    }
    errflag = 3;
    skipLine(failedAt);
  }

  // Every token is read, so every lexical problem is reported, before the
  // parser's messages about the same token.
  const lexical: Problem[] = tokens.problems.map((p) => ({ severity: "error", code: p.code, message: p.message, start: p.start, end: p.end, fetched: p.token, syntax: true }));
  const ordered = [
    ...lexical.map((p, i) => ({ p, key: p.fetched, rank: 0, i })),
    ...[...actions.problems, ...syntax].map((p, i) => ({ p, key: p.fetched, rank: 1, i })),
  ];
  ordered.sort((a, b) => a.key - b.key || a.rank - b.rank || a.i - b.i);
  return {
    tokens,
    statements,
    problems: ordered.map((o) => o.p),
    actionErrors: actions.actionErrors,
    macros,
    macroSites: actions.macroSites,
  };
}

// The line parse.y reports is the line of the last token read; vmd reports
// errors at the end of the file on the last line.
function toDiagnostic(p: Problem, tokens: ParseyTokens, lines: LineIndex, file: string | undefined): Diagnostic {
  const d = diagnosticAt(lines, p.start, p.end, p.severity, p.code, p.message, file);
  if (p.syntax) d.syntax = true;
  if (p.hint) d.hint = p.hint;
  if (p.fetched < 0) return d;
  const offset = p.fetched < tokens.count ? tokens.starts[p.fetched]! : tokens.endOffset;
  const line = Math.min(Math.max(1, lines.position(offset).line), lines.lineCount);
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
