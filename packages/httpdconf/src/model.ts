/**
 * The typed content of an httpd.conf(5) file. Plain data: no positions, no
 * links, safe to `structuredClone` and `JSON.stringify`. Values are those httpd
 * uses, after macro expansion (`$name` references are replaced by their values;
 * the definitions are kept in {@link HttpdConf.macros}).
 *
 * Conventions used throughout:
 * - an absent field means the statement was not written (httpd's default applies);
 * - a directive with a `no` form is `false` when the `no` form was written
 *   (`no log` → `log: false`, `no index` → `index: false`);
 * - a repeated scalar option keeps the last value, as httpd does;
 * - arrays are always present (empty when nothing was written).
 */
export interface HttpdConf {
  /** Macro definitions (`name = "value"`) in file order; a name may repeat (the later one wins from there on). */
  macros: Macro[];
  /** Paths of top-level `include` statements, in file order. */
  includes: string[];
  /** `chroot DIR`: httpd's chroot directory (default `/var/www`). */
  chroot?: string;
  /** `logdir DIR`: log directory inside the chroot (default `/logs`). */
  logdir?: string;
  /** `prefork N`: number of server processes, 1..32 (default 3). Only read before the first `server`. */
  prefork?: number;
  /** Global `default type TYPE/SUBTYPE` (e.g. `text/plain`; default `application/octet-stream`). */
  defaultType?: string;
  /** Global `errdocs DIR` (7.1 and later): error document directory inside the chroot, copied into servers defined after it. */
  errdocs?: string;
  /** Global `no banner` (newer releases): `false` when written, copied into servers defined after it. */
  banner?: false;
  /** `server` blocks in file order. */
  servers: Server[];
  /** `types` blocks in file order (httpd merges their entries). */
  types: TypesBlock[];
}

/** A macro definition. */
export interface Macro {
  /** Name, referenced as `$name`. */
  name: string;
  /** Value the reference expands to (re-read as tokens where it is used). */
  value: string;
}

/** A `types { ... }` block. */
export interface TypesBlock {
  /** Media type lines `type/subtype ext ...` in order. */
  media: MediaType[];
  /** Paths of `include` statements inside the block, in order (e.g. `/usr/share/misc/mime.types`). */
  includes: string[];
}

/** One media type line of a `types` block: `text/html html htm`. */
export interface MediaType {
  /** `type/subtype`, e.g. `text/html` (each part at most 63 characters). */
  type: string;
  /** File name extensions mapped to the type, without the dot (at least one, each at most 127 characters). */
  extensions: string[];
}

/**
 * Options allowed both in a server and in a location. In a location they
 * override the server's value for requests that match it.
 */
export interface CommonOptions {
  /** `root DIR` (or `root { DIR }`): document root inside the chroot (default `/htdocs`). */
  root?: string;
  /** `request ...` options. */
  request?: RequestOptions;
  /** `directory ...` options. */
  directory?: DirectoryOptions;
  /** `log ...` options; `false` for `no log`. */
  log?: LogOptions | false;
  /** `fastcgi [...]`; `false` for `no fastcgi`. */
  fastcgi?: FastcgiOptions | false;
  /** `authenticate [REALM] with FILE`; `false` for `no authenticate`. */
  authenticate?: Authenticate | false;
  /** `block`, `block drop`, `block return CODE [URI]` or `pass`. */
  access?: Access;
  /** `default type TYPE/SUBTYPE`, e.g. `text/plain`. */
  defaultType?: string;
  /** `gzip-static` (true) or `no gzip-static` (false); 7.1 and later. */
  gzipStatic?: boolean;
  /** `header ...` lines in order (newest releases only). */
  headers: Header[];
  /** Paths of `include` statements inside the block, in order. */
  includes: string[];
}

