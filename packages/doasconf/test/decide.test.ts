// decide(): a table of rule sets and requests with the decision doas
// documents. Sources, quoted as the `from` of each row:
// - man5: doas.conf(5) (OpenBSD 6.5 and current): "The last matching rule
//   determines the action taken"; identity "The username to match. Groups
//   may be specified by prepending a colon (':'). Numeric IDs are also
//   accepted."; as target "The default is all users."; cmd "The default is
//   all commands."; args "the command arguments provided by the user need
//   to match ... Specifying args alone means that command should be run
//   without any arguments."; the EXAMPLES section.
// - man1: doas(1) -C: with a command, prints `permit`, `permit nopass` or
//   `deny` depending on the matching (target from -u, default root).
// - doasc: doas.c permit()/match(): no matching rule denies; cmd is compared
//   with strcmp against the command word as typed.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { customerRule, decide, doasCheck, doasCheckOutput, generate, parse, type DecideRequest } from "../src/index.js";

interface Row {
  from: string;
  rules: string;
  request: DecideRequest;
  expect: "permit" | "permit nopass" | "deny";
  rule?: number;
}

const MAN_EXAMPLE = "permit :wheel\npermit nopass tedu cmd /usr/sbin/procmap\n";
const wheel = ["tedu", "wheel"];

const table: Row[] = [
  // The man page's example: wheel may run anything, tedu may run procmap without a password.
  { from: "man5 EXAMPLES", rules: MAN_EXAMPLE, request: { user: "tedu", groups: wheel, command: "/usr/sbin/procmap" }, expect: "permit nopass", rule: 1 },
  { from: "man5 EXAMPLES", rules: MAN_EXAMPLE, request: { user: "tedu", groups: wheel, command: "/bin/ls" }, expect: "permit", rule: 0 },
  { from: "man5 EXAMPLES", rules: MAN_EXAMPLE, request: { user: "tedu", groups: ["tedu"], command: "/usr/sbin/procmap" }, expect: "permit nopass", rule: 1 },
  { from: "man5 EXAMPLES + doasc", rules: MAN_EXAMPLE, request: { user: "tedu", groups: ["tedu"], command: "/bin/ls" }, expect: "deny" },
  { from: "man5 EXAMPLES", rules: MAN_EXAMPLE, request: { user: "alice", groups: ["wheel"], command: "/usr/sbin/procmap" }, expect: "permit", rule: 0 },
  // Last match wins.
  { from: "man5 last match", rules: "permit :wheel\ndeny bob cmd /sbin/reboot\n", request: { user: "bob", groups: ["wheel"], command: "/sbin/reboot" }, expect: "deny", rule: 1 },
  { from: "man5 last match", rules: "permit :wheel\ndeny bob cmd /sbin/reboot\n", request: { user: "bob", groups: ["wheel"], command: "/sbin/halt" }, expect: "permit", rule: 0 },
  { from: "man5 last match", rules: "deny bob cmd /sbin/reboot\npermit :wheel\n", request: { user: "bob", groups: ["wheel"], command: "/sbin/reboot" }, expect: "permit", rule: 1 },
  { from: "man5 last match", rules: "permit nopass bob\npermit bob\n", request: { user: "bob", command: "/bin/sh" }, expect: "permit", rule: 1 },
  // No rule: deny.
  { from: "doasc", rules: "", request: { user: "root", command: "/bin/sh" }, expect: "deny" },
  { from: "doasc", rules: "permit alice\n", request: { user: "bob", command: "/bin/sh" }, expect: "deny" },
  // cmd: the word as typed.
  { from: "doasc strcmp", rules: "permit nopass bob cmd reboot\n", request: { user: "bob", command: "reboot" }, expect: "permit nopass", rule: 0 },
  { from: "doasc strcmp", rules: "permit nopass bob cmd reboot\n", request: { user: "bob", command: "/sbin/reboot" }, expect: "deny" },
  { from: "man5 cmd default", rules: "permit bob\n", request: { user: "bob", command: "/anything", args: ["at", "all"] }, expect: "permit", rule: 0 },
  // args.
  { from: "man5 args", rules: "permit nopass bob cmd /sbin/mount args /dev/sd0a /mnt\n", request: { user: "bob", command: "/sbin/mount", args: ["/dev/sd0a", "/mnt"] }, expect: "permit nopass", rule: 0 },
  { from: "man5 args", rules: "permit nopass bob cmd /sbin/mount args /dev/sd0a /mnt\n", request: { user: "bob", command: "/sbin/mount", args: ["/dev/sd0a"] }, expect: "deny" },
  { from: "man5 args", rules: "permit nopass bob cmd /sbin/mount args /dev/sd0a /mnt\n", request: { user: "bob", command: "/sbin/mount", args: ["/dev/sd0a", "/mnt", "-r"] }, expect: "deny" },
  { from: "man5 args alone", rules: "permit nopass bob cmd /usr/bin/uptime args\n", request: { user: "bob", command: "/usr/bin/uptime" }, expect: "permit nopass", rule: 0 },
  { from: "man5 args alone", rules: "permit nopass bob cmd /usr/bin/uptime args\n", request: { user: "bob", command: "/usr/bin/uptime", args: ["-p"] }, expect: "deny" },
  { from: "man5 args (absent: any)", rules: "permit bob cmd /bin/ls\n", request: { user: "bob", command: "/bin/ls", args: ["-l", "/"] }, expect: "permit", rule: 0 },
  // as target.
  { from: "man5 as", rules: "permit bob as operator\n", request: { user: "bob", target: "operator", command: "/bin/sh" }, expect: "permit", rule: 0 },
  { from: "man5 as + man1 -u default root", rules: "permit bob as operator\n", request: { user: "bob", command: "/bin/sh" }, expect: "deny" },
  { from: "man5 as default all users", rules: "permit bob\n", request: { user: "bob", target: "operator", command: "/bin/sh" }, expect: "permit", rule: 0 },
  { from: "man5 numeric IDs", rules: "permit bob as 0\n", request: { user: "bob", command: "/bin/sh" }, expect: "permit", rule: 0 },
  { from: "man5 numeric IDs", rules: "permit bob as 1000\n", request: { user: "bob", target: "op", targetUid: 1000, command: "/bin/sh" }, expect: "permit", rule: 0 },
  // Identities: groups and numeric ids.
  { from: "man5 groups", rules: "permit :staff\n", request: { user: "bob", groups: ["users"], command: "/bin/sh" }, expect: "deny" },
  { from: "man5 numeric IDs", rules: "permit nopass 1000\n", request: { user: "bob", uid: 1000, command: "/bin/sh" }, expect: "permit nopass", rule: 0 },
  { from: "man5 numeric IDs", rules: "permit nopass 1000\n", request: { user: "bob", uid: 1001, command: "/bin/sh" }, expect: "deny" },
  { from: "man5 numeric IDs", rules: "permit :1000\n", request: { user: "bob", groups: ["bob"], gids: [1000], command: "/bin/sh" }, expect: "permit", rule: 0 },
  // -C shows nopass only.
  { from: "man1 -C", rules: "permit persist keepenv setenv { PATH } :wheel\n", request: { user: "bob", groups: ["wheel"], command: "/bin/sh" }, expect: "permit", rule: 0 },
];

