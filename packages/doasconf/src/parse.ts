import {
  binaryInputDiagnostic,
  createDocument,
  inputText,
  LineIndex,
  looksBinary,
  parseStatements,
  problemDiagnostic,
  releaseKeywords,
  type Document,
  type GrammarExpectation,
  type ParseOptions as CoreParseOptions,
  type ParseProblem,
  type PeggyState,
  type StatementSyntax,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions } from "./actions.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import type { DoasConf } from "./model.js";
import { doasFeatures, type DoasFeatures, type Release } from "./releases.js";
import { DoasToken, scanDoas, type DoasTokens } from "./scanner.js";
import type { Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<Release>;

/**
 * The concrete syntax of a parsed doas.conf: what `update` edits. Its
 * statements are rule lines and rejected lines (blank and comment lines are
 * trivia).
 */
export type DoasConfSyntax = StatementSyntax<DoasTokens, Statement, Release>;

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
    const tokens = scanDoas("", new Map());
    return createDocument(text, file, { rules: [] }, [binaryInputDiagnostic(lines, file, "doas.conf", "is binary data")], { tokens, statements: [], release: features.release, lines });
  }
  const tokens = scanDoas(text, keywordTable(features));
  const { statements, problems } = run(tokens, features);
  const diagnostics = problems.map((p) => problemDiagnostic(p, lines, file));
  const model: DoasConf = { rules: statements.flatMap((s) => (s.kind === "rule" ? [s.rule] : [])) };
  return createDocument(text, file, model, diagnostics, { tokens, statements, release: features.release, lines });
}

// One line at a time, as yacc runs doas's grammar (core's parseStatements).
// A rule cut off by the end of the input: yacc needs the newline to reduce
// it, so doas drops it with a syntax error (checked against a byacc build of
// doas's grammar); releases that do not require the final newline keep it.
function run(tokens: DoasTokens, features: DoasFeatures): { statements: Statement[]; problems: ParseProblem[] } {
  const text = tokens.text;
  const actions = new GrammarActions(tokens);
  let cutOff = false;
  return parseStatements<Statement>({
    tokens,
    parse: parseTokens,
    actions,
    aborts: AbortStatement,
    newline: DoasToken.Newline,
    errorStatement: (line) => ({ kind: "error", ...line }),
    endedEarly(from) {
      const whole = parseTokens(tokens.kinds, { actions, startRule: "rule", "peg$currPos": from, "peg$library": true }) as PeggyState;
      cutOff = whole.peg$result !== whole.peg$FAILED && whole.peg$currPos === tokens.count;
      return cutOff && !features.finalNewlineRequired ? { ...(whole.peg$result as Statement), lineEnd: text.length } : undefined;
    },
    syntaxError(from, failedAt, expected) {
      const atEnd = failedAt >= tokens.count;
      const start = atEnd ? text.length : tokens.starts[failedAt]!;
      const end = atEnd ? text.length : tokens.ends[failedAt]!;
      const line = (atEnd ? tokens.eofLine : tokens.lineAfter[failedAt]!) + 1;
      const problem: ParseProblem = { severity: "error", code: "SYNTAX_ERROR", message: "syntax error", start, end, line, fetched: failedAt, syntax: true };
      const hint = syntaxHint(tokens, from, failedAt, features, atEnd && cutOff, expected);
      if (hint) problem.hint = hint;
      return problem;
    },
  });
}

function syntaxHint(
  tokens: DoasTokens,
  from: number,
  failedAt: number,
  features: DoasFeatures,
  cutOff: boolean,
  expected: readonly GrammarExpectation[],
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
