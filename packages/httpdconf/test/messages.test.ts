// One test per message of httpd's parser (research/httpdconf.md §6 and §12):
// a small httpd.conf, the message httpd prints and the line it prints it at.
// Expected values come from usr.sbin/httpd/parse.y 1.130 (2025-11-28, the
// `header` grammar of sizeofvoid/rsadowski-src @ fe4ffbad), read by hand:
// yyerror() prints yylval.lineno, the line of the last token yylex()
// returned when the action runs. byacc reduces a rule without reading a
// lookahead when its state has a single (default) reduction, so a value
// option reports the line of its last token; the checks at a block's end
// report the line of its `}`; a rule that can go on (`block return N`,
// bare `hsts`) reads the next token first (the newline: same line).
// Lexer messages carry the line where the token starts.
//
// Each case is the first error parse reports; the texts have exactly one
// problem. The server lines a case needs to be otherwise valid assume what
// `httpd -n` needs at run time (the default TLS key pair readable).
import type { Diagnostic } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";

interface ParseOptions {
  fileName?: string;
  release?: string;
  readFile?: (path: string) => string | undefined;
}
type Parse = (input: string, options?: ParseOptions) => { diagnostics: Diagnostic[] };

// parse is written at the same time as these tests: without it they are skipped, and counted.
let parse: Parse | undefined;
let missing = "";
try {
  ({ parse } = (await import("../src/parse.js")) as unknown as { parse: Parse });
} catch (error) {
  missing = (error as Error).message.split("\n")[0]!;
}
const check = (name: string, fn: () => void): void => (parse ? test(name, fn) : test.skip(`${name} (parse unavailable: ${missing})`, fn));

const x = (n: number, c = "x"): string => c.repeat(n);

/** A server on 127.0.0.1 port 80 with `lines` (tab-indented) after its listen line: line 3 is the first of them. */
const server = (...lines: string[]): string =>
  `server "a" {\n\tlisten on 127.0.0.1 port 80\n${lines.map((l) => `\t${l}\n`).join("")}}\n`;

/** `server(...)` with one location `/x` holding `lines`: the location starts on line 3, its first line is line 4. */
const inLocation = (...lines: string[]): string => server('location "/x" {', ...lines.map((l) => `\t${l}`), "}");

interface Case {
  /** Test name. */
  name: string;
  /** The httpd.conf text. */
  text: string;
  /** httpd's message. */
  message: string;
  /** The line httpd prints; undefined where httpd prints no line. */
  line: number | undefined;
  /** Our code for it; undefined where another module names it. */
  code?: string;
  /** Release to parse for (default the newest). */
  release?: string;
  /** Options besides the release. */
  options?: ParseOptions;
}

