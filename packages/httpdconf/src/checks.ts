// httpd's checks, written once. The value checks are pure functions of the
// values a grammar action of parse.y sees; the parser calls them where the
// action runs, and modelFindings() calls them on every field of a model.
// modelFindings() also runs the checks httpd makes at a block's closing `}`
// (duplicate servers and locations, tls on a shared address) and after the
// whole file (no servers). Source: usr.sbin/httpd/parse.y 1.130, server.c
// (server_match, server_tls_cmp), httpd.c (sockaddr_cmp) and libtls's
// tls_config_parse_protocols; see research/httpdconf.md §3.1, §5, §6, §12.

import { byteLength, parseIPv4, parseIPv6 } from "@obsdconf/core";
import {
  HEADER_NAME_MAX,
  HEADER_VALUE_MAX,
  HOST_NAME_MAX,
  HTTP_ERRORS,
  HTTPD_ERRDOCROOT_MAX,
  HTTPD_FCGI_NAME_MAX,
  HTTPD_FCGI_VAL_MAX,
  HTTPD_LOCATION_MAX,
  HTTPD_REALM_MAX,
  HTTPD_TLS_CONFIG_MAX,
  INT_MAX,
  MEDIATYPE_NAMEMAX,
  MEDIATYPE_TYPEMAX,
  PATH_MAX,
  PROC_MAX_INSTANCES,
  SERVER_DEF_TLS_LIFETIME,
  SERVER_MAX_CLIENTS,
  SERVER_MAX_TLS_LIFETIME,
  SERVER_MIN_TLS_LIFETIME,
  SUN_PATH_MAX,
  USHRT_MAX,
} from "./limits.js";
import type { CommonOptions, HttpdConf, Listen, Location, Server, TlsOptions } from "./model.js";
import { httpdFeatures } from "./releases.js";

/** A message of httpd about one value, before it has a place. */
export interface Problem {
  /** `error` when httpd refuses the file, `warning` when it goes on. */
  severity: "error" | "warning";
  /** Stable code, SCREAMING_SNAKE. */
  code: string;
  /** httpd's own text (our own plain sentence for our own warnings). */
  message: string;
}

/**
 * A problem placed in a model. `path` names the field (`servers[0].locations[2].root`);
 * a block's own path (`servers[1]`, `servers[0].locations[3]`) means httpd
 * reports it at the block's closing `}`; `servers` means after the whole file
 * (httpd prints it without a line).
 */
export interface Finding extends Problem {
  /** Model path of the value or block, e.g. `servers[0].listen[1].port`. */
  path: string;
  /**
   * httpd stops reading the file after this message (YYABORT): it reports
   * nothing after it except `no actions, nothing to do`.
   */
  abort?: true;
}

const NONE: readonly Problem[] = [];

function error(code: string, message: string): Problem {
  return { severity: "error", code, message };
}

/** True when `value` does not fit a C buffer of `size` bytes (NUL included), as strlcpy(3) truncation shows. */
export function overflows(value: string, size: number): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no count.
  return value.length * 3 >= size && byteLength(value) >= size;
}

function fits(value: string, size: number, code: string, message: string): readonly Problem[] {
  return overflows(value, size) ? [error(code, message)] : NONE;
}

// ----- lexer and top level -------------------------------------------------

/** `name = value`: httpd checks the name for blanks, skipping its first character (parse.y `varset`). */
export function macroNameProblems(name: string): readonly Problem[] {
  return /\s/.test(name.slice(1)) ? [error("MACRO_NAME_WHITESPACE", "macro name cannot contain whitespace")] : NONE;
}

/** The warning `httpd -nv` prints for a macro defined and never used (no file or line). */
export function unusedMacroProblem(name: string): Problem {
  return { severity: "warning", code: "UNUSED_MACRO", message: `warning: macro '${name}' not used` };
}

/** `prefork N`: 1 to PROC_MAX_INSTANCES. httpd checks it only before the first `server` block. */
export function preforkProblems(n: number): readonly Problem[] {
  return n <= 0 || n > PROC_MAX_INSTANCES ? [error("INVALID_PREFORK", `invalid number of preforked servers: ${n}`)] : NONE;
}

/** `errdocs DIR`, global or in a server. */
export function errdocsProblems(dir: string): readonly Problem[] {
  return fits(dir, HTTPD_ERRDOCROOT_MAX, "ERRDOCS_TOO_LONG", "errdoc root path too long");
}

/** `default type TYPE/SUBTYPE` and the media lines of `types`: each part below MEDIATYPE_TYPEMAX bytes. */
export function mediaTypeProblems(type: string, subtype: string): readonly Problem[] {
  return overflows(type, MEDIATYPE_TYPEMAX) || overflows(subtype, MEDIATYPE_TYPEMAX)
    ? [error("MEDIA_TYPE_TOO_LONG", "media type too long")]
    : NONE;
}

/** A file name extension of a media line. */
export function mediaNameProblems(extension: string): readonly Problem[] {
  return fits(extension, MEDIATYPE_NAMEMAX, "MEDIA_NAME_TOO_LONG", "media name too long");
}

/** After the whole file: httpd has no server to run (printed without file and line). */
export function noActionsProblem(): Problem {
  return error("NO_ACTIONS", "no actions, nothing to do");
}

// ----- server and location headers -----------------------------------------

