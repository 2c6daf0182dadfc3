// What the deploy must refuse or get right beyond the sample's happy path:
// orders that would hand a VM or an account to another customer, files the
// daemons would reject, the router's IPv6 address, releases, secrets in the
// printed diff. Each case edits a copy of examples/deploy/sample.
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseDhcpdConf } from "@obsdconf/dhcpdconf";
import { parse as parseDoasConf } from "@obsdconf/doasconf";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { changeDiff, deploy } from "../src/deploy/run.js";

const sample = fileURLToPath(new URL("../../../examples/deploy/sample", import.meta.url));

/** A copy of the sample with `edits` applied (file → text replacements), and a function to list every file. */
async function host(edits: Record<string, Array<[string | RegExp, string]>> = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "deploy-refusals-"));
  await cp(sample, root, { recursive: true });
  for (const [file, pairs] of Object.entries(edits)) {
    let text = await readFile(join(root, file), "utf8");
    for (const [from, to] of pairs) {
      const next = text.replace(from, to);
      assert.is.not(next, text, `${file}: ${String(from)} is in the sample`);
      text = next;
    }
    await writeFile(join(root, file), text);
  }
  return root;
}

async function listing(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.push(`${join(d, e.name)} ${(await readFile(join(d, e.name))).length}`);
    }
  };
  await walk(root);
  return out.sort();
}

async function refused(root: string, code: string, release = "7.8"): Promise<string> {
  const before = await listing(root);
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: release as never });
  assert.not.ok(report.ok, "refused");
  const d = report.diagnostics.find((x) => x.code === code);
  assert.ok(d, `${code} among ${report.diagnostics.map((x) => `${x.code} ${x.message}`).join("; ")}`);
  assert.equal(await listing(root), before, "nothing written");
  await rm(root, { recursive: true });
  return `${d!.file}:${d!.line}: ${d!.message}`;
}

test("an order whose VM another account owns is refused at its username line (OWNER_CHANGED)", async () => {
  const where = await refused(await host({ "vms/vm13.txt": [['username="carol"', 'username="carol2"']] }), "OWNER_CHANGED");
  assert.match(where, /vm13\.txt:9: vm13 belongs to carol in vm\.conf/);
});

test("two customers with one username are refused (SHARED_USERNAME)", async () => {
  const where = await refused(await host({ "vms/vm16.txt": [['username="dave"', 'username="alice"']] }), "SHARED_USERNAME");
  assert.match(where, /vm16\.txt:\d+: username "alice" is also the login of vm15's customer/);
});

test("a new VM for an account that owns a VM without an order is refused (USERNAME_TAKEN)", async () => {
  const where = await refused(await host({ "vms/vm15.txt": [['username="alice"', 'username="bob"']] }), "USERNAME_TAKEN");
  assert.match(where, /username "bob" already owns vm12/);
});

test("two orders with one host name are refused (DUPLICATE_HOSTNAME)", async () => {
  await refused(await host({ "vms/vm16.txt": [['hostname="dave"', 'hostname="puffy"']] }), "DUPLICATE_HOSTNAME");
});

test("a vm.conf that vmd would reject is not written: 900G of memory is over vmd's limit", async () => {
  const where = await refused(await host({ "vms/vm15.txt": [['memory="512M"', 'memory="900G"']] }), "MEMORY_TOO_LARGE");
  assert.match(where, /^\/etc\/vm\.conf:/);
});

test("an exhausted range names _deploy.conf and says what to change", async () => {
  const root = await host({ "_deploy.conf": [['IP_START="10"', 'IP_START="254"']] });
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "7.8" });
  assert.not.ok(report.ok);
  assert.is(report.diagnostics[0]!.file, join(root, "_deploy.conf"));
  assert.match(report.diagnostics[0]!.hint ?? "", /IP_START/);
  await rm(root, { recursive: true });
});

test("a dhcpd host with the VM's MAC under another name is not doubled: the run stops at checkHost's HOST_NAME_MISMATCH", async () => {
  const where = await refused(await host({ "etc/dhcpd.conf": [["host vm13 {", "host carol {"]] }), "HOST_NAME_MISMATCH");
  assert.match(where, /^\/etc\/dhcpd\.conf:18: host carol has the MAC of vm vm13/);
});

