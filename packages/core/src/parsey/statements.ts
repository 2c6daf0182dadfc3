// The parse loop of a parse.y grammar, written once: a generated peggy token
// grammar run one statement at a time with yacc's error recovery
// (`error '\n'`, errflag, YYERROR), and for the scanner's parse.y family a
// fast whole-file run that falls back to the exact one. The formats give
// what differs: their parser, scanner, actions and error statements.

import { diagnosticAt, type Diagnostic, type Severity } from "../diagnostic.js";
import type { ParseOptions } from "../document.js";
import type { LineIndex } from "../line-index.js";
import type { Span } from "../syntax.js";
import { releaseKeywords, type PeggyState } from "./grammar.js";
import { readIncluded } from "./input.js";
import { syntaxHint, type GrammarExpectation, type HintFeatures } from "./hints.js";
import { TokenCode, type MacroDefinition, type ParseyTokens, type ScanOptions, type ScanProblem, type TokenStream } from "./scanner.js";

/** A message found while parsing, placed where the daemon prints it. */
export interface ParseProblem {
  /** Severity. */
  severity: Severity;
  /** Stable code. */
  code: string;
  /** The daemon's wording. */
  message: string;
  /** Start offset of what it is about. */
  start: number;
  /** End offset. */
  end: number;
  /** Index of the last token the daemon had read when it printed the message (-1: use the span). */
  fetched: number;
  /** The line the daemon prints, when its own line counter decides it (doas); else the line of token `fetched`. */
  line?: number;
  /** True for syntax errors (and lexical errors). */
  syntax?: true;
  /** A hint beyond the daemon's message. */
  hint?: string;
}

/** A generated peggy parser's `parse` function. */
export type GeneratedParse = (input: string, options?: Record<string, unknown>) => unknown;

/** What a format's actions throw for YYERROR. */
export interface AbortedStatement {
  /** Index of the last token shifted when the action ran: the skip to the newline starts after it. */
  readonly lastShifted: number;
}

/** The class of a format's {@link AbortedStatement} (matched with `instanceof`). */
export type AbortClass = abstract new (...args: never[]) => AbortedStatement;

/** A statement of a syntax tree, as the driver sees it. */
export interface KindedStatement {
  /** What statement it is (`macro`, `include`, `error`, ...). */
  kind: string;
}

/** A lexical problem of a scanner; scanners that count lines as the daemon does give the line it prints. */
export interface LexicalProblem extends ScanProblem {
  /** The line the daemon prints. */
  line?: number;
}

/** What the statement loop reads of a token stream (core's `ParseyTokens` and the formats' own scanners fit). */
export interface StatementTokens extends TokenStream {
  /** Lexical problems, each at the token being read (and, for scanners that count lines, the line printed). */
  readonly problems: readonly LexicalProblem[];
  /** Newline tokens that stand for several newlines, by token index: how many. */
  readonly newlineRuns?: ReadonlyMap<number, number>;
  /** Scans again from token `index` on (after a statement that changed the macro table). */
  rescan?(index: number): void;
}

/** The span of a skipped line: from the statement's first token to the last one before the newline, and past the newline. */
export interface SkippedLine extends Span {
  /** Offset just past the newline (or the text's end). */
  lineEnd: number;
}

/** What {@link parseStatements} needs from a format. */
export interface StatementLoop<S extends KindedStatement> {
  /** The tokens; rescanned in place after the statements of {@link rescanAfter}. */
  tokens: StatementTokens;
  /** The generated parser. */
  parse: GeneratedParse;
  /** The grammar's actions (`options.actions` of the parser); their problems come out ordered with the others. */
  actions: Pick<ParseyActions, "problems">;
  /** What the actions throw for YYERROR. */
  aborts: AbortClass;
  /** The newline's token code. */
  newline: number;
  /** Statement kinds after which the rest is scanned again (`macro`, `include`): needs `tokens.rescan`. */
  rescanAfter?: ReadonlySet<string>;
  /** The statement that stands for a skipped line. */
  errorStatement(line: SkippedLine): S;
  /** The syntax error for a statement starting at token `from` that failed at token `failedAt` (`count`: the end). */
  syntaxError(from: number, failedAt: number, expected: GrammarExpectation[]): ParseProblem;
  /** A statement the end of the input cut off, asked before its syntax error: return it to keep it. */
  endedEarly?(from: number): S | undefined;
}

