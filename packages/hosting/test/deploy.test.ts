// The deploy flow on the sample host of examples/deploy/sample, in a
// temporary root: what it writes, that each file reads back cleanly in its
// package (and dhcpd.conf in ISC dhcpd -t), that a second run is a no-op,
// that allocation goes around what is used, and that a run that fails
// part-way leaves every file old or new.
import { execFileSync, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { explain, parse as parseInstallConf } from "@obsdconf/autoinstall";
import { writeFilesAtomic, type AtomicFile } from "@obsdconf/core";
import { parse as parseDhcpdConf } from "@obsdconf/dhcpdconf";
import { parse as parseDoasConf } from "@obsdconf/doasconf";
import { parse as parseHttpdConf } from "@obsdconf/httpdconf";
import { indexNames, readSiteSet } from "@obsdconf/sitetgz";
import { parse as parseVmConf } from "@obsdconf/vmconf";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkHost } from "../src/check-host.js";
import { deploy, forgetAnswers, summary, UnknownVmError, type DeployReport } from "../src/deploy/run.js";
import { hostConf, orderText } from "../../../examples/deploy/orders.js";

const sample = fileURLToPath(new URL("../../../examples/deploy/sample", import.meta.url));

async function sampleRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "deploy-test-"));
  await cp(sample, root, { recursive: true });
  return root;
}

