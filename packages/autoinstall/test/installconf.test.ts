// install.conf: reading as the installer reads, the matching rule, the
// replayed question sequence, the builder, edits, passwords, keys, names.
// Expected values come from research/autoinstall.md (install.sub's rules and
// prompts), written out by hand.
import { UnwritableValueError } from "@obsdconf/core";
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  authorizedKeyLine,
  explain,
  generate,
  hashPassword,
  installConf,
  keyMatchesQuestion,
  parse,
  parseSshPublicKey,
  passwordKind,
  randomPassword,
  responseFileName,
  responseFileNames,
  update,
  verifyPassword,
  READING_PROBLEMS,
  type Outcome,
} from "../src/index.js";

// A syntactically valid ed25519 public key: length-prefixed type, then 32 bytes.
function ed25519Key(seed: number): string {
  const type = Buffer.from("ssh-ed25519");
  const blob = Buffer.alloc(4 + type.length + 4 + 32);
  blob.writeUInt32BE(type.length, 0);
  type.copy(blob, 4);
  blob.writeUInt32BE(32, 4 + type.length);
  for (let i = 0; i < 32; i++) blob[8 + type.length + i] = (seed * 31 + i) & 255;
  return `ssh-ed25519 ${blob.toString("base64")}`;
}

const hostingSample = `System hostname = puffy.openbsd.amsterdam
Password for root = [password]
Which speed should com0 = 115200
Network interfaces = vio0
IPv4 address for vio0 = dhcp
IPv6 address for vio0 = 2a03:6000:6f64:613::13
IPv6 default router = 2a03:6000:6f64:613::1
Setup a user = alice
Password for user = [password]
Public ssh key for user = ${ed25519Key(1)} alice@example.org
Which disk is the root disk = sd0
What timezone are you in = Europe/Amsterdam
Location of sets = http
Server = server8.example.org
Set name(s) = -x* +xb* +xf* +site*
Continue anyway = yes
Continue without verification = yes
`;

type Row = [question: string, line: number | undefined, outcome: Outcome];

// The install of a vmd guest (serial console com0, vio0, sd0), question by
// question, with the line of the sample that answers each.
function expectedRows(release: "6.5" | "7.8"): Row[] {
  const old = release === "6.5";
  // 6.5 asks it with ask_which, which prints "(or 'done')" but does not give it to the matcher.
  const iface = old ? "Which network interface do you wish to configure?" : "Network interface to configure? (name, lladdr, '?', or 'done')";
  return [
    ["Terminal type?", undefined, "default"],
    ["System hostname? (short form, e.g. 'foo')", 1, "answered"],
    [iface, undefined, "default"],
    [old ? "IPv4 address for vio0? (or 'dhcp' or 'none')" : "IPv4 address for vio0? (or 'autoconf' or 'none')", 5, "answered"],
    ["IPv6 address for vio0? (or 'autoconf' or 'none')", 6, "answered"],
    ["IPv6 prefix length for vio0?", undefined, "default"],
    [iface, undefined, "default"],
    ["IPv6 default router? (IPv6 address or 'none')", 7, "answered"],
    ["Password for root account?", 2, "answered"],
    ["Public ssh key for root account?", undefined, "default"],
    ["Start sshd(8) by default?", undefined, "default"],
    ["Change the default console to com0?", undefined, "default"],
    ["Which speed should com0 use?", 3, "answered"],
    ["Setup a user? (enter a lower-case loginname, or 'no')", 8, "answered"],
    ["Full name for user alice?", undefined, "default"],
    ["Password for user alice?", 9, "answered"],
    ["Public ssh key for user alice", 10, "answered"],
    ["Allow root ssh login? (yes, no, prohibit-password)", undefined, "default"],
    ["What timezone are you in? ('?' for list)", 12, "answered"],
    ["Which disk is the root disk? ('?' for details)", 11, "answered"],
    ...(old ? [] : ([["Encrypt the root disk with a (p)assphrase or (k)eydisk?", undefined, "default"]] as Row[])),
    ["Use (W)hole disk MBR, whole disk (G)PT, (O)penBSD area or (E)dit?", undefined, "default"],
    ["URL to autopartitioning template for disklabel?", undefined, "default"],
    ["Use (A)uto layout, (E)dit auto layout, or create (C)ustom layout?", undefined, "default"],
    ["Location of sets? (disk http or 'done')", 13, "answered"],
    ["HTTP proxy URL? (e.g. 'http://proxy:8080', or 'none')", undefined, "default"],
    ["HTTP Server? (hostname, list#, 'done' or '?')", 14, "answered"],
    ["Server directory?", undefined, "default"],
    ["Set name(s)? (or 'abort' or 'done')", 15, "answered"],
    ["Set name(s)? (or 'abort' or 'done')", undefined, "default"],
    [`Checksum test for site${old ? "65" : "78"}.tgz failed. Continue anyway?`, 16, "answered"],
    [`Unverified sets: site${old ? "65" : "78"}.tgz. Continue without verification?`, 17, "answered"],
    ["Location of sets? (disk http or 'done')", undefined, "default"],
  ];
}

