// The path language of `obsdconf edit`: `vms[vm13].memory=1G`.
//
//   path    := segment ( "." name | "[" key "]" )*
//   segment := name | name "[" key "]"
//   key     := digits (an index) | text (the item whose `name` is that text)
//
// A key may be quoted with double quotes ("a.b]c", JSON escapes) when it holds
// `]` or starts with a digit but is a name.

/** One step of a path: a property, an index, or the item of a list with that `name`. */
export type Step =
  | {
      /** A field of an object. */
      property: string;
    }
  | {
      /** A list item by position (0-based). */
      index: number;
    }
  | {
      /** The list item whose `name` field is this. */
      named: string;
    };

/** `PATH=VALUE` split in two. */
export interface Assignment {
  /** The text before the `=`. */
  path: string;
  /** The text after it. */
  value: string;
}

/** A path that cannot be read (a usage error). */
export class PathSyntaxError extends Error {}

/** A path that does not lead anywhere in the model. */
export class PathNotFoundError extends Error {}

/** Splits `PATH=VALUE` at the first `=` outside brackets and quotes. */
export function splitAssignment(text: string): Assignment {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "=" && depth === 0) return { path: text.slice(0, i), value: text.slice(i + 1) };
  }
  throw new PathSyntaxError(`${JSON.stringify(text)} is not PATH=VALUE`);
}

/** The steps of a path; throws {@link PathSyntaxError}. */
export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new PathSyntaxError(`bad path ${JSON.stringify(path)} at column ${i + 1}: ${why}`);
  };
  while (i < path.length) {
    if (path[i] === "[") {
      i++;
      let key: string;
      let quoted = false;
      if (path[i] === '"') {
        const m = /^"(?:[^"\\]|\\.)*"/.exec(path.slice(i));
        if (!m) fail("unterminated quoted key");
        key = JSON.parse(m![0]) as string;
        i += m![0].length;
        quoted = true;
      } else {
        const end = path.indexOf("]", i);
        if (end < 0) fail("missing ]");
        key = path.slice(i, end);
        i = end;
      }
      if (path[i] !== "]") fail("missing ]");
      i++;
      if (key === "") fail("empty key");
      steps.push(!quoted && /^[0-9]+$/.test(key) ? { index: Number(key) } : { named: key });
    } else {
      if (steps.length > 0) {
        if (path[i] !== ".") fail('expected "." or "["');
        i++;
      }
      const m = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(path.slice(i));
      if (!m) fail("expected a field name");
      steps.push({ property: m![0] });
      i += m![0].length;
    }
  }
  if (steps.length === 0) fail("empty path");
  return steps;
}

/** `1G` stays a string; `2`, `true`, `null`, `["a"]`, `"x"` are JSON. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const stepText = (s: Step): string => ("property" in s ? `.${s.property}` : "index" in s ? `[${s.index}]` : `[${s.named}]`);

/** Sets the value at `steps` in `model` (mutating it); throws {@link PathNotFoundError}. */
export function assign(model: unknown, steps: readonly Step[], value: unknown): void {
  let here: unknown = model;
  let walked = "";
  const container = (v: unknown): Record<string | number, unknown> => {
    if (v === null || typeof v !== "object") throw new PathNotFoundError(`${walked.replace(/^\./, "") || "the model"} is not an object or a list`);
    return v as Record<string | number, unknown>;
  };
  for (let n = 0; n < steps.length; n++) {
    const step = steps[n]!;
    const last = n === steps.length - 1;
    const obj = container(here);
    let key: string | number;
    if ("property" in step) {
      if (Array.isArray(obj)) throw new PathNotFoundError(`${walked.replace(/^\./, "")} is a list: pick an item with [n] or [name]`);
      key = step.property;
      if (!last && !(key in obj)) throw new PathNotFoundError(`no field ${(walked + stepText(step)).replace(/^\./, "")}`);
    } else {
      if (!Array.isArray(obj)) throw new PathNotFoundError(`${walked.replace(/^\./, "") || "the model"} is not a list`);
      if ("index" in step) {
        if (step.index > obj.length || (step.index === obj.length && !last)) {
          throw new PathNotFoundError(`${walked.replace(/^\./, "")} has ${obj.length} items, no [${step.index}]`);
        }
        key = step.index;
      } else {
        const at = obj.findIndex((item) => item !== null && typeof item === "object" && (item as { name?: unknown }).name === step.named);
        if (at < 0) throw new PathNotFoundError(`no item named ${JSON.stringify(step.named)} in ${walked.replace(/^\./, "")}`);
        key = at;
      }
    }
    walked += stepText(step);
    if (last) {
      if (value === undefined) delete obj[key];
      else obj[key] = value;
    } else here = obj[key];
  }
}
