// parse(): the model of each directive of httpd.conf(5), macros, include,
// release gating and httpd's error recovery. Expected values come from
// httpd.conf(5) and usr.sbin/httpd/parse.y (1.128, 1.130; research/httpdconf.md),
// never from the code under test.
import { InvalidInputError, UnknownReleaseError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse, type HttpdRelease } from "../src/index.js";
import { scanHttpd } from "../src/lexer.js";

const diags = (text: string, release?: HttpdRelease) =>
  parse(text, { fileName: "httpd.conf", ...(release ? { release } : {}) })
    .diagnostics.filter((d) => d.severity !== "info")
    .map((d) => `${d.line}: ${d.message}`);

// Errors but `no actions, nothing to do` (httpd prints that one without a line).
const errors = (text: string, release?: HttpdRelease) =>
  parse(text, release ? { release } : {})
    .diagnostics.filter((d) => d.severity === "error" && d.code !== "NO_ACTIONS")
    .map((d) => `${d.line}: ${d.message}`);

// One server on port 80 wrapped around `lines`.
const inServer = (...lines: string[]) => ['server "s" {', "\tlisten on * port 80", ...lines.map((l) => `\t${l}`), "}", ""].join("\n");

test("global options", () => {
  const doc = parse(
    ['chroot "/var/www"', 'logdir "/logs"', "prefork 5", "default type text/plain", 'errdocs "/errdocs"', "no banner", inServer()].join("\n"),
  );
  assert.equal(errors(doc.text), []);
  const { servers, ...globals } = doc.model;
  assert.equal(globals, {
    macros: [],
    includes: [],
    chroot: "/var/www",
    logdir: "/logs",
    prefork: 5,
    defaultType: "text/plain",
    errdocs: "/errdocs",
    banner: false,
    types: [],
  });
  assert.is(servers.length, 1);
});

test("prefork after the first server: httpd never reads it (its first pass stops at the first server)", () => {
  const doc = parse(inServer() + "prefork 0\n");
  assert.is(doc.model.prefork, undefined);
  assert.equal(
    doc.diagnostics.map((d) => `${d.line}: ${d.severity} ${d.code}`),
    ["4: warning PREFORK_IGNORED"],
  );
});

test("a server with every server option", () => {
  const doc = parse(
    [
      'server match "www%.example%.com" {',
      "\tlisten on 192.0.2.1 port 80",
      "\tlisten on 2001:db8::1 tls port https",
      '\talias "example.com"',
      '\talias match "w+%.example%.com"',
      '\terrdocs "/errdocs"',
      "\tno banner",
      "\ttcp { nodelay, no sack, backlog 50, socket buffer 65536, ip ttl 64, ip minttl 10 }",
      "\tconnection { max request body 2048, max requests 10, request timeout 30, timeout 120 }",
      "\ttls {",
      '\t\tcertificate "/etc/ssl/a.crt"',
      '\t\tkey "/etc/ssl/private/a.key"',
      '\t\tocsp "/etc/ssl/a.der"',
      '\t\tciphers "secure"',
      "\t\tdhe \"auto\"",
      '\t\tecdhe "X25519,P-256"',
      '\t\tprotocols "tlsv1.3"',
      '\t\tclient ca "/etc/ssl/ca.crt" optional crl "/etc/ssl/ca.crl"',
      "\t\tticket lifetime default",
      "\t}",
      "\thsts { max-age 600, subdomains, preload }",
      '\troot "/htdocs/www"',
      "}",
      "",
    ].join("\n"),
  );
  assert.equal(errors(doc.text), []);
  assert.equal(doc.model.servers[0], {
    name: "www%.example%.com",
    match: true,
    aliases: [{ name: "example.com" }, { name: "w+%.example%.com", match: true }],
    listen: [
      { address: "192.0.2.1", port: 80 },
      { address: "2001:db8::1", tls: true, port: "https" },
    ],
    errdocs: "/errdocs",
    banner: false,
    tcp: { nodelay: true, sack: false, backlog: 50, socketBuffer: 65536, ipTtl: 64, ipMinTtl: 10 },
    connection: { maxRequestBody: 2048, maxRequests: 10, requestTimeout: 30, timeout: 120 },
    tls: {
      certificate: "/etc/ssl/a.crt",
      key: "/etc/ssl/private/a.key",
      ocsp: "/etc/ssl/a.der",
      ciphers: "secure",
      dhe: "auto",
      ecdhe: "X25519,P-256",
      protocols: "tlsv1.3",
      clientCa: { ca: "/etc/ssl/ca.crt", optional: true, crl: "/etc/ssl/ca.crl" },
      ticketLifetime: "default",
    },
    hsts: { maxAge: 600, subdomains: true, preload: true },
    root: "/htdocs/www",
    locations: [],
    headers: [],
    includes: [],
  });
});

