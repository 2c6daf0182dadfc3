// What the grammar's actions do: build syntax nodes from token indexes and
// report what httpd's own actions report where the model cannot show it
// (an option in the wrong block, options in the wrong order, a bad macro
// name, an include that cannot be read). Value checks run later, on the
// model, through checks.ts (see parse.ts).

import { TokenCode, type MacroDefinition, type ParseProblem as Problem, type ParseyTokens } from "@obsdconf/core";
import {
  insideLocationProblem,
  listenNotSpecifiedProblem,
  macroNameProblems,
  tcpIpFlagProblems,
  tlsWithoutListenerProblem,
  ttlProblems,
  type Problem as CheckProblem,
  type ServerOnly,
} from "./checks.js";
import type { Access, FastcgiOptions, MediaType } from "./model.js";
import type { HttpdFeatures } from "./releases.js";
import type { OptionNode, Span, Statement, TypesEntryNode } from "./syntax.js";

/** Thrown from an action whose check ends in YYERROR, when httpd's recovery is asked for. */
export class AbortStatement {
  /**
   * @param lastShifted - index of the last token read when the action ran.
   */
  constructor(readonly lastShifted: number) {}
}

/** Options of {@link GrammarActions}. */
export interface GrammarActionsOptions {
  /** The token stream being parsed. */
  tokens: ParseyTokens;
  /** The release's grammar features. */
  features: HttpdFeatures;
  /** Macro table (defined by `name = value`). */
  macros: Map<string, MacroDefinition>;
  /** Abandon the statement at an action's error (YYERROR), as httpd does. */
  recovery?: boolean;
  /** Reads a top-level included file; undefined: includes are not followed. Returns false when it cannot. */
  include?: (path: string, span: Span) => boolean;
  /**
   * Reads a file included inside a block: a `types` block's file is read as
   * more media lines, another block's is only checked to be readable.
   * Returns false when it cannot be read; undefined: includes are not followed.
   */
  readable?: (path: string, block: "types" | "options", context: BlockContext | undefined) => boolean;
}

interface Block {
  options: OptionNode[];
  location: boolean;
  listen: boolean;
  tlsListen: boolean;
  header?: { first: number; pattern: number; match: boolean; found: boolean | undefined };
}

// Options httpd accepts in a server only.
const SERVER_ONLY: ReadonlySet<string> = new Set(["alias", "errdocs", "tcp", "connection", "tls", "hsts"]);

/** The actions of grammar.peggy; one instance per parse. */
export class GrammarActions {
  /** The release's grammar features (read by the grammar's predicates). */
  readonly features: HttpdFeatures;
  /** Messages found, in the order found. */
  readonly problems: Problem[] = [];
  /** Where each macro was last defined, for the unused-macro warning. */
  readonly macroSites = new Map<string, Span>();
  /** Token index of each macro definition's name, in order. */
  readonly definitions: number[] = [];
  /** Number of errors that ended a statement in httpd (YYERROR). */
  actionErrors = 0;
  /** Servers in which an action found an error (httpd abandons them): start offset → offset of the first error. */
  readonly failedServers = new Map<number, number>();
  #serverFailedAt = -1;
  readonly #o: GrammarActionsOptions;
  readonly #t: ParseyTokens;
  #stack: Block[] = [];
  #types: TypesEntryNode[] = [];

  constructor(options: GrammarActionsOptions) {
    this.#o = options;
    this.#t = options.tokens;
    this.features = options.features;
  }

  // ----- reporting -----

