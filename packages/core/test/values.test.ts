import { chmod, lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isIPv4 as isIP4 } from "node:net";
import { join } from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  applyEdits,
  canonicalIPv6,
  contentHash,
  EditConflictError,
  formatDiagnostic,
  formatSize,
  formatOwner,
  LineIndex,
  parseIPv4,
  parseMac,
  parseOwner,
  parsePrefix,
  prefixHostBitsZero,
  scanScaled,
  StaleFileError,
  writeFileAtomic,
  writeFilesAtomic,
  MissingDirectoryError,
} from "../src/index.js";
import { propertyRuns } from "../src/testing.js";

test("MAC addresses as ether_aton reads them", () => {
  assert.is(parseMac("FE:E1:BB:F1:C8:1"), "fe:e1:bb:f1:c8:01");
  assert.is(parseMac("fe:e1:bb:f1:c8"), undefined);
  assert.is(parseMac("fe:e1:bb:f1:c8:100"), undefined);
});

test("IPv4 and IPv6 addresses, canonical IPv6 (RFC 5952)", () => {
  assert.equal(parseIPv4("100.64.0.1"), [100, 64, 0, 1]);
  assert.is(parseIPv4("1.2.3.256"), undefined);
  assert.is(parseIPv4("01.2.3.4"), undefined);
  assert.is(canonicalIPv6("2a03:6000:6f64:0613:0000:0000:0000:0013"), "2a03:6000:6f64:613::13");
  assert.is(canonicalIPv6("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
  assert.is(canonicalIPv6("2001:0db8:0000:0001:0001:0001:0001:0001"), "2001:db8:0:1:1:1:1:1");
  assert.is(canonicalIPv6("::ffff:1.2.3.4"), "::ffff:102:304");
  assert.is(canonicalIPv6("1::2::3"), undefined);
  assert.equal(parsePrefix("100.64.0.0/10"), { family: 4, address: "100.64.0.0", length: 10 });
  assert.ok(prefixHostBitsZero(parsePrefix("100.64.0.0/10")!));
  assert.not.ok(prefixHostBitsZero(parsePrefix("100.64.0.1/10")!));
});

test("sizes as scan_scaled reads them", () => {
  assert.equal(scanScaled("512M"), { ok: true, bytes: 512 * 1024 ** 2 });
  assert.equal(scanScaled("1.5g"), { ok: true, bytes: 1.5 * 1024 ** 3 });
  assert.equal(scanScaled("1048576"), { ok: true, bytes: 1048576 });
  assert.equal(scanScaled("1X"), { ok: false, error: "Invalid argument" });
  assert.equal(scanScaled("99999999E"), { ok: false, error: "Result too large" });
  assert.is(formatSize(1024 ** 3), "1G");
  assert.is(formatSize(1536 * 1024 ** 2), "1536M");
});

test("owners: user, user:group, :group", () => {
  assert.equal(parseOwner(":_vmdusers"), { group: "_vmdusers" });
  assert.equal(parseOwner("alice:staff"), { user: "alice", group: "staff" });
  assert.is(formatOwner({ group: "_vmdusers" }), ":_vmdusers");
  assert.is(formatOwner({ uid: 1000 }), "1000");
});

test("line index and diagnostic format", () => {
  const index = new LineIndex("ab\ncd\n");
  assert.equal(index.position(4), { line: 2, column: 2 });
  assert.is(index.lineCount, 3);
  const text = formatDiagnostic({ severity: "error", code: "X", message: "too many disks", file: "vm.conf", line: 12, column: 3, endLine: 12, endColumn: 5 });
  assert.is(text, "vm.conf:12:3: error: too many disks");
});

test("applyEdits applies against the original text and refuses overlaps", () => {
  const text = "hello world";
  assert.is(applyEdits(text, [{ offset: 6, length: 5, content: "there" }, { offset: 0, length: 0, content: ">" }]), ">hello there");
  assert.throws(() => applyEdits(text, [{ offset: 0, length: 5, content: "" }, { offset: 3, length: 1, content: "" }]), (e: unknown) => e instanceof EditConflictError);
});

test("writeFileAtomic keeps the mode and refuses a file that changed since it was read", async () => {
  const dir = await mkdtemp(join(tmpdir(), "obsdconf-"));
  const path = join(dir, "vm.conf");
  await writeFile(path, "old\n");
  await chmod(path, 0o640);
  const hash = contentHash("old\n");
  await writeFileAtomic(path, "new\n", { expectedHash: hash });
  assert.is(await readFile(path, "utf8"), "new\n");
  assert.is((await stat(path)).mode & 0o777, 0o640);
  try {
    await writeFileAtomic(path, "newer\n", { expectedHash: hash });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, StaleFileError);
  }
  assert.is(await readFile(path, "utf8"), "new\n");
  try {
    await writeFileAtomic(path, "x", { expectedHash: null });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, StaleFileError);
  }
});