/** `server NAME`. */
export function serverNameProblems(name: string): readonly Problem[] {
  return fits(name, HOST_NAME_MAX + 1, "SERVER_NAME_TRUNCATED", "server name truncated");
}

/** `alias NAME`. */
export function aliasNameProblems(name: string): readonly Problem[] {
  return fits(name, HOST_NAME_MAX + 1, "SERVER_ALIAS_TRUNCATED", "server alias truncated");
}

/** `location PATTERN`. */
export function locationPatternProblems(pattern: string): readonly Problem[] {
  return fits(pattern, HTTPD_LOCATION_MAX, "SERVER_LOCATION_TRUNCATED", "server location truncated");
}

/** What a location may not contain; `inside location` messages of parse.y. */
export type ServerOnly = "listen" | "alias" | "errdocs" | "tcp" | "connection" | "tls" | "hsts" | "banner" | "no banner" | "location";

/**
 * A server-only statement inside a location. `detail` is the address of
 * `listen` or the pattern of the inner `location`, as httpd prints them.
 */
export function insideLocationProblem(what: ServerOnly, detail = ""): Problem {
  switch (what) {
    case "listen":
      return error("LISTEN_INSIDE_LOCATION", `listen ${detail} inside location`);
    case "alias":
      return error("ALIAS_INSIDE_LOCATION", "alias inside location");
    case "errdocs":
      return error("ERRDOCS_INSIDE_LOCATION", "errdocs inside location");
    case "tcp":
      return error("TCP_INSIDE_LOCATION", "tcp flags inside location");
    case "connection":
      return error("CONNECTION_INSIDE_LOCATION", "connection options inside location");
    case "tls":
      return error("TLS_INSIDE_LOCATION", "tls configuration inside location");
    case "hsts":
      return error("HSTS_INSIDE_LOCATION", "hsts inside location");
    case "banner":
      return error("BANNER_INSIDE_LOCATION", "banner inside location");
    case "no banner":
      return error("NO_BANNER_INSIDE_LOCATION", "no banner inside location");
    case "location":
      return error("LOCATION_INSIDE_LOCATION", `location ${detail} inside location`);
  }
}

/**
 * `listen address not specified`: at the `}` of a server without `listen on`,
 * and at a `location` written before the server's first `listen on`.
 */
export function listenNotSpecifiedProblem(): Problem {
  return error("LISTEN_ADDRESS_NOT_SPECIFIED", "listen address not specified");
}

/** A `tls` statement in a server with no `listen on ... tls` before it. */
export function tlsWithoutListenerProblem(): Problem {
  return error("TLS_WITHOUT_LISTENER", "tls options without tls listener");
}

// ----- listen on -----------------------------------------------------------

// Services of OpenBSD's /etc/services that web servers use; other names are
// not checked (httpd looks them up with getservbyname(3) on the host).
const SERVICES: ReadonlyMap<string, number> = new Map([
  ["http", 80],
  ["www", 80],
  ["https", 443],
]);

/** The port a service name or numeric string stands for, as httpd's getservice(); undefined when not known here. */
export function servicePort(name: string): number | undefined {
  // strtonum(3) over 0..65535 first; it takes leading blanks and a sign.
  if (/^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(name)) {
    const n = Number(name.trim());
    if (n >= 0 && n <= USHRT_MAX) return n;
  }
  return SERVICES.get(name);
}

function certainlyNoService(name: string): boolean {
  // /etc/services names are non-empty words; a numeric string out of range names nothing either.
  if (/^[ \t\n\v\f\r]*[+-]?[0-9]+$/.test(name)) return servicePort(name) === undefined;
  return name === "" || /\s/.test(name);
}

/** `listen on ... port PORT`: a number 1..65535, or a string getservice() knows (a numeric string 0..65535 passes). */
export function listenPortProblems(port: number | string): readonly Problem[] {
  if (typeof port === "number") return port <= 0 || port > USHRT_MAX ? [error("INVALID_PORT", `invalid port: ${port}`)] : NONE;
  return certainlyNoService(port) ? [error("INVALID_PORT", `invalid port: ${port}`)] : NONE;
}

/** `fastcgi socket tcp HOST PORT`: the same, but a port string must give a port above 0. */
export function fastcgiPortProblems(port: number | string): readonly Problem[] {
  if (typeof port === "number") return listenPortProblems(port);
  const known = servicePort(port);
  return known === 0 || certainlyNoService(port) ? [error("INVALID_PORT", `invalid port: ${port}`)] : NONE;
}

/**
 * `listen on ADDRESS`. Only addresses no lookup can turn into an address are
 * reported: an empty one or one with blanks, a dotted quad with an octet
 * above 255, or a string with `:` that is no IPv6 address (host, interface
 * and group names cannot hold `:`).
 */
export function listenAddressProblems(address: string): readonly Problem[] {
  if (address === "*") return NONE;
  const bad = error("INVALID_LISTEN_IP", `invalid listen ip: ${address}`);
  if (address === "" || /\s/.test(address)) return [bad];
  if (/^[0-9]+(\.[0-9]+){3}$/.test(address)) {
    return address.split(".").some((octet) => Number(octet) > 255) ? [bad] : NONE;
  }
  if (address.includes(":") && ipv6Groups(address) === undefined) return [bad];
  return NONE;
}