const cases: Case[] = [
  // ----- lexer (yylex/lgetc) -----
  {
    name: "string too long (quoted, 8095 bytes)",
    text: server(`root "/${x(8094)}"`),
    message: "string too long",
    line: 3,
    code: "STRING_TOO_LONG",
  },
  {
    name: "reached end of file while parsing quoted string: line of the opening quote",
    text: server('root "/htdocs').replace(/}\n$/, "}\n\n"),
    message: "reached end of file while parsing quoted string",
    line: 3,
    code: "UNTERMINATED_QUOTE",
  },
  {
    name: "macro not defined",
    text: 'server "a" {\n\tlisten on $addr port 80\n}\n',
    message: "macro 'addr' not defined",
    line: 2,
    code: "UNDEFINED_MACRO",
  },
  {
    name: "invalid number",
    text: `prefork 99999999999999999999\n${server()}`,
    message: '"99999999999999999999" invalid number: too large',
    line: 1,
    code: "INVALID_NUMBER",
  },
  {
    name: "syntax error (unknown option)",
    text: server("rooot \"/x\""),
    message: "syntax error",
    line: 3,
  },
  {
    name: "syntax error: a second option before `}` on its line (serveropts_l needs a newline)",
    text: 'server "a" {\n\tlisten on * port 80\n\tpass }\n',
    message: "syntax error",
    line: 3,
  },

  // ----- top level -----
  {
    name: "macro name cannot contain whitespace",
    text: `"my var" = "1"\n${server()}`,
    message: "macro name cannot contain whitespace",
    line: 1,
    code: "MACRO_NAME_WHITESPACE",
  },
  {
    name: "failed to include file",
    text: `include "/nonexistent/extra.conf"\n${server()}`,
    message: "failed to include file /nonexistent/extra.conf",
    line: 1,
    options: { readFile: () => undefined },
  },
  {
    name: "invalid number of preforked servers: 0",
    text: `prefork 0\n${server()}`,
    message: "invalid number of preforked servers: 0",
    line: 1,
    code: "INVALID_PREFORK",
  },
  {
    name: "invalid number of preforked servers: 33 (PROC_MAX_INSTANCES is 32)",
    text: `\nprefork 33\n${server()}`,
    message: "invalid number of preforked servers: 33",
    line: 2,
    code: "INVALID_PREFORK",
  },
  {
    name: "errdoc root path too long (global, 1015 bytes)",
    text: `errdocs "/${x(1014)}"\n${server()}`,
    message: "errdoc root path too long",
    line: 1,
    code: "ERRDOCS_TOO_LONG",
  },
  {
    name: "media type too long (global default type, subtype of 64 bytes)",
    text: `default type text/${x(64)}\n${server()}`,
    message: "media type too long",
    line: 1,
    code: "MEDIA_TYPE_TOO_LONG",
  },
  {
    name: "no actions, nothing to do (printed without a line)",
    text: "prefork 2\n",
    message: "no actions, nothing to do",
    line: undefined,
    code: "NO_ACTIONS",
  },

  // ----- types -----
  {
    name: "media type too long (types block, type of 64 bytes)",
    text: `${server()}types {\n\t${x(64)}/plain txt\n}\n`,
    message: "media type too long",
    line: 5,
    code: "MEDIA_TYPE_TOO_LONG",
  },
  {
    name: "media name too long (extension of 128 bytes)",
    text: `${server()}types {\n\ttext/plain txt\n\ttext/html ${x(128)}\n}\n`,
    message: "media name too long",
    line: 6,
    code: "MEDIA_NAME_TOO_LONG",
  },

  // ----- server header and the checks at its `}` -----
  {
    name: "server name truncated (256 bytes)",
    text: `server "${x(256)}" {\n\tlisten on * port 80\n}\n`,
    message: "server name truncated",
    line: 1,
    code: "SERVER_NAME_TRUNCATED",
  },
  {
    name: "server defined twice: same name, address and port, at the second `}`",
    text: `${server()}${server()}`,
    message: 'server "a" defined twice',
    line: 6,
    code: "SERVER_DEFINED_TWICE",
  },
  {
    name: "server defined twice: an earlier `*` matches every address of its family",
    text: 'server "a" {\n\tlisten on * port 80\n}\nserver "a" {\n\tlisten on 10.0.0.1 port 80\n}\n',
    message: 'server "a" defined twice',
    line: 6,
    code: "SERVER_DEFINED_TWICE",
  },
  {
    name: "server defined twice: an alias equal to the server name (server_inherit)",
    text: server('alias "a"'),
    message: 'server "a" defined twice',
    line: 4,
    code: "SERVER_DEFINED_TWICE",
  },
  {
    name: "server defined twice: two listen lines with the same address (server_inherit)",
    text: server("listen on 127.0.0.1 port 80"),
    message: 'server "a" defined twice',
    line: 4,
    code: "SERVER_DEFINED_TWICE",
  },
  {
    name: "listen address not specified (server without listen, at its `}`)",
    text: 'server "a" {\n\troot "/htdocs"\n}\n',
    message: "listen address not specified",
    line: 3,
    code: "LISTEN_ADDRESS_NOT_SPECIFIED",
  },
  {
    name: "listen address not specified (location before the first listen, at the location)",
    text: 'server "a" {\n\tlocation "/x" {\n\t\tblock\n\t}\n\tlisten on * port 80\n}\n',
    message: "listen address not specified",
    line: 2,
    code: "LISTEN_ADDRESS_NOT_SPECIFIED",
  },
  {
    name: "tls and non-tls on same address/port",
    text: 'server "a" {\n\tlisten on 127.0.0.1 port 8443\n}\nserver "b" {\n\tlisten on 127.0.0.1 tls port 8443\n}\n',
    message: 'server "b": tls and non-tls on same address/port',
    line: 6,
    code: "TLS_AND_NON_TLS",
  },
  {
    name: "tls configuration mismatch on same address/port",
    text:
      'server "a" {\n\tlisten on 127.0.0.1 tls port 8443\n}\n' +
      'server "b" {\n\tlisten on 127.0.0.1 tls port 8443\n\ttls ciphers "secure"\n}\n',
    message: 'server "b": tls configuration mismatch on same address/port',
    line: 7,
    code: "TLS_CONFIGURATION_MISMATCH",
  },
  {
    name: "no tls protocols (`!all` parses, and leaves none)",
    text: 'server "a" {\n\tlisten on * tls port 443\n\ttls protocols "!all"\n}\n',
    message: 'server "a": no tls protocols',
    line: 4,
    code: "NO_TLS_PROTOCOLS",
  },

  // ----- listen on -----
  {
    name: "invalid port: 0",
    text: 'server "a" {\n\tlisten on * port 0\n}\n',
    message: "invalid port: 0",
    line: 2,
    code: "INVALID_PORT",
  },
  {
    name: "invalid port: 65536",
    text: 'server "a" {\n\tlisten on * port 65536\n}\n',
    message: "invalid port: 65536",
    line: 2,
    code: "INVALID_PORT",
  },
  {
    name: "invalid port: a numeric string out of range is no service",
    text: 'server "a" {\n\tlisten on * port "70000"\n}\n',
    message: "invalid port: 70000",
    line: 2,
    code: "INVALID_PORT",
  },
  {
    name: "invalid listen ip: an octet above 255",
    text: 'server "a" {\n\tlisten on 300.1.2.3 port 80\n}\n',
    message: "invalid listen ip: 300.1.2.3",
    line: 2,
    code: "INVALID_LISTEN_IP",
  },
  {
    name: "invalid listen ip: `:` in something that is no IPv6 address",
    text: 'server "a" {\n\tlisten on 2001:db8::g port 80\n}\n',
    message: "invalid listen ip: 2001:db8::g",
    line: 2,
    code: "INVALID_LISTEN_IP",
  },

  // ----- server-only statements inside a location -----
  {
    name: "listen inside location (line of the port)",
    text: inLocation("listen on 127.0.0.1 port 81"),
    message: "listen 127.0.0.1 inside location",
    line: 4,
    code: "LISTEN_INSIDE_LOCATION",
  },
  {
    name: "alias inside location",
    text: inLocation('alias "b"'),
    message: "alias inside location",
    line: 4,
    code: "ALIAS_INSIDE_LOCATION",
  },
  {
    name: "errdocs inside location",
    text: inLocation('errdocs "/errdocs"'),
    message: "errdocs inside location",
    line: 4,
    code: "ERRDOCS_INSIDE_LOCATION",
  },
  {
    name: "errdocs inside location (no errdocs)",
    text: inLocation("no errdocs"),
    message: "errdocs inside location",
    line: 4,
    code: "ERRDOCS_INSIDE_LOCATION",
  },
  {
    name: "tcp flags inside location",
    text: inLocation("tcp nodelay"),
    message: "tcp flags inside location",
    line: 4,
    code: "TCP_INSIDE_LOCATION",
  },
  {
    name: "tcp flags inside location: block form, at its closing brace",
    text: inLocation("tcp {", "\tnodelay", "}"),
    message: "tcp flags inside location",
    line: 6,
    code: "TCP_INSIDE_LOCATION",
  },
  {
    name: "connection options inside location",
    text: inLocation("connection timeout 30"),
    message: "connection options inside location",
    line: 4,
    code: "CONNECTION_INSIDE_LOCATION",
  },
  {
    name: "tls configuration inside location",
    text: inLocation('tls ciphers "secure"'),
    message: "tls configuration inside location",
    line: 4,
    code: "TLS_INSIDE_LOCATION",
  },
  {
    name: "hsts inside location (bare hsts reads the newline first: same line)",
    text: inLocation("hsts"),
    message: "hsts inside location",
    line: 4,
    code: "HSTS_INSIDE_LOCATION",
  },
  {
    name: "banner inside location",
    text: inLocation("banner"),
    message: "banner inside location",
    line: 4,
    code: "BANNER_INSIDE_LOCATION",
  },
  {
    name: "no banner inside location",
    text: inLocation("no banner"),
    message: "no banner inside location",
    line: 4,
    code: "NO_BANNER_INSIDE_LOCATION",
  },
  {
    name: "location inside location (line of the inner pattern)",
    text: inLocation('location "/y" {', "\tblock", "}"),
    message: "location /y inside location",
    line: 4,
    code: "LOCATION_INSIDE_LOCATION",
  },

  // ----- locations -----
  {
    name: "server location truncated (255 bytes)",
    text: server(`location "/${x(254)}" {`, "\tblock", "}"),
    message: "server location truncated",
    line: 3,
    code: "SERVER_LOCATION_TRUNCATED",
  },
  {
    name: "location defined twice: `match` is not compared, at the second `}`",
    text: server('location "/x" {', "\tblock", "}", 'location match "/x" {', "\tpass", "}"),
    message: 'location "/x" defined twice',
    line: 8,
    code: "LOCATION_DEFINED_TWICE",
  },

  // ----- tls, listener order -----
  {
    name: "tls options without tls listener (block form: at its `}`)",
    text: server("tls {", '\tciphers "secure"', "}"),
    message: "tls options without tls listener",
    line: 5,
    code: "TLS_WITHOUT_LISTENER",
  },
  {
    name: "tls options without tls listener (tls before the tls listen line)",
    text: 'server "a" {\n\ttls ciphers "secure"\n\tlisten on * tls port 443\n}\n',
    message: "tls options without tls listener",
    line: 2,
    code: "TLS_WITHOUT_LISTENER",
  },
  {
    name: "ciphers too long (511 bytes)",
    text: `server "a" {\n\tlisten on * tls port 443\n\ttls ciphers "${x(511)}"\n}\n`,
    message: "ciphers too long",
    line: 3,
    code: "CIPHERS_TOO_LONG",
  },
  {
    name: "dhe too long",
    text: `server "a" {\n\tlisten on * tls port 443\n\ttls dhe "${x(511)}"\n}\n`,
    message: "dhe too long",
    line: 3,
    code: "DHE_TOO_LONG",
  },
  {
    name: "ecdhe too long (in a tls block: line of the value)",
    text: `server "a" {\n\tlisten on * tls port 443\n\ttls {\n\t\tecdhe "${x(511)}"\n\t}\n}\n`,
    message: "ecdhe too long",
    line: 4,
    code: "ECDHE_TOO_LONG",
  },
  {
    name: "invalid tls protocols",
    text: 'server "a" {\n\tlisten on * tls port 443\n\ttls protocols "tlsv1.4"\n}\n',
    message: "invalid tls protocols",
    line: 3,
    code: "INVALID_TLS_PROTOCOLS",
  },
  {
    name: "ticket lifetime too small",
    text: 'server "a" {\n\tlisten on * tls port 443\n\ttls ticket lifetime 59\n}\n',
    message: "ticket lifetime too small",
    line: 3,
    code: "TICKET_LIFETIME_TOO_SMALL",
  },
  {
    name: "ticket lifetime too large",
    text: 'server "a" {\n\tlisten on * tls port 443\n\ttls ticket lifetime 86401\n}\n',
    message: "ticket lifetime too large",
    line: 3,
    code: "TICKET_LIFETIME_TOO_LARGE",
  },

  // ----- other server options -----
  {
    name: "server alias truncated",
    text: server(`alias "${x(256)}"`),
    message: "server alias truncated",
    line: 3,
    code: "SERVER_ALIAS_TRUNCATED",
  },
  {
    name: "errdoc root path too long (server)",
    text: server(`errdocs "/${x(1014)}"`),
    message: "errdoc root path too long",
    line: 3,
    code: "ERRDOCS_TOO_LONG",
  },
  {
    name: "invalid number of seconds (hsts max-age -1)",
    text: server("hsts max-age -1"),
    message: "invalid number of seconds: -1",
    line: 3,
    code: "INVALID_HSTS_MAX_AGE",
  },
  {
    name: "invalid number of seconds (hsts max-age above INT_MAX)",
    text: server("hsts {", "\tmax-age 2147483648", "}"),
    message: "invalid number of seconds: 2147483648",
    line: 4,
    code: "INVALID_HSTS_MAX_AGE",
  },
  {
    name: "invalid timeout",
    text: server("connection timeout -1"),
    message: "invalid timeout: -1",
    line: 3,
    code: "INVALID_TIMEOUT",
  },
  {
    name: "invalid timeout (request timeout)",
    text: server("connection { max requests 10, request timeout -5 }"),
    message: "invalid timeout: -5",
    line: 3,
    code: "INVALID_TIMEOUT",
  },
  {
    name: "invalid backlog: 1025 (SERVER_MAX_CLIENTS is 1024)",
    text: server("tcp backlog 1025"),
    message: "invalid backlog: 1025",
    line: 3,
    code: "INVALID_BACKLOG",
  },
  {
    name: "invalid socket buffer size: -1",
    text: server("tcp socket buffer -1"),
    message: "invalid socket buffer size: -1",
    line: 3,
    code: "INVALID_SOCKET_BUFFER",
  },
  {
    name: "invalid socket buffer size: 2147483648 is negative as an int",
    text: server("tcp socket buffer 2147483648"),
    message: "invalid socket buffer size: 2147483648",
    line: 3,
    code: "INVALID_SOCKET_BUFFER",
  },
  {
    name: "invalid ttl",
    text: server("tcp ip ttl -1"),
    message: "invalid ttl: -1",
    line: 3,
    code: "INVALID_TTL",
  },
  {
    name: "invalid TCP/IP flag",
    text: server("tcp ip hops 5"),
    message: "invalid TCP/IP flag: hops",
    line: 3,
    code: "INVALID_TCP_IP_FLAG",
  },

  // ----- options of servers and locations -----
  {
    name: "document root too long (1024 bytes)",
    text: server(`root "/${x(1023)}"`),
    message: "document root too long",
    line: 3,
    code: "DOCUMENT_ROOT_TOO_LONG",
  },
  {
    name: "document root too long (root block, in a location)",
    text: inLocation(`root { "/${x(1023)}" }`),
    message: "document root too long",
    line: 4,
    code: "DOCUMENT_ROOT_TOO_LONG",
  },
  {
    name: "request path too long",
    text: inLocation(`request rewrite "/${x(1023)}"`),
    message: "request path too long",
    line: 4,
    code: "REQUEST_PATH_TOO_LONG",
  },
  {
    name: "invalid strip number",
    text: server("request strip -1"),
    message: "invalid strip number",
    line: 3,
    code: "INVALID_STRIP",
  },
  {
    name: "index file too long",
    text: server(`directory index "${x(1024)}"`),
    message: "index file too long",
    line: 3,
    code: "INDEX_FILE_TOO_LONG",
  },
  {
    name: "access log name too long",
    text: server(`log access "${x(1024)}"`),
    message: "access log name too long",
    line: 3,
    code: "ACCESS_LOG_TOO_LONG",
  },
  {
    name: "error log name too long (log block over two lines)",
    text: server("log {", "\tstyle combined", `\terror "${x(1024)}"`, "}"),
    message: "error log name too long",
    line: 5,
    code: "ERROR_LOG_TOO_LONG",
  },
  {
    name: "socket path too long (sun_path holds 103 bytes)",
    text: server(`fastcgi socket "/${x(103)}"`),
    message: "socket path too long",
    line: 3,
    code: "SOCKET_PATH_TOO_LONG",
  },
  {
    name: "invalid port (fastcgi socket tcp port 0)",
    text: server("fastcgi socket tcp 127.0.0.1 0"),
    message: "invalid port: 0",
    line: 3,
    code: "INVALID_PORT",
  },
  {
    name: "fastcgi_param name truncated",
    text: server(`fastcgi param "${x(511)}" "v"`),
    message: "fastcgi_param name truncated",
    line: 3,
    code: "FASTCGI_PARAM_NAME_TRUNCATED",
  },
  {
    name: "fastcgi_param value truncated",
    text: inLocation(`fastcgi param "NAME" "${x(511)}"`),
    message: "fastcgi_param value truncated",
    line: 4,
    code: "FASTCGI_PARAM_VALUE_TRUNCATED",
  },
  {
    name: "invalid fastcgi strip number",
    text: server("fastcgi strip -1"),
    message: "invalid fastcgi strip number",
    line: 3,
    code: "INVALID_FASTCGI_STRIP",
  },
  {
    name: "basic auth realm name too long (255 bytes)",
    text: server(`authenticate "${x(255)}" with "/htpasswd"`),
    message: "basic auth realm name too long",
    line: 3,
    code: "AUTH_REALM_TOO_LONG",
  },
  {
    name: "password file name too long",
    text: inLocation(`authenticate with "/${x(1023)}"`),
    message: "password file name too long",
    line: 4,
    code: "PASSWORD_FILE_TOO_LONG",
  },
  {
    name: "invalid return code: 999 (reads the newline first: same line)",
    text: server("block return 999"),
    message: "invalid return code: 999",
    line: 3,
    code: "INVALID_RETURN_CODE",
  },
  {
    name: "invalid return code: 0",
    text: inLocation("block return 0"),
    message: "invalid return code: 0",
    line: 4,
    code: "INVALID_RETURN_CODE",
  },
  {
    name: "invalid return code for location URI",
    text: inLocation('block return 404 "/elsewhere"'),
    message: "invalid return code for location URI",
    line: 4,
    code: "INVALID_RETURN_CODE_FOR_URI",
  },
  {
    name: "media type too long (default type in a location)",
    text: inLocation(`default type ${x(64)}/plain`),
    message: "media type too long",
    line: 4,
    code: "MEDIA_TYPE_TOO_LONG",
  },
  {
    name: "header name truncated (128 bytes)",
    text: server(`header add "${x(128)}" "v"`),
    message: "header name truncated",
    line: 3,
    code: "HEADER_NAME_TRUNCATED",
  },
  {
    name: "header value truncated (512 bytes)",
    text: inLocation(`header always add "X-A" "${x(512)}"`),
    message: "header value truncated",
    line: 4,
    code: "HEADER_VALUE_TRUNCATED",
  },
  {
    name: "header name truncated (header hide)",
    text: server(`header hide "${x(128)}"`),
    message: "header name truncated",
    line: 3,
    code: "HEADER_NAME_TRUNCATED",
  },
];