test("options of servers and locations", () => {
  const doc = parse(
    inServer(
      "location found \"/app/*\" {",
      '\trequest rewrite "/index.php?q=$REQUEST_URI"',
      "}",
      'location not found match "/(%d+)" {',
      "\trequest { strip 1, no rewrite }",
      "\tdirectory { no auto index, index \"home.html\" }",
      '\tlog { access "a.log", error "e.log", style combined, no syslog }',
      '\tfastcgi { socket "/run/php.sock", param SCRIPT_FILENAME "/htdocs/x.php", param A "b", strip 2 }',
      '\tauthenticate "Members" with "/htpasswd"',
      "\tblock return 302 \"https://example.com%1\"",
      "\tdefault type text/html",
      "\tgzip-static",
      "}",
      'location "/private/*" {',
      "\tno log",
      "\tno fastcgi",
      "\tno authenticate",
      "\tblock drop",
      "\tno gzip-static",
      "\tdirectory no index",
      "}",
      'location "/tcp/*" {',
      "\tfastcgi socket tcp 127.0.0.1 9001",
      '\tauthenticate with "/htpasswd"',
      "\tpass",
      "}",
      'location "/deny" { block }',
      'location "/cgi-bin/*" {',
      "\tfastcgi",
      '\troot { "/a", "/" }',
      "}",
    ),
  );
  assert.equal(errors(doc.text), []);
  const base = { headers: [], includes: [] };
  assert.equal(doc.model.servers[0]!.locations, [
    { pattern: "/app/*", found: true, ...base, request: { rewrite: "/index.php?q=$REQUEST_URI" } },
    {
      pattern: "/(%d+)",
      match: true,
      found: false,
      ...base,
      request: { strip: 1, rewrite: false },
      directory: { autoIndex: false, index: "home.html" },
      log: { access: "a.log", error: "e.log", style: "combined", syslog: false },
      fastcgi: {
        socket: { kind: "unix", path: "/run/php.sock" },
        params: [
          { name: "SCRIPT_FILENAME", value: "/htdocs/x.php" },
          { name: "A", value: "b" },
        ],
        strip: 2,
      },
      authenticate: { realm: "Members", htpasswd: "/htpasswd" },
      access: { action: "return", code: 302, uri: "https://example.com%1" },
      defaultType: "text/html",
      gzipStatic: true,
    },
    {
      pattern: "/private/*",
      ...base,
      log: false,
      fastcgi: false,
      authenticate: false,
      access: { action: "drop" },
      gzipStatic: false,
      directory: { index: false },
    },
    {
      pattern: "/tcp/*",
      ...base,
      fastcgi: { socket: { kind: "tcp", host: "127.0.0.1", port: 9001 }, params: [] },
      authenticate: { htpasswd: "/htpasswd" },
      access: { action: "pass" },
    },
    { pattern: "/deny", ...base, access: { action: "block" } },
    { pattern: "/cgi-bin/*", ...base, fastcgi: { params: [] }, root: "/" },
  ]);
});

test("header directive (newest release): add, always add, hide; unquoted words are strings", () => {
  const doc = parse(inServer("header add X-Content-Type-Options nosniff", 'header always add X-Frame-Options "DENY"', "header hide X-Powered-By"));
  assert.equal(errors(doc.text), []);
  assert.equal(doc.model.servers[0]!.headers, [
    { action: "add", name: "X-Content-Type-Options", value: "nosniff" },
    { action: "add", always: true, name: "X-Frame-Options", value: "DENY" },
    { action: "hide", name: "X-Powered-By" },
  ]);
  // `always` only combines with `add` (research §12.1).
  assert.equal(errors(inServer("header always hide X")), ["3: syntax error"]);
});

