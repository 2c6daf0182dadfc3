import { checkedArray, checkedBoolean, checkedIndent, checkedMember, checkedRecord, quote, UnwritableValueError } from "@obsdconf/core";
import type {
  Access,
  Alias,
  Authenticate,
  CommonOptions,
  ConnectionOptions,
  DirectoryOptions,
  FastcgiOptions,
  Header,
  HstsOptions,
  HttpdConf,
  Listen,
  Location,
  LogOptions,
  LogStyle,
  MediaType,
  RequestOptions,
  Server,
  TcpOptions,
  TlsOptions,
  TypesBlock,
} from "./model.js";
import { httpdFeatures, NEWEST_RELEASE, RELEASES, type HttpdFeatures } from "./releases.js";

// Every function here checks, at run time, the part of the model it writes:
// a model read from JSON has no TypeScript types, and a value written
// verbatim could end a line, close a block and open another. A refused field
// throws UnwritableValueError naming its path (`servers[2].locations[0].root`).
// What httpd rejects for other reasons (a port out of range, a location
// before any `listen on`, tls options without a tls listener, a path too
// long) is written as asked: validate reports it with httpd's words.

/** Options of {@link generate}. */
export interface GenerateOptions {
  /**
   * OpenBSD release whose httpd reads the text (default the newest known).
   * A feature that release lacks (`gzip-static` before 7.1, `header` before
   * 7.9, ...) is refused with an {@link UnwritableValueError} naming the field.
   */
  release?: string;
  /** Indentation of one nesting level: blanks and tabs only (default one tab). */
  indent?: string;
}

/** What the text functions need besides the model: the target release and the indentation. */
export interface TextContext {
  /** Features of the target release. */
  features: HttpdFeatures;
  /** Indentation of one nesting level. */
  indent: string;
}

/**
 * The {@link TextContext} of generate's options: the release's features
 * (throws core's `UnknownReleaseError` for a release this package does not
 * know) and the checked indentation.
 */
export function textContext(options: GenerateOptions = {}): TextContext {
  if (typeof options !== "object" || options === null) {
    throw new UnwritableValueError(options, "generate's options are an object", "options");
  }
  const indent = checkedIndent(options.indent === undefined ? "\t" : options.indent);
  return { features: httpdFeatures(options.release ?? NEWEST_RELEASE), indent };
}

/**
 * Canonical httpd.conf text for a model: macros, global options and
 * top-level includes first (httpd reads `prefork` and `chroot` only before
 * the first server), then the servers, then the `types` blocks, blocks
 * separated by blank lines. One statement per line; option groups with
 * several entries are written on one line with braces and commas
 * (`tls { certificate "/a", key "/b" }`); locations after the server's own
 * options. Names, paths and other free strings are always quoted; words
 * (addresses, media types, port names) are bare when they read back as the
 * same word, else quoted. Every field is checked at run time: a value of the
 * wrong type, an unknown field, an empty option group httpd has no syntax
 * for, a string no token can carry (a newline, a NUL, a lone UTF-16
 * surrogate, a trailing backslash in quotes) or a feature the target release
 * lacks throws {@link UnwritableValueError} naming the field's path.
 */
export function generate(model: HttpdConf, options: GenerateOptions = {}): string {
  const ctx = textContext(options);
  checkModel(model);
  const head: string[] = [];
  model.macros.forEach((m, i) => head.push(macroText(m.name, m.value, `macros[${i}]`)));
  head.push(...globalTexts(model, ctx).map((g) => g.text));
  model.includes.forEach((path, i) => head.push(includeText(path, `includes[${i}]`)));
  const blocks = [
    ...model.servers.map((s, i) => serverText(s, ctx, `servers[${i}]`)),
    ...model.types.map((t, i) => typesText(t, ctx, `types[${i}]`)),
  ];
  const parts: string[] = [];
  if (head.length) parts.push(head.map((l) => `${l}\n`).join(""));
  parts.push(...blocks);
  return parts.join("\n");
}

