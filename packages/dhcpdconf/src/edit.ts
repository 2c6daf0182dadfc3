// dhcpd.conf's statements mapped onto core's edit engine: which statements
// hold which part of the model, where new ones go, how blocks are written.
// Every scope (the file, shared-network, subnet, group, host, class) is
// edited the same way: single-valued parameters are slots, options,
// allow/deny keys, ranges and declarations are lists, and a changed
// declaration is edited inside (its header replaced when its name changed).
// Newlines mean nothing to dhcpd, so statements may share lines: edits then
// stay within the statement's own characters.
import {
  deepEqual,
  EditBuilder,
  hashCommentOutside,
  indented,
  refuseSyntaxErrors,
  UnwritableValueError,
  UpdateError,
  updatedText,
  type Removal,
  type StatementSpan,
  type TextEdit,
} from "@obsdconf/core";
import {
  checkModel,
  classHeader,
  classText,
  generate,
  groupText,
  hostHeader,
  hostStatements,
  hostText,
  optionText,
  parameterStatements,
  rangeText,
  sharedNetworkHeader,
  sharedNetworkText,
  subnetHeader,
  subnetText,
} from "./generate.js";
import { ALLOW_KEYS, type AllowKey, type ClassDeclaration, type DhcpdConf, type Group, type Host, type OptionSetting, type Range, type SharedNetwork, type Subnet } from "./model.js";
import type { DhcpdConfDocument } from "./parse.js";
import type { Declaration, Parameter, Span, Statement } from "./syntax.js";

// Thrown by update: core's class, which every format package exports under this name.
export { UpdateError };

/**
 * Applies `change` to a draft of the document's model and returns the new
 * text. Only the statements whose part of the model changed are rewritten;
 * every other byte (comments, blank lines, indentation, quoting) is kept. A
 * new host goes after the last host of its scope with its neighbours'
 * indentation; a new parameter goes after the scope's parameters, before
 * its first declaration, as dhcpd requires. `change` may mutate the model
 * it receives or return a new one (not both). Throws {@link UpdateError}
 * when the document has syntax errors (fix those first) or a part of it
 * cannot be told apart, and core's `UnwritableValueError` for a value that
 * cannot be written.
 */
export function update(doc: DhcpdConfDocument, change: (model: DhcpdConf) => DhcpdConf | void): string {
  return updatedText(doc, change, updateEdits);
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: DhcpdConfDocument, model: DhcpdConf): TextEdit[] {
  refuseSyntaxErrors(doc.diagnostics);
  checkModel(model, doc.model);
  return new Mapping(doc).edits(model);
}

// ----- which statement holds which part of a scope -----

/** A scope of the model: the file or any declaration. */
type Scope = Record<string, unknown>;
type ScopeKind = "root" | "shared-network" | "subnet" | "group" | "host" | "class";
type ListField = "sharedNetworks" | "subnets" | "groups" | "hosts" | "classes";

/** The single-valued parameters and the statement kind that sets each. */
const SLOT_KINDS: ReadonlyArray<readonly [string, Parameter["kind"]]> = [
  ["defaultLeaseTime", "default-lease-time"],
  ["maxLeaseTime", "max-lease-time"],
  ["dynamicBootpLeaseLength", "dynamic-bootp-lease-length"],
  ["dynamicBootpLeaseCutoff", "dynamic-bootp-lease-cutoff"],
  ["getLeaseHostnames", "get-lease-hostnames"],
  ["useHostDeclNames", "use-host-decl-names"],
  ["alwaysReplyRfc1048", "always-reply-rfc1048"],
  ["echoClientId", "echo-client-id"],
  ["useLeaseAddrForDefaultRoute", "use-lease-addr-for-default-route"],
  ["authoritative", "authoritative"],
  ["nextServer", "next-server"],
  ["serverIdentifier", "server-identifier"],
  ["filename", "filename"],
  ["serverName", "server-name"],
];

