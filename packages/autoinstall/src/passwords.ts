import { randomInt } from "node:crypto";
import { hash as bcryptHash, hashSync as bcryptHashSync, verifySync as bcryptVerify } from "@node-rs/bcrypt";

/** Lowest and highest character code of a generated password: printable ASCII without the blank. */
export const PASSWORD_FIRST_CHAR = 33;
/** See {@link PASSWORD_FIRST_CHAR}. */
export const PASSWORD_LAST_CHAR = 126;

/**
 * A password of `length` characters drawn uniformly by a CSPRNG from the
 * printable ASCII range 33..126 (like `jot -rcs '' 20 33 126`). No blanks, so
 * the installer's trimming cannot change it; `=` and `#` are harmless in an
 * answer.
 */
export function randomPassword(length = 20): string {
  if (!Number.isSafeInteger(length) || length < 1) throw new RangeError(`password length must be a positive integer, not ${length}`);
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(randomInt(PASSWORD_FIRST_CHAR, PASSWORD_LAST_CHAR + 1));
  return out;
}

/** Options of {@link hashPassword}. */
export interface HashPasswordOptions {
  /** bcrypt cost, 4..31 (default 10; the installer's `encrypt -b a` picks its own). */
  cost?: number;
}

/**
 * An OpenBSD bcrypt hash (`$2b$NN$...`, 60 characters) of `password`. The
 * installer stores such an answer verbatim in master.passwd.
 */
export function hashPassword(password: string, options: HashPasswordOptions = {}): string {
  return bcryptHashSync(password, { cost: bcryptCost(options), version: "2b" });
}

/**
 * The hashes of many passwords, as {@link hashPassword} makes them, computed
 * in parallel off the main thread (one deploy hashes two per VM).
 */
export async function hashPasswords(passwords: readonly string[], options: HashPasswordOptions = {}): Promise<string[]> {
  const cost = bcryptCost(options);
  return Promise.all(passwords.map((p) => bcryptHash(p, { cost, version: "2b" })));
}

function bcryptCost(options: HashPasswordOptions): number {
  const cost = options.cost ?? 10;
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError(`bcrypt cost must be 4..31, not ${cost}`);
  return cost;
}

/** True when `password` matches a bcrypt `hash`. */
export function verifyPassword(password: string, hash: string): boolean {
  return bcryptVerify(password, hash);
}

/** Thirteen asterisks: the installer stores them as is, which disables password login. */
export const PASSWORD_DISABLED = "*************";

/** How the installer treats a password answer. */
export type PasswordKind = "bcrypt" | "disabled" | "plain";

/**
 * What the installer does with a password answer (install.sub's encr_pwd):
 * the 13 asterisks, and an answer that starts like a bcrypt hash
 * (`$2?$NN$`) whose length in bytes, compared AS TEXT with "40", is
 * greater, are stored verbatim; anything else is hashed. The text
 * comparison makes lengths 5-9, 41-99 and 400-999 "greater" and 10-40 and
 * 100-399 not, so `$2b$10$x` is stored as is and a 100-character hash is
 * hashed again.
 */
export function passwordKind(answer: string): PasswordKind {
  if (answer === PASSWORD_DISABLED) return "disabled";
  if (/^\$2.\$[0-9]{2}\$/.test(answer) && String(Buffer.byteLength(answer, "utf8")) > "40") return "bcrypt";
  return "plain";
}
