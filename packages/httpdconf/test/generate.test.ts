// generate(): expected texts written by hand from httpd.conf(5) syntax
// (research/httpdconf.md §2, §3, §9, §12), refusals naming their field, the
// release gate of research §12.4 as releases.ts dates it. Where parse is
// available, every written model also reads back the same.
import { UnknownReleaseError, UnwritableValueError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate } from "../src/generate.js";
import { emptyHttpdConf, emptyLocation, emptyServer, type HttpdConf, type Location, type Server } from "../src/model.js";

// parse is written at the same time as generate: without it the read-back checks are skipped, and counted.
type ParseFn = (text: string, options?: { release?: string }) => { model: HttpdConf; diagnostics: Array<{ message: string; line: number }> };
let parse: ParseFn | undefined;
try {
  const path = "../src/parse.js"; // a variable: the module may not exist yet
  ({ parse } = (await import(path)) as { parse: ParseFn });
} catch {
  parse = undefined;
}
if (!parse) console.log("SKIP 1 generate.test.ts: read-back checks (src/parse.ts not there yet)");

/** `text` reads back as `model` with no error (when parse is there). */
function readsBack(text: string, model: HttpdConf, release?: string): void {
  if (!parse) return;
  const doc = parse(text, release ? { release } : {});
  const errors = doc.diagnostics.filter((d) => (d as { severity?: string }).severity === "error");
  assert.equal(errors, [], `errors reading back:\n${text}`);
  assert.equal(doc.model, model);
}

/** The UnwritableValueError generate throws for `model`, or undefined. */
function refused(model: unknown, options?: unknown): UnwritableValueError | undefined {
  try {
    generate(model as HttpdConf, options as never);
  } catch (e) {
    assert.instance(e, UnwritableValueError);
    return e as UnwritableValueError;
  }
  return undefined;
}

const server = (fields: Partial<Server> = {}): Server => ({
  ...emptyServer("www.example.com"),
  listen: [{ address: "*", port: 80 }],
  ...fields,
});
const location = (pattern: string, fields: Partial<Location> = {}): Location => ({ ...emptyLocation(pattern), ...fields });
const model = (fields: Partial<HttpdConf> = {}): HttpdConf => ({ ...emptyHttpdConf(), ...fields });
const oneServer = (fields: Partial<Server> = {}): HttpdConf => model({ servers: [server(fields)] });

test("an empty model is an empty text", () => {
  assert.is(generate(emptyHttpdConf()), "");
});

test("a minimal server: name quoted, `*` and the port bare, one tab of indentation", () => {
  const m = oneServer();
  const text = generate(m);
  assert.is(text, 'server "www.example.com" {\n\tlisten on * port 80\n}\n');
  readsBack(text, m);
});

test("globals, macros and includes come first, then servers and types separated by blank lines", () => {
  const m = model({
    macros: [{ name: "ext_addr", value: "192.0.2.1" }],
    chroot: "/var/www",
    logdir: "/logs",
    prefork: 5,
    defaultType: "text/plain",
    errdocs: "/errdocs",
    banner: false,
    includes: ["/etc/httpd.local.conf"],
    servers: [server({ name: "default" }), server({ name: "b.example.com", listen: [{ address: "192.0.2.1", port: 8080 }] })],
    types: [
      {
        media: [
          { type: "text/html", extensions: ["html", "htm"] },
          { type: "application/x-7z-compressed", extensions: ["7z"] },
        ],
        includes: ["/usr/share/misc/mime.types"],
      },
    ],
  });
  const text = generate(m);
  assert.is(
    text,
    `ext_addr = "192.0.2.1"
chroot "/var/www"
logdir "/logs"
prefork 5
default type text/plain
errdocs "/errdocs"
no banner
include "/etc/httpd.local.conf"

server "default" {
	listen on * port 80
}

server "b.example.com" {
	listen on 192.0.2.1 port 8080
}

types {
	text/html html htm
	application/x-7z-compressed 7z
	include "/usr/share/misc/mime.types"
}
`,
  );
  readsBack(text, m);
});