for (const row of table) {
  test(`${row.from}: ${JSON.stringify(row.rules)} ${JSON.stringify(row.request)} -> ${row.expect}`, () => {
    const doc = parse(row.rules);
    assert.equal(doc.diagnostics, []);
    const decision = decide(doc.model, row.request);
    assert.is(doasCheckOutput(decision), row.expect);
    assert.is(decision.rule, row.rule);
  });
}

test("the decision carries the deciding rule's options", () => {
  const model = parse("permit persist keepenv :wheel\n").model;
  const d = decide(model, { user: "bob", groups: ["wheel"], command: "/bin/sh" });
  assert.equal([d.action, d.options.persist, d.options.keepenv, d.options.nopass], ["permit", true, true, false]);
});

test("hosting, 6.5: the issue's rule, and only that command line is permitted without a password", () => {
  const rule = customerRule({ owner: "alice", vm: "vm13", release: "6.5" })!;
  // The rule the issue quotes for 6.5.
  assert.is(generate({ rules: [rule] }, { release: "6.5" }), "permit nopass alice as root cmd pkill args -9 -f vm13\n");
  const model = { rules: [rule] };
  const ask = (command: string, args: string[], user = "alice") => doasCheckOutput(decide(model, { user, command, args }));
  assert.is(ask("pkill", ["-9", "-f", "vm13"]), "permit nopass");
  assert.is(ask("pkill", ["-9", "-f", "vm14"]), "deny");
  assert.is(ask("pkill", ["-9", "-f", "vm13", "x"]), "deny");
  assert.is(ask("/usr/bin/pkill", ["-9", "-f", "vm13"]), "deny");
  assert.is(ask("pkill", ["-9", "-f", "vm13"], "bob"), "deny");
});

test("hosting, 6.6 and later: no doas rule (vm.conf owner and vmctl stop -f)", () => {
  assert.is(customerRule({ owner: "alice", vm: "vm13", release: "6.6" }), undefined);
  assert.is(customerRule({ owner: "alice", vm: "vm13" }), undefined);
  assert.throws(() => customerRule({ owner: "alice", vm: "vm13", release: "9.9" as "6.5" }), /unknown OpenBSD release/);
});

test("doasCheck: doas -C prints the decision and exits 0 for permit, 1 for deny; a broken file fails first", () => {
  const doc = parse(MAN_EXAMPLE);
  assert.equal(doasCheck(doc), { stdout: "", stderr: "", exitStatus: 0 });
  assert.equal(doasCheck(doc, { user: "tedu", command: "/usr/sbin/procmap" }), { stdout: "permit nopass\n", stderr: "", exitStatus: 0 });
  assert.equal(doasCheck(doc, { user: "bob", command: "/usr/sbin/procmap" }), { stdout: "deny\n", stderr: "", exitStatus: 1 });
  assert.equal(doasCheck(parse("permit\n"), { user: "bob", command: "/bin/sh" }), { stdout: "", stderr: "doas: syntax error at line 2\n", exitStatus: 1 });
});

test.run();