for (const c of cases) {
  check(`${c.line ?? "-"}: ${c.message} — ${c.name}`, () => {
    const doc = parse!(c.text, { fileName: "/etc/httpd.conf", release: c.release, ...c.options });
    const first = doc.diagnostics.find((d) => d.severity === "error");
    assert.ok(first, `no error for ${JSON.stringify(c.text.slice(0, 80))}`);
    assert.is(first.message, c.message);
    if (c.line !== undefined) assert.is(first.line, c.line);
    if (c.code !== undefined) assert.is(first.code, c.code);
  });
}

// ----- httpd's control flow around the messages -----

check("errors before the first server end httpd's first pass: nothing after them is reported", () => {
  const doc = parse!(`prefork 0\n${'server "a" {\n\tlisten on * port 0\n}\n'}`);
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[1, "invalid number of preforked servers: 0"]],
  );
});

check("prefork after the first server is not checked (only the first pass reads it)", () => {
  const doc = parse!(`${server()}prefork 0\n`);
  assert.equal(doc.diagnostics.filter((d) => d.severity === "error"), []);
});

check("after `server defined twice` httpd stops reading: later errors are not reported", () => {
  const doc = parse!(`${server()}${server()}server "b" {\n\tlisten on * port 0\n}\n`);
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[6, 'server "a" defined twice']],
  );
});