  #error(code: string, message: string, span: Span, fetched: number): void {
    this.#report([{ severity: "error", code, message }], span, fetched);
  }

  // Reports in order; an error ends the statement in httpd's recovery.
  #report(problems: readonly CheckProblem[], span: Span, fetched: number): void {
    for (const p of problems) {
      this.problems.push({ severity: p.severity, code: p.code, message: p.message, start: span.start, end: span.end, fetched });
      if (p.severity === "error") {
        this.actionErrors++;
        if (this.#stack.length && this.#serverFailedAt < 0) this.#serverFailedAt = span.start;
        if (this.#o.recovery) throw new AbortStatement(fetched);
      }
    }
  }

  #span(i: number): Span {
    return { start: this.#t.starts[i]!, end: this.#t.ends[i]! };
  }

  /** The value of STRING token `i`. */
  text(i: number): string {
    return this.#t.value(i)!;
  }

  /** The value of NUMBER token `i`. */
  number(i: number): number {
    return Number(this.#t.value(i)!);
  }

  /**
   * Fields of an option list merged in order (the last one wins), with the
   * span of the entry that set each field. Entries are `[fields, first, next]`.
   */
  merge<T extends object>(entries: ReadonlyArray<[T, number, number]>): Merged<T> {
    const value = {} as T;
    const fields: Record<string, Span> = {};
    for (const [part, first, next] of entries) {
      Object.assign(value, part);
      const span = { start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! };
      for (const key in part) fields[key] = span;
    }
    return { value, fields };
  }

  /** An option node from its first token to the token before `next`. */
  option(first: number, next: number, data: Record<string, unknown>, fields?: Record<string, Span>): OptionNode {
    // `data` is the grammar's fresh object: completed in place.
    data.start = this.#t.starts[first]!;
    data.end = this.#t.ends[next - 1]!;
    if (fields) data.fields = fields;
    return data as unknown as OptionNode;
  }

  // ----- statements -----

  /** A statement and the newline token `nl` that ends it. */
  statement(s: Statement, nl: number): Statement {
    const text = this.#t.text;
    const newline = text.indexOf("\n", this.#t.starts[nl]!);
    s.lineEnd = newline < 0 ? text.length : newline + 1;
    return s;
  }

  include(first: number, path: number, next: number): Statement {
    const value = this.text(path);
    const span = this.#span(path);
    if (this.#o.include) {
      if (!this.#o.include(value, span)) this.#error("INCLUDE_FAILED", `failed to include file ${value}`, span, path);
    } else {
      this.problems.push({ severity: "info", code: "INCLUDE_NOT_FOLLOWED", message: `include not followed: ${value}`, ...span, fetched: next });
    }
    return { kind: "include", path: value, start: this.#t.starts[first]!, end: span.end, lineEnd: 0 };
  }

  varset(name: number, value: number): Statement {
    const n = this.text(name);
    const v = this.text(value);
    const span = { start: this.#t.starts[name]!, end: this.#t.ends[value]! };
    const problems = macroNameProblems(n);
    if (problems.length) {
      this.#report(problems, this.#span(name), value);
    } else {
      this.#o.macros.delete(n);
      this.#o.macros.set(n, { value: v, used: false });
      this.macroSites.set(n, span);
      this.definitions.push(name);
    }
    return { kind: "macro", name: n, value: v, ...span, lineEnd: 0 };
  }

  prefork(first: number, n: number): Statement {
    return { kind: "prefork", prefork: this.number(n), start: this.#t.starts[first]!, end: this.#t.ends[n]!, lineEnd: 0 };
  }

  globalPath(first: number, kind: "chroot" | "errdocs" | "logdir", s: number): Statement {
    return { kind, value: this.text(s), start: this.#t.starts[first]!, end: this.#t.ends[s]!, lineEnd: 0 };
  }

  noBanner(first: number, next: number): Statement {
    return { kind: "no-banner", start: this.#t.starts[first]!, end: this.#t.ends[next - 1]!, lineEnd: 0 };
  }

  globalDefaultType(first: number, m: MediaString): Statement {
    return { kind: "default-type", type: m.type, start: this.#t.starts[first]!, end: m.end, lineEnd: 0 };
  }

  /** `STRING '/' STRING`. */
  media(t: number, s: number): MediaString {
    return { type: `${this.text(t)}/${this.text(s)}`, start: this.#t.starts[t]!, end: this.#t.ends[s]! };
  }

  // ----- server -----

  /** The mid-rule action of `server`: a new server. */
  serverHeader(_name: number): boolean {
    this.#stack = [{ options: [], location: false, listen: false, tlsListen: false }];
    this.#serverFailedAt = -1;
    return true;
  }

  serverEnd(first: number, name: number, match: boolean, open: number, close: number): Statement {
    const block = this.#stack[0]!;
    this.#stack = [];
    if (this.#serverFailedAt >= 0) this.failedServers.set(this.#t.starts[first]!, this.#serverFailedAt);
    return {
      kind: "server",
      name: this.text(name),
      match,
      options: block.options,
      headerEnd: this.#t.ends[name]!,
      open: this.#span(open),
      close: this.#span(close),
      start: this.#t.starts[first]!,
      end: this.#t.ends[close]!,
      lineEnd: 0,
    };
  }

  /** An option of the innermost block: checks where it may be and in what order. */
  push(o: OptionNode): void {
    const block = this.#stack[this.#stack.length - 1];
    if (!block) return;
    const server = this.#stack[0]!;
    const at = { start: o.start, end: o.end };
    const last = this.#lastToken(o.end);
    if (block.location) {
      let what: ServerOnly | undefined = SERVER_ONLY.has(o.kind) ? (o.kind as ServerOnly) : undefined;
      if (o.kind === "listen") what = "listen";
      if (o.kind === "banner") what = o.banner ? "banner" : "no banner";
      if (what) this.#report([insideLocationProblem(what, o.kind === "listen" ? o.listen.address : "")], at, last);
    } else if (o.kind === "listen") {
      server.listen = true;
      if (o.listen.tls) server.tlsListen = true;
    } else if (o.kind === "tls" && !server.tlsListen) {
      this.#report([tlsWithoutListenerProblem()], at, last);
    }
    block.options.push(o);
  }

  // Index of the token that ends at `end` (the option's last token).
  #lastToken(end: number): number {
    const t = this.#t;
    let lo = 0;
    let hi = t.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (t.starts[mid]! < end) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  listen(first: number, address: number, tls: boolean, port: number, next: number): OptionNode {
    const portValue = this.#t.codes[port] === TokenCode.Number ? this.number(port) : this.text(port);
    const listen = tls ? { address: this.text(address), tls: true, port: portValue } : { address: this.text(address), port: portValue };
    return this.option(first, next, { kind: "listen", listen });
  }

  alias(first: number, match: boolean, name: number, next: number): OptionNode {
    const alias = match ? { name: this.text(name), match: true } : { name: this.text(name) };
    return this.option(first, next, { kind: "alias", alias });
  }

  /** `tcp ip WORD N`: httpd compares the word without case. */
  ip(word: number, n: number): Record<string, number> {
    const w = this.text(word);
    const value = this.number(n);
    if (w.toLowerCase() === "ttl") return { ipTtl: value };
    if (w.toLowerCase() === "minttl") return { ipMinTtl: value };
    // httpd checks the number first.
    const ttl = ttlProblems(value);
    this.#report(ttl.length ? ttl : tcpIpFlagProblems(w), ttl.length ? this.#span(n) : this.#span(word), n);
    return {};
  }

  /** `fastcgi [options]`: the options merged (params collected), with each entry's span. */
  fastcgi(entries: ReadonlyArray<[Partial<FastcgiOptions>, number, number]> | null): Merged<FastcgiOptions> {
    const value: FastcgiOptions = { params: [] };
    const fields: Record<string, Span> = {};
    for (const [p, first, next] of entries ?? []) {
      const span = { start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! };
      if (p.socket) {
        value.socket = p.socket;
        fields.socket = span;
      }
      if (p.strip !== undefined) {
        value.strip = p.strip;
        fields.strip = span;
      }
      for (const param of p.params ?? []) {
        fields[`params[${value.params.length}]`] = span;
        value.params.push(param);
      }
    }
    return { value, fields };
  }

  fastcgiTcp(host: number, port: number | null): Partial<FastcgiOptions> {
    if (port === null) return { socket: { kind: "tcp", host: this.text(host) } };
    const value = this.#t.codes[port] === TokenCode.Number ? this.number(port) : this.text(port);
    return { socket: { kind: "tcp", host: this.text(host), port: value } };
  }

  blockReturn(n: number, uri: number | null): Access {
    const code = this.number(n);
    return uri === null ? { action: "return", code } : { action: "return", code, uri: this.text(uri) };
  }

  /** `include "file"` inside a server or location block. */
  blockInclude(first: number, path: number, next: number): OptionNode {
    this.#includeInBlock(path, next, "options");
    return this.option(first, next, { kind: "include", path: this.text(path) });
  }

  #includeInBlock(path: number, next: number, block: "types" | "options"): void {
    const value = this.text(path);
    const span = this.#span(path);
    if (this.#o.readable) {
      if (!this.#o.readable(value, block, block === "options" ? this.#context() : undefined)) {
        this.#error("INCLUDE_FAILED", `failed to include file ${value}`, span, path);
      }
    } else {
      this.problems.push({ severity: "info", code: "INCLUDE_NOT_FOLLOWED", message: `include not followed: ${value}`, ...span, fetched: next });
    }
  }

  // Where an include inside a server or location block is read.
  #context(): BlockContext {
    const server = this.#stack[0];
    const inner = this.#stack[this.#stack.length - 1];
    return { location: inner?.location ?? false, listen: server?.listen ?? true, tlsListen: server?.tlsListen ?? true };
  }

  /** Reads a file included in a block as more options of a block in `context`. */
  enterIncluded(context: BlockContext): void {
    const server: Block = { options: [], location: false, listen: context.listen, tlsListen: context.tlsListen };
    this.#stack = context.location ? [server, { options: [], location: true, listen: true, tlsListen: true }] : [server];
  }

  // ----- location -----

  /** The mid-rule action of `location`, with `{` as the lookahead. */
  locationHeader(first: number, found: number, match: boolean, pattern: number): boolean {
    const server = this.#stack[0];
    const value = this.text(pattern);
    const span = this.#span(pattern);
    if (server && !server.listen) this.#report([listenNotSpecifiedProblem()], span, pattern);
    else if (this.#stack.length > 1) this.#report([insideLocationProblem("location", value)], span, pattern);
    this.#stack.push({
      options: [],
      location: true,
      listen: true,
      tlsListen: true,
      header: { first, pattern, match, found: found === 0 ? undefined : found > 0 },
    });
    return true;
  }

  locationEnd(first: number, open: number, close: number): OptionNode {
    const block = this.#stack.pop()!;
    const header = block.header!;
    return {
      kind: "location",
      pattern: this.text(header.pattern),
      match: header.match,
      found: header.found,
      options: block.options,
      headerEnd: this.#t.ends[header.pattern]!,
      open: this.#span(open),
      close: this.#span(close),
      start: this.#t.starts[first]!,
      end: this.#t.ends[close]!,
    };
  }

  // ----- types -----

  typesHeader(): boolean {
    this.#types = [];
    return true;
  }

  typesPush(e: TypesEntryNode): void {
    this.#types.push(e);
  }

  typesInclude(first: number, path: number, next: number): TypesEntryNode {
    this.#includeInBlock(path, next, "types");
    return { kind: "include", path: this.text(path), start: this.#t.starts[first]!, end: this.#t.ends[path]! };
  }

  mediaLine(first: number, m: MediaString, names: number[], next: number): TypesEntryNode {
    const media: MediaType = { type: m.type, extensions: names.map((i) => this.#t.value(i)!) };
    return { kind: "media", media, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! };
  }

  typesEnd(first: number, open: number, close: number): Statement {
    const entries = this.#types;
    this.#types = [];
    return {
      kind: "types",
      entries,
      headerEnd: this.#t.ends[first]!,
      open: this.#span(open),
      close: this.#span(close),
      start: this.#t.starts[first]!,
      end: this.#t.ends[close]!,
      lineEnd: 0,
    };
  }
}

/** The block an included file is read in. */
export interface BlockContext {
  /** Inside a location. */
  location: boolean;
  /** The server has a `listen on` before the include. */
  listen: boolean;
  /** The server has a `listen on ... tls` before the include. */
  tlsListen: boolean;
}

/** Merged option entries and where each field was set. */
export interface Merged<T> {
  /** The merged fields. */
  value: T;
  /** Field → span of the entry that set it. */
  fields: Record<string, Span>;
}

/** `type/subtype` with its span. */
export interface MediaString extends Span {
  /** `type/subtype`. */
  type: string;
}