// ---------------------------------------------------------------------------
// Shape

const MODEL_FIELDS = ["macros", "includes", "chroot", "logdir", "prefork", "defaultType", "errdocs", "banner", "servers", "types"] as const;
const COMMON_FIELDS = [
  "root",
  "request",
  "directory",
  "log",
  "fastcgi",
  "authenticate",
  "access",
  "defaultType",
  "gzipStatic",
  "headers",
  "includes",
] as const;
/** Fields of a {@link Server}. */
export const SERVER_FIELDS = [
  "name",
  "match",
  "listen",
  "aliases",
  "errdocs",
  "banner",
  "tcp",
  "connection",
  "tls",
  "hsts",
  ...COMMON_FIELDS,
  "locations",
] as const;
/** Fields of a {@link Location}. */
export const LOCATION_FIELDS = ["pattern", "match", "found", ...COMMON_FIELDS] as const;

/**
 * Checks the shape of a model at run time, down to the objects in its lists:
 * an object with only the fields of {@link HttpdConf}; macros, servers,
 * locations and types blocks objects with only their own fields and their
 * lists arrays. Cheap (no text is made), so `update` can call it first; the
 * text functions check the values they write. Items that are the very
 * objects at the same index of `checked` (a model known to be well formed,
 * such as a parsed one) are skipped. Throws {@link UnwritableValueError}
 * naming the field.
 */
export function checkModel(model: unknown, checked?: HttpdConf): asserts model is HttpdConf {
  const m = record(model, "", MODEL_FIELDS, "an httpd.conf model");
  const same = (list: "macros" | "servers" | "types", item: unknown, i: number): boolean =>
    checked !== undefined && Array.isArray(checked[list]) && (checked[list] as unknown[])[i] === item;
  array(m.macros, "macros").forEach((item, i) => same("macros", item, i) || record(item, `macros[${i}]`, ["name", "value"], "a macro"));
  array(m.includes, "includes");
  array(m.servers, "servers").forEach((item, i) => {
    if (same("servers", item, i)) return;
    const field = `servers[${i}]`;
    const s = record(item, field, SERVER_FIELDS, "a server");
    array(s.listen, `${field}.listen`);
    array(s.aliases, `${field}.aliases`);
    checkCommonShape(s, field);
    array(s.locations, `${field}.locations`).forEach((l, j) => {
      const lf = `${field}.locations[${j}]`;
      checkCommonShape(record(l, lf, LOCATION_FIELDS, "a location"), lf);
    });
  });
  array(m.types, "types").forEach((item, i) => {
    if (same("types", item, i)) return;
    const t = record(item, `types[${i}]`, ["media", "includes"], "a types block");
    array(t.media, `types[${i}].media`);
    array(t.includes, `types[${i}].includes`);
  });
}

function checkCommonShape(block: Record<string, unknown>, field: string): void {
  array(block.headers, `${field}.headers`);
  array(block.includes, `${field}.includes`);
}

// ---------------------------------------------------------------------------
// Top level

/** `name = "value"`. */
export function macroText(name: string, value: string, field: string): string {
  if (typeof name !== "string" || !/^[A-Za-z0-9_]+$/.test(name)) {
    throw new UnwritableValueError(name, "a macro name is letters, digits and '_'", `${field}.name`);
  }
  return `${word(name, `${field}.name`)} = ${qstr(value, `${field}.value`)}`;
}

/** `include "path"`. */
export function includeText(path: string, field: string): string {
  return `include ${qstr(path, field)}`;
}

/** Model fields of the global options, in the order generate writes them. */
export type GlobalKey = "chroot" | "logdir" | "prefork" | "defaultType" | "errdocs" | "banner";

