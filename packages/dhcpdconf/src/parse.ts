import {
  binaryInputDiagnostic,
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  looksBinary,
  type Diagnostic,
  type Document,
  type ParseOptions as CoreParseOptions,
  type Severity,
} from "@obsdconf/core";
import { modelFindings } from "./checks.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import { failureHint, findingHint, statementHint } from "./hints.js";
import { lowerModel, lowerStatements } from "./lower.js";
import type { AllowKey, DhcpdConf, OptionValue } from "./model.js";
import { optionInfo, type OptionFormat } from "./options.js";
import { DhcpdToken, scanDhcpd, type DhcpdTokens } from "./scanner.js";
import type { Declaration, Parameter, Span, Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<string>;

/** The concrete syntax of a parsed dhcpd.conf: what `update` edits. */
export interface DhcpdConfSyntax {
  /** Tokens: with the trivia between them they cover the text byte for byte. */
  readonly tokens: DhcpdTokens;
  /** Top-level statements in file order (declarations hold theirs in `body`), error statements included. */
  readonly statements: readonly Statement[];
  /** Line lookups for the text. */
  readonly lines: LineIndex;
  /** Source spans by model path (`subnets[0].hosts[3]`, `subnets[0].hosts[3].hardwareEthernet`, `options[1]`). */
  readonly locations: ReadonlyMap<string, Span>;
}

/** A parsed dhcpd.conf. */
export type DhcpdConfDocument = Document<DhcpdConf, DhcpdConfSyntax>;

// Words conflex.c knows that the grammar does not use (lease-file words):
// they are keywords, so identifiers, never NAME tokens.
const LEASE_FILE_KEYWORDS = ["abandoned", "class", "client-hostname", "domain", "ends", "hostname", "lease", "starts", "timeout", "uid"];

/** Keyword -> token code: the grammar's keywords plus the lexer's other ones. */
export const KEYWORDS: ReadonlyMap<string, number> = (() => {
  const codes = new Map(keywordCodes as ReadonlyMap<string, number>);
  let next = Math.max(...codes.values()) + 1;
  for (const k of LEASE_FILE_KEYWORDS) if (!codes.has(k)) codes.set(k, next++);
  return codes;
})();

/**
 * Parses dhcpd.conf. Never throws on any string or UTF-8 bytes: problems
 * become diagnostics with dhcpd's wording on the line dhcpd reports. Throws
 * only for input that is neither a string nor a Uint8Array (`InvalidInputError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): DhcpdConfDocument {
  const text = inputText(input, "dhcpdconf.parse");
  const file = options.fileName;
  const lines = new LineIndex(text);
  const tokens = scanDhcpd(looksBinary(text) ? "" : text, KEYWORDS);
  if (looksBinary(text)) {
    const { model, locations } = lowerStatements([]);
    return createDocument(text, file, model, [binaryInputDiagnostic(lines, file, "dhcpd.conf")], { tokens: scanDhcpd(text, KEYWORDS), statements: [], lines, locations });
  }
  const builder = new Builder(tokens);
  let statements: Statement[];
  try {
    const state = parseTokens(tokens.kinds, { actions: builder, "peg$library": true, "peg$silentFails": 1 }) as {
      peg$result: unknown;
      peg$currPos: number;
      peg$FAILED: unknown;
    };
    if (state.peg$result === state.peg$FAILED || state.peg$currPos !== tokens.count) throw new Error("the grammar stopped early");
    statements = state.peg$result as Statement[];
  } catch (error) {
    // Nesting too deep for the stack, or a bug: report it, never throw.
    const message = error instanceof RangeError ? "declarations nested too deeply" : `internal error: ${(error as Error).message}`;
    const d = diagnosticAt(lines, 0, 0, "error", error instanceof RangeError ? "NESTING_TOO_DEEP" : "INTERNAL_ERROR", message, file);
    d.syntax = true;
    const { model, locations } = lowerStatements([]);
    return createDocument(text, file, model, [d], { tokens, statements: [], lines, locations });
  }

  const problems: Problem[] = tokens.problems.map((p) => ({ severity: "error", code: p.code, message: p.message, token: p.token, rank: 0, syntax: true }));
  problems.push(...builder.problems);
  problems.sort((a, b) => a.token - b.token || a.rank - b.rank);
  const diagnostics = problems.map((p) => toDiagnostic(p, tokens, lines, file));

  const { model, notModelled } = lowerModel(statements);
  for (const s of notModelled) {
    const what = s.kind === "vendor-class" || s.kind === "user-class" ? `a ${s.kind} inside another declaration` : `a ${s.kind} declaration inside a class`;
    const end = "headerEnd" in s ? s.headerEnd : s.end;
    diagnostics.push(diagnosticAt(lines, s.start, end, "warning", "NOT_IN_MODEL", `${what} is valid for dhcpd but not kept in the model (generate does not write it; update leaves its text alone)`, file));
  }
  // Paths are built only when asked for: most parses never map one.
  let locations: ReadonlyMap<string, Span> | undefined;
  const locate = (): ReadonlyMap<string, Span> => (locations ??= lowerStatements(statements).locations);
  for (const f of modelFindings(model)) {
    const span = nearestSpan(locate(), f.path) ?? { start: 0, end: 0 };
    const d = diagnosticAt(lines, span.start, span.end, f.severity, f.code, f.message, file);
    const hint = findingHint(f, model);
    if (hint) d.hint = hint;
    diagnostics.push(d);
  }
  const syntax: DhcpdConfSyntax = {
    tokens,
    statements,
    lines,
    get locations() {
      return locate();
    },
  };
  return createDocument(text, file, model, diagnostics, syntax);
}

/** The span of `path`, or of its nearest prefix that has one (`a[1].b[2].c` -> `a[1].b[2]` -> `a[1]`). */
export function nearestSpan(locations: ReadonlyMap<string, Span>, path: string): Span | undefined {
  let p = path;
  for (;;) {
    const span = locations.get(p);
    if (span) return span;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
}

/** A problem found while parsing, at token `token` (dhcpd reports that token's line). */
interface Problem {
  severity: Severity;
  code: string;
  message: string;
  /** The token dhcpd had read last; `count` for the end of the file. */
  token: number;
  /** Lexical problems first on the same token. */
  rank: number;
  syntax?: true;
  hint?: string;
}

function toDiagnostic(p: Problem, tokens: DhcpdTokens, lines: LineIndex, file: string | undefined): Diagnostic {
  const atEnd = p.token >= tokens.count;
  const start = atEnd ? tokens.text.length : tokens.starts[p.token]!;
  const end = atEnd ? tokens.text.length : tokens.ends[p.token]!;
  const d = diagnosticAt(lines, start, end, p.severity, p.code, p.message, file);
  if (p.syntax) d.syntax = true;
  if (p.hint) d.hint = p.hint;
  return d;
}

/**
 * How dhcpd recovers after an error at token `k`: `next` (k was read;
 * skip_to_semi from the token after it), `next-unless-semi` (the same, but
 * no skip when k is `;`), `peek` (k was only looked at: skip from k), `ip`
 * and `aggregate` (braces are not read; otherwise like `next-unless-semi`),
 * `none` (k was read, no skip).
 */
type Recovery = "next" | "next-unless-semi" | "peek" | "ip" | "aggregate" | "none";

interface Failure {
  message: string;
  code: string;
  token: number;
  mode: Recovery;
  /** dhcpd returned "declaration seen" for this statement (rejected host, group, subnet). */
  declares?: boolean;
  /** dhcpd still checks the parameter order after this failure. */
  parameter?: boolean;
}

type ScopeKind = "root" | "shared-network" | "subnet" | "group" | "host" | "class";

interface Scope {
  kind: ScopeKind;
  /** A declaration was seen in this scope (confpars.c's `declaration`). */
  declaration: boolean;
  /** Inside a shared-network (a subnet here joins it and counts as a parameter). */
  inShared: boolean;
  body: Statement[];
  /** The enclosing statement's state while this body is read: its first token, failure, notes and date. */
  savedStart: number;
  savedPending: Failure | undefined;
  savedNotes: Problem[];
  savedDate: string;
}

const CODE_BY_MESSAGE: Record<string, string> = {
  "semicolon expected.": "SEMICOLON_EXPECTED",
  "expecting semicolon.": "SEMICOLON_EXPECTED",
  "expecting left brace.": "LEFT_BRACE_EXPECTED",
  "expecting a parameter or declaration.": "UNKNOWN_STATEMENT",
  "expecting a declaration.": "UNKNOWN_STATEMENT",
  "host declarations not allowed here.": "HOST_NOT_ALLOWED",
  "shared-network parameters not allowed here.": "SHARED_NETWORK_NOT_ALLOWED",
  "subnet declarations not allowed here.": "SUBNET_NOT_ALLOWED",
  "range declaration not allowed here.": "RANGE_NOT_ALLOWED",
  "too few numbers.": "TOO_FEW_NUMBERS",
  "expecting numeric value.": "NUMERIC_VALUE_EXPECTED",
  "unexpected end of file": "UNEXPECTED_EOF",
  "Expecting netmask": "NETMASK_EXPECTED",
  "Expecting class name": "CLASS_NAME_EXPECTED",
  "expecting an identifier in hostname": "HOSTNAME_EXPECTED",
  "expecting assertion": "ASSERTION_EXPECTED",
  "boolean value (true/false/on/off) expected": "BOOLEAN_EXPECTED",
  "filename must be a string": "STRING_EXPECTED",
  "expecting a network hardware type": "HARDWARE_TYPE_EXPECTED",
  "expecting allow/deny key": "ALLOW_DENY_KEY_EXPECTED",
  "invalid time string": "INVALID_DATE",
  "time string too long": "INVALID_DATE",
  "expecting identifier after option keyword.": "OPTION_NAME_EXPECTED",
  "expecting identifier after '.'": "OPTION_NAME_EXPECTED",
  "expecting number.": "NUMBER_EXPECTED",
  "expecting string.": "STRING_EXPECTED",
  "expecting identifier.": "BOOLEAN_EXPECTED",
  "expecting boolean.": "BOOLEAN_EXPECTED",
  "expecting string or hexadecimal data.": "DATA_EXPECTED",
  "string expected": "STRING_EXPECTED",
  "expecting IPv4 CIDR block.": "CIDR_EXPECTED",
};

function codeOf(message: string): string {
  if (message.startsWith("lease time is ")) return "INVALID_LEASE_TIME";
  if (message.endsWith("expecting IP address or hostname")) return "ADDRESS_EXPECTED";
  if (message.startsWith("no vendor named ")) return "NO_SUCH_VENDOR";
  if (message.startsWith("no option named ")) return "NO_SUCH_OPTION";
  return CODE_BY_MESSAGE[message] ?? "SYNTAX_ERROR";
}

const K = (word: string): number => (keywordCodes as ReadonlyMap<string, number>).get(word)!;
const PARAMETER_KEYWORDS = new Set(
  [
    "default-lease-time",
    "max-lease-time",
    "dynamic-bootp-lease-cutoff",
    "dynamic-bootp-lease-length",
    "get-lease-hostnames",
    "use-host-decl-names",
    "always-reply-rfc1048",
    "echo-client-id",
    "use-lease-addr-for-default-route",
    "not",
    "authoritative",
    "next-server",
    "option",
    "filename",
    "server-name",
    "hardware",
    "fixed-address",
    "allow",
    "deny",
    "timestamp",
  ].map(K),
);
const DECLARATION_KEYWORDS = new Set(["host", "group", "vendor-class", "user-class"].map(K));

/**
 * dhcpd's token number in `<value> (<n>): expecting IP address or hostname`
 * (dhctoken.h: TOK_STRING is 262; a single character is its byte; EOF is -1).
 * Identifiers and NUMBER never reach that message.
 */
function tokenNumber(tokens: DhcpdTokens, k: number): number {
  if (k >= tokens.count) return -1;
  const code = tokens.codes[k]!;
  if (code === DhcpdToken.String) return 262;
  if (code === DhcpdToken.Other) {
    const ch = tokens.text.codePointAt(tokens.starts[k]!)!;
    return ch < 0x80 ? ch : new TextEncoder().encode(String.fromCodePoint(ch))[0]!;
  }
  return code;
}

// convert_num with base 0 (option integers) or a fixed base: the value and,
// when a digit is out of the base, dhcpd's logged message.
function convertNum(text: string, base: number): { value: number; bogus?: string } {
  let p = 0;
  let negative = false;
  if (text[0] === "-") {
    negative = true;
    p = 1;
  }
  if (base === 0) {
    if (text[p] === "0" && text[p + 1] === "x") {
      base = 16;
      p += 2;
    } else if (text[p] === "0" && text[p + 1] !== undefined && text[p + 1]! >= "0" && text[p + 1]! <= "9") {
      base = 8;
      p += 1;
    } else base = 10;
  }
  let value = 0;
  let bogus: string | undefined;
  do {
    const c = text.charCodeAt(p++);
    let d: number;
    if (c >= 97) d = c - 97 + 10;
    else if (c >= 65) d = c - 65 + 10;
    else if (c >= 48) d = c - 48;
    else {
      bogus = `Bogus number: ${text}.`;
      break;
    }
    if (d >= base) {
      bogus = `Bogus number: ${text}: digit ${d} not in base ${base}`;
      break;
    }
    value = value * base + d;
  } while (p < text.length);
  if (negative) value = -value;
  return bogus === undefined ? { value } : { value, bogus };
}

function hexOctet(text: string): string {
  if (/^[0-9A-Fa-f]{1,2}$/.test(text)) return text.toLowerCase().padStart(2, "0");
  const { value } = convertNum(text, 16);
  return (((value % 256) + 256) % 256).toString(16).padStart(2, "0");
}

// The notes of a statement that has none (shared, never written).
const NO_NOTES: Problem[] = [];

/** Grammar actions: builds the statements and records dhcpd's diagnostics. */
export class Builder {
  readonly tokens: DhcpdTokens;
  readonly text: string;
  readonly problems: Problem[] = [];
  /** Token index of the current statement's first token. */
  start = 0;
  pending: Failure | undefined;
  /** Problems of the current statement, kept only when it parses. */
  notes: Problem[] = NO_NOTES;
  scopes: Scope[] = [
    { kind: "root", declaration: false, inShared: false, body: [], savedStart: 0, savedPending: undefined, savedNotes: [], savedDate: "" },
  ];
  /** Format of the option being read. */
  format: OptionFormat | "" = "";
  optionText = "";
  known = false;
  seconds = 0;
  date = "";

  constructor(tokens: DhcpdTokens) {
    this.tokens = tokens;
    this.text = tokens.text;
  }

  get scope(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  value(i: number): string {
    return this.tokens.value(i);
  }

  // ----- statements and recovery -----

  begin(i: number): boolean {
    this.start = i;
    this.pending = undefined;
    this.notes = NO_NOTES;
    this.date = "";
    return true;
  }

  ok(): boolean {
    return this.pending === undefined;
  }

  fail(message: string, token: number, mode: Recovery, extra: Partial<Failure> = {}): boolean {
    if (!this.pending) this.pending = { message, code: codeOf(message), token, mode, ...extra };
    return false;
  }

  note(severity: Severity, code: string, message: string, token: number): void {
    if (this.notes === NO_NOTES) this.notes = [];
    this.notes.push({ severity, code, message, token, rank: 1 });
  }

  // skip_to_semi from token i: to just past a `;` at depth 0, just past the
  // `}` that closes a `{` seen on the way, or to a `}` at depth 0 (not read).
  skipToSemi(i: number): number {
    const { codes, count } = this.tokens;
    let depth = 0;
    for (; i < count; i++) {
      const c = codes[i]!;
      if (c === DhcpdToken.RBrace) {
        if (depth === 0) return i;
        if (--depth === 0) return i + 1;
      } else if (c === DhcpdToken.LBrace) depth++;
      else if (c === DhcpdToken.Semi && depth === 0) return i + 1;
    }
    return count;
  }

  resume(f: Failure): number {
    const { codes, count } = this.tokens;
    const k = f.token;
    if (k >= count) return count;
    const c = codes[k]!;
    switch (f.mode) {
      case "next":
        return this.skipToSemi(k + 1);
      case "next-unless-semi":
        return c === DhcpdToken.Semi ? k + 1 : this.skipToSemi(k + 1);
      case "peek":
        return this.skipToSemi(k);
      case "ip":
      case "aggregate":
        if (c === DhcpdToken.LBrace || c === DhcpdToken.RBrace) return this.skipToSemi(k);
        return c === DhcpdToken.Semi ? k + 1 : this.skipToSemi(k + 1);
      case "none":
        return k + 1;
    }
  }

  /** The statement at token `at` failed: report, skip as dhcpd does, return where to go on. */
  recover(at: number): number {
    const scope = this.scope;
    const keyword = this.tokens.codes[at]!;
    let f = this.pending;
    if (!f) {
      const message = scope.declaration ? "expecting a declaration." : "expecting a parameter or declaration.";
      f = { message, code: "UNKNOWN_STATEMENT", token: at, mode: "next" };
    } else if (f.parameter === undefined && f.declares === undefined) {
      if (PARAMETER_KEYWORDS.has(keyword)) f.parameter = true;
      else if (DECLARATION_KEYWORDS.has(keyword)) f.declares = true;
      else if (keyword === K("subnet") || keyword === K("shared-network")) {
        if (keyword === K("subnet") && scope.inShared) f.parameter = true;
        else f.declares = true;
      }
    }
    let end = Math.max(this.resume(f), at + 1);
    if (end > this.tokens.count) end = this.tokens.count;
    const problem: Problem = { severity: "error", code: f.code, message: f.message, token: f.token, rank: 1, syntax: true };
    const hint =
      f.code === "UNKNOWN_STATEMENT"
        ? statementHint(this.tokens, at)
        : failureHint(f.code, f.token < this.tokens.count ? this.value(f.token) : undefined);
    if (hint) problem.hint = hint;
    this.problems.push(problem);
    if (f.parameter) {
      if (scope.declaration) this.afterDeclaration(end - 1);
    } else if (f.declares) scope.declaration = true;
    const start = this.tokens.starts[at]!;
    const last = Math.max(at, end - 1);
    const stop = this.tokens.ends[last]!;
    scope.body.push({ kind: "error", start, end: stop, lineEnd: this.lineEnd(stop) });
    return end;
  }

  afterDeclaration(token: number): void {
    this.problems.push({
      severity: "error",
      code: "PARAMETER_AFTER_DECLARATION",
      message: "parameters not allowed after first declaration.",
      token,
      rank: 1,
    });
  }

  lineEnd(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** A statement parsed: keep it with its notes and dhcpd's scope and order rules. */
  add(s: Statement, next: number): void {
    const scope = this.scope;
    s.lineEnd = this.lineEnd(s.end);
    for (const n of this.notes) this.problems.push(n);
    const last = next - 1;
    switch (s.kind) {
      case "host":
      case "group":
      case "vendor-class":
      case "user-class":
        scope.declaration = true;
        break;
      case "shared-network":
        scope.declaration = true;
        break;
      case "subnet":
        if (scope.inShared) {
          if (scope.declaration) this.afterDeclaration(last);
        } else scope.declaration = true;
        break;
      case "range":
      case "error":
        break;
      default:
        if (s.kind === "hardware" && scope.kind !== "host") {
          this.problems.push({ severity: "error", code: "HARDWARE_NOT_ALLOWED", message: "hardware address parameter not allowed here.", token: last, rank: 1 });
        }
        if (s.kind === "fixed-address" && scope.kind !== "host") {
          this.problems.push({ severity: "error", code: "FIXED_ADDRESS_NOT_ALLOWED", message: "fixed-address parameter not allowed here.", token: last, rank: 1 });
        }
        if (scope.declaration) this.afterDeclaration(last);
    }
    scope.body.push(s);
  }

  /** End of the file: the top-level statements. */
  finish(): Statement[] {
    return this.scopes[0]!.body;
  }

  /** May a `kind` statement start here? If not, dhcpd warns and skips. */
  allowed(kind: "host" | "group" | "shared-network" | "subnet" | "range"): boolean {
    const scope = this.scope.kind;
    switch (kind) {
      case "host":
      case "group":
        if (scope === "host") return this.fail("host declarations not allowed here.", this.start, "next", { declares: true });
        return true;
      case "shared-network":
        if (scope === "shared-network" || scope === "host" || scope === "subnet")
          return this.fail("shared-network parameters not allowed here.", this.start, "next", { parameter: true });
        return true;
      case "subnet":
        if (scope === "host" || scope === "subnet") return this.fail("subnet declarations not allowed here.", this.start, "next", { declares: true });
        return true;
      case "range":
        if (scope !== "subnet") return this.fail("range declaration not allowed here.", this.start, "next", { parameter: false });
        return true;
    }
  }

  // ----- declarations -----

  open(kind: ScopeKind): boolean {
    const parent = this.scope;
    this.scopes.push({
      kind,
      declaration: false,
      inShared: kind === "shared-network" || parent.inShared,
      body: [],
      savedStart: this.start,
      savedPending: this.pending,
      savedNotes: this.notes,
      savedDate: this.date,
    });
    return true;
  }

  // The body is read: the enclosing statement goes on.
  popScope(): Scope {
    const scope = this.scopes.pop()!;
    this.start = scope.savedStart;
    this.pending = scope.savedPending;
    this.notes = scope.savedNotes;
    this.date = scope.savedDate;
    return scope;
  }

  close(k: number): { close: Span; body: Statement[] } {
    const scope = this.popScope();
    return { close: { start: this.tokens.starts[k]!, end: this.tokens.ends[k]! }, body: scope.body };
  }

  closeAtEnd(): { close: Span; body: Statement[] } {
    const scope = this.popScope();
    this.problems.push({ severity: "error", code: "UNEXPECTED_EOF", message: "unexpected end of file", token: this.tokens.count, rank: 1, syntax: true });
    const end = this.text.length;
    return { close: { start: end, end }, body: scope.body };
  }

  sharedName(s: number): { name: string; quoted: true } {
    return { name: this.value(s), quoted: true };
  }

  declaration(
    kind: Declaration["kind"],
    k: number,
    name: string | { name: string; quoted: true } | undefined,
    netmask: string | undefined,
    open: number,
    closed: { close: Span; body: Statement[] },
  ): Declaration {
    const tokens = this.tokens;
    const start = tokens.starts[k]!;
    const end = closed.close.end;
    const headerEnd = tokens.ends[open - 1]!;
    const openSpan = { start: tokens.starts[open]!, end: tokens.ends[open]! };
    const { close, body } = closed;
    switch (kind) {
      case "host":
        return { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body, name: name as string };
      case "group":
        return { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body };
      case "shared-network":
        return typeof name === "object"
          ? { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body, name: name.name, quoted: true }
          : { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body, name: name!, quoted: false };
      case "subnet":
        return { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body, network: name as string, netmask: netmask! };
      default:
        return { kind, start, end, lineEnd: 0, headerEnd, open: openSpan, close, body, name: name as string };
    }
  }

  // ----- values -----

  string(i: number): string {
    return this.value(i);
  }

  /** Token values from s to e joined as written without the trivia: a dotted name or quad. */
  dotted(s: number, e: number): string {
    if (this.contiguous(s, e)) return this.text.slice(this.tokens.starts[s]!, this.tokens.ends[e - 1]!);
    let out = "";
    for (let i = s; i < e; i++) out += this.value(i);
    return out;
  }

  /** True when tokens s..e-1 touch each other (no trivia between them) and need no value rewriting. */
  contiguous(s: number, e: number): boolean {
    const { starts, ends, codes } = this.tokens;
    for (let i = s; i < e; i++) {
      if (i + 1 < e && ends[i] !== starts[i + 1]) return false;
      if (codes[i] === DhcpdToken.String || ends[i]! - starts[i]! > 1499) return false;
    }
    return true;
  }

  quad(s: number, e: number): string {
    const { starts, ends } = this.tokens;
    const text = this.text;
    let plain = this.contiguous(s, e);
    // Octets with a leading zero or other digits are rewritten in decimal.
    for (let i = s; plain && i < e; i += 2) {
      if (text.charCodeAt(starts[i]!) === 48 && ends[i]! - starts[i]! > 1) plain = false;
      for (let j = starts[i]!; j < ends[i]!; j++) {
        const c = text.charCodeAt(j);
        if (c < 48 || c > 57) plain = false;
      }
    }
    if (plain) return text.slice(starts[s]!, ends[e - 1]!);
    let out = "";
    for (let i = s; i < e; i++) {
      const v = this.value(i);
      out += /^[0-9]+$/.test(v) ? String(Number.parseInt(v, 10)) : v;
    }
    return out;
  }

  /** The error of parse_numeric_aggregate reading `max` numbers (0: any) separated by `sep`, from token i. */
  aggregateError(i: number, max: number, sep: string, base: number): boolean {
    const { codes, count } = this.tokens;
    const sepCode = sep.charCodeAt(0);
    let k = i;
    for (let n = 0; max === 0 || n < max; n++) {
      if (n > 0) {
        if (k >= count || codes[k] !== sepCode) {
          if (max === 0) break;
          return this.fail("too few numbers.", k, "aggregate");
        }
        k++;
      }
      if (k >= count) return this.fail("unexpected end of file", k, "none");
      const c = codes[k];
      if (c !== DhcpdToken.Number && c !== DhcpdToken.NumberOrName) return this.fail("expecting numeric value.", k, "next");
      void base;
      k++;
    }
    return this.fail("expecting numeric value.", k, "next");
  }

  ipError(k: number): string {
    const v = k < this.tokens.count ? this.value(k) : "";
    return `${v} (${tokenNumber(this.tokens, k)}): expecting IP address or hostname`;
  }

  leaseTime(n: number): boolean {
    const v = this.value(n);
    const m = /^\s*([-+]?)([0-9]+)$/.exec(v);
    let reason: string | undefined;
    if (!m) reason = "invalid";
    else {
      const num = Number(m[2]);
      if (m[1] === "-" && num !== 0) reason = "too small";
      else if (num > 4294967295) reason = "too large";
      else this.seconds = m[1] === "-" ? 0 : num;
    }
    if (reason) return this.fail(`lease time is ${reason}: ${v}`, n, "next");
    return true;
  }

  datePart(p: number): boolean {
    this.date += this.value(p);
    if (this.date.length >= 26) return this.fail("time string too long", p, "next");
    return true;
  }

  cutoff(k: number, next: number): Parameter {
    const tokens = this.tokens;
    const first = k + 1;
    const last = next - 2;
    const date = last >= first ? this.text.slice(tokens.starts[first]!, tokens.ends[last]!) : "";
    return { kind: "dynamic-bootp-lease-cutoff", date, start: tokens.starts[k]!, end: tokens.ends[next - 1]!, lineEnd: 0 };
  }

  booleanAt(i: number): boolean | undefined {
    if (i >= this.tokens.count) return undefined;
    const v = this.value(i).toLowerCase();
    if (v === "true" || v === "on") return true;
    if (v === "false" || v === "off") return false;
    return undefined;
  }

  startOf(k: number): number {
    return this.tokens.starts[k]!;
  }

  endOf(k: number, next: number): number {
    return this.tokens.ends[Math.max(k, next - 1)]!;
  }

  parameter(kind: string, k: number, value: unknown, next: number): Parameter {
    // The statement ends with the last token read (the `;`, or the token server-identifier takes).
    const start = this.startOf(k);
    const end = this.endOf(k, next);
    switch (kind) {
      case "default-lease-time":
      case "max-lease-time":
      case "dynamic-bootp-lease-length":
        return { kind, start, end, lineEnd: 0, seconds: this.seconds };
      case "get-lease-hostnames":
      case "use-host-decl-names":
      case "always-reply-rfc1048":
      case "echo-client-id":
      case "use-lease-addr-for-default-route":
        return { kind, start, end, lineEnd: 0, flag: value as boolean };
      case "authoritative":
        return { kind, start, end, lineEnd: 0, authoritative: value as boolean };
      case "allow":
      case "deny":
        return { kind, start, end, lineEnd: 0, key: value as AllowKey };
      case "next-server":
      case "server-identifier":
        return { kind, start, end, lineEnd: 0, address: value as string };
      case "filename":
      case "server-name":
        return { kind, start, end, lineEnd: 0, value: value as string };
      default:
        return { kind: "timestamp", start, end, lineEnd: 0 };
    }
  }

  range(k: number, low: string, high: string | undefined, dynamic: boolean, next: number): Parameter {
    return { kind: "range", start: this.startOf(k), end: this.endOf(k, next), lineEnd: 0, low, high, dynamicBootp: dynamic };
  }

  octets(s: number, e: number): string {
    if (this.contiguous(s, e)) {
      const raw = this.text.slice(this.tokens.starts[s]!, this.tokens.ends[e - 1]!);
      if (/^[0-9a-f]{2}(?::[0-9a-f]{2})*$/.test(raw)) return raw;
    }
    const parts: string[] = [];
    for (let i = s; i < e; i += 2) parts.push(hexOctet(this.value(i)));
    return parts.join(":");
  }

  hardware(k: number, kind: "ethernet" | "ipsec-tunnel", address: string, next: number): Parameter {
    // `hardware address too long` is a value check (checks.ts) on the model.
    return { kind: "hardware", start: this.startOf(k), end: this.endOf(k, next), lineEnd: 0, hardwareType: kind, address };
  }

  /** Items of a list from token s to e: addresses (with dots), split at `,` and between two adjacent items. */
  items(s: number, e: number, slash: boolean): string[] {
    const codes = this.tokens.codes;
    const out: string[] = [];
    let first = -1;
    let prevJoin = true;
    for (let i = s; i < e; i++) {
      const code = codes[i]!;
      if (code === DhcpdToken.Comma) {
        if (first >= 0) out.push(this.dotted(first, i));
        first = -1;
        prevJoin = true;
        continue;
      }
      const isJoin = code === DhcpdToken.Dot || (slash && code === DhcpdToken.Slash);
      if (!isJoin && !prevJoin && first >= 0) {
        out.push(this.dotted(first, i));
        first = -1;
      }
      if (first < 0) first = i;
      prevJoin = isJoin;
    }
    if (first >= 0) out.push(this.dotted(first, e));
    return out;
  }

  fixedAddress(k: number, next: number): Parameter {
    return { kind: "fixed-address", start: this.startOf(k), end: this.endOf(k, next), lineEnd: 0, addresses: this.items(k + 1, next - 1, false) };
  }

  // ----- options -----

  optionUniverse(i: number): boolean {
    const vendor = this.value(i - 3);
    if (vendor !== "dhcp") return this.fail(`no vendor named ${vendor}.`, i - 1, "next");
    return true;
  }

  optionName(i: number): boolean {
    this.optionText = this.value(i - 1);
    const info = optionInfo(this.optionText);
    this.known = info !== undefined;
    this.format = info?.format ?? "";
    return true;
  }

  optionKnown(): boolean {
    return this.known;
  }

  optionSemi(i: number): boolean {
    if (i < this.tokens.count && this.tokens.codes[i] === DhcpdToken.Semi) return true;
    return this.fail("semicolon expected.", i, "next");
  }

  /** An unknown option: dhcpd skips to the `;`; the text before it is kept. */
  rawValue(i: number): { raw: string; first: number; end: number } | undefined {
    const end = this.skipToSemi(i);
    const tokens = this.tokens;
    if (end === 0 || end > tokens.count || tokens.codes[end - 1] !== DhcpdToken.Semi || end - 1 < i) {
      this.fail(`no option named ${this.optionText}`, i - 1, "next");
      return undefined;
    }
    for (let j = i; j < end - 1; j++) {
      const c = tokens.codes[j];
      if (c === DhcpdToken.LBrace || c === DhcpdToken.RBrace) {
        this.fail(`no option named ${this.optionText}`, i - 1, "next");
        return undefined;
      }
    }
    const raw = end - 1 > i ? this.text.slice(tokens.starts[i]!, tokens.ends[end - 2]!) : "";
    return { raw, first: i, end };
  }

  option(k: number, first: number, value: OptionValue, next: number): Parameter {
    const tokens = this.tokens;
    const lastValue = next - 2;
    const valueSpan =
      lastValue >= first ? { start: tokens.starts[first]!, end: tokens.ends[lastValue]! } : { start: tokens.starts[next - 1]!, end: tokens.starts[next - 1]! };
    return { kind: "option", start: this.startOf(k), end: this.endOf(k, next), lineEnd: 0, name: this.optionText, value, valueSpan };
  }

  ipList(s: number, e: number): string[] {
    return this.items(s, e, false);
  }

  ipPairs(s: number, e: number): Array<{ destination: string; router: string }> {
    const items = this.items(s, e, false);
    const out: Array<{ destination: string; router: string }> = [];
    for (let i = 0; i + 1 < items.length; i += 2) out.push({ destination: items[i]!, router: items[i + 1]! });
    return out;
  }

  routes(s: number, e: number): Array<{ destination: string; router: string }> {
    const items = this.items(s, e, true);
    const out: Array<{ destination: string; router: string }> = [];
    for (let i = 0; i + 1 < items.length; i += 2) out.push({ destination: items[i]!, router: items[i + 1]! });
    return out;
  }

  cidrOk(p: number, e: number): boolean {
    const parts: string[] = [];
    for (let i = p; i < e; i += 2) parts.push(this.value(i));
    const length = parts.pop()!;
    if (parts.length > 4 || !/^[0-9]+$/.test(length) || Number(length) > 32) return false;
    return parts.every((o) => /^[0-9]+$/.test(o) && Number(o) <= 255);
  }

  number(i: number): number {
    const r = convertNum(this.value(i), 0);
    if (r.bogus) this.note("warning", "BOGUS_NUMBER", r.bogus, i);
    return r.value;
  }

  numberList(s: number, e: number): number[] {
    const out: number[] = [];
    for (let i = s; i < e; i += 2) out.push(convertNum(this.value(i), 0).value);
    return out;
  }

  hexData(s: number, e: number): { hex: string } {
    return { hex: this.octets(s, e) };
  }

  domainList(s: number, e: number): string[] {
    const out: string[] = [];
    for (let i = s; i < e; i += 2) out.push(this.value(i));
    return out;
  }
}
