import {
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  looksBinary,
  parseySyntaxHint,
  releaseKeywords,
  TokenCode,
  type Diagnostic,
  type Document,
  type MacroDefinition,
  type ParseOptions as CoreParseOptions,
  type ParseyTokens,
  type PeggyState,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions, type BlockContext, type Problem } from "./actions.js";
import { modelFindings, unusedMacroProblem, type Finding } from "./checks.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import { scanHttpd } from "./lexer.js";
import { lowerStatements, type Lowered } from "./lower.js";
import type { HttpdConf } from "./model.js";
import { httpdFeatures, type HttpdFeatures, type HttpdRelease } from "./releases.js";
import type { Span, Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<HttpdRelease>;

/** The concrete syntax of a parsed document: what `update` edits. */
export interface HttpdConfSyntax {
  /** Tokens: with the trivia between them they cover the text byte for byte. */
  readonly tokens: ParseyTokens;
  /** Top-level statements in file order, error statements included. */
  readonly statements: readonly Statement[];
  /**
   * Where each part of the model was written: model path (`servers[0]`,
   * `servers[0].listen[1]`, `servers[0].locations[2].root`, `types[0].media[3]`)
   * → source span. Fields of option blocks map to the option that set them.
   */
  readonly locations: ReadonlyMap<string, Span>;
  /** Release the document was parsed for. */
  readonly release: HttpdRelease;
  /** Line lookups for the text. */
  readonly lines: LineIndex;
}

/** A parsed httpd.conf. */
export type HttpdConfDocument = Document<HttpdConf, HttpdConfSyntax>;

const MAX_INCLUDE_DEPTH = 16;

const keywordTable = (features: HttpdFeatures): ReadonlyMap<string, number> => releaseKeywords(keywordCodes as ReadonlyMap<string, number>, features);

/**
 * Parses httpd.conf. Never throws on any string or UTF-8 bytes: problems
 * become diagnostics with httpd's wording on the line httpd reports. Throws
 * only for programmer errors: input that is neither a string nor a
 * Uint8Array (`InvalidInputError`) and an unknown `release`
 * (`UnknownReleaseError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): HttpdConfDocument {
  const text = inputText(input, "httpdconf.parse");
  const features = httpdFeatures(options.release);
  return parseText(text, options, features, 0, undefined);
}

interface RunResult {
  tokens: ParseyTokens;
  statements: Statement[];
  problems: Problem[];
  actionErrors: number;
  failedServers: ReadonlyMap<number, number>;
  macros: Map<string, MacroDefinition>;
  macroSites: Map<string, Span>;
}

function parseText(
  text: string,
  options: ParseOptions,
  features: HttpdFeatures,
  depth: number,
  inherited: Map<string, MacroDefinition> | undefined,
): HttpdConfDocument {
  const file = options.fileName;
  const lines = new LineIndex(text);
  if (looksBinary(text)) {
    const d = diagnosticAt(lines, 0, 0, "error", "BINARY_INPUT", "not a text file: httpd.conf is text, this input has NUL bytes or other binary data", file);
    d.syntax = true;
    const tokens = scanHttpd("", { keywords: new Map(), macros: new Map() });
    const empty = lowerStatements([]);
    return createDocument(text, file, empty.model, [d], { tokens, statements: [], locations: empty.locations, release: features.release, lines });
  }

  const included: Diagnostic[] = [];
  const read = (path: string): string | undefined => {
    if (!options.readFile || depth >= MAX_INCLUDE_DEPTH) return undefined;
    // A readFile that throws or returns something other than text is a file
    // that cannot be included, as httpd reports it.
    let content: unknown;
    try {
      content = options.readFile(path);
    } catch {
      return undefined;
    }
    if (typeof content !== "string" && !(content instanceof Uint8Array)) return undefined;
    return inputText(content, "httpdconf.parse (readFile)");
  };
  const includeFor = (report: boolean, macros: Map<string, MacroDefinition>) =>
    options.readFile
      ? (path: string): boolean => {
          const content = read(path);
          if (content === undefined) return false;
          const child = parseText(content, { ...options, fileName: path }, features, depth + 1, macros);
          if (report) included.push(...child.diagnostics.filter((d) => d.code !== "NO_ACTIONS"));
          return true;
        }
      : undefined;
  const readableFor = (report: boolean, macros: Map<string, MacroDefinition>) =>
    options.readFile
      ? (path: string, block: "types" | "options", context: BlockContext | undefined): boolean => {
          const content = read(path);
          if (content === undefined) return false;
          if (report) included.push(...blockFile(content, path, features, macros, context));
          return true;
        }
      : undefined;

  // An included file defines macros in its includer's table (inherited).
  // The model comes from a run that keeps statements whose actions failed
  // (best effort); the messages from one that abandons them as httpd does.
  const structure =
    (inherited ? undefined : fastRun(text, features, options.readFile !== undefined)) ??
    exactRun(text, features, false, inherited ?? new Map(), includeFor, readableFor);
  const run = structure.actionErrors > 0 ? exactRun(text, features, true, new Map(inherited), includeFor, readableFor, false) : structure;

  const problems = [...run.problems];
  if (!inherited) {
    for (const [name, definition] of run.macros) {
      const site = run.macroSites.get(name);
      if (!definition.used && site) {
        const p = unusedMacroProblem(name);
        problems.push({ severity: p.severity, code: p.code, message: p.message, ...site, fetched: -1 });
      }
    }
  }
  problems.push(...ignoredPrefork(run.statements));
  const lowered = lowerStatements(structure.statements, false);
  // Where each model path was written: made when first asked for.
  let tracked: Lowered | undefined;
  const tracking = (): Lowered => (tracked ??= lowerStatements(structure.statements, true));
  // Servers httpd abandons at an action's error: never registered.
  const servers = structure.statements.filter((s) => s.kind === "server");
  const failedAt = new Map(servers.flatMap((s, i) => (structure.failedServers.has(s.start) ? [[i, structure.failedServers.get(s.start)!] as const] : [])));
  const dropped = new Set(failedAt.keys());
  const placed: Array<{ d: Diagnostic; at: number; abort: boolean }> = problems.map((p) => ({
    d: toDiagnostic(p, run.tokens, lines, file),
    at: p.fetched >= 0 && p.fetched < run.tokens.count ? run.tokens.starts[p.fetched]! : p.start,
    abort: false,
  }));
  // httpd's checks of the values and blocks (an included file is checked as part of its includer).
  if (!inherited) {
    // With the spans, the checks follow the order httpd reads the text in;
    // they are made only when there is something to report.
    let findings = modelFindings(lowered.model, features.release, { dropped });
    if (findings.length) findings = modelFindings(lowered.model, features.release, { dropped, failedAt, spans: tracking().locations });
    for (const f of findings) {
      const span = place(f, tracking().locations, tracking().closes, text);
      const d = diagnosticAt(lines, span.start, span.end, f.severity, f.code, f.message, file);
      placed.push({ d, at: span.start, abort: f.abort === true });
    }
  }
  // After a duplicate server or location httpd reads no further (YYABORT).
  const abortAt = Math.min(...placed.filter((p) => p.abort).map((p) => p.at));
  const kept = placed.filter((p) => !(p.at > abortAt && p.d.code !== "NO_ACTIONS"));
  // `no actions` comes after the whole file.
  const rank = (p: { d: Diagnostic }): number => (p.d.code === "NO_ACTIONS" ? 1 : 0);
  kept.sort((a, b) => rank(a) - rank(b) || a.d.line - b.d.line || a.at - b.at);
  const diagnostics = kept.map((p) => p.d);
  diagnostics.push(...included);
  const syntax: HttpdConfSyntax = {
    tokens: structure.tokens,
    statements: structure.statements,
    get locations() {
      return tracking().locations;
    },
    release: features.release,
    lines,
  };
  return createDocument(text, file, lowered.model, diagnostics, syntax);
}

// Where a finding is reported: a block's `}`, the whole file's end, or the
// source of the nearest part of its path that was written.
function place(f: Finding, locations: ReadonlyMap<string, Span>, closes: ReadonlyMap<string, Span>, text: string): Span {
  const close = closes.get(f.path);
  if (close) return close;
  if (f.path === "servers" || f.path === "") {
    const lastLine = text.endsWith("\n") ? text.lastIndexOf("\n", text.length - 2) + 1 : text.lastIndexOf("\n") + 1;
    return { start: lastLine, end: text.length };
  }
  let path = f.path;
  for (;;) {
    const span = locations.get(path);
    if (span) return span;
    const shorter = path.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (shorter === path || shorter === "") return { start: 0, end: 0 };
    path = shorter;
  }
}

// The whole file in one grammar call, with macros defined by the scanner.
// Undefined when the file has an error of any kind or follows includes:
// then only the statement-at-a-time run is exact.
function fastRun(text: string, features: HttpdFeatures, followsIncludes: boolean): RunResult | undefined {
  const macros = new Map<string, MacroDefinition>();
  const tokens = scanHttpd(text, { keywords: keywordTable(features), macros, defineMacros: true, foldNewlines: true });
  if (tokens.problems.length > 0) return undefined;
  // The scanner's stand-ins for `/ ; < >` in a macro value: only the exact run reads those right.
  for (const m of macros.values()) if (/[\u0080-\u0083]/.test(m.value)) return undefined;
  const actions = new GrammarActions({ tokens, features, macros: new Map() });
  const state = parseTokens(tokens.kinds, { actions, "peg$library": true, "peg$silentFails": 1 }) as PeggyState;
  if (state.peg$result === state.peg$FAILED || state.peg$currPos !== tokens.count) return undefined;
  const statements = (state.peg$result as Array<Statement | null>).filter((s): s is Statement => s !== null);
  if (!sameDefinitions(tokens.defined, actions.definitions)) return undefined;
  if (followsIncludes && tokens.kinds.includes(String.fromCharCode((keywordCodes as ReadonlyMap<string, number>).get("include")!))) return undefined;
  return { tokens, statements, problems: actions.problems, actionErrors: actions.actionErrors, failedServers: actions.failedServers, macros, macroSites: actions.macroSites };
}

// A file included in a block: read as more media lines of a `types` block
// (no context) or as more options of a server or location block. Returns
// its messages, with its name and lines; after a syntax error the rest of
// its line is skipped. (Its statements are not part of the model.)
function blockFile(
  text: string,
  fileName: string,
  features: HttpdFeatures,
  macros: Map<string, MacroDefinition>,
  context: BlockContext | undefined,
): Diagnostic[] {
  const lines = new LineIndex(text);
  const tokens = scanHttpd(text, { keywords: keywordTable(features), macros, foldNewlines: true });
  const actions = new GrammarActions({ tokens, features, macros });
  if (context) actions.enterIncluded(context);
  const startRule = context ? "options_file" : "types_file";
  const problems: Problem[] = tokens.problems.map((p) => ({ severity: "error", code: p.code, message: p.message, start: p.start, end: p.end, fetched: p.token, syntax: true }));
  let pos = 0;
  while (pos < tokens.count) {
    const state = parseTokens(tokens.kinds, { actions, startRule, "peg$currPos": pos, "peg$library": true }) as PeggyState;
    if (state.peg$result !== state.peg$FAILED && state.peg$currPos >= tokens.count) break;
    const failedAt = Math.max(state.peg$maxFailPos, state.peg$currPos);
    if (!tokens.problems.some((p) => p.token === failedAt)) {
      const at = failedAt < tokens.count ? { start: tokens.starts[failedAt]!, end: tokens.ends[failedAt]! } : { start: tokens.endOffset, end: tokens.endOffset };
      problems.push({ severity: "error", code: "SYNTAX_ERROR", message: "syntax error", ...at, fetched: failedAt, syntax: true });
    }
    let i = failedAt;
    while (i < tokens.count && tokens.codes[i] !== TokenCode.Newline) i++;
    pos = Math.max(i + 1, pos + 1);
  }
  problems.push(...actions.problems);
  problems.sort((a, b) => a.fetched - b.fetched);
  return problems.map((p) => toDiagnostic(p, tokens, lines, fileName));
}

// `prefork` after the first server: httpd's first pass, the only one that
// reads it, stops at the first server.
function ignoredPrefork(statements: readonly Statement[]): Problem[] {
  const first = statements.findIndex((s) => s.kind === "server");
  if (first < 0) return [];
  return statements
    .slice(first)
    .filter((s) => s.kind === "prefork")
    .map((s) => ({ severity: "warning", code: "PREFORK_IGNORED", message: "prefork after the first server is ignored by httpd", start: s.start, end: s.end, fetched: -1 }));
}

function sameDefinitions(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// One statement at a time, as yacc does: on a syntax error skip to the
// newline, and report the next syntax error only after three tokens have
// been shifted.
function exactRun(
  text: string,
  features: HttpdFeatures,
  recovery: boolean,
  macros: Map<string, MacroDefinition>,
  includeFor: (report: boolean, macros: Map<string, MacroDefinition>) => ((path: string) => boolean) | undefined,
  readableFor: (
    report: boolean,
    macros: Map<string, MacroDefinition>,
  ) => ((path: string, block: "types" | "options", context: BlockContext | undefined) => boolean) | undefined,
  reportIncluded = true,
): RunResult {
  const tokens = scanHttpd(text, { keywords: keywordTable(features), macros, foldNewlines: true });
  const include = includeFor(reportIncluded, macros);
  const readable = readableFor(reportIncluded, macros);
  // Tokens yacc shifts for tokens from..to: a folded newline stands for several.
  const shifts = (from: number, to: number): number => {
    let n = to - from;
    for (const [i, count] of tokens.newlineRuns) if (i >= from && i < to) n += count - 1;
    return n;
  };
  const actions = new GrammarActions({ tokens, features, macros, recovery, ...(include ? { include } : {}), ...(readable ? { readable } : {}) });
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
      // YYERROR: no message of its own; recovery skips to the newline.
      errflag = 3;
      skipLine(Math.max(pos, error.lastShifted + 1));
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
  return { tokens, statements, problems: ordered.map((o) => o.p), actionErrors: actions.actionErrors, failedServers: actions.failedServers, macros, macroSites: actions.macroSites };
}

// The line parse.y reports is the line of the last token read; httpd
// reports errors at the end of the file on the last line.
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