/** Global option lines of a model, in canonical order, each with the model field it writes. */
export function globalTexts(model: HttpdConf, ctx: TextContext): Array<{ key: GlobalKey; text: string }> {
  const out: Array<{ key: GlobalKey; text: string }> = [];
  if (model.chroot !== undefined) out.push({ key: "chroot", text: `chroot ${qstr(model.chroot, "chroot")}` });
  if (model.logdir !== undefined) out.push({ key: "logdir", text: `logdir ${qstr(model.logdir, "logdir")}` });
  if (model.prefork !== undefined) out.push({ key: "prefork", text: `prefork ${int(model.prefork, "prefork")}` });
  if (model.defaultType !== undefined) {
    out.push({ key: "defaultType", text: `default type ${mediaTypeText(model.defaultType, "defaultType")}` });
  }
  if (model.errdocs !== undefined) {
    need(ctx, "errdocs", model.errdocs, "errdocs", "errdocs");
    out.push({ key: "errdocs", text: `errdocs ${qstr(model.errdocs, "errdocs")}` });
  }
  if (model.banner !== undefined) {
    if (model.banner !== false) {
      throw new UnwritableValueError(model.banner, "the global banner is only ever `no banner` (false)", "banner");
    }
    need(ctx, "banner", model.banner, "no banner", "banner");
    out.push({ key: "banner", text: "no banner" });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Servers

/** `server [match] "name"`: the header of a server block, without the brace. */
export function serverHeader(server: Server, field: string): string {
  record(server, field, SERVER_FIELDS, "a server");
  return `server ${bool(server.match, `${field}.match`) ? "match " : ""}${qstr(server.name, `${field}.name`)}`;
}

/** Model fields of a server that map to option lines, in the order generate writes them. */
export type ServerOptionKey =
  | "listen"
  | "aliases"
  | "errdocs"
  | "banner"
  | "tcp"
  | "connection"
  | "tls"
  | "hsts"
  | CommonOptionKey;

/** Model fields of {@link CommonOptions} that map to option lines, in the order generate writes them. */
export type CommonOptionKey = (typeof COMMON_FIELDS)[number];

/** The option lines of a server (locations excluded), in canonical order, each with the model field it writes. */
export function serverOptionTexts(server: Server, ctx: TextContext, field: string): Array<{ key: ServerOptionKey; text: string }> {
  record(server, field, SERVER_FIELDS, "a server");
  const out: Array<{ key: ServerOptionKey; text: string }> = [];
  array(server.listen, `${field}.listen`).forEach((l, i) => out.push({ key: "listen", text: listenText(l as Listen, `${field}.listen[${i}]`) }));
  array(server.aliases, `${field}.aliases`).forEach((a, i) =>
    out.push({ key: "aliases", text: aliasText(a as Alias, `${field}.aliases[${i}]`) }),
  );
  if (server.errdocs !== undefined) {
    need(ctx, "errdocs", server.errdocs, server.errdocs === false ? "no errdocs" : "errdocs", `${field}.errdocs`);
    out.push({ key: "errdocs", text: server.errdocs === false ? "no errdocs" : `errdocs ${qstr(server.errdocs, `${field}.errdocs`)}` });
  }
  if (bool(server.banner, `${field}.banner`) !== undefined) {
    need(ctx, "banner", server.banner, server.banner ? "banner" : "no banner", `${field}.banner`);
    out.push({ key: "banner", text: server.banner ? "banner" : "no banner" });
  }
  if (server.tcp !== undefined) out.push({ key: "tcp", text: tcpText(server.tcp, `${field}.tcp`) });
  if (server.connection !== undefined) out.push({ key: "connection", text: connectionText(server.connection, `${field}.connection`) });
  if (server.tls !== undefined) out.push({ key: "tls", text: tlsText(server.tls, `${field}.tls`) });
  if (server.hsts !== undefined) out.push({ key: "hsts", text: hstsText(server.hsts, `${field}.hsts`) });
  out.push(...commonOptionTexts(server, ctx, field));
  return out;
}

/** A whole server block, locations included, with its final newline. */
export function serverText(server: Server, ctx: TextContext, field: string): string {
  const header = serverHeader(server, field);
  const lines = serverOptionTexts(server, ctx, field).map((o) => `${ctx.indent}${o.text}\n`);
  array(server.locations, `${field}.locations`).forEach((l, i) => {
    const text = locationText(l as Location, ctx, `${field}.locations[${i}]`);
    lines.push(indentLines(text, ctx.indent));
  });
  if (lines.length === 0) throw new UnwritableValueError(server.name, "a server block needs at least one option", field);
  return `${header} {\n${lines.join("")}}\n`;
}

/** `listen on ADDRESS [tls] port PORT`. */
export function listenText(listen: Listen, field: string): string {
  record(listen, field, ["address", "tls", "port"], "a listen address");
  const tls = bool(listen.tls, `${field}.tls`) ? " tls" : "";
  return `listen on ${word(listen.address, `${field}.address`)}${tls} port ${portText(listen.port, `${field}.port`)}`;
}

/** `alias [match] "name"`. */
export function aliasText(alias: Alias, field: string): string {
  record(alias, field, ["name", "match"], "an alias");
  return `alias ${bool(alias.match, `${field}.match`) ? "match " : ""}${qstr(alias.name, `${field}.name`)}`;
}

/** `tcp OPTION` or `tcp { OPTION, ... }`. */
export function tcpText(tcp: TcpOptions, field: string): string {
  record(tcp, field, ["backlog", "ipMinTtl", "ipTtl", "nodelay", "sack", "socketBuffer"], "tcp options");
  const items: string[] = [];
  if (tcp.backlog !== undefined) items.push(`backlog ${int(tcp.backlog, `${field}.backlog`)}`);
  if (tcp.ipMinTtl !== undefined) items.push(`ip minttl ${int(tcp.ipMinTtl, `${field}.ipMinTtl`)}`);
  if (tcp.ipTtl !== undefined) items.push(`ip ttl ${int(tcp.ipTtl, `${field}.ipTtl`)}`);
  if (bool(tcp.nodelay, `${field}.nodelay`) !== undefined) items.push(tcp.nodelay ? "nodelay" : "no nodelay");
  if (bool(tcp.sack, `${field}.sack`) !== undefined) items.push(tcp.sack ? "sack" : "no sack");
  if (tcp.socketBuffer !== undefined) items.push(`socket buffer ${int(tcp.socketBuffer, `${field}.socketBuffer`)}`);
  return group("tcp", items, field);
}

/** `connection OPTION` or `connection { OPTION, ... }`. */
export function connectionText(c: ConnectionOptions, field: string): string {
  record(c, field, ["maxRequestBody", "maxRequests", "requestTimeout", "timeout"], "connection options");
  const items: string[] = [];
  if (c.maxRequestBody !== undefined) items.push(`max request body ${int(c.maxRequestBody, `${field}.maxRequestBody`)}`);
  if (c.maxRequests !== undefined) items.push(`max requests ${int(c.maxRequests, `${field}.maxRequests`)}`);
  if (c.requestTimeout !== undefined) items.push(`request timeout ${int(c.requestTimeout, `${field}.requestTimeout`)}`);
  if (c.timeout !== undefined) items.push(`timeout ${int(c.timeout, `${field}.timeout`)}`);
  return group("connection", items, field);
}

const TLS_FIELDS = ["certificate", "key", "ocsp", "ciphers", "dhe", "ecdhe", "protocols", "clientCa", "ticketLifetime"] as const;

/** `tls OPTION` or `tls { OPTION, ... }`. */
export function tlsText(tls: TlsOptions, field: string): string {
  record(tls, field, TLS_FIELDS, "tls options");
  const items: string[] = [];
  for (const key of ["certificate", "key", "ocsp", "ciphers", "dhe", "ecdhe", "protocols"] as const) {
    if (tls[key] !== undefined) items.push(`${key} ${qstr(tls[key], `${field}.${key}`)}`);
  }
  if (tls.clientCa !== undefined) {
    const f = `${field}.clientCa`;
    const ca = record(tls.clientCa, f, ["ca", "crl", "optional"], "a client ca");
    let text = `client ca ${qstr(ca.ca, `${f}.ca`)}`;
    if (ca.crl !== undefined) text += ` crl ${qstr(ca.crl, `${f}.crl`)}`;
    if (bool(ca.optional, `${f}.optional`)) text += " optional";
    items.push(text);
  }
  if (tls.ticketLifetime !== undefined) {
    const t = tls.ticketLifetime;
    if (t === "default") items.push("ticket lifetime default");
    else if (t === 0) items.push("no ticket");
    else items.push(`ticket lifetime ${int(t, `${field}.ticketLifetime`, 'or "default"')}`);
  }
  return group("tls", items, field);
}

/** `hsts`, `hsts OPTION` or `hsts { OPTION, ... }`. */
export function hstsText(hsts: HstsOptions, field: string): string {
  record(hsts, field, ["maxAge", "subdomains", "preload"], "hsts options");
  const items: string[] = [];
  if (hsts.maxAge !== undefined) items.push(`max-age ${int(hsts.maxAge, `${field}.maxAge`)}`);
  if (bool(hsts.subdomains, `${field}.subdomains`)) items.push("subdomains");
  if (bool(hsts.preload, `${field}.preload`)) items.push("preload");
  return items.length === 0 ? "hsts" : group("hsts", items, field);
}

// ---------------------------------------------------------------------------
// Locations

/** `location [found|not found] [match] "pattern"`: the header of a location block, without the brace. */
export function locationHeader(location: Location, ctx: TextContext, field: string): string {
  record(location, field, LOCATION_FIELDS, "a location");
  let text = "location ";
  const found = bool(location.found, `${field}.found`);
  if (found !== undefined) {
    need(ctx, "locationFound", found, found ? "location found" : "location not found", `${field}.found`);
    text += found ? "found " : "not found ";
  }
  if (bool(location.match, `${field}.match`)) text += "match ";
  return text + qstr(location.pattern, `${field}.pattern`);
}

/** The option lines of a location, in canonical order, each with the model field it writes. */
export function locationOptionTexts(location: Location, ctx: TextContext, field: string): Array<{ key: CommonOptionKey; text: string }> {
  record(location, field, LOCATION_FIELDS, "a location");
  return commonOptionTexts(location, ctx, field);
}

/** A whole location block with its final newline (not indented). */
export function locationText(location: Location, ctx: TextContext, field: string): string {
  const header = locationHeader(location, ctx, field);
  const options = locationOptionTexts(location, ctx, field);
  if (options.length === 0) {
    throw new UnwritableValueError(location.pattern, "a location block needs at least one option", field);
  }
  return `${header} {\n${options.map((o) => `${ctx.indent}${o.text}\n`).join("")}}\n`;
}

// ---------------------------------------------------------------------------
// Options of servers and locations

/** Option lines shared by servers and locations, in canonical order. */
export function commonOptionTexts(block: CommonOptions, ctx: TextContext, field: string): Array<{ key: CommonOptionKey; text: string }> {
  const out: Array<{ key: CommonOptionKey; text: string }> = [];
  const add = (key: CommonOptionKey, text: string): void => {
    out.push({ key, text });
  };
  if (block.root !== undefined) add("root", `root ${qstr(block.root, `${field}.root`)}`);
  if (block.request !== undefined) add("request", requestText(block.request, `${field}.request`));
  if (block.directory !== undefined) add("directory", directoryText(block.directory, `${field}.directory`));
  if (block.log !== undefined) add("log", logText(block.log, ctx, `${field}.log`));
  if (block.fastcgi !== undefined) add("fastcgi", fastcgiText(block.fastcgi, ctx, `${field}.fastcgi`));
  if (block.authenticate !== undefined) add("authenticate", authenticateText(block.authenticate, `${field}.authenticate`));
  if (block.access !== undefined) add("access", accessText(block.access, `${field}.access`));
  if (block.defaultType !== undefined) add("defaultType", `default type ${mediaTypeText(block.defaultType, `${field}.defaultType`)}`);
  if (bool(block.gzipStatic, `${field}.gzipStatic`) !== undefined) {
    need(ctx, "gzipStatic", block.gzipStatic, block.gzipStatic ? "gzip-static" : "no gzip-static", `${field}.gzipStatic`);
    add("gzipStatic", block.gzipStatic ? "gzip-static" : "no gzip-static");
  }
  array(block.headers, `${field}.headers`).forEach((h, i) => add("headers", headerText(h as Header, ctx, `${field}.headers[${i}]`)));
  array(block.includes, `${field}.includes`).forEach((p, i) => add("includes", includeText(p as string, `${field}.includes[${i}]`)));
  return out;
}

/** `request OPTION` or `request { OPTION, ... }`. */
export function requestText(request: RequestOptions, field: string): string {
  record(request, field, ["rewrite", "strip"], "request options");
  const items: string[] = [];
  if (request.rewrite !== undefined) {
    items.push(request.rewrite === false ? "no rewrite" : `rewrite ${qstr(request.rewrite, `${field}.rewrite`)}`);
  }
  if (request.strip !== undefined) items.push(`strip ${int(request.strip, `${field}.strip`)}`);
  return group("request", items, field);
}

/** `directory OPTION` or `directory { OPTION, ... }`. */
export function directoryText(directory: DirectoryOptions, field: string): string {
  record(directory, field, ["autoIndex", "index"], "directory options");
  const items: string[] = [];
  if (bool(directory.autoIndex, `${field}.autoIndex`) !== undefined) items.push(directory.autoIndex ? "auto index" : "no auto index");
  if (directory.index !== undefined) {
    items.push(directory.index === false ? "no index" : `index ${qstr(directory.index, `${field}.index`)}`);
  }
  return group("directory", items, field);
}

const LOG_STYLES: readonly LogStyle[] = ["common", "combined", "connection", "forwarded"];

/** `no log`, `log OPTION` or `log { OPTION, ... }`. */
export function logText(log: LogOptions | false, ctx: TextContext, field: string): string {
  if (log === false) return "no log";
  record(log, field, ["access", "error", "style", "syslog"], "log options (or false for `no log`)");
  const items: string[] = [];
  if (log.access !== undefined) items.push(`access ${qstr(log.access, `${field}.access`)}`);
  if (log.error !== undefined) items.push(`error ${qstr(log.error, `${field}.error`)}`);
  if (log.style !== undefined) {
    const style = member(log.style, LOG_STYLES, `${field}.style`);
    if (style === "forwarded") need(ctx, "logForwarded", style, "log style forwarded", `${field}.style`);
    items.push(`style ${style}`);
  }
  if (bool(log.syslog, `${field}.syslog`) !== undefined) items.push(log.syslog ? "syslog" : "no syslog");
  return group("log", items, field);
}

/** `no fastcgi`, `fastcgi`, `fastcgi OPTION` or `fastcgi { OPTION, ... }`. */
export function fastcgiText(fastcgi: FastcgiOptions | false, ctx: TextContext, field: string): string {
  if (fastcgi === false) return "no fastcgi";
  record(fastcgi, field, ["socket", "params", "strip"], "fastcgi options (or false for `no fastcgi`)");
  const items: string[] = [];
  if (fastcgi.socket !== undefined) {
    const f = `${field}.socket`;
    const socket = record(fastcgi.socket, f, ["kind", "path", "host", "port"], "a fastcgi socket");
    const kind = member(socket.kind, ["unix", "tcp"], `${f}.kind`);
    if (kind === "unix") {
      record(socket, f, ["kind", "path"], "a unix fastcgi socket");
      items.push(`socket ${qstr(socket.path, `${f}.path`)}`);
    } else {
      record(socket, f, ["kind", "host", "port"], "a tcp fastcgi socket");
      need(ctx, "fastcgiTcp", fastcgi.socket, "fastcgi socket tcp", f);
      let text = `socket tcp ${word(socket.host, `${f}.host`)}`;
      if (socket.port !== undefined) text += ` ${portText(socket.port, `${f}.port`)}`;
      items.push(text);
    }
  }
  array(fastcgi.params, `${field}.params`).forEach((p, i) => {
    const f = `${field}.params[${i}]`;
    const param = record(p, f, ["name", "value"], "a fastcgi param");
    items.push(`param ${word(param.name, `${f}.name`)} ${qstr(param.value, `${f}.value`)}`);
  });
  if (fastcgi.strip !== undefined) {
    need(ctx, "fastcgiStrip", fastcgi.strip, "fastcgi strip", `${field}.strip`);
    items.push(`strip ${int(fastcgi.strip, `${field}.strip`)}`);
  }
  return items.length === 0 ? "fastcgi" : group("fastcgi", items, field);
}

/** `no authenticate` or `authenticate ["realm"] with "file"`. */
export function authenticateText(auth: Authenticate | false, field: string): string {
  if (auth === false) return "no authenticate";
  record(auth, field, ["realm", "htpasswd"], "authenticate options (or false for `no authenticate`)");
  const realm = auth.realm === undefined ? "" : `${qstr(auth.realm, `${field}.realm`)} `;
  return `authenticate ${realm}with ${qstr(auth.htpasswd, `${field}.htpasswd`)}`;
}

/** `block`, `block drop`, `block return CODE ["uri"]` or `pass`. */
export function accessText(access: Access, field: string): string {
  const a = record(access, field, ["action", "code", "uri"], "an access rule");
  const action = member(a.action, ["block", "drop", "return", "pass"], `${field}.action`);
  if (action !== "return") {
    record(a, field, ["action"], `a \`${action}\` rule`);
    return action === "block" ? "block" : action === "drop" ? "block drop" : "pass";
  }
  let text = `block return ${int(a.code, `${field}.code`)}`;
  if (a.uri !== undefined) text += ` ${qstr(a.uri, `${field}.uri`)}`;
  return text;
}

/** `header add NAME VALUE`, `header always add NAME VALUE` or `header hide NAME`. */
export function headerText(header: Header, ctx: TextContext, field: string): string {
  const h = record(header, field, ["action", "always", "name", "value"], "a header rule");
  const action = member(h.action, ["add", "hide"], `${field}.action`);
  need(ctx, "headers", header, "header", field);
  if (action === "hide") {
    record(h, field, ["action", "name"], "a `header hide` rule");
    return `header hide ${qstr(h.name, `${field}.name`)}`;
  }
  const always = bool(h.always, `${field}.always`) ? "always " : "";
  return `header ${always}add ${qstr(h.name, `${field}.name`)} ${qstr(h.value, `${field}.value`)}`;
}

// ---------------------------------------------------------------------------
// Types

/** A whole `types` block with its final newline. */
export function typesText(types: TypesBlock, ctx: TextContext, field: string): string {
  const lines = typesEntryTexts(types, field).map((t) => `${ctx.indent}${t}\n`);
  if (lines.length === 0) throw new UnwritableValueError(types, "a types block needs at least one line", field);
  return `types {\n${lines.join("")}}\n`;
}

/** The lines of a `types` block: media lines first, then includes. */
export function typesEntryTexts(types: TypesBlock, field: string): string[] {
  record(types, field, ["media", "includes"], "a types block");
  const out = array(types.media, `${field}.media`).map((m, i) => mediaText(m as MediaType, `${field}.media[${i}]`));
  array(types.includes, `${field}.includes`).forEach((p, i) => out.push(includeText(p as string, `${field}.includes[${i}]`)));
  return out;
}

/** `type/subtype ext ...`. */
export function mediaText(media: MediaType, field: string): string {
  record(media, field, ["type", "extensions"], "a media type");
  const exts = array(media.extensions, `${field}.extensions`);
  if (exts.length === 0) throw new UnwritableValueError(exts, "a media type needs at least one extension", `${field}.extensions`);
  return `${mediaTypeText(media.type, `${field}.type`)} ${exts.map((e, i) => word(e, `${field}.extensions[${i}]`)).join(" ")}`;
}

/** `type/subtype`: each part a bare word when it reads back as one, else quoted. */
export function mediaTypeText(value: unknown, field: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  const slash = value.indexOf("/");
  if (slash < 0) throw new UnwritableValueError(value, "a media type is written type/subtype", field);
  return `${word(value.slice(0, slash), field)}/${word(value.slice(slash + 1), field)}`;
}

// ---------------------------------------------------------------------------
// Helpers

/** Keywords of the newest release: a word that is a keyword in any release is quoted. */
const KEYWORDS = httpdFeatures(NEWEST_RELEASE).keywords;

// A word httpd's yylex reads as one STRING token in every release: it starts
// with a letter, digit, ':', '_' or '*' and holds no character that ends a
// word, starts an expansion or escape (`$`, `\`), or is a quote.
const BARE = /^[A-Za-z0-9:_*][A-Za-z0-9:_*.\-+@%~^&?|[\]]*$/;
const NUMBER = /^-?[0-9]+$/;

/** A string as a bare word when it reads back as the same string token, else quoted. */
function word(value: unknown, field: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  const quoted = quote(value, { field, alwaysQuote: true });
  return BARE.test(value) && !NUMBER.test(value) && !KEYWORDS.has(value) ? value : quoted;
}

/** A string, always quoted. */
function qstr(value: unknown, field: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  return quote(value, { field, alwaysQuote: true });
}

/** An integer httpd's lexer reads as a NUMBER (ranges are validate's to check). */
function int(value: unknown, field: string, alternative = ""): string {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new UnwritableValueError(value, `must be an integer${alternative ? ` ${alternative}` : ""}`, field);
  }
  return String(value);
}

/** A port: a number, or a service name (quoted when it would read as a number). */
function portText(value: unknown, field: string): string {
  if (typeof value === "number") return int(value, field);
  if (typeof value !== "string") throw new UnwritableValueError(value, "a port is a number or a service name", field);
  return word(value, field);
}

/** `NAME OPTION` for one option, `NAME { OPTION, ... }` for several. */
function group(name: string, items: string[], field: string): string {
  if (items.length === 0) throw new UnwritableValueError({}, `\`${name}\` needs at least one option`, field);
  return items.length === 1 ? `${name} ${items[0]}` : `${name} { ${items.join(", ")} }`;
}

type Feature = Exclude<keyof HttpdFeatures, "release" | "keywords">;

/** Refuses `value` (the `what` statement) when the target release lacks the feature. */
function need(ctx: TextContext, feature: Feature, value: unknown, what: string, field: string): void {
  if (ctx.features[feature]) return;
  const first = RELEASES.find((r) => httpdFeatures(r)[feature]);
  throw new UnwritableValueError(
    value,
    `httpd of OpenBSD ${ctx.features.release} has no \`${what}\` (first in ${first ?? "a later release"})`,
    field,
  );
}

function indentLines(text: string, indent: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? line : indent + line))
    .join("\n");
}

const bool = checkedBoolean;
const member = checkedMember;
const array = checkedArray;
const record = checkedRecord;
