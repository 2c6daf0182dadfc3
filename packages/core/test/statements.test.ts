// The statement-at-a-time driver (parseStatements, parseyRuns) and
// problemDiagnostic on a tiny grammar compiled here with peggy, over core's
// parse.y scanner: yacc's errflag with folded newline runs, an action's
// YYERROR, the re-scan after a macro, the fast run and its fallbacks.
import peggy from "peggy";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  LineIndex,
  parseStatements,
  parseyRuns,
  problemDiagnostic,
  scanParsey,
  TokenCode,
  type MacroDefinition,
  type ParseProblem,
  type ParseyGrammar,
  type ParseyRunKind,
  type ParseyTokens,
  type SkippedLine,
} from "../src/index.js";

const SET = 0x100;
const CHECK = 0x101;
const INCLUDE = 0x102;
const KEYWORD_CODES = new Map([
  ["set", SET],
  ["check", CHECK],
  ["include", INCLUDE],
]);
const FEATURES = { release: "test", keywords: new Set(KEYWORD_CODES.keys()) };

// `name = value`, `set NAME VALUE...`, `check NAME` (YYERROR when NAME is
// "bad"), `include PATH`; one per line.
const GRAMMAR = String.raw`
{
  const act = options.actions;
}
file = statement_line*
statement_line
  = NL { return null; }
  / s:statement NL { return s; }
statement = macro / set / check / include
macro = name:STRING "=" value:STRING { return act.macro(name, value); }
set = "\u0100" name:STRING values:(STRING / NUMBER)* { return act.statement("set", name, values.length); }
check = "\u0101" name:STRING { return act.check(name); }
include = "\u0102" path:STRING { return act.include(path); }
STRING "string" = "S" { return offset(); }
NUMBER "number" = "N" { return offset(); }
NL "newline" = "\n" { return offset(); }
`;
const parser = peggy.generate(GRAMMAR, { allowedStartRules: ["*"] });
const parse = (input: string, options?: Record<string, unknown>): unknown => parser.parse(input, options);

type Kind = "set" | "include" | "macro" | "check";
type Statement = { kind: Kind; start: number; end: number } | ({ kind: "error" } & SkippedLine);

class Abort {
  constructor(readonly lastShifted: number) {}
}

class Actions {
  readonly problems: ParseProblem[] = [];
  readonly macroSites = new Map<string, { start: number; end: number }>();
  readonly definitions: number[] = [];
  actionErrors = 0;
  constructor(
    readonly tokens: ParseyTokens,
    readonly macros: Map<string, MacroDefinition>,
    readonly recovery = true,
    readonly follow?: (path: string) => boolean,
  ) {}
  include(path: number): Statement {
    if (this.follow && !this.follow(this.tokens.value(path)!)) {
      this.problems.push({ severity: "error", code: "INCLUDE", message: "cannot include", start: this.tokens.starts[path]!, end: this.tokens.ends[path]!, fetched: path + 1 });
    }
    return this.statement("include", path, 0);
  }
  statement(kind: Kind, first: number, more: number): Statement {
    return { kind, start: this.tokens.starts[first - (kind === "macro" ? 0 : 1)]!, end: this.tokens.ends[first + more]! };
  }
  macro(name: number, value: number): Statement {
    const n = this.tokens.value(name)!;
    this.macros.set(n, { value: this.tokens.value(value)!, used: false });
    this.macroSites.set(n, { start: this.tokens.starts[name]!, end: this.tokens.ends[value]! });
    this.definitions.push(name);
    return this.statement("macro", name, 2);
  }
  check(name: number): Statement {
    if (this.tokens.value(name) === "bad") {
      // As an action reads its lookahead: the token after the name.
      this.problems.push({ severity: "error", code: "BAD", message: "bad name", start: this.tokens.starts[name]!, end: this.tokens.ends[name]!, fetched: name + 1 });
      this.actionErrors++;
      if (this.recovery) throw new Abort(name);
    }
    return this.statement("check", name, 0);
  }
}

// Statement at a time over `text`; `rescan`: scan again after a macro
// statement (the scanner reads `$name` from the table the actions fill).
function exact(text: string, rescan = true) {
  const macros = new Map<string, MacroDefinition>();
  const t = scanParsey(text, { keywords: KEYWORD_CODES, macros, foldNewlines: true });
  const actions = new Actions(t, rescan ? macros : new Map());
  const result = parseStatements<Statement>({
    tokens: t,
    parse,
    actions,
    aborts: Abort,
    newline: TokenCode.Newline,
    rescanAfter: rescan ? new Set(["macro"]) : new Set(),
    errorStatement: (line) => ({ kind: "error", ...line }),
    syntaxError: (_from, failedAt) => ({
      severity: "error",
      code: "SYNTAX_ERROR",
      message: "syntax error",
      start: failedAt < t.count ? t.starts[failedAt]! : t.endOffset,
      end: failedAt < t.count ? t.ends[failedAt]! : t.endOffset,
      fetched: failedAt,
      syntax: true,
    }),
  });
  const lines = new LineIndex(text);
  const messages = result.problems.map((p) => {
    const d = problemDiagnostic(p, lines, undefined, t);
    return `${d.line}: ${d.message}`;
  });
  return { kinds: result.statements.map((s) => s.kind), messages, statements: result.statements };
}

