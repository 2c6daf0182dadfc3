// What the grammar's actions do: build syntax nodes from token indexes and
// run vmd's checks at the point where vmd's own actions run them. A check
// that ends in YYERROR throws AbortStatement when vmd's recovery is asked for.

import type { ParseProblem as Problem } from "@obsdconf/core";
import { parseMac, TokenCode, type MacroDefinition, type Owner, type ParseyTokens, type PeggyState } from "@obsdconf/core";
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
import { SwitchBlock, VmBlock, type BlockSource } from "./blocks.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { parse as parseTokens } from "./grammar.generated.js";
import { INSTANCE_ALLOWANCES, type AllowInstance, type BootDevice, type Disk, type InstanceAllowance, type Switch, type Vm, type VmInterface } from "./model.js";
import type { VmdFeatures } from "./releases.js";
import type { Span, Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

/** Thrown from an action whose check ends in YYERROR, when vmd's recovery is asked for. */
export class AbortStatement {
  /**
   * @param lastShifted - index of the last token shifted when the action ran.
   */
  constructor(readonly lastShifted: number) {}
}

// A vm's disks and interfaces until it has one: an array literal then holds
// exactly its elements (a push onto [] reserves room for 17), and a vm with
// none gets its own [] at its end.
const NONE_YET: never[] = Object.freeze([]) as never[];

/** Where {@link GrammarActions} reads values that repeat from block to block. */
const enum Site {
  DiskFormat,
  Memory,
  InterfaceSwitch,
  InterfaceGroup,
  InterfaceName,
}

interface VmState {
  model: Vm;
  /** Option nodes, when they are asked for (reading a block again). */
  options: VmOptionNode[] | undefined;
  memorySet: boolean;
  boot: boolean;
  cdrom: boolean;
  nifs: boolean;
  allowed: Set<InstanceAllowance> | undefined;
  allowOwner: Owner | undefined;
}

interface SwitchState {
  model: Switch;
  options: SwitchOptionNode[] | undefined;
  hasInterface: boolean;
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
  /** Build the option nodes of blocks now (else a block reads them again when asked). */
  optionNodes?: boolean;
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
  readonly #nodes: boolean;
  readonly #blocks: BlockSource;
  readonly #vm: VmState = {
    model: { name: "", disks: [], interfaces: [] },
    options: undefined,
    memorySet: false,
    boot: false,
    cdrom: false,
    nifs: false,
    allowed: undefined,
    allowOwner: undefined,
  };
  #switch!: SwitchState;
  readonly #previous: Array<string | undefined> = [undefined, undefined, undefined, undefined, undefined];
  #iface: VmInterface = {};
  #ifaceLocal = false;
  #allowFlags = new Set<InstanceAllowance>();
  #allowOwner: Owner | undefined;

  constructor(options: GrammarActionsOptions) {
    this.#o = options;
    this.#t = options.tokens;
    this.features = options.features;
    this.#nodes = options.optionNodes === true;
    const { tokens, features } = options;
    this.#blocks = {
      tokens,
      readOptions(kind, first) {
        const again = new GrammarActions({ tokens, features, vmdRecovery: false, macros: new Map(), optionNodes: true });
        const state = parseTokens(tokens.kinds, {
          actions: again,
          startRule: kind === "vm" ? "vm_block" : "switch_block",
          "peg$currPos": first,
          "peg$library": true,
          "peg$silentFails": 1,
        }) as PeggyState;
        if (state.peg$result === state.peg$FAILED) throw new Error(`vmconf: the ${kind} block at token ${first} no longer parses`);
        return (state.peg$result as VmBlock | SwitchBlock).options;
      },
    };
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

  // Reports findings about the string that starts at token `first`.
  #reportString(findings: readonly Finding[], first: number, fetched: number, lookahead: boolean): void {
    if (findings.length) this.#report(findings, this.#stringSpan(first), fetched, lookahead);
  }

  #span(i: number): Span {
    return { start: this.#t.starts[i]!, end: this.#t.ends[i]! };
  }

  #value(i: number): string {
    return this.#t.value(i)!;
  }

  // ----- strings: `string: STRING string | STRING` -----

  // Index just past the run of STRING tokens that starts at `first`.
  #stringStop(first: number): number {
    const t = this.#t;
    let i = first + 1;
    while (i < t.count && t.codes[i] === TokenCode.String) i++;
    return i;
  }

  // The value of the string that starts at token `first`: its tokens joined.
  #string(first: number): string {
    const t = this.#t;
    let value = t.value(first)!;
    for (let i = first + 1; i < t.count && t.codes[i] === TokenCode.String; i++) value += t.value(i)!;
    return value;
  }

  // The value of the string at token `first`, as the previous value read at
  // `site` when the text is the same: values repeated from block to block
  // (a switch name, `1G`, `qcow2`) are then one string, not one per block.
  #repeated(first: number, site: Site): string {
    const t = this.#t;
    const previous = this.#previous[site];
    if (previous !== undefined && (first + 1 >= t.count || t.codes[first + 1] !== TokenCode.String)) {
      const q = t.quoted[first]!;
      const from = t.starts[first]! + q;
      if (t.ends[first]! - q - from === previous.length && t.text.startsWith(previous, from) && !t.rewritten.has(first)) return previous;
    }
    return (this.#previous[site] = this.#string(first));
  }

  #stringEnd(first: number): number {
    return this.#t.ends[this.#stringStop(first) - 1]!;
  }

  #stringSpan(first: number): Span {
    return { start: this.#t.starts[first]!, end: this.#stringEnd(first) };
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
    const value = this.#string(path);
    const pathSpan = this.#stringSpan(path);
    const span = { start: this.#t.starts[first]!, end: pathSpan.end };
    if (this.#o.include) {
      if (!this.#o.include(value, pathSpan)) {
        this.#report([{ severity: "error", code: "INCLUDE_FAILED", message: `failed to include file ${value}`, abort: true, bare: false }], pathSpan, next, true);
      }
    } else {
      this.problems.push({ severity: "info", code: "INCLUDE_NOT_FOLLOWED", message: `include not followed: ${value}`, ...pathSpan, fetched: next });
    }
    return { kind: "include", path: value, ...span, lineEnd: 0 };
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
    if (user) return group ? { user, group } : { user };
    return group ? { group } : { uid: 0 };
  }

  ownerRoot(): Owner {
    return { uid: 0 };
  }

  // ----- switch -----

  switchHeader(name: number): boolean {
    this.#switch = { model: { name: this.#string(name) }, options: this.#nodes ? [] : undefined, hasInterface: false };
    return true;
  }

  #switchOption(node: SwitchOptionNode): void {
    this.#switch.options?.push(node);
  }

  switchEnable(first: number, enabled: boolean): void {
    this.#switch.model.enabled = enabled;
    if (this.#nodes) this.#switchOption({ kind: "enable", enabled, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  switchUp(first: number, up: boolean): void {
    this.#switch.model.up = up;
    if (this.#nodes) this.#switchOption({ kind: "up", up, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  switchGroup(first: number, group: number, next: number): void {
    const value = this.#string(group);
    this.#reportString(groupFindings(value), group, next, true);
    this.#switch.model.group = value;
    if (this.#nodes) this.#switchOption({ kind: "group", group: value, start: this.#t.starts[first]!, end: this.#stringEnd(group) });
  }

  switchInterface(first: number, name: number, next: number): void {
    const value = this.#string(name);
    this.#reportString(switchInterfaceFindings(value, this.features), name, next, true);
    this.#switch.hasInterface = true;
    this.#switch.model.interface = value;
    if (this.#nodes) this.#switchOption({ kind: "interface", name: value, start: this.#t.starts[first]!, end: this.#stringEnd(name) });
  }

  switchLocked(first: number, next: number): void {
    this.#switch.model.lockedLladdr = true;
    if (this.#nodes) this.#switchOption({ kind: "locked-lladdr", start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }

  switchRdomain(first: number, n: number): void {
    const text = this.#value(n);
    this.#reportToken(rdomainFindings(Number(text), text), n, n, false);
    this.#switch.model.rdomain = Number(text);
    if (this.#nodes) this.#switchOption({ kind: "rdomain", rdomain: Number(text), start: this.#t.starts[first]!, end: this.#t.ends[n]! });
  }

  switchEnd(first: number, open: number, close: number): Statement {
    const sw = this.#switch;
    if (!sw.hasInterface) this.#reportToken([switchInterfaceMissing(sw.model.name)], close, close, false);
    return new SwitchBlock(this.#blocks, first, open, close, sw.model, sw.options);
  }

  // ----- vm -----

  /** The mid-rule action of `vm`: runs with `{` as the lookahead. */
  vmHeader(first: number, second: number | null, next: number): boolean {
    const nameToken = second ?? first;
    const name = this.#string(nameToken);
    const instanceOf = second !== null ? this.#string(first) : undefined;
    const model: Vm = { name, disks: NONE_YET, interfaces: NONE_YET };
    if (instanceOf !== undefined) model.instanceOf = instanceOf;
    // One state object per parse: blocks do not nest.
    const vm = this.#vm;
    vm.model = model;
    vm.options = this.#nodes ? [] : undefined;
    vm.memorySet = vm.boot = vm.cdrom = vm.nifs = false;
    vm.allowed = vm.allowOwner = undefined;
    const findings = vmNameFindings(name, instanceOf);
    if (findings.length) {
      const aboutParent = instanceOf !== undefined && findings[0]!.message === `vm ${instanceOf} name too long`;
      this.#reportString(findings, aboutParent ? first : nameToken, next, true);
    }
    return true;
  }

  vmEnd(first: number, open: number, close: number): Statement {
    const vm = this.#vm;
    if (vm.model.disks === NONE_YET) vm.model.disks = [];
    if (vm.model.interfaces === NONE_YET) vm.model.interfaces = [];
    if (vm.allowed) {
      const allowInstance: AllowInstance = { options: INSTANCE_ALLOWANCES.filter((f) => vm.allowed!.has(f)) };
      if (vm.allowOwner) allowInstance.owner = vm.allowOwner;
      vm.model.allowInstance = allowInstance;
    }
    return new VmBlock(this.#blocks, first, open, close, vm.model, vm.options);
  }

  vmEnable(first: number, enabled: boolean): void {
    this.#vm.model.enabled = enabled;
    if (this.#nodes) this.#vm.options!.push({ kind: "enable", enabled, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  disk(first: number, path: number, format: number | null, next: number): void {
    const vm = this.#vm;
    const pathValue = this.#string(path);
    const formatValue = format === null ? undefined : this.#repeated(format, Site.DiskFormat);
    const disk: Disk =
      formatValue === undefined
        ? { path: pathValue }
        : { path: pathValue, format: formatValue === "qcow2" || formatValue === "raw" ? formatValue : formatValue.toLowerCase() };
    const before = vm.model.disks.length;
    if (before === 0) vm.model.disks = [disk];
    else vm.model.disks.push(disk);
    if (this.#nodes) vm.options!.push({ kind: "disk", disk, start: this.#t.starts[first]!, end: this.#stringEnd(format ?? path) });
    const findings = diskFindings(pathValue, formatValue, before, this.features);
    this.#reportString(findings, findings[0]?.code === "UNRECOGNIZED_DISK_FORMAT" ? format! : path, next, true);
  }

  bootDevice(first: number, device: BootDevice): void {
    this.#vm.model.bootDevice = device;
    if (this.#nodes) this.#vm.options!.push({ kind: "boot-device", device, start: this.#t.starts[first]!, end: this.#t.ends[first + 2]! });
  }

  boot(first: number, path: number, next: number): void {
    const vm = this.#vm;
    const value = this.#string(path);
    vm.model.boot ??= value;
    if (this.#nodes) vm.options!.push({ kind: "boot", path: value, start: this.#t.starts[first]!, end: this.#stringEnd(path) });
    const findings = bootFindings(value, vm.boot, this.features);
    vm.boot = true;
    this.#reportString(findings, path, next, true);
  }

  cdrom(first: number, path: number, next: number): void {
    const vm = this.#vm;
    const value = this.#string(path);
    vm.model.cdrom ??= value;
    if (this.#nodes) vm.options!.push({ kind: "cdrom", path: value, start: this.#t.starts[first]!, end: this.#stringEnd(path) });
    const findings = cdromFindings(value, vm.cdrom, this.features);
    vm.cdrom = true;
    this.#reportString(findings, path, next, true);
  }

  interfaces(first: number, n: number): void {
    const vm = this.#vm;
    const text = this.#value(n);
    const count = Number(text);
    vm.model.interfaceCount ??= count;
    if (this.#nodes) vm.options!.push({ kind: "interfaces", count, start: this.#t.starts[first]!, end: this.#t.ends[n]! });
    const findings = interfacesFindings(count, vm.nifs, text);
    if (count !== 0) vm.nifs = true;
    this.#reportToken(findings, n, n, false);
  }

  memory(first: number, v: number): void {
    const vm = this.#vm;
    const value = this.#repeated(v, Site.Memory);
    vm.model.memory ??= value;
    if (this.#nodes) vm.options!.push({ kind: "memory", memory: value, start: this.#t.starts[first]!, end: this.#t.ends[v]! });
    const findings = memoryFindings(value, this.#t.codes[v] === TokenCode.Number, vm.memorySet, this.features);
    if (findings.length === 0) {
      vm.memorySet = true;
      return;
    }
    if (!findings.some((f) => f.abort)) vm.memorySet = true;
    this.#reportToken(findings, v, v, false);
  }

  vmOwner(first: number, owner: Owner, next: number): void {
    this.#vm.model.owner = owner;
    if (this.#nodes) this.#vm.options!.push({ kind: "owner", owner, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }

  sev(first: number, kind: "sev" | "seves"): void {
    this.#vm.model[kind] = true;
    if (this.#nodes) this.#vm.options!.push({ kind, start: this.#t.starts[first]!, end: this.#t.ends[first]! });
  }

  // ----- vm interfaces -----

  interfaceStart(local: boolean): boolean {
    this.#iface = {};
    this.#ifaceLocal = local;
    return true;
  }

  ifaceSwitch(name: number, next: number): void {
    const value = this.#repeated(name, Site.InterfaceSwitch);
    this.#reportString(interfaceSwitchFindings(value), name, next, true);
    this.#iface.switch = value;
  }

  ifaceGroup(group: number, next: number): void {
    const value = this.#repeated(group, Site.InterfaceGroup);
    this.#reportString(groupFindings(value), group, next, true);
    this.#iface.group = value;
  }

  /** `[locked] lladdr [address]`; `address` is -1 when omitted. */
  ifaceLladdr(locked: boolean, address: number): void {
    if (locked) this.#iface.locked = true;
    if (address < 0) return;
    const text = this.#value(address);
    const mac = parseMac(text);
    this.#iface.lladdr = mac ?? text;
    if (mac === undefined) this.#reportToken(lladdrFindings(text), address, address, false);
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
    const vm = this.#vm;
    const iface = this.#iface;
    if (this.#ifaceLocal) iface.local = true;
    if (name !== null) iface.name = this.#repeated(name, Site.InterfaceName);
    if (vm.model.interfaces.length === 0) vm.model.interfaces = [iface];
    else vm.model.interfaces.push(iface);
    if (this.#nodes) vm.options!.push({ kind: "interface", iface, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
    const findings = vmInterfaceFindings(iface.name, vm.model.interfaces.length);
    if (findings.length === 0) return;
    const whole = { start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! };
    const about = findings[0]!.code === "TOO_MANY_INTERFACES" || name === null ? whole : this.#span(name);
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
    const vm = this.#vm;
    const options = INSTANCE_ALLOWANCES.filter((f) => this.#allowFlags.has(f));
    vm.allowed ??= new Set();
    for (const f of options) vm.allowed.add(f);
    if (this.#allowOwner) vm.allowOwner = this.#allowOwner;
    if (this.#nodes) vm.options!.push({ kind: "allow-instance", options, owner: this.#allowOwner, start: this.#t.starts[first]!, end: this.#t.ends[next - 1]! });
  }
}
