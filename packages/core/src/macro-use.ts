// The model of a parse.y-family file holds expanded values, so a macro the
// text uses cannot be changed or removed by an update: every `$name`
// reference would then read another value.
import { LineIndex } from "./line-index.js";

/** A macro definition as a model holds it: its name and its value. */
export interface MacroValue {
  /** The name, without `$`. */
  name: string;
  /** The value. */
  value: string;
}

/** Where the tokens of a text are: token `i` spans `starts[i]`..`ends[i]` (a `ParseyTokens` is one). */
export interface TokenSpans {
  /** Number of tokens. */
  readonly count: number;
  /** Start offsets. */
  readonly starts: ArrayLike<number>;
  /** End offsets (exclusive). */
  readonly ends: ArrayLike<number>;
}

const DOLLAR = 36;
const REFERENCE = /^\$([A-Za-z0-9_]*)/;

/**
 * Why an update may not turn the macros `before` into `after`: the first
 * `$name` reference in `text` to a macro whose value changed or that was
 * removed, as a message with its 1-based line; undefined when there is none
 * (or `after` is `before` itself). The caller throws its own error with it.
 */
export function changedMacroInUse(text: string, tokens: TokenSpans, before: readonly MacroValue[], after: readonly MacroValue[]): string | undefined {
  if (after === before) return undefined;
  const values = new Map(after.map((m) => [m.name, m.value]));
  const changed = new Set(before.filter((m) => values.get(m.name) !== m.value).map((m) => m.name));
  if (changed.size === 0) return undefined;
  for (let i = 0; i < tokens.count; i++) {
    const start = tokens.starts[i]!;
    if (text.charCodeAt(start) !== DOLLAR) continue;
    const name = REFERENCE.exec(text.slice(start, tokens.ends[i]))?.[1];
    if (name !== undefined && changed.has(name)) {
      const { line } = new LineIndex(text).position(start);
      return `macro '${name}' is used on line ${line}: change or remove the statements that use it, not the macro`;
    }
  }
  return undefined;
}