test("types: media lines with an optional semicolon, numeric extensions, include", () => {
  const doc = parse(
    ["types {", "\ttext/html html htm", "\tapplication/x-7z-compressed 7z;", "\tvideo/3gpp 3gp 3gpp", '\tinclude "/usr/share/misc/mime.types"', "}", inServer()].join("\n"),
  );
  assert.equal(errors(doc.text), []);
  assert.equal(doc.model.types, [
    {
      media: [
        { type: "text/html", extensions: ["html", "htm"] },
        { type: "application/x-7z-compressed", extensions: ["7z"] },
        { type: "video/3gpp", extensions: ["3gp", "3gpp"] },
      ],
      includes: ["/usr/share/misc/mime.types"],
    },
  ]);
  // Both parts are STRINGs: quoted parts are fine, a bare number is a NUMBER (§1.5).
  const quoted = parse('types {\n\ttext/"x y" a\n\t"a"/"index" b;\n}\n' + inServer('default type a/"b"'));
  assert.equal(errors(quoted.text), []);
  assert.equal(quoted.model.types[0]!.media, [
    { type: "text/x y", extensions: ["a"] },
    { type: "a/index", extensions: ["b"] },
  ]);
  assert.is(quoted.model.servers[0]!.defaultType, "a/b");
  assert.equal(errors("types {\n\tapplication/1 x\n}\n" + inServer()), ["2: syntax error"]);
  // One media line on the `types {` line is a syntax error; a one-line include is not (§12.3).
  assert.equal(errors("types { text/html html }\n" + inServer()), ["1: syntax error"]);
  assert.equal(errors('types { include "/usr/share/misc/mime.types" }\n' + inServer()), []);
});

test("macros: defined, expanded outside quotes, re-read as several tokens, not expanded in quotes", () => {
  const doc = parse(['ext="192.0.2.1 port 8080"', "site=www", 'server "$site" {', "\tlisten on $ext", "\troot $site", "}", ""].join("\n"));
  assert.equal(errors(doc.text), []);
  assert.equal(doc.model.macros, [
    { name: "ext", value: "192.0.2.1 port 8080" },
    { name: "site", value: "www" },
  ]);
  const server = doc.model.servers[0]!;
  assert.is(server.name, "$site");
  assert.equal(server.listen, [{ address: "192.0.2.1", port: 8080 }]);
  assert.is(server.root, "www");
});

test("macros: undefined, numeric value, unused, a path value read unquoted", () => {
  assert.equal(errors(inServer("root $nothere")), ["3: macro 'nothere' not defined", "3: syntax error"]);
  // A macro value must be a STRING: an unquoted number is NUMBER (§12.3).
  assert.equal(errors("port_nr = 8080\n" + inServer()), ["1: syntax error"]);
  assert.equal(diags('unused = "x"\n' + inServer()), ["1: warning: macro 'unused' not used"]);
  // A value starting with `/` expands to `/` and a word: root needs a STRING.
  assert.equal(errors('d = "/htdocs"\n' + inServer("root $d")), ["4: syntax error"]);
  // httpd checks a quoted macro name for blanks, skipping its first character.
  assert.equal(errors('"my var" = "1"\n' + inServer()), ["1: macro name cannot contain whitespace"]);
});

test("keywords are reserved: quoted they are strings", () => {
  assert.equal(errors('server default {\n\tlisten on * port 80\n}\n'), ["1: syntax error"]);
  const doc = parse('server "default" {\n\tlisten on * port 80\n\tauthenticate "error" with "key"\n}\n');
  assert.equal(errors(doc.text), []);
  assert.equal(doc.model.servers[0]!.authenticate, { realm: "error", htpasswd: "key" });
});

test("words end at / ; < > and a word may start with *", () => {
  const doc = parse(inServer("location * { pass }", "location *.php { block }"));
  assert.equal(errors(doc.text), []);
  assert.equal(
    doc.model.servers[0]!.locations.map((l) => l.pattern),
    ["*", "*.php"],
  );
  // A path must be quoted: `/` cannot start a word.
  assert.equal(errors(inServer("root /htdocs")), ["3: syntax error"]);
});