/** Statements in file order (error statements included) and every problem in the order the daemon prints them. */
export interface StatementsResult<S> {
  /** Statements in file order. */
  statements: S[];
  /** Lexical, action and syntax problems in the order the daemon prints them (by the token read, lexical ones first). */
  problems: ParseProblem[];
}

/**
 * Parses one statement at a time as yacc does: a syntax error is reported
 * at the grammar's furthest failure unless fewer than three tokens were
 * shifted since the last error (yacc's errflag; a folded newline run counts
 * as its newlines); then, as `error '\n'` does, the rest of the line is
 * skipped and becomes an error statement. An action's YYERROR (a thrown
 * `aborts`) skips the line without a message of its own.
 */
export function parseStatements<S extends KindedStatement>(loop: StatementLoop<S>): StatementsResult<S> {
  const { tokens, parse, actions, aborts, newline, rescanAfter } = loop;
  const text = tokens.text;
  // The rule of one statement and its newline; it may return null for an empty line.
  const startRule = "statement_line";
  const runs = tokens.newlineRuns;
  // Tokens yacc shifts for tokens from..to: a folded newline stands for several.
  const shifts = (from: number, to: number): number => {
    let n = to - from;
    if (runs && runs.size > 0) for (let i = from; i < to; i++) if (tokens.codes[i] === newline) n += (runs.get(i) ?? 1) - 1;
    return n;
  };
  const statements: S[] = [];
  const syntax: ParseProblem[] = [];
  let pos = 0;
  let errflag = 0;

  const skipLine = (from: number): void => {
    let i = from;
    while (i < tokens.count && tokens.codes[i] !== newline) i++;
    const start = pos < tokens.count ? tokens.starts[pos]! : text.length;
    const end = i > pos ? Math.max(start, tokens.ends[Math.min(i, tokens.count) - 1]!) : start;
    if (i >= tokens.count) {
      statements.push(loop.errorStatement({ start, end: Math.max(start, Math.min(end, text.length)), lineEnd: text.length }));
      pos = tokens.count;
      return;
    }
    const lineBreak = text.indexOf("\n", tokens.starts[i]!);
    statements.push(loop.errorStatement({ start, end, lineEnd: lineBreak < 0 ? text.length : lineBreak + 1 }));
    // errflag is 3 after an error; `error '\n'` shifts the newline, then
    // each further newline of a folded run is a statement of its own.
    errflag = Math.max(0, 3 - (runs?.get(i) ?? 1));
    pos = i + 1;
  };

  while (pos < tokens.count) {
    let state: PeggyState;
    try {
      state = parse(tokens.kinds, { actions, startRule, "peg$currPos": pos, "peg$library": true }) as PeggyState;
    } catch (error) {
      if (!(error instanceof aborts)) throw error;
      // YYERROR: no message of its own; recovery skips to the newline.
      skipLine(Math.max(pos, error.lastShifted + 1));
      continue;
    }
    if (state.peg$result !== state.peg$FAILED) {
      const end = state.peg$currPos;
      if (errflag > 0) errflag = Math.max(0, errflag - shifts(pos, end));
      const statement = state.peg$result as S | null;
      pos = end;
      if (statement) {
        statements.push(statement);
        if (rescanAfter?.has(statement.kind)) tokens.rescan!(end);
      }
      continue;
    }
    const failedAt = state.peg$maxFailPos;
    if (failedAt >= tokens.count && loop.endedEarly) {
      const kept = loop.endedEarly(pos);
      if (kept) {
        statements.push(kept);
        pos = tokens.count;
        continue;
      }
    }
    if (errflag > 0) errflag = Math.max(0, errflag - shifts(pos, failedAt));
    if (errflag === 0) syntax.push(loop.syntaxError(pos, failedAt, state.peg$maxFailExpected));
    skipLine(failedAt);
  }
  return { statements, problems: orderProblems(lexicalProblems(tokens), [...actions.problems, ...syntax]) };
}

