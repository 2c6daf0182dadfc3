// The vm.conf grammar of vmd's parse.y, as a recursive-descent parser over
// the tokens of @obsdconf/core's ParseyLexer. It accepts the same language
// as the yacc grammar and recovers from errors the same way (skip to the
// next newline, stay quiet until three tokens have been shifted), so it
// reports the same messages on the same lines.

import { byteLength, parseMac, ParseyLexer, scanScaled, type MacroDefinition, type Owner, type RawTokens, type Token } from "@obsdconf/core";
import { posix } from "node:path";
import {
  INSTANCE_ALLOWANCES,
  type BootDevice,
  type Disk,
  type InstanceAllowance,
  type VmInterface,
} from "./model.js";
import type { VmdFeatures } from "./releases.js";
import type { Span, Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

/** Limits vmd enforces in its parser. */
export const VM_NAME_MAX = 64;
/** Most disks a VM may have (vmd's VM_MAX_DISKS_PER_VM). */
export const VM_MAX_DISKS = 4;
/** Most interfaces a VM may have (vmd's VM_MAX_NICS_PER_VM). */
export const VM_MAX_NICS = 4;
/** Size of an interface name buffer, NUL included. */
export const IF_NAMESIZE = 16;
/** Highest routing domain. */
export const RT_TABLEID_MAX = 255;
export const AGENTX_CONTEXT_MAX = 32;
export const AGENTX_PATH_BUFFER = 104;
const MEGABYTE = 1024 * 1024;

/** A problem found while parsing; `line` is the line vmd reports. */
export interface Problem {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  line: number;
  start: number;
  end: number;
}

/** Options of {@link parseStatements}. */
export interface GrammarOptions {
  features: VmdFeatures;
  /** true: an action error abandons the statement, as vmd does (YYERROR). */
  vmdRecovery: boolean;
  macros: Map<string, MacroDefinition>;
  /** Where each macro was last defined, for the unused-macro warning. */
  macroSites: Map<string, Span & { line: number }>;
  /** Reads an included file; without it, includes are reported and not followed. */
  include?: (path: string, span: Span, line: number) => string | undefined;
}

/** Result of {@link parseStatements}. */
export interface GrammarResult {
  statements: Statement[];
  problems: Problem[];
  /** Count of action (semantic) errors; syntax errors are in problems. */
  actionErrors: number;
  syntaxErrors: number;
}

class Failure {
  constructor(
    readonly syntax: boolean,
    readonly token: Token | undefined,
  ) {}
}

/** Parses vm.conf tokens into statements, reporting vmd's messages. */
export function parseStatements(raw: RawTokens, options: GrammarOptions): GrammarResult {
  return new Grammar(raw, options).run();
}

type Flag = InstanceAllowance;

class Grammar {
  readonly #lexer: ParseyLexer;
  readonly #o: GrammarOptions;
  readonly #f: VmdFeatures;
  #la: Token | undefined;
  #fetchedLine = 1;
  #lastEnd = 0;
  #errflag = 0;
  #done = false;
  readonly statements: Statement[] = [];
  readonly problems: Problem[] = [];
  actionErrors = 0;
  syntaxErrors = 0;

  constructor(raw: RawTokens, options: GrammarOptions) {
    this.#o = options;
    this.#f = options.features;
    this.#lexer = new ParseyLexer(raw, {
      keywords: options.features.keywords,
      macros: options.macros,
      report: (p) => {
        this.syntaxErrors++;
        this.problems.push({ severity: "error", ...p });
      },
    });
  }

  run(): GrammarResult {
    while (!this.#done) {
      const first = this.#peek();
      if (first.type === "EOF") break;
      try {
        const statement = this.#statement();
        const nl = this.#peek();
        if (nl.type !== "\n") throw new Failure(true, nl);
        this.#shift();
        if (statement) {
          statement.lineEnd = nl.end;
          this.statements.push(statement);
        }
      } catch (error) {
        if (!(error instanceof Failure)) throw error;
        this.#recover(error, first.start);
      }
    }
    return {
      statements: this.statements,
      problems: this.problems,
      actionErrors: this.actionErrors,
      syntaxErrors: this.syntaxErrors,
    };
  }

  // ----- token access -----

  #peek(): Token {
    if (!this.#la) {
      this.#la = this.#lexer.next();
      this.#fetchedLine = this.#la.line;
    }
    return this.#la;
  }

  #shift(): Token {
    const token = this.#peek();
    this.#la = undefined;
    if (this.#errflag > 0) this.#errflag--;
    this.#lastEnd = token.end;
    return token;
  }

  #isKeyword(word: string): boolean {
    const t = this.#peek();
    return t.type === "KEYWORD" && t.value === word;
  }

  #keyword(word: string): Token {
    if (!this.#isKeyword(word)) throw new Failure(true, this.#peek());
    return this.#shift();
  }

  #expect(type: Token["type"]): Token {
    if (this.#peek().type !== type) throw new Failure(true, this.#peek());
    return this.#shift();
  }

  /** `string: STRING string | STRING`: adjacent strings joined; reads one token past. */
  #string(): { value: string; span: Span } {
    const first = this.#expect("STRING");
    let value = first.value;
    let end = first.end;
    while (this.#peek().type === "STRING") {
      const next = this.#shift();
      value += next.value;
      end = next.end;
    }
    return { value, span: { start: first.start, end } };
  }

  #optnl(): void {
    while (this.#peek().type === "\n") this.#shift();
  }

  // ----- errors -----

  #recover(failure: Failure, start: number): void {
    if (failure.syntax) {
      this.syntaxErrors++;
      if (this.#errflag === 0) {
        const t = failure.token ?? this.#peek();
        this.#problem("error", "SYNTAX_ERROR", "syntax error", t, t.line);
      }
    }
    this.#errflag = 3;
    for (;;) {
      const t = this.#peek();
      if (t.type === "EOF") {
        this.#done = true;
        this.statements.push({ kind: "error", start, end: t.start, lineEnd: t.end });
        return;
      }
      if (t.type === "\n") {
        const end = this.#lastEnd;
        this.#shift();
        this.statements.push({ kind: "error", start, end: Math.max(start, end), lineEnd: t.end });
        return;
      }
      this.#lastEnd = t.end;
      this.#la = undefined;
    }
  }

  #problem(severity: Problem["severity"], code: string, message: string, span: Span, line: number): void {
    this.problems.push({ severity, code, message, line, start: span.start, end: span.end });
  }

  /** An error from a grammar action (yyerror + YYERROR). */
  #fail(code: string, message: string, span: Span): void {
    this.actionErrors++;
    this.#problem("error", code, message, span, this.#fetchedLine);
    if (this.#o.vmdRecovery) throw new Failure(false, undefined);
  }

  /** A message vmd prints without file and line (log_warnx from a helper). */
  #bare(severity: Problem["severity"], code: string, message: string, span: Span): void {
    this.#problem(severity, code, message, span, this.#fetchedLine);
  }

  // ----- top level -----

  #statement(): Statement | undefined {
    const t = this.#peek();
    if (t.type === "\n") return undefined;
    if (t.type === "STRING") return this.#varset();
    if (t.type !== "KEYWORD") throw new Failure(true, t);
    switch (t.value) {
      case "include":
        return this.#include();
      case "local":
      case "socket":
      case "agentx":
      case "staggered":
        return this.#main();
      case "switch":
        return this.#switch();
      case "vm":
        return this.#vm();
      default:
        throw new Failure(true, t);
    }
  }

  #varset(): Statement {
    const name = this.#shift();
    this.#expect("=");
    const value = this.#expect("STRING");
    const span = { start: name.start, end: value.end };
    if (/\s/.test(name.value.slice(1))) {
      this.#fail("MACRO_NAME_WHITESPACE", "macro name cannot contain whitespace", name);
    } else {
      this.#o.macros.delete(name.value);
      this.#o.macros.set(name.value, { value: value.value, used: false });
      this.#o.macroSites.set(name.value, { start: name.start, end: value.end, line: name.line });
    }
    return { kind: "macro", name: name.value, value: value.value, ...span, lineEnd: 0 };
  }

  #include(): Statement {
    const start = this.#shift().start;
    const path = this.#string();
    const span = { start, end: path.span.end };
    if (this.#o.include) {
      const ok = this.#o.include(path.value, span, this.#fetchedLine);
      if (ok === undefined) this.#fail("INCLUDE_FAILED", `failed to include file ${path.value}`, path.span);
    } else {
      this.#bare("info", "INCLUDE_NOT_FOLLOWED", `include not followed: ${path.value}`, path.span);
    }
    return { kind: "include", path: path.value, ...span, lineEnd: 0 };
  }

  #main(): Statement {
    const first = this.#shift();
    const start = first.start;
    switch (first.value) {
      case "local": {
        if (this.#isKeyword("inet6")) {
          const inet6 = this.#shift();
          if (this.#isKeyword("prefix")) {
            this.#shift();
            const value = this.#expect("STRING");
            this.#checkPrefix6(value);
            return { kind: "local-inet6", prefix: value.value, start, end: value.end, lineEnd: 0 };
          }
          return { kind: "local-inet6", prefix: undefined, start, end: inet6.end, lineEnd: 0 };
        }
        this.#keyword("prefix");
        const value = this.#expect("STRING");
        this.#checkPrefix4(value);
        return { kind: "local-prefix", prefix: value.value, start, end: value.end, lineEnd: 0 };
      }
      case "socket": {
        this.#keyword("owner");
        const owner = this.#ownerId();
        return { kind: "socket-owner", owner, start, end: this.#lastEnd, lineEnd: 0 };
      }
      case "agentx": {
        let context: string | undefined;
        let path: string | undefined;
        for (;;) {
          if (this.#isKeyword("context")) {
            this.#shift();
            const value = this.#expect("STRING");
            if (byteLength(value.value) > AGENTX_CONTEXT_MAX) {
              this.#fail("AGENTX_CONTEXT_TOO_LARGE", "agentx context too large", value);
            }
            context = value.value;
          } else if (this.#isKeyword("path")) {
            this.#shift();
            const value = this.#expect("STRING");
            if (!value.value.startsWith("/")) {
              this.#fail("AGENTX_PATH_NOT_ABSOLUTE", "agentx path is not absolute", value);
            } else if (byteLength(value.value) >= AGENTX_PATH_BUFFER) {
              this.#fail("AGENTX_PATH_TOO_LARGE", "agentx path too large", value);
            }
            path = value.value;
          } else {
            break;
          }
        }
        return { kind: "agentx", context, path, start, end: this.#lastEnd, lineEnd: 0 };
      }
      default: {
        this.#keyword("start");
        this.#keyword("parallel");
        const parallel = this.#expect("NUMBER");
        this.#keyword("delay");
        const delay = this.#expect("NUMBER");
        return {
          kind: "staggered-start",
          parallel: parallel.number,
          delay: delay.number,
          start,
          end: delay.end,
          lineEnd: 0,
        };
      }
    }
  }

  #checkPrefix4(token: Token): void {
    if (this.#f.modernPrefixes) {
      const reason = modernPrefixProblem(token.value, 4);
      if (reason) this.#fail("INVALID_LOCAL_PREFIX", `invalid local prefix: ${reason}`, token);
      return;
    }
    const result = hostPrefix(token.value);
    if (result.lengthProblem) this.#bare("error", "INVALID_PREFIX_LENGTH", result.lengthProblem, token);
    if (!result.ok || result.family !== 4 || result.length > 32) {
      this.#fail("INVALID_LOCAL_PREFIX", `invalid local prefix: ${token.value}`, token);
    }
  }

  #checkPrefix6(token: Token): void {
    if (this.#f.modernPrefixes) {
      const reason = modernPrefixProblem(token.value, 6);
      if (reason) this.#fail("INVALID_LOCAL_INET6_PREFIX", `invalid local inet6 prefix: ${reason}`, token);
      return;
    }
    const result = hostPrefix(token.value);
    if (result.lengthProblem) this.#bare("error", "INVALID_PREFIX_LENGTH", result.lengthProblem, token);
    if (!result.ok || result.family !== 6 || result.length > 64) {
      this.#fail("INVALID_LOCAL_INET6_PREFIX", `invalid local inet6 prefix: ${token.value}`, token);
    }
  }

  /** `owner_id: NUMBER | STRING` (and, in 6.5, nothing: root). */
  #ownerId(): Owner {
    const t = this.#peek();
    if (t.type === "NUMBER") {
      this.#shift();
      return { uid: t.number };
    }
    if (t.type === "STRING") {
      this.#shift();
      const colon = t.value.indexOf(":");
      const user = colon < 0 ? t.value : t.value.slice(0, colon);
      const group = colon < 0 ? "" : t.value.slice(colon + 1);
      const owner: Owner = {};
      if (user) owner.user = user;
      if (group) owner.group = group;
      return owner.user || owner.group ? owner : { uid: 0 };
    }
    if (this.#f.emptyOwner) return { uid: 0 };
    throw new Failure(true, t);
  }

  // ----- blocks -----

  /** `opts_l: opts_l opt nl | opt optnl` between braces, then `}`. */
  #block(option: () => void): Span {
    this.#optnl();
    option();
    this.#optnl();
    for (;;) {
      if (this.#peek().type === "}") return this.#shift();
      option();
      if (this.#peek().type !== "\n") throw new Failure(true, this.#peek());
      this.#optnl();
    }
  }

  #switch(): Statement {
    const start = this.#shift().start;
    const name = this.#string();
    const open = this.#expect("{");
    const options: SwitchOptionNode[] = [];
    let hasInterface = false;
    const close = this.#block(() => {
      const option = this.#switchOption();
      if (option.kind === "interface") hasInterface = true;
      options.push(option);
    });
    if (!hasInterface) {
      this.#fail("SWITCH_MISSING_INTERFACE", `switch "${name.value}" is missing interface name`, close);
    }
    return {
      kind: "switch",
      name: name.value,
      options,
      headerEnd: name.span.end,
      open,
      close,
      start,
      end: close.end,
      lineEnd: 0,
    };
  }

  #switchOption(): SwitchOptionNode {
    const t = this.#peek();
    if (t.type !== "KEYWORD") throw new Failure(true, t);
    const start = t.start;
    switch (t.value) {
      case "enable":
      case "disable":
        this.#shift();
        return { kind: "enable", enabled: t.value === "enable", start, end: t.end };
      case "up":
      case "down":
        this.#shift();
        return { kind: "up", up: t.value === "up", start, end: t.end };
      case "group": {
        this.#shift();
        const group = this.#string();
        if (!validGroup(group.value)) this.#fail("INVALID_GROUP", `invalid group name: ${group.value}`, group.span);
        return { kind: "group", group: group.value, start, end: group.span.end };
      }
      case "interface": {
        this.#shift();
        const name = this.#string();
        const type = interfaceType(name.value);
        if (type === undefined || !this.#f.switchTypes.includes(type)) {
          this.#fail("INVALID_SWITCH_INTERFACE", `invalid switch interface: ${name.value}`, name.span);
        } else if (byteLength(name.value) >= IF_NAMESIZE) {
          this.#fail("SWITCH_INTERFACE_TOO_LONG", `switch interface too long: ${name.value}`, name.span);
        }
        return { kind: "interface", name: name.value, start, end: name.span.end };
      }
      case "locked": {
        this.#shift();
        const lladdr = this.#keyword("lladdr");
        return { kind: "locked-lladdr", start, end: lladdr.end };
      }
      case "rdomain": {
        this.#shift();
        const n = this.#expect("NUMBER");
        if (n.number < 0 || n.number > RT_TABLEID_MAX) this.#fail("INVALID_RDOMAIN", `invalid rdomain: ${n.value}`, n);
        return { kind: "rdomain", rdomain: n.number, start, end: n.end };
      }
      default:
        throw new Failure(true, t);
    }
  }

  #vm(): Statement {
    const start = this.#shift().start;
    const first = this.#string();
    let name = first;
    let instanceOf: string | undefined;
    if (this.#isKeyword("instance")) {
      this.#shift();
      name = this.#string();
      instanceOf = first.value;
    }
    // The mid-rule action runs with `{` as lookahead.
    this.#peek();
    if (instanceOf !== undefined && byteLength(instanceOf) >= VM_NAME_MAX) {
      this.#fail("VM_NAME_TOO_LONG", `vm ${instanceOf} name too long`, first.span);
    } else if (byteLength(name.value) >= VM_NAME_MAX) {
      this.#fail("VM_NAME_TOO_LONG", "vm name too long", name.span);
    }
    const open = this.#expect("{");
    const state: VmState = { options: [], disks: 0, nics: 0, memorySet: false, boot: false, cdrom: false, nifs: false };
    const close = this.#block(() => state.options.push(this.#vmOption(state)));
    return {
      kind: "vm",
      name: name.value,
      instanceOf,
      options: state.options,
      headerEnd: name.span.end,
      open,
      close,
      start,
      end: close.end,
      lineEnd: 0,
    };
  }

  #vmOption(state: VmState): VmOptionNode {
    const t = this.#peek();
    if (t.type !== "KEYWORD") throw new Failure(true, t);
    const start = t.start;
    switch (t.value) {
      case "enable":
      case "disable":
        this.#shift();
        return { kind: "enable", enabled: t.value === "enable", start, end: t.end };
      case "disk":
        return this.#disk(state);
      case "local":
      case "interface":
        return this.#interface(state);
      case "boot": {
        this.#shift();
        if (this.#isKeyword("device")) {
          this.#shift();
          const d = this.#peek();
          if (d.type !== "KEYWORD" || (d.value !== "cdrom" && d.value !== "disk" && d.value !== "net")) {
            throw new Failure(true, d);
          }
          this.#shift();
          return { kind: "boot-device", device: d.value as BootDevice, start, end: d.end };
        }
        const path = this.#string();
        if (state.boot) {
          this.#fail("KERNEL_MORE_THAN_ONCE", "kernel specified more than once", path.span);
        } else if (resolvedLength(path.value) >= this.#f.pathBuffer) {
          if (this.#f.oldMemoryMessages) this.#fail("KERNEL_NAME_TOO_LONG", "kernel name too long", path.span);
          else this.#fail("KERNEL_PATH_NOT_FOUND", "kernel path not found: File name too long", path.span);
        }
        state.boot = true;
        return { kind: "boot", path: path.value, start, end: path.span.end };
      }
      case "cdrom": {
        this.#shift();
        const path = this.#string();
        if (state.cdrom) {
          this.#fail("CDROM_MORE_THAN_ONCE", "cdrom specified more than once", path.span);
        } else if (byteLength(path.value) >= this.#f.pathBuffer) {
          this.#fail("CDROM_NAME_TOO_LONG", "cdrom name too long", path.span);
        }
        state.cdrom = true;
        return { kind: "cdrom", path: path.value, start, end: path.span.end };
      }
      case "interfaces": {
        this.#shift();
        const n = this.#expect("NUMBER");
        if (state.nifs) {
          this.#fail("INTERFACES_MORE_THAN_ONCE", "interfaces specified more than once", n);
        } else if (n.number < 0 || n.number > VM_MAX_NICS) {
          this.#fail("TOO_MANY_INTERFACES", `too many interfaces: ${n.value}`, n);
        }
        if (n.number !== 0) state.nifs = true;
        return { kind: "interfaces", count: n.number, start, end: n.end };
      }
      case "memory":
        return this.#memory(state);
      case "owner": {
        this.#shift();
        const owner = this.#ownerId();
        return { kind: "owner", owner, start, end: this.#lastEnd };
      }
      case "allow":
        return this.#allowInstance();
      case "sev":
      case "seves":
        this.#shift();
        return { kind: t.value, start, end: t.end };
      default:
        throw new Failure(true, t);
    }
  }

  #disk(state: VmState): VmOptionNode {
    const start = this.#shift().start;
    const path = this.#string();
    let format: string | undefined;
    let end = path.span.end;
    if (this.#isKeyword("format")) {
      this.#shift();
      const value = this.#string();
      format = value.value.toLowerCase();
      end = value.span.end;
      if (format !== "raw" && format !== "qcow2") {
        this.#fail("UNRECOGNIZED_DISK_FORMAT", `unrecognized disk format ${value.value}`, value.span);
      }
    }
    const disk: Disk = { path: path.value };
    if (format !== undefined) disk.format = format;
    const node: VmOptionNode = { kind: "disk", disk, start, end };
    let reason: [string, string] | undefined;
    if (state.disks >= VM_MAX_DISKS) reason = ["TOO_MANY_DISKS", "too many disks"];
    else if (resolvedLength(path.value) >= this.#f.pathBuffer) {
      reason = this.#f.oldMemoryMessages
        ? ["DISK_PATH_TOO_LONG", "disk path too long"]
        : ["DISK_PATH_TOO_LONG", `disk ${path.value}: File name too long`];
    }
    if (reason) {
      this.#bare("error", reason[0], reason[1], path.span);
      state.disks++;
      this.#fail("FAILED_TO_PARSE_DISKS", `failed to parse disks: ${path.value}`, path.span);
    } else {
      state.disks++;
    }
    return node;
  }

  #interface(state: VmState): VmOptionNode {
    const first = this.#shift();
    const start = first.start;
    const iface: VmInterface = {};
    if (first.value === "local") {
      iface.local = true;
      this.#keyword("interface");
    }
    let nameSpan: Span | undefined;
    if (this.#peek().type === "STRING") {
      const name = this.#shift();
      iface.name = name.value;
      nameSpan = name;
    }
    if (this.#peek().type === "{") {
      this.#shift();
      this.#optnl();
      this.#ifaceOption(iface);
      this.#optnl();
      while (this.#peek().type !== "}") {
        this.#ifaceOption(iface);
        this.#optnl();
      }
      this.#shift();
    } else if (this.#startsIfaceOption()) {
      this.#ifaceOption(iface);
      while (this.#startsIfaceOption()) {
        this.#ifaceOption(iface);
        if (this.#peek().type === ",") this.#shift();
      }
    } else {
      this.#peek();
    }
    const end = this.#lastEnd;
    const span = { start, end };
    state.nics++;
    if (state.nics > VM_MAX_NICS) {
      this.#fail("TOO_MANY_INTERFACES", `too many interfaces: ${state.nics}`, span);
    } else if (iface.name !== undefined) {
      const type = iface.name === "tap" ? "tap" : interfaceType(iface.name);
      if (type !== "tap") {
        this.#fail("INVALID_INTERFACE", `invalid interface: ${iface.name}`, nameSpan!);
      } else if (byteLength(iface.name) >= IF_NAMESIZE) {
        this.#fail("INTERFACE_NAME_TOO_LONG", `interface name too long: ${iface.name}`, nameSpan!);
      }
    }
    return { kind: "interface", iface, start, end };
  }

  #startsIfaceOption(): boolean {
    const t = this.#peek();
    if (t.type !== "KEYWORD") return false;
    return ["switch", "group", "locked", "lladdr", "rdomain", "up", "down"].includes(t.value);
  }

  #ifaceOption(iface: VmInterface): void {
    const t = this.#peek();
    if (t.type !== "KEYWORD") throw new Failure(true, t);
    switch (t.value) {
      case "switch": {
        this.#shift();
        const name = this.#string();
        if (byteLength(name.value) >= VM_NAME_MAX) {
          this.#fail("SWITCH_NAME_TOO_LONG", `switch name too long: ${name.value}`, name.span);
        }
        iface.switch = name.value;
        return;
      }
      case "group": {
        this.#shift();
        const group = this.#string();
        if (!validGroup(group.value)) this.#fail("INVALID_GROUP", `invalid group name: ${group.value}`, group.span);
        iface.group = group.value;
        return;
      }
      case "locked":
      case "lladdr": {
        this.#shift();
        if (t.value === "locked") {
          this.#keyword("lladdr");
          iface.locked = true;
        }
        const a = this.#peek();
        if (a.type === "STRING") {
          this.#shift();
          const mac = parseMac(a.value);
          if (mac === undefined) this.#fail("INVALID_LLADDR", `invalid address: ${a.value}`, a);
          iface.lladdr = mac ?? a.value;
        } else if (!this.#f.optionalLladdr) {
          throw new Failure(true, a);
        }
        return;
      }
      case "rdomain": {
        this.#shift();
        const n = this.#expect("NUMBER");
        if (n.number < 0 || n.number > RT_TABLEID_MAX) this.#fail("INVALID_RDOMAIN", `invalid rdomain: ${n.value}`, n);
        iface.rdomain = n.number;
        return;
      }
      case "up":
      case "down":
        this.#shift();
        iface.up = t.value === "up";
        return;
      default:
        throw new Failure(true, t);
    }
  }

  #memory(state: VmState): VmOptionNode {
    const start = this.#shift().start;
    const t = this.#peek();
    if (t.type !== "NUMBER" && t.type !== "STRING") throw new Failure(true, t);
    this.#shift();
    const node: VmOptionNode = { kind: "memory", memory: t.value, start, end: t.end };
    if (state.memorySet) {
      if (t.type === "NUMBER") this.#fail("MEMORY_MORE_THAN_ONCE", "memory specified more than once", t);
      else this.#fail("MEMORY_MORE_THAN_ONCE", "argument specified more than once", t);
      return node;
    }
    let bytes: number;
    if (t.type === "NUMBER") {
      bytes = t.number;
    } else {
      const scanned = scanScaled(t.value);
      if (!scanned.ok) {
        const text = this.#f.oldMemoryMessages
          ? `invalid size: ${t.value}: ${scanned.error}`
          : `invalid memory size: ${t.value}: ${scanned.error}`;
        this.#bare("error", "INVALID_SIZE", text, t);
        this.#fail("FAILED_TO_PARSE_SIZE", `failed to parse size: ${t.value}`, t);
        return node;
      }
      bytes = scanned.bytes;
    }
    const max = this.#f.maxMemory;
    if (bytes < MEGABYTE) {
      const text = this.#f.oldMemoryMessages ? "size must be at least one megabyte" : "memory size must be at least 1MB";
      this.#bare("error", "MEMORY_TOO_SMALL", text, t);
      this.#fail("FAILED_TO_PARSE_SIZE", `failed to parse size: ${t.value}`, t);
      return node;
    }
    if (max !== undefined && bytes > max) {
      this.#bare("error", "MEMORY_TOO_LARGE", `memory size too large (limit is ${max / 1024 ** 3}G)`, t);
      this.#fail("FAILED_TO_PARSE_SIZE", `failed to parse size: ${t.value}`, t);
      return node;
    }
    const megabytes = Math.floor(bytes / MEGABYTE);
    if (this.#f.oldMemoryMessages && megabytes * MEGABYTE !== bytes) {
      this.#bare("warning", "MEMORY_ROUNDED", `size rounded to ${megabytes} megabytes`, t);
    }
    state.memorySet = true;
    return node;
  }

  #allowInstance(): VmOptionNode {
    const start = this.#shift().start;
    this.#keyword("instance");
    const flags = new Set<Flag>();
    let owner: Owner | undefined;
    const flag = (): void => {
      const t = this.#peek();
      if (t.type === "KEYWORD" && t.value === "owner") {
        this.#shift();
        owner = this.#ownerId();
        return;
      }
      if (t.type !== "KEYWORD" || !(INSTANCE_ALLOWANCES as readonly string[]).includes(t.value)) {
        throw new Failure(true, t);
      }
      this.#shift();
      flags.add(t.value as Flag);
    };
    if (this.#peek().type === "{") {
      this.#shift();
      this.#optnl();
      for (;;) {
        flag();
        const t = this.#peek();
        if (t.type === ",") {
          this.#shift();
          this.#optnl();
          continue;
        }
        if (t.type === "\n") {
          this.#optnl();
          if (this.#peek().type === "}") break;
          continue;
        }
        if (t.type === "}") break;
        throw new Failure(true, t);
      }
      this.#shift();
    } else {
      flag();
    }
    const options = INSTANCE_ALLOWANCES.filter((f) => flags.has(f));
    return { kind: "allow-instance", options, owner, start, end: this.#lastEnd };
  }
}

