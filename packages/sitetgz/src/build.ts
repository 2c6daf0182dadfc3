import { writeFileAtomic } from "@obsdconf/core";
import { createReadStream, promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { SiteSetError } from "./errors.js";
import { ParallelGzip } from "./gzip.js";
import { siteSetName } from "./names.js";
import { endOfArchive, padding, splitUstarPath, ustarHeader } from "./ustar.js";

/** A file or directory to put into a site set. */
export interface SiteSetEntry {
  /** Relative path inside the set, e.g. `etc/installurl` (a leading `./` is dropped). */
  path: string;
  /** Default: `"file"`. */
  type?: "file" | "directory";
  /** File content (text is written as UTF-8). */
  content?: string | Uint8Array;
  /** Permission bits (default 0644 for files, 0755 for directories; 0755 for install.site). */
  mode?: number;
}

/** What a site set is built from. */
export interface SiteSetOptions {
  /** OpenBSD release, e.g. `"7.6"` (names the set: site76.tgz). */
  release: string;
  /** Host the set is for (names it site76-<host>.tgz). */
  hostname?: string;
  /** Entries; they override files of `fromDirectory` at the same path. */
  entries?: SiteSetEntry[];
  /**
   * A directory whose tree goes into the set. Modes are normalised so the
   * set does not depend on the machine's umask: 0755/0644 (executable or
   * not), 0700/0600 when group and others cannot read, sticky bits kept;
   * well-known system directories get their stock modes (root 0700, tmp 1777).
   * Symbolic links must stay inside the tree; other special files are refused.
   */
  fromDirectory?: string;
  /**
   * Content of `/install.site` (written with mode 0755). An install.site or
   * upgrade.site from `entries` or `fromDirectory` that is not executable is
   * refused with a {@link SiteSetError}, not silently made executable.
   */
  installSite?: string | Uint8Array;
  /** Modification time of every entry (default: SOURCE_DATE_EPOCH when set, else 0). */
  mtime?: number | Date;
}

/** Stock modes of system directories a set may carry. */
export const STOCK_DIRECTORY_MODES: Readonly<Record<string, number>> = {
  etc: 0o755,
  root: 0o700,
  "root/.ssh": 0o700,
  tmp: 0o1777,
  "var/tmp": 0o1777,
  usr: 0o755,
  "usr/local": 0o755,
  var: 0o755,
  home: 0o755,
};

const SCRIPTS = new Set(["install.site", "upgrade.site"]);

interface Planned {
  path: string;
  type: "file" | "directory" | "symlink";
  mode: number;
  size: number;
  content?: Uint8Array;
  source?: string;
  linkname?: string;
}

/** Checks and normalises an entry path; throws {@link SiteSetError}. */
export function checkPath(path: string): string {
  if (typeof path !== "string" || path === "") throw new SiteSetError(String(path), "EMPTY_NAME", "an entry needs a name");
  if (path.includes("\0")) throw new SiteSetError(path, "NUL_IN_NAME", "a name cannot hold a NUL byte");
  if (path.startsWith("/")) throw new SiteSetError(path, "ABSOLUTE_PATH", "paths in a site set are relative to the new system's root");
  const normal = path.replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const segments = normal.split("/");
  if (normal === "" || segments.some((s) => s === "")) throw new SiteSetError(path, "EMPTY_NAME", "a path has an empty segment");
  if (segments.some((s) => s === "..")) throw new SiteSetError(path, "DOT_DOT", "a path cannot climb with '..'");
  if (segments.some((s) => s === ".")) throw new SiteSetError(path, "BAD_NAME", "a path cannot hold '.' segments");
  if (!splitUstarPath(`${normal}/`)) {
    throw new SiteSetError(path, "TOO_LONG", "too long for ustar (at most 100 bytes after a '/' and 155 before it)");
  }
  return normal;
}

// Refused rather than fixed: a set that silently differs from its input
// would hide the mistake in the tree it was built from.
function notExecutable(given: string, path: string): SiteSetError {
  return new SiteSetError(given, "NOT_EXECUTABLE", `the installer runs ${path} only when it is executable: give it mode 0755`);
}

function sourceDateEpoch(): number {
  const env = process.env.SOURCE_DATE_EPOCH;
  return env !== undefined && /^[0-9]+$/.test(env) ? Number(env) : 0;
}

function mtimeSeconds(mtime: SiteSetOptions["mtime"]): number {
  if (mtime === undefined) return sourceDateEpoch();
  const seconds = mtime instanceof Date ? Math.floor(mtime.getTime() / 1000) : mtime;
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > 0o77777777777) throw new RangeError(`mtime out of range: ${String(mtime)}`);
  return seconds;
}