/** A `server [match] NAME { ... }` block. */
export interface Server extends CommonOptions {
  /** Server name matched against the request's Host header (at most 255 characters). */
  name: string;
  /** `server match NAME`: the name is a Lua-style pattern (patterns(7)) instead of a shell glob. */
  match?: boolean;
  /** `alias [match] NAME` lines in order. */
  aliases: Alias[];
  /** `listen on ADDRESS [tls] port PORT` lines in order; httpd needs at least one. */
  listen: Listen[];
  /** `errdocs DIR` (7.1 and later); `false` for `no errdocs`. */
  errdocs?: string | false;
  /** `banner` (true) or `no banner` (false); newer releases. */
  banner?: boolean;
  /** `tcp ...` options. */
  tcp?: TcpOptions;
  /** `connection ...` options. */
  connection?: ConnectionOptions;
  /** `tls ...` options (need a `listen on ... tls` before them). */
  tls?: TlsOptions;
  /** `hsts [...]`: Strict-Transport-Security header; `{}` for a bare `hsts`. */
  hsts?: HstsOptions;
  /** `location` blocks in file order (the first that matches a request is used). */
  locations: Location[];
}

/** A `location [found|not found] [match] PATH { ... }` block inside a server. */
export interface Location extends CommonOptions {
  /** Request path pattern: a shell glob, or a Lua-style pattern with {@link Location.match} (at most 254 characters). */
  pattern: string;
  /** `location match PATH`: the pattern is a Lua-style pattern (patterns(7)) with captures `%1`...; */
  match?: boolean;
  /**
   * `location found PATH` (true): applies only when the requested file exists;
   * `location not found PATH` (false): only when it does not. Absent: always.
   */
  found?: boolean;
}

/** `alias [match] NAME`. */
export interface Alias {
  /** Additional host name. */
  name: string;
  /** `alias match`: the name is a Lua-style pattern. */
  match?: boolean;
}

/** `listen on ADDRESS [tls] port PORT`. */
export interface Listen {
  /** IPv4 or IPv6 address, interface name, interface group (`egress`), host name, or `*` (all addresses). */
  address: string;
  /** `tls`: serve HTTPS on this address. */
  tls?: boolean;
  /** Port number 1..65535 or a service name from /etc/services (`www`, `https`). */
  port: number | string;
}

/** `request ...` options. */
export interface RequestOptions {
  /** `rewrite PATH`: internal rewrite of the request path (may use `$VARIABLES` and `%n` captures); `false` for `no rewrite`. */
  rewrite?: string | false;
  /** `strip N`: remove N leading path components before looking the path up under the root. */
  strip?: number;
}

/** `directory ...` options. */
export interface DirectoryOptions {
  /** `auto index` (true) or `no auto index` (false). */
  autoIndex?: boolean;
  /** `index FILE` (default `index.html`); `false` for `no index`. */
  index?: string | false;
}

/** Log styles of `log style`. */
export type LogStyle = "common" | "combined" | "connection" | "forwarded";

/** `log ...` options. */
export interface LogOptions {
  /** `access NAME`: access log file inside the log directory (default `access.log`). */
  access?: string;
  /** `error NAME`: error log file inside the log directory (default `error.log`). */
  error?: string;
  /** `style STYLE` (default `common`; `forwarded` in newer releases). */
  style?: LogStyle;
  /** `syslog` (true) or `no syslog` (false): log to syslog instead of files. */
  syslog?: boolean;
}

/** `fastcgi [...]` options; `{ params: [] }` for a bare `fastcgi` (default socket `/run/slowcgi.sock`). */
export interface FastcgiOptions {
  /** `socket PATH` or `socket tcp HOST [PORT]`. */
  socket?: FastcgiSocket;
  /** `param NAME VALUE` lines in order: extra FastCGI variables. */
  params: FastcgiParam[];
  /** `strip N`: remove N leading path components from the script name sent to the backend. */
  strip?: number;
}

/** Where FastCGI requests go. */
export type FastcgiSocket =
  | {
      /** `socket PATH`: a UNIX socket. */
      kind: "unix";
      /** Socket path inside the chroot (at most 103 bytes). */
      path: string;
    }
  | {
      /** `socket tcp HOST [PORT]`: a TCP backend. */
      kind: "tcp";
      /** Host name or address. */
      host: string;
      /** Port number 1..65535 or service name (default 9000). */
      port?: number | string;
    };

/** `fastcgi param NAME VALUE`. */
export interface FastcgiParam {
  /** Variable name (at most 510 characters). */
  name: string;
  /** Value (at most 510 characters). */
  value: string;
}

/** `authenticate [REALM] with FILE`. */
export interface Authenticate {
  /** Realm shown to the client (at most 254 characters). */
  realm?: string;
  /** htpasswd(1) file, path inside the chroot. */
  htpasswd: string;
}

