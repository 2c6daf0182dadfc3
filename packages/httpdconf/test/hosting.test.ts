// autoinstallServer / addAutoinstallServer: the server block that serves
// <MAC>-install.conf files and install sets. Expected models and texts are
// written by hand from httpd.conf(5) and the installer's URLs
// (research/autoinstall.md §1.2 and §3: the response file at
// /<MAC>-install.conf, the sets under /pub/OpenBSD/<release>/<arch>/).
// Which file httpd sends for a URL is worked out below the way
// server_http.c does it (first location whose glob matches the path, then
// `request strip N` drops N leading components, then root + rest).
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { UnwritableValueError } from "@obsdconf/core";
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { EditableDocument } from "../src/edit.js";
import { generate } from "../src/generate.js";
import { addAutoinstallServer, autoinstallServer, setsPath, type AutoinstallServerOptions } from "../src/hosting.js";
import { emptyHttpdConf, type Server } from "../src/model.js";

type ParseFn = (text: string) => EditableDocument;
let parse: ParseFn | undefined;
let missing = "";
try {
  const path = "../src/parse.js"; // a variable: the module may not exist yet
  ({ parse } = (await import(path)) as { parse: ParseFn });
} catch (error) {
  missing = (error as Error).message.split("\n")[0]!;
}
const check = (name: string, fn: () => void): void => (parse ? test(name, fn) : test.skip(`${name} (parse unavailable: ${missing})`, fn));

const options: AutoinstallServerOptions = {
  name: "10.0.0.1",
  listen: { address: "10.0.0.1" },
  releases: [
    { release: "7.6", arch: "amd64", directory: "/sets/7.6/amd64" },
    { release: "7.5", arch: "arm64", directory: "/sets/7.5/arm64" },
  ],
};

const expectedServer: Server = {
  name: "10.0.0.1",
  aliases: [],
  listen: [{ address: "10.0.0.1", port: 80 }],
  root: "/htdocs",
  locations: [
    {
      pattern: "/pub/OpenBSD/7.6/amd64/*",
      root: "/sets/7.6/amd64",
      request: { strip: 4 },
      directory: { autoIndex: true },
      headers: [],
      includes: [],
    },
    {
      pattern: "/pub/OpenBSD/7.5/arm64/*",
      root: "/sets/7.5/arm64",
      request: { strip: 4 },
      directory: { autoIndex: true },
      headers: [],
      includes: [],
    },
  ],
  headers: [],
  includes: [],
};

const expectedText = `server "10.0.0.1" {
	listen on 10.0.0.1 port 80
	root "/htdocs"
	location "/pub/OpenBSD/7.6/amd64/*" {
		root "/sets/7.6/amd64"
		request strip 4
		directory auto index
	}
	location "/pub/OpenBSD/7.5/arm64/*" {
		root "/sets/7.5/arm64"
		request strip 4
		directory auto index
	}
}
`;

// fnmatch(3) without FNM_PATHNAME, with FNM_CASEFOLD, for patterns made of literals and `*`.
function globMatch(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return re.test(path);
}

// server_root_strip: drop n leading path components (the leading '/' is ignored).
function rootStrip(path: string, n: number): string {
  let p = path;
  for (; n > 0 && p !== ""; n--) {
    const next = p.indexOf("/", 1);
    p = next < 0 ? "" : p.slice(next);
  }
  return p;
}

/** The file (inside the chroot) httpd serves for a request path. */
function servedFile(server: Server, path: string): string {
  const location = server.locations.find((l) => !l.match && l.found === undefined && globMatch(l.pattern, path));
  const root = location?.root ?? server.root ?? "/htdocs";
  const strip = location?.request?.strip ?? server.request?.strip ?? 0;
  return root + rootStrip(path, strip);
}

test("autoinstallServer: one location per release, request strip 4, auto index; the MAC files at the root", () => {
  assert.equal(autoinstallServer(options), expectedServer);
  assert.is(generate({ ...emptyHttpdConf(), servers: [autoinstallServer(options)] }), expectedText);
});

test("the installer's URLs reach the right files", () => {
  const s = autoinstallServer(options);
  // The response file: http://<next-server>/<MAC>-install.conf?path=7.6/amd64 (httpd ignores the query).
  assert.is(servedFile(s, "/fe:e1:bb:00:00:01-install.conf"), "/htdocs/fe:e1:bb:00:00:01-install.conf");
  assert.is(servedFile(s, "/install.conf"), "/htdocs/install.conf");
  // The sets: http://<server>/pub/OpenBSD/7.6/amd64/<file>.
  assert.is(servedFile(s, "/pub/OpenBSD/7.6/amd64/index.txt"), "/sets/7.6/amd64/index.txt");
  assert.is(servedFile(s, "/pub/OpenBSD/7.6/amd64/SHA256.sig"), "/sets/7.6/amd64/SHA256.sig");
  assert.is(servedFile(s, "/pub/OpenBSD/7.6/amd64/base76.tgz"), "/sets/7.6/amd64/base76.tgz");
  assert.is(servedFile(s, "/pub/OpenBSD/7.6/amd64/site76.tgz"), "/sets/7.6/amd64/site76.tgz");
  assert.is(servedFile(s, "/pub/OpenBSD/7.6/amd64/"), "/sets/7.6/amd64/");
  assert.is(servedFile(s, "/pub/OpenBSD/7.5/arm64/bsd.rd"), "/sets/7.5/arm64/bsd.rd");
  assert.is(setsPath("7.6", "amd64"), "/pub/OpenBSD/7.6/amd64");
});

