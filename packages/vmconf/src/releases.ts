import { UnknownReleaseError } from "@obsdconf/core";

/** OpenBSD releases whose vmd this package knows. */
export const RELEASES = ["6.5", "6.6", "6.7", "6.8", "6.9", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8"] as const;

/** An OpenBSD release, e.g. `"6.5"` or `"7.8"`. */
export type Release = (typeof RELEASES)[number];

/** The release used when none is given. */
export const NEWEST_RELEASE: Release = "7.8";

/** vmd limits and grammar features of one release. */
export interface VmdFeatures {
  /** The release these features belong to. */
  release: Release;
  /** Reserved words of its grammar (quote them to use them as strings). */
  keywords: ReadonlySet<string>;
  /** Interface types a `switch` block accepts. */
  switchTypes: readonly string[];
  /** Largest path vmd stores for disk, cdrom and boot, in bytes including the NUL. */
  pathBuffer: number;
  /** Old size parser: MB granularity, `size ... megabyte` wording, rounding warning. */
  oldMemoryMessages: boolean;
  /** Upper limit of `memory` in bytes, or undefined for none. */
  maxMemory: number | undefined;
  /** `owner` with no ID means root. */
  emptyOwner: boolean;
  /** `lladdr` may omit the address. */
  optionalLladdr: boolean;
  /** `local prefix` parsed by parse_prefix4 (length 1..16, reasons in the message). */
  modernPrefixes: boolean;
}

const BASE_KEYWORDS = [
  "add", "allow", "boot", "cdrom", "disable", "disk", "down", "enable", "format", "group", "id", "include",
  "inet6", "instance", "interface", "interfaces", "lladdr", "local", "locked", "memory", "owner",
  "prefix", "rdomain", "size", "socket", "switch", "up", "vm",
];

// Confidence of the release boundaries: see research/vmconf.md section 7. 6.5
// and 6.7 come from dated parse.y revisions; 7.0, 7.4 and 7.8 are inferred.
function at(release: Release, first: Release): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf(first);
}

const cache = new Map<string, VmdFeatures>();

/** The features of `release` (default {@link NEWEST_RELEASE}); throws {@link UnknownReleaseError}. */
export function vmdFeatures(release: string = NEWEST_RELEASE): VmdFeatures {
  const known = cache.get(release);
  if (known) return known;
  if (!(RELEASES as readonly string[]).includes(release)) throw new UnknownReleaseError(release, RELEASES);
  const r = release as Release;
  const keywords = new Set(BASE_KEYWORDS);
  if (at(r, "6.7")) for (const k of ["delay", "device", "net", "parallel", "staggered", "start"]) keywords.add(k);
  // `path` became a keyword with agentx; before, `disk path` and `path = "x"` are plain words.
  if (at(r, "7.2")) for (const k of ["agentx", "context", "path"]) keywords.add(k);
  if (at(r, "7.6")) keywords.add("sev");
  if (at(r, "7.8")) keywords.add("seves");
  const modern = at(r, "7.4");
  const features: VmdFeatures = {
    release: r,
    keywords,
    switchTypes: at(r, "7.0") ? ["bridge", "veb"] : ["switch", "bridge"],
    pathBuffer: modern ? 1024 : 128,
    oldMemoryMessages: !modern,
    maxMemory: modern ? 128 * 1024 ** 3 : undefined,
    emptyOwner: !at(r, "6.7"),
    optionalLladdr: at(r, "7.8"),
    modernPrefixes: modern,
  };
  cache.set(release, features);
  return features;
}
