import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
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
  /** Mode for a new file (default 0o644); an existing file keeps its own. */
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
  // A symbolic link is followed: its target is replaced, the link stays.
  const path = await fs.realpath(given).catch(() => given);
  const existing = await fs.stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  if (options.expectedHash !== undefined) {
    if (options.expectedHash === null) {
      if (existing) throw new StaleFileError(path);
    } else {
      const current = existing ? await fs.readFile(path) : undefined;
      if (!current || contentHash(current) !== options.expectedHash) throw new StaleFileError(path);
    }
  }
  const directory = dirname(path);
  const isDirectory = await fs.stat(directory).then((s) => s.isDirectory(), () => false);
  if (!isDirectory) throw new MissingDirectoryError(path, directory);
  const temp = join(directory, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx", existing ? existing.mode & 0o7777 : (options.mode ?? 0o644));
  try {
    if (typeof content === "string" || content instanceof Uint8Array) await handle.writeFile(content);
    else {
      for await (const chunk of content) {
        for (let done = 0; done < chunk.length; ) done += (await handle.write(chunk, done)).bytesWritten;
      }
    }
    if (existing) {
      await handle.chmod(existing.mode & 0o7777);
      if (process.getuid?.() === 0) await handle.chown(existing.uid, existing.gid);
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  const dir = await fs.open(dirname(path), "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
