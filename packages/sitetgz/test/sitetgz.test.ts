// Site sets: GNU tar and bsdtar list and extract what we build; refusals;
// reproducibility; names and index.txt; reading back.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSiteSet, indexNames, indexTxt, readSiteSet, SiteSetError, siteSetName, writeSiteSet, type SiteSetEntry } from "../src/index.js";
import { bsdList, extract, gnuList, tarTools } from "./oracle.js";

const tools = tarTools();

// The hosting example: installurl, the tsc timecounter, ntpd -s, no sndiod.
const hosting: SiteSetEntry[] = [
  { path: "etc/installurl", content: "https://cdn.openbsd.org/pub/OpenBSD\n" },
  { path: "etc/sysctl.conf", content: "kern.timecounter.hardware=tsc\n" },
  { path: "etc/rc.conf.local", content: 'ntpd_flags="-s"\nsndiod_flags=NO\n' },
];
const installSite = "#!/bin/sh\nrm -f /install.site\n";

const refused = async (f: () => Promise<unknown>): Promise<SiteSetError> => {
  try {
    await f();
  } catch (e) {
    if (e instanceof SiteSetError) return e;
    throw e;
  }
  throw new Error("not refused");
};

if (tools.gnu && tools.bsd) {
  test("the hosting set: GNU tar and bsdtar list the same names, modes, owners, sizes and times", async () => {
    const bytes = await buildSiteSet({ release: "7.6", entries: hosting, installSite, mtime: 1700000000 });
    const expected = [
      { mode: "-rw-r--r--", size: 36, name: "etc/installurl" },
      { mode: "-rw-r--r--", size: 32, name: "etc/rc.conf.local" },
      { mode: "-rw-r--r--", size: 30, name: "etc/sysctl.conf" },
      { mode: "-rwxr-xr-x", size: installSite.length, name: "install.site" },
    ];
    for (const [list, numeric, owner, group] of [
      [gnuList, false, "root", "wheel"],
      [gnuList, true, "0", "0"],
      [bsdList, false, "root", "wheel"],
      [bsdList, true, "0", "0"],
    ] as const) {
      assert.equal(
        list(bytes, numeric),
        expected.map((e) => ({ ...e, owner, group, mtime: list === bsdList ? Date.UTC(2023, 10, 14) / 1000 : 1700000000 })),
      );
    }
  });

  test("the hosting set extracts byte for byte, modes kept, with both tools", async () => {
    const bytes = await buildSiteSet({ release: "7.6", entries: [{ path: "etc", type: "directory" }, ...hosting], installSite });
    for (const tool of ["tar", "bsdtar"] as const) {
      const tree = extract(tool, bytes);
      assert.equal(tree.get("etc"), { type: "directory", mode: 0o755 });
      for (const e of hosting) {
        assert.equal(tree.get(e.path), { type: "file", mode: 0o644, content: Buffer.from(e.content as string).toString("base64") });
      }
      assert.equal(tree.get("install.site"), { type: "file", mode: 0o755, content: Buffer.from(installSite).toString("base64") });
      assert.is(tree.size, 5);
    }
  });

  test("a tree from a directory: modes normalised, stock system directories, links kept inside", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sitetree-"));
    try {
      mkdirSync(join(dir, "root/.ssh"), { recursive: true });
      chmodSync(join(dir, "root"), 0o775);
      writeFileSync(join(dir, "root/.ssh/authorized_keys"), "ssh-ed25519 AAAA\n", { mode: 0o600 });
      mkdirSync(join(dir, "usr/local/bin"), { recursive: true });
      writeFileSync(join(dir, "usr/local/bin/hello"), "#!/bin/sh\n", { mode: 0o775 });
      symlinkSync("hello", join(dir, "usr/local/bin/hi"));
      const bytes = await buildSiteSet({ release: "7.6", fromDirectory: dir, entries: [{ path: "usr/local/bin/hello", content: "#!/bin/sh\necho hi\n", mode: 0o755 }] });
      const tree = extract("tar", bytes);
      assert.equal(tree.get("root"), { type: "directory", mode: 0o700 });
      assert.equal(tree.get("root/.ssh"), { type: "directory", mode: 0o700 });
      assert.equal(tree.get("root/.ssh/authorized_keys")!.mode, 0o600);
      assert.equal(tree.get("usr/local/bin/hello"), { type: "file", mode: 0o755, content: Buffer.from("#!/bin/sh\necho hi\n").toString("base64") });
      assert.equal(tree.get("usr/local/bin/hi"), { type: "symlink", mode: 0, link: "hello" });
      symlinkSync("../../../../etc/passwd", join(dir, "usr/local/bin/escape"));
      const e = await refused(() => buildSiteSet({ release: "7.6", fromDirectory: dir }));
      assert.is(e.code, "LINK_ESCAPES");
      assert.is(e.path, "usr/local/bin/escape");
      rmSync(join(dir, "usr/local/bin/escape"));
      execFileSync("mkfifo", [join(dir, "fifo")]);
      assert.is((await refused(() => buildSiteSet({ release: "7.6", fromDirectory: dir }))).code, "UNSUPPORTED_TYPE");
      rmSync(join(dir, "fifo"));
      writeFileSync(join(dir, "install.site"), "#!/bin/sh\n", { mode: 0o644 });
      assert.is((await refused(() => buildSiteSet({ release: "7.6", fromDirectory: dir }))).code, "NOT_EXECUTABLE");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
} else {
  test.skip("tar oracle tests (GNU tar or bsdtar not installed)", () => {});
}

test("same input, same bytes: entry order, SOURCE_DATE_EPOCH and the default mtime", async () => {
  const a = await buildSiteSet({ release: "7.6", entries: hosting, installSite });
  const b = await buildSiteSet({ release: "7.6", entries: [...hosting].reverse(), installSite });
  assert.equal(a, b);
  assert.ok(readSiteSet(a).every((e) => e.mtime === 0 && e.uid === 0 && e.gid === 0 && e.uname === "root" && e.gname === "wheel"));
  process.env.SOURCE_DATE_EPOCH = "1700000000";
  try {
    const c = await buildSiteSet({ release: "7.6", entries: hosting });
    assert.ok(readSiteSet(c).every((e) => e.mtime === 1700000000));
  } finally {
    delete process.env.SOURCE_DATE_EPOCH;
  }
});

test("hostile and broken entries are refused with the path named", async () => {
  const cases: Array<[SiteSetEntry[], string, string]> = [
    [[{ path: "/etc/passwd", content: "x" }], "/etc/passwd", "ABSOLUTE_PATH"],
    [[{ path: "etc/../../x", content: "x" }], "etc/../../x", "DOT_DOT"],
    [[{ path: "", content: "x" }], "", "EMPTY_NAME"],
    [[{ path: "etc//x", content: "x" }], "etc//x", "EMPTY_NAME"],
    [[{ path: "a\0b", content: "x" }], "a\0b", "NUL_IN_NAME"],
    [[{ path: "x".repeat(101), content: "x" }], "x".repeat(101), "TOO_LONG"],
    [[{ path: `${"d".repeat(156)}/x`, content: "x" }], `${"d".repeat(156)}/x`, "TOO_LONG"],
    [[{ path: "etc/motd" }, { path: "./etc/motd" }], "./etc/motd", "DUPLICATE_PATH"],
    [[{ path: "install.site", content: "#!/bin/sh\n", mode: 0o644 }], "install.site", "NOT_EXECUTABLE"],
  ];
  for (const [entries, path, code] of cases) {
    const e = await refused(() => buildSiteSet({ release: "7.6", entries }));
    assert.is(e.path, path);
    assert.is(e.code, code, path);
  }
});

test("writeSiteSet streams to a file and leaves nothing behind on failure", async () => {
  const dir = mkdtempSync(join(tmpdir(), "siteout-"));
  try {
    const file = join(dir, siteSetName("7.6"));
    const size = await writeSiteSet(file, { release: "7.6", entries: hosting });
    const bytes = readFileSync(file);
    assert.is(bytes.length, size);
    assert.equal(new Uint8Array(bytes), await buildSiteSet({ release: "7.6", entries: hosting }));
    await refused(() => writeSiteSet(join(dir, "bad.tgz"), { release: "7.6", entries: [{ path: "/x" }] }));
    assert.equal(execFileSync("ls", ["-A", dir]).toString(), "site76.tgz\n");
    const missing = join(dir, "no", "such");
    const e = await refused(() => writeSiteSet(join(missing, "site76.tgz"), { release: "7.6", entries: hosting }));
    assert.is(e.code, "NO_DIRECTORY");
    assert.ok(e.message.includes(missing) && !e.message.includes(".tmp"), e.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("set names and index.txt as the installer reads them", () => {
  assert.is(siteSetName("7.6"), "site76.tgz");
  assert.is(siteSetName("6.5", "web1.example.org"), "site65-web1.tgz");
  assert.throws(() => siteSetName("76"), (e: unknown) => e instanceof RangeError);
  const existing = "total 8\n-rw-r--r--  1 root  wheel  1000 Jan  1  2024 base76.tgz\n-rw-r--r--  1 root  wheel  5 Jan  1  2024 site76.tgz\n";
  const merged = indexTxt([{ name: "site76.tgz", size: 300 }, { name: "INSTALL.amd64", size: 10 }], existing);
  assert.equal(indexNames(merged), ["INSTALL.amd64", "base76.tgz", "site76.tgz"]);
  assert.ok(merged.startsWith("total 8\n"));
  assert.match(merged, /  300 Jan  1  1970 site76\.tgz\n/);
  // A bare `ls` listing has no blank before the name: the installer sees nothing.
  assert.equal(indexNames("site76.tgz\n"), []);
  assert.throws(() => indexTxt([{ name: "1bad", size: 1 }]), (e: unknown) => e instanceof SiteSetError);
});

test("readSiteSet gives back paths, modes, owners and contents", async () => {
  const files = readSiteSet(await buildSiteSet({ release: "7.6", entries: hosting, installSite }));
  assert.equal(
    files.map((f) => [f.path, f.type, f.mode, f.size, Buffer.from(f.content).toString()]),
    [
      ["etc/installurl", "file", 0o644, 36, "https://cdn.openbsd.org/pub/OpenBSD\n"],
      ["etc/rc.conf.local", "file", 0o644, 32, 'ntpd_flags="-s"\nsndiod_flags=NO\n'],
      ["etc/sysctl.conf", "file", 0o644, 30, "kern.timecounter.hardware=tsc\n"],
      ["install.site", "file", 0o755, installSite.length, installSite],
    ],
  );
});

test.run();