test("IPv6 number 1 is the VMs' router: no VM gets it, even from IPV6_START=1", async () => {
  const root = await host({ "_deploy.conf": [['IPV6_START="10"', 'IPV6_START="1"']] });
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, release: "7.8" });
  assert.ok(report.ok, JSON.stringify(report.diagnostics));
  const v6 = report.vms.filter((v) => v.status === "added").map((v) => v.allocation.ipv6);
  assert.not.ok(v6.includes("2001:db8:8:1::1"), v6.join(" "));
  await rm(root, { recursive: true });
});

test("6.5: the customers' doas rules are added, the answer files are for 6.5, and the host script uses 6.5's vmctl", async () => {
  const root = await host();
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "6.5" });
  assert.ok(report.ok, JSON.stringify(report.diagnostics));
  const doas = parseDoasConf(await readFile(join(root, "etc/doas.conf"), "utf8"), { release: "6.5" });
  assert.equal(doas.diagnostics, []);
  const rules = doas.model.rules.map((r) => `${"user" in r.identity ? r.identity.user : ""} ${r.command} ${(r.args ?? []).join(" ")}`);
  assert.ok(rules.includes("alice pkill -9 -f vm15") && rules.includes("dave pkill -9 -f vm16"), rules.join("; "));
  assert.match(report.script!.text, "vmctl create qcow2:/var/vmm/vm15.qcow2 -s 50G");
  assert.equal(report.notes, []);
  await rm(root, { recursive: true });
});

test("a release the answer files do not know is one diagnostic, not a stack trace", async () => {
  const root = await host();
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, release: "7.0" as never });
  assert.not.ok(report.ok);
  assert.is(report.diagnostics[0]!.code, "UNKNOWN_RELEASE");
  assert.match(report.diagnostics[0]!.message, "6.5, 7.6, 7.7, 7.8");
  await rm(root, { recursive: true });
});

test("the printed diff of an answer file hides the customer's password (the ssh key comment)", async () => {
  const root = await host();
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "7.8" });
  const answer = report.changes.find((c) => c.path.endsWith("-install.conf"))!;
  const password = /^Public ssh key for user \w+ = \S+ \S+ (\S+)$/m.exec(answer.after as string)![1]!;
  const diff = changeDiff(answer);
  assert.not.match(diff, password);
  assert.match(diff, /Public ssh key for user alice = ssh-ed25519 \S+ <password, not shown>/);
  assert.match(password, /^[A-Za-z0-9]{20}$/);
  await rm(root, { recursive: true });
});

test("the host script is written first: a run that fails after it leaves the commands to run", async () => {
  const root = await host();
  const { writeFilesAtomic } = await import("@obsdconf/core");
  const failed = await deploy({
    confFile: join(root, "_deploy.conf"),
    root,
    write: true,
    release: "7.8",
    writeFile: async (files) => {
      await writeFilesAtomic(files.slice(0, 1));
      throw new Error("EIO: i/o error, write");
    },
  }).catch((e: Error) => e);
  assert.instance(failed, Error);
  const scripts = (await readdir(root)).filter((n) => /^deploy-.*\.sh$/.test(n));
  assert.is(scripts.length, 1);
  assert.match(await readFile(join(root, scripts[0]!), "utf8"), "useradd");
  await rm(root, { recursive: true });
});

test("a host without doas.conf gets none (an empty file is not a change); files that are created say so", async () => {
  const root = await host();
  await rm(join(root, "etc/doas.conf"));
  await rm(join(root, "etc/httpd.conf"));
  const report = await deploy({ confFile: join(root, "_deploy.conf"), root, write: true, release: "7.8" });
  assert.ok(report.ok, JSON.stringify(report.diagnostics));
  assert.not.ok(report.changes.some((c) => c.path === "/etc/doas.conf"));
  assert.equal(report.changes.find((c) => c.path === "/etc/httpd.conf")!.descriptions[0], "created (it did not exist)");
  assert.not.ok((await readdir(join(root, "etc"))).includes("doas.conf"));
  await rm(root, { recursive: true });
});

test.run();
