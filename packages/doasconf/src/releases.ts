import { UnknownReleaseError } from "@obsdconf/core";

/** OpenBSD releases whose doas this package knows. */
export const RELEASES = ["6.5", "6.6", "6.7", "6.8", "6.9", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8"] as const;

/** An OpenBSD release, e.g. `"6.5"` or `"7.8"`. */
export type Release = (typeof RELEASES)[number];

/** The release used when none is given. */
export const NEWEST_RELEASE: Release = "7.8";

/**
 * What doas.conf(5) accepts in one release.
 *
 * The same in every release of {@link RELEASES} (from parse.y 1.27 of
 * 2018, the 6.5 man page, and the current man page):
 * - `persist` (added with parse.y 1.21 in 2016; first release man page listing it: 6.1),
 *   and `nopass` with `persist` on one rule is an error;
 * - `setenv { ... }` with the forms `VAR`, `-VAR`, `VAR=value`,
 *   `VAR=$OTHER` (one word each; `=` is an ordinary word character since
 *   parse.y 1.21, 2016), and the old `keepenv { ... }` list is a syntax error;
 * - `deny` takes no options (`action: TDENY` alone);
 * - `args` only after `cmd word`.
 */
export interface DoasFeatures {
  /** The release these features belong to. */
  release: Release;
  /** Reserved words (quote them, e.g. `"cmd"`, to use them as names). */
  keywords: ReadonlySet<string>;
  /** The `nolog` option exists: absent from the 6.5 man page, present in 6.6 and later (see {@link doasFeatures}). */
  nolog: boolean;
  /**
   * The last rule must end with a newline: a rule cut off by the end of the
   * file is a `syntax error` (the grammar has no production for a rule ended
   * by end of file). True in every release known here: every parse.y read
   * (1.10 to 1.27, and a 2020 build of the same grammar) has it, and
   * OpenDoas' maintainer called it an upstream limitation in January 2021
   * (Duncaen/OpenDoas issue 46). No later revision dropping it was found.
   */
  finalNewlineRequired: boolean;
}

const BASE_KEYWORDS = ["permit", "deny", "as", "cmd", "args", "nopass", "persist", "keepenv", "setenv"];

function at(release: Release, first: Release): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf(first);
}

const cache = new Map<string, DoasFeatures>();

/**
 * The features of `release` (default {@link NEWEST_RELEASE}); throws
 * `UnknownReleaseError` for a release not in {@link RELEASES}.
 *
 * `nolog`: the OpenBSD 6.5 doas.conf(5) lists nopass, persist, keepenv and
 * setenv only; the current one and OpenDoas 6.8 (a port of OpenBSD 6.8's
 * doas) list nolog. It belongs to tedu's doas changes of June 2019 (env.c
 * 1.9, 2019-06-17, is of the same series), which shipped in 6.6.
 */
export function doasFeatures(release: string = NEWEST_RELEASE): DoasFeatures {
  const known = cache.get(release);
  if (known) return known;
  if (!(RELEASES as readonly string[]).includes(release)) throw new UnknownReleaseError(release, RELEASES);
  const r = release as Release;
  const nolog = at(r, "6.6");
  const features: DoasFeatures = {
    release: r,
    keywords: new Set(nolog ? [...BASE_KEYWORDS, "nolog"] : BASE_KEYWORDS),
    nolog,
    finalNewlineRequired: true,
  };
  cache.set(release, features);
  return features;
}
