import { UnknownReleaseError } from "@obsdconf/core";

/** OpenBSD releases whose httpd this package knows. */
export const RELEASES = ["6.5", "6.6", "6.7", "6.8", "6.9", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", "7.8", "7.9"] as const;

/** An OpenBSD release, e.g. `"6.5"` or `"7.9"`. */
export type HttpdRelease = (typeof RELEASES)[number];

/** The release used when none is given. */
export const NEWEST_RELEASE: HttpdRelease = "7.9";

/**
 * Grammar features of one release's httpd. A feature that is off makes its
 * statement a `syntax error`, as that release's httpd reports it.
 */
export interface HttpdFeatures {
  /** The release these features belong to. */
  release: HttpdRelease;
  /** Reserved words of its grammar (quote them to use them as strings). */
  keywords: ReadonlySet<string>;
  /** `fastcgi socket tcp HOST [PORT]`. */
  fastcgiTcp: boolean;
  /** `fastcgi strip N`. */
  fastcgiStrip: boolean;
  /** `log style forwarded`. */
  logForwarded: boolean;
  /** `location found ...` / `location not found ...`. */
  locationFound: boolean;
  /** `errdocs DIR` (global and server) and `no errdocs`. */
  errdocs: boolean;
  /** `gzip-static` and `no gzip-static`. */
  gzipStatic: boolean;
  /** Global `no banner`, server `banner` and `no banner`. */
  banner: boolean;
  /** `header add`, `header always add`, `header hide`. */
  headers: boolean;
}

/**
 * Keywords of httpd's grammar in 6.5: the 72-word table of parse.y 1.128
 * (research §9) without the words added after 6.5 (`errdocs`, `forwarded`,
 * `found`, `gzip-static`, `not`: `not` only serves `location not found`).
 */
const BASE_KEYWORDS = [
  "access", "alias", "authenticate", "auto", "backlog", "block", "body", "buffer", "ca", "certificate", "chroot",
  "ciphers", "client", "combined", "common", "connection", "crl", "default", "dhe", "directory", "drop", "ecdhe",
  "error", "fastcgi", "hsts", "include", "index", "ip", "key", "lifetime", "listen", "location", "log", "logdir",
  "match", "max", "max-age", "no", "nodelay", "ocsp", "on", "optional", "param", "pass", "port", "prefork",
  "preload", "protocols", "request", "requests", "return", "rewrite", "root", "sack", "server", "socket", "strip",
  "style", "subdomains", "syslog", "tcp", "ticket", "timeout", "tls", "type", "types", "with",
];

// Release boundaries (research/httpdconf.md §8 and §12.4): parse.y 1.128
// (2022-02) and 1.130 (2025-11-28) are dated sources; the release each
// post-6.5 feature first shipped in is inferred: fastcgi over TCP and the
// forwarded log style 6.7, fastcgi strip 6.8, location found/not found 6.9,
// errdocs and gzip-static 7.1 (third-party 7.1 write-ups), banner 7.6, and
// header (committed after the 7.8 release) 7.9.
function at(release: HttpdRelease, first: HttpdRelease): boolean {
  return RELEASES.indexOf(release) >= RELEASES.indexOf(first);
}

const cache = new Map<string, HttpdFeatures>();

/** The features of `release` (default {@link NEWEST_RELEASE}); throws {@link UnknownReleaseError}. */
export function httpdFeatures(release: string = NEWEST_RELEASE): HttpdFeatures {
  const known = cache.get(release);
  if (known) return known;
  if (!(RELEASES as readonly string[]).includes(release)) throw new UnknownReleaseError(release, RELEASES);
  const r = release as HttpdRelease;
  const keywords = new Set(BASE_KEYWORDS);
  const features: HttpdFeatures = {
    release: r,
    keywords,
    fastcgiTcp: at(r, "6.7"),
    fastcgiStrip: at(r, "6.8"),
    logForwarded: at(r, "6.7"),
    locationFound: at(r, "6.9"),
    errdocs: at(r, "7.1"),
    gzipStatic: at(r, "7.1"),
    banner: at(r, "7.6"),
    headers: at(r, "7.9"),
  };
  if (features.logForwarded) keywords.add("forwarded");
  if (features.locationFound) for (const k of ["found", "not"]) keywords.add(k);
  if (features.errdocs) keywords.add("errdocs");
  if (features.gzipStatic) keywords.add("gzip-static");
  if (features.banner) keywords.add("banner");
  if (features.headers) for (const k of ["add", "always", "header", "hide"]) keywords.add(k);
  cache.set(release, features);
  return features;
}

/** Whether `value` is a release this package knows. */
export function isHttpdRelease(value: string): value is HttpdRelease {
  return (RELEASES as readonly string[]).includes(value);
}