for (const release of ["6.5", "7.8"] as const) {
  test(`the hosting answer file, replayed on ${release}`, () => {
    const doc = parse(hostingSample, { release });
    assert.equal(doc.diagnostics.filter((d) => READING_PROBLEMS.has(d.code)), [], "no line the installer would skip");
    // The release's checks: "Network interfaces" matches none of its questions.
    assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [[4, "UNKNOWN_QUESTION"]]);
    const { answers, diagnostics } = explain(doc, { release });
    assert.equal(
      answers.map((a): Row => [a.question, a.line, a.outcome]),
      expectedRows(release),
    );
    // "Network interfaces" matches no prompt (the prompt says "interface"),
    // so the netboot interface is taken by default. "Continue anyway" answers
    // the site set's checksum question, but a failed download of base would
    // take it first. 6.5 tries https before http for a bare server name.
    const byLine = diagnostics.map((d) => [d.line, d.severity, d.code]);
    assert.equal(byLine, [
      [4, "warning", "UNKNOWN_QUESTION"],
      ...(release === "6.5" ? [[14, "info", "HTTPS_FIRST"]] : []),
      [16, "warning", "AMBIGUOUS_KEY"],
    ]);
    const ambiguous = diagnostics.find((d) => d.code === "AMBIGUOUS_KEY")!;
    const nn = release === "6.5" ? "65" : "78";
    assert.ok(ambiguous.message.includes(`"Fetching of base${nn}.tgz failed. Continue anyway?"`), ambiguous.message);
    assert.ok(ambiguous.message.includes(`Use the key "Checksum test for site${nn}.tgz failed. Continue anyway"`), ambiguous.message);
    const iface = release === "6.5" ? "Which network interface do you wish to configure" : "Network interface to configure";
    assert.ok(diagnostics[0]!.message.includes(`did you mean "${iface}"`), diagnostics[0]!.message);
    // On 6.5 a server that does not answer https stops the install there.
    if (release === "6.5") {
      const http = explain(parse(hostingSample), { release, machine: { setsServer: { https: false } } });
      const last = http.answers[http.answers.length - 1]!;
      assert.equal([last.question, last.outcome], ["Unable to connect using https. Use http instead?", "abort"]);
    }
  });
}

test("a misspelled key is a warning on its line naming the real question", () => {
  const doc = parse("Sytem hostname = x\nPassword for root account = secret\n");
  const { answers, diagnostics } = explain(doc);
  const typo = diagnostics.find((d) => d.line === 1)!;
  assert.is(typo.severity, "warning");
  assert.ok(typo.message.includes('did you mean "System hostname"'), typo.message);
  // Without a hostname the install stops at that question.
  assert.equal(answers[1], { id: "hostname", question: "System hostname? (short form, e.g. 'foo')", outcome: "abort" });
  assert.ok(diagnostics.some((d) => d.severity === "error" && d.code === "NO_ANSWER"));
});

