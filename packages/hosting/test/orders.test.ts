// Orders (vms/vmN.txt): fields, host defaults, diagnostics, and the order in
// which readOrders returns the files. Login name rules: useradd's valid_login
// (usr.sbin/user/user.c 1.96: alnum . _ -, no leading '-', at most
// _PW_NAME_LEN = 31) intersected with the installer's (install.sub
// user_setup: lower-case letter first, then [-a-z0-9_], reserved names).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseOrder, readOrders, usernameProblem } from "../src/index.js";
import { ALICE_KEY } from "./fixtures.js";

const ORDER = `date="2026-11-20"
payment="paypal"
donated=""
name="Alice Example"
email="alice@example.org"
sshkey="${ALICE_KEY}"
hostname="puffy"
username="alice"
note=""
memory="512M"
disk2=""
format="qcow2"
referral="a friend"
`;

const diags = (text: string) => parseOrder(text, { fileName: "vms/vm15.txt" }).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}`);
const replace = (key: string, line: string): string => ORDER.replace(new RegExp(`^${key}=.*$`, "m"), line);

test("an order parses into its fields; an empty disk2 means no second disk", () => {
  const doc = parseOrder(ORDER, { fileName: "vms/vm15.txt" });
  assert.equal(doc.diagnostics, []);
  assert.equal(doc.model, {
    date: "2026-11-20",
    payment: "paypal",
    donated: "",
    name: "Alice Example",
    email: "alice@example.org",
    sshkey: ALICE_KEY,
    hostname: "puffy",
    username: "alice",
    note: "",
    memory: "512M",
    format: "qcow2",
    referral: "a friend",
  });
});

test("empty or absent memory and format: the host's defaults; disk2 set: a second disk", () => {
  const doc = parseOrder(replace("memory", 'memory=""').replace('format="qcow2"\n', "").replace('disk2=""', "disk2=20G"));
  assert.equal(doc.diagnostics, []);
  assert.is(doc.model.memory, undefined);
  assert.is(doc.model.format, undefined);
  assert.is(doc.model.disk2, "20G");
});

test("required keys: missing at the end of the file, empty at the value", () => {
  const doc = parseOrder(ORDER.replace(/^username=.*\n/m, "").replace('email="alice@example.org"', 'email=""'), { fileName: "vms/vm15.txt" });
  assert.equal(doc.diagnostics.map((d) => [d.file, d.line, d.column, d.code, d.message]), [
    ["vms/vm15.txt", 5, 7, "EMPTY_VALUE", "email is empty"],
    ["vms/vm15.txt", 13, 1, "MISSING_KEY", "the order has no username"],
  ]);
});

test("username: what both useradd and the installer take", () => {
  assert.equal(diags(replace("username", 'username="Alice"')), ["8:10 error BAD_USERNAME"]);
  assert.equal(diags(replace("username", 'username="-alice"')), ["8:10 error BAD_USERNAME"]);
  assert.equal(diags(replace("username", 'username="root"')), ["8:10 error BAD_USERNAME"]);
  assert.equal(diags(replace("username", 'username="a.b"')), ["8:10 error BAD_USERNAME"]);
  assert.equal(diags(replace("username", 'username="bob_2-x"')), []);
  assert.is(usernameProblem("a".repeat(31)), undefined);
  assert.is(usernameProblem("a".repeat(32)), "longer than 31 characters");
  assert.is(usernameProblem("9lives"), "a login name is a lower-case letter, then lower-case letters, digits, '_' and '-'");
  assert.is(usernameProblem("www"), '"www" is a system account');
});

test("hostname: one DNS label", () => {
  assert.equal(diags(replace("hostname", 'hostname="puffy.example.org"')), ["7:10 error BAD_HOSTNAME"]);
  assert.equal(diags(replace("hostname", 'hostname="puf fy"')), ["7:10 error BAD_HOSTNAME"]);
  assert.equal(diags(replace("hostname", 'hostname="-puffy"')), ["7:10 error BAD_HOSTNAME"]);
  assert.equal(diags(replace("hostname", 'hostname="Puffy-2"')), []);
});

test("ssh key: one public key line whose blob holds its type", () => {
  assert.equal(diags(replace("sshkey", 'sshkey="ssh-ed25519"')), ["6:8 error BAD_SSH_KEY"]);
  assert.equal(diags(replace("sshkey", 'sshkey="ssh-dss AAAAB3NzaC1kc3M= x"')), ["6:8 error BAD_SSH_KEY"]);
  // The ed25519 blob under another type name.
  assert.equal(diags(replace("sshkey", `sshkey="${ALICE_KEY.replace("ssh-ed25519", "ssh-rsa")}"`)), ["6:8 error BAD_SSH_KEY"]);
  // Without a comment.
  assert.equal(diags(replace("sshkey", `sshkey="${ALICE_KEY.replace(" alice@laptop", "")}"`)), []);
});

test("sizes, format, e-mail and full name", () => {
  assert.equal(diags(replace("memory", 'memory="2 G"')), ["10:8 error BAD_SIZE"]);
  assert.equal(diags(replace("disk2", 'disk2="-5G"')), ["11:7 error BAD_SIZE"]);
  assert.equal(diags(replace("format", 'format="vdi"')), ["12:8 error BAD_FORMAT"]);
  assert.equal(diags(replace("email", 'email="alice"')), ["5:7 warning BAD_EMAIL"]);
  assert.equal(diags(replace("name", 'name="Example, Alice"')), ["4:6 error BAD_FULL_NAME"]);
  assert.equal(diags(replace("referral", 'refferal="x"')), ["13:1 error UNKNOWN_KEY"]);
});

test("readOrders: vm*.txt in numeric order, the VM name from the file name", () => {
  const dir = mkdtempSync(join(tmpdir(), "hosting-orders-"));
  try {
    for (const name of ["vm10.txt", "vm2.txt", "vm1.txt", "vmtest.txt", "vm3.txt.bak", "notes.txt", "vm 4.txt"]) writeFileSync(join(dir, name), ORDER);
    const orders = readOrders(dir);
    assert.equal(orders.map((o) => o.vm), ["vm1", "vm2", "vm10", "vm 4", "vmtest"]);
    assert.is(orders[2]!.path, join(dir, "vm10.txt"));
    assert.is(orders[2]!.doc.model.username, "alice");
    assert.equal(orders[2]!.doc.diagnostics, []);
    // A name with a blank cannot be a dhcpd host name: reported at line 1 of its file.
    assert.equal(orders[3]!.doc.diagnostics.map((d) => [d.file, d.line, d.column, d.code]), [[join(dir, "vm 4.txt"), 1, 1, "BAD_VM_NAME"]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