/** The declaration lists of each scope, in the order generate writes them. */
const LISTS: Record<ScopeKind, readonly ListField[]> = {
  root: ["sharedNetworks", "subnets", "groups", "hosts", "classes"],
  "shared-network": ["subnets", "groups", "hosts"],
  subnet: ["groups", "hosts"],
  group: ["sharedNetworks", "subnets", "groups", "hosts"],
  host: [],
  class: [],
};

const LIST_OF: Partial<Record<Declaration["kind"], ListField>> = {
  "shared-network": "sharedNetworks",
  subnet: "subnets",
  group: "groups",
  host: "hosts",
  "vendor-class": "classes",
  "user-class": "classes",
};

const SCOPE_OF: Record<ListField, ScopeKind> = {
  sharedNetworks: "shared-network",
  subnets: "subnet",
  groups: "group",
  hosts: "host",
  classes: "class",
};

/** A scope's statements sorted by the part of the model they hold. */
interface Buckets {
  slots: Map<string, Parameter[]>;
  options: Parameter[];
  allow: Parameter[];
  deny: Parameter[];
  ranges: Parameter[];
  lists: Map<ListField, Declaration[]>;
}

function bucketsOf(kind: ScopeKind, body: readonly Statement[]): Buckets {
  const buckets: Buckets = { slots: new Map(), options: [], allow: [], deny: [], ranges: [], lists: new Map() };
  const lists = new Set(LISTS[kind]);
  const slot = (key: string, s: Parameter): void => {
    const list = buckets.slots.get(key);
    if (list) list.push(s);
    else buckets.slots.set(key, [s]);
  };
  for (const s of body) {
    if ("body" in s) {
      const field = LIST_OF[s.kind];
      if (!field || !lists.has(field)) continue;
      const list = buckets.lists.get(field);
      if (list) list.push(s);
      else buckets.lists.set(field, [s]);
      continue;
    }
    switch (s.kind) {
      case "error":
      case "timestamp":
        break;
      case "option":
        buckets.options.push(s);
        break;
      case "allow":
        buckets.allow.push(s);
        break;
      case "deny":
        buckets.deny.push(s);
        break;
      case "range":
        if (kind === "subnet") buckets.ranges.push(s);
        break;
      case "hardware":
        if (kind === "host") slot(s.hardwareType === "ethernet" ? "hardwareEthernet" : "hardwareIpsecTunnel", s);
        break;
      case "fixed-address":
        if (kind === "host") slot("fixedAddress", s);
        break;
      default: {
        const entry = SLOT_KINDS.find(([, k]) => k === s.kind);
        if (entry) slot(entry[0], s);
      }
    }
  }
  return buckets;
}

/** Keys of list items: equal keys are the same statement. */
const KEYS: Record<ListField, (item: Scope) => string> = {
  sharedNetworks: (s) => String(s.name),
  subnets: (s) => `${String(s.network)} ${String(s.netmask)}`,
  // Groups have no name: update keys them by groupIdentities instead.
  groups: (g) => JSON.stringify(g),
  hosts: (h) => String(h.name),
  classes: (c) => `${String(c.kind)} ${String(c.name)}`,
};

function lengthOf(list: unknown): number {
  return Array.isArray(list) ? list.length : 0;
}

// A renamed declaration: at least half of its other fields are unchanged.
function mostlyAlike(a: Scope, b: Scope): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== "name" && k !== "network" && k !== "netmask"));
  let same = 0;
  for (const k of keys) if (deepEqual(a[k], b[k])) same++;
  return same * 2 >= keys.size;
}

/**
 * A group has no name: two are the same group when they hold a host, subnet
 * or shared network of the same name (at any depth), or else as many of
 * each and mostly the same parameters.
 */
function sameGroup(a: Scope, b: Scope): boolean {
  const ma = groupMembers(a);
  const mb = groupMembers(b);
  for (const m of ma) if (mb.has(m)) return true;
  // Nothing in common by name (say its one host was renamed): as many of each as before.
  const shape = (g: Scope): string => ["hosts", "subnets", "sharedNetworks", "groups"].map((k) => lengthOf(g[k])).join(" ");
  return shape(a) === shape(b) && mostlyAlike(withoutMembers(a), withoutMembers(b));
}

