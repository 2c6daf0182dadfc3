// httpd.conf's statements mapped onto core's edit engine: which statements
// hold which part of the model, where new ones go, how blocks are written.
// Servers are matched by name and listen addresses (a server whose listen
// lines changed pairs with its old self by name), locations by pattern and
// flags; inside a block, list options (listen, alias, header, include) are
// lists, every other option is a slot: httpd merges repeated option groups
// (`tls`, `log`, ...) and keeps the last value of the others, so a changed
// option is written once, where its last statement was, and its other
// statements go.
import {
  changedMacroInUse,
  deepEqual,
  EditBuilder,
  groupBy,
  indented,
  parseyComments,
  refuseSyntaxErrors,
  regularBlock,
  UpdateError,
  updatedText,
  type Diagnostic,
  type ParseyTokens,
  type TextEdit,
} from "@obsdconf/core";
import {
  checkModel,
  commonOptionTexts,
  generate,
  globalTexts,
  includeText,
  locationHeader,
  locationText,
  macroText,
  mediaText,
  serverHeader,
  serverOptionTexts,
  serverText,
  textContext,
  typesText,
  type CommonOptionKey,
  type GlobalKey,
  type ServerOptionKey,
  type TextContext,
} from "./generate.js";
import type { HttpdConf, Location, Server, TypesBlock } from "./model.js";
import type { OptionNode, Span, Statement, TypesEntryNode } from "./syntax.js";

// Thrown by update: core's class, which every format package exports under this name.
export { UpdateError };

/** What {@link update} reads of a parsed document (an `HttpdConfDocument` is one). */
export interface EditableDocument {
  /** The text as parsed. */
  readonly text: string;
  /** Its model. */
  readonly model: HttpdConf;
  /** Its diagnostics: a syntax error makes the document uneditable. */
  readonly diagnostics: readonly Diagnostic[];
  /** Its statements and tokens. */
  readonly syntax: {
    /** Top-level statements in file order. */
    readonly statements: readonly Statement[];
    /** The tokens (for telling comments from `#` inside strings, and macro references). */
    readonly tokens: ParseyTokens;
  };
}

/** Options of {@link update} and {@link updateEdits}. */
export interface UpdateOptions {
  /** Release whose httpd reads the result (default the newest); new text refuses features it lacks. */
  release?: string;
}

/**
 * Applies `change` to a draft of the document's model and returns the new
 * text. Only the statements whose part of the model changed are rewritten;
 * every other byte (comments, blank lines, indentation, quoting) is kept.
 * New servers go after the last server with a blank line before them when
 * the file separates its blocks so; new options go in canonical order among
 * the block's options with the block's indentation. `change` may mutate the
 * model it receives or return a new one (not both). Throws
 * {@link UpdateError} when the document has syntax errors (fix those first)
 * or the change would alter or remove a macro the file uses (the model holds
 * expanded values; change the statements that use it instead), and core's
 * `UnwritableValueError` for a value that cannot be written (or a feature
 * `options.release` lacks).
 */
export function update(doc: EditableDocument, change: (model: HttpdConf) => HttpdConf | void, options: UpdateOptions = {}): string {
  return updatedText(doc, change, (d, next) => updateEdits(d, next, options));
}

/** The text edits that turn `doc` into a document of `model` (see {@link update}). */
export function updateEdits(doc: EditableDocument, model: HttpdConf, options: UpdateOptions = {}): TextEdit[] {
  refuseSyntaxErrors(doc.diagnostics);
  checkModel(model, doc.model);
  refuseChangedMacrosInUse(doc, model);
  return new Mapping(doc, options).edits(model);
}

// The model holds expanded values: a macro the file uses cannot be changed or
// removed without changing what its references read (httpd would read another file).
function refuseChangedMacrosInUse(doc: EditableDocument, model: HttpdConf): void {
  const inUse = changedMacroInUse(doc.text, doc.syntax.tokens, doc.model.macros, model.macros);
  if (inUse) throw new UpdateError(inUse);
}

type ServerStatement = Extract<Statement, { kind: "server" }>;
type TypesStatement = Extract<Statement, { kind: "types" }>;
type LocationNode = Extract<OptionNode, { kind: "location" }>;

const GLOBAL_KINDS: Record<GlobalKey, Statement["kind"]> = {
  chroot: "chroot",
  logdir: "logdir",
  prefork: "prefork",
  defaultType: "default-type",
  errdocs: "errdocs",
  banner: "no-banner",
};
const GLOBAL_KEYS = Object.keys(GLOBAL_KINDS) as GlobalKey[];

