// The host script: checked with the real sh(1) — its syntax with `sh -n`,
// and every quoted word read back by sh exactly as given.
import { execFileSync } from "node:child_process";
import { propertyRuns } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { hostScript, shellWord, vmctlCreate } from "../src/deploy/script.js";

const script = hostScript({
  release: "7.8",
  date: new Date(Date.UTC(2026, 10, 27, 12, 0, 0)),
  group: "_vmdusers",
  users: [{ login: "alice", fullName: "Alice O'Neil" }, { login: "bob" }],
  disks: [
    { path: "/var/vmm/vm15.qcow2", format: "qcow2", size: "50G" },
    { path: "/var/vmm/vm 16.raw", format: "raw", size: "20G" },
  ],
  answerFiles: ["/var/www/htdocs/fe:e1:bb:d1:c8:0f-install.conf"],
  restartDhcpd: true,
  reloadHttpd: false,
  reloadVmd: true,
  disabledVms: ["vm15"],
});

test("the script is valid sh (sh -n)", () => {
  execFileSync("sh", ["-n"], { input: script });
});

test("each step tests before it acts, so a second run does nothing new", () => {
  assert.match(script, "id -u alice >/dev/null 2>&1 || useradd -m -G _vmdusers -c 'Alice O'\\''Neil' alice\n");
  assert.match(script, "[ -e /var/vmm/vm15.qcow2 ] || vmctl create -s 50G qcow2:/var/vmm/vm15.qcow2\n");
  assert.match(script, "[ -e '/var/vmm/vm 16.raw' ] || vmctl create -s 20G 'raw:/var/vmm/vm 16.raw'\n");
});

test("dhcpd is restarted before vmd reloads; httpd is left alone when httpd.conf did not change", () => {
  assert.ok(script.indexOf("rcctl restart dhcpd") < script.indexOf("vmctl reload"));
  assert.not.match(script, "rcctl reload httpd");
});

test("vmctl create: 6.5 takes the disk first, 6.6 and later the options first (vmctl.8)", () => {
  const disk = { path: "/var/vmm/vm1.qcow2", format: "qcow2" as const, size: "10G" };
  assert.is(vmctlCreate(disk, "6.5"), "vmctl create qcow2:/var/vmm/vm1.qcow2 -s 10G");
  assert.is(vmctlCreate(disk, "6.6"), "vmctl create -s 10G qcow2:/var/vmm/vm1.qcow2");
  assert.is(vmctlCreate(disk, "7.8"), "vmctl create -s 10G qcow2:/var/vmm/vm1.qcow2");
});

test("shellWord: sh reads every quoted word back as it was (batched through one sh)", () => {
  const words = fc.sample(fc.string({ unit: fc.constantFrom(..."ab '\"$`\\;&|*?~#!(){}<>\t\n=:%@,./-".split("")), maxLength: 12 }), propertyRuns());
  const program = words.map((w) => `printf '%s\\0' ${shellWord(w)}`).join("\n");
  const out = execFileSync("sh", ["-c", program]).toString("utf8");
  assert.equal(out.split("\0").slice(0, -1), words);
});

test.run();
