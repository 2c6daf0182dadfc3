import {
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  looksBinary,
  releaseKeywords,
  type Diagnostic,
  type Document,
  type ParseOptions as CoreParseOptions,
  type PeggyState,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions, type Problem } from "./actions.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import type { DoasConf } from "./model.js";
import { doasFeatures, type DoasFeatures, type Release } from "./releases.js";
import { DoasToken, scanDoas, type DoasTokens } from "./scanner.js";
import type { Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<Release>;

/** The concrete syntax of a parsed document: what `update` edits. */
export interface DoasConfSyntax {
  /** Tokens: with the trivia between them they cover the text byte for byte. */
  readonly tokens: DoasTokens;
  /** Rule lines and rejected lines in file order (blank and comment lines are trivia). */
  readonly statements: readonly Statement[];
  /** Release the document was parsed for. */
  readonly release: Release;
  /** Line lookups for the text. */
  readonly lines: LineIndex;
}

/** A parsed doas.conf. */
export type DoasConfDocument = Document<DoasConf, DoasConfSyntax>;

const keywordTable = (features: DoasFeatures): ReadonlyMap<string, number> => releaseKeywords(keywordCodes as ReadonlyMap<string, number>, features);

/**
 * Parses doas.conf as doas does (`doas -C file`). Never throws on any
 * string or UTF-8 bytes: problems become diagnostics with doas's wording on
 * the line doas reports (`syntax error` on a rule line that ends too early
 * is reported on the next line, as doas has read the newline by then). A
 * rule doas rejected is left out of the model, as doas leaves it out.
 * Throws only for programmer errors: input that is neither a string nor a
 * Uint8Array (`InvalidInputError`) and an unknown `release`
 * (`UnknownReleaseError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): DoasConfDocument {
  const text = inputText(input, "doasconf.parse");
  const features = doasFeatures(options.release);
  const file = options.fileName;
  const lines = new LineIndex(text);
  // NUL bytes have doas's own message; other binary input gets one diagnostic.
  if (looksBinary(text.replace(/\0/g, ""))) {
    const d = diagnosticAt(lines, 0, 0, "error", "BINARY_INPUT", "not a text file: doas.conf is text, this input is binary data", file);
    d.syntax = true;
    const tokens = scanDoas("", new Map());
    return createDocument(text, file, { rules: [] }, [d], { tokens, statements: [], release: features.release, lines });
  }
  const tokens = scanDoas(text, keywordTable(features));
  const { statements, problems } = run(tokens, features);
  const diagnostics = problems.map((p) => toDiagnostic(p, lines, file));
  const model: DoasConf = { rules: statements.flatMap((s) => (s.kind === "rule" ? [s.rule] : [])) };
  return createDocument(text, file, model, diagnostics, { tokens, statements, release: features.release, lines });
}

// One line at a time, as yacc runs doas's grammar: on a syntax error (or an
// action's YYERROR) skip to the newline; report the next syntax error only
// after three tokens have been shifted; stop when the input ends during that.
function run(tokens: DoasTokens, features: DoasFeatures): { statements: Statement[]; problems: Problem[] } {
  const text = tokens.text;
  const actions = new GrammarActions(tokens);
  const statements: Statement[] = [];
  const syntax: Problem[] = [];
  let pos = 0;
  let errflag = 0;

  const call = (startRule: string, at: number): PeggyState =>
    parseTokens(tokens.kinds, { actions, startRule, "peg$currPos": at, "peg$library": true }) as PeggyState;

  const skipLine = (from: number): void => {
    let i = from;
    while (i < tokens.count && tokens.codes[i] !== DoasToken.Newline) i++;
    const start = pos < tokens.count ? tokens.starts[pos]! : text.length;
    const end = i > pos ? Math.max(start, tokens.ends[i - 1]!) : start;
    if (i >= tokens.count) {
      statements.push({ kind: "error", start, end: Math.max(start, end), lineEnd: text.length });
      pos = tokens.count;
      return;
    }
    statements.push({ kind: "error", start, end, lineEnd: tokens.ends[i]! });
    errflag = 2; // shifting the newline after `error`
    pos = i + 1;
  };

  while (pos < tokens.count) {
    let state: PeggyState;
    try {
      state = call("statement_line", pos);
    } catch (error) {
      if (!(error instanceof AbortStatement)) throw error;
      errflag = 3;
      skipLine(error.lastShifted + 1);
      continue;
    }
    if (state.peg$result !== state.peg$FAILED) {
      const end = state.peg$currPos;
      errflag = Math.max(0, errflag - (end - pos));
      if (state.peg$result) statements.push(state.peg$result as Statement);
      pos = end;
      continue;
    }
    const failedAt = state.peg$maxFailPos;
    // A rule cut off by the end of the input: yacc needs the newline to
    // reduce it, so doas drops it with a syntax error (checked against a
    // byacc build of doas's grammar).
    let cutOff = false;
    if (failedAt >= tokens.count) {
      const whole = call("rule", pos);
      cutOff = whole.peg$result !== whole.peg$FAILED && whole.peg$currPos === tokens.count;
      if (cutOff && !features.finalNewlineRequired) {
        statements.push({ ...(whole.peg$result as Statement), lineEnd: text.length });
        pos = tokens.count;
        continue;
      }
    }
    errflag = Math.max(0, errflag - (failedAt - pos));
    if (errflag === 0) {
      const atEnd = failedAt >= tokens.count;
      const start = atEnd ? text.length : tokens.starts[failedAt]!;
      const end = atEnd ? text.length : tokens.ends[failedAt]!;
      const line = (atEnd ? tokens.eofLine : tokens.lineAfter[failedAt]!) + 1;
      const problem: Problem = { severity: "error", code: "SYNTAX_ERROR", message: "syntax error", start, end, line, fetched: failedAt, syntax: true };
      const hint = syntaxHint(tokens, pos, failedAt, features, cutOff, state.peg$maxFailExpected);
      if (hint) problem.hint = hint;
      syntax.push(problem);
    }
    errflag = 3;
    skipLine(failedAt);
  }

  // Lexical messages are printed while a token is read, before the parser's
  // messages about that token.
  const lexical: Problem[] = tokens.problems.map((p) => ({
    severity: "error",
    code: p.code,
    message: p.message,
    start: p.start,
    end: p.end,
    line: p.line,
    fetched: p.token,
    syntax: true,
  }));
  const ordered = [
    ...lexical.map((p, i) => ({ p, rank: 0, i })),
    ...[...actions.problems, ...syntax].map((p, i) => ({ p, rank: 1, i })),
  ];
  ordered.sort((a, b) => a.p.fetched - b.p.fetched || a.rank - b.rank || a.i - b.i);
  return { statements, problems: ordered.map((o) => o.p) };
}

function syntaxHint(
  tokens: DoasTokens,
  from: number,
  failedAt: number,
  features: DoasFeatures,
  cutOff: boolean,
  expected: PeggyState["peg$maxFailExpected"],
): string | undefined {
  if (cutOff) return "the last rule must end with a newline";
  for (let i = from; i <= failedAt && i < tokens.count; i++) {
    if (tokens.codes[i] === DoasToken.String && tokens.value(i) === "nolog" && !features.nolog) {
      return `nolog is an option of OpenBSD 6.6 and later, not of ${features.release}`;
    }
  }
  const first = tokens.kinds.charCodeAt(from);
  const codes = keywordCodes as ReadonlyMap<string, number>;
  if (first === codes.get("deny") && failedAt === from + 1) {
    const next = tokens.codes[failedAt];
    for (const option of ["nopass", "nolog", "persist", "keepenv", "setenv"]) {
      if (next === codes.get(option)) return "deny takes no options";
    }
  }
  const code = failedAt < tokens.count ? tokens.codes[failedAt]! : -1;
  if (code >= 0x100 && expected.some((e) => e.description === "string")) {
    const word = [...codes].find(([, c]) => c === code)?.[0];
    if (word) return `${word} is a keyword: write "${word}" in quotes to use it as a name`;
  }
  if (failedAt < tokens.count && failedAt > from && tokens.codes[failedAt] === DoasToken.BraceOpen && tokens.codes[failedAt - 1] === codes.get("keepenv")) {
    return "keepenv takes no list; use setenv { ... }";
  }
  return undefined;
}

// doas prints the line of its counter; the diagnostic spans what the
// message is about when that is on the same line, else the whole line.
function toDiagnostic(p: Problem, lines: LineIndex, file: string | undefined): Diagnostic {
  const d = diagnosticAt(lines, p.start, p.end, p.severity, p.code, p.message, file);
  if (p.syntax) d.syntax = true;
  if (p.hint) d.hint = p.hint;
  const line = Math.min(Math.max(1, p.line), lines.lineCount);
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

/**
 * The messages `doas -C file` prints for a parsed document, one per line:
 * `doas: syntax error at line 3`. Empty when doas accepts the file.
 */
export function doasMessages(doc: DoasConfDocument): string {
  return doc.diagnostics
    .filter((d) => d.code !== "BINARY_INPUT")
    .map((d) => `doas: ${d.message} at line ${d.line}\n`)
    .join("");
}