const encoder = new TextEncoder();

function normalisedMode(diskMode: number, isDirectory: boolean): number {
  const exec = isDirectory || (diskMode & 0o111) !== 0;
  const shared = (diskMode & 0o044) !== 0;
  const base = exec ? (shared ? 0o755 : 0o700) : shared ? 0o644 : 0o600;
  return base | (diskMode & 0o1000);
}

async function walk(root: string, relative: string, out: Planned[]): Promise<void> {
  const names = (await fs.readdir(join(root, relative))).sort(compareNames);
  for (const name of names) {
    const rel = relative ? `${relative}/${name}` : name;
    const full = join(root, rel);
    const st = await fs.lstat(full);
    const path = checkPath(rel);
    if (st.isDirectory()) {
      out.push({ path, type: "directory", mode: STOCK_DIRECTORY_MODES[path] ?? normalisedMode(st.mode, true), size: 0 });
      await walk(root, rel, out);
    } else if (st.isFile()) {
      if (SCRIPTS.has(path) && (st.mode & 0o100) === 0) throw notExecutable(rel, path);
      out.push({ path, type: "file", mode: normalisedMode(st.mode, false), size: st.size, source: full });
    } else if (st.isSymbolicLink()) {
      const target = await fs.readlink(full);
      if (target.startsWith("/") || escapes(path, target)) {
        throw new SiteSetError(rel, "LINK_ESCAPES", `the symbolic link points outside the set (${target})`);
      }
      out.push({ path, type: "symlink", mode: 0o755, size: 0, linkname: target });
    } else {
      throw new SiteSetError(rel, "UNSUPPORTED_TYPE", "only regular files, directories and symbolic links go into a site set");
    }
  }
}

function escapes(linkPath: string, target: string): boolean {
  const parts = linkPath.split("/").slice(0, -1);
  for (const segment of target.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) return true;
      parts.pop();
    } else parts.push(segment);
  }
  return false;
}

// Byte order of UTF-8, like GNU tar's --sort=name.
function compareNames(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

// Depth first: a directory, then everything under it, siblings by name.
function comparePaths(a: string, b: string): number {
  const as = a.split("/");
  const bs = b.split("/");
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const c = compareNames(as[i]!, bs[i]!);
    if (c !== 0) return c;
  }
  return as.length - bs.length;
}

