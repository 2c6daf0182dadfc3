import { gunzipSync } from "node:zlib";
import { BLOCK, readUstarHeader, type UstarHeader } from "./ustar.js";

/** An entry read back from a set. */
export interface SiteSetFile extends Omit<UstarHeader, "path" | "type"> {
  /** Path as stored (directories without the trailing `/`). */
  path: string;
  /** Kind of entry. */
  type: "file" | "directory" | "symlink" | "other";
  /** The content (empty for non-files). */
  content: Uint8Array;
}

/** Lists a gzip'd ustar set (for inspection and tests). Throws on a corrupt archive. */
export function readSiteSet(bytes: Uint8Array): SiteSetFile[] {
  const tar = gunzipSync(bytes);
  const out: SiteSetFile[] = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = readUstarHeader(tar.subarray(at, at + BLOCK));
    at += BLOCK;
    if (!header) break;
    const content = tar.subarray(at, at + header.size);
    at += Math.ceil(header.size / BLOCK) * BLOCK;
    const type = header.type === "0" || (header.type as string) === "\0" ? "file" : header.type === "5" ? "directory" : header.type === "2" ? "symlink" : "other";
    const file: SiteSetFile = {
      path: header.path.replace(/\/$/, ""),
      type,
      mode: header.mode,
      uid: header.uid,
      gid: header.gid,
      uname: header.uname,
      gname: header.gname,
      size: header.size,
      mtime: header.mtime,
      content: new Uint8Array(content),
    };
    if (header.linkname !== undefined) file.linkname = header.linkname;
    out.push(file);
  }
  return out;
}
