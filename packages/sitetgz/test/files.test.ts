// installurl(5), sysctl.conf(5) and rc.conf.local(8) as their readers read
// them (installurl: first URL line; /etc/rc: comments cut at '#', words split
// on blanks; rc.subr: name=value, '#' ends the value, one pair of quotes).
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { UnwritableValueError } from "@obsdconf/core";
import { installurl, rcConfLocal, sysctlConf } from "../src/index.js";

const fieldOf = refusedField;

test("installurl: the first URL line counts; comments and empty lines are skipped", () => {
  const doc = installurl.parse("# mirror\n\nhttps://cdn.openbsd.org/pub/OpenBSD\nhttp://10.0.0.1/pub/OpenBSD\n");
  assert.equal(doc.model.urls, ["https://cdn.openbsd.org/pub/OpenBSD", "http://10.0.0.1/pub/OpenBSD"]);
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [[4, "EXTRA_URL"]]);
  assert.is(
    installurl.update(doc, (m) => {
      m.urls = ["http://server8.example.org/pub/OpenBSD"];
    }),
    "# mirror\n\nhttp://server8.example.org/pub/OpenBSD\n",
  );
  assert.is(installurl.generate({ urls: ["https://cdn.openbsd.org/pub/OpenBSD"] }), "https://cdn.openbsd.org/pub/OpenBSD\n");
  assert.is(fieldOf(() => installurl.generate({ urls: ["two words"] })), "urls[0]");
});

test("sysctl.conf: comments anywhere, several words per line, names checked", () => {
  const doc = sysctlConf.parse("# boot settings\nkern.timecounter.hardware=tsc # vmm\nnet.inet.ip.forwarding=1 net.inet6.ip6.forwarding=1\nKern.bad=1\nhw.smt\n");
  assert.equal(doc.model.settings, [
    { name: "kern.timecounter.hardware", value: "tsc" },
    { name: "net.inet.ip.forwarding", value: "1" },
    { name: "net.inet6.ip6.forwarding", value: "1" },
    { name: "Kern.bad", value: "1" },
  ]);
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [
    [4, "BAD_MIB_NAME"],
    [5, "NO_VALUE"],
  ]);
  const edited = sysctlConf.update(doc, (m) => {
    m.settings[0]!.value = "acpihpet0";
    m.settings.splice(2, 1);
    m.settings.push({ name: "machdep.allowaperture", value: "2" });
  });
  assert.is(edited, "# boot settings\nkern.timecounter.hardware=acpihpet0 # vmm\nnet.inet.ip.forwarding=1 \nKern.bad=1\nmachdep.allowaperture=2\nhw.smt\n");
  assert.is(sysctlConf.generate({ settings: [{ name: "kern.timecounter.hardware", value: "tsc" }] }), "kern.timecounter.hardware=tsc\n");
  assert.is(fieldOf(() => sysctlConf.generate({ settings: [{ name: "kern.a", value: "x y" }] })), "settings[0].value");
  assert.is(fieldOf(() => sysctlConf.generate({ settings: [{ name: "kern.a", value: "x#y" }] })), "settings[0].value");
  assert.is(fieldOf(() => sysctlConf.generate({ settings: [{ name: "not a name", value: "1" }] })), "settings[0].name");
});

test("rc.conf.local: quotes removed, '#' ends a value, names rc does not use are warned about", () => {
  const text = '# local\nntpd_flags="-s"\nsndiod_flags=NO\nsshd_flags= # default flags\nFOO_FLAGS=x\nmyvar=1\npkg_scripts="postgresql nginx"\nif true; then\nntpd_flags=\n';
  const doc = rcConfLocal.parse(text);
  assert.equal(doc.model.variables, [
    { name: "ntpd_flags", value: "-s" },
    { name: "sndiod_flags", value: "NO" },
    { name: "sshd_flags", value: "" },
    { name: "foo_flags", value: "x" },
    { name: "myvar", value: "1" },
    { name: "pkg_scripts", value: "postgresql nginx" },
    { name: "ntpd_flags", value: "" },
  ]);
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [
    [6, "UNUSED_VARIABLE"],
    [8, "NOT_AN_ASSIGNMENT"],
    [9, "REPEATED_VARIABLE"],
  ]);
  assert.is(rcConfLocal.daemonFlags(doc.model, "ntpd"), "");
  assert.is(rcConfLocal.daemonFlags(doc.model, "sndiod"), "NO");
  assert.equal(rcConfLocal.pkgScripts(doc.model), ["postgresql", "nginx"]);
});

test("rc.conf.local: edits keep the rest, values are quoted when needed and refused when rc would misread them", () => {
  const doc = rcConfLocal.parse("# local\nntpd_flags=\"-s\"\nsndiod_flags=NO\n");
  const edited = rcConfLocal.update(doc, (m) => {
    rcConfLocal.setDaemonFlags(m, "ntpd", "-s -v");
    rcConfLocal.setDaemonFlags(m, "httpd", "");
    rcConfLocal.setPkgScripts(m, ["postgresql"]);
  });
  assert.is(edited, '# local\nntpd_flags="-s -v"\nsndiod_flags=NO\nhttpd_flags=\npkg_scripts=postgresql\n');
  assert.is(rcConfLocal.generate({ variables: [{ name: "ntpd_flags", value: "-s" }, { name: "sndiod_flags", value: "NO" }] }), "ntpd_flags=-s\nsndiod_flags=NO\n");
  for (const bad of ["a#b", 'say "hi"', "$HOME", "`id`", "a\\b", "two\nlines"]) {
    assert.is(fieldOf(() => rcConfLocal.generate({ variables: [{ name: "x_flags", value: bad }] })), "variables[0].value", bad);
  }
  assert.is(fieldOf(() => rcConfLocal.generate({ variables: [{ name: "Bad Name", value: "1" }] })), "variables[0].name");
});