/** The scanner's problems as parse problems: syntax errors at the token being read. */
export function lexicalProblems(tokens: Pick<StatementTokens, "problems">): ParseProblem[] {
  return tokens.problems.map((p) => {
    const problem: ParseProblem = { severity: "error", code: p.code, message: p.message, start: p.start, end: p.end, fetched: p.token, syntax: true };
    if (p.line !== undefined) problem.line = p.line;
    return problem;
  });
}

/**
 * Problems in the order the daemon prints them: by the token read when each
 * was found, a lexical one (printed while the token is read) before the
 * parser's about the same token, otherwise in the order given.
 */
export function orderProblems(lexical: readonly ParseProblem[], parser: readonly ParseProblem[]): ParseProblem[] {
  const ordered = [...lexical.map((p, i) => ({ p, rank: 0, i })), ...parser.map((p, i) => ({ p, rank: 1, i }))];
  ordered.sort((a, b) => a.p.fetched - b.p.fetched || a.rank - b.rank || a.i - b.i);
  return ordered.map((o) => o.p);
}

/**
 * The diagnostic of a problem. parse.y prints the line of the last token
 * read (`fetched`; at the end of the input, the line of the tokens'
 * `endOffset`: the last line, or the line of an unterminated quote), or the line its
 * own counter says (`line`). The diagnostic spans what the problem is about
 * when that is on the printed line, else the whole printed line.
 */
export function problemDiagnostic(
  p: ParseProblem,
  lines: LineIndex,
  file: string | undefined,
  tokens?: Pick<ParseyTokens, "count" | "starts" | "endOffset">,
): Diagnostic {
  const d = diagnosticAt(lines, p.start, p.end, p.severity, p.code, p.message, file);
  if (p.syntax) d.syntax = true;
  if (p.hint) d.hint = p.hint;
  let printed = p.line;
  if (printed === undefined) {
    if (p.fetched < 0 || !tokens) return d;
    printed = lines.position(p.fetched < tokens.count ? tokens.starts[p.fetched]! : tokens.endOffset).line;
  }
  const line = Math.min(Math.max(1, printed), lines.lineCount);
  if (d.line !== line) {
    d.line = line;
    d.column = 1;
  } else if (d.endLine === line) {
    return d;
  }
  d.endLine = line;
  d.endColumn = lines.lineEnd(line) - lines.lineStart(line) + 1;
  return d;
}

/**
 * The concrete syntax a statement parse leaves for `update`: the tokens
 * (with the trivia between them they cover the text byte for byte), the
 * top-level statements in file order (error statements included), the
 * release the text was parsed for and line lookups.
 */
export interface StatementSyntax<Tokens, S, Release extends string> {
  /** Tokens: with the trivia between them they cover the text byte for byte. */
  readonly tokens: Tokens;
  /** Top-level statements in file order, error statements included. */
  readonly statements: readonly S[];
  /** Release the document was parsed for. */
  readonly release: Release;
  /** Line lookups for the text. */
  readonly lines: LineIndex;
}

/** What the parse.y driver reads of a format's grammar actions. */
export interface ParseyActions {
  /** Problems the actions found. */
  readonly problems: ParseProblem[];
  /** How many of them end in YYERROR. */
  readonly actionErrors: number;
  /** Where each macro was last defined, for the unused-macro warning. */
  readonly macroSites: ReadonlyMap<string, Span>;
  /** Token index of each macro definition's name, in order. */
  readonly definitions: readonly number[];
}

/**
 * Which run the actions are made for: `fast` (the whole file at once, no
 * recovery, includes not followed), or an exact run, with the daemon's
 * YYERROR recovery or without (to keep every statement for the model).
 * An exact run follows includes when the caller gave a readFile; the first
 * one reports what the included files say, a second one does not.
 */