check("after `location defined twice` httpd stops; the first location is in its list, so no `no actions`", () => {
  const doc = parse!(
    server('location "/x" {', "\tblock", "}", 'location "/x" {', "\tpass", "}") + 'server "b" {\n\tlisten on * port 81\n\ttcp backlog 5000\n}\n',
  );
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[8, 'location "/x" defined twice']],
  );
});

check("a server httpd abandons (YYERROR in it) is not registered: the same server again is no duplicate", () => {
  const doc = parse!(inLocation("tcp nodelay") + server());
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[4, "tcp flags inside location"]],
  );
});

check("a location before the first listen abandons the server: then no server is left", () => {
  const doc = parse!('server "a" {\n\tlocation "/x" {\n\t\tblock\n\t}\n\tlisten on * port 80\n}\n');
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => d.message),
    ["listen address not specified", "no actions, nothing to do"],
  );
  assert.is(errors[0]!.line, 2);
});

check("in a server httpd reports its first error only: the rest of the block is skipped", () => {
  const doc = parse!(server(`root "/${x(1100)}"`, "tcp backlog 2000") + 'server "b" {\n\tlisten on * port 81\n}\n');
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[3, "document root too long"]],
  );
});

check("a location closed before the server's error stays in httpd's list: no `no actions`", () => {
  const doc = parse!(server('location "/x" {', "\tblock", "}", `root "/${x(1100)}"`));
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[6, "document root too long"]],
  );
});

