import { SiteSetError } from "./errors.js";

/** Size of a tar block. */
export const BLOCK = 512;
/** Longest name field, in bytes. */
export const USTAR_NAME_MAX = 100;
/** Longest prefix field, in bytes. */
export const USTAR_PREFIX_MAX = 155;

/** A header as written: everything the ustar fields carry. */
export interface UstarHeader {
  /** Path inside the archive (a directory's ends with `/`). */
  path: string;
  /** `0` regular file, `5` directory, `2` symbolic link. */
  type: "0" | "5" | "2";
  /** Permission bits (up to 07777). */
  mode: number;
  /** Owner and group ids. */
  uid: number;
  /** See `uid`. */
  gid: number;
  /** Owner and group names. */
  uname: string;
  /** See `uname`. */
  gname: string;
  /** Size of the content in bytes (0 for directories and links). */
  size: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** Target of a symbolic link. */
  linkname?: string;
}

const encoder = new TextEncoder();

/** A path as ustar stores it. */
export interface UstarPathFields {
  /** Up to 155 bytes before the split `/` (empty for short paths). */
  prefix: Uint8Array;
  /** Up to 100 bytes after it. */
  name: Uint8Array;
}

/**
 * Splits a path into ustar's prefix and name fields (UTF-8 bytes), at a `/`,
 * the name part as long as possible. Undefined when it cannot fit.
 */
export function splitUstarPath(path: string): UstarPathFields | undefined {
  const bytes = encoder.encode(path);
  if (bytes.length <= USTAR_NAME_MAX) return { prefix: new Uint8Array(0), name: bytes };
  // The name is what follows a '/' within the last 100 bytes (a directory's
  // trailing '/' stays in the name).
  const searchEnd = bytes[bytes.length - 1] === 0x2f ? bytes.length - 1 : bytes.length;
  for (let slash = Math.max(0, bytes.length - USTAR_NAME_MAX - 1); slash < searchEnd; slash++) {
    if (bytes[slash] !== 0x2f) continue;
    if (slash > USTAR_PREFIX_MAX || slash === 0) return undefined;
    if (bytes.length - slash - 1 > USTAR_NAME_MAX) continue;
    return { prefix: bytes.subarray(0, slash), name: bytes.subarray(slash + 1) };
  }
  return undefined;
}

function octal(block: Uint8Array, offset: number, length: number, value: number, path: string): void {
  const digits = value.toString(8);
  if (digits.length > length - 1) throw new SiteSetError(path, "TOO_LONG", `value ${value} does not fit a ustar field`);
  const text = digits.padStart(length - 1, "0");
  for (let i = 0; i < text.length; i++) block[offset + i] = text.charCodeAt(i);
  block[offset + length - 1] = 0;
}

function field(block: Uint8Array, offset: number, length: number, bytes: Uint8Array, path: string): void {
  if (bytes.length > length) throw new SiteSetError(path, "TOO_LONG", "does not fit a ustar header");
  block.set(bytes, offset);
}

/** A 512-byte POSIX ustar header. */
export function ustarHeader(h: UstarHeader): Uint8Array {
  const split = splitUstarPath(h.path);
  if (!split) {
    throw new SiteSetError(h.path, "TOO_LONG", `too long for ustar (name ${USTAR_NAME_MAX} bytes after a '/', prefix ${USTAR_PREFIX_MAX} bytes before it)`);
  }
  const block = new Uint8Array(BLOCK);
  field(block, 0, 100, split.name, h.path);
  octal(block, 100, 8, h.mode, h.path);
  octal(block, 108, 8, h.uid, h.path);
  octal(block, 116, 8, h.gid, h.path);
  octal(block, 124, 12, h.size, h.path);
  octal(block, 136, 12, h.mtime, h.path);
  block.fill(0x20, 148, 156); // checksum counted as blanks
  block[156] = h.type.charCodeAt(0);
  if (h.linkname !== undefined) field(block, 157, 100, encoder.encode(h.linkname), h.path);
  block.set(encoder.encode("ustar\u000000"), 257);
  field(block, 265, 32, encoder.encode(h.uname), h.path);
  field(block, 297, 32, encoder.encode(h.gname), h.path);
  octal(block, 329, 8, 0, h.path);
  octal(block, 337, 8, 0, h.path);
  field(block, 345, 155, split.prefix, h.path);
  let sum = 0;
  for (const b of block) sum += b;
  const checksum = sum.toString(8).padStart(6, "0");
  for (let i = 0; i < 6; i++) block[148 + i] = checksum.charCodeAt(i);
  block[154] = 0;
  block[155] = 0x20;
  return block;
}

/** Zero bytes that pad `size` bytes of content to a whole block. */
export function padding(size: number): Uint8Array {
  return new Uint8Array((BLOCK - (size % BLOCK)) % BLOCK);
}

/** The two zero blocks that end an archive. */
export function endOfArchive(): Uint8Array {
  return new Uint8Array(2 * BLOCK);
}

const decoder = new TextDecoder();

function readString(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul < 0 ? slice : slice.subarray(0, nul));
}

function readOctal(block: Uint8Array, offset: number, length: number): number {
  const text = readString(block, offset, length).trim();
  return text === "" ? 0 : parseInt(text, 8);
}

/** A header read back, or undefined at the end-of-archive block. Throws on a bad checksum. */
export function readUstarHeader(block: Uint8Array): UstarHeader | undefined {
  if (block.every((b) => b === 0)) return undefined;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!;
  if (sum !== readOctal(block, 148, 8)) throw new Error("tar header checksum mismatch");
  const name = readString(block, 0, 100);
  const prefix = readString(block, 345, 155);
  const type = String.fromCharCode(block[156]!) as UstarHeader["type"];
  const header: UstarHeader = {
    path: prefix ? `${prefix}/${name}` : name,
    type,
    mode: readOctal(block, 100, 8),
    uid: readOctal(block, 108, 8),
    gid: readOctal(block, 116, 8),
    size: readOctal(block, 124, 12),
    mtime: readOctal(block, 136, 12),
    uname: readString(block, 265, 32),
    gname: readString(block, 297, 32),
  };
  if (type === "2") header.linkname = readString(block, 157, 100);
  return header;
}