interface VmState {
  options: VmOptionNode[];
  disks: number;
  nics: number;
  memorySet: boolean;
  boot: boolean;
  cdrom: boolean;
  nifs: boolean;
}

/** Interface type of `name` (`bridge` of `bridge0`), or undefined when it has no unit number. */
export function interfaceType(name: string): string | undefined {
  const match = /^([^0-9]+)([0-9]+)$/.exec(name);
  if (!match || match[1]!.length >= IF_NAMESIZE - 1) return undefined;
  return match[1];
}

/** A valid interface group name: shorter than 16 bytes, not ending in a digit. */
export function validGroup(name: string): boolean {
  return name.length > 0 && byteLength(name) < IF_NAMESIZE && !/[0-9]$/.test(name);
}

// realpath(3) makes a path absolute; relative paths are measured against "/",
// the shortest working directory, so a reported error is certain.
function resolvedLength(path: string): number {
  const alreadyResolved = path.startsWith("/") && !/\/\/|\/\.\.?(\/|$)|.\/$/.test(path);
  return byteLength(alreadyResolved ? path : posix.resolve("/", path));
}

interface HostPrefix {
  ok: boolean;
  family: 4 | 6 | undefined;
  length: number;
  lengthProblem: string | undefined;
}

// host() of vmd 6.5: `address[/len]`, len 0..128 (default 128).
function hostPrefix(text: string): HostPrefix {
  const slash = text.lastIndexOf("/");
  let length = 128;
  const address = slash < 0 ? text : text.slice(0, slash);
  if (slash >= 0) {
    const lengthText = text.slice(slash + 1);
    const problem = strtonumProblem(lengthText, 0, 128);
    if (problem) return { ok: false, family: undefined, length, lengthProblem: `prefixlen is ${problem}: ${lengthText}` };
    length = Number(lengthText);
  }
  const family = numericFamily(address);
  return { ok: family !== undefined, family, length, lengthProblem: undefined };
}