test("a key of a prompt reworded in 7.x is named with the key that matches now", () => {
  const doc = parse("System hostname = a\nWhich network interface = vio0\nPassword for root account = x\n");
  const on65 = explain(doc, { release: "6.5" });
  assert.equal(on65.answers[2]!.line, 2);
  const onNewest = explain(doc);
  const d = onNewest.diagnostics.find((x) => x.line === 2)!;
  assert.is(d.code, "REWORDED_QUESTION");
  assert.ok(d.message.includes("OpenBSD 6.5"), d.message);
  assert.ok(d.message.includes('use the key "Network interface to configure"'), d.message);
});

test("the matching rule: words at a blank or the start, ending at a blank, ? or the end", () => {
  const ipv4 = "IPv4 address for vio0? (or 'autoconf' or 'none')";
  for (const key of ["IPv4 address for vio0", "ipv4 address", "address for vio0", "IPV4 ADDRESS FOR VIO0"]) {
    assert.ok(keyMatchesQuestion(key, ipv4), key);
  }
  assert.ok(keyMatchesQuestion("Password for root", "Password for root account?"));
  assert.not.ok(keyMatchesQuestion("Network interfaces", "Network interface to configure? (name, lladdr, '?', or 'done')"));
  assert.ok(keyMatchesQuestion("network interface", "Network interface to configure? (name, lladdr, '?', or 'done')"));
  assert.ok(keyMatchesQuestion("Use (W)hole disk", "Use (W)hole disk MBR, whole disk (G)PT, (O)penBSD area or (E)dit?"));
  assert.ok(keyMatchesQuestion("Which speed should com0", "Which speed should com0 use?"));
  assert.ok(keyMatchesQuestion("Set name(s)", "Set name(s)? (or 'abort' or 'done')"));
  assert.not.ok(keyMatchesQuestion("Set name*", "Set name(s)? (or 'abort' or 'done')"), "globs are literal");
  assert.ok(keyMatchesQuestion("Server", "HTTP Server? (hostname, list#, 'done' or '?')"));
  assert.ok(keyMatchesQuestion("Server", "Server directory?"));
  assert.not.ok(keyMatchesQuestion("IPv4 address for vio", ipv4), "vio is followed by 0");
  assert.not.ok(keyMatchesQuestion("4 address", ipv4), "must start after a blank");
});

test("reading lines: trimming, the first '=' splits, comments, ignored lines", () => {
  const text = "  # comment = not an answer\n\tKey  one \t=\t answer = with = signs \t\nNo equals sign\n= leading\nEmpty =   \nhash#in key = x#y\n";
  const doc = parse(text);
  assert.equal(doc.model.answers, [
    { key: "Key  one", answer: "answer = with = signs" },
    { key: "hash#in key", answer: "x#y" },
  ]);
  const reading = doc.diagnostics.filter((d) => READING_PROBLEMS.has(d.code));
  assert.equal(
    reading.map((d) => [d.line, d.code]),
    [
      [3, "IGNORED_LINE"],
      [4, "IGNORED_LINE"],
      [5, "IGNORED_LINE"],
    ],
  );
  assert.ok(reading[2]!.message.includes("cannot be empty"));
  assert.equal(parse("a = b\r\n").diagnostics.filter((d) => READING_PROBLEMS.has(d.code)).map((d) => d.code), ["CARRIAGE_RETURN"]);
});

test("the first matching line wins and is consumed: repeated questions take the next line", () => {
  const doc = parse("System hostname = h\nPassword for root account = p\nLocation of sets = http\nHTTP Server = s\nSet name(s) = -game*\nSet name(s) = +site*\nSet name(s) = done\n");
  const sets = explain(doc).answers.filter((a) => a.id === "setNames");
  assert.equal(sets.map((a) => [a.line, a.answer]), [
    [5, "-game*"],
    [6, "+site*"],
    [7, "done"],
  ]);
});

