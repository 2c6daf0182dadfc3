import { Transform, type TransformCallback } from "node:stream";
import { constants, crc32, deflateRaw } from "node:zlib";
import { promisify } from "node:util";

const deflateRawAsync = promisify(deflateRaw) as (buffer: Uint8Array, options: object) => Promise<Buffer>;

/** Uncompressed bytes per independently compressed block. */
const BLOCK_SIZE = 256 * 1024;
/** Deflate's window: each block is primed with this much of the text before it. */
const WINDOW = 32 * 1024;
/** Blocks compressed at once on libuv's thread pool. */
const IN_FLIGHT = 4;

/**
 * gzip(1)-compatible output compressed in fixed 256 KiB blocks on several
 * threads, the way pigz does: each block is a deflate run primed with the
 * 32 KiB before it and ended with a sync flush, the last one with the final
 * block. Block boundaries depend only on the input bytes, so the output is
 * the same for the same input. Header: no name, mtime 0, OS Unix.
 */
export class ParallelGzip extends Transform {
  readonly #level: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #previousTail: Buffer = Buffer.alloc(0);
  #crc = 0;
  #size = 0;
  #queue: Array<Promise<Buffer>> = [];
  #headerWritten = false;

  /** @param level - deflate level 1..9. */
  constructor(level: number) {
    super();
    if (!Number.isInteger(level) || level < 1 || level > 9) throw new RangeError(`gzip level must be 1..9, not ${level}`);
    this.#level = level;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    this.#drainFullBlocks().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    (async () => {
      await this.#drainFullBlocks();
      const rest = Buffer.concat(this.#pending, this.#pendingBytes);
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#enqueue(rest, true);
      while (this.#queue.length) this.#emit(await this.#queue.shift()!);
      const trailer = Buffer.alloc(8);
      trailer.writeUInt32LE(this.#crc >>> 0, 0);
      trailer.writeUInt32LE(this.#size % 2 ** 32, 4);
      this.push(trailer);
    })().then(() => done(), done);
  }

  async #drainFullBlocks(): Promise<void> {
    while (this.#pendingBytes >= BLOCK_SIZE) {
      const all = Buffer.concat(this.#pending, this.#pendingBytes);
      const block = all.subarray(0, BLOCK_SIZE);
      const rest = all.subarray(BLOCK_SIZE);
      this.#pending = rest.length ? [rest] : [];
      this.#pendingBytes = rest.length;
      this.#enqueue(block, false);
      if (this.#queue.length >= IN_FLIGHT) this.#emit(await this.#queue.shift()!);
    }
  }

  #enqueue(block: Buffer, last: boolean): void {
    this.#crc = crc32(block, this.#crc);
    this.#size += block.length;
    const options: Record<string, unknown> = {
      level: this.#level,
      memLevel: 8,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    };
    if (this.#previousTail.length) options.dictionary = this.#previousTail;
    this.#queue.push(deflateRawAsync(block, options));
    this.#previousTail = Buffer.from(block.subarray(Math.max(0, block.length - WINDOW)));
  }

  #emit(compressed: Buffer): void {
    if (!this.#headerWritten) {
      // magic, deflate, no flags, mtime 0, no extra flags, OS 3 (Unix)
      this.push(Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
      this.#headerWritten = true;
    }
    this.push(compressed);
  }
}