/** Every file under `dir`, path → content. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(p.slice(dir.length), (await readFile(p)).toString("base64"));
    }
  };
  await walk(dir);
  return out;
}

const errors = (ds: ReadonlyArray<{ severity: string }>) => ds.filter((d) => d.severity === "error");
// checkHost's info (an installed VM's answer file is gone) is normal; errors and warnings are not.
const problems = <T extends { severity: string }>(ds: readonly T[]): T[] => ds.filter((d) => d.severity !== "info");

async function checkWritten(root: string, report: DeployReport, release = "7.8"): Promise<void> {
  const read = async (p: string): Promise<string> => readFile(join(root, p), "utf8");
  const vm = parseVmConf(await read("/etc/vm.conf"), { fileName: "/etc/vm.conf" });
  const dhcpd = parseDhcpdConf(await read("/etc/dhcpd.conf"), { fileName: "/etc/dhcpd.conf" });
  assert.equal(errors(vm.diagnostics), [], "vm.conf");
  assert.equal(errors(dhcpd.diagnostics), [], "dhcpd.conf");
  assert.equal(errors(parseDoasConf(await read("/etc/doas.conf")).diagnostics), [], "doas.conf");
  assert.equal(errors(parseHttpdConf(await read("/etc/httpd.conf")).diagnostics), [], "httpd.conf");
  const htdocs = "/var/www/htdocs";
  const answerNames = (await readdir(join(root, htdocs))).filter((n) => n.endsWith("-install.conf"));
  const installConfs = [];
  for (const name of answerNames) {
    const doc = parseInstallConf(await read(`${htdocs}/${name}`), { fileName: `${htdocs}/${name}` });
    assert.equal(explain(doc, { release: release as never }).diagnostics, [], name);
    installConfs.push(doc);
  }
  assert.equal(problems(checkHost({ vmConf: vm, dhcpdConf: dhcpd, installConfs }, { subnet: { network: "192.0.2.0", netmask: "255.255.255.0" } })), []);
  void report;
}

test("the sample deploys: two VMs added, one changed, the rest of every file kept", async () => {
  const root = await sampleRoot();
  const before = await readFile(join(root, "etc/vm.conf"), "utf8");
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "7.8" });
  assert.ok(report.ok, JSON.stringify(report.diagnostics));
  const status = Object.fromEntries(report.vms.map((v) => [v.vm, v.status]));
  assert.equal(status, { vm13: "changed", vm15: "added", vm16: "added" });
  assert.equal(report.vms.find((v) => v.vm === "vm13")!.changes, ["memory 1G → 2G"]);
  // 7.8's vmctl lets the owner stop a VM: doas.conf is left alone, and the summary says why.
  assert.not.ok(report.changes.some((c) => c.path === "/etc/doas.conf"));
  assert.match(summary(report), "Note: doas.conf: no rule needed on 7.8");
  const vmConf = await readFile(join(root, "etc/vm.conf"), "utf8");
  // vm12 has no order: its block, with its comment, is byte for byte the same.
  const vm12 = before.slice(before.indexOf("# vm12"), before.indexOf("# vm13"));
  assert.ok(vmConf.includes(vm12));
  assert.match(vmConf, /vm "vm13" \{\n\tdisable\n\towner carol\n\tmemory 2G\n/);
  // The new blocks follow the host's style: disable, tap interface, formats stated.
  assert.match(vmConf, /vm "vm15" \{\n\tdisable\n\towner alice\n\tmemory 512M\n\tdisk "\/var\/vmm\/vm15.qcow2" format qcow2\n\tinterface tap \{/);
  assert.match(vmConf, /disk "\/var\/vmm\/vm16-disk2.qcow2" format qcow2/);
  // Allocation goes around vm12/vm13's MACs and the addresses .12 .13 .14 (the printer's too).
  const added = report.vms.filter((v) => v.status === "added").map((v) => v.allocation);
  for (const a of added) {
    assert.not.ok(["fe:e1:bb:d1:c8:0c", "fe:e1:bb:d1:c8:0d", "00:11:22:33:44:55"].includes(a.mac), a.mac);
    assert.not.ok(["192.0.2.1", "192.0.2.12", "192.0.2.13", "192.0.2.14"].includes(a.ipv4), a.ipv4);
  }
  assert.is(new Set(added.map((a) => a.mac)).size, 2);
  assert.is(new Set(added.map((a) => a.ipv4)).size, 2);
  await checkWritten(root, report);
  // The site set holds the three files and index.txt lists it.
  const tgz = await readFile(join(root, "var/www/htdocs/pub/OpenBSD/7.8/amd64/site78.tgz"));
  const files = await readSiteSet(tgz);
  assert.equal(files.map((f) => f.path).sort(), ["etc/installurl", "etc/rc.conf.local", "etc/sysctl.conf"]);
  assert.ok(indexNames(await readFile(join(root, "var/www/htdocs/pub/OpenBSD/7.8/amd64/index.txt"), "utf8")).includes("site78.tgz"));
  // Answer files: the web server's group only; root's password hashed; the user's only as the key comment.
  for (const a of added) {
    const path = join(root, "var/www/htdocs", `${a.mac}-install.conf`);
    const text = await readFile(path, "utf8");
    assert.match(text, /^Password for root account = \$2b\$04\$/m);
    assert.match(text, /^Password for user \w+ = \$2b\$04\$/m);
    const { statSync } = await import("node:fs");
    assert.is(statSync(path).mode & 0o777, 0o640);
  }
  assert.ok(report.script, "a host script");
  execFileSync("sh", ["-n"], { input: report.script!.text });
  assert.match(report.script!.text, "useradd -m -G _vmdusers -c 'Alice Example' alice");
  await rm(root, { recursive: true });
});

test("a second run with the same inputs changes nothing and writes no script", async () => {
  const root = await sampleRoot();
  const conf = join(root, "_deploy.conf");
  await deploy({ confFile: conf, root, write: true, release: "7.8" });
  const after = await snapshot(root);
  const again = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.ok(again.ok);
  assert.equal(again.changes, []);
  assert.is(again.script, undefined);
  assert.equal(await snapshot(root), after);
  await rm(root, { recursive: true });
});

test("the generated dhcpd.conf passes ISC dhcpd -t", async () => {
  const probe = spawnSync("dhcpd", ["--version"]);
  if (probe.error) {
    if (process.env.CI === "true") assert.unreachable("ISC dhcpd is not installed (CI installs isc-dhcp-server)");
    console.log("SKIP 1 ISC dhcpd not installed");
    return;
  }
  const root = await sampleRoot();
  await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "7.8" });
  const r = spawnSync("dhcpd", ["-t", "-cf", join(root, "etc/dhcpd.conf")]);
  assert.is(r.status, 0, r.stderr.toString());
  await rm(root, { recursive: true });
});

test("a range that cannot hold the orders stops the run before anything is written, saying how many fit", async () => {
  const root = await sampleRoot();
  const conf = join(root, "_deploy.conf");
  // 192.0.2.248/29 holds .249–.254: the router .1 is outside, so 6 addresses for 3 orders... make it /30: 2 hosts.
  const text = (await readFile(conf, "utf8"))
    .replace('IP_START="10"', 'IP_START="253"')
    .replace('SUBNET="192.0.2.0"', 'SUBNET="192.0.2.252"')
    .replace('NETMASK="255.255.255.0"', 'NETMASK="255.255.255.252"')
    .replace('ROUTER="192.0.2.1"', 'ROUTER="192.0.2.254"')
    .replace('DNS="192.0.2.1"', 'DNS="192.0.2.254"');
  await writeFile(conf, text);
  const before = await snapshot(root);
  const report = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.not.ok(report.ok);
  assert.is(report.diagnostics[0]!.code, "RANGE_EXHAUSTED");
  assert.match(report.diagnostics[0]!.message, /free/);
  assert.equal(await snapshot(root), before);
  await rm(root, { recursive: true });
});

/**
 * Runs a deploy whose writer meets `fault` (given the files to write and the
 * root; it may write some of them and throw), then checks every file is old
 * or new and that a re-run finishes the job.
 */