test("one Document for each format: file name, lines and columns, bytes as input, typed error for anything else", () => {
  const bytes = new TextEncoder().encode("kern.a=1\nhw.smt\n");
  const doc = sysctlConf.parse(bytes, { fileName: "/etc/sysctl.conf" });
  assert.is(doc.fileName, "/etc/sysctl.conf");
  assert.is(doc.text, "kern.a=1\nhw.smt\n");
  assert.equal(doc.diagnostics.map((d) => [d.file, d.line, d.column, d.code]), [["/etc/sysctl.conf", 2, 1, "NO_VALUE"]]);
  assert.equal(Object.keys(doc), ["text", "fileName", "model", "diagnostics"]);
  assert.throws(() => rcConfLocal.parse(undefined as never), /rcConfLocal\.parse: expected a string or a Uint8Array/);
  assert.throws(() => installurl.parse(42 as never), /installurl\.parse: expected a string or a Uint8Array/);
  assert.equal(rcConfLocal.parse("x_flags=1\n").diagnostics, []);
});

test("validate speaks in model paths: errors for what generate refuses, warnings for what the reader ignores", () => {
  assert.equal(
    sysctlConf.validate({ settings: [{ name: "kern.a", value: "1" }, { name: "Kern", value: "a b" }, { name: "kern.b", value: "*" }] }).map((d) => [d.path, d.severity, d.code]),
    [
      ["settings[1].name", "error", "BAD_MIB_NAME"],
      ["settings[1].value", "error", "UNSAFE_VALUE"],
      ["settings[2].value", "error", "GLOB"],
    ],
  );
  const rc = rcConfLocal.validate({ variables: [{ name: "ntpd_flags", value: "-s" }, { name: "myvar", value: "$HOME" }, { name: "ntpd_flags", value: "" }] });
  assert.equal(rc.map((d) => [d.path, d.severity, d.code]), [
    ["variables[1].name", "warning", "UNUSED_VARIABLE"],
    ["variables[1].value", "error", "UNSAFE_VALUE"],
    ["variables[2].name", "warning", "REPEATED_VARIABLE"],
  ]);
  assert.is(rc[2]!.message, '"ntpd_flags" is set again; the variables[0] value is overridden');
  assert.equal(installurl.validate({ urls: ["https://a.example/pub", "not a url"] }).map((d) => [d.path, d.severity, d.code]), [
    ["urls[1]", "warning", "EXTRA_URL"],
    ["urls[1]", "error", "NOT_A_URL"],
  ]);
  assert.equal(sysctlConf.validate({ settings: "x" } as never).map((d) => [d.path, d.code]), [["settings", "UNWRITABLE_VALUE"]]);
  assert.equal(rcConfLocal.validate({ variables: [null] } as never).map((d) => [d.path, d.code]), [["variables[0]", "UNWRITABLE_VALUE"]]);
  assert.ok([...sysctlConf.validate({ settings: [{ name: "x", value: "1" }] })].every((d) => !("line" in d)));
});

test("a model from JSON: every field is checked at run time and a refusal names it", () => {
  assert.is(fieldOf(() => sysctlConf.generate({ settings: [{ name: "kern.a", value: 1 }] } as never)), "settings[0].value");
  assert.is(fieldOf(() => sysctlConf.generate({ settings: [{ name: ["kern.a"], value: "1" }] } as never)), "settings[0].name");
  assert.is(fieldOf(() => sysctlConf.generate({ settings: ["kern.a=1"] } as never)), "settings[0]");
  assert.is(fieldOf(() => sysctlConf.generate({} as never)), "settings");
  assert.is(fieldOf(() => rcConfLocal.generate({ variables: [{ name: "x_flags", value: null }] } as never)), "variables[0].value");
  assert.is(fieldOf(() => rcConfLocal.generate({ variables: [{ name: "x_flags\nevil", value: "1" }] })), "variables[0].name");
  assert.is(fieldOf(() => installurl.generate({ urls: [{ href: "https://a.example" }] } as never)), "urls[0]");
  assert.is(fieldOf(() => installurl.generate({ urls: ["https://a.example\nhttps://evil.example"] })), "urls[0]");
  const doc = sysctlConf.parse("kern.a=1\n");
  assert.is(fieldOf(() => sysctlConf.update(doc, (m) => void (m.settings[0]!.value = "1\nkern.evil=1"))), "settings[0].value");
  assert.is(fieldOf(() => sysctlConf.update(doc, () => ({ settings: 3 }) as never)), "settings");
});

test("update refuses a setting name that is not text, naming the field (no TypeError from the alignment)", () => {
  const doc = sysctlConf.parse("kern.maxfiles=1000\n");
  assert.throws(
    () => sysctlConf.update(doc, (m) => void ((m.settings[0] as unknown as { name: unknown }).name = { toString: undefined })),
    (e: unknown) => e instanceof UnwritableValueError && e.field === "settings[0].name",
  );
});

test.run();
