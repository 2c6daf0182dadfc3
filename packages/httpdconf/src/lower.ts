import type { CommonOptions, FastcgiOptions, HttpdConf, LogOptions, Server, TypesBlock } from "./model.js";
import { emptyHttpdConf, emptyLocation, emptyServer } from "./model.js";
import type { OptionNode, Span, Statement } from "./syntax.js";

/** The model of a list of statements, and where each part of it was written. */
export interface Lowered {
  /** The model. */
  model: HttpdConf;
  /** Model path (`servers[0].locations[1].root`) → the source that set it. */
  locations: Map<string, Span>;
  /** Block path (`servers[0]`, `servers[0].locations[1]`, `types[0]`) → its closing `}`. */
  closes: Map<string, Span>;
}

/**
 * Builds the model from statements, as httpd applies them: a repeated option
 * replaces the earlier value, option blocks merge field by field, lists
 * (listen, alias, header, fastcgi param, location) collect in file order.
 * Options httpd rejects in a location (reported by the actions) are left
 * out, and so is a `prefork` after the first server (httpd ignores it).
 */
export function lowerStatements(statements: readonly Statement[], track = true): Lowered {
  const model = emptyHttpdConf();
  const locations = new Map<string, Span>();
  const closes = new Map<string, Span>();
  // Spans are shared with the syntax nodes (read-only). Without tracking no
  // path string is even built (`at?.(...)` skips its arguments).
  const at: At = track ? (path, span) => void locations.set(path, span) : undefined;
  let seenServer = false;
  for (const s of statements) {
    switch (s.kind) {
      case "macro":
        at?.(`macros[${model.macros.length}]`, s);
        model.macros.push({ name: s.name, value: s.value });
        break;
      case "include":
        at?.(`includes[${model.includes.length}]`, s);
        model.includes.push(s.path);
        break;
      case "prefork":
        // httpd reads prefork only before the first server (its first pass).
        if (seenServer) break;
        at?.("prefork", s);
        model.prefork = s.prefork;
        break;
      case "chroot":
      case "logdir":
      case "errdocs":
        at?.(s.kind, s);
        model[s.kind] = s.value;
        break;
      case "no-banner":
        at?.("banner", s);
        model.banner = false;
        break;
      case "default-type":
        at?.("defaultType", s);
        model.defaultType = s.type;
        break;
      case "server": {
        seenServer = true;
        const path = `servers[${model.servers.length}]`;
        at?.(path, s);
        at?.(`${path}.name`, { start: s.start, end: s.headerEnd });
        if (track) closes.set(path, s.close);
        const server = emptyServer(s.name);
        if (s.match) server.match = true;
        for (const o of s.options) applyServerOption(server, o, path, at, closes);
        model.servers.push(server);
        break;
      }
      case "types": {
        const path = `types[${model.types.length}]`;
        at?.(path, s);
        if (track) closes.set(path, s.close);
        const block: TypesBlock = { media: [], includes: [] };
        for (const e of s.entries) {
          if (e.kind === "media") {
            at?.(`${path}.media[${block.media.length}]`, e);
            block.media.push({ type: e.media.type, extensions: [...e.media.extensions] });
          } else {
            at?.(`${path}.includes[${block.includes.length}]`, e);
            block.includes.push(e.path);
          }
        }
        model.types.push(block);
        break;
      }
      case "error":
        break;
    }
  }
  return { model, locations, closes };
}

type At = ((path: string, span: Span) => void) | undefined;