test("every server option, in canonical order, option groups on one line with commas", () => {
  const m = oneServer({
    name: "*.example.com",
    listen: [
      { address: "egress", port: 80 },
      { address: "2001:db8::1", tls: true, port: "https" },
    ],
    aliases: [{ name: "example.com" }, { name: "^www%d+%.example%.com$", match: true }],
    errdocs: "/htdocs/errors",
    banner: false,
    tcp: { backlog: 64, ipMinTtl: 1, ipTtl: 64, nodelay: true, sack: false, socketBuffer: 65536 },
    connection: { maxRequestBody: 10485760, maxRequests: 500, requestTimeout: 30, timeout: 3600 },
    tls: {
      certificate: "/etc/ssl/example.com.fullchain.pem",
      key: "/etc/ssl/private/example.com.key",
      ocsp: "/etc/ssl/example.com.der",
      ciphers: "secure",
      dhe: "auto",
      ecdhe: "X25519,P-256",
      protocols: "tlsv1.2,tlsv1.3",
      clientCa: { ca: "/etc/ssl/ca.pem", crl: "/etc/ssl/crl.pem", optional: true },
      ticketLifetime: "default",
    },
    hsts: { maxAge: 31536000, subdomains: true, preload: true },
    root: "/htdocs/example.com",
    request: { rewrite: "/index.php?q=$REQUEST_URI", strip: 1 },
    directory: { autoIndex: false, index: "index.htm" },
    log: { access: "example-access.log", error: "example-error.log", style: "combined", syslog: false },
    fastcgi: { socket: { kind: "unix", path: "/run/php-fpm.sock" }, params: [{ name: "APP_ENV", value: "production" }], strip: 2 },
    authenticate: { realm: "members only", htpasswd: "/htpasswd" },
    access: { action: "return", code: 301, uri: "https://$HTTP_HOST$REQUEST_URI" },
    defaultType: "application/octet-stream",
    gzipStatic: true,
    headers: [
      { action: "add", name: "X-Frame-Options", value: "DENY" },
      { action: "add", always: true, name: "Cache-Control", value: "no-store" },
      { action: "hide", name: "Server" },
    ],
    includes: ["/etc/httpd/common.conf"],
  });
  const text = generate(m);
  assert.is(
    text,
    `server "*.example.com" {
	listen on egress port 80
	listen on 2001:db8::1 tls port https
	alias "example.com"
	alias match "^www%d+%.example%.com$"
	errdocs "/htdocs/errors"
	no banner
	tcp { backlog 64, ip minttl 1, ip ttl 64, nodelay, no sack, socket buffer 65536 }
	connection { max request body 10485760, max requests 500, request timeout 30, timeout 3600 }
	tls { certificate "/etc/ssl/example.com.fullchain.pem", key "/etc/ssl/private/example.com.key", ocsp "/etc/ssl/example.com.der", ciphers "secure", dhe "auto", ecdhe "X25519,P-256", protocols "tlsv1.2,tlsv1.3", client ca "/etc/ssl/ca.pem" crl "/etc/ssl/crl.pem" optional, ticket lifetime default }
	hsts { max-age 31536000, subdomains, preload }
	root "/htdocs/example.com"
	request { rewrite "/index.php?q=$REQUEST_URI", strip 1 }
	directory { no auto index, index "index.htm" }
	log { access "example-access.log", error "example-error.log", style combined, no syslog }
	fastcgi { socket "/run/php-fpm.sock", param APP_ENV "production", strip 2 }
	authenticate "members only" with "/htpasswd"
	block return 301 "https://$HTTP_HOST$REQUEST_URI"
	default type application/octet-stream
	gzip-static
	header add "X-Frame-Options" "DENY"
	header always add "Cache-Control" "no-store"
	header hide "Server"
	include "/etc/httpd/common.conf"
}
`,
  );
  readsBack(text, m);
});

