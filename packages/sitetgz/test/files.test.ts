// installurl(5), sysctl.conf(5) and rc.conf.local(8) as their readers read
// them (installurl: first URL line; /etc/rc: comments cut at '#', words split
// on blanks; rc.subr: name=value, '#' ends the value, one pair of quotes).
import { refusedField } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  daemonFlags,
  generateInstallUrl,
  generateRcConfLocal,
  generateSysctlConf,
  parseInstallUrl,
  parseRcConfLocal,
  parseSysctlConf,
  pkgScripts,
  setDaemonFlags,
  setPkgScripts,
  updateInstallUrl,
  updateRcConfLocal,
  updateSysctlConf,
} from "../src/index.js";

const fieldOf = refusedField;

test("installurl: the first URL line counts; comments and empty lines are skipped", () => {
  const doc = parseInstallUrl("# mirror\n\nhttps://cdn.openbsd.org/pub/OpenBSD\nhttp://10.0.0.1/pub/OpenBSD\n");
  assert.equal(doc.model.urls, ["https://cdn.openbsd.org/pub/OpenBSD", "http://10.0.0.1/pub/OpenBSD"]);
  assert.equal(doc.diagnostics.map((d) => [d.line, d.code]), [[4, "EXTRA_URL"]]);
  assert.is(
    updateInstallUrl(doc, (m) => {
      m.urls = ["http://server8.example.org/pub/OpenBSD"];
    }),
    "# mirror\n\nhttp://server8.example.org/pub/OpenBSD\n",
  );
  assert.is(generateInstallUrl({ urls: ["https://cdn.openbsd.org/pub/OpenBSD"] }), "https://cdn.openbsd.org/pub/OpenBSD\n");
  assert.is(fieldOf(() => generateInstallUrl({ urls: ["two words"] })), "urls[0]");
});

test("sysctl.conf: comments anywhere, several words per line, names checked", () => {
  const doc = parseSysctlConf("# boot settings\nkern.timecounter.hardware=tsc # vmm\nnet.inet.ip.forwarding=1 net.inet6.ip6.forwarding=1\nKern.bad=1\nhw.smt\n");
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
  const edited = updateSysctlConf(doc, (m) => {
    m.settings[0]!.value = "acpihpet0";
    m.settings.splice(2, 1);
    m.settings.push({ name: "machdep.allowaperture", value: "2" });
  });
  assert.is(edited, "# boot settings\nkern.timecounter.hardware=acpihpet0 # vmm\nnet.inet.ip.forwarding=1 \nKern.bad=1\nmachdep.allowaperture=2\nhw.smt\n");
  assert.is(generateSysctlConf({ settings: [{ name: "kern.timecounter.hardware", value: "tsc" }] }), "kern.timecounter.hardware=tsc\n");
  assert.is(fieldOf(() => generateSysctlConf({ settings: [{ name: "kern.a", value: "x y" }] })), "settings[0].value");
  assert.is(fieldOf(() => generateSysctlConf({ settings: [{ name: "kern.a", value: "x#y" }] })), "settings[0].value");
  assert.is(fieldOf(() => generateSysctlConf({ settings: [{ name: "not a name", value: "1" }] })), "settings[0].name");
});

test("rc.conf.local: quotes removed, '#' ends a value, names rc does not use are warned about", () => {
  const text = '# local\nntpd_flags="-s"\nsndiod_flags=NO\nsshd_flags= # default flags\nFOO_FLAGS=x\nmyvar=1\npkg_scripts="postgresql nginx"\nif true; then\nntpd_flags=\n';
  const doc = parseRcConfLocal(text);
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
  assert.is(daemonFlags(doc.model, "ntpd"), "");
  assert.is(daemonFlags(doc.model, "sndiod"), "NO");
  assert.equal(pkgScripts(doc.model), ["postgresql", "nginx"]);
});

test("rc.conf.local: edits keep the rest, values are quoted when needed and refused when rc would misread them", () => {
  const doc = parseRcConfLocal("# local\nntpd_flags=\"-s\"\nsndiod_flags=NO\n");
  const edited = updateRcConfLocal(doc, (m) => {
    setDaemonFlags(m, "ntpd", "-s -v");
    setDaemonFlags(m, "httpd", "");
    setPkgScripts(m, ["postgresql"]);
  });
  assert.is(edited, '# local\nntpd_flags="-s -v"\nsndiod_flags=NO\nhttpd_flags=\npkg_scripts=postgresql\n');
  assert.is(generateRcConfLocal({ variables: [{ name: "ntpd_flags", value: "-s" }, { name: "sndiod_flags", value: "NO" }] }), "ntpd_flags=-s\nsndiod_flags=NO\n");
  for (const bad of ["a#b", 'say "hi"', "$HOME", "`id`", "a\\b", "two\nlines"]) {
    assert.is(fieldOf(() => generateRcConfLocal({ variables: [{ name: "x_flags", value: bad }] })), "variables[0].value", bad);
  }
  assert.is(fieldOf(() => generateRcConfLocal({ variables: [{ name: "Bad Name", value: "1" }] })), "variables[0].name");
});

test.run();