async function faultyRun(fault: (files: AtomicFile[], root: string) => Promise<void>, handEdited?: string): Promise<void> {
  const root = await sampleRoot();
  const conf = join(root, "_deploy.conf");
  const before = await snapshot(root);
  const report = await deploy({ confFile: conf, root, write: true, release: "7.8", writeFile: (files) => fault(files, root) }).catch((error: Error) => error);
  assert.instance(report, Error, "the run stops");
  // Each file is its old content or its new content: never a mix, never a stray temporary file.
  const clean = await sampleRoot();
  const full = await deploy({ confFile: join(clean, "_deploy.conf"), root: clean, write: true, release: "7.8" });
  assert.ok(full.ok);
  const now = await snapshot(root);
  const complete = await snapshot(clean);
  for (const [path, content] of now) {
    assert.not.match(path, /\.tmp$/, "no temporary file left");
    if (/\/deploy-[0-9-]+\.sh$/.test(path)) continue;
    if (path === handEdited) {
      assert.match(Buffer.from(content, "base64").toString(), "# edited by hand during the run", "the hand edit is kept");
      continue;
    }
    if (path.endsWith("-install.conf")) {
      // New answer files carry random passwords: complete means the installer gets through it.
      const doc = parseInstallConf(Buffer.from(content, "base64").toString(), { fileName: path });
      assert.equal(explain(doc, { release: "7.8" }).diagnostics, [], `${path} is complete`);
      continue;
    }
    assert.ok(content === before.get(path) || content === complete.get(path), `${path} is old or new`);
  }
  // A re-run completes and leaves the host deployed.
  const rerun = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.ok(rerun.ok, JSON.stringify(rerun.diagnostics));
  const vmConf = parseVmConf(await readFile(join(root, "etc/vm.conf"), "utf8"));
  assert.equal(vmConf.model.vms.map((v) => v.name), ["vm12", "vm13", "vm15", "vm16"]);
  if (handEdited) assert.match(await readFile(join(root, handEdited), "utf8"), "# edited by hand during the run");
  const third = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.equal(third.changes, []);
  await rm(root, { recursive: true });
  await rm(clean, { recursive: true });
}

