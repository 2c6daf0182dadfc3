// install.conf: the Document shape, parse's release checks, validate's
// model paths, run-time checks of generate and the builder, and the
// installer's own reading as install.sub does it (distrib/miniroot/
// install.sub, rev 1.1266, read with the search tools):
// - _autorespond reads the copied file with `while IFS=' \t' read -r`,
//   which never runs its body for a last line without a newline;
// - ask_which gives the matcher "Which $name $query?" and prints
//   "(or 'done')" only;
// - select_sets splits each answer into words and stops at `done`;
// - install_sets does nothing for c* without a CD drive (asked again,
//   default done), exits on an unknown letter, and on `done` asks
//   "Are you *SURE* your install is complete without '<set>'?" (default no:
//   exit) for bsd and base when they are not installed;
// - set_timezone accepts the names of /usr/share/zoneinfo, built from the
//   IANA data with `backward` (share/zoneinfo/Makefile), and asks "What
//   sub-timezone of '<dir>' are you in?" for a directory;
// - encr_pwd keeps an answer as a hash when it starts with $2?$NN$ and
//   `${#_p} > 40` holds, a comparison of strings; root's hash is written by
//   `sed "s@^root::@root:HASH:@"`, a user's line by echo.
import { InvalidInputError, UnknownReleaseError, UnwritableValueError } from "@obsdconf/core";
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  catalogue,
  explain,
  generate,
  hashPassword,
  installConf,
  parse,
  passwordKind,
  QUESTION_IDS,
  update,
  validate,
  type InstallConf,
} from "../src/index.js";

const base = "System hostname = h\nPassword for root account = p\n";

// ----- Document and parse -----

test("parse takes a string or UTF-8 bytes and returns a Document; other input and unknown releases throw typed errors", () => {
  const text = "System hostname = höst\n";
  const fromBytes = parse(new TextEncoder().encode(text), { fileName: "/var/www/htdocs/x-install.conf" });
  assert.is(fromBytes.text, text);
  assert.is(fromBytes.fileName, "/var/www/htdocs/x-install.conf");
  assert.equal(fromBytes.model, { answers: [{ key: "System hostname", answer: "höst" }] });
  assert.not.ok(Object.keys(fromBytes).includes("syntax"), "syntax is not enumerable");
  assert.ok(fromBytes.syntax.lines.length === 1);
  assert.throws(() => parse(undefined as unknown as string), (e: unknown) => e instanceof InvalidInputError);
  assert.throws(() => parse(42 as unknown as string), (e: unknown) => e instanceof InvalidInputError);
  assert.throws(() => parse("", { release: "5.9" as "7.8" }), (e: unknown) => e instanceof UnknownReleaseError);
  assert.throws(() => validate({ answers: [] }, { release: "9.9" as "7.8" }), (e: unknown) => e instanceof UnknownReleaseError);
});

test("parse reports mistyped keys (the release's check), with a hint; no reading problem is a syntax error", () => {
  const doc = parse("Sytem hostname = h\nPasword for root account = p\nno equals sign\nPassword for root account = p\n");
  assert.equal(
    doc.diagnostics.map((d) => [d.line, d.code, d.severity, d.syntax ?? false]),
    [
      [1, "UNKNOWN_QUESTION", "warning", false],
      [2, "UNKNOWN_QUESTION", "warning", false],
      [3, "IGNORED_LINE", "warning", false],
    ],
  );
  assert.is(doc.diagnostics[0]!.hint, 'did you mean "System hostname"?');
  // The key's own span: columns 1 to 15 ("Sytem hostname").
  assert.equal([doc.diagnostics[0]!.column, doc.diagnostics[0]!.endColumn], [1, 15]);
  // A key of the 6.5 wording is a warning for 7.8 and fine for 6.5.
  const old = "Which network interface do you wish to configure = vio0\n";
  assert.equal(parse(old).diagnostics.map((d) => d.code), ["REWORDED_QUESTION"]);
  assert.equal(parse(old, { release: "6.5" }).diagnostics, []);
  // Keys of questions with placeholders match for any value that fits.
  assert.equal(parse("Password for user bob = x\nChecksum test for site78-web.tgz failed. Continue anyway = yes\nIPv4 address for em0 = dhcp\n").diagnostics, []);
  // A single word does not match by standing in for a placeholder.
  assert.equal(parse("ntpd = yes\n").diagnostics.map((d) => d.code), ["UNKNOWN_QUESTION"]);
});

