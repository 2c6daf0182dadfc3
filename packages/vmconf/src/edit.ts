import { align, applyEdits, deepEqual, type TextEdit } from "@obsdconf/core";
import {
  diskText,
  generate,
  globalTexts,
  includeText,
  interfaceText,
  macroText,
  switchHeader,
  switchOptionTexts,
  switchText,
  vmHeader,
  vmOptionTexts,
  vmText,
  type VmOptionKey,
} from "./generate.js";
import { Immer } from "immer";
import type { Switch, Vm, VmConf } from "./model.js";
import type { VmConfDocument } from "./parse.js";
import type { Span, Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

/** Thrown by {@link update} when the document cannot be edited safely. */
export class UpdateError extends Error {
  /** Always `"UpdateError"`. */
  override readonly name = "UpdateError";
}

const SYNTAX_CODES = new Set([
  "SYNTAX_ERROR",
  "UNTERMINATED_QUOTE",
  "STRING_TOO_LONG",
  "NUL_IN_STRING",
  "INVALID_NUMBER",
  "UNDEFINED_MACRO",
]);

// Copy-on-write drafts: parts of the model the change does not touch stay the
// same objects, so comparing old and new skips them at once. The document's
// own model is never frozen or modified.
const drafts = new Immer({ autoFreeze: false });

/**
 * Applies `change` to a draft of the document's model and returns the new
 * text. Only the statements whose part of the model changed are rewritten;
 * every other byte (comments, blank lines, indentation, quoting) is kept.
 * `change` may mutate the model it receives or return a new one (not both).
 * Throws {@link UpdateError} when the document has syntax errors (fix those
 * first) and `UnwritableValueError` for a value that cannot be written.
 */
export function update(doc: VmConfDocument, change: (model: VmConf) => VmConf | void): string {
  const next = drafts.produce(doc.model, (draft: VmConf) => change(draft) ?? undefined) as VmConf;
  return applyEdits(doc.text, updateEdits(doc, next));
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: VmConfDocument, model: VmConf): TextEdit[] {
  const broken = doc.diagnostics.find((d) => SYNTAX_CODES.has(d.code));
  if (broken) {
    throw new UpdateError(`cannot edit a file with syntax errors (line ${broken.line}: ${broken.message})`);
  }
  return mergeDeletions(new Editor(doc).edits(model));
}

// Removing neighbouring statements may claim the same blank line twice;
// deletions that only touch stay apart, so an insertion between them fits.
function mergeDeletions(edits: TextEdit[]): TextEdit[] {
  const deletions = edits.filter((e) => e.content === "" && e.length > 0).sort((a, b) => a.offset - b.offset);
  const merged: TextEdit[] = [];
  for (const d of deletions) {
    const last = merged[merged.length - 1];
    if (last && d.offset < last.offset + last.length) {
      last.length = Math.max(last.length, d.offset + d.length - last.offset);
    } else {
      merged.push({ ...d });
    }
  }
  return [...edits.filter((e) => !(e.content === "" && e.length > 0)), ...merged];
}

type VmStatement = Extract<Statement, { kind: "vm" }>;
type SwitchStatement = Extract<Statement, { kind: "switch" }>;
type GlobalKey = "localPrefix" | "localInet6" | "socketOwner" | "agentx" | "staggeredStart";

const GLOBAL_KINDS: Record<GlobalKey, Statement["kind"]> = {
  localPrefix: "local-prefix",
  localInet6: "local-inet6",
  socketOwner: "socket-owner",
  agentx: "agentx",
  staggeredStart: "staggered-start",
};
const GLOBAL_KEYS = Object.keys(GLOBAL_KINDS) as GlobalKey[];

const VM_OPTION_KEYS: Record<VmOptionNode["kind"], VmOptionKey> = {
  enable: "enabled",
  owner: "owner",
  memory: "memory",
  boot: "boot",
  "boot-device": "bootDevice",
  cdrom: "cdrom",
  disk: "disks",
  interfaces: "interfaceCount",
  interface: "interfaces",
  "allow-instance": "allowInstance",
  sev: "sev",
  seves: "seves",
};
/** Options where vmd keeps the first statement (a second one is an error). */
const FIRST_WINS = new Set<VmOptionKey>(["boot", "cdrom", "interfaceCount", "memory", "allowInstance"]);

class Editor {
  readonly #doc: VmConfDocument;
  readonly #text: string;
  readonly #statements: readonly Statement[];
  readonly #edits: TextEdit[] = [];
  readonly #indent: string;
  readonly #blankBetweenBlocks: boolean;

  constructor(doc: VmConfDocument) {
    this.#doc = doc;
    this.#text = doc.text;
    this.#statements = doc.syntax.statements;
    this.#indent = this.#detectIndent();
    this.#blankBetweenBlocks = this.#detectBlankBetweenBlocks();
  }

  edits(model: VmConf): TextEdit[] {
    const statements = this.#statements;
    if (statements.length === 0 || this.#text.trim() === "") {
      if (isEmptyModel(model)) return [];
      const sep = this.#text.length === 0 || this.#text.endsWith("\n") ? "" : "\n";
      return [{ offset: this.#text.length, length: 0, content: sep + generate(model, { indent: this.#indent }) }];
    }
    const old = this.#doc.model;
    this.#simpleList(
      statements.filter((s) => s.kind === "macro"),
      old.macros,
      model.macros,
      (m) => m.name,
      (m, i) => macroText(m.name, m.value, `macros[${i}]`),
      () => this.#headInsertPoint(),
    );
    this.#simpleList(
      statements.filter((s) => s.kind === "include"),
      old.includes,
      model.includes,
      (p) => p,
      (p, i) => includeText(p, `includes[${i}]`),
      () => this.#headInsertPoint(),
    );
    this.#globals(old, model);
    this.#switches(old.switches, model.switches);
    this.#vms(old.vms, model.vms);
    return this.#edits;
  }

  // ----- top-level lists -----

  #simpleList<T>(
    nodes: Statement[],
    olds: readonly T[],
    news: readonly T[],
    key: (t: T) => string,
    text: (t: T, index: number) => string,
    insertPoint: () => number,
  ): void {
    const pairs = align(olds, news, key);
    let after: Statement | undefined;
    for (const [o, n] of pairs) {
      if (o !== undefined && n !== undefined) {
        after = nodes[o]!;
        if (!deepEqual(olds[o], news[n])) this.#replace(after, text(news[n]!, n));
      } else if (o !== undefined) {
        this.#deleteStatement(nodes[o]!);
      } else if (n !== undefined) {
        const at = after ? after.lineEnd : insertPoint();
        this.#insertLine(at, text(news[n]!, n));
      }
    }
  }

  #globals(old: VmConf, model: VmConf): void {
    const texts = new Map<GlobalKey, string>();
    const probe: VmConf = { macros: [], includes: [], switches: [], vms: [] };
    for (const key of GLOBAL_KEYS) {
      if (deepEqual(old[key], model[key])) continue;
      const nodes = this.#statements.filter((s) => s.kind === GLOBAL_KINDS[key]);
      (probe as unknown as Record<string, unknown>)[key] = model[key];
      const text = model[key] === undefined ? undefined : globalTexts(probe)[0];
      delete (probe as unknown as Record<string, unknown>)[key];
      if (text !== undefined) texts.set(key, text);
      const target = nodes[nodes.length - 1];
      for (const node of nodes) {
        if (node === target && text !== undefined) this.#replace(node, text);
        else this.#deleteStatement(node);
      }
      if (!target && text !== undefined) this.#insertLine(this.#globalInsertPoint(), text);
    }
  }

  #switches(olds: readonly Switch[], news: readonly Switch[]): void {
    const nodes = this.#statements.filter((s): s is SwitchStatement => s.kind === "switch");
    this.#blocks(nodes, olds, news, {
      text: (sw, i) => switchText(sw, this.#indent, `switches[${i}]`),
      modify: (node, o, n, i) => this.#modifySwitch(node, o, n, i),
      insertPoint: () => this.#switchInsertPoint(),
    });
  }

  #vms(olds: readonly Vm[], news: readonly Vm[]): void {
    const nodes = this.#statements.filter((s): s is VmStatement => s.kind === "vm");
    this.#blocks(nodes, olds, news, {
      text: (vm, i) => vmText(vm, this.#indent, `vms[${i}]`),
      modify: (node, o, n, i) => this.#modifyVm(node, o, n, i),
      insertPoint: () => this.#vmInsertPoint(),
    });
  }

  #blocks<T extends { name: string }, S extends Statement>(
    nodes: S[],
    olds: readonly T[],
    news: readonly T[],
    how: { text: (t: T, i: number) => string; modify: (node: S, o: T, n: T, i: number) => void; insertPoint: () => number },
  ): void {
    let after: S | undefined;
    const pending: string[] = [];
    const flush = (before?: S): void => {
      if (!pending.length) return;
      const sep = this.#blankBetweenBlocks ? "\n" : "";
      if (after) {
        const lead = this.#needsNewlineAt(after.lineEnd) ? "\n" : "";
        this.#insert(after.lineEnd, lead + pending.map((t) => sep + t).join(""));
      } else {
        const at = before ? this.#attachedCommentStart(before.start) : how.insertPoint();
        const lead = this.#needsNewlineAt(at) ? "\n" : "";
        this.#insert(at, lead + pending.map((t) => t + sep).join(""));
      }
      pending.length = 0;
    };
    for (const [o, n] of align(olds, news, (t) => t.name, mostlyAlike)) {
      if (o !== undefined && n !== undefined) {
        flush(nodes[o]);
        after = nodes[o]!;
        if (!deepEqual(olds[o], news[n])) how.modify(after, olds[o]!, news[n]!, n);
      } else if (o !== undefined) {
        this.#deleteStatement(nodes[o]!);
      } else if (n !== undefined) {
        pending.push(how.text(news[n]!, n));
      }
    }
    flush();
  }

  // ----- blocks -----

  #modifyVm(node: VmStatement, o: Vm, n: Vm, index: number): void {
    const field = `vms[${index}]`;
    if (o.name !== n.name || o.instanceOf !== n.instanceOf) {
      this.#edit(node.start, node.headerEnd, vmHeader(n, field));
    }
    const { name: _a, instanceOf: _b, ...oRest } = o;
    const { name: _c, instanceOf: _d, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!this.#regularBlock(node, node.options)) {
      this.#edit(node.start, node.close.end, vmText(n, this.#indent, field).slice(0, -1));
      return;
    }
    const texts = vmOptionTexts(n, field);
    const byKey = groupBy(node.options, (opt) => VM_OPTION_KEYS[opt.kind]);
    const indent = this.#optionIndent(node.options);
    const blockEnd = this.#lineStart(node.close.start);
    const insertAt = (key: VmOptionKey): number => {
      // Keep the canonical order: after the nearest earlier kind present.
      const order = Object.values(VM_OPTION_KEYS);
      for (let k = order.indexOf(key); k >= 0; k--) {
        const present = byKey.get(order[k]!);
        if (present?.length) return this.#lineEndAfter(present[present.length - 1]!.end);
      }
      const first = node.options[0];
      return first ? this.#lineStart(first.start) : blockEnd;
    };
    for (const key of new Set(Object.values(VM_OPTION_KEYS))) {
      const nodes = byKey.get(key) ?? [];
      if (key === "disks") {
        this.#optionList(nodes, o.disks, n.disks, (d) => d.path, (d, i) => diskText(d, `${field}.disks[${i}]`), indent, () => insertAt(key));
        continue;
      }
      if (key === "interfaces") {
        this.#optionList(nodes, o.interfaces, n.interfaces, (f) => JSON.stringify(f), (f, i) => interfaceText(f, `${field}.interfaces[${i}]`), indent, () => insertAt(key));
        continue;
      }
      if (deepEqual(o[key], n[key])) continue;
      const text = texts.find((t) => t.key === key)?.text;
      const target = FIRST_WINS.has(key) ? nodes[0] : nodes[nodes.length - 1];
      for (const opt of nodes) {
        if (opt === target && text !== undefined) this.#edit(opt.start, opt.end, text);
        else this.#deleteOption(opt);
      }
      if (!target && text !== undefined) this.#insert(insertAt(key), `${indent}${text}\n`);
    }
  }

  #modifySwitch(node: SwitchStatement, o: Switch, n: Switch, index: number): void {
    const field = `switches[${index}]`;
    if (o.name !== n.name) this.#edit(node.start, node.headerEnd, switchHeader(n, field));
    const { name: _a, ...oRest } = o;
    const { name: _b, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!this.#regularBlock(node, node.options)) {
      this.#edit(node.start, node.close.end, switchText(n, this.#indent, field).slice(0, -1));
      return;
    }
    const indent = this.#optionIndent(node.options);
    const keyOf = (opt: SwitchOptionNode): keyof Switch =>
      opt.kind === "locked-lladdr" ? "lockedLladdr" : opt.kind === "enable" ? "enabled" : opt.kind === "up" ? "up" : opt.kind;
    const byKey = groupBy(node.options, keyOf);
    const keys: Array<keyof Switch> = ["interface", "enabled", "group", "lockedLladdr", "rdomain", "up"];
    for (const key of keys) {
      if (deepEqual(o[key], n[key])) continue;
      const only: Switch = { name: n.name };
      (only as unknown as Record<string, unknown>)[key] = n[key];
      const text = switchOptionTexts(only, field)[0];
      const nodes = byKey.get(key) ?? [];
      const target = nodes[nodes.length - 1];
      for (const opt of nodes) {
        if (opt === target && text !== undefined) this.#edit(opt.start, opt.end, text);
        else this.#deleteOption(opt);
      }
      if (!target && text !== undefined) this.#insert(this.#lineStart(node.close.start), `${indent}${text}\n`);
    }
  }

  #optionList<T>(
    nodes: Span[],
    olds: readonly T[],
    news: readonly T[],
    key: (t: T) => string,
    text: (t: T, i: number) => string,
    indent: string,
    insertPoint: () => number,
  ): void {
    let after: Span | undefined;
    for (const [o, n] of align(olds, news, key)) {
      if (o !== undefined && n !== undefined) {
        after = nodes[o]!;
        if (!deepEqual(olds[o], news[n])) this.#edit(after.start, after.end, text(news[n]!, n));
      } else if (o !== undefined) {
        this.#deleteOption(nodes[o]!);
      } else if (n !== undefined) {
        const first = nodes[0];
        const at = after ? this.#lineEndAfter(after.end) : first ? this.#lineStart(first.start) : insertPoint();
        this.#insert(at, `${indent}${text(news[n]!, n)}\n`);
      }
    }
  }

  /** Braces end and start their lines and every option has its own line(s). */
  #regularBlock(node: VmStatement | SwitchStatement, options: readonly Span[]): boolean {
    if (!this.#restOfLineEmpty(node.open.end)) return false;
    if (!this.#lineBeforeEmpty(node.close.start)) return false;
    for (const opt of options) {
      if (!this.#lineBeforeEmpty(opt.start) || !this.#restOfLineEmpty(opt.end)) return false;
    }
    return true;
  }

  // ----- positions -----

  #lineStart(offset: number): number {
    return this.#text.lastIndexOf("\n", offset - 1) + 1;
  }

  /** Offset just past the newline ending the line that contains `offset`. */
  #lineEndAfter(offset: number): number {
    const nl = this.#text.indexOf("\n", offset);
    return nl < 0 ? this.#text.length : nl + 1;
  }

  #lineBeforeEmpty(offset: number): boolean {
    return /^[ \t]*$/.test(this.#text.slice(this.#lineStart(offset), offset));
  }

  #restOfLineEmpty(offset: number): boolean {
    const end = this.#lineEndAfter(offset);
    return /^[ \t]*(#[^\n]*)?\n?$/.test(this.#text.slice(offset, end));
  }

  #isBlankLine(start: number): boolean {
    if (start >= this.#text.length) return false;
    const end = this.#lineEndAfter(start);
    return /^[ \t]*\n?$/.test(this.#text.slice(start, end));
  }

  #isCommentLine(start: number): boolean {
    const end = this.#lineEndAfter(start);
    return /^[ \t]*#/.test(this.#text.slice(start, end));
  }

  /** Start of the comment lines directly above the line of `offset` (no blank line between). */
  #attachedCommentStart(offset: number): number {
    let start = this.#lineStart(offset);
    while (start > 0) {
      const prev = this.#lineStart(start - 1);
      if (!this.#isCommentLine(prev)) break;
      start = prev;
    }
    return start;
  }

  #needsNewlineAt(offset: number): boolean {
    return offset > 0 && offset === this.#text.length && !this.#text.endsWith("\n");
  }

  #optionIndent(options: readonly Span[]): string {
    const first = options[0];
    if (!first) return this.#indent;
    return this.#text.slice(this.#lineStart(first.start), first.start);
  }

  #detectIndent(): string {
    for (const s of this.#statements) {
      if (s.kind !== "vm" && s.kind !== "switch") continue;
      const first = s.options[0];
      if (!first) continue;
      const indent = this.#text.slice(this.#lineStart(first.start), first.start);
      if (/^[ \t]+$/.test(indent)) return indent;
    }
    return "\t";
  }

  #detectBlankBetweenBlocks(): boolean {
    let previous: Statement | undefined;
    for (const s of this.#statements) {
      if (s.kind === "vm" || s.kind === "switch") {
        if (previous) {
          const between = this.#text.slice(previous.lineEnd, this.#lineStart(s.start));
          return between.length > 0 && /(^|\n)[ \t]*\n/.test(between);
        }
        previous = s;
      } else if (s.kind !== "error") {
        previous = undefined;
      }
    }
    return true;
  }

  #headInsertPoint(): number {
    const head = this.#statements.filter((s) => s.kind === "macro" || s.kind === "include");
    const last = head[head.length - 1];
    if (last) return last.lineEnd;
    const first = this.#statements.find((s) => s.kind !== "error");
    return first ? this.#attachedCommentStart(first.start) : this.#text.length;
  }

  #globalInsertPoint(): number {
    const head = this.#statements.filter((s) => s.kind !== "vm" && s.kind !== "switch" && s.kind !== "error");
    const last = head[head.length - 1];
    if (last) return last.lineEnd;
    return this.#headInsertPoint();
  }

  #switchInsertPoint(): number {
    const firstVm = this.#statements.find((s) => s.kind === "vm");
    if (firstVm) return this.#attachedCommentStart(firstVm.start);
    return this.#text.length;
  }

  #vmInsertPoint(): number {
    return this.#text.length;
  }

  // ----- edits -----

  #edit(start: number, end: number, content: string): void {
    this.#edits.push({ offset: start, length: end - start, content });
  }

  #insert(at: number, content: string): void {
    this.#edit(at, at, content);
  }

  #insertLine(at: number, line: string): void {
    const lead = this.#needsNewlineAt(at) ? "\n" : "";
    this.#insert(at, `${lead}${line}\n`);
  }

  #replace(node: Statement, text: string): void {
    this.#edit(node.start, node.end, text);
  }

  #deleteOption(opt: Span): void {
    this.#edit(this.#lineStart(opt.start), this.#lineEndAfter(opt.end), "");
  }

  #deleteStatement(node: Statement): void {
    let start = this.#attachedCommentStart(node.start);
    let end = node.lineEnd;
    const blankBefore = start === 0 || this.#isBlankLine(this.#lineStart(start - 1));
    if (blankBefore && this.#isBlankLine(end)) end = this.#lineEndAfter(end);
    else if (blankBefore && end >= this.#text.length && start > 0) start = this.#lineStart(start - 1);
    this.#edit(start, end, "");
  }
}

// A renamed block: at least half of its other fields are unchanged.
function mostlyAlike<T extends object>(a: T, b: T): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== "name" && k !== "instanceOf"));
  let same = 0;
  for (const k of keys) if (deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) same++;
  return same * 2 >= keys.size;
}

function isEmptyModel(model: VmConf): boolean {
  return deepEqual(model, { macros: [], includes: [], switches: [], vms: [] });
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
