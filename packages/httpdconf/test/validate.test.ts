// validate(model): httpd's checks on models, with paths and codes. Expected
// values come from usr.sbin/httpd/parse.y 1.130, httpd.h 1.167, server.c
// (server_match, server_tls_cmp) and libtls's tls_config_parse_protocols,
// read by hand (research/httpdconf.md §3.1, §5, §6, §12); the limits are the
// C buffer sizes minus the NUL. The last tests check that validate on the
// model parse makes of a text finds what parse finds in the text.
import { UnknownReleaseError, type Diagnostic, type ModelDiagnostic } from "@obsdconf/core";
import { propertyRuns } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { modelFindings, parseTlsProtocols, TLS_PROTOCOLS_DEFAULT, TLS_PROTOCOL_TLSv1_2 } from "../src/checks.js";
import { emptyHttpdConf, emptyLocation, emptyServer, type HttpdConf, type Location, type Server } from "../src/model.js";
import { generate } from "../src/generate.js";
import { validate } from "../src/validate.js";
import { httpdConfArb } from "./arbitraries.js";

const x = (n: number): string => "x".repeat(n);

/** A model with a server `a` on 127.0.0.1 port 80, changed by `edit`. */
function only(edit: (s: Server) => void = () => {}): HttpdConf {
  const model = emptyHttpdConf();
  const s = emptyServer("a");
  s.listen.push({ address: "127.0.0.1", port: 80 });
  edit(s);
  model.servers.push(s);
  return model;
}

/**
 * {@link only} and a valid server `z` on port 8080 after it: httpd drops a
 * server with a bad value, and without `z` it would also say `no actions`.
 */
function one(edit: (s: Server) => void = () => {}): HttpdConf {
  const model = only(edit);
  const z = emptyServer("z");
  z.listen.push({ address: "127.0.0.1", port: 8080 });
  model.servers.push(z);
  return model;
}

/** A location `/x` with `edit` applied. */
function loc(edit: (l: Location) => void = () => {}, pattern = "/x"): Location {
  const l = emptyLocation(pattern);
  l.access = { action: "block" };
  edit(l);
  return l;
}

const brief = (ds: readonly ModelDiagnostic[]): string[] => ds.map((d) => `${d.path}: ${d.code}: ${d.message}`);

function expect(model: HttpdConf, expected: string[], release?: "6.5" | "7.9"): void {
  assert.equal(brief(validate(model, { release })), expected);
}

test("a valid model has no diagnostics", () => {
  const model = one((s) => {
    s.aliases.push({ name: "www.example.com" });
    s.listen.push({ address: "::1", port: "www" });
    s.root = "/htdocs/a";
    s.tcp = { backlog: 1024, nodelay: true, socketBuffer: 65536, ipTtl: 64 };
    s.connection = { timeout: 0, requestTimeout: 60, maxRequests: 100 };
    s.hsts = { maxAge: 2147483647 };
    s.locations.push(loc((l) => (l.access = { action: "return", code: 301, uri: "https://$HTTP_HOST$REQUEST_URI" })));
    s.locations.push(loc(() => {}, "/y"));
  });
  model.prefork = 32;
  expect(model, []);
});