// ----- validate speaks in model paths -----

test("validate names fields by path and has no line numbers", () => {
  const model: InstallConf = {
    answers: [
      { key: "System hostname", answer: "h" },
      { key: "Sytem hostname", answer: "x" },
      { key: "Password for root account", answer: "$2b$10$x" },
    ],
  };
  const diagnostics = validate(model);
  for (const d of diagnostics) assert.not.ok("line" in d, JSON.stringify(d));
  const byPath = diagnostics.map((d) => [d.path, d.code]);
  assert.ok(byPath.some(([p, c]) => p === "answers[1].key" && c === "UNKNOWN_QUESTION"), JSON.stringify(byPath));
  assert.ok(byPath.some(([p, c]) => p === "answers[2].answer" && c === "PASSWORD_STORED_DIFFERENTLY"), JSON.stringify(byPath));
  // Each problem once, though parse's checks and the replay both see the typo.
  assert.is(byPath.filter(([p, c]) => p === "answers[1].key" && c === "UNKNOWN_QUESTION").length, 1);
  // Without a password line the install stops: a problem of the whole file.
  const stop = validate({ answers: [{ key: "System hostname", answer: "h" }] });
  assert.ok(stop.some((d) => d.path === "" && d.code === "NO_ANSWER" && d.severity === "error"), JSON.stringify(stop));
});

test("validate and generate check every field at run time (a model from JSON has no types)", () => {
  const bad = [
    [{ answers: [{ key: "System hostname", answer: 5 }] }, "answers[0].answer"],
    [{ answers: [{ key: null, answer: "x" }] }, "answers[0].key"],
    [{ answers: [{ key: "System hostname", answer: "a\nPassword for root account = evil" }] }, "answers[0].answer"],
    [{ answers: [{ key: "System hostname", answer: "a\ud800" }] }, "answers[0].answer"],
    [{ answers: ["System hostname = h"] }, "answers[0]"],
    [{ answers: "x" }, "answers"],
  ] as const;
  for (const [model, path] of bad) {
    const m = model as unknown as InstallConf;
    assert.is(refusedField(() => generate(m)), path, JSON.stringify(model));
    const d = validate(m);
    assert.equal(d.map((x) => [x.path, x.code, x.severity]), [[path, "UNWRITABLE_VALUE", "error"]], JSON.stringify(model));
  }
  assert.throws(() => generate(null as unknown as InstallConf), (e: unknown) => e instanceof UnwritableValueError);
  // update goes through the same checks.
  const doc = parse("System hostname = h\n");
  assert.is(refusedField(() => update(doc, (m) => void ((m.answers[0] as { answer: unknown }).answer = 5))), "answers[0].answer");
  assert.is(refusedField(() => update(doc, (m) => void m.answers.push({ key: "Password for root account", answer: "a\nb" }))), "answers[1].answer");
  assert.equal(validate(null as unknown as InstallConf).map((d) => d.path), [""]);
});

// ----- the installer's reading -----

test("a last line without a newline is never read: a warning, and the default applies", () => {
  const text = `${base}What timezone are you in = Europe/Berlin`;
  const doc = parse(text);
  assert.equal(doc.model.answers.length, 3, "the model holds the text's answers");
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code, d.severity]), [[3, "LAST_LINE_NOT_READ", "warning"]]);
  const result = explain(doc);
  assert.ok(result.diagnostics.some((d) => d.line === 3 && d.code === "LAST_LINE_NOT_READ" && d.severity === "warning"));
  const tz = result.answers.find((a) => a.id === "timezone")!;
  assert.is(tz.outcome, "default");
  assert.is(tz.line, undefined);
  // With the newline, the line answers.
  assert.is(explain(parse(`${text}\n`)).answers.find((a) => a.id === "timezone")!.line, 3);
});

test("6.5: the interface question given to the matcher has no \"(or 'done')\"", () => {
  const iface = catalogue("6.5").get("networkInterface")!;
  assert.is(iface.prompt, "Which network interface do you wish to configure?");
  assert.is(iface.shown, "(or 'done')");
  const doc = parse("System hostname = h\n(or 'done') = done\nPassword for root account = p\n");
  const asked = explain(doc, { release: "6.5" }).answers.filter((a) => a.id === "networkInterface");
  assert.equal(asked[0], { id: "networkInterface", question: "Which network interface do you wish to configure?", answer: "vio0", outcome: "default" });
  assert.not.ok(asked.some((a) => a.line === 2), "the line does not answer it");
});