function ipv6Groups(address: string): number[] | undefined {
  const percent = address.indexOf("%");
  return parseIPv6(percent < 0 ? address : address.slice(0, percent));
}

// ----- options -------------------------------------------------------------

/** `root DIR`. */
export function rootProblems(dir: string): readonly Problem[] {
  return fits(dir, PATH_MAX, "DOCUMENT_ROOT_TOO_LONG", "document root too long");
}

/** `request rewrite PATH`. */
export function rewriteProblems(path: string): readonly Problem[] {
  return fits(path, PATH_MAX, "REQUEST_PATH_TOO_LONG", "request path too long");
}

/** `request strip N`. */
export function stripProblems(n: number): readonly Problem[] {
  return n < 0 || n > INT_MAX ? [error("INVALID_STRIP", "invalid strip number")] : NONE;
}

/** `directory index FILE`. */
export function indexProblems(file: string): readonly Problem[] {
  return fits(file, PATH_MAX, "INDEX_FILE_TOO_LONG", "index file too long");
}

/** `log access NAME`. */
export function accessLogProblems(name: string): readonly Problem[] {
  return fits(name, PATH_MAX, "ACCESS_LOG_TOO_LONG", "access log name too long");
}

/** `log error NAME`. */
export function errorLogProblems(name: string): readonly Problem[] {
  return fits(name, PATH_MAX, "ERROR_LOG_TOO_LONG", "error log name too long");
}

/** `fastcgi socket PATH`. */
export function fastcgiSocketProblems(path: string): readonly Problem[] {
  return fits(path, SUN_PATH_MAX, "SOCKET_PATH_TOO_LONG", "socket path too long");
}

/** `fastcgi param NAME VALUE`. */
export function fastcgiParamProblems(name: string, value: string): readonly Problem[] {
  if (overflows(name, HTTPD_FCGI_NAME_MAX)) return [error("FASTCGI_PARAM_NAME_TRUNCATED", "fastcgi_param name truncated")];
  return fits(value, HTTPD_FCGI_VAL_MAX, "FASTCGI_PARAM_VALUE_TRUNCATED", "fastcgi_param value truncated");
}

/** `fastcgi strip N`. */
export function fastcgiStripProblems(n: number): readonly Problem[] {
  return n < 0 || n > INT_MAX ? [error("INVALID_FASTCGI_STRIP", "invalid fastcgi strip number")] : NONE;
}

/** `authenticate REALM with FILE`: realm first, then the file, as httpd checks them. */
export function authenticateProblems(realm: string | undefined, htpasswd: string): readonly Problem[] {
  if (realm !== undefined && overflows(realm, HTTPD_REALM_MAX)) {
    return [error("AUTH_REALM_TOO_LONG", "basic auth realm name too long")];
  }
  return fits(htpasswd, PATH_MAX, "PASSWORD_FILE_TOO_LONG", "password file name too long");
}

/** `block return CODE [URI]`: a status httpd knows; a URI only with a 3xx code. */
export function returnProblems(code: number, uri: string | undefined): readonly Problem[] {
  if (code <= 0 || !HTTP_ERRORS.has(code)) return [error("INVALID_RETURN_CODE", `invalid return code: ${code}`)];
  if (uri !== undefined && (code < 300 || code > 399)) {
    return [error("INVALID_RETURN_CODE_FOR_URI", "invalid return code for location URI")];
  }
  return NONE;
}

/** `header add NAME VALUE` / `header hide NAME`. */
export function headerProblems(name: string, value?: string): readonly Problem[] {
  if (overflows(name, HEADER_NAME_MAX)) return [error("HEADER_NAME_TRUNCATED", "header name truncated")];
  return value === undefined ? NONE : fits(value, HEADER_VALUE_MAX, "HEADER_VALUE_TRUNCATED", "header value truncated");
}

/** `hsts max-age N`. */
export function hstsMaxAgeProblems(n: number): readonly Problem[] {
  return n < 0 || n > INT_MAX ? [error("INVALID_HSTS_MAX_AGE", `invalid number of seconds: ${n}`)] : NONE;
}

/** `connection timeout N` and `connection request timeout N`. */
export function timeoutProblems(n: number): readonly Problem[] {
  return n < 0 ? [error("INVALID_TIMEOUT", `invalid timeout: ${n}`)] : NONE;
}

/** `tcp backlog N`. */
export function backlogProblems(n: number): readonly Problem[] {
  return n < 0 || n > SERVER_MAX_CLIENTS ? [error("INVALID_BACKLOG", `invalid backlog: ${n}`)] : NONE;
}

/** `tcp socket buffer N`: httpd stores N in an int and refuses a negative result. */
export function socketBufferProblems(n: number): readonly Problem[] {
  return toInt32(n) < 0 ? [error("INVALID_SOCKET_BUFFER", `invalid socket buffer size: ${n}`)] : NONE;
}

/** `tcp ip ttl N` and `tcp ip minttl N`. */
export function ttlProblems(n: number): readonly Problem[] {
  return n < 0 ? [error("INVALID_TTL", `invalid ttl: ${n}`)] : NONE;
}

/** `tcp ip WORD N`: WORD is `ttl` or `minttl`, any case. */
export function tcpIpFlagProblems(word: string): readonly Problem[] {
  const lower = word.toLowerCase();
  return lower === "ttl" || lower === "minttl" ? NONE : [error("INVALID_TCP_IP_FLAG", `invalid TCP/IP flag: ${word}`)];
}

