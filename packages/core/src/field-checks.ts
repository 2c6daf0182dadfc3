// Run-time checks of model fields for generators: a model that comes from
// JSON has no TypeScript types, so every field is checked before it is
// written. Each throws UnwritableValueError naming the field's model path.
import { UnwritableValueError } from "./parsey/quote.js";

/** The value of an optional boolean field. */
export function checkedBoolean(value: unknown, field: string): boolean | undefined {
  if (value !== undefined && typeof value !== "boolean") throw new UnwritableValueError(value, "must be true or false", field);
  return value;
}

/** A string that is one of `members`. */
export function checkedMember<T extends string>(value: unknown, members: readonly T[], field: string): T {
  if (typeof value !== "string" || !(members as readonly string[]).includes(value)) {
    throw new UnwritableValueError(value, `must be one of ${members.join(", ")}`, field);
  }
  return value as T;
}

/** An array (of anything; its items are checked by the caller). */
export function checkedArray(value: unknown, field: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new UnwritableValueError(value, "must be an array", field);
  return value;
}

/**
 * A plain object whose own keys are all in `keys` (any keys when undefined);
 * a key whose value is undefined counts as absent. `what` names the object
 * in the message (`a vm`, `a host`).
 */
export function checkedRecord(value: unknown, field: string, keys: readonly string[] | undefined, what = "an object"): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UnwritableValueError(value, `must be ${what}`, field || undefined);
  }
  const r = value as Record<string, unknown>;
  if (keys) {
    for (const key of Object.keys(r)) {
      if (r[key] !== undefined && !keys.includes(key)) {
        throw new UnwritableValueError(r[key], `not a field of ${what} (fields: ${keys.join(", ")})`, field ? `${field}.${key}` : key);
      }
    }
  }
  return r;
}

/** Indentation for generated text: blanks and tabs only. */
export function checkedIndent(indent: unknown, field = "indent"): string {
  if (typeof indent !== "string" || !/^[ \t]*$/.test(indent)) {
    throw new UnwritableValueError(indent, "indentation is blanks and tabs only", field);
  }
  return indent;
}