test("Set name(s): answers are split into words and the set questions end at the word done", () => {
  const sets = "Location of sets = http\nHTTP Server = s\n";
  const r = explain(parse(`${base}${sets}Set name(s) = -x* done\nSet name(s) = -game*\n`));
  assert.equal(
    r.answers.filter((a) => a.id === "setNames").map((a) => [a.line, a.answer]),
    [[5, "-x* done"]],
  );
  const unused = r.diagnostics.find((d) => d.line === 6)!;
  assert.is(unused.code, "NOT_ASKED");
  // Words before done count: +site* selects the site set, whose checksum question follows.
  const site = explain(parse(`${base}${sets}Set name(s) = +site* done\n`));
  assert.ok(site.answers.some((a) => a.id === "checksumFailed"), "site78.tgz selected");
});

test("Location of sets: cd0 without a CD drive is asked again; an unknown letter aborts; done without base asks 'Are you *SURE*'", () => {
  const r = explain(parse(`${base}Location of sets = cd0\nLocation of sets = http\nHTTP Server = s\n`));
  const locations = r.answers.filter((a) => a.id === "setsLocation");
  assert.equal(locations.slice(0, 2).map((a) => [a.line, a.answer, a.outcome]), [
    [3, "cd0", "answered"],
    [4, "http", "answered"],
  ]);
  assert.ok(r.answers.some((a) => a.id === "httpServer" && a.line === 5));
  assert.equal(r.diagnostics.filter((d) => d.line === 3).map((d) => [d.code, d.severity]), [["NO_SUCH_LOCATION", "warning"]]);
  assert.not.ok(r.answers.some((a) => a.outcome === "abort"));

  const onlyCd = explain(parse(`${base}Location of sets = cd0\n`));
  const last = onlyCd.answers[onlyCd.answers.length - 1]!;
  assert.equal([last.question, last.outcome], ["Are you *SURE* your install is complete without 'bsd'?", "abort"]);

  // "abort" empties the selection: no sets from that server, so "done" then asks about bsd.
  const aborted = explain(parse(`${base}Location of sets = http\nHTTP Server = s\nSet name(s) = abort\n`));
  const end = aborted.answers[aborted.answers.length - 1]!;
  assert.equal([end.question, end.outcome], ["Are you *SURE* your install is complete without 'bsd'?", "abort"]);

  const unknown = explain(parse(`${base}Location of sets = ftp\n`));
  assert.equal(unknown.answers[unknown.answers.length - 1]!.outcome, "abort");
  assert.ok(unknown.diagnostics.some((d) => d.line === 3 && d.severity === "error"));

  const sure = explain(parse(`${base}Location of sets = done\nAre you *SURE* your install is complete without = yes\nAre you *SURE* your install is complete without = yes\n`));
  assert.equal(
    sure.answers.filter((a) => a.id === "sureWithoutSet").map((a) => [a.question, a.line]),
    [
      ["Are you *SURE* your install is complete without 'bsd'?", 4],
      ["Are you *SURE* your install is complete without 'base78.tgz'?", 5],
    ],
  );
  assert.not.ok(sure.answers.some((a) => a.outcome === "abort"));
  // With a CD drive, cd0 is a location (its questions are not followed).
  const cd = explain(parse(`${base}Location of sets = cd0\nSet name(s) = -x*\n`), { machine: { cdrom: true } });
  assert.not.ok(cd.answers.some((a) => a.outcome === "abort"));
  assert.equal(cd.diagnostics.map((d) => [d.line, d.code]), [[4, "NOT_FOLLOWED"]]);
});