/**
 * Keys for the groups of one scope, before and after a change. A new group
 * takes the key of an old one it equals, else of the first old one it shares
 * a host, subnet or shared network with; any other group gets a key of its own.
 */
function groupIdentities(olds: readonly Scope[], news: readonly Scope[]): (g: Scope) => string {
  const ids = new Map<Scope, string>();
  const claimed = new Set<number>();
  olds.forEach((g, i) => ids.set(g, `old ${i}`));
  const claim = (g: Scope, found: (old: Scope) => boolean): boolean => {
    const i = olds.findIndex((old, i) => !claimed.has(i) && found(old));
    if (i < 0) return false;
    claimed.add(i);
    ids.set(g, `old ${i}`);
    return true;
  };
  let unmatched = news.filter((g) => !claim(g, (old) => old === g));
  unmatched = unmatched.filter((g) => !claim(g, (old) => deepEqual(old, g)));
  for (const g of unmatched) {
    const members = groupMembers(g);
    if (!claim(g, (old) => [...groupMembers(old)].some((m) => members.has(m)))) ids.set(g, `new ${news.indexOf(g)}`);
  }
  return (g) => ids.get(g)!;
}

/** The hosts, subnets and shared networks of a group, at any depth, in order. */
function groupMembers(g: Scope, out = new Set<string>()): Set<string> {
  for (const h of asList(g.hosts)) out.add(`host ${String(h.name)}`);
  for (const s of asList(g.subnets)) out.add(`subnet ${String(s.network)} ${String(s.netmask)}`);
  for (const n of asList(g.sharedNetworks)) {
    out.add(`shared-network ${String(n.name)}`);
    groupMembers(n, out);
  }
  for (const c of asList(g.groups)) groupMembers(c, out);
  return out;
}

function asList(list: unknown): Scope[] {
  return Array.isArray(list) ? (list as Scope[]) : [];
}

function withoutMembers(g: Scope): Scope {
  const { hosts: _h, subnets: _s, sharedNetworks: _n, groups: _g, ...rest } = g;
  return rest;
}

/** The header of a declaration (what stands before `{`) is all of these fields. */
const HEADER_FIELDS = new Set(["name", "network", "netmask", "kind"]);

function withoutHeader(scope: Scope): Scope {
  const rest: Scope = {};
  for (const k of Object.keys(scope)) if (!HEADER_FIELDS.has(k)) rest[k] = scope[k];
  return rest;
}

// ----- texts: generate.ts's, so refusals and quoting are the same -----

/** One parameter statement of a scope: the text generate writes for `key` alone. */
function slotText(kind: ScopeKind, key: string, value: unknown, field: string): string {
  const probe = { [key]: value };
  const statements = kind === "host" ? hostStatements(probe as unknown as Host, field) : parameterStatements(probe, field);
  return statements[0]!.text;
}

/** `allow KEY;` / `deny KEY;` (written here so a refusal names the key's own index). */
function allowText(verb: "allow" | "deny", key: unknown, field: string): string {
  if (typeof key !== "string" || !(ALLOW_KEYS as readonly string[]).includes(key)) {
    throw new UnwritableValueError(key, `one of ${ALLOW_KEYS.join(", ")}`, field);
  }
  return `${verb} ${key};`;
}

/** A whole declaration without its final newline; nested lines indented by `unit`. */
function declarationText(kind: ScopeKind, item: Scope, unit: string, field: string, inNetwork: boolean): string {
  let t: string;
  if (kind === "shared-network") t = sharedNetworkText(item as unknown as SharedNetwork, unit, field);
  else if (kind === "subnet") t = subnetText(item as unknown as Subnet, unit, field);
  else if (kind === "group") t = groupText(item as unknown as Group, unit, field, "", inNetwork);
  else if (kind === "host") t = hostText(item as unknown as Host, unit, field);
  else t = classText(item as unknown as ClassDeclaration, unit, field);
  return t.endsWith("\n") ? t.slice(0, -1) : t;
}