function toInt32(n: number): number {
  return Number.isSafeInteger(n) ? Number(BigInt.asIntN(32, BigInt(n))) : n | 0;
}

/** `tls ciphers`, `tls dhe`, `tls ecdhe`: strings below HTTPD_TLS_CONFIG_MAX bytes. */
export function tlsStringProblems(kind: "ciphers" | "dhe" | "ecdhe", value: string): readonly Problem[] {
  return fits(value, HTTPD_TLS_CONFIG_MAX, `${kind.toUpperCase()}_TOO_LONG`, `${kind} too long`);
}

/** libtls protocol bits (tls.h): TLS_PROTOCOL_TLSv1_0 .. TLS_PROTOCOL_TLSv1_3. */
export const TLS_PROTOCOL_TLSv1_0 = 1 << 1;
/** TLS_PROTOCOL_TLSv1_1. */
export const TLS_PROTOCOL_TLSv1_1 = 1 << 2;
/** TLS_PROTOCOL_TLSv1_2. */
export const TLS_PROTOCOL_TLSv1_2 = 1 << 3;
/** TLS_PROTOCOL_TLSv1_3. */
export const TLS_PROTOCOL_TLSv1_3 = 1 << 4;
/** TLS_PROTOCOLS_ALL (= TLS_PROTOCOL_TLSv1, every version). */
export const TLS_PROTOCOLS_ALL = TLS_PROTOCOL_TLSv1_0 | TLS_PROTOCOL_TLSv1_1 | TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3;
/** TLS_PROTOCOLS_DEFAULT: TLSv1.2 and TLSv1.3. */
export const TLS_PROTOCOLS_DEFAULT = TLS_PROTOCOL_TLSv1_2 | TLS_PROTOCOL_TLSv1_3;

/**
 * tls_config_parse_protocols(3): a `,` or `:` separated list of `all`,
 * `legacy`, `default`, `secure`, `tlsv1`, `tlsv1.0` ... `tlsv1.3` (any case,
 * leading blanks skipped, `!` negates). Returns the protocol bits, or
 * undefined when a word is unknown.
 */
export function parseTlsProtocols(text: string): number | undefined {
  let protocols = 0;
  for (const part of text.split(/[,:]/)) {
    let word = part.replace(/^[ \t]+/, "");
    const negate = word.startsWith("!");
    if (negate) {
      word = word.slice(1);
      if (protocols === 0) protocols = TLS_PROTOCOLS_ALL;
    }
    const bits = PROTOCOL_WORDS.get(word.toLowerCase());
    if (bits === undefined) return undefined;
    protocols = negate ? protocols & ~bits : protocols | bits;
  }
  return protocols;
}

const PROTOCOL_WORDS: ReadonlyMap<string, number> = new Map([
  ["all", TLS_PROTOCOLS_ALL],
  ["legacy", TLS_PROTOCOLS_ALL],
  ["default", TLS_PROTOCOLS_DEFAULT],
  ["secure", TLS_PROTOCOLS_DEFAULT],
  ["tlsv1", TLS_PROTOCOLS_ALL],
  ["tlsv1.0", TLS_PROTOCOL_TLSv1_0],
  ["tlsv1.1", TLS_PROTOCOL_TLSv1_1],
  ["tlsv1.2", TLS_PROTOCOL_TLSv1_2],
  ["tlsv1.3", TLS_PROTOCOL_TLSv1_3],
]);

/** `tls protocols STRING`. */
export function tlsProtocolsProblems(text: string): readonly Problem[] {
  return parseTlsProtocols(text) === undefined ? [error("INVALID_TLS_PROTOCOLS", "invalid tls protocols")] : NONE;
}

/** `tls ticket lifetime N`: 0, or 60 to 86400. */
export function ticketLifetimeProblems(n: number): readonly Problem[] {
  if (n !== 0 && n < SERVER_MIN_TLS_LIFETIME) return [error("TICKET_LIFETIME_TOO_SMALL", "ticket lifetime too small")];
  if (n > SERVER_MAX_TLS_LIFETIME) return [error("TICKET_LIFETIME_TOO_LARGE", "ticket lifetime too large")];
  return NONE;
}

// ----- checks at a server's closing brace ----------------------------------

/** `server "NAME" defined twice`: httpd stops reading the file after it. */
export function serverDefinedTwiceProblem(name: string): Problem {
  return error("SERVER_DEFINED_TWICE", `server "${name}" defined twice`);
}

/** A tls and a plain server on the same address and port. */
export function tlsAndNonTlsProblem(name: string): Problem {
  return error("TLS_AND_NON_TLS", `server "${name}": tls and non-tls on same address/port`);
}

/** Two tls servers on the same address and port with different tls settings. */
export function tlsMismatchProblem(name: string): Problem {
  return error("TLS_CONFIGURATION_MISMATCH", `server "${name}": tls configuration mismatch on same address/port`);
}

/** A tls server whose `tls protocols` leave no protocol. */
export function noTlsProtocolsProblem(name: string): Problem {
  return error("NO_TLS_PROTOCOLS", `server "${name}": no tls protocols`);
}