test("answers the installer rejects: abort or ask again, as it does", () => {
  const doc = parse("System hostname = h\nPassword for root account = p\nStart sshd(8) by default = maybe\n");
  const result = explain(doc);
  assert.is(result.answers[result.answers.length - 1]!.outcome, "abort");
  const error = result.diagnostics.find((d) => d.severity === "error")!;
  assert.is(error.line, 3);
  assert.is(error.code, "REJECTED_ANSWER");

  const tz = explain(parse("System hostname = h\nPassword for root account = p\nWhat timezone are you in = Mars/Olympus\n"));
  const warning = tz.diagnostics.find((d) => d.code === "REJECTED_ANSWER")!;
  assert.is(warning.severity, "warning");
  assert.ok(warning.message.includes("asks again"));
  assert.is(tz.answers.find((a) => a.id === "timezone")!.outcome, "default");

  const sets = explain(parse("System hostname = h\nPassword for root account = p\nSet name(s) = +site* ; rm\n"));
  const setWarning = sets.diagnostics.find((d) => d.line === 3)!;
  assert.is(setWarning.code, "REJECTED_ANSWER");
  assert.ok(setWarning.message.includes('";" is not a set name or pattern'), setWarning.message);

  const v4 = explain(parse("System hostname = h\nIPv4 address for vio0 = 10.0.0.300\n"));
  assert.ok(v4.diagnostics.some((d) => d.severity === "error" && d.line === 2));
});

test("the builder writes each release's own keys, in the installer's order", () => {
  const options = {
    hostname: "puffy.openbsd.amsterdam",
    rootPassword: { plain: "p4ss=word#1" },
    console: { speed: 115200 as const },
    interfaces: [{ name: "vio0", ipv4: "dhcp" as const, ipv6: { address: "2a03:6000:6f64:613::13", prefixLength: 64 } }],
    ipv6DefaultRouter: "2a03:6000:6f64:613::1",
    user: { login: "alice", password: { disabled: true as const }, sshKey: `${ed25519Key(2)} alice@example.org` },
    timezone: "Europe/Amsterdam",
    rootDisk: "sd0",
    sets: { server: "server8.example.org", selection: "-x* +xb* +xf* +site*", acceptSiteSets: true },
  };
  const old = installConf({ ...options, release: "6.5" });
  const newest = installConf(options);
  assert.ok(old.includes("Which network interface do you wish to configure = vio0\n"));
  assert.ok(old.includes("IPv4 address for vio0 = dhcp\n"));
  assert.ok(newest.includes("Network interface to configure = vio0\n"));
  assert.ok(newest.includes("Password for user alice = *************\n"));
  assert.ok(newest.includes("Checksum test for site78.tgz failed. Continue anyway = yes\nContinue without verification = yes\n"));
  assert.ok(old.includes("Server directory = ") === false && old.includes("HTTP Server = server8.example.org\nUnable to connect using https. Use http instead = yes\n"));
  assert.ok(newest.startsWith("System hostname = puffy.openbsd.amsterdam\nNetwork interface to configure = vio0\n"));
  for (const [release, text] of [["6.5", old], ["7.8", newest]] as const) {
    const doc = parse(text);
    const result = explain(doc, { release });
    assert.equal(result.diagnostics.filter((d) => d.severity !== "info"), [], `${release} explains cleanly`);
    const used = new Set(result.answers.filter((a) => a.line !== undefined).map((a) => a.line));
    // 6.5 only: "Use http instead" covers a server that does not answer https.
    const covering = result.diagnostics.filter((d) => d.code === "NOT_ASKED").map((d) => d.line);
    assert.equal(covering, release === "6.5" ? [doc.model.answers.findIndex((a) => a.key === "Unable to connect using https. Use http instead") + 1] : []);
    assert.is(used.size + covering.length, doc.model.answers.length, `${release}: every line answers a question`);
  }
});