// errflag: after an error, a syntax error is reported only once three more
// tokens are shifted; the skipped line's newline counts one, and a folded
// run of newlines (blank and comment lines) counts each of its newlines.
const errflagCases: Array<[string, string, string[]]> = [
  ["the next line fails at once: quiet", "=\n=\n", ["1: syntax error"]],
  ["one blank line between: still quiet (2 of 3 newlines)", "=\n\n=\n", ["1: syntax error"]],
  ["two blank lines between: the run shifts 3", "=\n\n\n=\n", ["1: syntax error", "4: syntax error"]],
  ["a comment line counts as a newline", "=\n# note\n# more\n=\n", ["1: syntax error", "4: syntax error"]],
  ["a statement of three tokens between", "=\nset a\n=\n", ["1: syntax error", "3: syntax error"]],
  ["a line failing after one token: quiet, and the count starts over", "=\nset\n=\n", ["1: syntax error"]],
  ["newline and two tokens shifted: the error on the third is reported", "=\nset a =\n", ["1: syntax error", "2: syntax error"]],
];
for (const [name, text, messages] of errflagCases) {
  test(`errflag: ${name}`, () => {
    assert.equal(exact(text).messages, messages);
  });
}

test("a skipped line becomes one error statement up to its newline", () => {
  const { statements } = exact("set a\nset = b\nset c\n");
  assert.equal(
    statements.map((s) => s.kind),
    ["set", "error", "set"],
  );
  assert.equal(statements[1], { kind: "error", start: 6, end: 13, lineEnd: 14 });
});

test("the last line without its newline is skipped to the end of the text", () => {
  const { statements, messages } = exact("set a\nset =");
  assert.equal(messages, ["2: syntax error"]);
  assert.equal(statements[1], { kind: "error", start: 6, end: 11, lineEnd: 11 });
});

// YYERROR from an action: the statement is dropped without a syntax error
// of its own, the line skipped, and errflag is 3 as after a syntax error.
const abortCases: Array<[string, string, string[], string[]]> = [
  ["the action's own message only", "check bad\nset a\n", ["1: bad name"], ["error", "set"]],
  ["the rest of the line is skipped", "check bad = = =\nset a\n", ["1: bad name"], ["error", "set"]],
  ["a syntax error right after is quiet", "check bad\n= x\n", ["1: bad name"], ["error", "error"]],
  ["after three shifted tokens it is reported", "check bad\nset a\n= x\n", ["1: bad name", "3: syntax error"], ["error", "set", "error"]],
  ["a good check is a statement", "check good\n", [], ["check"]],
];
for (const [name, text, messages, kinds] of abortCases) {
  test(`action YYERROR: ${name}`, () => {
    const got = exact(text);
    assert.equal(got.messages, messages);
    assert.equal(got.kinds, kinds);
  });
}

test("a macro statement is followed by a re-scan: $name reads as its value", () => {
  const got = exact('x = "set"\n$x a 1\n');
  assert.equal(got.messages, []);
  assert.equal(got.kinds, ["macro", "set"]);
  const without = exact('x = "set"\n$x a 1\n', false);
  assert.equal(without.messages, ["2: macro 'x' not defined", "2: syntax error"]);
});

test("lexical problems come before the parser's about the same token", () => {
  assert.equal(exact("set $nope\n").messages, ["1: macro 'nope' not defined", "1: syntax error"]);
});

// problemDiagnostic: the line of the last token read, at the end of input
// the last line, a line the daemon counted, or the span when fetched < 0.
test("problemDiagnostic places a problem on the line parse.y prints", () => {
  const text = "set a\nset b c\n";
  const tokens = scanParsey(text, { keywords: KEYWORD_CODES, macros: new Map() });
  const lines = new LineIndex(text);
  const at = (p: Partial<ParseProblem>) => {
    const d = problemDiagnostic({ severity: "error", code: "X", message: "m", start: 0, end: 1, fetched: -1, ...p }, lines, undefined, tokens);
    return [d.line, d.column, d.endLine, d.endColumn];
  };
  assert.equal(at({ start: 10, end: 11, fetched: 4 }), [2, 5, 2, 6], "the span when it is on the printed line");
  assert.equal(at({ start: 0, end: 3, fetched: 4 }), [2, 1, 2, 8], "else the whole printed line");
  assert.equal(at({ start: 4, end: 9, fetched: 1 }), [1, 5, 1, 6], "a span that runs past the printed line ends with it");
  assert.equal(at({ start: 0, end: 3, fetched: tokens.count }), [3, 1, 3, 1], "at the end of the input: the line after the last newline");
  assert.equal(at({ start: 6, end: 9 }), [2, 1, 2, 4], "fetched -1: the span");
  assert.equal(at({ start: 0, end: 3, fetched: 0, line: 2 }), [2, 1, 2, 8], "a line the daemon counted wins");
});

