// What a format's parse needs around a generated token grammar: the state a
// peggy parser returns with `peg$library`, and the keyword table per release.
import type { GrammarExpectation } from "./hints.js";

/** What a generated peggy parser returns when called with `peg$library: true`. */
export interface PeggyState {
  /** The start rule's result, or `peg$FAILED`. */
  peg$result: unknown;
  /** Where the parser stopped. */
  peg$currPos: number;
  /** The parser's failure marker. */
  peg$FAILED: unknown;
  /** The furthest position where a token did not match. */
  peg$maxFailPos: number;
  /** What the grammar expected there. */
  peg$maxFailExpected: GrammarExpectation[];
}

const tables = new WeakMap<ReadonlyMap<string, number>, Map<string, ReadonlyMap<string, number>>>();

/**
 * The keywords of one release with their token codes: the grammar's
 * `keywordCodes` (every keyword of every release) kept to those in
 * `features.keywords`, so that a word that is not yet a keyword in that
 * release reads as a string. Made once per grammar and release.
 */
export function releaseKeywords(keywordCodes: ReadonlyMap<string, number>, features: { release: string; keywords: ReadonlySet<string> }): ReadonlyMap<string, number> {
  let byRelease = tables.get(keywordCodes);
  if (!byRelease) tables.set(keywordCodes, (byRelease = new Map()));
  let table = byRelease.get(features.release);
  if (!table) {
    table = new Map([...features.keywords].filter((k) => keywordCodes.has(k)).map((k) => [k, keywordCodes.get(k)!]));
    byRelease.set(features.release, table);
  }
  return table;
}