/** `location "PATTERN" defined twice` (same pattern and found flag in one server): httpd stops reading the file after it. */
export function locationDefinedTwiceProblem(pattern: string): Problem {
  return error("LOCATION_DEFINED_TWICE", `location "${pattern}" defined twice`);
}

/** Our own warning: a later media line gives an extension another type (httpd keeps the later one). */
export function mediaOverwrittenProblem(extension: string, type: string): Problem {
  return {
    severity: "warning",
    code: "MEDIA_TYPE_OVERWRITTEN",
    message: `extension "${extension}" is given the type ${type}, replacing an earlier type`,
  };
}

/** One address a `listen on` expands to, as far as the text tells. */
export interface Endpoint {
  /** 4 or 6 for an address literal; `name` for a host, interface or group name (not resolved here). */
  family: 4 | 6 | "name";
  /** The address in a canonical form, or the name as written. */
  key: string;
  /** `0.0.0.0` or `::`: httpd compares with prefix length 0, so it matches every address of its family. */
  any: boolean;
  /** Port number, or `service:NAME` for a service name not known here. */
  port: number | string;
  /** `listen on ... tls`. */
  tls: boolean;
}

/** The addresses of one `listen on`, in the order httpd adds them (`*` gives `::` first, then `0.0.0.0`). */
export function listenEndpoints(listen: Listen): Endpoint[] {
  const known = typeof listen.port === "number" ? listen.port : servicePort(listen.port);
  const port = known ?? `service:${String(listen.port)}`;
  const tls = listen.tls === true;
  if (listen.address === "*") {
    return [
      { family: 6, key: "0:0:0:0:0:0:0:0", any: true, port, tls },
      { family: 4, key: "0.0.0.0", any: true, port, tls },
    ];
  }
  const v4 = parseIPv4(listen.address);
  if (v4) return [{ family: 4, key: v4.join("."), any: v4.every((o) => o === 0), port, tls }];
  const v6 = ipv6Groups(listen.address);
  if (v6) return [{ family: 6, key: v6.map((g) => g.toString(16)).join(":"), any: v6.every((g) => g === 0), port, tls }];
  return [{ family: "name", key: listen.address, any: false, port, tls }];
}

/**
 * httpd's server_match() address test: `earlier` is the server already
 * registered (its prefix length decides). Names match only the same name.
 */
export function sameEndpoint(earlier: Endpoint, later: Endpoint): boolean {
  if (earlier.port !== later.port) return false;
  if (earlier.family === "name" || later.family === "name") return earlier.family === later.family && earlier.key === later.key;
  return earlier.family === later.family && (earlier.any || earlier.key === later.key);
}

/** The tls settings server_tls_cmp() compares, with httpd's defaults. */
export function tlsSettings(tls: TlsOptions | undefined): string {
  const t = tls ?? {};
  let flags = 0;
  if (t.clientCa) flags = 1 | (t.clientCa.crl !== undefined ? 2 : 0) | (t.clientCa.optional ? 4 : 0);
  const protocols = t.protocols === undefined ? TLS_PROTOCOLS_DEFAULT : parseTlsProtocols(t.protocols);
  const lifetime = t.ticketLifetime === undefined ? 0 : t.ticketLifetime === "default" ? SERVER_DEF_TLS_LIFETIME : t.ticketLifetime;
  return JSON.stringify([flags, protocols, lifetime, t.ciphers ?? "compat", t.dhe ?? "none", t.ecdhe ?? "default"]);
}

// ----- the whole model -----------------------------------------------------

interface Registered {
  name: string;
  endpoint: Endpoint;
  /** The server it was made from (its copies share it). */
  owner: Owner;
}

// A server's tls settings, compared as server_tls_cmp() does; the text is made on first use.
interface Owner {
  tls: TlsOptions | undefined;
  settings?: string;
}

function sameTls(a: Owner, b: Owner): boolean {
  if (a.tls === b.tls) return true;
  a.settings ??= tlsSettings(a.tls);
  b.settings ??= tlsSettings(b.tls);
  return a.settings === b.settings;
}

// httpd's list of servers, in order, indexed by port and by name: server_match()
// walks the whole list, but only entries of the same port can match.
class ServerList {
  count = 0;
  private readonly byPort = new Map<number | string, Registered[]>();
  private readonly byName = new Map<string, Registered[]>();

  add(r: Registered): void {
    this.count++;
    push(this.byPort, r.endpoint.port, r);
    push(this.byName, r.name, r);
  }

  /** server_match(s, 0): the first server on the same address and port. */
  first(endpoint: Endpoint): Registered | undefined {
    return this.byPort.get(endpoint.port)?.find((r) => sameEndpoint(r.endpoint, endpoint));
  }