export interface ParseyRunKind {
  /** True for the whole-file run. */
  fast: boolean;
  /** Abandon a statement at a YYERROR check, as the daemon does. */
  recovery: boolean;
  /** True when this run reports the messages of the files it includes. */
  report: boolean;
  /** Follows `include path` ({@link ParseyGrammar.included}); false when the file cannot be included. Undefined: includes are not followed. */
  include?: (path: string) => boolean;
  /** Reads a file the grammar takes in some other way (see {@link readIncluded}). Undefined: such files are not read. */
  read?: (path: string) => string | undefined;
}

/** Where a text stands: its include depth and, for an included file, its includer's macro table. */
export interface ParseySource {
  /** Include depth of the text: 0 for the file parsed. */
  depth: number;
  /** The includer's macro table: an included file defines macros in it, and reports no unused ones. */
  inherited?: Map<string, MacroDefinition>;
}

/** What differs between the formats that use core's parse.y scanner (vm.conf, httpd.conf). */
export interface ParseyGrammar<S extends KindedStatement, A extends ParseyActions> {
  /** The scanner: `scanParsey`, or a format's wrapper around it. */
  scan(text: string, options: ScanOptions): ParseyTokens;
  /** The grammar's keyword codes (every release's). */
  keywordCodes: ReadonlyMap<string, number>;
  /** The release: its keywords are scanned as keywords, and named in syntax hints. */
  features: HintFeatures;
  /** The generated parser: whole file by its default start rule, a statement by `statement_line`. */
  parse: GeneratedParse;
  /** Makes the grammar's actions for a run over `tokens`. */
  actions(tokens: ParseyTokens, macros: Map<string, MacroDefinition>, run: ParseyRunKind): A;
  /** What the actions throw for YYERROR. */
  aborts: AbortClass;
  /** The statement that stands for a skipped line. */
  errorStatement(line: SkippedLine): S;
  /** Parses an included file's text with the includer's macro table; its messages are kept when `report`. */
  included?(text: string, path: string, macros: Map<string, MacroDefinition>, report: boolean): void;
  /** The warning for a macro defined and never used. */
  unusedMacro(name: string): Pick<ParseProblem, "severity" | "code" | "message">;
}

/** One run over a text: its tokens, statements, ordered problems and actions. */
export interface ParseyRun<S, A> {
  /** The tokens, as left by the run. */
  tokens: ParseyTokens;
  /** Top-level statements in file order, error statements included. */
  statements: S[];
  /** Problems in the order the daemon prints them. */
  problems: ParseProblem[];
  /** The actions of the run. */
  actions: A;
  /** The macro table as the run left it. */
  macros: Map<string, MacroDefinition>;
}

/** The two views of a text and the messages to report. */
export interface ParseyRuns<S, A> {
  /** Every statement kept, those whose actions failed included (best effort): what the model is made of. */
  structure: ParseyRun<S, A>;
  /** The run with the daemon's recovery, whose messages are reported (the same run when no action failed). */
  reported: ParseyRun<S, A>;
  /** The reported run's problems, then (for a file that is not included) the macros defined and never used. */
  problems: ParseProblem[];
}

/**
 * Parses a text of the parse.y family. Without errors (and without
 * includes to follow) one fast grammar call over the whole file, with
 * macros defined by the scanner; otherwise statement at a time
 * ({@link parseStatements}), scanning again after a macro or an include. When
 * an action ended in YYERROR the text is parsed once more with the daemon's
 * recovery for the messages. Includes are followed through
 * `options.readFile` when it is given.
 */