/** Model field of each option node kind, in the order generate writes them (locations last). */
const OPTION_KEYS: Record<OptionNode["kind"], ServerOptionKey | "locations"> = {
  listen: "listen",
  alias: "aliases",
  errdocs: "errdocs",
  banner: "banner",
  tcp: "tcp",
  connection: "connection",
  tls: "tls",
  hsts: "hsts",
  root: "root",
  request: "request",
  directory: "directory",
  log: "log",
  fastcgi: "fastcgi",
  authenticate: "authenticate",
  access: "access",
  "default-type": "defaultType",
  "gzip-static": "gzipStatic",
  header: "headers",
  include: "includes",
  location: "locations",
};
const KEY_ORDER = [...new Set(Object.values(OPTION_KEYS))];
const LIST_KEYS = new Set(["listen", "aliases", "headers", "includes"]);

const serverKey = (s: Server): string => `${s.match ? "match " : ""}${s.name}\n${JSON.stringify(s.listen)}`;
const locationKey = (l: Location): string => `${l.found === undefined ? "" : l.found ? "found " : "not found "}${l.match ? "match " : ""}${l.pattern}`;

// httpd.conf's statements mapped onto core's edit engine.
class Mapping {
  readonly #doc: EditableDocument;
  readonly #text: string;
  readonly #statements: readonly Statement[];
  readonly #b: EditBuilder;
  readonly #ctx: TextContext;
  readonly #blankBetweenBlocks: boolean;