async function plan(options: SiteSetOptions): Promise<Planned[]> {
  siteSetName(options.release, options.hostname); // validates both
  const byPath = new Map<string, Planned>();
  if (options.fromDirectory !== undefined) {
    const found: Planned[] = [];
    await walk(options.fromDirectory, "", found);
    for (const p of found) byPath.set(p.path, p);
  }
  const explicit = new Set<string>();
  const add = (entry: SiteSetEntry): void => {
    const path = checkPath(entry.path);
    if (explicit.has(path)) throw new SiteSetError(entry.path, "DUPLICATE_PATH", "the path is given twice");
    explicit.add(path);
    const type = entry.type ?? "file";
    if (type !== "file" && type !== "directory") throw new SiteSetError(entry.path, "UNSUPPORTED_TYPE", `unknown type ${String(type)}`);
    const mode = entry.mode ?? (type === "directory" ? (STOCK_DIRECTORY_MODES[path] ?? 0o755) : SCRIPTS.has(path) ? 0o755 : 0o644);
    if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new SiteSetError(entry.path, "BAD_MODE", `mode ${String(mode)} is not 0..07777`);
    if (SCRIPTS.has(path) && (mode & 0o100) === 0) throw notExecutable(entry.path, path);
    if (type === "directory") {
      if (entry.content !== undefined) throw new SiteSetError(entry.path, "UNSUPPORTED_TYPE", "a directory has no content");
      byPath.set(path, { path, type, mode, size: 0 });
      return;
    }
    const content = typeof entry.content === "string" ? encoder.encode(entry.content) : (entry.content ?? new Uint8Array(0));
    byPath.set(path, { path, type, mode, size: content.length, content });
  };
  for (const entry of options.entries ?? []) add(entry);
  if (options.installSite !== undefined) add({ path: "install.site", content: options.installSite, mode: 0o755 });
  return [...byPath.values()].sort((a, b) => comparePaths(a.path, b.path));
}

async function* tarChunks(entries: Planned[], mtime: number): AsyncGenerator<Uint8Array> {
  for (const e of entries) {
    const isDir = e.type === "directory";
    yield ustarHeader({
      path: isDir ? `${e.path}/` : e.path,
      type: isDir ? "5" : e.type === "symlink" ? "2" : "0",
      mode: e.mode,
      uid: 0,
      gid: 0,
      uname: "root",
      gname: "wheel",
      size: e.size,
      mtime,
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
    });
    if (e.type !== "file") continue;
    if (e.content) yield e.content;
    else if (e.source) {
      let read = 0;
      for await (const chunk of createReadStream(e.source, { highWaterMark: 1 << 20 })) {
        read += (chunk as Buffer).length;
        if (read > e.size) throw new SiteSetError(e.path, "UNSUPPORTED_TYPE", "the file grew while it was being read");
        yield chunk as Buffer;
      }
      if (read !== e.size) throw new SiteSetError(e.path, "UNSUPPORTED_TYPE", "the file shrank while it was being read");
    }
    yield padding(e.size);
  }
  yield endOfArchive();
}


/** Options of the builders' output. */
export interface OutputOptions {
  /** gzip level, 1..9 (default 6, as gzip(1)). */
  level?: number;
}

/**
 * Builds the set in memory: gzip'd ustar, entries sorted, owner root:wheel
 * (0:0), one mtime. The same input gives the same bytes on any machine.
 * Rejects with {@link SiteSetError} naming the path of a bad entry.
 */
export async function buildSiteSet(options: SiteSetOptions, output: OutputOptions = {}): Promise<Uint8Array> {
  const entries = await plan(options);
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from(tarChunks(entries, mtimeSeconds(options.mtime))),
    new ParallelGzip(output.level ?? 6),
    new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * Streams the set to `file` without holding file contents in memory (files
 * of `fromDirectory` are read as they are written), through core's
 * `writeFileAtomic`: a temporary file beside it, fsynced, renamed into place,
 * so a failed build leaves no half written set. Rejects with a
 * {@link SiteSetError} (`NO_DIRECTORY`) naming the directory when it does not
 * exist. Returns the number of bytes written.
 */
export async function writeSiteSet(file: string, options: SiteSetOptions, output: OutputOptions = {}): Promise<number> {
  const entries = await plan(options);
  const directory = dirname(file);
  const isDirectory = await fs.stat(directory).then(
    (st) => st.isDirectory(),
    () => false,
  );
  if (!isDirectory) throw new SiteSetError(file, "NO_DIRECTORY", `the directory ${directory} does not exist`);
  let written = 0;
  await pipeline(Readable.from(tarChunks(entries, mtimeSeconds(options.mtime))), new ParallelGzip(output.level ?? 6), async (gzip: AsyncIterable<Uint8Array>) => {
    await writeFileAtomic(file, counted(gzip), { mode: 0o644 });
  });
  return written;

  async function* counted(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      written += chunk.length;
      yield chunk;
    }
  }
}