test("lexer: httpd's character classes (parse.y yylex: allowed_in_string, word start, allowed_to_end_number)", () => {
  const tokens = (text: string) => {
    const k = scanHttpd(text, { keywords: new Map([["root", 0x100]]), macros: new Map(), foldNewlines: true });
    const out: string[] = [];
    for (let i = 0; i < k.count; i++) {
      const code = k.codes[i]!;
      out.push(code === 0x53 ? `S:${k.value(i)}` : code === 0x4e ? `N:${k.value(i)}` : code === 0x100 ? "root" : code === 10 ? "NL" : String.fromCharCode(code));
    }
    return out;
  };
  // `/ ; < >` end a word and are tokens of their own; `*` starts a word.
  assert.equal(tokens("a/b;c<d>e *.php\n"), ["S:a", "/", "S:b", ";", "S:c", "<", "S:d", ">", "S:e", "S:*.php", "NL"]);
  // `/` ends a number, `;` does not (the digits are then a word).
  assert.equal(tokens("10/20 30;\n"), ["N:10", "/", "N:20", "S:30", ";", "NL"]);
  // A backslash outside quotes is dropped; inside quotes before other characters it stays.
  assert.equal(tokens('a\\/b "x\\/y" root/x\n'), ["S:a", "/", "S:b", "S:x\\/y", "root", "/", "S:x", "NL"]);
});

test("include: followed with readFile, failing include reported on its line", () => {
  const files: Record<string, string> = {
    "/etc/httpd.d/site.conf": 'server "inc" {\n\tlisten on $addr port 80\n}\n',
  };
  const readFile = (path: string) => {
    const t = files[path];
    if (t === undefined) throw new Error("ENOENT");
    return t;
  };
  const doc = parse('addr="192.0.2.7"\ninclude "/etc/httpd.d/site.conf"\n', { readFile });
  assert.equal(doc.diagnostics.filter((d) => d.severity !== "info"), []);
  assert.equal(doc.model.includes, ["/etc/httpd.d/site.conf"]);
  const bad = parse('include "/etc/missing.conf"\n' + inServer(), { readFile, fileName: "/etc/httpd.conf" });
  assert.equal(
    bad.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
    ["/etc/httpd.conf:1: failed to include file /etc/missing.conf"],
  );
  // An error in the included file carries that file's name and line.
  files["/etc/bad.conf"] = "\n\nprefork\n";
  const child = parse('include "/etc/bad.conf"\n' + inServer(), { readFile, fileName: "/etc/httpd.conf" });
  assert.equal(
    child.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`),
    ["/etc/bad.conf:3: syntax error"],
  );
  // A file included in `types` is read as more media lines (mime.types style).
  files["/usr/share/misc/mime.types"] = "# comment\n\ntext/html\thtml htm;\napplication/json json;\nbad\nimage/png png;\n";
  const types = parse('types {\n\tinclude "/usr/share/misc/mime.types"\n}\n' + inServer(), { readFile, fileName: "/etc/httpd.conf" });
  assert.equal(
    types.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.file}:${d.line}: ${d.message}`),
    ["/usr/share/misc/mime.types:5: syntax error"],
  );
  assert.equal(types.model.types, [{ media: [], includes: ["/usr/share/misc/mime.types"] }]);
  // A file included in a server or location block is read as more options of that block.
  files["/etc/httpd/acme.conf"] = '# acme\nlocation "/.well-known/acme-challenge/*" {\n\troot "/acme"\n\trequest strip 2\n}\n';
  files["/etc/httpd/bad-in-location.conf"] = 'root "/x"\nhsts\n';
  const block = parse(inServer('include "/etc/httpd/acme.conf"', 'location "/a" {', '\tinclude "/etc/httpd/bad-in-location.conf"', "}"), { readFile });
  assert.equal(
    block.diagnostics.filter((d) => d.severity !== "info").map((d) => `${d.file}:${d.line}: ${d.message}`),
    ["/etc/httpd/bad-in-location.conf:2: hsts inside location"],
  );
  assert.equal(block.model.servers[0]!.includes, ["/etc/httpd/acme.conf"]);
  // Without readFile the include is kept and not read.
  const kept = parse('include "/etc/x.conf"\n');
  assert.equal(kept.model.includes, ["/etc/x.conf"]);
  assert.ok(kept.diagnostics.some((d) => d.code === "INCLUDE_NOT_FOLLOWED" && d.severity === "info"));
});