/** What stands before a declaration's `{`. */
function headerText(kind: ScopeKind, item: Scope, field: string): string {
  if (kind === "shared-network") return sharedNetworkHeader(item as unknown as SharedNetwork, field);
  if (kind === "subnet") return subnetHeader(item as unknown as Subnet, field);
  if (kind === "host") return hostHeader(item as unknown as Host, field);
  if (kind === "class") return classHeader(item as unknown as ClassDeclaration, field);
  return "group";
}

// ----- the mapping -----

/**
 * Core's builder with dhcpd.conf's rules for statements that share a line
 * (newlines mean nothing to dhcpd): such a statement is removed by its own
 * characters, and what is inserted before or after it goes on lines of its
 * own between it and its neighbour on that line. A removed parameter takes
 * its line only (comments above stay); a removed block takes its comments;
 * a block that would leave a blank line right before its scope's closing
 * brace takes that blank line too (core already drops it at the end of the
 * file).
 */
class Builder extends EditBuilder {
  override insert(at: number, content: string): void {
    if (at !== this.lineStart(at) && content.endsWith("\n") && !content.startsWith("\n")) content = "\n" + content;
    super.insert(at, content);
  }

  override attachedCommentStart(offset: number): number {
    return this.lineBeforeEmpty(offset) ? super.attachedCommentStart(offset) : offset;
  }

  /** True when the statement has its line(s) to itself (a comment may follow). */
  alone(span: Span): boolean {
    return this.startsLine(span.start) && this.endsLine(span.end);
  }

  /** True when only blanks stand before `offset` on its line (core's lineBeforeEmpty, without a copy). */
  startsLine(offset: number): boolean {
    const t = this.text;
    for (let i = offset - 1; i >= 0; i--) {
      const c = t.charCodeAt(i);
      if (c === 10) return true;
      if (c !== 32 && c !== 9) return false;
    }
    return true;
  }

  /** True when only blanks and a `#` comment follow `offset` on its line. */
  endsLine(offset: number): boolean {
    const t = this.text;
    for (let i = offset; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || c === 35) return true;
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  override remove(span: StatementSpan, how: Removal = "statement"): void {
    if (!this.alone(span)) return this.#removeSpan(span);
    if (how === "statement" && !("body" in span)) how = "line";
    if (how === "statement") {
      const start = this.attachedCommentStart(span.start);
      const end = this.lineEndOf(span);
      const above = start > 0 ? this.lineStart(start - 1) : -1;
      if (above >= 0 && this.isBlankLine(above) && /^[ \t]*\}/.test(this.text.slice(end, this.lineEndAfter(end)))) {
        this.replace(above, end, "");
        return;
      }
    }
    super.remove(span, how);
  }

  /** A statement that shares its line: its characters and the blanks that separated it from what follows (or precedes). */
  #removeSpan(span: Span): void {
    const t = this.text;
    let start = span.start;
    let end = span.end;
    while (end < t.length && (t[end] === " " || t[end] === "\t")) end++;
    if (this.restOfLineEmpty(end)) {
      end = span.end;
      while (start > 0 && (t[start - 1] === " " || t[start - 1] === "\t") && !this.lineBeforeEmpty(start)) start--;
    }
    this.replace(start, end, "");
  }
}

class Mapping {
  readonly #doc: DhcpdConfDocument;
  readonly #text: string;
  readonly #b: Builder;
  readonly #unit: string;

  constructor(doc: DhcpdConfDocument) {
    this.#doc = doc;
    this.#text = doc.text;
    const t = doc.syntax.tokens;
    this.#b = new Builder(doc.text, { isComment: hashCommentOutside(t.starts, t.ends, t.count) });
    this.#unit = this.#detectUnit(doc.syntax.statements);
  }