check("a duplicate location before a bad option: httpd aborts at the location", () => {
  const doc = parse!(server('location "/x" {', "\tblock", "}", 'location "/x" {', "\tpass", "}", "tcp backlog 5000"));
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[8, 'location "/x" defined twice']],
  );
});

check("a types block before the first server is read in the first pass: its error ends it", () => {
  const doc = parse!(`types {\n\ttext/plain ${x(130)}\n}\nserver "a" {\n\tlisten on * port 0\n}\n`);
  const errors = doc.diagnostics.filter((d) => d.severity === "error");
  assert.equal(
    errors.map((d) => [d.line, d.message]),
    [[2, "media name too long"]],
  );
});

check("`location found` and `location` with the same pattern are two locations", () => {
  const doc = parse!(server('location found "/x" {', "\tblock", "}", 'location "/x" {', "\tpass", "}"));
  assert.equal(doc.diagnostics.filter((d) => d.severity === "error"), []);
});

check("servers with the same name on different ports, or on 0.0.0.0 and ::, are no duplicates", () => {
  const text =
    'server "a" {\n\tlisten on 0.0.0.0 port 80\n}\nserver "a" {\n\tlisten on 0.0.0.0 port 8080\n}\n' +
    'server "a" {\n\tlisten on :: port 80\n}\n';
  assert.equal(parse!(text).diagnostics.filter((d) => d.severity === "error"), []);
});