test("limits: the longest value fits, one byte more does not", () => {
  const cases: Array<[string, (s: Server) => void, (s: Server) => void, string]> = [
    ["servers[0].name", (s) => (s.name = x(255)), (s) => (s.name = x(256)), "SERVER_NAME_TRUNCATED: server name truncated"],
    ["servers[0].aliases[0].name", (s) => s.aliases.push({ name: x(255) }), (s) => s.aliases.push({ name: x(256) }), "SERVER_ALIAS_TRUNCATED: server alias truncated"],
    ["servers[0].root", (s) => (s.root = `/${x(1022)}`), (s) => (s.root = `/${x(1023)}`), "DOCUMENT_ROOT_TOO_LONG: document root too long"],
    ["servers[0].errdocs", (s) => (s.errdocs = `/${x(1013)}`), (s) => (s.errdocs = `/${x(1014)}`), "ERRDOCS_TOO_LONG: errdoc root path too long"],
    ["servers[0].request.rewrite", (s) => (s.request = { rewrite: x(1023) }), (s) => (s.request = { rewrite: x(1024) }), "REQUEST_PATH_TOO_LONG: request path too long"],
    ["servers[0].directory.index", (s) => (s.directory = { index: x(1023) }), (s) => (s.directory = { index: x(1024) }), "INDEX_FILE_TOO_LONG: index file too long"],
    ["servers[0].log.access", (s) => (s.log = { access: x(1023) }), (s) => (s.log = { access: x(1024) }), "ACCESS_LOG_TOO_LONG: access log name too long"],
    ["servers[0].log.error", (s) => (s.log = { error: x(1023) }), (s) => (s.log = { error: x(1024) }), "ERROR_LOG_TOO_LONG: error log name too long"],
    [
      "servers[0].fastcgi.socket.path",
      (s) => (s.fastcgi = { socket: { kind: "unix", path: `/${x(102)}` }, params: [] }),
      (s) => (s.fastcgi = { socket: { kind: "unix", path: `/${x(103)}` }, params: [] }),
      "SOCKET_PATH_TOO_LONG: socket path too long",
    ],
    [
      "servers[0].fastcgi.params[0].name",
      (s) => (s.fastcgi = { params: [{ name: x(510), value: "v" }] }),
      (s) => (s.fastcgi = { params: [{ name: x(511), value: "v" }] }),
      "FASTCGI_PARAM_NAME_TRUNCATED: fastcgi_param name truncated",
    ],
    [
      "servers[0].fastcgi.params[0].value",
      (s) => (s.fastcgi = { params: [{ name: "N", value: x(510) }] }),
      (s) => (s.fastcgi = { params: [{ name: "N", value: x(511) }] }),
      "FASTCGI_PARAM_VALUE_TRUNCATED: fastcgi_param value truncated",
    ],
    [
      "servers[0].authenticate.realm",
      (s) => (s.authenticate = { realm: x(254), htpasswd: "/h" }),
      (s) => (s.authenticate = { realm: x(255), htpasswd: "/h" }),
      "AUTH_REALM_TOO_LONG: basic auth realm name too long",
    ],
    [
      "servers[0].authenticate.htpasswd",
      (s) => (s.authenticate = { htpasswd: `/${x(1022)}` }),
      (s) => (s.authenticate = { htpasswd: `/${x(1023)}` }),
      "PASSWORD_FILE_TOO_LONG: password file name too long",
    ],
    ["servers[0].defaultType", (s) => (s.defaultType = `text/${x(63)}`), (s) => (s.defaultType = `text/${x(64)}`), "MEDIA_TYPE_TOO_LONG: media type too long"],
    ["servers[0].locations[0].pattern", (s) => s.locations.push(loc(() => {}, `/${x(253)}`)), (s) => s.locations.push(loc(() => {}, `/${x(254)}`)), "SERVER_LOCATION_TRUNCATED: server location truncated"],
    [
      "servers[0].headers[0].name",
      (s) => s.headers.push({ action: "hide", name: x(127) }),
      (s) => s.headers.push({ action: "hide", name: x(128) }),
      "HEADER_NAME_TRUNCATED: header name truncated",
    ],
    [
      "servers[0].headers[0].value",
      (s) => s.headers.push({ action: "add", name: "X-A", value: x(511) }),
      (s) => s.headers.push({ action: "add", name: "X-A", value: x(512) }),
      "HEADER_VALUE_TRUNCATED: header value truncated",
    ],
  ];
  for (const [path, fitsEdit, overEdit, what] of cases) {
    assert.equal(brief(validate(one(fitsEdit))), [], `${path} at the limit`);
    assert.equal(brief(validate(one(overEdit))), [`${path}: ${what}`], `${path} over the limit`);
  }
});

test("limits count UTF-8 bytes, as strlcpy does", () => {
  // 128 two-byte characters: 256 bytes.
  expect(one((s) => (s.name = "é".repeat(128))), ["servers[0].name: SERVER_NAME_TRUNCATED: server name truncated"]);
  expect(one((s) => (s.name = "é".repeat(127))), []);
});

test("tls strings: ciphers, dhe and ecdhe hold 510 bytes", () => {
  for (const kind of ["ciphers", "dhe", "ecdhe"] as const) {
    const model = one((s) => {
      s.listen[0]!.tls = true;
      s.tls = { [kind]: x(510) };
    });
    expect(model, []);
    model.servers[0]!.tls = { [kind]: x(511) };
    expect(model, [`servers[0].tls.${kind}: ${kind.toUpperCase()}_TOO_LONG: ${kind} too long`]);
  }
});