function numericFamily(address: string): 4 | 6 | undefined {
  if (/^(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3}$/.test(address)) return 4;
  if (/^[0-9A-Fa-f:.]+$/.test(address) && address.includes(":")) {
    return ipv6Groups(address) ? 6 : undefined;
  }
  return undefined;
}

function ipv6Groups(address: string): boolean {
  const halves = address.split("::");
  if (halves.length > 2) return false;
  const count = (side: string): number | undefined => {
    if (side === "") return 0;
    let n = 0;
    const parts = side.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        if (numericFamily(p) !== 4) return undefined;
        n += 2;
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(p)) n++;
      else return undefined;
    }
    return n;
  };
  const a = count(halves[0]!);
  const b = halves.length === 2 ? count(halves[1]!) : 0;
  if (a === undefined || b === undefined) return false;
  return halves.length === 2 ? a + b <= 7 : a === 8;
}

function strtonumProblem(text: string, min: number, max: number): string | undefined {
  if (!/^[ \t]*[+-]?[0-9]+$/.test(text)) return "invalid";
  const n = Number(text);
  if (n < min) return "too small";
  if (n > max) return "too large";
  return undefined;
}

// parse_prefix4/6 of newer vmd: the reason is what the message shows.
function modernPrefixProblem(text: string, family: 4 | 6): string | undefined {
  const slash = text.lastIndexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  let length = family === 4 ? 16 : 64;
  if (slash >= 0) {
    const problem = strtonumProblem(text.slice(slash + 1), family === 4 ? 1 : 0, family === 4 ? 16 : 64);
    if (problem) return problem;
    length = Number(text.slice(slash + 1));
  }
  let bytes: number[];
  if (family === 4) {
    const parts = address.split(".");
    if (parts.length > 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return "invalid format";
    bytes = [0, 1, 2, 3].map((i) => Number(parts[i] ?? 0));
  } else {
    if (numericFamily(address) !== 6) return "invalid format";
    bytes = expandIPv6(address);
  }
  for (let bit = length; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return "bad mask";
  }
  return undefined;
}

function expandIPv6(address: string): number[] {
  const [head = "", tail] = address.split("::");
  const groups = (side: string): number[] =>
    side === ""
      ? []
      : side.split(":").flatMap((p) => (p.includes(".") ? p.split(".").map(Number) : [parseInt(p, 16) >> 8, parseInt(p, 16) & 0xff]));
  const a = groups(head);
  const b = tail === undefined ? [] : groups(tail);
  return [...a, ...new Array<number>(16 - a.length - b.length).fill(0), ...b];
}