test("single options without braces; bare hsts and fastcgi; the no forms", () => {
  const m = oneServer({
    tcp: { nodelay: true },
    connection: { timeout: 60 },
    hsts: {},
    tls: { ticketLifetime: 0 },
    listen: [{ address: "*", tls: true, port: 443 }],
    request: { rewrite: false },
    directory: { index: false },
    log: false,
    fastcgi: { params: [] },
    authenticate: false,
    access: { action: "pass" },
    gzipStatic: false,
    errdocs: false,
    banner: true,
  });
  const text = generate(m);
  assert.is(
    text,
    `server "www.example.com" {
	listen on * tls port 443
	no errdocs
	banner
	tcp nodelay
	connection timeout 60
	tls no ticket
	hsts
	request no rewrite
	directory no index
	no log
	fastcgi
	no authenticate
	pass
	no gzip-static
}
`,
  );
  readsBack(text, m);
});

test("fastcgi over tcp, block forms, authenticate without realm, hsts with one option", () => {
  const m = oneServer({
    hsts: { maxAge: 0 },
    fastcgi: { socket: { kind: "tcp", host: "127.0.0.1", port: 9000 }, params: [] },
    authenticate: { htpasswd: "/etc/htpasswd" },
    access: { action: "drop" },
    locations: [
      location("/a/*", { access: { action: "block" }, fastcgi: { socket: { kind: "tcp", host: "localhost" }, params: [] } }),
      location("/b/*", { access: { action: "return", code: 404 }, fastcgi: false }),
    ],
  });
  const text = generate(m);
  assert.is(
    text,
    `server "www.example.com" {
	listen on * port 80
	hsts max-age 0
	fastcgi socket tcp 127.0.0.1 9000
	authenticate with "/etc/htpasswd"
	block drop
	location "/a/*" {
		fastcgi socket tcp localhost
		block
	}
	location "/b/*" {
		no fastcgi
		block return 404
	}
}
`,
  );
  readsBack(text, m);
});

test("flags set to false are written as nothing, like absent ones", () => {
  const m = oneServer({ match: false, aliases: [{ name: "b", match: false }], locations: [location("/x", { match: false, root: "/" })] });
  assert.is(generate(m), 'server "www.example.com" {\n\tlisten on * port 80\n\talias "b"\n\tlocation "/x" {\n\t\troot "/"\n\t}\n}\n');
});

test("locations: found / not found before match, nested one level with one more tab", () => {
  const m = oneServer({
    locations: [
      location("/.well-known/acme-challenge/*", { root: "/acme", request: { strip: 2 } }),
      location("^/~(%w+)/(.*)$", { match: true, request: { rewrite: "/users/%1/%2" } }),
      location("/*", { found: false, request: { rewrite: "/index.php" } }),
      location("*.php", { found: true, fastcgi: { params: [] } }),
      location("%.gz$", { found: true, match: true, gzipStatic: true }),
    ],
  });
  const text = generate(m);
  assert.is(
    text,
    `server "www.example.com" {
	listen on * port 80
	location "/.well-known/acme-challenge/*" {
		root "/acme"
		request strip 2
	}
	location match "^/~(%w+)/(.*)$" {
		request rewrite "/users/%1/%2"
	}
	location not found "/*" {
		request rewrite "/index.php"
	}
	location found "*.php" {
		fastcgi
	}
	location found match "%.gz$" {
		gzip-static
	}
}
`,
  );
  readsBack(text, m);
});

test("indent option: blanks and tabs only, refused as `indent` otherwise", () => {
  const m = oneServer({ locations: [location("/x", { root: "/y" })] });
  assert.is(generate(m, { indent: "    " }), 'server "www.example.com" {\n    listen on * port 80\n    location "/x" {\n        root "/y"\n    }\n}\n');
  for (const bad of ["\n}\n", "#", "\u00a0", 3, null]) assert.is(refused(m, { indent: bad })?.field, "indent", String(bad));
});