check("a NUL byte: the project reports BINARY_INPUT instead of httpd's `syntax error` for a NUL in quotes", () => {
  const doc = parse!(server('root "/a\0b"'));
  assert.equal(
    doc.diagnostics.map((d) => d.code),
    ["BINARY_INPUT"],
  );
});

// ----- messages no text can bring about here -----
// Listed so the catalogue is complete; each is counted as skipped with its reason.
const unreachable: Array<[string, string]> = [
  ["too many servers defined", "needs INT_MAX servers, locations and aliases"],
  ["too many servers/locations defined", "needs INT_MAX servers, locations and aliases"],
  ["too many auth ids defined", "needs INT_MAX htpasswd files"],
  ["failed to add auth", "auth_add() fails only when out of memory"],
  ["failed to add media type", "media_add() of httpd.c 1.74 replaces a duplicate; it fails only when out of memory"],
  ["asprintf: number / out of memory", "out of memory only"],
  ['server "x": failed to load public/private keys', "reads certificate files; parse does not read them"],
  ['server "x": failed to load ca cert(s) (and "for server x")', "reads CA files; parse does not read them"],
  ['server "x": failed to load crl(s) (and "for server x")', "reads CRL files; parse does not read them"],
  ['server "x": failed to load ocsp staple (and "for server x")', "reads OCSP files; parse does not read them"],
  ["getaddrinfo: <reason>", "resolves fastcgi hosts; parse does not resolve names"],
  ["invalid listen ip: <name>", "for names, whether they resolve depends on the host's interfaces and DNS"],
  ["warning: macro 'x' not used", "printed only with httpd -v; parse has no verbose option"],
];
for (const [message, reason] of unreachable) test.skip(`${message} (not testable: ${reason})`, () => {});

test.run();
