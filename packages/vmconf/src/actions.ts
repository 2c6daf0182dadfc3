// What the grammar's actions do: build syntax nodes from token indexes and
// run vmd's checks at the point where vmd's own actions run them. A check
// that ends in YYERROR throws AbortStatement when vmd's recovery is asked for.

import type { ParseProblem as Problem } from "@obsdconf/core";
import { parseMac, TokenCode, type MacroDefinition, type Owner, type ParseyTokens } from "@obsdconf/core";
import {
  agentxContextFindings,
  agentxPathFindings,
  bootFindings,
  cdromFindings,
  diskFindings,
  groupFindings,
  interfacesFindings,
  interfaceSwitchFindings,
  lladdrFindings,
  localInet6PrefixFindings,
  localPrefixFindings,
  macroNameFindings,
  memoryFindings,
  rdomainFindings,
  switchInterfaceFindings,
  switchInterfaceMissing,
  vmInterfaceFindings,
  vmNameFindings,
  type Finding,
} from "./checks.js";
import { INSTANCE_ALLOWANCES, type BootDevice, type Disk, type InstanceAllowance, type VmInterface } from "./model.js";
import type { VmdFeatures } from "./releases.js";
import type { Span, Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

/** Thrown from an action whose check ends in YYERROR, when vmd's recovery is asked for. */
export class AbortStatement {
  /**
   * @param lastShifted - index of the last token shifted when the action ran.
   */
  constructor(readonly lastShifted: number) {}
}

/** A string of the grammar: adjacent STRING tokens joined. */
export interface JoinedString {
  /** The joined value. */
  value: string;
  /** Start offset of the first token. */
  start: number;
  /** End offset of the last token. */
  end: number;
}

interface VmState {
  name: JoinedString;
  instanceOf: string | undefined;
  options: VmOptionNode[];
  disks: number;
  nics: number;
  memorySet: boolean;
  boot: boolean;
  cdrom: boolean;
  nifs: boolean;
}

/** Options of {@link GrammarActions}. */
export interface GrammarActionsOptions {
  /** The token stream being parsed. */
  tokens: ParseyTokens;
  /** The release's grammar features. */
  features: VmdFeatures;
  /** Abandon a statement at a YYERROR check, as vmd does. */
  vmdRecovery: boolean;
  /** Macro table (defined by `name = value`). */
  macros: Map<string, MacroDefinition>;
  /** Reads an included file; undefined: includes are not followed. Returns false when it cannot. */
  include?: (path: string, span: Span) => boolean;
}

/** The actions of grammar.peggy; one instance per parse. */
export class GrammarActions {
  readonly features: VmdFeatures;
  readonly problems: Problem[] = [];
  /** Where each macro was last defined, for the unused-macro warning. */
  readonly macroSites = new Map<string, Span>();
  /** Token index of each macro definition's name, in order. */
  readonly definitions: number[] = [];
  actionErrors = 0;
  readonly #o: GrammarActionsOptions;
  readonly #t: ParseyTokens;
  #vm: VmState | undefined;
  #switchOptions: SwitchOptionNode[] = [];
  #hasInterface = false;
  #iface: VmInterface = {};
  #ifaceLocal = false;
  #allowFlags = new Set<InstanceAllowance>();
  #allowOwner: Owner | undefined;

  constructor(options: GrammarActionsOptions) {
    this.#o = options;
    this.#t = options.tokens;
    this.features = options.features;
  }

  // ----- reporting -----

  // Reports findings in order; a YYERROR one ends the statement in vmd's recovery.
  #report(findings: readonly Finding[], span: Span, fetched: number, lookahead: boolean): void {
    if (findings.length === 0) return;
    for (const f of findings) {
      this.problems.push({ severity: f.severity, code: f.code, message: f.message, start: span.start, end: span.end, fetched });
      if (f.abort) {
        this.actionErrors++;
        if (this.#o.vmdRecovery) throw new AbortStatement(lookahead ? fetched - 1 : fetched);
      }
    }
  }

  // Reports findings about token i (its span is made only when there is one).
  #reportToken(findings: readonly Finding[], i: number, fetched: number, lookahead: boolean): void {
    if (findings.length) this.#report(findings, this.#span(i), fetched, lookahead);
  }

  #span(i: number): Span {
    return { start: this.#t.starts[i]!, end: this.#t.ends[i]! };
  }

  #value(i: number): string {
    return this.#t.value(i)!;
  }

  /** `string`: STRING tokens `first` up to (not including) `end`, joined. */
  string(first: number, end: number): JoinedString {
    const t = this.#t;
    let value = t.value(first)!;
    for (let i = first + 1; i < end; i++) value += t.value(i)!;
    return { value, start: t.starts[first]!, end: t.ends[end - 1]! };
  }

  // ----- statements -----

  /** A statement and the newline token `nl` that ends it. */
  statement(s: Statement, nl: number): Statement {
    const text = this.#t.text;
    const newline = text.indexOf("\n", this.#t.starts[nl]!);
    s.lineEnd = newline < 0 ? text.length : newline + 1;
    return s;
  }

  include(first: number, path: JoinedString, next: number): Statement {
    const span = { start: this.#t.starts[first]!, end: path.end };
    if (this.#o.include) {
      if (!this.#o.include(path.value, path)) {
        this.#report([{ severity: "error", code: "INCLUDE_FAILED", message: `failed to include file ${path.value}`, abort: true, bare: false }], path, next, true);
      }
    } else {
      this.problems.push({ severity: "info", code: "INCLUDE_NOT_FOLLOWED", message: `include not followed: ${path.value}`, ...spanOf(path), fetched: next });
    }
    return { kind: "include", path: path.value, ...span, lineEnd: 0 };
  }

  varset(name: number, value: number): Statement {
    const n = this.#value(name);
    const v = this.#value(value);
    const span = { start: this.#t.starts[name]!, end: this.#t.ends[value]! };
    const findings = macroNameFindings(n);
    if (findings.length) {
      this.#reportToken(findings, name, value, false);
    } else {
      this.#o.macros.delete(n);
      this.#o.macros.set(n, { value: v, used: false });
      this.macroSites.set(n, span);
      this.definitions.push(name);
    }
    return { kind: "macro", name: n, value: v, ...span, lineEnd: 0 };
  }

  localInet6(first: number, prefix: number): Statement {
    const start = this.#t.starts[first]!;
    if (prefix < 0) return { kind: "local-inet6", prefix: undefined, start, end: this.#t.ends[first + 1]!, lineEnd: 0 };
    const text = this.#value(prefix);
    this.#reportToken(localInet6PrefixFindings(text, this.features), prefix, prefix, false);
    return { kind: "local-inet6", prefix: text, start, end: this.#t.ends[prefix]!, lineEnd: 0 };
  }

  localPrefix(first: number, prefix: number): Statement {
    const text = this.#value(prefix);
    this.#reportToken(localPrefixFindings(text, this.features), prefix, prefix, false);
    return { kind: "local-prefix", prefix: text, start: this.#t.starts[first]!, end: this.#t.ends[prefix]!, lineEnd: 0 };
  }

  socketOwner(first: number, owner: Owner, next: number): Statement {
    return { kind: "socket-owner", owner, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]!, lineEnd: 0 };
  }

  #agentxContext: string | undefined;
  #agentxPath: string | undefined;

  agentxContext(i: number): void {
    const v = this.#value(i);
    this.#reportToken(agentxContextFindings(v), i, i, false);
    this.#agentxContext = v;
  }

  agentxPath(i: number): void {
    const v = this.#value(i);
    this.#reportToken(agentxPathFindings(v), i, i, false);
    this.#agentxPath = v;
  }

  agentx(first: number, next: number): Statement {
    const node: Statement = {
      kind: "agentx",
      context: this.#agentxContext,
      path: this.#agentxPath,
      start: this.#t.starts[first]!,
      end: this.#t.ends[next - 1]!,
      lineEnd: 0,
    };
    this.#agentxContext = undefined;
    this.#agentxPath = undefined;
    return node;
  }

  staggered(first: number, parallel: number, delay: number): Statement {
    return {
      kind: "staggered-start",
      parallel: Number(this.#value(parallel)),
      delay: Number(this.#value(delay)),
      start: this.#t.starts[first]!,
      end: this.#t.ends[delay]!,
      lineEnd: 0,
    };
  }

  ownerNumber(i: number): Owner {
    return { uid: Number(this.#value(i)) };
  }

  ownerString(i: number): Owner {
    const text = this.#value(i);
    const colon = text.indexOf(":");
    const user = colon < 0 ? text : text.slice(0, colon);
    const group = colon < 0 ? "" : text.slice(colon + 1);
    const owner: Owner = {};
    if (user) owner.user = user;
    if (group) owner.group = group;
    return owner.user || owner.group ? owner : { uid: 0 };
  }

  ownerRoot(): Owner {
    return { uid: 0 };
  }

  // ----- switch -----

  switchHeader(_name: JoinedString): boolean {
    this.#switchOptions = [];
    this.#hasInterface = false;
    return true;
  }

  switchEnable(first: number, enabled: boolean): void {
    this.#switchOptions.push({ kind: "enable", enabled, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  switchUp(first: number, up: boolean): void {
    this.#switchOptions.push({ kind: "up", up, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  switchGroup(first: number, group: JoinedString, next: number): void {
    this.#report(groupFindings(group.value), group, next, true);
    this.#switchOptions.push({ kind: "group", group: group.value, start: this.#t.starts[first]!, end: group.end });
  }

  switchInterface(first: number, name: JoinedString, next: number): void {
    this.#report(switchInterfaceFindings(name.value, this.features), name, next, true);
    this.#hasInterface = true;
    this.#switchOptions.push({ kind: "interface", name: name.value, start: this.#t.starts[first]!, end: name.end });
  }

  switchLocked(first: number, next: number): void {
    this.#switchOptions.push({ kind: "locked-lladdr", start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }

  switchRdomain(first: number, n: number): void {
    const text = this.#value(n);
    this.#reportToken(rdomainFindings(Number(text), text), n, n, false);
    this.#switchOptions.push({ kind: "rdomain", rdomain: Number(text), start: this.#t.starts[first]!, end: this.#t.ends[n]! });
  }

  switchEnd(first: number, name: JoinedString, open: number, close: number): Statement {
    const options = this.#switchOptions;
    if (!this.#hasInterface) this.#reportToken([switchInterfaceMissing(name.value)], close, close, false);
    return {
      kind: "switch",
      name: name.value,
      options,
      headerEnd: name.end,
      open: this.#span(open),
      close: this.#span(close),
      start: this.#t.starts[first]!,
      end: this.#t.ends[close]!,
      lineEnd: 0,
    };
  }

  // ----- vm -----

  /** The mid-rule action of `vm`: runs with `{` as the lookahead. */
  vmHeader(first: JoinedString, second: JoinedString | null, next: number): boolean {
    const name = second ?? first;
    const instanceOf = second ? first.value : undefined;
    this.#vm = { name, instanceOf, options: [], disks: 0, nics: 0, memorySet: false, boot: false, cdrom: false, nifs: false };
    const findings = vmNameFindings(name.value, instanceOf);
    const aboutParent = instanceOf !== undefined && findings[0]?.message === `vm ${instanceOf} name too long`;
    this.#report(findings, aboutParent ? first : name, next, true);
    return true;
  }

  vmEnd(first: number, open: number, close: number): Statement {
    const vm = this.#vm!;
    return {
      kind: "vm",
      name: vm.name.value,
      instanceOf: vm.instanceOf,
      options: vm.options,
      headerEnd: vm.name.end,
      open: this.#span(open),
      close: this.#span(close),
      start: this.#t.starts[first]!,
      end: this.#t.ends[close]!,
      lineEnd: 0,
    };
  }

  vmEnable(first: number, enabled: boolean): void {
    this.#vm!.options.push({ kind: "enable", enabled, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  disk(first: number, path: JoinedString, format: JoinedString | null, next: number): void {
    const vm = this.#vm!;
    const disk: Disk = { path: path.value };
    if (format) disk.format = format.value.toLowerCase();
    vm.options.push({ kind: "disk", disk, start: this.#t.starts[first]!, end: (format ?? path).end });
    const findings = diskFindings(path.value, format?.value, vm.disks, this.features);
    vm.disks++;
    this.#report(findings, findings[0]?.code === "UNRECOGNIZED_DISK_FORMAT" ? format! : path, next, true);
  }

  bootDevice(first: number, device: BootDevice): void {
    this.#vm!.options.push({ kind: "boot-device", device, start: this.#t.starts[first]!, end: this.#t.ends[first + 2]! });
  }

  boot(first: number, path: JoinedString, next: number): void {
    const vm = this.#vm!;
    vm.options.push({ kind: "boot", path: path.value, start: this.#t.starts[first]!, end: path.end });
    const findings = bootFindings(path.value, vm.boot, this.features);
    vm.boot = true;
    this.#report(findings, path, next, true);
  }

  cdrom(first: number, path: JoinedString, next: number): void {
    const vm = this.#vm!;
    vm.options.push({ kind: "cdrom", path: path.value, start: this.#t.starts[first]!, end: path.end });
    const findings = cdromFindings(path.value, vm.cdrom, this.features);
    vm.cdrom = true;
    this.#report(findings, path, next, true);
  }

  interfaces(first: number, n: number): void {
    const vm = this.#vm!;
    const text = this.#value(n);
    const count = Number(text);
    vm.options.push({ kind: "interfaces", count, start: this.#t.starts[first]!, end: this.#t.ends[n]! });
    const findings = interfacesFindings(count, vm.nifs, text);
    if (count !== 0) vm.nifs = true;
    this.#reportToken(findings, n, n, false);
  }

  memory(first: number, v: number): void {
    const vm = this.#vm!;
    const value = this.#value(v);
    vm.options.push({ kind: "memory", memory: value, start: this.#t.starts[first]!, end: this.#t.ends[v]! });
    const findings = memoryFindings(value, this.#t.codes[v] === TokenCode.Number, vm.memorySet, this.features);
    if (!findings.some((f) => f.abort)) vm.memorySet = true;
    this.#reportToken(findings, v, v, false);
  }

  vmOwner(first: number, owner: Owner, next: number): void {
    this.#vm!.options.push({ kind: "owner", owner, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }

  sev(first: number, kind: "sev" | "seves"): void {
    this.#vm!.options.push({ kind, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  // ----- vm interfaces -----

  interfaceStart(local: boolean): boolean {
    this.#iface = {};
    this.#ifaceLocal = local;
    return true;
  }

  ifaceSwitch(name: JoinedString, next: number): void {
    this.#report(interfaceSwitchFindings(name.value), name, next, true);
    this.#iface.switch = name.value;
  }

  ifaceGroup(group: JoinedString, next: number): void {
    this.#report(groupFindings(group.value), group, next, true);
    this.#iface.group = group.value;
  }

  /** `[locked] lladdr [address]`; `address` is -1 when omitted. */
  ifaceLladdr(locked: boolean, address: number): void {
    if (locked) this.#iface.locked = true;
    if (address < 0) return;
    const text = this.#value(address);
    const findings = lladdrFindings(text);
    this.#iface.lladdr = parseMac(text) ?? text;
    this.#reportToken(findings, address, address, false);
  }

  ifaceRdomain(n: number): void {
    const text = this.#value(n);
    this.#reportToken(rdomainFindings(Number(text), text), n, n, false);
    this.#iface.rdomain = Number(text);
  }

  ifaceUp(up: boolean): void {
    this.#iface.up = up;
  }

  /** End of `[local] interface [name] [options]`; `braced` when its options were in braces. */
  interfaceEnd(first: number, name: number | null, braced: boolean, next: number): void {
    const vm = this.#vm!;
    const iface = this.#iface;
    if (this.#ifaceLocal) iface.local = true;
    if (name !== null) iface.name = this.#value(name);
    const start = this.#t.starts[first]!;
    const end = this.#t.ends[next - 1]!;
    vm.options.push({ kind: "interface", iface, start, end });
    vm.nics++;
    const findings = vmInterfaceFindings(iface.name, vm.nics);
    if (findings.length === 0) return;
    const about = findings[0]!.code === "TOO_MANY_INTERFACES" || name === null ? { start, end } : this.#span(name);
    this.#report(findings, about, braced ? next - 1 : next, !braced);
  }

  // ----- allow instance -----

  allowStart(): boolean {
    this.#allowFlags = new Set();
    this.#allowOwner = undefined;
    return true;
  }

  allowFlag(flag: InstanceAllowance): void {
    this.#allowFlags.add(flag);
  }

  allowOwner(owner: Owner): void {
    this.#allowOwner = owner;
  }

  allowEnd(first: number, next: number): void {
    const options = INSTANCE_ALLOWANCES.filter((f) => this.#allowFlags.has(f));
    this.#vm!.options.push({ kind: "allow-instance", options, owner: this.#allowOwner, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }
}

function spanOf(s: Span): Span {
  return { start: s.start, end: s.end };
}