test("number ranges, with httpd's messages", () => {
  const cases: Array<[(s: Server) => void, string]> = [
    [(s) => (s.listen[0]!.port = 0), "servers[0].listen[0].port: INVALID_PORT: invalid port: 0"],
    [(s) => (s.listen[0]!.port = 65536), "servers[0].listen[0].port: INVALID_PORT: invalid port: 65536"],
    [(s) => (s.listen[0]!.port = "70000"), "servers[0].listen[0].port: INVALID_PORT: invalid port: 70000"],
    [(s) => (s.listen[0]!.port = "my port"), "servers[0].listen[0].port: INVALID_PORT: invalid port: my port"],
    [(s) => (s.tcp = { backlog: 1025 }), "servers[0].tcp.backlog: INVALID_BACKLOG: invalid backlog: 1025"],
    [(s) => (s.tcp = { backlog: -1 }), "servers[0].tcp.backlog: INVALID_BACKLOG: invalid backlog: -1"],
    [(s) => (s.tcp = { ipTtl: -1 }), "servers[0].tcp.ipTtl: INVALID_TTL: invalid ttl: -1"],
    [(s) => (s.tcp = { ipMinTtl: -3 }), "servers[0].tcp.ipMinTtl: INVALID_TTL: invalid ttl: -3"],
    [(s) => (s.tcp = { socketBuffer: -1 }), "servers[0].tcp.socketBuffer: INVALID_SOCKET_BUFFER: invalid socket buffer size: -1"],
    [(s) => (s.tcp = { socketBuffer: 2 ** 31 }), "servers[0].tcp.socketBuffer: INVALID_SOCKET_BUFFER: invalid socket buffer size: 2147483648"],
    [(s) => (s.connection = { timeout: -1 }), "servers[0].connection.timeout: INVALID_TIMEOUT: invalid timeout: -1"],
    [(s) => (s.connection = { requestTimeout: -2 }), "servers[0].connection.requestTimeout: INVALID_TIMEOUT: invalid timeout: -2"],
    [(s) => (s.hsts = { maxAge: -1 }), "servers[0].hsts.maxAge: INVALID_HSTS_MAX_AGE: invalid number of seconds: -1"],
    [(s) => (s.hsts = { maxAge: 2 ** 31 }), "servers[0].hsts.maxAge: INVALID_HSTS_MAX_AGE: invalid number of seconds: 2147483648"],
    [(s) => (s.request = { strip: -1 }), "servers[0].request.strip: INVALID_STRIP: invalid strip number"],
    [(s) => (s.fastcgi = { params: [], strip: 2 ** 31 }), "servers[0].fastcgi.strip: INVALID_FASTCGI_STRIP: invalid fastcgi strip number"],
    [
      (s) => (s.fastcgi = { socket: { kind: "tcp", host: "127.0.0.1", port: 0 }, params: [] }),
      "servers[0].fastcgi.socket.port: INVALID_PORT: invalid port: 0",
    ],
    [
      (s) => (s.fastcgi = { socket: { kind: "tcp", host: "127.0.0.1", port: "0" }, params: [] }),
      "servers[0].fastcgi.socket.port: INVALID_PORT: invalid port: 0",
    ],
  ];
  for (const [edit, expected] of cases) expect(one(edit), [expected]);
  // Edges that pass: httpd takes these.
  for (const edit of [
    (s: Server) => (s.listen[0]!.port = 65535),
    (s: Server) => (s.listen[0]!.port = "0"), // getservice("0") is 0, and listen only refuses -1
    (s: Server) => (s.tcp = { backlog: 0, ipTtl: 300 }), // a ttl above 255 is cut to a byte, not refused
    (s: Server) => (s.connection = { maxRequests: -5, maxRequestBody: -1 }), // no range check
    (s: Server) => (s.request = { strip: 2147483647 }),
  ]) {
    expect(one(edit), []);
  }
});

test("tls ticket lifetime: 0 or 60..86400", () => {
  const withLifetime = (n: number | "default"): HttpdConf =>
    one((s) => {
      s.listen[0]!.tls = true;
      s.tls = { ticketLifetime: n };
    });
  expect(withLifetime(0), []);
  expect(withLifetime(60), []);
  expect(withLifetime(86400), []);
  expect(withLifetime("default"), []);
  expect(withLifetime(59), ["servers[0].tls.ticketLifetime: TICKET_LIFETIME_TOO_SMALL: ticket lifetime too small"]);
  expect(withLifetime(86401), ["servers[0].tls.ticketLifetime: TICKET_LIFETIME_TOO_LARGE: ticket lifetime too large"]);
});

test("block return: known status codes; a URI only with 3xx", () => {
  const withAccess = (code: number, uri?: string): HttpdConf =>
    one((s) => s.locations.push(loc((l) => (l.access = uri === undefined ? { action: "return", code } : { action: "return", code, uri }))));
  expect(withAccess(404), []);
  expect(withAccess(420), []); // non-standard, in httpd's table
  expect(withAccess(308, "/new"), []);
  expect(withAccess(999), ["servers[0].locations[0].access.code: INVALID_RETURN_CODE: invalid return code: 999"]);
  expect(withAccess(0), ["servers[0].locations[0].access.code: INVALID_RETURN_CODE: invalid return code: 0"]);
  expect(withAccess(419), ["servers[0].locations[0].access.code: INVALID_RETURN_CODE: invalid return code: 419"]);
  expect(withAccess(599), ["servers[0].locations[0].access.code: INVALID_RETURN_CODE: invalid return code: 599"]);
  expect(withAccess(200, "/x"), ["servers[0].locations[0].access.uri: INVALID_RETURN_CODE_FOR_URI: invalid return code for location URI"]);
});

