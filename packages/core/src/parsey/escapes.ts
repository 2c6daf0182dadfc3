/** Longest quoted string or macro name parse.y accepts, in bytes. */
export const MAX_QUOTED_BYTES = 8094;
/** Longest unquoted word or number parse.y accepts, in bytes. */
export const MAX_WORD_BYTES = 8095;

/** UTF-8 length of one UTF-16 code unit (a surrogate counts 2, a pair 4). */
export function utf8Units(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return 2;
  return 3;
}

/**
 * UTF-8 length of a string in bytes, exactly as TextEncoder (and Node's
 * Buffer) writes it: a surrogate pair is 4 bytes, a lone surrogate 3 (it is
 * written as U+FFFD). That is the length the daemons' C code sees.
 */
export function byteLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    } else n += 3;
  }
  return n;
}

/** Result of reading a quoted string. */
export type QuotedResult =
  | {
      /** The string was read. */
      ok: true;
      /** The string without quotes and escapes. */
      value: string;
    }
  | {
      /** The string could not be read. */
      ok: false;
      /** Why: a NUL byte, too long for the daemon's buffer, or no closing quote. */
      problem: "nul" | "too-long" | "unterminated";
      /** Offset in the raw token of the problem. */
      at: number;
    };

/**
 * Reads a quoted token as parse.y does. `raw` starts with the quote. Inside,
 * a backslash before the quote, a blank or a tab yields that character, a
 * backslash before a newline yields nothing, and any other backslash stays;
 * a raw newline is dropped. `at` is the offset in `raw` of a problem.
 */
export function readQuoted(raw: string): QuotedResult {
  const quote = raw[0];
  let out = "";
  let bytes = 0;
  let i = 1;
  for (;;) {
    if (i >= raw.length) return { ok: false, problem: "unterminated", at: raw.length };
    let c = raw[i++]!;
    if (c === "\n") continue;
    if (c === "\\") {
      if (i >= raw.length) return { ok: false, problem: "unterminated", at: raw.length };
      const next = raw[i++]!;
      if (next === quote || next === " " || next === "\t") c = next;
      else if (next === "\n") continue;
      else i--;
    } else if (c === quote) {
      return { ok: true, value: out };
    } else if (c === "\0") {
      return { ok: false, problem: "nul", at: i - 1 };
    }
    const units = utf8Units(c.charCodeAt(0));
    if (bytes + units > MAX_QUOTED_BYTES) return { ok: false, problem: "too-long", at: i - 1 };
    bytes += units;
    out += c;
  }
}

/** Reads an unquoted word: a backslash-newline disappears, a backslash before a character yields it. */
export function readWord(raw: string): string {
  if (!raw.includes("\\")) return raw;
  let out = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === "\\" && i + 1 < raw.length) {
      const next = raw[++i]!;
      if (next !== "\n") out += next;
    } else {
      out += c;
    }
  }
  return out;
}
