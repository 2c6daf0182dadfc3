// What the three line formats of a site set (sysctl.conf, rc.conf.local,
// installurl) share: where an item is, how update() maps items onto core's
// edit engine, run-time checks of a model from JSON, and how one check
// becomes a parse diagnostic or a validate diagnostic.
import {
  changedCopy,
  unwritableFinding,
  describeValue,
  diagnosticAt,
  EditBuilder,
  inputText,
  LineIndex,
  UnwritableValueError,
  type Diagnostic,
  type Document,
  type ModelDiagnostic,
  type ParseOptions,
  type StatementSpan,
  type ValidateOptions,
} from "@obsdconf/core";

/** Where a model item is in the text: its own characters, its value's, and its line's end. */
export interface ItemSpan extends StatementSpan {
  /** Start of the value, rewritten alone when only the value changes. */
  valueStart: number;
  /** End of the value. */
  valueEnd: number;
  /** Just past the newline of the item's line (or the end of the text). */
  lineEnd: number;
  /** True when the item is the only thing on its line (removing it removes the line). */
  aloneOnLine: boolean;
}

/** How a format writes its items. */
export interface ItemWriter<T> {
  /** Identity of an item across edits (e.g. its name). */
  key: (item: T) => string;
  /** True when only the value differs, so only the value's text is rewritten. */
  sameButValue: (a: T, b: T) => boolean;
  /** Text of the value alone; throws `UnwritableValueError`. */
  valueText: (item: T, index: number) => string;
  /** A whole line for a new item (without newline); throws `UnwritableValueError`. */
  lineText: (item: T, index: number) => string;
}

/**
 * The text with items `olds` (at `spans`) turned into `news` by core's edit
 * engine: a changed value is rewritten in place; a removed item alone on its
 * line leaves with the comment lines directly above it, one sharing its line
 * leaves alone; new items go on lines of their own after the item before them.
 */
export function updateItems<T>(text: string, olds: readonly T[], spans: readonly ItemSpan[], news: readonly T[], w: ItemWriter<T>): string {
  const b = new EditBuilder(text);
  b.list(spans, olds, news, {
    key: w.key,
    text: w.lineText,
    remove: (span) => b.remove(span, span.aloneOnLine ? "statement" : "span"),
    change: (span, before, after, i) => {
      if (w.sameButValue(before, after)) b.replace(span.valueStart, span.valueEnd, w.valueText(after, i));
      else b.replace(span.start, span.end, w.lineText(after, i));
    },
  });
  return b.apply();
}

/** `model[field]` checked to be a list at run time (a model from JSON has no types). */
export function listField<T>(model: unknown, field: string): T[] {
  const list = typeof model === "object" && model !== null ? (model as Record<string, unknown>)[field] : undefined;
  if (!Array.isArray(list)) throw new UnwritableValueError(list, `${field} is a list`, field);
  return list as T[];
}

/** An item of a list checked to be an object at run time. */
export function objectItem<T>(item: T, field: string): T {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new UnwritableValueError(item, `an entry is an object, not ${describeValue(item)}`, field);
  }
  return item;
}

/** A finding of a format's checks, shared by parse (at a line) and validate (at a path). */
export interface Finding {
  /** Index of the item in its list. */
  index: number;
  /** The item's field at fault (`name`, `value`), or undefined for the item itself. */
  field: string | undefined;
  /** SCREAMING_SNAKE code. */
  code: string;
  /** Text. */
  message: string;
  /** True when generate refuses the value (an error for validate; parse reads the file as it is). */
  refused: boolean;
}

/** Findings as validate reports them: errors for what generate refuses, with the model path. */
export function modelDiagnostics(list: string, findings: readonly Finding[]): ModelDiagnostic[] {
  return findings.map((f) => ({
    severity: f.refused ? "error" : "warning",
    code: f.code,
    message: f.message,
    path: `${list}[${f.index}]${f.field === undefined ? "" : `.${f.field}`}`,
  }));
}


/**
 * The key an item is aligned by in update: its text, or a key no text has for
 * a value that is not a string (generate then refuses it, naming the field).
 */
export function alignmentKey(value: unknown): string {
  return typeof value === "string" ? value : "\u0000not text";
}

