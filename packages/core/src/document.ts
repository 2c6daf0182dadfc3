import type { Diagnostic } from "./diagnostic.js";

/**
 * A parsed file of any format: what every package's `parse` returns.
 * `syntax` is the concrete syntax tree `update` edits; it is not enumerable,
 * so `JSON.stringify(doc)` shows text, file name, model and diagnostics only.
 */
export interface Document<Model, Syntax> {
  /** The input, unchanged (decoded as UTF-8 when bytes were given). */
  readonly text: string;
  /** File name given in {@link ParseOptions}, used in diagnostics. */
  readonly fileName: string | undefined;
  /** The typed model; best effort when there are errors. */
  readonly model: Model;
  /** Syntax errors (`syntax: true`) and the checks of the chosen release, in file order. */
  readonly diagnostics: Diagnostic[];
  /** The concrete syntax (not enumerable). */
  readonly syntax: Syntax;
}

/** Options every format's `parse` takes. */
export interface ParseOptions<Release extends string = string> {
  /** File name put in diagnostics (e.g. `/etc/vm.conf`). */
  fileName?: string;
  /** OpenBSD release whose daemon to mirror (default: the newest the package knows). */
  release?: Release;
  /**
   * Reads an included file (path as written); returns undefined (or throws)
   * when it cannot be read: the include is then reported as failed. Without it, includes are reported and not followed.
   * Formats without includes ignore it.
   */
  readFile?: (path: string) => string | undefined;
}

/** Options every format's `validate` takes. */
export interface ValidateOptions<Release extends string = string> {
  /** OpenBSD release whose daemon to mirror (default: the newest the package knows). */
  release?: Release;
}

/** What `parse` accepts as input: text, or UTF-8 bytes (e.g. `readFileSync(path)`). */
export type ParseInput = string | Uint8Array;

/** Thrown by `parse` for input that is neither a string nor bytes (a programmer error). */
export class InvalidInputError extends TypeError {
  /** Always `"InvalidInputError"`. */
  override readonly name = "InvalidInputError";
  /** Always `"INVALID_INPUT"`. */
  readonly code = "INVALID_INPUT";
  /**
   * @param verb - the function that was called, e.g. `vmconf.parse`.
   * @param input - what was passed.
   */
  constructor(verb: string, input: unknown) {
    super(`${verb}: expected a string or a Uint8Array (UTF-8 bytes), got ${describeValue(input)}`);
  }
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of a parse input: a string as is, bytes decoded as UTF-8 (a
 * leading byte-order mark kept, invalid sequences as U+FFFD). Throws
 * {@link InvalidInputError} for anything else.
 */
export function inputText(input: unknown, verb: string): string {
  if (typeof input === "string") return input;
  if (input instanceof Uint8Array) return utf8.decode(input);
  throw new InvalidInputError(verb, input);
}

/** Builds a {@link Document} whose `syntax` is not enumerable. */
export function createDocument<Model, Syntax>(
  text: string,
  fileName: string | undefined,
  model: Model,
  diagnostics: Diagnostic[],
  syntax: Syntax,
): Document<Model, Syntax> {
  const doc = { text, fileName, model, diagnostics } as Document<Model, Syntax>;
  Object.defineProperty(doc, "syntax", { value: syntax, enumerable: false });
  return doc;
}

/** Short description of a value for error messages: `undefined`, `a number (3)`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "number":
    case "bigint":
    case "boolean":
      return `a ${typeof value} (${String(value)})`;
    case "string":
      return `a string (${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value)})`;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    default:
      return "an object";
  }
}