  constructor(doc: EditableDocument, options: UpdateOptions) {
    this.#doc = doc;
    this.#text = doc.text;
    this.#statements = doc.syntax.statements;
    this.#b = new EditBuilder(doc.text, { isComment: parseyComments(doc.syntax.tokens) });
    const isBlock = (s: Statement): boolean => s.kind === "server" || s.kind === "types";
    const firsts = this.#statements.flatMap((s) => {
      const first = s.kind === "server" ? s.options[0] : s.kind === "types" ? s.entries[0] : undefined;
      return first ? [first.start] : [];
    });
    this.#ctx = textContext({ release: options.release, indent: this.#b.indentationUnit(firsts) });
    this.#blankBetweenBlocks = this.#b.blankLineBetweenBlocks(this.#statements, isBlock, (s) => s.kind === "error");
  }

  edits(model: HttpdConf): TextEdit[] {
    if (this.#statements.length === 0 || this.#text.trim() === "") {
      if (deepEqual(model, { macros: [], includes: [], servers: [], types: [] })) return [];
      const sep = this.#text.length === 0 || this.#text.endsWith("\n") ? "" : "\n";
      return [{ offset: this.#text.length, length: 0, content: sep + generate(model, { release: this.#ctx.features.release, indent: this.#ctx.indent }) }];
    }
    const old = this.#doc.model;
    const b = this.#b;
    const statements = this.#statements;
    b.list(statements.filter((s) => s.kind === "macro"), old.macros, model.macros, {
      key: (m) => m.name,
      text: (m, i) => macroText(m.name, m.value, `macros[${i}]`),
      insertPoint: () => this.#headInsertPoint(),
    });
    this.#globals(old, model);
    b.list(statements.filter((s) => s.kind === "include"), old.includes, model.includes, {
      key: (p) => p,
      text: (p, i) => includeText(p, `includes[${i}]`),
      insertPoint: () => this.#globalInsertPoint(),
    });
    const separator = this.#blankBetweenBlocks ? "\n" : "";
    const serverNodes = statements.filter((s): s is ServerStatement => s.kind === "server");
    const typesNodes = statements.filter((s): s is TypesStatement => s.kind === "types");
    // The first blocks of a file of global statements go at its end, after a blank line.
    let lead = this.#text.endsWith("\n") ? "\n" : "\n\n";
    if (serverNodes.length === 0 && typesNodes.length === 0 && model.servers.length > 0) {
      const texts = model.servers.map((s, i) => serverText(s, this.#ctx, `servers[${i}]`));
      b.insert(this.#text.length, lead + texts.join("\n"));
      lead = "\n";
    } else {
      this.#servers(serverNodes, old, model, separator);
    }
    if (typesNodes.length === 0 && model.types.length > 0) {
      const texts = model.types.map((t, i) => typesText(t, this.#ctx, `types[${i}]`));
      b.insert(this.#text.length, lead + texts.join("\n"));
    } else {
      this.#types(typesNodes, old, model, separator);
    }
    return b.edits();
  }

  #servers(serverNodes: readonly ServerStatement[], old: HttpdConf, model: HttpdConf, separator: string): void {
    this.#b.list(serverNodes, old.servers, model.servers, {
      key: serverKey,
      similar: (a, c) => (a.name === c.name && Boolean(a.match) === Boolean(c.match)) || mostlyAlike(a, c, ["name", "match"]),
      separator,
      text: (s, i) => serverText(s, this.#ctx, `servers[${i}]`).slice(0, -1),
      change: (node, o, n, i) => this.#modifyServer(node, o, n, i),
      insertPoint: () => this.#serverInsertPoint(),
    });
  }

  #types(typesNodes: readonly TypesStatement[], old: HttpdConf, model: HttpdConf, separator: string): void {
    this.#b.list(typesNodes, old.types, model.types, {
      key: (_t) => "types",
      separator,
      text: (t, i) => typesText(t, this.#ctx, `types[${i}]`).slice(0, -1),
      change: (node, o, n, i) => this.#modifyTypes(node, o, n, i),
      insertPoint: () => this.#text.length,
    });
  }

  #globals(old: HttpdConf, model: HttpdConf): void {
    for (const key of GLOBAL_KEYS) {
      if (deepEqual(old[key], model[key])) continue;
      const probe: HttpdConf = { macros: [], includes: [], servers: [], types: [] };
      (probe as unknown as Record<string, unknown>)[key] = model[key];
      const text = model[key] === undefined ? undefined : globalTexts(probe, this.#ctx).find((g) => g.key === key)?.text;
      const nodes = this.#statements.filter((s) => s.kind === GLOBAL_KINDS[key]);
      this.#b.slot(nodes, text, { keep: "last", insertPoint: () => this.#globalInsertPoint() });
    }
  }

  // ----- blocks: the engine again, on their option lists -----

  #modifyServer(node: ServerStatement, o: Server, n: Server, index: number): void {
    const b = this.#b;
    const field = `servers[${index}]`;
    if (o.name !== n.name || Boolean(o.match) !== Boolean(n.match)) b.replace(node.start, node.headerEnd, serverHeader(n, field));
    const { name: _a, match: _b, ...oRest } = o;
    const { name: _c, match: _d, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!regularBlock(this.#b, node, node.options)) {
      b.replace(node.start, node.close.end, serverText(n, this.#ctx, field).slice(0, -1));
      return;
    }
    const texts = serverOptionTexts(n, this.#ctx, field);
    this.#modifyOptions(node, node.options, o, n, texts, (key, nodes, indent, insertPoint) => {
      if (key !== "locations") return false;
      b.list(nodes as LocationNode[], o.locations, n.locations, {
        key: locationKey,
        similar: (a, c) => a.pattern === c.pattern || mostlyAlike(a, c, ["pattern", "match", "found"]),
        indent,
        text: (l, i) => locationText(l, this.#ctx, `${field}.locations[${i}]`).slice(0, -1),
        change: (ln, lo, lnew, i) => this.#modifyLocation(ln, lo, lnew, `${field}.locations[${i}]`),
        insertPoint,
      });
      return true;
    });
  }

  #modifyLocation(node: LocationNode, o: Location, n: Location, field: string): void {
    const b = this.#b;
    if (locationKey(o) !== locationKey(n)) b.replace(node.start, node.headerEnd, locationHeader(n, this.#ctx, field));
    const { pattern: _a, match: _b, found: _c, ...oRest } = o;
    const { pattern: _d, match: _e, found: _f, ...nRest } = n;
    if (deepEqual(oRest, nRest)) return;
    if (!regularBlock(this.#b, node, node.options)) {
      const text = locationText(n, this.#ctx, field).slice(0, -1);
      b.replace(node.start, node.close.end, indented(text, b.indentation(node.start), false));
      return;
    }
    locationHeader(n, this.#ctx, field); // checks the header fields
    this.#modifyOptions(node, node.options, o, n, commonOptionTexts(n, this.#ctx, field), () => false);
  }

  /**
   * Edits the options of a block: list keys through the engine's lists,
   * `other` for keys it handles itself (locations), every other changed key
   * as a slot.
   */
  #modifyOptions<T extends Server | Location>(
    block: Span & { close: Span },
    options: readonly OptionNode[],
    o: T,
    n: T,
    texts: ReadonlyArray<{ key: ServerOptionKey | CommonOptionKey; text: string }>,
    other: (key: ServerOptionKey | "locations", nodes: OptionNode[], indent: string, insertPoint: () => number) => boolean,
  ): void {
    const b = this.#b;
    const byKey = groupBy(options, (opt) => OPTION_KEYS[opt.kind]);
    const indent = this.#optionIndent(options, block);
    const insertAt = (key: ServerOptionKey | "locations"): number => {
      // Canonical order: after the nearest earlier kind present, else before the first option.
      for (let k = KEY_ORDER.indexOf(key) - 1; k >= 0; k--) {
        const present = byKey.get(KEY_ORDER[k]!);
        if (present?.length) return b.lineEndAfter(present[present.length - 1]!.end);
      }
      const first = options[0];
      return first ? b.attachedCommentStart(first.start) : b.lineStart(block.close.start);
    };
    const or = o as unknown as Record<string, unknown>;
    const nr = n as unknown as Record<string, unknown>;
    for (const key of KEY_ORDER) {
      if (!(key in nr) && !(key in or)) continue;
      if (deepEqual(or[key], nr[key])) continue;
      const nodes = byKey.get(key) ?? [];
      const insertPoint = (): number => insertAt(key);
      if (other(key, nodes, indent, insertPoint)) continue;
      if (LIST_KEYS.has(key)) {
        const own = texts.filter((t) => t.key === key).map((t) => t.text);
        b.list(nodes, (or[key] as unknown[]) ?? [], (nr[key] as unknown[]) ?? [], {
          key: (item) => JSON.stringify(item),
          text: (_item, i) => own[i]!,
          remove: "line",
          indent,
          insertPoint,
        });
      } else {
        const text = texts.find((t) => t.key === key)?.text;
        b.slot(nodes, text, { keep: "last", remove: "line", indent, insertPoint });
      }
    }
  }

  #modifyTypes(node: TypesStatement, o: TypesBlock, n: TypesBlock, index: number): void {
    const b = this.#b;
    const field = `types[${index}]`;
    if (!regularBlock(this.#b, node, node.entries)) {
      b.replace(node.start, node.close.end, typesText(n, this.#ctx, field).slice(0, -1));
      return;
    }
    const indent = this.#optionIndent(node.entries, node);
    const media = node.entries.filter((e): e is Extract<TypesEntryNode, { kind: "media" }> => e.kind === "media");
    const includes = node.entries.filter((e) => e.kind === "include");
    const lastMedia = media[media.length - 1];
    const first = node.entries[0];
    const end = b.lineStart(node.close.start);
    b.list(media, o.media, n.media, {
      key: (m) => JSON.stringify(m),
      text: (m, i) => mediaText(m, `${field}.media[${i}]`),
      remove: "line",
      indent,
      insertPoint: () => (first ? b.lineStart(first.start) : end),
    });
    b.list(includes, o.includes, n.includes, {
      key: (p) => p,
      text: (p, i) => includeText(p, `${field}.includes[${i}]`),
      remove: "line",
      indent,
      insertPoint: () => (lastMedia ? b.lineEndAfter(lastMedia.end) : end),
    });
  }

  // ----- where things go -----

  #optionIndent(options: readonly Span[], block: Span): string {
    const first = options[0];
    if (first) return this.#text.slice(this.#b.lineStart(first.start), first.start);
    return this.#b.indentation(block.start) + this.#ctx.indent;
  }

  #headInsertPoint(): number {
    const macros = this.#statements.filter((s) => s.kind === "macro");
    const last = macros[macros.length - 1];
    if (last) return last.lineEnd;
    const first = this.#statements.find((s) => s.kind !== "error");
    return first ? this.#b.attachedCommentStart(first.start) : this.#text.length;
  }

  #globalInsertPoint(): number {
    const head: Statement[] = [];
    for (const s of this.#statements) {
      if (s.kind === "server" || s.kind === "types") break;
      if (s.kind !== "error") head.push(s);
    }
    const last = head[head.length - 1];
    if (last) return last.lineEnd;
    return this.#headInsertPoint();
  }

  #serverInsertPoint(): number {
    const firstTypes = this.#statements.find((s) => s.kind === "types");
    if (firstTypes) return this.#b.attachedCommentStart(firstTypes.start);
    return this.#text.length;
  }
}

// A renamed block: at least half of its other fields are unchanged (and at least one is set).
function mostlyAlike<T extends object>(a: T, b: T, ignore: readonly string[]): boolean {
  const ar = a as Record<string, unknown>;
  const br = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ar), ...Object.keys(br)])].filter((k) => !ignore.includes(k));
  const set = keys.filter((k) => !isEmpty(ar[k]) || !isEmpty(br[k]));
  if (set.length === 0) return false;
  let same = 0;
  for (const k of set) if (deepEqual(ar[k], br[k])) same++;
  return same * 2 >= set.length;
}

const isEmpty = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length === 0);
