import { createHash, randomBytes } from "node:crypto";
import { promises as fs, type Stats } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Hex SHA-256 of a text as UTF-8: the hash {@link writeFileAtomic} compares. */
export function contentHash(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Options for {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * {@link contentHash} of the content the caller read. The write is refused
   * when the file now holds something else (or, with `null`, when a file
   * exists at all).
   */
  expectedHash?: string | null;
  /** Mode for a new file (default 0o644, whatever the umask); an existing file keeps its own. */
  mode?: number;
}

/** Thrown when the file changed on disk since it was read. */
export class StaleFileError extends Error {
  /** Always `"StaleFileError"`. */
  override readonly name = "StaleFileError";
  /** @param path - the file that changed on disk. */
  constructor(readonly path: string) {
    super(`${path}: changed on disk since it was read; not overwritten`);
  }
}

/** Thrown when the directory a file is to be written into does not exist. */
export class MissingDirectoryError extends Error {
  /** Always `"MissingDirectoryError"`. */
  override readonly name = "MissingDirectoryError";
  /** Always `"NO_DIRECTORY"`. */
  readonly code = "NO_DIRECTORY";
  /**
   * @param path - the file that was to be written.
   * @param directory - the directory that does not exist.
   */
  constructor(
    readonly path: string,
    readonly directory: string,
  ) {
    super(`${path}: the directory ${directory} does not exist; nothing written`);
  }
}

/**
 * Writes `content` to `path` so that readers see either the old or the new
 * file, never a mix: a temporary file in the same directory is written
 * (from a string, bytes, or chunks as they come, for large content),
 * fsynced and renamed over `path`; the directory is fsynced too. An existing
 * file's mode and owner are kept; a symbolic link is followed (its target is
 * replaced). Throws {@link StaleFileError} (see
 * `expectedHash`) and {@link MissingDirectoryError} before writing anything.
 */
export async function writeFileAtomic(
  given: string,
  content: string | Uint8Array | AsyncIterable<Uint8Array>,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const target = await prepare(given, options);
  const temp = await writeTemp(target, content);
  await syncAndClose([temp]);
  await renameOver([temp], options.expectedHash === undefined ? [] : [options]);
}

/** One file for {@link writeFilesAtomic}. */
export interface AtomicFile extends WriteFileAtomicOptions {
  /** Where to write (a symbolic link is followed). */
  path: string;
  /** The new content. */
  content: string | Uint8Array;
}

/**
 * Writes many files, each as {@link writeFileAtomic} does (readers see each
 * file old or new), much faster than one after the other: every check is
 * made before anything is written, the temporary files are written and then
 * fsynced together (the file system commits them in one go), renamed in the
 * order given, and each directory is fsynced once. A failure before the
 * renames leaves every file as it was; one during them leaves the files
 * before it new and the rest old. Throws {@link StaleFileError} (a file
 * changed since it was read: checked first, and again just before its
 * rename) and {@link MissingDirectoryError}.
 */
export async function writeFilesAtomic(files: readonly AtomicFile[]): Promise<void> {
  const targets = await Promise.all(files.map((f) => prepare(f.path, f)));
  const temps: Temp[] = [];
  try {
    // A batch at a time, so that no more than BATCH files are open at once.
    for (let from = 0; from < targets.length; from += BATCH) {
      const batch = await Promise.allSettled(targets.slice(from, from + BATCH).map((t, i) => writeTemp(t, files[from + i]!.content)));
      const written = batch.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      temps.push(...written);
      const failed = batch.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
      await syncAndClose(written);
    }
  } catch (error) {
    await discard(temps);
    throw error;
  }
  await renameOver(temps, files);
}

const BATCH = 128;

interface Target {
  path: string;
  existing: Stats | undefined;
  mode: number;
}

interface Temp {
  target: Target;
  temp: string;
  handle: FileHandle | undefined;
}

// The checks, before anything is written.
async function prepare(given: string, options: WriteFileAtomicOptions): Promise<Target> {
  // A symbolic link is followed: its target is replaced, the link stays.
  const path = await fs.realpath(given).catch(() => given);
  const existing = await fs.stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  await checkUnchanged(path, existing, options.expectedHash);
  const directory = dirname(path);
  const isDirectory = await fs.stat(directory).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new MissingDirectoryError(path, directory);
  return { path, existing, mode: existing ? existing.mode & 0o7777 : (options.mode ?? 0o644) };
}

async function checkUnchanged(path: string, existing: Stats | undefined, expectedHash: string | null | undefined): Promise<void> {
  if (expectedHash === undefined) return;
  if (expectedHash === null) {
    if (existing) throw new StaleFileError(path);
    return;
  }
  const current = existing ? await fs.readFile(path) : undefined;
  if (!current || contentHash(current) !== expectedHash) throw new StaleFileError(path);
}

// The content in a temporary file beside the target, not yet fsynced.
async function writeTemp(target: Target, content: string | Uint8Array | AsyncIterable<Uint8Array>): Promise<Temp> {
  const temp = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx", target.mode);
  try {
    if (typeof content === "string" || content instanceof Uint8Array) await handle.writeFile(content);
    else {
      for await (const chunk of content) {
        for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done)).bytesWritten;
      }
    }
    // The mode asked for, whatever the umask (open's mode is masked by it).
    await handle.chmod(target.mode);
    if (target.existing && process.getuid?.() === 0) await handle.chown(target.existing.uid, target.existing.gid);
  } catch (error) {
    await discard([{ target, temp, handle }]);
    throw error;
  }
  return { target, temp, handle };
}

async function syncAndClose(temps: Temp[]): Promise<void> {
  try {
    await Promise.all(temps.map((t) => t.handle!.sync()));
  } catch (error) {
    await discard(temps);
    throw error;
  }
  for (const t of temps) {
    await t.handle!.close();
    t.handle = undefined;
  }
}

async function discard(temps: readonly Temp[]): Promise<void> {
  for (const t of temps) {
    await t.handle?.close().catch(() => {});
    t.handle = undefined;
    await fs.rm(t.temp, { force: true });
  }
}

// Renames each temporary file over its target (re-checking it has not changed), then fsyncs the directories.
async function renameOver(temps: readonly Temp[], options: readonly WriteFileAtomicOptions[]): Promise<void> {
  const directories = new Set<string>();
  let i = 0;
  try {
    for (; i < temps.length; i++) {
      const { target, temp } = temps[i]!;
      const expected = options[i]?.expectedHash;
      if (expected !== undefined) await checkUnchanged(target.path, await fs.stat(target.path).catch(() => undefined), expected);
      await fs.rename(temp, target.path);
      directories.add(dirname(target.path));
    }
  } catch (error) {
    await discard(temps.slice(i));
    throw error;
  } finally {
    await Promise.all(
      [...directories].map(async (d) => {
        const dir = await fs.open(d, "r");
        try {
          await dir.sync();
        } finally {
          await dir.close();
        }
      }),
    );
  }
}
