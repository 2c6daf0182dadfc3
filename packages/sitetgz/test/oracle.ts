// GNU tar and bsdtar as oracles. Under CI=true both must be installed; on a
// machine without them the tests that need them say so and are skipped.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, lstatSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function has(tool: string): boolean {
  return spawnSync(tool, ["--version"], { encoding: "utf8" }).status === 0;
}

/** The tar programs present: `gnu` is GNU tar, `bsd` is bsdtar (libarchive). */
export function tarTools(): { gnu: boolean; bsd: boolean } {
  const gnu = has("tar") && /GNU tar/.test(spawnSync("tar", ["--version"], { encoding: "utf8" }).stdout);
  const bsd = has("bsdtar");
  if ((!gnu || !bsd) && process.env.CI === "true") throw new Error("GNU tar and bsdtar (libarchive-tools) are required when CI=true");
  if (!gnu || !bsd) console.log(`skipping tar oracle tests: ${!gnu ? "GNU tar" : "bsdtar"} not installed`);
  return { gnu, bsd };
}

/** One line of `tar -tv`: what both tools print, normalised. */
export interface Listed {
  mode: string;
  owner: string;
  group: string;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  name: string;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function run(tool: string, args: string[], input: Uint8Array): string {
  const r = spawnSync(tool, args, { input, env: { ...process.env, TZ: "UTC", LC_ALL: "C.UTF-8" }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString("utf8");
}

/** `tar --full-time [--numeric-owner] -tvzf -` with GNU tar. */
export function gnuList(bytes: Uint8Array, numeric = false): Listed[] {
  const out = run("tar", ["--full-time", ...(numeric ? ["--numeric-owner"] : []), "-tvzf", "-"], bytes);
  return out
    .split("\n")
    .filter((l) => l)
    .map((line) => {
      const m = /^(\S+) ([^/ ]+)\/(\S+)\s+(\d+) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (.*)$/.exec(line);
      if (!m) throw new Error(`unexpected GNU tar line: ${line}`);
      return { mode: m[1]!, owner: m[2]!, group: m[3]!, size: Number(m[4]), mtime: Date.parse(`${m[5]!.replace(" ", "T")}Z`) / 1000, name: m[6]! };
    });
}

/** `bsdtar [--numeric-owner] -tvzf -`; its dates have day precision for old files. */
export function bsdList(bytes: Uint8Array, numeric = false): Listed[] {
  const out = run("bsdtar", [...(numeric ? ["--numeric-owner"] : []), "-tvzf", "-"], bytes);
  return out
    .split("\n")
    .filter((l) => l)
    .map((line) => {
      const m = /^(\S+)\s+\d+ (\S+)\s+(\S+)\s+(\d+) (\w{3}) +(\d+) +(\d{4}|\d\d:\d\d) (.*)$/.exec(line);
      if (!m) throw new Error(`unexpected bsdtar line: ${line}`);
      const year = m[7]!.includes(":") ? new Date().getUTCFullYear() : Number(m[7]);
      const mtime = Date.UTC(year, MONTHS.indexOf(m[5]!), Number(m[6])) / 1000;
      return { mode: m[1]!, owner: m[2]!, group: m[3]!, size: Number(m[4]), mtime, name: m[8]! };
    });
}

/** A file tree as extracted: path -> mode and content (directories without content). */
export type Tree = Map<string, { type: "file" | "directory" | "symlink"; mode: number; content?: string; link?: string }>;

function readTree(root: string, rel = "", out: Tree = new Map()): Tree {
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(root, path));
    if (st.isDirectory()) {
      out.set(path, { type: "directory", mode: st.mode & 0o7777 });
      readTree(root, path, out);
    } else if (st.isSymbolicLink()) {
      out.set(path, { type: "symlink", mode: 0, link: readlinkSync(join(root, path)) });
    } else {
      out.set(path, { type: "file", mode: st.mode & 0o7777, content: readFileSync(join(root, path)).toString("base64") });
    }
  }
  return out;
}

/** Extracts with `tool` (as root would: modes kept) and reads the tree back. */
export function extract(tool: "tar" | "bsdtar", bytes: Uint8Array): Tree {
  const dir = mkdtempSync(join(tmpdir(), "sitetgz-"));
  try {
    run(tool, ["-xpzf", "-", "-C", dir], bytes);
    return readTree(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
