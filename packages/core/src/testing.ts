/**
 * Helpers for this repository's tests: fast-check arbitraries of the value
 * types, the number of property runs, and where the shared corpus is.
 *
 * @packageDocumentation
 * @module @obsdconf/core/testing
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { UnwritableValueError } from "./parsey/quote.js";
import { formatIPv6 } from "./values/ip.js";
import { formatMac } from "./values/mac.js";
import type { Diagnostic } from "./diagnostic.js";
import type { Owner } from "./values/owner.js";

/** Number of runs for fast-check properties: `FC_RUNS` when set, else 1000. */
export const propertyRuns = (): number => Number(process.env.FC_RUNS ?? "") || 1000;

/** Canonical MAC addresses (`fe:e1:bb:f1:c8:01`). */
export const macAddress = (): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }).map(formatMac);

/** Dotted-quad IPv4 addresses. */
export const ipv4Address = (): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((o) => o.join("."));

/** Canonical compressed IPv6 addresses, biased towards runs of zero groups. */
export const ipv6Address = (): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
    .map(formatIPv6);

/** IPv4 prefixes with zero host bits, `a.b.c.d/len`. */
export const ipv4Prefix = (minLength = 0, maxLength = 32): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: minLength, max: maxLength })).map(([n, len]) => {
    const masked = len === 0 ? 0 : (n >>> (32 - len)) << (32 - len);
    const octets = [24, 16, 8, 0].map((s) => (masked >>> s) & 0xff);
    return `${octets.join(".")}/${len}`;
  });

/** IPv6 prefixes with zero host bits, `addr/len`. */
export const ipv6Prefix = (minLength = 0, maxLength = 128): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: minLength, max: maxLength }),
    )
    .map(([groups, len]) => {
      const masked = groups.map((g, i) => {
        const keep = Math.max(0, Math.min(16, len - i * 16));
        return keep === 0 ? 0 : (g >> (16 - keep)) << (16 - keep);
      });
      return `${formatIPv6(masked)}/${len}`;
    });

/** Sizes of at least a megabyte as written in config files: `512M`, `1G`, `1048576K`. */
export const sizeText = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: 1, max: 65536 }).map((n) => `${n}M`),
    fc.integer({ min: 1, max: 64 }).map((n) => `${n}G`),
    fc.integer({ min: 1024, max: 1 << 20 }).map((n) => `${n}K`),
  );

/** Names that suit users and groups: `[a-z_][a-z0-9_-]*`. */
export const accountName = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz_"),
      fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789_-"), maxLength: 15 }),
    )
    .map(([a, b]) => a + b);

/** Owners in every form vmd reads: uid, user, user:group, :group. */
export const owner = (): fc.Arbitrary<Owner> =>
  fc.oneof(
    fc.integer({ min: 0, max: 65535 }).map((uid) => ({ uid })),
    accountName().map((user) => ({ user })),
    fc.tuple(accountName(), accountName()).map(([user, group]) => ({ user, group })),
    accountName().map((group) => ({ group })),
  );

/** Strings of any characters, biased towards the ones config lexers treat specially. */
export const trickyString = (maxLength = 40): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom('"', "'", "\\", "$", "#", " ", "\t", "\n", "\r", "{", "}", "=", ",", "\0", "-", "/", ":"),
        fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }),
        fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
      ),
      { maxLength },
    )
    .map((parts) => parts.join(""));

/**
 * Absolute path of the shared test corpus (`../shared/corpus` beside the
 * repository, or `OBSDCONF_CORPUS`), or undefined when it is absent. Under
 * `CI=true` an absent corpus is an error: conformance must not be skipped.
 */
export function corpusDir(): string | undefined {
  const dir = process.env.OBSDCONF_CORPUS ?? new URL("../../../../shared/corpus", import.meta.url).pathname;
  if (existsSync(dir)) return dir;
  if (process.env.CI === "true") throw new Error(`test corpus not found at ${dir} (required when CI=true)`);
  console.log(`skipping corpus tests: ${dir} not found (set OBSDCONF_CORPUS)`);
  return undefined;
}

/** Every file under `dir`, recursively, sorted. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/**
 * The field an `UnwritableValueError` thrown by `f` names, or undefined when
 * `f` returns normally. Other errors are rethrown.
 */
export function refusedField(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof UnwritableValueError) return e.field;
    throw e;
  }
  return undefined;
}

/**
 * True when every diagnostic of `doc` starts on a line of its text, at a
 * column of that line (or just past its end), and ends on a line of the text.
 */
export function diagnosticsInsideText(doc: { readonly text: string; readonly diagnostics: readonly Diagnostic[] }): boolean {
  const lines = doc.text.split("\n");
  return doc.diagnostics.every(
    (d) =>
      d.line >= 1 &&
      d.line <= lines.length &&
      d.column >= 1 &&
      d.column <= lines[d.line - 1]!.length + 1 &&
      d.endLine >= d.line &&
      d.endLine <= lines.length,
  );
}