test("release gating: words of newer releases are syntax errors on their line", () => {
  const gated: Array<[string, HttpdRelease, HttpdRelease]> = [
    ["gzip-static", "7.0", "7.1"],
    ['errdocs "/e"', "7.0", "7.1"],
    ["log style forwarded", "6.6", "6.7"],
    ["fastcgi socket tcp 127.0.0.1", "6.6", "6.7"],
    ["fastcgi strip 1", "6.7", "6.8"],
    ['location not found "/x" { pass }', "6.8", "6.9"],
    ['location found "/x" { pass }', "6.8", "6.9"],
    ["no banner", "7.5", "7.6"],
    ["header add X y", "7.8", "7.9"],
  ];
  for (const [line, before, from] of gated) {
    assert.equal(errors(inServer("root \"/a\"", line), before), ["4: syntax error"], `${line} in ${before}`);
    assert.equal(errors(inServer("root \"/a\"", line), from), [], `${line} in ${from}`);
  }
  // In 6.5 `found` is a plain word: a location may be named found unquoted there only.
  assert.equal(errors(inServer("location found { pass }"), "6.5"), []);
  assert.equal(errors(inServer("location found { pass }")), ["3: syntax error"]);
});

test("options httpd allows in a server only, on the line httpd reports", () => {
  const cases: Array<[string[], string]> = [
    [['alias "x"'], "4: alias inside location"],
    [["tcp nodelay"], "4: tcp flags inside location"],
    [["connection timeout 5"], "4: connection options inside location"],
    [["hsts"], "4: hsts inside location"],
    [['errdocs "/e"'], "4: errdocs inside location"],
    [["no errdocs"], "4: errdocs inside location"],
    [["banner"], "4: banner inside location"],
    [["no banner"], "4: no banner inside location"],
    [["listen on * port 81"], "4: listen * inside location"],
    [['location "/b" { pass }'], "4: location /b inside location"],
    // A block form is reported at its last token, the `}`.
    [["tls {", '\tkey "k"', "}"], "6: tls configuration inside location"],
  ];
  for (const [lines, expected] of cases) {
    assert.equal(errors(inServer('location "/a" {', ...lines.map((l) => `\t${l}`), "}")), [expected], lines[0]);
  }
});

test("httpd's recovery after an action's error: the rest of the server is read as top-level lines", () => {
  // Line 4 ends the server (YYERROR); lines 5-7 fail silently at the top
  // level (fewer than three tokens shifted since); `no banner` (8) is a valid
  // global statement, so the error on line 9 is reported again.
  const text = inServer('location "/a" {', '\talias "x"', "\ttcp nodelay", "\thsts", "\tpass", "\tno banner", "\tlisten on * port 81", "}");
  assert.equal(errors(text), ["4: alias inside location", "9: syntax error"]);
  // The model keeps what could be read (best effort).
  assert.equal(parse(text).model.servers[0]!.locations[0]!.access, { action: "pass" });
});

test("order in a server: location before listen, tls before a tls listener", () => {
  assert.equal(errors('server "s" {\n\tlocation "/x" { pass }\n\tlisten on * port 80\n}\n'), ["2: listen address not specified"]);
  assert.equal(errors('server "s" {\n\tlisten on * port 80\n\ttls key "k"\n}\n'), ["3: tls options without tls listener"]);
  assert.equal(errors('server "s" {\n\tlisten on * tls port 443\n\ttls key "k"\n}\n'), []);
});

