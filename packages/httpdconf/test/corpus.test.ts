// Every httpd.conf in the shared corpus: parse never throws and tokens and
// trivia cover the file byte for byte; the stock example and the real files
// httpd accepts parse without errors; the files that are not valid
// httpd.conf on their own get the errors httpd gives them. Read in place,
// never copied.
import { coverageProblem } from "@obsdconf/core";
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { readFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../src/index.js";

const corpus = corpusDir();
const root = corpus ? join(corpus, "httpdconf") : undefined;
const files = root ? filesUnder(root).filter((f) => !/\.(md|tsv|txt)$/.test(f)) : [];

const errorLines = (text: string, file: string) =>
  parse(text, { fileName: file })
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => `${d.line}: ${d.message}`);

// Files that are not valid httpd.conf by themselves, and why.
const INVALID: Record<string, string> = {
  // An Ansible template: `listen on {{ var }}` is not quoted, and `{` cannot start a word.
  "ba9f11ecc3497d9993b933fdc2bd61e5__configure_obsd__httpd.conf.j2.tmpl": "template with unquoted {{ }}",
  // A fragment meant to be included: it uses macros its includer defines.
  "pzskc383__openbsd-mitamae__cookbooks__httpd__files__httpd.default.conf": "fragment using undefined macros",
};

if (root) {
  test("the corpus has httpd.conf files", () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });

  for (const file of files) {
    const name = relative(root, file);
    test(`${name}: parses without throwing, losslessly`, () => {
      const text = readFileSync(file, "utf8");
      for (const release of ["6.5", "7.9"] as const) {
        const doc = parse(text, { fileName: name, release });
        assert.is(doc.text, text);
        assert.is(coverageProblem(doc.syntax.tokens), undefined);
      }
      if (!(basename(file) in INVALID)) assert.equal(errorLines(text, name), [], "httpd accepts this file");
    });
  }

  test("the stock example (etc/examples/httpd.conf 1.14): its servers as the file writes them", () => {
    const doc = parse(readFileSync(join(root, "openbsd-examples", "httpd.conf"), "utf8"));
    assert.equal(
      doc.diagnostics.filter((d) => d.severity !== "info"),
      [],
    );
    const m = doc.model;
    assert.equal(m.macros, [{ name: "ext_addr", value: "*" }]);
    assert.equal(
      m.servers.map((s) => [s.name, s.listen]),
      [
        ["default", [{ address: "*", port: 80 }]],
        ["www.example.com", [{ address: "*", port: 80 }]],
        ["secure.example.com", [{ address: "127.0.0.1", tls: true, port: 443 }]],
        ["intranet.example.com", [{ address: "10.0.0.1", port: 80 }]],
        ["ipv6.example.com", [{ address: "2001:db8::53f6:3eab", port: 81 }]],
      ],
    );
    const www = m.servers[1]!;
    assert.equal(
      www.locations.map((l) => l.pattern),
      ["/pub/*", "*.php", "/cgi-bin/*"],
    );
    assert.equal(www.locations[0]!.directory, { autoIndex: true });
    assert.equal(www.locations[0]!.log, { style: "combined" });
    assert.equal(www.locations[1]!.fastcgi, { socket: { kind: "unix", path: "/run/php-fpm.sock" }, params: [] });
    assert.equal(m.servers[2]!.connection, { maxRequests: 500, timeout: 3600 });
    assert.equal(m.servers[2]!.log, { access: "secure-access.log", error: "secure-error.log" });
    assert.equal(m.servers[3]!.directory, { autoIndex: true, index: "default.htm" });
    assert.equal(m.types, [{ media: [], includes: ["/usr/share/misc/mime.types"] }]);
  });

  const real = (local: string) => join(root, "real", local);

  test("the Ansible template: a syntax error on each `listen on {{ ... }}` line", () => {
    const local = "ba9f11ecc3497d9993b933fdc2bd61e5__configure_obsd__httpd.conf.j2.tmpl";
    if (!files.includes(real(local))) return;
    const text = readFileSync(real(local), "utf8");
    const expected = text.split("\n").flatMap((l, i) => (/^\s*listen on \{\{/.test(l) ? [`${i + 1}: syntax error`] : []));
    assert.equal(expected.length, 2);
    // Both servers are lost, so httpd also has nothing to run (no line: we place it on the last one).
    assert.equal(errorLines(text, local), [...expected, `${text.replace(/\n$/, "").split("\n").length}: no actions, nothing to do`]);
  });

  test("the included fragment: undefined macros on their lines; with its includer's macros it is clean", () => {
    const local = "pzskc383__openbsd-mitamae__cookbooks__httpd__files__httpd.default.conf";
    if (!files.includes(real(local))) return;
    const text = readFileSync(real(local), "utf8");
    const errors = errorLines(text, local).filter((e) => /macro/.test(e));
    assert.equal(errors, ["2: macro 'loopback' not defined", "3: macro 'loopback' not defined"]);
    const includer = 'loopback = "127.0.0.1"\nredirect_port = "80"\nserve_port = "8080"\ninclude "/etc/httpd.default.conf"\n';
    const doc = parse(includer, { fileName: "/etc/httpd.conf", readFile: () => text });
    assert.equal(
      doc.diagnostics.filter((d) => d.severity !== "info"),
      [],
    );
  });
} else {
  test.skip("corpus files (corpus absent)", () => {});
}

test.run();