/** `block`, `block drop`, `block return CODE [URI]` or `pass`. */
export type Access =
  | {
      /** `block`: answer 403 Forbidden. */
      action: "block";
    }
  | {
      /** `block drop`: close the connection without an answer. */
      action: "drop";
    }
  | {
      /** `block return CODE [URI]`. */
      action: "return";
      /** HTTP status code httpd knows. */
      code: number;
      /** Location sent with a 3xx code (may use `$VARIABLES` and `%n` captures). */
      uri?: string;
    }
  | {
      /** `pass`: cancel a `block` of the enclosing server. */
      action: "pass";
    };

/** `header add NAME VALUE`, `header always add NAME VALUE` or `header hide NAME` (newest releases). */
export type Header =
  | {
      /** `add`: add a response header. */
      action: "add";
      /** `always`: also on error responses. */
      always?: boolean;
      /** Header name (at most 127 characters). */
      name: string;
      /** Header value (at most 511 characters). */
      value: string;
    }
  | {
      /** `hide`: remove a response header. */
      action: "hide";
      /** Header name (at most 127 characters). */
      name: string;
    };

/** `tcp ...` options. */
export interface TcpOptions {
  /** `backlog N`: listen queue length 0..1024 (default 10). */
  backlog?: number;
  /** `ip minttl N`: minimum TTL of incoming packets. */
  ipMinTtl?: number;
  /** `ip ttl N`: TTL of outgoing packets. */
  ipTtl?: number;
  /** `nodelay` (true) or `no nodelay` (false). */
  nodelay?: boolean;
  /** `sack` (true) or `no sack` (false). */
  sack?: boolean;
  /** `socket buffer N`: socket buffer size in bytes. */
  socketBuffer?: number;
}

/** `connection ...` options. */
export interface ConnectionOptions {
  /** `max request body N`: largest request body in bytes (default 1048576). */
  maxRequestBody?: number;
  /** `max requests N`: requests per persistent connection (default 100). */
  maxRequests?: number;
  /** `request timeout N`: seconds to wait for a request (default 60). */
  requestTimeout?: number;
  /** `timeout N`: idle timeout in seconds (default 600). */
  timeout?: number;
}

/** `tls ...` options. */
export interface TlsOptions {
  /** `certificate FILE` (default `/etc/ssl/server.crt`). */
  certificate?: string;
  /** `key FILE` (default `/etc/ssl/private/server.key`). */
  key?: string;
  /** `ocsp FILE`: DER-encoded OCSP response to staple. */
  ocsp?: string;
  /** `ciphers STRING` (default `compat`). */
  ciphers?: string;
  /** `dhe none|legacy|auto` (default `none`). */
  dhe?: string;
  /** `ecdhe CURVES`: comma-separated curves or `default`. */
  ecdhe?: string;
  /** `protocols STRING`, e.g. `tlsv1.2,tlsv1.3` (default `default`). */
  protocols?: string;
  /** `client ca FILE [crl FILE] [optional]`: verify client certificates. */
  clientCa?: TlsClientCa;
  /** `ticket lifetime N` (0 or 60..86400) or `ticket lifetime default` (7200); `no ticket` is 0. */
  ticketLifetime?: number | "default";
}

/** `tls client ca FILE [crl FILE] [optional]`. */
export interface TlsClientCa {
  /** CA certificate file. */
  ca: string;
  /** `crl FILE`: certificate revocation list. */
  crl?: string;
  /** `optional`: clients without a certificate are accepted too. */
  optional?: boolean;
}

/** `hsts [...]` options. */
export interface HstsOptions {
  /** `max-age N` in seconds, 0..2147483647 (default 31536000). */
  maxAge?: number;
  /** `subdomains`: include subdomains. */
  subdomains?: boolean;
  /** `preload`: consent to preload lists. */
  preload?: boolean;
}

/** An empty configuration. */
export function emptyHttpdConf(): HttpdConf {
  return { macros: [], includes: [], servers: [], types: [] };
}

/** A server with a name and nothing else (httpd needs a `listen on` before it accepts it). */
export function emptyServer(name: string): Server {
  return { name, aliases: [], listen: [], locations: [], headers: [], includes: [] };
}

/** A location with a pattern and no options (httpd needs at least one option in the block). */
export function emptyLocation(pattern: string): Location {
  return { pattern, headers: [], includes: [] };
}