test("parseIPv4 agrees with Node's inet_pton-style isIPv4 on strings of digits and dots", () => {
  const text = fc.array(fc.constantFrom("0", "1", "2", "5", "9", ".", "25", "255", "256", "00"), { maxLength: 12 }).map((parts) => parts.join(""));
  fc.assert(
    fc.property(text, (s) => (parseIPv4(s) !== undefined) === isIP4(s)),
    { numRuns: propertyRuns() },
  );
});

test("writeFileAtomic through a symbolic link replaces the link's target and keeps the link", async () => {
  const dir = await mkdtemp(join(tmpdir(), "obsdconf-link-"));
  await writeFile(join(dir, "real.conf"), "old\n");
  await symlink("real.conf", join(dir, "vm.conf"));
  await writeFileAtomic(join(dir, "vm.conf"), "new\n");
  assert.is(await readFile(join(dir, "real.conf"), "utf8"), "new\n");
  assert.ok((await lstat(join(dir, "vm.conf"))).isSymbolicLink());
});

test("writeFilesAtomic writes every file, new ones with their mode, existing ones keeping theirs", async () => {
  const dir = await mkdtemp(join(tmpdir(), "obsdconf-many-"));
  await writeFile(join(dir, "old.conf"), "old\n");
  await chmod(join(dir, "old.conf"), 0o600);
  const files = Array.from({ length: 50 }, (_, i) => ({ path: join(dir, `f${i}`), content: `file ${i}\n`, mode: 0o640, expectedHash: null }));
  await writeFilesAtomic([...files, { path: join(dir, "old.conf"), content: "new\n", expectedHash: contentHash("old\n") }]);
  for (const f of files) {
    assert.is(await readFile(f.path, "utf8"), f.content);
    assert.is((await stat(f.path)).mode & 0o777, 0o640);
  }
  assert.is(await readFile(join(dir, "old.conf"), "utf8"), "new\n");
  assert.is((await stat(join(dir, "old.conf"))).mode & 0o777, 0o600);
  assert.equal((await readdir(dir)).filter((n) => n.endsWith(".tmp")), []);
});

test("a new file gets the mode asked for whatever the umask (httpd must read a set written under umask 077)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "obsdconf-umask-"));
  const old = process.umask(0o077);
  try {
    await writeFileAtomic(join(dir, "site78.tgz"), "x", { mode: 0o644 });
    await writeFilesAtomic([{ path: join(dir, "index.txt"), content: "y", mode: 0o644 }]);
  } finally {
    process.umask(old);
  }
  assert.is((await stat(join(dir, "site78.tgz"))).mode & 0o777, 0o644);
  assert.is((await stat(join(dir, "index.txt"))).mode & 0o777, 0o644);
});

test("writeFilesAtomic checks every file before writing any: a stale or homeless one leaves all as they were", async () => {
  const dir = await mkdtemp(join(tmpdir(), "obsdconf-many-"));
  await writeFile(join(dir, "a"), "a\n");
  await writeFile(join(dir, "b"), "changed by someone\n");
  const run = (last: { path: string; content: string; expectedHash?: string }) =>
    writeFilesAtomic([{ path: join(dir, "a"), content: "A\n", expectedHash: contentHash("a\n") }, last]).then(
      () => undefined,
      (error: unknown) => error,
    );
  assert.instance(await run({ path: join(dir, "b"), content: "B\n", expectedHash: contentHash("b\n") }), StaleFileError);
  assert.instance(await run({ path: join(dir, "no/such/dir/c"), content: "C\n" }), MissingDirectoryError);
  assert.is(await readFile(join(dir, "a"), "utf8"), "a\n");
  assert.is(await readFile(join(dir, "b"), "utf8"), "changed by someone\n");
  assert.equal((await readdir(dir)).sort(), ["a", "b"]);
});

test.run();
