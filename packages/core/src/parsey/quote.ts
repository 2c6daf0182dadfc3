import type { ModelDiagnostic } from "../diagnostic.js";
import { describeValue } from "../document.js";
import { byteLength, MAX_QUOTED_BYTES } from "./escapes.js";

/**
 * Thrown when a value cannot be written so that it reads back the same: a
 * string no token can carry, or (in a model read from JSON) a value of the
 * wrong type, e.g. `vms[2].bootDevice: cannot write "cdrom\n}": must be one
 * of cdrom, disk, net` or `vms[0].memory: cannot write a number (1024): ...`.
 */
export class UnwritableValueError extends Error {
  /** Always `"UnwritableValueError"`. */
  override readonly name = "UnwritableValueError";
  /** The model field the value belongs to, e.g. `vms[3].name` (when known). */
  readonly field: string | undefined;
  /** The value that was refused, as given (any type for a model from JSON). */
  readonly value: unknown;
  constructor(value: unknown, reason: string, field?: string) {
    const shown = typeof value === "string" ? JSON.stringify(value) : describeValue(value);
    super(`${field ? `${field}: ` : ""}cannot write ${shown}: ${reason}`);
    this.value = value;
    this.field = field;
  }
}

/**
 * The `UNWRITABLE_VALUE` error `validate(model)` reports for a value a
 * generator refused, at the refused field's path. Rethrows anything else.
 */
export function unwritableFinding(error: unknown): ModelDiagnostic {
  if (!(error instanceof UnwritableValueError)) throw error;
  return { severity: "error", code: "UNWRITABLE_VALUE", message: error.message, path: error.field ?? "" };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * `value` checked to be text that a word of an OpenBSD config file can carry
 * at all: a string (a model from JSON may hold anything) with no NUL (the
 * daemon's C string ends there), no newline (it ends the statement) and no
 * lone UTF-16 surrogate (UTF-8 cannot encode it). Length, quoting and
 * escapes are each grammar's own. Throws {@link UnwritableValueError} naming
 * `field`.
 */
export function checkedText(value: unknown, field?: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  if (value.includes("\0")) throw new UnwritableValueError(value, "contains a NUL byte", field);
  if (value.includes("\n")) throw new UnwritableValueError(value, "contains a newline", field);
  const lone = LONE_SURROGATE.exec(value);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    throw new UnwritableValueError(value, `contains a lone UTF-16 surrogate (U+${code}), which UTF-8 cannot carry`, field);
  }
  return value;
}

/** Options of {@link quote}. */
export interface QuoteOptions {
  /** Words the grammar reserves; such a value is always quoted. */
  keywords?: ReadonlySet<string>;
  /** Field name for the error message. */
  field?: string;
  /** Always quote, even when a bare word would do. */
  alwaysQuote?: boolean;
}

const BARE = /^[A-Za-z0-9:_/][A-Za-z0-9%&*+\-./:;<>?@[\]^_`|~]*$/;
const LEADING_NUMBER = /^-?[0-9]+(\/|$)/;

/**
 * Writes `value` as a parse.y string token that reads back as exactly
 * `value`: a bare word when it lexes as one (not a keyword, not a number),
 * else double quotes, or single quotes when that avoids escapes. Refuses
 * values that no token can carry: a non-string, a NUL, a newline (dropped
 * inside quotes), a lone UTF-16 surrogate (UTF-8 cannot encode it), a
 * trailing backslash, or more than 8094 bytes.
 */
export function quote(value: string, options: QuoteOptions = {}): string {
  const { field } = options;
  checkedText(value, field);
  if (byteLength(value) > MAX_QUOTED_BYTES) {
    throw new UnwritableValueError(value, `longer than ${MAX_QUOTED_BYTES} bytes`, field);
  }
  if (
    !options.alwaysQuote &&
    BARE.test(value) &&
    !LEADING_NUMBER.test(value) &&
    !(options.keywords?.has(value) ?? false)
  ) {
    return value;
  }
  if (value.endsWith("\\")) throw new UnwritableValueError(value, "ends with a backslash", field);
  const q = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = q;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === q) out += `\\${c}`;
    else if ((c === " " || c === "\t") && value[i - 1] === "\\") out += `\\${c}`;
    else out += c;
  }
  return out + q;
}