test("words: bare when httpd's lexer reads them back as one string, else quoted", () => {
  // Keywords (research §9 and §12.1), numbers (a NUMBER token, not a STRING),
  // characters that end a word (`/`, `#`, `,`, `{`...), `$` (a macro), non-ASCII.
  const cases: Array<[string, string]> = [
    ["egress", "egress"],
    ["10.0.0.1", "10.0.0.1"],
    ["::", "::"],
    ["fe80::1%vio0", "fe80::1%vio0"],
    ["tls", '"tls"'],
    ["port", '"port"'],
    ["header", '"header"'],
    ["banner", '"banner"'],
    ["8080", '"8080"'],
    ["-1", '"-1"'],
    ["a/b", '"a/b"'],
    ["a,b", '"a,b"'],
    ["a#b", '"a#b"'],
    ["$ext", '"$ext"'],
    ["a$b", '"a$b"'],
    ["-x", '"-x"'],
    [".hidden", '".hidden"'],
    ["héllo", '"héllo"'],
    ["a b", '"a b"'],
    ['say "hi"', `'say "hi"'`],
    ["", '""'],
  ];
  for (const [address, written] of cases) {
    const m = oneServer({ listen: [{ address, port: 80 }] });
    assert.is(generate(m), `server "www.example.com" {\n\tlisten on ${written} port 80\n}\n`, address);
  }
  // A port given as text is a service name; digits as text stay text.
  assert.match(generate(oneServer({ listen: [{ address: "*", port: "www" }] })), "listen on * port www\n");
  assert.match(generate(oneServer({ listen: [{ address: "*", port: "80" }] })), 'listen on * port "80"\n');
  // Media extensions that are digits only would read back as numbers (`007` as 7).
  const types = model({ types: [{ media: [{ type: "application/x-test", extensions: ["007", "3gp", "max"] }], includes: [] }] });
  assert.is(generate(types), 'types {\n\tapplication/x-test "007" 3gp "max"\n}\n');
  assert.match(generate(model({ defaultType: "text/x-a b" })), 'default type text/"x-a b"\n');
});

test("strings that would inject statements are quoted so they read back, or refused", () => {
  const evil = 'x" {\n\tblock drop\n}\nserver "y';
  assert.is(refused(oneServer({ name: evil }))?.field, "servers[0].name");
  // No newline: the quote is escaped, `#`, `$`, braces stay inside the string.
  const quoted = 'x" } # $y {';
  const m = oneServer({ name: quoted, root: "/a'b\"c" });
  const text = generate(m);
  // Only `"` inside: single quotes, no escape; both quotes: double quotes, `\"` escaped.
  assert.is(text, `server 'x" } # $y {' {\n\tlisten on * port 80\n\troot "/a'b\\"c"\n}\n`);
  readsBack(text, m);
  assert.is(refused(oneServer({ root: "a\0b" }))?.field, "servers[0].root");
  assert.is(refused(oneServer({ root: "/trailing\\" }))?.field, "servers[0].root");
  assert.is(refused(oneServer({ root: "\ud800" }))?.field, "servers[0].root");
  assert.is(refused(model({ macros: [{ name: "a b", value: "x" }] }))?.field, "macros[0].name");
  assert.is(refused(model({ macros: [{ name: "a", value: "x\ny" }] }))?.field, "macros[0].value");
  assert.is(refused(oneServer({ locations: [location("/x\n}", { root: "/" })] }))?.field, "servers[0].locations[0].pattern");
  assert.is(
    refused(oneServer({ fastcgi: { params: [{ name: "A", value: "v\n}" }] } }))?.field,
    "servers[0].fastcgi.params[0].value",
  );
});