test("a write error on the third file: every file old or new, and a re-run completes", async () => {
  await faultyRun(async (files) => {
    await writeFilesAtomic(files.slice(0, 2));
    throw Object.assign(new Error(`EIO: i/o error, write '${files[2]!.path}'`), { code: "EIO" });
  });
});

test("a full disk while the files are written: nothing changes, and a re-run completes", async () => {
  await faultyRun(async (files) => {
    // writeFilesAtomic writes every temporary file before it renames any: a full disk stops it there.
    throw Object.assign(new Error(`ENOSPC: no space left on device, write '${files[0]!.path}'`), { code: "ENOSPC" });
  });
});

test("a file changed on disk between read and write is not overwritten; a re-run takes the change in", async () => {
  await faultyRun(async (files, root) => {
    // Someone edits dhcpd.conf after the run read it.
    const path = join(root, "etc/dhcpd.conf");
    await writeFile(path, (await readFile(path, "utf8")) + "# edited by hand during the run\n");
    await writeFilesAtomic(files);
  }, "/etc/dhcpd.conf");
});

test("--forget removes the answer files of installed VMs, and only theirs; a second deploy does not bring them back", async () => {
  const root = await sampleRoot();
  const conf = join(root, "_deploy.conf");
  const report = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  const vm15 = report.vms.find((v) => v.vm === "vm15")!.allocation.mac;
  const vm16 = report.vms.find((v) => v.vm === "vm16")!.allocation.mac;
  const htdocs = join(root, "var/www/htdocs");
  assert.equal(await forgetAnswers({ confFile: conf, root, vms: ["vm15"] }), [`/var/www/htdocs/${vm15}-install.conf`]);
  assert.ok((await readdir(htdocs)).includes(`${vm15}-install.conf`), "a dry run removes nothing");
  await forgetAnswers({ confFile: conf, root, vms: ["vm15"], write: true });
  const left = (await readdir(htdocs)).filter((n) => n.endsWith("-install.conf"));
  assert.equal(left, [`${vm16}-install.conf`]);
  assert.equal((await deploy({ confFile: conf, root, write: true, release: "7.8" })).changes, []);
  try {
    await forgetAnswers({ confFile: conf, root, vms: ["vm99"], write: true });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, UnknownVmError);
    assert.match((error as Error).message, 'no vm "vm99"');
  }
  await rm(root, { recursive: true });
});

test("300 generated orders: every file written, checkHost clean, idempotent", async () => {
  const root = await mkdtemp(join(tmpdir(), "deploy-300-"));
  const { mkdir } = await import("node:fs/promises");
  await mkdir(join(root, "vms"), { recursive: true });
  await mkdir(join(root, "etc"));
  await writeFile(join(root, "_deploy.conf"), hostConf(300));
  for (let n = 1; n <= 300; n++) await writeFile(join(root, "vms", `vm${n}.txt`), orderText(n));
  const conf = join(root, "_deploy.conf");
  const report = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.ok(report.ok, JSON.stringify(report.diagnostics.slice(0, 3)));
  assert.is(report.vms.filter((v) => v.status === "added").length, 300);
  const vm = parseVmConf(await readFile(join(root, "etc/vm.conf"), "utf8"));
  const dhcpd = parseDhcpdConf(await readFile(join(root, "etc/dhcpd.conf"), "utf8"));
  assert.is(vm.model.vms.length, 300);
  const installConfs = [];
  for (const name of (await readdir(join(root, "var/www/htdocs"))).filter((n) => n.endsWith("-install.conf"))) {
    installConfs.push(parseInstallConf(await readFile(join(root, "var/www/htdocs", name), "utf8"), { fileName: name }));
  }
  assert.is(installConfs.length, 300);
  assert.equal(problems(checkHost({ vmConf: vm, dhcpdConf: dhcpd, installConfs }, { subnet: { network: "10.20.0.0", netmask: "255.255.240.0" } })), []);
  const again = await deploy({ confFile: conf, root, write: true, release: "7.8" });
  assert.equal(again.changes, []);
  await rm(root, { recursive: true });
});

test.run();