// parseyRuns: the fast run, its fallbacks, the second run for messages.
function grammar(runs: ParseyRunKind[], included: string[] = []): ParseyGrammar<Statement, Actions> {
  return {
    scan: scanParsey,
    keywordCodes: KEYWORD_CODES,
    features: FEATURES,
    parse,
    actions(tokens, macros, run) {
      runs.push(run);
      return new Actions(tokens, macros, run.recovery, run.include);
    },
    included: (text, path, macros, report) => void included.push(`${path}: ${text} (${[...macros.keys()].join()}${report ? ", reported" : ""})`),
    aborts: Abort,
    errorStatement: (line) => ({ kind: "error", ...line }),
    unusedMacro: (name) => ({ severity: "warning", code: "UNUSED_MACRO", message: `macro '${name}' not used` }),
  };
}

test("parseyRuns: a clean file is one fast run", () => {
  const runs: ParseyRunKind[] = [];
  const { structure, reported, problems } = parseyRuns('x = "1"\nset a $x\n', grammar(runs), {}, { depth: 0 });
  assert.equal(runs, [{ fast: true, recovery: false, report: false }]);
  assert.is(reported, structure);
  assert.equal(
    structure.statements.map((s) => s.kind),
    ["macro", "set"],
  );
  assert.equal(problems, []);
});

test("parseyRuns: an error falls back to the exact run, with the same statements where they parse", () => {
  const runs: ParseyRunKind[] = [];
  const { structure, problems } = parseyRuns('x = "1"\nset = \nset a $x\n', grammar(runs), {}, { depth: 0 });
  assert.equal(runs, [
    { fast: true, recovery: false, report: false },
    { fast: false, recovery: false, report: true },
  ]);
  assert.equal(
    structure.statements.map((s) => s.kind),
    ["macro", "error", "set"],
  );
  assert.equal(
    problems.map((p) => p.message),
    ["syntax error"],
  );
});

test("parseyRuns: an include is followed only by the exact run", () => {
  const runs: ParseyRunKind[] = [];
  parseyRuns("include a\n", grammar(runs), { readFile: () => "" }, { depth: 0 });
  assert.equal(
    runs.map((r) => r.fast),
    [true, false],
  );
  const without: ParseyRunKind[] = [];
  parseyRuns("include a\n", grammar(without), {}, { depth: 0 });
  assert.equal(
    without.map((r) => r.fast),
    [true],
  );
});

test("parseyRuns: an action's YYERROR keeps the statement for the model and reports as the daemon recovers", () => {
  const runs: ParseyRunKind[] = [];
  const { structure, reported, problems } = parseyRuns("check bad = =\nset a\n", grammar(runs), {}, { depth: 0 });
  assert.equal(runs, [
    { fast: true, recovery: false, report: false },
    { fast: false, recovery: false, report: true },
    { fast: false, recovery: true, report: false },
  ]);
  assert.equal(
    structure.statements.map((s) => s.kind),
    ["error", "set"],
    "without recovery: the syntax error after the check",
  );
  assert.equal(
    reported.statements.map((s) => s.kind),
    ["error", "set"],
  );
  assert.equal(
    problems.map((p) => p.message),
    ["bad name"],
    "the daemon skips the line at YYERROR: no syntax error",
  );
});

test("parseyRuns: unused macros are reported last, except in an included file", () => {
  const text = 'x = "1"\ny = "2"\nset a $y\n';
  assert.equal(
    parseyRuns(text, grammar([]), {}, { depth: 0 }).problems.map((p) => [p.message, p.start, p.fetched]),
    [["macro 'x' not used", 0, -1]],
  );
  assert.equal(parseyRuns(text, grammar([]), {}, { depth: 1, inherited: new Map() }).problems, []);
});

test("parseyRuns: includes are read through readFile, as deep as 16, and parsed with the includer's macros", () => {
  const files: Record<string, unknown> = { a: "A", b: new TextEncoder().encode("B"), n: 42 };
  const readFile = (path: string): string | undefined => {
    if (!(path in files)) throw new Error("no such file");
    return files[path] as string;
  };
  const text = 'x = "1"\ninclude a\ninclude b\ninclude c\ninclude n\nset v $x\n';
  const included: string[] = [];
  const { problems } = parseyRuns(text, grammar([], included), { readFile }, { depth: 0 });
  assert.equal(included, ["a: A (x, reported)", "b: B (x, reported)"]);
  assert.equal(
    problems.map((p) => `${p.message} ${text.slice(p.start, p.end)}`),
    ["cannot include c", "cannot include n"],
    "a readFile that throws or returns what is not text: a failed include",
  );
  const deep: string[] = [];
  const tooDeep = parseyRuns("include a\n", grammar([], deep), { readFile }, { depth: 16, inherited: new Map() });
  assert.equal(deep, []);
  assert.equal(
    tooDeep.problems.map((p) => p.message),
    ["cannot include"],
  );
  const notFollowed: string[] = [];
  assert.equal(parseyRuns("include a\n", grammar([], notFollowed), {}, { depth: 0 }).problems, []);
  assert.equal(notFollowed, [], "without readFile includes are not followed");
});

test.run();