test("shape: wrong types, unknown fields and empty groups are refused naming the field", () => {
  const cases: Array<[unknown, string]> = [
    [{ ...emptyHttpdConf(), servers: "x" }, "servers"],
    [{ ...emptyHttpdConf(), color: "red" }, "color"],
    [model({ prefork: 1.5 }), "prefork"],
    [model({ prefork: "3" as never }), "prefork"],
    [model({ banner: true as never }), "banner"],
    [model({ defaultType: "text" }), "defaultType"],
    [oneServer({ listen: [{ address: "*", port: true as never }] }), "servers[0].listen[0].port"],
    [oneServer({ listen: [{ address: "*", port: 80, ssl: true } as never] }), "servers[0].listen[0].ssl"],
    [oneServer({ match: "yes" as never }), "servers[0].match"],
    [oneServer({ tls: {} }), "servers[0].tls"],
    [oneServer({ tcp: {} }), "servers[0].tcp"],
    [oneServer({ connection: {} }), "servers[0].connection"],
    [oneServer({ log: {} }), "servers[0].log"],
    [oneServer({ log: true as never }), "servers[0].log"],
    [oneServer({ request: {} }), "servers[0].request"],
    [oneServer({ directory: {} }), "servers[0].directory"],
    [oneServer({ log: { style: "fancy" as never } }), "servers[0].log.style"],
    [oneServer({ access: { action: "deny" } as never }), "servers[0].access.action"],
    [oneServer({ access: { action: "block", code: 403 } as never }), "servers[0].access.code"],
    [oneServer({ access: { action: "return", code: "301" } as never }), "servers[0].access.code"],
    [oneServer({ tls: { ticketLifetime: "forever" as never } }), "servers[0].tls.ticketLifetime"],
    [oneServer({ fastcgi: { socket: { kind: "udp" } as never, params: [] } }), "servers[0].fastcgi.socket.kind"],
    [oneServer({ fastcgi: { socket: { kind: "unix", path: "/a", host: "b" } as never, params: [] } }), "servers[0].fastcgi.socket.host"],
    [oneServer({ headers: [{ action: "hide", name: "X", value: "y" } as never] }), "servers[0].headers[0].value"],
    [oneServer({ locations: [location("/x")] }), "servers[0].locations[0]"],
    [oneServer({ locations: [{ ...location("/x", { root: "/" }), listen: [] } as never] }), "servers[0].locations[0].listen"],
    [model({ servers: [{ ...emptyServer("a") }] }), "servers[0]"],
    [model({ types: [{ media: [], includes: [] }] }), "types[0]"],
    [model({ types: [{ media: [{ type: "text/plain", extensions: [] }], includes: [] }] }), "types[0].media[0].extensions"],
  ];
  for (const [m, field] of cases) assert.is(refused(m)?.field, field, `${field}: ${JSON.stringify(m)}`);
  assert.is(refused(null)?.field, undefined);
  assert.ok(refused(null));
});

test("release: features a release lacks are refused naming the field and the first release that has them", () => {
  const cases: Array<[HttpdConf, string, string, string]> = [
    [oneServer({ gzipStatic: true }), "7.0", "servers[0].gzipStatic", "7.1"],
    [oneServer({ errdocs: "/e" }), "7.0", "servers[0].errdocs", "7.1"],
    [model({ errdocs: "/e" }), "7.0", "errdocs", "7.1"],
    [oneServer({ banner: true }), "7.5", "servers[0].banner", "7.6"],
    [model({ banner: false }), "7.5", "banner", "7.6"],
    [oneServer({ headers: [{ action: "hide", name: "Server" }] }), "7.8", "servers[0].headers[0]", "7.9"],
    [oneServer({ locations: [location("/x", { found: true, root: "/" })] }), "6.8", "servers[0].locations[0].found", "6.9"],
    [oneServer({ fastcgi: { socket: { kind: "tcp", host: "h" }, params: [] } }), "6.6", "servers[0].fastcgi.socket", "6.7"],
    [oneServer({ fastcgi: { params: [], strip: 1 } }), "6.7", "servers[0].fastcgi.strip", "6.8"],
    [oneServer({ log: { style: "forwarded" } }), "6.6", "servers[0].log.style", "6.7"],
  ];
  for (const [m, release, field, first] of cases) {
    const e = refused(m, { release });
    assert.is(e?.field, field, `${field} in ${release}`);
    assert.match(e!.message, `httpd of OpenBSD ${release} has no`);
    assert.match(e!.message, `(first in ${first})`);
    assert.is(refused(m, { release: first }), undefined, `${field} in ${first}`);
  }
  // The 6.5 subset: everything the oldest release reads.
  const old = oneServer({ log: { style: "combined" }, fastcgi: { socket: { kind: "unix", path: "/run/slowcgi.sock" }, params: [] } });
  assert.is(generate(old, { release: "6.5" }), generate(old));
  assert.throws(() => generate(old, { release: "5.9" }), (e: unknown) => e instanceof UnknownReleaseError);
});

test.run();