test("tls protocols as libtls parses them", () => {
  assert.is(parseTlsProtocols("default"), TLS_PROTOCOLS_DEFAULT);
  assert.is(parseTlsProtocols("TLSv1.2"), TLS_PROTOCOL_TLSv1_2);
  assert.is(parseTlsProtocols("all:!tlsv1.0,!tlsv1.1, !tlsv1.3"), TLS_PROTOCOL_TLSv1_2);
  assert.is(parseTlsProtocols("!all"), 0);
  assert.is(parseTlsProtocols("tlsv1.4"), undefined);
  assert.is(parseTlsProtocols("tlsv1.2,"), undefined); // an empty word is no protocol
  const withProtocols = (p: string): HttpdConf =>
    one((s) => {
      s.listen[0]!.tls = true;
      s.tls = { protocols: p };
    });
  expect(withProtocols("secure"), []);
  expect(withProtocols("tlsv1.4"), ["servers[0].tls.protocols: INVALID_TLS_PROTOCOLS: invalid tls protocols"]);
  expect(withProtocols("!all"), ['servers[0]: NO_TLS_PROTOCOLS: server "a": no tls protocols']);
});

test("listen addresses that cannot be any address", () => {
  const at = (address: string): HttpdConf => one((s) => (s.listen[0]!.address = address));
  expect(at("300.1.2.3"), ["servers[0].listen[0].address: INVALID_LISTEN_IP: invalid listen ip: 300.1.2.3"]);
  expect(at("2001:db8::g"), ["servers[0].listen[0].address: INVALID_LISTEN_IP: invalid listen ip: 2001:db8::g"]);
  expect(at("my host"), ["servers[0].listen[0].address: INVALID_LISTEN_IP: invalid listen ip: my host"]);
  expect(at(""), ["servers[0].listen[0].address: INVALID_LISTEN_IP: invalid listen ip: "]);
  for (const fine of ["*", "egress", "em0", "www.example.com", "::", "fe80::1%em0", "10.0.0.1"]) expect(at(fine), []);
});

test("a server without listen on: at the server, and no server left", () => {
  const model = emptyHttpdConf();
  model.servers.push({ ...emptyServer("a"), root: "/htdocs" });
  expect(model, ["servers[0]: LISTEN_ADDRESS_NOT_SPECIFIED: listen address not specified", "servers: NO_ACTIONS: no actions, nothing to do"]);
});

test("no servers: no actions, nothing to do (unless an include may hold them)", () => {
  expect(emptyHttpdConf(), ["servers: NO_ACTIONS: no actions, nothing to do"]);
  const included = emptyHttpdConf();
  included.includes.push("/etc/httpd.d/servers.conf");
  expect(included, []);
});

/** Servers named and listening as given, in order. */
function servers(...list: Array<[string, string, number | string, boolean?]>): HttpdConf {
  const model = emptyHttpdConf();
  for (const [name, address, port, tls] of list) {
    const s = emptyServer(name);
    s.listen.push(tls ? { address, port, tls } : { address, port });
    model.servers.push(s);
  }
  return model;
}