test("builder refuses values the installer would misread, naming the option", () => {
  const base = { hostname: "h", rootPassword: { plain: "x" } };
  const refused = refusedField;
  assert.is(refused(() => installConf({ ...base, hostname: "a\nb" })), "hostname");
  assert.is(refused(() => installConf({ ...base, rootPassword: { plain: " secret" } })), "rootPassword");
  assert.is(refused(() => installConf({ ...base, rootPassword: { bcrypt: "nope" } })), "rootPassword");
  assert.is(refused(() => installConf({ ...base, user: { login: "Alice", password: { plain: "x" } } })), "user.login");
  assert.is(refused(() => installConf({ ...base, rootSshKey: "ssh-ed25519 AAAA" })), "rootSshKey");
  assert.is(refused(() => installConf({ ...base, interfaces: [{ name: "vio0", ipv4: { address: "10.0.0.5", netmask: "255.255.255.0" } }] })), "defaultRoute");
  assert.is(refused(() => installConf({ ...base, sets: { server: "s", selection: "+site*" } })), "sets.acceptSiteSets");
  assert.is(refused(() => installConf({ ...base, sets: { server: "s", selection: "+site*", acceptSiteSets: true, siteSets: ["x.tgz"] } })), "sets.siteSets[0]");
});

test("update keeps every other byte and the spacing of changed lines", () => {
  const text = "# vm13\nSystem hostname\t=  old\n\nPassword for root account = a\n";
  const doc = parse(text);
  assert.is(
    update(doc, (m) => {
      m.answers[0]!.answer = "new.example.org";
    }),
    "# vm13\nSystem hostname\t=  new.example.org\n\nPassword for root account = a\n",
  );
  assert.is(
    update(doc, (m) => {
      m.answers.splice(1, 0, { key: "Public ssh key for root account", answer: "none" });
    }),
    "# vm13\nSystem hostname\t=  old\nPublic ssh key for root account = none\n\nPassword for root account = a\n",
  );
  assert.is(
    update(doc, (m) => {
      m.answers.shift();
    }),
    "# vm13\n\nPassword for root account = a\n",
  );
  assert.throws(() => update(doc, (m) => void (m.answers[0]!.answer = "two\nlines")), (e: unknown) => e instanceof UnwritableValueError);
});

test("passwords: CSPRNG printable ASCII, bcrypt $2b$, and what the installer stores verbatim", () => {
  const p = randomPassword();
  assert.is(p.length, 20);
  assert.ok([...p].every((c) => c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 126));
  const hash = hashPassword("secret", { cost: 4 });
  assert.match(hash, /^\$2b\$04\$.{53}$/);
  assert.ok(verifyPassword("secret", hash));
  assert.is(passwordKind(hash), "bcrypt");
  assert.is(passwordKind("*************"), "disabled");
  assert.is(passwordKind("[password]"), "plain");
});

test("ssh public keys: type, base64 body and the type inside it", () => {
  const key = ed25519Key(3);
  const parsed = parseSshPublicKey(`${key} alice@example.org`);
  assert.ok(parsed.ok);
  assert.is(authorizedKeyLine(key, "Xy7#pass"), `${key} Xy7#pass`);
  const [, blob] = key.split(" ");
  assert.not.ok(parseSshPublicKey(`ssh-rsa ${blob}`).ok, "blob holds ssh-ed25519");
  assert.not.ok(parseSshPublicKey("ssh-ed25519 not*base64").ok);
  assert.not.ok(parseSshPublicKey(`ssh-foo ${blob}`).ok);
  assert.throws(() => authorizedKeyLine(key, "two\nlines"), (e: unknown) => e instanceof UnwritableValueError);
});

test("response file names: the MAC in lower-case colon form", () => {
  assert.is(responseFileName("FE:E1:BB:F1:C8:01"), "fe:e1:bb:f1:c8:01-install.conf");
  assert.is(responseFileName("fe:e1:bb:f1:c8:1", "upgrade"), "fe:e1:bb:f1:c8:01-upgrade.conf");
  assert.equal(responseFileNames("fe:e1:bb:f1:c8:01", "vm13"), ["fe:e1:bb:f1:c8:01-install.conf", "vm13-install.conf", "install.conf"]);
  assert.throws(() => responseFileName("not a mac"), (e: unknown) => e instanceof RangeError);
});

test("generate writes one key = answer line each", () => {
  assert.is(generate({ answers: [{ key: "System hostname", answer: "h" }] }), "System hostname = h\n");
});

test.run();