export function parseyRuns<S extends KindedStatement, A extends ParseyActions>(
  text: string,
  grammar: ParseyGrammar<S, A>,
  options: Pick<ParseOptions, "readFile">,
  source: ParseySource,
): ParseyRuns<S, A> {
  const { readFile } = options;
  const { depth, inherited } = source;
  const exact = (macros: Map<string, MacroDefinition>, recovery: boolean, report: boolean): ParseyRun<S, A> => {
    const run: ParseyRunKind = { fast: false, recovery, report };
    if (readFile) {
      run.read = (path) => readIncluded(readFile, path, depth);
      const included = grammar.included;
      if (included) {
        run.include = (path) => {
          const content = readIncluded(readFile, path, depth);
          if (content !== undefined) included(content, path, macros, report);
          return content !== undefined;
        };
      }
    }
    return exactRun(text, grammar, macros, run);
  };
  const structure = (inherited ? undefined : fastRun(text, grammar, readFile !== undefined)) ?? exact(inherited ?? new Map(), false, true);
  const reported = structure.actions.actionErrors > 0 ? exact(new Map(inherited), true, false) : structure;
  const problems = [...reported.problems];
  if (!inherited) {
    for (const [name, definition] of reported.macros) {
      const site = reported.actions.macroSites.get(name);
      if (definition.used || !site) continue;
      const { severity, code, message } = grammar.unusedMacro(name);
      problems.push({ severity, code, message, start: site.start, end: site.end, fetched: -1 });
    }
  }
  return { structure, reported, problems };
}

function fastRun<S extends KindedStatement, A extends ParseyActions>(
  text: string,
  grammar: ParseyGrammar<S, A>,
  followsIncludes: boolean,
): ParseyRun<S, A> | undefined {
  const macros = new Map<string, MacroDefinition>();
  const tokens = grammar.scan(text, { keywords: releaseKeywords(grammar.keywordCodes, grammar.features), macros, defineMacros: true, foldNewlines: true });
  if (tokens.problems.length > 0) return undefined;
  const actions = grammar.actions(tokens, new Map(), { fast: true, recovery: false, report: false });
  let state: PeggyState;
  try {
    state = grammar.parse(tokens.kinds, { actions, "peg$library": true, "peg$silentFails": 1 }) as PeggyState;
  } catch (error) {
    if (error instanceof grammar.aborts) return undefined;
    throw error;
  }
  if (state.peg$result === state.peg$FAILED || state.peg$currPos !== tokens.count) return undefined;
  if (!sameNumbers(tokens.defined, actions.definitions)) return undefined;
  const include = grammar.keywordCodes.get("include");
  if (followsIncludes && include !== undefined && tokens.kinds.includes(String.fromCharCode(include))) return undefined;
  const statements = (state.peg$result as Array<S | null>).filter((s): s is S => s !== null);
  return { tokens, statements, problems: actions.problems, actions, macros };
}

function exactRun<S extends KindedStatement, A extends ParseyActions>(
  text: string,
  grammar: ParseyGrammar<S, A>,
  macros: Map<string, MacroDefinition>,
  run: ParseyRunKind,
): ParseyRun<S, A> {
  const tokens = grammar.scan(text, { keywords: releaseKeywords(grammar.keywordCodes, grammar.features), macros, foldNewlines: true });
  const actions = grammar.actions(tokens, macros, run);
  const { statements, problems } = parseStatements<S>({
    tokens,
    parse: grammar.parse,
    actions,
    aborts: grammar.aborts,
    newline: TokenCode.Newline,
    rescanAfter: DEFINING,
    errorStatement: grammar.errorStatement,
    syntaxError(_from, failedAt, expected) {
      const at = failedAt < tokens.count ? { start: tokens.starts[failedAt]!, end: tokens.ends[failedAt]! } : { start: tokens.endOffset, end: tokens.endOffset };
      const problem: ParseProblem = { severity: "error", code: "SYNTAX_ERROR", message: "syntax error", ...at, fetched: failedAt, syntax: true };
      const hint = syntaxHint(tokens, failedAt, expected, grammar.keywordCodes, grammar.features);
      if (hint) problem.hint = hint;
      return problem;
    },
  });
  return { tokens, statements, problems, actions, macros };
}

const DEFINING: ReadonlySet<string> = new Set(["macro", "include"]);

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