test("duplicate servers: same name on the same address and port", () => {
  expect(servers(["a", "127.0.0.1", 80], ["a", "127.0.0.1", 80]), ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  // The address is compared, not its spelling; the port by number (www is 80).
  expect(servers(["a", "2001:db8::1", 80], ["a", "2001:0db8:0:0::1", "www"]), ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  // An earlier 0.0.0.0 (or *) compares with prefix length 0: every IPv4 address matches it, not the other way round.
  expect(servers(["a", "0.0.0.0", 80], ["a", "10.0.0.1", 80]), ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  expect(servers(["a", "10.0.0.1", 80], ["a", "0.0.0.0", 80]), []);
  expect(servers(["a", "*", 80], ["a", "::1", 80]), ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  // The same interface or host name is the same set of addresses.
  expect(servers(["a", "egress", 80], ["a", "egress", 80]), ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  // Not duplicates: another port, another family, another name, `server match` is compared by name only.
  expect(servers(["a", "127.0.0.1", 80], ["a", "127.0.0.1", 81]), []);
  expect(servers(["a", "0.0.0.0", 80], ["a", "::", 80]), []);
  expect(servers(["a", "egress", 80], ["a", "em0", 80]), []);
  expect(servers(["a", "127.0.0.1", 80], ["b", "127.0.0.1", 80]), []);
});

test("duplicate servers: `server match` does not make a name different", () => {
  const model = servers(["a", "127.0.0.1", 80], ["a", "127.0.0.1", 80]);
  model.servers[1]!.match = true;
  expect(model, ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
});

test("duplicate servers through aliases and extra listen lines (server_inherit)", () => {
  expect(one((s) => s.aliases.push({ name: "a" })), ['servers[0]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  expect(one((s) => s.listen.push({ address: "127.0.0.1", port: 80 })), ['servers[0]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  // An alias of an earlier server on the same address.
  const model = servers(["a", "127.0.0.1", 80], ["b", "127.0.0.1", 80]);
  model.servers[0]!.aliases.push({ name: "b" });
  expect(model, ['servers[1]: SERVER_DEFINED_TWICE: server "b" defined twice']);
  // Two aliases with one name.
  expect(
    one((s) => s.aliases.push({ name: "w" }, { name: "w" })),
    ['servers[0]: SERVER_DEFINED_TWICE: server "w" defined twice'],
  );
});

test("a duplicate server ends httpd's reading: nothing after it is reported", () => {
  const model = servers(["a", "127.0.0.1", 80], ["a", "127.0.0.1", 80], ["b", "127.0.0.1", 0]);
  model.types.push({ media: [{ type: `${x(64)}/plain`, extensions: ["txt"] }], includes: [] });
  expect(model, ['servers[1]: SERVER_DEFINED_TWICE: server "a" defined twice']);
  assert.equal(
    modelFindings(model).map((f) => f.abort),
    [true],
  );
});

test("tls and non-tls, and tls settings, on a shared address and port", () => {
  expect(servers(["a", "127.0.0.1", 443], ["b", "127.0.0.1", 443, true]), ['servers[1]: TLS_AND_NON_TLS: server "b": tls and non-tls on same address/port']);
  expect(servers(["a", "*", 443, true], ["b", "*", 443, true]), []);
  const mismatch = servers(["a", "*", 443, true], ["b", "*", 443, true]);
  mismatch.servers[1]!.tls = { ciphers: "secure" };
  expect(mismatch, ['servers[1]: TLS_CONFIGURATION_MISMATCH: server "b": tls configuration mismatch on same address/port']);
  // Written defaults equal the defaults; certificates may differ (SNI).
  const same = servers(["a", "*", 443, true], ["b", "*", 443, true]);
  same.servers[0]!.tls = { ciphers: "compat", protocols: "tlsv1.2,tlsv1.3", certificate: "/etc/ssl/a.crt" };
  same.servers[1]!.tls = { ecdhe: "default", dhe: "none", certificate: "/etc/ssl/b.crt", ticketLifetime: 0 };
  expect(same, []);
  // A dropped server does not count: b is refused, so c meets only a.
  const dropped = servers(["a", "127.0.0.1", 443], ["b", "127.0.0.1", 443, true], ["c", "127.0.0.1", 443]);
  expect(dropped, ['servers[1]: TLS_AND_NON_TLS: server "b": tls and non-tls on same address/port']);
});

test("order in a block, as generate writes it: tls needs a tls listener; locations need a listen", () => {
  expect(
    one((s) => (s.tls = { ciphers: "secure" })),
    ["servers[0].tls: TLS_WITHOUT_LISTENER: tls options without tls listener"],
  );
  expect(
    one((s) => {
      s.listen.push({ address: "::1", port: 443, tls: true });
      s.tls = { ciphers: "secure" };
    }),
    [],
  );
  // httpd stops the server at its first location: no check at its `}`.
  const model = emptyHttpdConf();
  model.servers.push({ ...emptyServer("a"), locations: [loc()] });
  expect(model, ["servers[0].locations[0]: LISTEN_ADDRESS_NOT_SPECIFIED: listen address not specified", "servers: NO_ACTIONS: no actions, nothing to do"]);
});

test("modelFindings: servers the parser saw dropped get no block checks and do not count", () => {
  const model = servers(["a", "127.0.0.1", 80], ["a", "127.0.0.1", 80]);
  assert.equal(
    modelFindings(model, undefined, { dropped: new Set([0]) }).map((f) => f.code),
    [],
  );
  assert.equal(
    modelFindings(model, undefined, { dropped: new Set([0, 1]) }).map((f) => f.code),
    ["NO_ACTIONS"],
  );
  // Without textChecks (parse makes them from the text) a server without a tls listener is not reported here.
  const tls = one((s) => (s.tls = { ciphers: "secure" }));
  assert.equal(modelFindings(tls), []);
});

test("duplicate locations: same pattern and found flag in one server; match is not compared", () => {
  expect(
    one((s) => s.locations.push(loc(), loc((l) => (l.match = true)))),
    ['servers[0].locations[1]: LOCATION_DEFINED_TWICE: location "/x" defined twice'],
  );
  expect(one((s) => s.locations.push(loc(), loc((l) => (l.found = true)), loc((l) => (l.found = false)))), []);
  // Another server may use the same pattern.
  const model = servers(["a", "127.0.0.1", 80], ["b", "127.0.0.1", 80]);
  model.servers[0]!.locations.push(loc());
  model.servers[1]!.locations.push(loc());
  expect(model, []);
});

test("a server with a bad value is dropped: no block checks for it", () => {
  // httpd stops the server at the bad root; it never reaches the duplicate location or the server's end.
  expect(
    only((s) => {
      s.root = `/${x(1023)}`;
      s.locations.push(loc(), loc());
    }),
    ["servers[0].root: DOCUMENT_ROOT_TOO_LONG: document root too long", "servers: NO_ACTIONS: no actions, nothing to do"],
  );
  // Every bad value is reported (httpd would stop at the first of the block).
  expect(
    only((s) => {
      s.tcp = { backlog: 2000 };
      s.locations.push(loc((l) => (l.root = `/${x(1023)}`)));
    }),
    [
      "servers[0].tcp.backlog: INVALID_BACKLOG: invalid backlog: 2000",
      "servers[0].locations[0].root: DOCUMENT_ROOT_TOO_LONG: document root too long",
      "servers: NO_ACTIONS: no actions, nothing to do",
    ],
  );
});

test("global options: httpd's first pass ends on their errors", () => {
  const model = one((s) => (s.listen[0]!.port = 0));
  model.prefork = 0;
  expect(model, ["prefork: INVALID_PREFORK: invalid number of preforked servers: 0"]);
  model.prefork = 33;
  expect(model, ["prefork: INVALID_PREFORK: invalid number of preforked servers: 33"]);
  const errdocs = one();
  errdocs.errdocs = `/${x(1014)}`;
  expect(errdocs, ["errdocs: ERRDOCS_TOO_LONG: errdoc root path too long"]);
  const type = one();
  type.defaultType = `${x(64)}/plain`;
  expect(type, ["defaultType: MEDIA_TYPE_TOO_LONG: media type too long"]);
});

test("macro names: httpd's message for blanks after the first character", () => {
  const model = one();
  model.macros.push({ name: "my var", value: "1" });
  expect(model, ["macros[0].name: MACRO_NAME_WHITESPACE: macro name cannot contain whitespace"]);
});

test("types: lengths, and a repeated extension (the later type wins: a warning)", () => {
  const model = one();
  model.types.push(
    { media: [{ type: "text/html", extensions: ["html", "htm"] }], includes: [] },
    { media: [{ type: `text/${x(64)}`, extensions: ["txt", x(128)] }, { type: "text/plain", extensions: ["htm"] }], includes: [] },
  );
  expect(model, [
    "types[1].media[0].type: MEDIA_TYPE_TOO_LONG: media type too long",
    "types[1].media[0].extensions[1]: MEDIA_NAME_TOO_LONG: media name too long",
    'types[1].media[1].extensions[0]: MEDIA_TYPE_OVERWRITTEN: extension "htm" is given the type text/plain, replacing an earlier type',
  ]);
  assert.is(validate(model).find((d) => d.code === "MEDIA_TYPE_OVERWRITTEN")?.severity, "warning");
});

test("release: features the release lacks are refused for the field; unknown releases throw", () => {
  const model = one((s) => (s.gzipStatic = true));
  expect(model, []);
  const old = validate(model, { release: "6.5" });
  assert.equal(
    old.map((d) => [d.code, d.path]),
    [["UNWRITABLE_VALUE", "servers[0].gzipStatic"]],
  );
  assert.throws(() => validate(model, { release: "5.0" as "6.5" }), (e: unknown) => e instanceof UnknownReleaseError);
});

test("a value that is no model gives one UNWRITABLE_VALUE, never a throw", () => {
  for (const value of [null, 5, "x", {}, { macros: "x" }, { ...emptyHttpdConf(), servers: [{ name: 1 }] }]) {
    const found = validate(value as unknown as HttpdConf);
    assert.equal(
      found.map((d) => d.code),
      ["UNWRITABLE_VALUE"],
      JSON.stringify(value),
    );
  }
});

test("modelFindings with source spans follows the text's order, as httpd reads it", () => {
  const span = (start: number, end = start + 5) => ({ start, end });
  // server "a" { listen; location "/x" {…} (20..40); root TOO LONG (50); tcp backlog 2000 (60) }
  const model = only((s) => {
    s.locations.push(loc());
    s.root = `/${x(1023)}`;
    s.tcp = { backlog: 2000 };
  });
  const spans = new Map([
    ["servers[0]", span(0, 100)],
    ["servers[0].listen[0]", span(10)],
    ["servers[0].locations[0]", span(20, 40)],
    ["servers[0].root", span(50)],
    ["servers[0].tcp", span(60)],
  ]);
  // httpd stops at the root: the backlog is never read; the location, closed before, stays in its list.
  assert.equal(
    modelFindings(model, undefined, { spans }).map((f) => f.code),
    ["DOCUMENT_ROOT_TOO_LONG"],
  );
  // Without spans (generate's order: options, then locations): every value, and no location was read.
  assert.equal(
    modelFindings(model).map((f) => f.code),
    ["INVALID_BACKLOG", "DOCUMENT_ROOT_TOO_LONG", "NO_ACTIONS"],
  );
  // A parser-reported error at 15 (before the location) abandons the server there.
  assert.equal(
    modelFindings(model, undefined, { spans, dropped: new Set([0]), failedAt: new Map([[0, 15]]) }).map((f) => f.code),
    ["NO_ACTIONS"],
  );
});

test("modelFindings with source spans: the first pass is what comes before the first server", () => {
  const model = one((s) => (s.listen[0]!.port = 0));
  model.prefork = 0;
  model.types.push({ media: [{ type: "text/plain", extensions: [x(128)] }], includes: [] });
  const before = new Map([
    ["prefork", { start: 0, end: 9 }],
    ["types[0]", { start: 10, end: 40 }],
    ["servers[0]", { start: 50, end: 90 }],
    ["servers[1]", { start: 100, end: 140 }],
  ]);
  assert.equal(
    modelFindings(model, undefined, { spans: before }).map((f) => f.path),
    ["prefork", "types[0].media[0].extensions[0]"],
  );
  // prefork after the first server is not read; types after it are read in the second pass.
  const after = new Map([
    ["servers[0]", { start: 0, end: 40 }],
    ["servers[1]", { start: 50, end: 90 }],
    ["prefork", { start: 100, end: 109 }],
    ["types[0]", { start: 110, end: 140 }],
  ]);
  assert.equal(
    modelFindings(model, undefined, { spans: after }).map((f) => f.path),
    ["servers[0].listen[0].port", "types[0].media[0].extensions[0]"],
  );
});

// ----- properties -----

test("property: no error on the valid models of arbitraries.ts (written from httpd's checks by another hand)", () => {
  fc.assert(
    fc.property(httpdConfArb({ maxServers: 4 }), (model) => {
      const found = validate(model);
      // Our own warning for an extension given two types may appear; nothing else.
      assert.equal(
        found.filter((d) => d.code !== "MEDIA_TYPE_OVERWRITTEN"),
        [],
      );
    }),
    { numRuns: propertyRuns() },
  );
});

// One value pushed out of httpd's range in one server of a valid model: the
// first error is that value's, at its path (earlier servers are valid).
const breakers: Array<{ field: string; code: string; apply: (s: Server) => void }> = [
  { field: "name", code: "SERVER_NAME_TRUNCATED", apply: (s) => (s.name = x(256)) },
  { field: "listen[0].port", code: "INVALID_PORT", apply: (s) => (s.listen[0]!.port = 65536) },
  { field: "root", code: "DOCUMENT_ROOT_TOO_LONG", apply: (s) => (s.root = `/${x(1023)}`) },
  { field: "tcp.backlog", code: "INVALID_BACKLOG", apply: (s) => (s.tcp = { ...s.tcp, backlog: 1025 }) },
  { field: "connection.timeout", code: "INVALID_TIMEOUT", apply: (s) => (s.connection = { ...s.connection, timeout: -1 }) },
  { field: "hsts.maxAge", code: "INVALID_HSTS_MAX_AGE", apply: (s) => (s.hsts = { ...s.hsts, maxAge: -1 }) },
  { field: "access.code", code: "INVALID_RETURN_CODE", apply: (s) => (s.access = { action: "return", code: 999 }) },
  { field: "request.strip", code: "INVALID_STRIP", apply: (s) => (s.request = { strip: -1 }) },
  { field: "log.access", code: "ACCESS_LOG_TOO_LONG", apply: (s) => (s.log = { access: x(1024) }) },
];

test("property: one value out of range gives that value's error first, at its path", () => {
  fc.assert(
    fc.property(httpdConfArb({ maxServers: 3 }), fc.nat(), fc.constantFrom(...breakers), (model, pick, breaker) => {
      const i = pick % model.servers.length;
      breaker.apply(model.servers[i]!);
      const first = validate(model).find((d) => d.severity === "error");
      assert.equal([first?.path, first?.code], [`servers[${i}].${breaker.field}`, breaker.code]);
    }),
    { numRuns: propertyRuns() },
  );
});

// ----- validate and parse agree -----

type Parse = (input: string, options?: { release?: string }) => { model: HttpdConf; diagnostics: Diagnostic[] };
let parse: Parse | undefined;
let missing = "";
try {
  ({ parse } = (await import("../src/parse.js")) as unknown as { parse: Parse });
} catch (error) {
  missing = (error as Error).message.split("\n")[0]!;
}
const check = (name: string, fn: () => void): void => (parse ? test(name, fn) : test.skip(`${name} (parse unavailable: ${missing})`, fn));

const srv = (...lines: string[]): string => `server "a" {\n\tlisten on 127.0.0.1 port 80\n${lines.map((l) => `\t${l}\n`).join("")}}\n`;

// Texts with one problem a model can show; parse's first error and validate
// on parse's model must give the same code.
const agreement: Array<[string, string]> = [
  ["SERVER_NAME_TRUNCATED", `server "${x(256)}" {\n\tlisten on * port 80\n}\n`],
  ["INVALID_PORT", 'server "a" {\n\tlisten on * port 0\n}\n'],
  ["INVALID_LISTEN_IP", 'server "a" {\n\tlisten on 300.1.2.3 port 80\n}\n'],
  ["SERVER_DEFINED_TWICE", srv() + srv()],
  ["SERVER_DEFINED_TWICE", srv('alias "a"')],
  ["LISTEN_ADDRESS_NOT_SPECIFIED", 'server "a" {\n\troot "/htdocs"\n}\n'],
  ["TLS_AND_NON_TLS", 'server "a" {\n\tlisten on 127.0.0.1 port 8443\n}\nserver "b" {\n\tlisten on 127.0.0.1 tls port 8443\n}\n'],
  ["NO_TLS_PROTOCOLS", 'server "a" {\n\tlisten on * tls port 443\n\ttls protocols "!all"\n}\n'],
  ["LOCATION_DEFINED_TWICE", srv('location "/x" {', "\tblock", "}", 'location match "/x" {', "\tpass", "}")],
  ["SERVER_LOCATION_TRUNCATED", srv(`location "/${x(254)}" {`, "\tblock", "}")],
  ["DOCUMENT_ROOT_TOO_LONG", srv(`root "/${x(1023)}"`)],
  ["INVALID_BACKLOG", srv("tcp backlog 1025")],
  ["INVALID_SOCKET_BUFFER", srv("tcp socket buffer 2147483648")],
  ["INVALID_TIMEOUT", srv("connection request timeout -5")],
  ["INVALID_HSTS_MAX_AGE", srv("hsts max-age -1")],
  ["INVALID_RETURN_CODE", srv("block return 999")],
  ["INVALID_RETURN_CODE_FOR_URI", srv('block return 404 "/x"')],
  ["SOCKET_PATH_TOO_LONG", srv(`fastcgi socket "/${x(103)}"`)],
  ["FASTCGI_PARAM_VALUE_TRUNCATED", srv(`fastcgi param "N" "${x(511)}"`)],
  ["AUTH_REALM_TOO_LONG", srv(`authenticate "${x(255)}" with "/h"`)],
  ["HEADER_NAME_TRUNCATED", srv(`header hide "${x(128)}"`)],
  ["INVALID_PREFORK", `prefork 0\n${srv()}`],
  ["MEDIA_NAME_TOO_LONG", `${srv()}types {\n\ttext/plain ${x(128)}\n}\n`],
  ["NO_ACTIONS", "prefork 2\n"],
];

for (const [code, text] of agreement) {
  check(`parse and validate agree: ${code}`, () => {
    const doc = parse!(text);
    assert.is(doc.diagnostics.find((d) => d.severity === "error")?.code, code, "parse's first error");
    assert.is(validate(doc.model).find((d) => d.severity === "error")?.code, code, "validate on parse's model");
  });
}

check("parse and validate agree on a clean file: nothing", () => {
  const text = srv('alias "b"', 'location "/x" {', "\tblock return 302 \"https://$HTTP_HOST$REQUEST_URI\"", "}");
  const doc = parse!(text);
  assert.equal(doc.diagnostics, []);
  assert.equal(validate(doc.model), []);
});

check("property: parse(generate(m)) and validate(m) agree on the first error, one value broken in a valid model", () => {
  fc.assert(
    fc.property(httpdConfArb({ maxServers: 3 }), fc.nat(), fc.constantFrom(...breakers), (model, pick, breaker) => {
      breaker.apply(model.servers[pick % model.servers.length]!);
      const fromText = parse!(generate(model)).diagnostics.find((d) => d.severity === "error");
      const fromModel = validate(model).find((d) => d.severity === "error");
      assert.is(fromText?.code, fromModel?.code);
      assert.is(fromText?.message, fromModel?.message);
    }),
    { numRuns: propertyRuns() },
  );
});

test.run();
