import {
  changedMacroInUse,
  deepEqual,
  EditBuilder,
  groupBy,
  parseyComments,
  refuseSyntaxErrors,
  regularBlock,
  UpdateError,
  updatedText,
  type TextEdit,
} from "@obsdconf/core";
import {
  checkModel,
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
import type { Switch, Vm, VmConf } from "./model.js";
import type { VmConfDocument } from "./parse.js";
import type { Span, Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

// Thrown by update: core's class, which every format package exports under this name.
export { UpdateError };

/**
 * Applies `change` to a draft of the document's model and returns the new
 * text. Only the statements whose part of the model changed are rewritten;
 * every other byte (comments, blank lines, indentation, quoting) is kept.
 * `change` may mutate the model it receives or return a new one (not both).
 * Throws {@link UpdateError} when the document has syntax errors (fix those
 * first) or changes or removes a macro the file uses, and
 * `UnwritableValueError` for a value that cannot be written.
 */
export function update(doc: VmConfDocument, change: (model: VmConf) => VmConf | void): string {
  return updatedText(doc, change, updateEdits);
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: VmConfDocument, model: VmConf): TextEdit[] {
  refuseSyntaxErrors(doc.diagnostics);
  checkModel(model, doc.model);
  refuseChangedMacrosInUse(doc, model);
  return new Mapping(doc).edits(model);
}

// The model holds expanded values: a macro the file uses cannot be changed or
// removed without changing what its references read (vmd would read another file).
function refuseChangedMacrosInUse(doc: VmConfDocument, model: VmConf): void {
  const inUse = changedMacroInUse(doc.text, doc.syntax.tokens, doc.model.macros, model.macros);
  if (inUse) throw new UpdateError(inUse);
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

// vm.conf's statements mapped onto core's edit engine: which statements hold
// which part of the model, where new ones go, how blocks are written.
class Mapping {
  readonly #doc: VmConfDocument;
  readonly #text: string;
  readonly #statements: readonly Statement[];
  readonly #b: EditBuilder;
  readonly #indent: string;
  readonly #blankBetweenBlocks: boolean;

  constructor(doc: VmConfDocument) {
    this.#doc = doc;
    this.#text = doc.text;
    this.#statements = doc.syntax.statements;
    this.#b = new EditBuilder(doc.text, { isComment: parseyComments(doc.syntax.tokens) });
    const blocks = this.#statements.filter((s) => s.kind === "vm" || s.kind === "switch");
    this.#indent = this.#b.indentationUnit(blocks.map((s) => s.firstOptionStart));
    this.#blankBetweenBlocks = this.#b.blankLineBetweenBlocks(this.#statements, (s) => s.kind === "vm" || s.kind === "switch", (s) => s.kind === "error");
  }

  edits(model: VmConf): TextEdit[] {
    const statements = this.#statements;
    if (statements.length === 0 || this.#text.trim() === "") {
      if (isEmptyModel(model)) return [];
      const sep = this.#text.length === 0 || this.#text.endsWith("\n") ? "" : "\n";
      return [{ offset: this.#text.length, length: 0, content: sep + generate(model, { indent: this.#indent }) }];
    }
    const old = this.#doc.model;
    const b = this.#b;
    b.list(statements.filter((s) => s.kind === "macro"), old.macros, model.macros, {
      key: (m) => m.name,
      text: (m, i) => macroText(m.name, m.value, `macros[${i}]`),
      insertPoint: () => this.#headInsertPoint(),
    });
    b.list(statements.filter((s) => s.kind === "include"), old.includes, model.includes, {
      key: (p) => p,
      text: (p, i) => includeText(p, `includes[${i}]`),
      insertPoint: () => this.#headInsertPoint(),
    });
    this.#globals(old, model);
    const separator = this.#blankBetweenBlocks ? "\n" : "";
    b.list(statements.filter((s): s is SwitchStatement => s.kind === "switch"), old.switches, model.switches, {
      key: (sw) => sw.name,
      similar: mostlyAlike,
      separator,
      text: (sw, i) => switchText(sw, this.#indent, `switches[${i}]`).slice(0, -1),
      change: (node, o, n, i) => this.#modifySwitch(node, o, n, i),
      insertPoint: () => this.#switchInsertPoint(),
    });
    b.list(statements.filter((s): s is VmStatement => s.kind === "vm"), old.vms, model.vms, {
      key: (vm) => vm.name,
      similar: mostlyAlike,
      separator,
      text: (vm, i) => vmText(vm, this.#indent, `vms[${i}]`).slice(0, -1),
      change: (node, o, n, i) => this.#modifyVm(node, o, n, i),
      insertPoint: () => this.#text.length,
    });
    return b.edits();
  }

  #globals(old: VmConf, model: VmConf): void {
    const probe: VmConf = { macros: [], includes: [], switches: [], vms: [] };
    for (const key of GLOBAL_KEYS) {
      if (deepEqual(old[key], model[key])) continue;
      (probe as unknown as Record<string, unknown>)[key] = model[key];
      const text = model[key] === undefined ? undefined : globalTexts(probe)[0];
      delete (probe as unknown as Record<string, unknown>)[key];
      const nodes = this.#statements.filter((s) => s.kind === GLOBAL_KINDS[key]);
      this.#b.slot(nodes, text, { keep: "last", insertPoint: () => this.#globalInsertPoint() });
    }
  }

  // ----- blocks: the engine again, on the option lists -----

  #modifyVm(node: VmStatement, o: Vm, n: Vm, index: number): void {
    const b = this.#b;
    const field = `vms[${index}]`;
    if (o.name !== n.name || o.instanceOf !== n.instanceOf) b.replace(node.start, node.headerEnd, vmHeader(n, field));
    const { name: _a, instanceOf: _b, ...oRest } = o;
    const { name: _c, instanceOf: _d, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!regularBlock(this.#b, node, node.options)) {
      b.replace(node.start, node.close.end, vmText(n, this.#indent, field).slice(0, -1));
      return;
    }
    const texts = vmOptionTexts(n, field);
    const byKey = groupBy(node.options, (opt) => VM_OPTION_KEYS[opt.kind]);
    const indent = this.#optionIndent(node.options);
    const blockEnd = b.lineStart(node.close.start);
    const insertAt = (key: VmOptionKey): number => {
      // Keep the canonical order: after the nearest earlier kind present.
      const order = Object.values(VM_OPTION_KEYS);
      for (let k = order.indexOf(key); k >= 0; k--) {
        const present = byKey.get(order[k]!);
        if (present?.length) return b.lineEndAfter(present[present.length - 1]!.end);
      }
      const first = node.options[0];
      return first ? b.lineStart(first.start) : blockEnd;
    };
    for (const key of new Set(Object.values(VM_OPTION_KEYS))) {
      const nodes = byKey.get(key) ?? [];
      const options = { remove: "line" as const, indent, insertPoint: () => insertAt(key) };
      if (key === "disks") {
        b.list(nodes, o.disks, n.disks, { ...options, key: (d) => d.path, text: (d, i) => diskText(d, `${field}.disks[${i}]`) });
      } else if (key === "interfaces") {
        b.list(nodes, o.interfaces, n.interfaces, {
          ...options,
          key: (f) => JSON.stringify(f),
          text: (f, i) => interfaceText(f, `${field}.interfaces[${i}]`),
        });
      } else if (!deepEqual(o[key], n[key])) {
        const text = texts.find((t) => t.key === key)?.text;
        b.slot(nodes, text, { ...options, keep: FIRST_WINS.has(key) ? "first" : "last" });
      }
    }
  }

  #modifySwitch(node: SwitchStatement, o: Switch, n: Switch, index: number): void {
    const b = this.#b;
    const field = `switches[${index}]`;
    if (o.name !== n.name) b.replace(node.start, node.headerEnd, switchHeader(n, field));
    const { name: _a, ...oRest } = o;
    const { name: _b, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!regularBlock(this.#b, node, node.options)) {
      b.replace(node.start, node.close.end, switchText(n, this.#indent, field).slice(0, -1));
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
      b.slot(byKey.get(key) ?? [], text, { keep: "last", remove: "line", indent, insertPoint: () => b.lineStart(node.close.start) });
    }
  }

  // ----- where things go -----

  #optionIndent(options: readonly Span[]): string {
    const first = options[0];
    if (!first) return this.#indent;
    return this.#text.slice(this.#b.lineStart(first.start), first.start);
  }

  #headInsertPoint(): number {
    const head = this.#statements.filter((s) => s.kind === "macro" || s.kind === "include");
    const last = head[head.length - 1];
    if (last) return last.lineEnd;
    const first = this.#statements.find((s) => s.kind !== "error");
    return first ? this.#b.attachedCommentStart(first.start) : this.#text.length;
  }

  #globalInsertPoint(): number {
    const head = this.#statements.filter((s) => s.kind !== "vm" && s.kind !== "switch" && s.kind !== "error");
    const last = head[head.length - 1];
    if (last) return last.lineEnd;
    return this.#headInsertPoint();
  }

  #switchInsertPoint(): number {
    const firstVm = this.#statements.find((s) => s.kind === "vm");
    if (firstVm) return this.#b.attachedCommentStart(firstVm.start);
    return this.#text.length;
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