test("timezones: IANA names with the backward links; a directory asks for a sub-timezone", () => {
  for (const zone of ["US/Pacific", "Etc/GMT+5", "Asia/Kolkata", "Asia/Calcutta", "America/Argentina/Buenos_Aires", "UTC", "Europe/Amsterdam"]) {
    const r = explain(parse(`${base}What timezone are you in = ${zone}\n`));
    assert.equal(r.answers.find((a) => a.id === "timezone")!.line, 3, zone);
    assert.equal(r.diagnostics, [], zone);
    assert.not.ok(refusedField(() => installConf({ hostname: "h", rootPassword: { plain: "p" }, timezone: zone })), zone);
  }
  const sub = explain(parse(`${base}What timezone are you in = America\nWhat sub-timezone of 'America' are you in = New_York\n`));
  assert.equal(
    sub.answers.filter((a) => a.id === "timezone" || a.id === "subTimezone").map((a) => [a.question, a.line]),
    [
      ["What timezone are you in? ('?' for list)", 3],
      ["What sub-timezone of 'America' are you in? ('?' for list)", 4],
    ],
  );
  const noSub = explain(parse(`${base}What timezone are you in = America\n`));
  const last = noSub.answers[noSub.answers.length - 1]!;
  assert.equal([last.id, last.outcome], ["subTimezone", "abort"]);
  assert.is(refusedField(() => installConf({ hostname: "h", rootPassword: { plain: "p" }, timezone: "America" })), "timezone");
  assert.is(refusedField(() => installConf({ hostname: "h", rootPassword: { plain: "p" }, timezone: "Mars/Olympus" })), "timezone");
});

test("questions the installer can ask are in the catalogue", () => {
  for (const id of ["sureWithoutSet", "subTimezone", "noReallyLogin", "xWindowSystem", "diskMounted", "setsDisk", "setsPartition", "setsPathname", "forceFsck"] as const) {
    assert.ok((QUESTION_IDS as readonly string[]).includes(id), id);
  }
  const keys = [
    "Are you *SURE* your install is complete without 'base78.tgz'",
    "What sub-timezone of 'America' are you in",
    "No really, what is the lower-case loginname, or 'no'",
    "Do you expect to run the X Window System",
    "Is the disk partition already mounted",
    "Which disk contains the install media",
    "Which sd1 partition has the install sets",
    "Pathname to the sets",
    "Force checking of clean non-root filesystems",
  ];
  assert.equal(parse(keys.map((k) => `${k} = x\n`).join("")).diagnostics, []);
  // "yes" to "Setup a user?" asks "No really, …".
  const user = explain(parse(`${base}Setup a user = yes\nNo really, what is the lower-case loginname, or 'no' = bob\nPassword for user bob = x\n`));
  assert.equal(
    user.answers.filter((a) => a.id === "setupUser" || a.id === "noReallyLogin" || a.id === "userPassword").map((a) => [a.id, a.line]),
    [
      ["setupUser", 3],
      ["noReallyLogin", 4],
      ["userPassword", 5],
    ],
  );
  // The aperture question comes before xenodm, and "no" skips xenodm.
  const x = explain(parse(`${base}Do you expect to run the X Window System = no\n`), { machine: { console: "glass", apertureNeeded: true } });
  assert.ok(x.answers.some((a) => a.id === "xWindowSystem" && a.line === 3));
  assert.not.ok(x.answers.some((a) => a.id === "xenodm"));
});

// ----- what the installer does with an answer -----

test("encr_pwd compares lengths as strings: which answers it keeps as a hash", () => {
  const like = (n: number): string => "$2b$10$" + "a".repeat(n - 7);
  assert.is(passwordKind("$2b$10$x"), "bcrypt", '8 > "40" as strings');
  assert.is(passwordKind(like(9)), "bcrypt");
  assert.is(passwordKind(like(10)), "plain");
  assert.is(passwordKind(like(40)), "plain");
  assert.is(passwordKind(like(41)), "bcrypt");
  assert.is(passwordKind(like(60)), "bcrypt");
  assert.is(passwordKind(like(100)), "plain", '"100" < "40": hashed again');
  assert.is(passwordKind(like(399)), "plain");
  assert.is(passwordKind(like(400)), "bcrypt");
});

test("the builder refuses every password and name the installer would store differently", () => {
  const hash = hashPassword("secret", { cost: 4 });
  const at = hash.slice(0, 20) + "@" + hash.slice(21);
  const base = { hostname: "h", rootPassword: { plain: "p" } };
  assert.not.ok(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: hash } })));
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: at } })), "rootPassword");
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: hash.slice(0, 20) + "&" + hash.slice(21) } })), "rootPassword");
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: hash.slice(0, 20) + "\\" + hash.slice(21) } })), "rootPassword");
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: "$2b$10$x" } })), "rootPassword");
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { bcrypt: "$2b$10$" + "a".repeat(100) } })), "rootPassword");
  assert.is(refusedField(() => installConf({ ...base, rootPassword: { plain: "$2b$10$x" } })), "rootPassword");
  const user = (password: { bcrypt: string } | { plain: string }, fullName?: string) =>
    installConf({ ...base, user: { login: "bob", password, ...(fullName !== undefined ? { fullName } : {}) } });
  assert.is(refusedField(() => user({ bcrypt: hash.slice(0, 20) + ":" + hash.slice(21) })), "user.password");
  assert.is(refusedField(() => user({ plain: "x" }, "Bob \\n Smith")), "user.fullName");
  assert.not.ok(refusedField(() => user({ bcrypt: hash }, "Bob Smith")));
  // The hash is written as given.
  assert.ok(installConf({ ...base, rootPassword: { bcrypt: hash } }).includes(`Password for root account = ${hash}\n`));
});

