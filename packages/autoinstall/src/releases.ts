import { UnknownReleaseError } from "@obsdconf/core";

/** OpenBSD releases whose installer this package knows. */
export const RELEASES = ["6.5", "7.6", "7.7", "7.8"] as const;

/** A release, e.g. `"6.5"` or `"7.8"`. */
export type Release = (typeof RELEASES)[number];

/** The release used when none is given. */
export const NEWEST_RELEASE: Release = "7.8";

/** Checks a release name, defaulting to the newest. */
export function knownRelease(release: string | undefined): Release {
  if (release === undefined) return NEWEST_RELEASE;
  if (!(RELEASES as readonly string[]).includes(release)) throw new UnknownReleaseError(release, RELEASES);
  return release as Release;
}

/** `"7.6"` -> `"76"`, as in set names (`base76.tgz`). */
export function releaseDigits(release: string): string {
  return release.replace(".", "");
}