/** The concrete syntax of a line format: its lines as the grammar gives them and where each item is. */
export interface LineSyntax<Line> {
  /** Every line; together they cover the text. */
  readonly lines: readonly Line[];
  /** Where each item of the model's list is, in model order. */
  readonly items: readonly ItemSpan[];
}

/** A line format whose model is one list of items: how to write and check them. */
export interface ItemFormat<T> extends ItemWriter<T> {
  /** The model's field holding the list, e.g. `settings`. */
  list: string;
  /** True when the items are objects (checked at run time). */
  objects: boolean;
  /** The format's checks of a list, shared with parse. */
  findings: (items: readonly T[]) => Finding[];
}

// The list of a model from JSON, checked: a list, of objects where the format says so.
function checkedItems<T>(model: unknown, f: ItemFormat<T>): T[] {
  const items = listField<T>(model, f.list);
  if (f.objects) items.forEach((item, i) => objectItem(item, `${f.list}[${i}]`));
  return items;
}

// A model's text: one line per item.
function generateItems<T>(model: unknown, f: ItemFormat<T>): string {
  return checkedItems(model, f)
    .map((item, i) => `${f.lineText(item, i)}\n`)
    .join("");
}

// `change` applied to a copy, then updateItems.
function updateDocument<M, T>(doc: Document<M, LineSyntax<unknown>>, change: (model: M) => M | void, f: ItemFormat<T>): string {
  const next = changedCopy(doc.model, change);
  return updateItems(doc.text, listField<T>(doc.model, f.list), doc.syntax.items, checkedItems(next, f), f);
}

// The shared findings with model paths, or the refusal of a malformed list.
function validateItems<T>(model: unknown, f: ItemFormat<T>): ModelDiagnostic[] {
  let items: T[];
  try {
    items = checkedItems(model, f);
  } catch (e) {
    return [unwritableFinding(e)];
  }
  return modelDiagnostics(f.list, f.findings(items));
}

/** The verbs every line format has besides parse, over its model `M` and document `D`. */
export interface LineFormatVerbs<M, D> {
  /** The model's text, one line per item. Throws `UnwritableValueError` naming the field. */
  generate: (model: M) => string;
  /** The document with `change` applied to a copy of its model, edited as `updateItems` says. */
  update: (doc: D, change: (model: M) => M | void) => string;
  /** The format's checks with model paths; `options` is accepted for the shape every format shares. */
  validate: (model: M, options?: ValidateOptions) => ModelDiagnostic[];
}

/** generate, update and validate of the line format `f`, written once for every line format. */
export function lineFormatVerbs<M, D extends Document<M, LineSyntax<unknown>>, T>(f: ItemFormat<T>): LineFormatVerbs<M, D> {
  return {
    generate: (model) => generateItems(model, f),
    update: (doc, change) => updateDocument(doc, change, f),
    validate: (model) => validateItems(model, f),
  };
}

/** A `name=value` item. */
export interface NamedItem {
  /** The name. */
  name: string;
}

/**
 * How a format of `name=value` items aligns them in update: by name, and a
 * changed item whose name stayed gets only its value rewritten.
 */
export const BY_NAME = {
  objects: true,
  key: (item: NamedItem): string => alignmentKey(item.name),
  sameButValue: (a: NamedItem, b: NamedItem): boolean => a.name === b.name,
} as const;

/** What a line format's parse starts from: the text, the grammar's lines, and the warnings so far. */
export interface LineParse<Line> {
  /** The input as text. */
  text: string;
  /** The grammar's lines. */
  lines: Line[];
  /** Warnings added with `warn`, in the order added. */
  diagnostics: Diagnostic[];
  /** Adds a warning over `start..end`, with line and column. */
  warn: (code: string, message: string, start: number, end: number) => void;
}

/** Reads `input` (text or UTF-8 bytes, else `InvalidInputError` naming `verb`) with a format's grammar. */
export function readLines<Line>(input: unknown, verb: string, options: ParseOptions, grammar: (text: string) => unknown): LineParse<Line> {
  const text = inputText(input, verb);
  const index = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const warn = (code: string, message: string, start: number, end: number): void => {
    diagnostics.push(diagnosticAt(index, start, end, "warning", code, message, options.fileName));
  };
  return { text, lines: grammar(text) as Line[], diagnostics, warn };
}
