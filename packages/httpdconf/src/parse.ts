import {
  binaryInputDiagnostic,
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  lexicalProblems,
  looksBinary,
  parseyRuns,
  problemDiagnostic,
  releaseKeywords,
  TokenCode,
  type Diagnostic,
  type Document,
  type MacroDefinition,
  type ParseOptions as CoreParseOptions,
  type ParseProblem,
  type ParseyGrammar,
  type ParseySource,
  type ParseyTokens,
  type PeggyState,
  type StatementSyntax,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions, type BlockContext } from "./actions.js";
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

/** The concrete syntax of a parsed httpd.conf: what `update` edits. */
export interface HttpdConfSyntax extends StatementSyntax<ParseyTokens, Statement, HttpdRelease> {
  /**
   * Where each part of the model was written: model path (`servers[0]`,
   * `servers[0].listen[1]`, `servers[0].locations[2].root`, `types[0].media[3]`)
   * → source span. Fields of option blocks map to the option that set them.
   */
  readonly locations: ReadonlyMap<string, Span>;
}

/** A parsed httpd.conf. */
export type HttpdConfDocument = Document<HttpdConf, HttpdConfSyntax>;

const keywordTable = (features: HttpdFeatures): ReadonlyMap<string, number> => releaseKeywords(keywordCodes as ReadonlyMap<string, number>, features);

/**
 * Parses httpd.conf. Never throws on any string or UTF-8 bytes: problems
 * become diagnostics with httpd's wording on the line httpd reports. Throws
 * only for programmer errors: input that is neither a string nor a
 * Uint8Array (`InvalidInputError`) and an unknown `release`
 * (`UnknownReleaseError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): HttpdConfDocument {
  return parseText(inputText(input, "httpdconf.parse"), options, httpdFeatures(options.release), { depth: 0 });
}

// A file's text at include depth `source.depth`.
function parseText(text: string, options: ParseOptions, features: HttpdFeatures, source: ParseySource): HttpdConfDocument {
  const file = options.fileName;
  const lines = new LineIndex(text);
  if (looksBinary(text)) {
    const tokens = scanHttpd("", { keywords: new Map(), macros: new Map() });
    const empty = lowerStatements([]);
    return createDocument(text, file, empty.model, [binaryInputDiagnostic(lines, file, "httpd.conf")], { tokens, statements: [], locations: empty.locations, release: features.release, lines });
  }

  const included: Diagnostic[] = [];
  const grammar: ParseyGrammar<Statement, GrammarActions> = {
    scan: scanHttpd,
    keywordCodes: keywordCodes as ReadonlyMap<string, number>,
    features,
    parse: parseTokens,
    aborts: AbortStatement,
    actions(tokens, macros, run) {
      if (run.fast) return new GrammarActions({ tokens, features, macros });
      const { include, read } = run;
      // A file included in a block: read as more of that block.
      const readable = read
        ? (path: string, block: "types" | "options", context: BlockContext | undefined): boolean => {
            const content = read(path);
            if (content !== undefined && run.report) included.push(...blockFile(content, path, features, macros, context));
            return content !== undefined;
          }
        : undefined;
      return new GrammarActions({ tokens, features, macros, recovery: run.recovery, ...(include ? { include } : {}), ...(readable ? { readable } : {}) });
    },
    included(content, path, macros, report) {
      const child = parseText(content, { ...options, fileName: path }, features, { depth: source.depth + 1, inherited: macros });
      if (report) included.push(...child.diagnostics.filter((d) => d.code !== "NO_ACTIONS"));
    },
    errorStatement: (line) => ({ kind: "error", ...line }),
    unusedMacro: unusedMacroProblem,
  };

  // The model comes from a run that keeps statements whose actions failed
  // (best effort); the messages from one that abandons them as httpd does.
  const { structure, reported: run, problems } = parseyRuns(text, grammar, options, source);
  problems.push(...ignoredPrefork(run.statements));
  const lowered = lowerStatements(structure.statements, false);
  // Where each model path was written: made when first asked for.
  let tracked: Lowered | undefined;
  const tracking = (): Lowered => (tracked ??= lowerStatements(structure.statements, true));
  // Servers httpd abandons at an action's error: never registered.
  const servers = structure.statements.filter((s) => s.kind === "server");
  const failedAt = new Map(servers.flatMap((s, i) => (structure.actions.failedServers.has(s.start) ? [[i, structure.actions.failedServers.get(s.start)!] as const] : [])));
  const dropped = new Set(failedAt.keys());
  const placed: Array<{ d: Diagnostic; at: number; abort: boolean }> = problems.map((p) => ({
    d: problemDiagnostic(p, lines, file, run.tokens),
    at: p.fetched >= 0 && p.fetched < run.tokens.count ? run.tokens.starts[p.fetched]! : p.start,
    abort: false,
  }));
  // httpd's checks of the values and blocks (an included file is checked as part of its includer).
  if (!source.inherited) {
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
  const problems = lexicalProblems(tokens);
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
  return problems.map((p) => problemDiagnostic(p, lines, fileName, tokens));
}

// `prefork` after the first server: httpd's first pass, the only one that
// reads it, stops at the first server.
function ignoredPrefork(statements: readonly Statement[]): ParseProblem[] {
  const first = statements.findIndex((s) => s.kind === "server");
  if (first < 0) return [];
  return statements
    .slice(first)
    .filter((s) => s.kind === "prefork")
    .map((s) => ({ severity: "warning", code: "PREFORK_IGNORED", message: "prefork after the first server is ignored by httpd", start: s.start, end: s.end, fetched: -1 }));
}