function applyServerOption(server: Server, o: OptionNode, path: string, at: At, closes: Map<string, Span>): void {
  switch (o.kind) {
    case "listen":
      at?.(`${path}.listen[${server.listen.length}]`, o);
      server.listen.push({ ...o.listen });
      return;
    case "alias":
      at?.(`${path}.aliases[${server.aliases.length}]`, o);
      server.aliases.push({ ...o.alias });
      return;
    case "errdocs":
      at?.(`${path}.errdocs`, o);
      server.errdocs = o.errdocs;
      return;
    case "banner":
      at?.(`${path}.banner`, o);
      server.banner = o.banner;
      return;
    case "tcp":
      server.tcp = mergeFields(server.tcp, o.tcp, `${path}.tcp`, o, at);
      return;
    case "connection":
      server.connection = mergeFields(server.connection, o.connection, `${path}.connection`, o, at);
      return;
    case "tls":
      server.tls = mergeFields(server.tls, o.tls, `${path}.tls`, o, at);
      return;
    case "hsts":
      server.hsts = mergeFields(server.hsts, o.hsts, `${path}.hsts`, o, at);
      return;
    case "location": {
      const lpath = `${path}.locations[${server.locations.length}]`;
      at?.(lpath, o);
      at?.(`${lpath}.pattern`, { start: o.start, end: o.headerEnd });
      if (at) closes.set(lpath, o.close);
      const location = emptyLocation(o.pattern);
      if (o.match) location.match = true;
      if (o.found !== undefined) location.found = o.found;
      for (const inner of o.options) applyCommonOption(location, inner, lpath, at);
      server.locations.push(location);
      return;
    }
    default:
      applyCommonOption(server, o, path, at);
  }
}

// Options of both servers and locations; server-only ones are ignored here.
function applyCommonOption(target: CommonOptions, o: OptionNode, path: string, at: At): void {
  switch (o.kind) {
    case "root":
      at?.(`${path}.root`, o);
      target.root = o.root;
      return;
    case "request":
      target.request = mergeFields(target.request, o.request, `${path}.request`, o, at);
      return;
    case "directory":
      target.directory = mergeFields(target.directory, o.directory, `${path}.directory`, o, at);
      return;
    case "log":
      if (o.log === false) {
        at?.(`${path}.log`, o);
        target.log = false;
      } else {
        target.log = mergeFields<LogOptions>(target.log === false ? undefined : target.log, o.log, `${path}.log`, o, at);
      }
      return;
    case "fastcgi": {
      at?.(`${path}.fastcgi`, o);
      if (o.fastcgi === false) {
        target.fastcgi = false;
        return;
      }
      const current: FastcgiOptions = target.fastcgi ? target.fastcgi : { params: [] };
      const merged: FastcgiOptions = { ...current, params: [...current.params] };
      if (o.fastcgi.socket) {
        merged.socket = { ...o.fastcgi.socket };
        at?.(`${path}.fastcgi.socket`, o.fields?.socket ?? o);
      }
      if (o.fastcgi.strip !== undefined) {
        merged.strip = o.fastcgi.strip;
        at?.(`${path}.fastcgi.strip`, o.fields?.strip ?? o);
      }
      o.fastcgi.params.forEach((p, j) => {
        at?.(`${path}.fastcgi.params[${merged.params.length}]`, o.fields?.[`params[${j}]`] ?? o);
        merged.params.push({ ...p });
      });
      target.fastcgi = merged;
      return;
    }
    case "authenticate":
      at?.(`${path}.authenticate`, o);
      target.authenticate = o.authenticate === false ? false : stripUndefined({ ...o.authenticate });
      return;
    case "access":
      at?.(`${path}.access`, o);
      target.access = { ...o.access };
      return;
    case "default-type":
      at?.(`${path}.defaultType`, o);
      target.defaultType = o.type;
      return;
    case "gzip-static":
      at?.(`${path}.gzipStatic`, o);
      target.gzipStatic = o.gzipStatic;
      return;
    case "header":
      at?.(`${path}.headers[${target.headers.length}]`, o);
      target.headers.push({ ...o.header });
      return;
    case "include":
      at?.(`${path}.includes[${target.includes.length}]`, o);
      target.includes.push(o.path);
      return;
    default:
      return;
  }
}

// Merges an option's fields into the current object; each field remembers the entry that set it.
function mergeFields<T extends object>(current: T | undefined, fields: T, path: string, o: OptionNode, at: At): T {
  if (at) {
    at(path, o);
    for (const key of Object.keys(fields)) at(`${path}.${key}`, o.fields?.[key] ?? o);
  }
  // `current` is the model's own object (made here); values are strings,
  // numbers, booleans, or one plain object (tls clientCa), copied.
  const merged = (current ?? {}) as Record<string, unknown>;
  for (const key in fields) {
    const value = (fields as Record<string, unknown>)[key];
    merged[key] = typeof value === "object" && value !== null ? { ...value } : value;
  }
  return merged as T;
}

function stripUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as Array<keyof T>) if (value[key] === undefined) delete value[key];
  return value;
}