  /** server_match(s, 1): a server of the same name on the same address and port. */
  has(name: string, endpoint: Endpoint): boolean {
    return this.byName.get(name)?.some((r) => sameEndpoint(r.endpoint, endpoint)) ?? false;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A source span: 0-based offsets, end exclusive. */
export interface SourceSpan {
  /** First offset. */
  start: number;
  /** Offset just past the end. */
  end: number;
}

/** Options of {@link modelFindings}. */
export interface ModelFindingsOptions {
  /**
   * Indexes of servers httpd abandons for an error the parser reported from
   * the text (a syntax error, `... inside location`, a location before any
   * `listen on`, tls options without a tls listener): their values are still
   * checked (the parser keeps those before the error), but they get no block
   * checks and do not count as servers.
   */
  dropped?: ReadonlySet<number>;
  /**
   * With {@link spans}: for a server the parser saw abandoned, the offset of
   * that error. Locations closed before it stay in httpd's list (so they
   * count, and are checked for duplicates); values after it are not read.
   */
  failedAt?: ReadonlyMap<number, number>;
  /**
   * Source spans of model paths (parse's `syntax.locations`; a path without
   * one takes its nearest written ancestor's). With them the checks follow the
   * text's order as httpd reads it: only the global options and `types`
   * blocks before the first server are in the first pass (`prefork` after it
   * is not read at all), and in a server httpd stops at its first error, so
   * nothing after that error is returned and only the locations closed before
   * it count.
   */
  spans?: ReadonlyMap<string, SourceSpan>;
  /**
   * Also make the checks the parser makes from the text, as far as a model
   * shows them (for validate): `tls options without tls listener` for a
   * server with tls options and no `listen on ... tls` (path `servers[i].tls`),
   * and `listen address not specified` at the first location of a server
   * without `listen on` (generate writes locations after the listen lines).
   */
  textChecks?: boolean;
}

/**
 * Every check httpd makes that a model can show, for `release` (default the
 * newest; throws UnknownReleaseError for an unknown one), in the order httpd
 * reports them:
 *
 * - global options first: httpd reads them in a first pass that stops at the
 *   first server and exits after it when it found errors, so then only those
 *   are returned;
 * - per server: its values and its locations' values, each location's
 *   duplicate check, then the checks at the server's `}`. A server with an
 *   error in it is dropped by httpd and gets no block checks. A duplicate
 *   server or location ends the file (`abort`). Without source spans the
 *   order is generate's (options, then locations) and every bad value is
 *   returned, where httpd stops at the first of a block;
 * - the `types` blocks, then `no actions, nothing to do` when httpd added
 *   no server and no location (a location stays in httpd's list even when
 *   its server is dropped later).
 *
 * Statements only the text can show (`inside location`, order in a block,
 * macro names, includes) are the parser's (see {@link ModelFindingsOptions});
 * checks of files httpd loads (certificates, keys) and of names it resolves
 * are not made.
 */
export function modelFindings(model: HttpdConf, release?: string, options: ModelFindingsOptions = {}): Finding[] {
  httpdFeatures(release);
  let out: Finding[] = [];
  // The path is made only for a problem: most values have none.
  const add: Add = (problems, at, field = "") => {
    let errors = 0;
    for (const p of problems) {
      out.push({ severity: p.severity, code: p.code, message: p.message, path: at + field });
      if (p.severity === "error") errors++;
    }
    return errors;
  };
  const spans = options.spans;
  const startOf = (path: string): number => spanOf(spans!, path)?.start ?? 0;
  const firstServer = spans && model.servers.length > 0 ? startOf("servers[0]") : Infinity;
  const early = (path: string): boolean => !spans || startOf(path) < firstServer;

  // First pass: the global options and the types blocks before the first server (macros are the parser's).
  if (model.prefork !== undefined && early("prefork")) add(preforkProblems(model.prefork), "prefork");
  const late: Finding[] = [];
  const global = (problems: readonly Problem[], path: string): void => {
    if (early(path)) add(problems, path);
    else for (const p of problems) late.push({ ...p, path });
  };
  if (model.errdocs !== undefined) global(errdocsProblems(model.errdocs), "errdocs");
  if (model.defaultType !== undefined) global(defaultTypeProblems(model.defaultType), "defaultType");
  const types = typesFindings(model);
  if (spans) {
    for (const f of types) if (early(typePath(f.path))) out.push(f);
  }
  if (out.some((f) => f.severity === "error")) return spans ? out.sort((a, b) => startOf(a.path) - startOf(b.path)) : out;
  out.push(...late);

  const registered = new ServerList();
  // httpd adds a location to its server list at the location's `}`, before
  // its server is checked: `no actions` needs neither servers nor locations.
  let added = 0;
  let aborted = false;
  for (let i = 0; i < model.servers.length && !aborted; i++) {
    const server = model.servers[i]!;
    const at = `servers[${i}]`;
    const before = out.length;
    let serverErrors = serverValueFindings(server, at, add);
    if (options.textChecks) serverErrors += textFindings(server, at, add);
    const locationErrors = server.locations.map((location, j) => {
      const la = `${at}.locations[${j}]`;
      return add(locationPatternProblems(location.pattern), la, ".pattern") + commonFindings(location, la, add);
    });
    const dropped = options.dropped?.has(i) === true;
    const broken = dropped || serverErrors > 0 || locationErrors.some((n) => n > 0);
    // With the text: where httpd stops reading this server (its first error).
    const failedAt = options.failedAt?.get(i);
    const ordered = spans !== undefined && (!dropped || failedAt !== undefined);
    let stop = failedAt ?? Infinity;
    if (ordered) {
      for (let k = before; k < out.length; k++) if (out[k]!.severity === "error") stop = Math.min(stop, startOf(out[k]!.path));
      if (stop !== Infinity) out = out.filter((f, k) => k < before || startOf(f.path) <= stop);
    }
    for (let j = 0; j < server.locations.length && !aborted; j++) {
      // A location counts once httpd has read its `}`; without the text, in
      // generate's order, after the server's own options.
      const closed = ordered
        ? (spanOf(spans, `${at}.locations[${j}]`)?.end ?? Infinity) <= stop
        : !dropped && serverErrors === 0 && locationErrors[j] === 0;
      if (!closed) break;
      if (sameLocationBefore(server.locations, j)) {
        out.push({ ...locationDefinedTwiceProblem(server.locations[j]!.pattern), path: `${at}.locations[${j}]`, abort: true });
        aborted = true;
      } else {
        added++;
      }
    }
    if (aborted || broken) continue;
    aborted = serverEndFindings(server, at, registered, out);
  }
  if (!aborted) {
    for (const f of types) if (!spans || !early(typePath(f.path))) out.push(f);
  }
  // Included files may hold servers: then the count is not known.
  if (registered.count + added === 0 && model.includes.length === 0) add([noActionsProblem()], "servers");
  return out;
}

// The span of `path`, or of its nearest ancestor that has one.
function spanOf(spans: ReadonlyMap<string, SourceSpan>, path: string): SourceSpan | undefined {
  for (let p = path; ; ) {
    const span = spans.get(p);
    if (span) return span;
    const shorter = p.replace(/(\.[^.[\]]+|\[\d+\])$/, "");
    if (shorter === p || shorter === "") return undefined;
    p = shorter;
  }
}

// `types[3]` of `types[3].media[0].type`.
function typePath(path: string): string {
  return path.slice(0, path.indexOf("]") + 1);
}

// The media lines of every types block; httpd merges them into one table.
function typesFindings(model: HttpdConf): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = (problems: readonly Problem[], path: string): void => {
    for (const p of problems) out.push({ severity: p.severity, code: p.code, message: p.message, path });
  };
  model.types.forEach((block, t) => {
    block.media.forEach((media, m) => {
      const at = `types[${t}].media[${m}]`;
      add(defaultTypeProblems(media.type), `${at}.type`);
      media.extensions.forEach((ext, e) => {
        const problems = mediaNameProblems(ext);
        if (problems.length > 0) add(problems, `${at}.extensions[${e}]`);
        else if (seen.has(ext)) add([mediaOverwrittenProblem(ext, media.type)], `${at}.extensions[${e}]`);
        seen.add(ext);
      });
    });
  });
  return out;
}

// httpd compares a location with the earlier ones of its server: pattern and
// found flag (not the match flag).
function sameLocationBefore(locations: readonly Location[], j: number): boolean {
  const { pattern, found } = locations[j]!;
  for (let k = 0; k < j; k++) if (locations[k]!.pattern === pattern && locations[k]!.found === found) return true;
  return false;
}

// The parser's checks of a block's order, as generate's order shows them.
function textFindings(server: Server, at: string, add: Add): number {
  let errors = 0;
  if (server.tls !== undefined && !server.listen.some((l) => l.tls)) errors += add([tlsWithoutListenerProblem()], at, ".tls");
  if (server.listen.length === 0 && server.locations.length > 0 && server.includes.length === 0) {
    errors += add([listenNotSpecifiedProblem()], at, ".locations[0]");
  }
  return errors;
}

function defaultTypeProblems(type: string): readonly Problem[] {
  const slash = type.indexOf("/");
  return slash < 0 ? NONE : mediaTypeProblems(type.slice(0, slash), type.slice(slash + 1));
}

type Add = (problems: readonly Problem[], at: string, field?: string) => number;

function serverValueFindings(server: Server, at: string, add: Add): number {
  let errors = add(serverNameProblems(server.name), at, ".name");
  server.aliases.forEach((a, j) => {
    const problems = aliasNameProblems(a.name);
    if (problems.length > 0) errors += add(problems, at, `.aliases[${j}].name`);
  });
  server.listen.forEach((l, j) => {
    const port = listenPortProblems(l.port);
    if (port.length > 0) errors += add(port, at, `.listen[${j}].port`);
    const address = listenAddressProblems(l.address);
    if (address.length > 0) errors += add(address, at, `.listen[${j}].address`);
  });
  if (typeof server.errdocs === "string") errors += add(errdocsProblems(server.errdocs), at, ".errdocs");
  const tcp = server.tcp;
  if (tcp) {
    if (tcp.backlog !== undefined) errors += add(backlogProblems(tcp.backlog), at, ".tcp.backlog");
    if (tcp.ipTtl !== undefined) errors += add(ttlProblems(tcp.ipTtl), at, ".tcp.ipTtl");
    if (tcp.ipMinTtl !== undefined) errors += add(ttlProblems(tcp.ipMinTtl), at, ".tcp.ipMinTtl");
    if (tcp.socketBuffer !== undefined) errors += add(socketBufferProblems(tcp.socketBuffer), at, ".tcp.socketBuffer");
  }
  const c = server.connection;
  if (c) {
    if (c.timeout !== undefined) errors += add(timeoutProblems(c.timeout), at, ".connection.timeout");
    if (c.requestTimeout !== undefined) errors += add(timeoutProblems(c.requestTimeout), at, ".connection.requestTimeout");
  }
  const tls = server.tls;
  if (tls) {
    if (tls.ciphers !== undefined) errors += add(tlsStringProblems("ciphers", tls.ciphers), at, ".tls.ciphers");
    if (tls.dhe !== undefined) errors += add(tlsStringProblems("dhe", tls.dhe), at, ".tls.dhe");
    if (tls.ecdhe !== undefined) errors += add(tlsStringProblems("ecdhe", tls.ecdhe), at, ".tls.ecdhe");
    if (tls.protocols !== undefined) errors += add(tlsProtocolsProblems(tls.protocols), at, ".tls.protocols");
    if (typeof tls.ticketLifetime === "number") errors += add(ticketLifetimeProblems(tls.ticketLifetime), at, ".tls.ticketLifetime");
  }
  if (server.hsts?.maxAge !== undefined) errors += add(hstsMaxAgeProblems(server.hsts.maxAge), at, ".hsts.maxAge");
  return errors + commonFindings(server, at, add);
}

function commonFindings(block: CommonOptions, at: string, add: Add): number {
  let errors = 0;
  if (block.root !== undefined) errors += add(rootProblems(block.root), at, ".root");
  const request = block.request;
  if (request) {
    if (typeof request.rewrite === "string") errors += add(rewriteProblems(request.rewrite), at, ".request.rewrite");
    if (request.strip !== undefined) errors += add(stripProblems(request.strip), at, ".request.strip");
  }
  if (typeof block.directory?.index === "string") errors += add(indexProblems(block.directory.index), at, ".directory.index");
  const log = block.log;
  if (log) {
    if (log.access !== undefined) errors += add(accessLogProblems(log.access), at, ".log.access");
    if (log.error !== undefined) errors += add(errorLogProblems(log.error), at, ".log.error");
  }
  const fastcgi = block.fastcgi;
  if (fastcgi) {
    const socket = fastcgi.socket;
    if (socket?.kind === "unix") errors += add(fastcgiSocketProblems(socket.path), at, ".fastcgi.socket.path");
    if (socket?.kind === "tcp" && socket.port !== undefined) errors += add(fastcgiPortProblems(socket.port), at, ".fastcgi.socket.port");
    fastcgi.params.forEach((p, j) => {
      const problems = fastcgiParamProblems(p.name, p.value);
      if (problems.length === 0) return;
      const field = problems[0]!.code === "FASTCGI_PARAM_NAME_TRUNCATED" ? "name" : "value";
      errors += add(problems, at, `.fastcgi.params[${j}].${field}`);
    });
    if (fastcgi.strip !== undefined) errors += add(fastcgiStripProblems(fastcgi.strip), at, ".fastcgi.strip");
  }
  const auth = block.authenticate;
  if (auth) {
    const problems = authenticateProblems(auth.realm, auth.htpasswd);
    errors += add(problems, at, problems[0]?.code === "AUTH_REALM_TOO_LONG" ? ".authenticate.realm" : ".authenticate.htpasswd");
  }
  const access = block.access;
  if (access?.action === "return") {
    const problems = returnProblems(access.code, access.uri);
    errors += add(problems, at, problems[0]?.code === "INVALID_RETURN_CODE_FOR_URI" ? ".access.uri" : ".access.code");
  }
  if (block.defaultType !== undefined) errors += add(defaultTypeProblems(block.defaultType), at, ".defaultType");
  block.headers.forEach((h, j) => {
    const problems = headerProblems(h.name, h.action === "add" ? h.value : undefined);
    if (problems.length === 0) return;
    errors += add(problems, at, `.headers[${j}].${problems[0]!.code === "HEADER_VALUE_TRUNCATED" ? "value" : "name"}`);
  });
  return errors;
}

// The checks at a server's `}` (parse.y `server` rule, then server_inherit()
// for every alias and extra address). Returns true when httpd stops there.
function serverEndFindings(server: Server, at: string, registered: ServerList, out: Finding[]): boolean {
  const endpoints: Endpoint[] = [];
  for (const l of server.listen) for (const e of listenEndpoints(l)) endpoints.push(e);
  const main = endpoints[0];
  const name = server.name;
  if (main && registered.has(name, main)) {
    out.push({ ...serverDefinedTwiceProblem(name), path: at, abort: true });
    return true;
  }
  if (!main) {
    // An included file may hold the `listen on`.
    if (server.includes.length === 0) out.push({ ...listenNotSpecifiedProblem(), path: at });
    return false;
  }
  const owner: Owner = { tls: server.tls };
  const shared = registered.first(main);
  if (shared) {
    if (shared.endpoint.tls !== main.tls) {
      out.push({ ...tlsAndNonTlsProblem(name), path: at });
      return false;
    }
    if (main.tls && !sameTls(shared.owner, owner)) {
      out.push({ ...tlsMismatchProblem(name), path: at });
      return false;
    }
  }
  if (main.tls && server.tls?.protocols !== undefined && parseTlsProtocols(server.tls.protocols) === 0) {
    out.push({ ...noTlsProtocolsProblem(name), path: at });
    return false;
  }
  registered.add({ name, endpoint: main, owner });
  const names = [name];
  for (const a of server.aliases) names.push(a.name);
  for (let a = 0; a < endpoints.length; a++) {
    for (let b = 0; b < names.length; b++) {
      if (a === 0 && b === 0) continue;
      const copy: Registered = { name: names[b]!, endpoint: endpoints[a]!, owner };
      if (registered.has(copy.name, copy.endpoint)) {
        out.push({ ...serverDefinedTwiceProblem(copy.name), path: at, abort: true });
        return true;
      }
      registered.add(copy);
    }
  }
  return false;
}