  edits(model: DhcpdConf): TextEdit[] {
    const statements = this.#doc.syntax.statements;
    if (statements.length === 0) {
      // Only comments and blanks: the new model's text goes after them.
      if (deepEqual(model, this.#doc.model)) return [];
      const content = generate(model, { indent: this.#unit });
      if (content === "") return [];
      const sep = this.#text.length === 0 || this.#text.endsWith("\n") ? "" : "\n";
      return [{ offset: this.#text.length, length: 0, content: sep + content }];
    }
    this.#scope("root", statements, undefined, this.#doc.model as unknown as Scope, model as unknown as Scope, "", "", false);
    return this.#b.edits();
  }

  /**
   * Edits the statements of one scope: `body` holds `o` and becomes `n`;
   * `block` is its declaration (none for the file), `indent` the
   * indentation of its statements, `inNetwork` true inside a shared network
   * or a subnet (where dhcpd counts a subnet as a parameter).
   */
  #scope(
    kind: ScopeKind,
    body: readonly Statement[],
    block: Declaration | undefined,
    o: Scope,
    n: Scope,
    field: string,
    indent: string,
    inNetwork: boolean,
  ): void {
    const b = this.#b;
    const buckets = bucketsOf(kind, body);
    const at = (f: string): string => (field ? `${field}.${f}` : f);
    const paramsEnd = (): number => this.#paramInsertPoint(body, block);

    // Single-valued parameters: dhcpd keeps the last one it reads.
    const slotKeys = SLOT_KINDS.map(([key]) => key);
    if (kind === "host") slotKeys.unshift("hardwareEthernet", "hardwareIpsecTunnel", "fixedAddress");
    for (const key of slotKeys) {
      if (deepEqual(o[key], n[key])) continue;
      const spans = buckets.slots.get(key) ?? [];
      const line = n[key] === undefined ? undefined : slotText(kind, key, n[key], field);
      const target = spans[spans.length - 1];
      for (const span of spans) {
        if (span === target && line !== undefined) b.replace(span.start, span.end, line);
        else b.remove(span);
      }
      if (!target && line !== undefined) this.#insertAt(paramsEnd(), [line], indent);
    }

    // Lists of parameters: options, allow and deny keys, ranges.
    const paramList = <T>(
      all: readonly Parameter[],
      olds: T[],
      news: T[],
      key: (t: T) => string,
      write: (t: T, i: number) => string,
      name: string,
      statementKey?: (s: Parameter) => string,
    ): void => {
      if (olds === news || deepEqual(olds, news)) return;
      // dhcpd keeps the last of a repeated option (or key): the model has it once, at that statement.
      let spans = all;
      const shadowed = new Map<number, Parameter[]>();
      if (statementKey && all.length !== olds.length) {
        const byKey = new Map<string, Parameter[]>();
        for (const s of all) byKey.set(statementKey(s), [...(byKey.get(statementKey(s)) ?? []), s]);
        spans = olds.map((item) => {
          const same = byKey.get(key(item)) ?? [];
          const last = same[same.length - 1];
          if (last) shadowed.set(last.start, same.slice(0, -1));
          return last!;
        });
        this.#expect(spans.every((s) => s !== undefined), at(name));
      }
      this.#expect(spans.length === olds.length, at(name));
      if (olds.length === 0) {
        this.#insertAt(paramsEnd(), news.map(write), indent);
        return;
      }
      const dropShadowed = (span: Parameter): void => {
        for (const s of shadowed.get(span.start) ?? []) b.remove(s);
      };
      const kept = new Set(news.map(key));
      olds.forEach((item, i) => {
        if (!kept.has(key(item))) dropShadowed(spans[i]!);
      });
      b.list(spans.map((span) => this.#anchored(span)), olds, news, {
        key,
        text: write,
        indent,
        change: (span, _before, after, i) => {
          b.replace(span.start, span.end, write(after, i));
          dropShadowed(span);
        },
      });
    };
    const list = <T>(name: string): T[] => {
      const value = n[name] ?? [];
      if (!Array.isArray(value)) throw new UnwritableValueError(value, "a list", at(name));
      return value as T[];
    };
    const optionName = (s: Parameter): string => (s.kind === "option" ? s.name : "");
    const allowKey = (s: Parameter): string => (s.kind === "allow" || s.kind === "deny" ? s.key : "");
    const options = (o.options ?? []) as OptionSetting[];
    paramList(buckets.options, options, list<OptionSetting>("options"), (x) => x.name, (x, i) => optionText(x, at(`options[${i}]`)), "options", optionName);
    for (const verb of ["allow", "deny"] as const) {
      const keys = (o[verb] ?? []) as AllowKey[];
      paramList(buckets[verb], keys, list<AllowKey>(verb), (x) => x, (x, i) => allowText(verb, x, at(`${verb}[${i}]`)), verb, allowKey);
    }
    if (kind === "subnet") {
      const ranges = (o.ranges ?? []) as Range[];
      paramList(buckets.ranges, ranges, list<Range>("ranges"), (r) => JSON.stringify(r), (r, i) => rangeText(r, at(`ranges[${i}]`)), "ranges");
    }

    // Declarations.
    const childInNetwork = inNetwork || kind === "shared-network" || kind === "subnet";
    for (const name of LISTS[kind]) {
      const olds = (o[name] ?? []) as Scope[];
      const news = list<Scope>(name);
      if (olds === news || deepEqual(olds, news)) continue;
      const spans = buckets.lists.get(name) ?? [];
      this.#expect(spans.length === olds.length, at(name));
      const childKind = SCOPE_OF[name];
      const write = (item: Scope, i: number): string => declarationText(childKind, item, this.#unit, at(`${name}[${i}]`), childInNetwork);
      const separator = this.#blankBetweenBlocks(body, block) ? "\n" : "";
      if (olds.length === 0) {
        // In a shared network a subnet is a parameter to dhcpd: it goes before the first group or host.
        const early = kind === "shared-network" && name === "subnets";
        this.#insertBlocks(body, block, news.map(write), indent, separator, early);
        continue;
      }
      b.list(spans.map((span) => this.#anchored(span)), olds, news, {
        key: name === "groups" ? groupIdentities(olds, news) : KEYS[name],
        similar: name === "groups" ? sameGroup : mostlyAlike,
        separator,
        indent,
        text: write,
        change: (span, before, after, i) => this.#declaration(childKind, span, before, after, at(`${name}[${i}]`), childInNetwork),
      });
    }
  }

  /** A kept declaration whose part of the model changed. */
  #declaration(kind: ScopeKind, node: Declaration, o: Scope, n: Scope, field: string, inNetwork: boolean): void {
    const b = this.#b;
    const own = b.indentation(node.start);
    if (node.close.start === node.close.end) {
      b.replace(node.start, node.close.end, indented(declarationText(kind, n, this.#unit, field, inNetwork), own, false));
      return;
    }
    const header = (s: Scope): Scope => Object.fromEntries(Object.entries(s).filter(([k]) => HEADER_FIELDS.has(k)));
    if (!deepEqual(header(o), header(n))) b.replace(node.start, node.headerEnd, headerText(kind, n, field));
    if (deepEqual(withoutHeader(o), withoutHeader(n))) return;
    this.#scope(kind, node.body, node, o, n, field, this.#bodyIndent(node, own), inNetwork);
  }

  // ----- insertions and removals -----

  /**
   * New declarations of a list the scope did not have: after the body's last
   * statement (or, `early`, before its first declaration), with a blank line
   * between blocks when the scope uses them.
   */
  #insertBlocks(body: readonly Statement[], block: Declaration | undefined, blocks: readonly string[], indent: string, separator: string, early: boolean): void {
    const b = this.#b;
    const firstDeclaration = early ? body.find((s) => "body" in s) : undefined;
    const lines: string[] = [];
    if (firstDeclaration) {
      for (const t of blocks) lines.push(t, ...(separator ? [""] : []));
      const at = b.lineBeforeEmpty(firstDeclaration.start) ? b.attachedCommentStart(firstDeclaration.start) : firstDeclaration.start;
      this.#insertAt(at, lines, indent);
      return;
    }
    const at = block ? (b.lineBeforeEmpty(block.close.start) ? b.lineStart(block.close.start) : block.close.start) : this.#text.length;
    blocks.forEach((t, i) => {
      if (separator && (i > 0 || body.length > 0)) lines.push("");
      lines.push(t);
    });
    this.#insertAt(at, lines, indent);
  }

  /**
   * Inserts statements (each on its own lines) at `at`: at a line start as
   * lines; inside a line (a statement or brace shares it) on lines of their
   * own between the two parts.
   */
  #insertAt(at: number, lines: readonly string[], indent: string): void {
    const b = this.#b;
    if (at >= this.#text.length || at === b.lineStart(at)) {
      b.insertLines(at, lines.map((l) => (l === "" ? l : indented(l, indent))));
      return;
    }
    b.insert(at, "\n" + lines.map((l) => (l === "" ? l : indented(l, indent))).join("\n") + "\n");
  }

  /**
   * The span the engine inserts after: a statement followed by another one
   * (or a brace) on its line ends where its own text ends, so what goes
   * after it stays between the two.
   */
  #anchored<S extends Statement>(span: S): S {
    return this.#b.endsLine(span.end) ? span : { ...span, lineEnd: span.end };
  }

  #expect(ok: boolean, field: string): void {
    if (!ok) {
      throw new UpdateError(`cannot tell which statements hold ${field || "the file"}: the file does not read as one statement per model item`);
    }
  }

  // ----- where things go -----

  /** After the scope's last parameter before its first declaration; else above that declaration; else the body's end. */
  #paramInsertPoint(body: readonly Statement[], block: Declaration | undefined): number {
    const b = this.#b;
    let last: Statement | undefined;
    for (const s of body) {
      if ("body" in s) break;
      last = s;
    }
    if (last) return b.restOfLineEmpty(last.end) ? last.lineEnd : last.end;
    const firstDeclaration = body.find((s) => "body" in s);
    if (firstDeclaration) {
      return b.lineBeforeEmpty(firstDeclaration.start) ? b.attachedCommentStart(firstDeclaration.start) : firstDeclaration.start;
    }
    if (block) return b.lineBeforeEmpty(block.close.start) ? b.lineStart(block.close.start) : block.close.start;
    return this.#text.length;
  }

  /** Indentation of a block's statements: its first statement's, else the block's own plus one unit. */
  #bodyIndent(node: Declaration, own: string): string {
    const first = node.body[0];
    if (first && this.#b.lineBeforeEmpty(first.start)) return this.#b.indentation(first.start);
    return own + this.#unit;
  }

  /**
   * True when the scope puts a blank line between its declarations: as the
   * body does it where a declaration follows another statement; with no such
   * place, true at the top level (as generate writes) and false in blocks.
   */
  #blankBetweenBlocks(body: readonly Statement[], block: Declaration | undefined): boolean {
    const b = this.#b;
    const blankAbove = (s: Statement): boolean => {
      const start = b.attachedCommentStart(s.start);
      return start > 0 && b.isBlankLine(b.lineStart(start - 1));
    };
    let telling = false;
    for (let i = 1; i < body.length; i++) {
      const s = body[i]!;
      if (!("body" in s)) continue;
      if (blankAbove(s)) return true;
      telling = true;
    }
    return telling ? false : !block;
  }

  /** The indentation one nesting level adds, as the file does it (default a tab). */
  #detectUnit(statements: readonly Statement[]): string {
    const b = this.#b;
    const visit = (list: readonly Statement[], outer: string): string | undefined => {
      for (const s of list) {
        if (!("body" in s)) continue;
        const ownLine = b.lineBeforeEmpty(s.start);
        const own = ownLine ? b.indentation(s.start) : outer;
        const first = s.body[0];
        if (ownLine && first && b.lineBeforeEmpty(first.start)) {
          const inner = b.indentation(first.start);
          if (inner.startsWith(own) && inner.length > own.length) return inner.slice(own.length);
        }
        const deeper = visit(s.body, own);
        if (deeper) return deeper;
      }
      return undefined;
    };
    return visit(statements, "") ?? "\t";
  }
}
