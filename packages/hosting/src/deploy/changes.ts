import { contentHash, writeFilesAtomic, type AtomicFile } from "@obsdconf/core";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** One file a deploy run writes, as it was read and as it will be. */
export interface FileChange {
  /** Path on the host, absolute (`/etc/vm.conf`); under the run's root when one is given. */
  path: string;
  /** Content when it was read; `undefined` for a file that did not exist. */
  before: string | Uint8Array | undefined;
  /** Content to write. */
  after: string | Uint8Array;
  /** Mode of a new file (an existing file keeps its own). */
  mode?: number;
  /** What changes, one line each ("vm15 added", "vm13 memory 1G → 2G"). */
  descriptions: string[];
}

/** Where a run reads and writes: `root` stands for `/` (default `/`). */
export interface RootOptions {
  /** Directory standing for the host's `/`. */
  root?: string;
}

/** How {@link writeChanges} writes its files (core's `writeFilesAtomic`; tests give one that fails). */
export type FileWriter = (files: AtomicFile[]) => Promise<void>;

/** Options of {@link writeChanges}. */
export interface WriteOptions extends RootOptions {
  /** The writer (default core's `writeFilesAtomic`). */
  writeFile?: FileWriter;
}

/** `path` on the host, under `root`. */
export function underRoot(path: string, options: RootOptions = {}): string {
  return options.root ? join(options.root, path) : path;
}

/** The content of a host file, or `undefined` when it does not exist. */
export async function readHostFile(path: string, options: RootOptions = {}): Promise<Uint8Array | undefined> {
  try {
    return await readFile(underRoot(path, options));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** True when the change writes what the file already holds. */
export function isNoOp(change: FileChange): boolean {
  return change.before !== undefined && contentHash(change.before) === contentHash(change.after);
}

/**
 * Writes every change atomically (readers see each file old or new), in
 * the order given, with core's `writeFilesAtomic`: every file is checked
 * before any is written; a file that changed on disk since it was read is
 * not overwritten (core's `StaleFileError`). A run that fails part-way
 * leaves each file old or new, and a new run (which reads them again)
 * finishes the job. Directories of new files are created. `first` are
 * files outside the root written in the same batch, before the changes.
 * Returns the paths of the changes written.
 */
export async function writeChanges(changes: readonly FileChange[], options: WriteOptions = {}, first: readonly AtomicFile[] = []): Promise<string[]> {
  const write = options.writeFile ?? writeFilesAtomic;
  const files: AtomicFile[] = [...first];
  const written: string[] = [];
  const made = new Set<string>();
  for (const change of changes) {
    if (isNoOp(change)) continue;
    const target = underRoot(change.path, options);
    if (change.before === undefined && !made.has(dirname(target))) {
      await mkdir(dirname(target), { recursive: true });
      made.add(dirname(target));
    }
    files.push({
      path: target,
      content: change.after,
      expectedHash: change.before === undefined ? null : contentHash(change.before),
      ...(change.mode !== undefined ? { mode: change.mode } : {}),
    });
    written.push(change.path);
  }
  await write(files);
  return written;
}