test("parse and explain warn on answers the installer would store differently", () => {
  const hash = hashPassword("secret", { cost: 4 });
  const at = hash.slice(0, 20) + "@" + hash.slice(21);
  const doc = parse(`System hostname = h\nPassword for root account = ${at}\nSetup a user = bob\nFull name for user bob = A \\ B\nPassword for user bob = $2b$10$x\n`);
  assert.equal(
    doc.diagnostics.map((d) => [d.line, d.code]),
    [
      [2, "PASSWORD_STORED_DIFFERENTLY"],
      [4, "FULL_NAME_STORED_DIFFERENTLY"],
      [5, "PASSWORD_STORED_DIFFERENTLY"],
    ],
  );
  assert.ok(doc.diagnostics[0]!.message.includes("EMPTY password"), doc.diagnostics[0]!.message);
  const r = explain(doc);
  assert.equal(
    r.diagnostics.filter((d) => d.code.endsWith("STORED_DIFFERENTLY")).map((d) => d.line),
    [2, 4, 5],
  );
  // A real hash, an asterisk line and a plain password are stored as meant.
  assert.equal(parse(`Password for root account = ${hash}\nPassword for user bob = *************\nPassword for user bob = s3cret@&:\\\n`).diagnostics, []);
});

test("the builder checks every option at run time (options from JSON have no types)", () => {
  const base = { hostname: "h", rootPassword: { plain: "p" } };
  const json = (extra: Record<string, unknown>) => () => installConf({ ...base, ...extra } as unknown as Parameters<typeof installConf>[0]);
  assert.is(refusedField(json({ hostname: 7 })), "hostname");
  assert.is(refusedField(json({ sshd: "yes" })), "sshd");
  assert.is(refusedField(json({ rootPassword: { plain: 5 } })), "rootPassword");
  assert.is(refusedField(json({ rootPassword: "secret" })), "rootPassword");
  assert.is(refusedField(json({ interfaces: "vio0" })), "interfaces");
  assert.is(refusedField(json({ interfaces: [{ name: "vio0", ipv4: "static" }] })), "interfaces[0].ipv4");
  assert.is(refusedField(json({ console: { speed: "115200" } })), "console.speed");
  assert.is(refusedField(json({ user: { login: "bob", password: { plain: "x" }, fullName: 3 } })), "user.fullName");
  assert.is(refusedField(json({ dns: { nameservers: ["10.0.0.1", 5] } })), "dns.nameservers[1]");
  assert.is(refusedField(json({ rootSshLogin: "maybe" })), "rootSshLogin");
  assert.is(refusedField(json({ sets: { server: "s", siteSets: "site78.tgz" } })), "sets.siteSets");
});

// ----- honest texts -----

test("after an abort, later lines are 'not reached', and the abort is placed on the file's last line", () => {
  const text = "Password for root account = p\nSet name(s) = -x*\nLocation of sets = http\n\n# end\n\n";
  const r = explain(parse(text));
  const abort = r.diagnostics.find((d) => d.code === "NO_ANSWER")!;
  assert.is(abort.severity, "error");
  assert.is(abort.line, 5, "the last line with text, not past the end of a 6-line file");
  assert.ok(abort.line <= text.split("\n").length - 1);
  assert.equal(
    r.diagnostics.filter((d) => d.code !== "NO_ANSWER").map((d) => [d.line, d.code]),
    [
      [1, "NOT_REACHED"],
      [2, "NOT_REACHED"],
      [3, "NOT_REACHED"],
    ],
  );
  for (const d of r.diagnostics) assert.not.ok(d.message.includes("asked until"), d.message);
  // An empty file: line 1.
  assert.is(explain(parse("")).diagnostics[0]!.line, 1);
});

test.run();