test("options: several listen addresses with ports, aliases, another htdocs, snapshots", () => {
  const s = autoinstallServer({
    name: "install.example.net",
    aliases: ["10.0.0.1"],
    listen: [{ address: "vport0" }, { address: "2001:db8::1", port: 8080 }],
    htdocs: "/autoinstall",
    releases: [{ release: "snapshots", arch: "amd64", directory: "/snap" }],
  });
  assert.is(
    generate({ ...emptyHttpdConf(), servers: [s] }),
    `server "install.example.net" {
	listen on vport0 port 80
	listen on 2001:db8::1 port 8080
	alias "10.0.0.1"
	root "/autoinstall"
	location "/pub/OpenBSD/snapshots/amd64/*" {
		root "/snap"
		request strip 4
		directory auto index
	}
}
`,
  );
  // No release: the response files only.
  assert.is(
    generate({ ...emptyHttpdConf(), servers: [autoinstallServer({ name: "a", listen: { address: "*" }, releases: [] })] }),
    'server "a" {\n\tlisten on * port 80\n\troot "/htdocs"\n}\n',
  );
});

test("bad options are refused naming the option", () => {
  const bad: Array<[Partial<AutoinstallServerOptions>, string]> = [
    [{ releases: [{ release: "7.6/../..", arch: "amd64", directory: "/s" }] }, "releases[0].release"],
    [{ releases: [{ release: "7.6", arch: "amd 64", directory: "/s" }] }, "releases[0].arch"],
    [{ releases: [{ release: "7.6", arch: "amd*", directory: "/s" }] }, "releases[0].arch"],
    [{ releases: [{ release: "7.6", arch: "amd64", directory: "sets" }] }, "releases[0].directory"],
    [
      {
        releases: [
          { release: "7.6", arch: "amd64", directory: "/a" },
          { release: "7.6", arch: "amd64", directory: "/b" },
        ],
      },
      "releases[1]",
    ],
    [{ htdocs: "htdocs" }, "htdocs"],
    [{ listen: [] }, "listen"],
  ];
  for (const [change, field] of bad) {
    assert.throws(
      () => autoinstallServer({ ...options, ...change }),
      (e: unknown) => e instanceof UnwritableValueError && (e as UnwritableValueError).field === field,
      field,
    );
  }
  // A name that would inject is refused when the server is written.
  assert.throws(
    () => generate({ ...emptyHttpdConf(), servers: [autoinstallServer({ ...options, name: 'a" {\n' })] }),
    (e: unknown) => e instanceof UnwritableValueError && (e as UnwritableValueError).field === "servers[0].name",
  );
});

const existing = `# web server of the VM host
server "www.example.com" {
	listen on * port 80
	root "/htdocs/www"
}

server "10.0.0.1" {
	listen on 10.0.0.1 port 80
	root "/old"
}
`;

check("addAutoinstallServer replaces the server of the same name in place, the others keep their bytes", () => {
  const text = addAutoinstallServer(parse!(existing), options);
  assert.is(
    text,
    `# web server of the VM host
server "www.example.com" {
	listen on * port 80
	root "/htdocs/www"
}

server "10.0.0.1" {
	listen on 10.0.0.1 port 80
	root "/htdocs"
	location "/pub/OpenBSD/7.6/amd64/*" {
		root "/sets/7.6/amd64"
		request strip 4
		directory auto index
	}
	location "/pub/OpenBSD/7.5/arm64/*" {
		root "/sets/7.5/arm64"
		request strip 4
		directory auto index
	}
}
`,
  );
  // Adding it again changes nothing.
  assert.is(addAutoinstallServer(parse!(text), options), text);
  const doc = parse!(text);
  assert.equal(doc.model.servers[1], expectedServer);
});

check("addAutoinstallServer appends a new server after the others", () => {
  const only = existing.slice(0, existing.indexOf('\nserver "10.0.0.1"'));
  assert.is(addAutoinstallServer(parse!(only), options), `${only}\n${expectedText}`);
});

// Real httpd.conf files of the shared corpus (read in place): the server is
// added (or replaces one of its name), every line of the file stays, in order,
// and the result reads back with the server in it. Files with syntax errors
// (templates with `{{ }}`) are left out: update refuses them.
const corpus = corpusDir();
const corpusFiles = corpus ? filesUnder(join(corpus, "httpdconf")).filter((f) => !/\.(md|tsv|txt)$/.test(f)) : [];
if (!corpus) console.log("SKIP 1 hosting.test.ts: corpus files (shared corpus not found)");
if (corpus) {
  check("addAutoinstallServer on every corpus file without syntax errors keeps its lines", () => {
    let edited = 0;
    for (const file of corpusFiles) {
      const name = relative(corpus, file);
      const text = readFileSync(file, "utf8");
      const doc = parse!(text);
      if (doc.diagnostics.some((d) => d.syntax === true)) continue;
      const out = addAutoinstallServer(doc, options);
      const again = parse!(out);
      assert.equal(again.diagnostics.filter((d) => d.syntax === true), [], name);
      assert.equal(again.model.servers.find((s) => s.name === "10.0.0.1"), expectedServer, name);
      assert.is(again.model.servers.length, doc.model.servers.length + 1, name);
      const lines = out.split("\n");
      let k = 0;
      for (const line of text.split("\n")) {
        while (k < lines.length && lines[k] !== line) k++;
        assert.ok(k < lines.length, `${name}: line lost: ${JSON.stringify(line)}`);
        k++;
      }
      edited++;
    }
    assert.ok(edited >= 3, `only ${edited} corpus files could be edited`);
  });
}

test.run();