test("grammar details checked against parse.y (§1.1, §12.3)", () => {
  // After the first option, each option needs a newline before `}`.
  assert.equal(errors('server "s" {\n\tlisten on * port 80\n\tpass\n\troot "/a" }\n'), ["4: syntax error"]);
  assert.equal(errors('server "s" { listen on * port 80 }\n'), []);
  // Option lists need an entry; entries split by commas or newlines.
  assert.equal(errors(inServer("hsts { }")), ["3: syntax error"]);
  assert.equal(errors(inServer("hsts")), []);
  assert.equal(errors(inServer("connection {", "\tmax requests 5", "\ttimeout 9", "}")), []);
  // `location match not found` has its words in the wrong order.
  assert.equal(errors(inServer('location match not found "/x" { pass }')), ["3: syntax error"]);
  // `listen on` needs `port`.
  assert.equal(errors(inServer("listen on * tls")), ["3: syntax error"]);
  // No global `banner`, no global `no errdocs`.
  assert.equal(errors("banner\n" + inServer()), ["1: syntax error"]);
  assert.equal(errors("no errdocs\n" + inServer()), ["1: syntax error"]);
  // A missing final newline is fine (the lexer fakes one).
  assert.equal(errors('server "s" {\n\tlisten on * port 80\n}'), []);
});

test("recovery: several errors in one file, each on its line, the rest still read", () => {
  const text = [
    "prefork",
    'chroot "/var/www"',
    'server "a" {',
    "\tlisten on * port 80",
    "\troot /bad",
    "}",
    'logdir "/logs"',
    "types {",
    "\ttext/html",
    "}",
    'chroot "/var/www2"',
    'server "b" {',
    "\tlisten on * port 81",
    "}",
    "",
  ].join("\n");
  const doc = parse(text, { fileName: "httpd.conf" });
  assert.equal(
    doc.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
    ["httpd.conf:1:8: syntax error", "httpd.conf:5:7: syntax error", "httpd.conf:9:11: syntax error"],
  );
  assert.is(doc.model.chroot, "/var/www2");
  assert.is(doc.model.logdir, "/logs");
  assert.equal(
    doc.model.servers.map((s) => s.name),
    ["b"],
  );
});

test("lexical errors: unterminated quote on its opening line (then the cut server), number range", () => {
  assert.equal(errors(inServer("root 99999999999999999999")), ['3: "99999999999999999999" invalid number: too large', "3: syntax error"]);
  assert.equal(errors('server "s" {\n\tlisten on * port 80\n\troot "/a\n}\n'), ["3: reached end of file while parsing quoted string", "3: syntax error"]);
});

test("model locations: paths map to the source", () => {
  const text = inServer('root "/r"', 'location "/x" {', '\tfastcgi param A "b"', "}");
  const doc = parse(text);
  const at = (path: string) => {
    const span = doc.syntax.locations.get(path);
    return span && text.slice(span.start, span.end);
  };
  assert.is(at("servers[0].listen[0]"), "listen on * port 80");
  assert.is(at("servers[0].root"), 'root "/r"');
  // A field of an option block maps to its entry.
  assert.is(at("servers[0].locations[0].fastcgi.params[0]"), 'param A "b"');
  assert.is(at("servers[0].locations[0].fastcgi"), 'fastcgi param A "b"');
  assert.ok(at("servers[0]")!.startsWith('server "s" {'));
});

test("checks.ts findings placed on httpd's lines", () => {
  // A value check on the option's line; a block check on the `}` line.
  assert.equal(errors(inServer("tcp backlog 2000")), ["3: invalid backlog: 2000"]);
  // In an option block: the line of the entry.
  assert.equal(errors(inServer("hsts {", "\tsubdomains", "\tmax-age -1", "}")), ["5: invalid number of seconds: -1"]);
  assert.equal(errors(inServer("fastcgi {", '\tparam A "b"', "\tstrip -1", "}")), ["5: invalid fastcgi strip number"]);
  assert.equal(errors('server "s" {\n\troot "/a"\n}\n'), ["3: listen address not specified"]);
  // No server left: httpd's last message, placed on the last line.
  assert.equal(
    parse('server "s" {\n\troot "/a"\n}\n').diagnostics.map((d) => `${d.line}: ${d.message}`),
    ["3: listen address not specified", "3: no actions, nothing to do"],
  );
});

test("programmer errors throw; any text does not", () => {
  assert.throws(() => parse("", { release: "5.0" as HttpdRelease }), (e: unknown) => e instanceof UnknownReleaseError);
  assert.throws(() => parse(42 as unknown as string), (e: unknown) => e instanceof InvalidInputError);
  for (const text of ["", "}", "{", "server", '"', "$", "\\", "server \"a\" {\n", "\0", "types {\n", "location * {\n}\n"]) {
    const doc = parse(text);
    assert.is(doc.text, text);
  }
});

test.run();
