import { SiteSetError } from "./errors.js";

/**
 * The file name the installer looks for: `site76.tgz` for release 7.6, and
 * `site76-<host>.tgz` with the short host name (as `hostname -s` gives it).
 * Throws RangeError for a release or host name it cannot name.
 */
export function siteSetName(release: string, hostname?: string): string {
  if (!/^[0-9]\.[0-9]$/.test(release)) throw new RangeError(`not an OpenBSD release such as 7.6: ${JSON.stringify(release)}`);
  const digits = release.replace(".", "");
  if (hostname === undefined) return `site${digits}.tgz`;
  const short = hostname.split(".")[0]!;
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/.test(short)) throw new RangeError(`not a host name: ${JSON.stringify(hostname)}`);
  return `site${digits}-${short}.tgz`;
}

/** A file to list in index.txt. */
export interface IndexEntry {
  /** File name (a letter, then letters, digits, `.`, `_` or `-`). */
  name: string;
  /** Size in bytes. */
  size: number;
  /** Modification time, seconds since the epoch (default 0). */
  mtime?: number;
}

// The installer takes the last blank-separated word of a line as a file name
// when it matches this.
const LISTED_NAME = /^.* ([a-zA-Z][a-zA-Z0-9._-]+)$/;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function lsLine(e: IndexEntry): string {
  if (!/^[a-zA-Z][a-zA-Z0-9._-]+$/.test(e.name)) {
    throw new SiteSetError(e.name, "BAD_NAME", "the installer only lists names of a letter then letters, digits, '.', '_' or '-'");
  }
  const d = new Date((e.mtime ?? 0) * 1000);
  const date = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}  ${d.getUTCFullYear()}`;
  return `-rw-r--r--  1 root  wheel  ${String(e.size).padStart(10)} ${date} ${e.name}`;
}

/** The file names the installer reads from an index.txt. */
export function indexNames(text: string): string[] {
  return text.split("\n").flatMap((line) => {
    const m = LISTED_NAME.exec(line);
    return m ? [m[1]!] : [];
  });
}

/**
 * index.txt for a sets directory, in `ls -l` form (the installer needs a
 * blank before each name). Lines of `existing` for other names are kept;
 * lines for the given names are replaced; named lines are sorted by name.
 */
export function indexTxt(entries: readonly IndexEntry[], existing = ""): string {
  const replaced = new Set(entries.map((e) => e.name));
  const other: string[] = [];
  const named = new Map<string, string>();
  for (const line of existing.split("\n")) {
    if (line === "") continue;
    const m = LISTED_NAME.exec(line);
    if (!m) other.push(line);
    else if (!replaced.has(m[1]!)) named.set(m[1]!, line);
  }
  for (const e of entries) named.set(e.name, lsLine(e));
  const sorted = [...named.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((n) => named.get(n)!);
  return [...other, ...sorted].map((l) => `${l}\n`).join("");
}
