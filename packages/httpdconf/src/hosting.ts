// The server block a VM host needs so that OpenBSD's installer can install
// its VMs over HTTP: per-MAC autoinstall answers and the install sets.
//
// How the installer fetches (research/autoinstall.md §1.2, §3 from
// distrib/miniroot/install.sub, 7.x):
// - the response file: with the next-server address and the `filename` that
//   dhcpd hands out (`auto_install`, or `DIR/auto_install`), it asks in turn
//     http://<next-server>/<DIR/><MAC>-install.conf?path=<release>/<arch>
//     http://<next-server>/<DIR/><hostname>-install.conf?path=...   (only when DHCP gave a host name)
//     http://<next-server>/<DIR/>install.conf?path=...
//   and takes the first that downloads. <MAC> is lower-case and colon
//   separated (`fe:e1:bb:00:00:01-install.conf`). Plain http only. httpd
//   serves static files and ignores the `?path=` query.
// - the sets: "HTTP Server" (a host name or address, no path) and "Server
//   directory" (default `pub/OpenBSD/<release>/<arch>`) make the URL
//   http://<server>/pub/OpenBSD/<release>/<arch>/ from which it reads
//   `index.txt`, `SHA256.sig` (or `SHA256`), `INSTALL.<arch>` and the sets
//   (`bsd`, `bsd.mp`, `bsd.rd`, `base76.tgz`, ..., `site76.tgz`). A bare host
//   tries https first and falls back to http.
// - every request carries the host part of its URL as `Host` (the
//   next-server address for the response file, the "HTTP Server" answer for
//   the sets). httpd picks the server whose name (or alias) matches the Host
//   header on the listener that took the connection and, when none matches,
//   the first server defined on that address and port (server_response in
//   server_http.c): name the server by the address the VMs use, add that
//   address as an alias, or keep this server first on its listener. A Host
//   header with a port must match the listen port too.
import { UnwritableValueError } from "@obsdconf/core";
import { update, type EditableDocument, type UpdateOptions } from "./edit.js";
import type { Location, Server } from "./model.js";

/** One address the hosting server listens on. */
export interface AutoinstallListen {
  /** IPv4 or IPv6 address, interface name (`vport0`), interface group or `*`. */
  address: string;
  /** Port number or service name (default 80: the installer fetches over plain http). */
  port?: number | string;
}

/** The install sets of one release and architecture. */
export interface AutoinstallRelease {
  /** Release as the installer names its set directory: `7.6`, or `snapshots`. */
  release: string;
  /** Architecture, e.g. `amd64`. */
  arch: string;
  /**
   * Directory holding the sets (`index.txt`, `SHA256.sig`, `bsd.rd`,
   * `base76.tgz`, ...), as a path inside httpd's chroot, e.g.
   * `/sets/7.6/amd64` for /var/www/sets/7.6/amd64.
   */
  directory: string;
}

/** Options of {@link autoinstallServer}. */
export interface AutoinstallServerOptions {
  /**
   * Server name. The installer's Host header is the next-server address of
   * dhcpd.conf, so the address itself (`10.0.0.1`) is the name that always
   * matches (see {@link AutoinstallServerOptions.aliases}).
   */
  name: string;
  /** Other names of the server (`alias` lines), e.g. the address when the name is a host name. */
  aliases?: string[];
  /** Where to listen: one address or several. */
  listen: AutoinstallListen | AutoinstallListen[];
  /**
   * Document root inside httpd's chroot holding the `<MAC>-install.conf`
   * files (default `/htdocs`, i.e. /var/www/htdocs). They are served from
   * the top of the URL space: `/fe:e1:bb:00:00:01-install.conf`.
   */
  htdocs?: string;
  /** Set directories to serve, each under `/pub/OpenBSD/<release>/<arch>/`. */
  releases: AutoinstallRelease[];
}

const RELEASE = /^(?:[0-9]+\.[0-9]+|snapshots)$/;
const ARCH = /^[a-z0-9]+$/;

/**
 * A server block that serves autoinstall(8) response files and the install
 * sets of one or more releases:
 *
 * ```
 * server "10.0.0.1" {
 * 	listen on 10.0.0.1 port 80
 * 	root "/htdocs"
 * 	location "/pub/OpenBSD/7.6/amd64/*" {
 * 		root "/sets/7.6/amd64"
 * 		request strip 4
 * 		directory auto index
 * 	}
 * }
 * ```
 *
 * The server's root holds the `<MAC>-install.conf` files (no directory
 * listing: httpd's default, so customers cannot list each other's answers);
 * each release gets a location for `/pub/OpenBSD/<release>/<arch>/*` whose
 * `request strip 4` removes those four path components before the file is
 * looked up in the set directory, with a directory listing (`auto index`)
 * for people browsing it. Throws {@link UnwritableValueError} naming the
 * option for a release, architecture or directory that cannot be used (a
 * release is `N.N` or `snapshots`, an architecture lower-case letters and
 * digits, directories absolute), or when two entries use the same URL path.
 */
export function autoinstallServer(options: AutoinstallServerOptions): Server {
  if (typeof options !== "object" || options === null) throw new UnwritableValueError(options, "options are an object", "options");
  const listens = Array.isArray(options.listen) ? options.listen : [options.listen];
  if (listens.length === 0) throw new UnwritableValueError(options.listen, "the server needs an address to listen on", "listen");
  if (!Array.isArray(options.releases)) throw new UnwritableValueError(options.releases, "must be an array", "releases");
  const htdocs = options.htdocs ?? "/htdocs";
  absolute(htdocs, "htdocs");
  const seen = new Set<string>();
  const locations: Location[] = options.releases.map((r, i) => {
    const field = `releases[${i}]`;
    if (typeof r !== "object" || r === null) throw new UnwritableValueError(r, "must be a release object", field);
    if (typeof r.release !== "string" || !RELEASE.test(r.release)) {
      throw new UnwritableValueError(r.release, "a release is written like 7.6, or is snapshots", `${field}.release`);
    }
    if (typeof r.arch !== "string" || !ARCH.test(r.arch)) {
      throw new UnwritableValueError(r.arch, "an architecture is lower-case letters and digits (amd64, arm64)", `${field}.arch`);
    }
    absolute(r.directory, `${field}.directory`);
    const prefix = setsPath(r.release, r.arch);
    if (seen.has(prefix)) throw new UnwritableValueError(prefix, "served twice", field);
    seen.add(prefix);
    return {
      pattern: `${prefix}/*`,
      root: r.directory,
      request: { strip: prefix.split("/").length - 1 },
      directory: { autoIndex: true },
      headers: [],
      includes: [],
    };
  });
  return {
    name: options.name,
    aliases: (options.aliases ?? []).map((name) => ({ name })),
    listen: listens.map((l) => ({ address: l.address, port: l.port ?? 80 })),
    root: htdocs,
    locations,
    headers: [],
    includes: [],
  };
}

/** The URL path under which the installer looks for a release's sets by default: `/pub/OpenBSD/7.6/amd64`. */
export function setsPath(release: string, arch: string): string {
  return `/pub/OpenBSD/${release}/${arch}`;
}

/**
 * The text of `doc` with the {@link autoinstallServer} of `options` in it:
 * a server with the same name (not a `server match`) whose listen addresses
 * overlap the new ones, or else the only one of that name without a tls
 * listener, is replaced in place; otherwise the server is added after the
 * last server. Other servers, comments and formatting stay byte for byte.
 * Throws what `update` throws (`UpdateError` for a document with syntax
 * errors) and {@link UnwritableValueError} for bad options.
 */
export function addAutoinstallServer(doc: EditableDocument, options: AutoinstallServerOptions, updateOptions: UpdateOptions = {}): string {
  const server = autoinstallServer(options);
  return update(
    doc,
    (m) => {
      const at = replacedServer(m.servers, server);
      if (at < 0) m.servers.push(server);
      else m.servers[at] = server;
    },
    updateOptions,
  );
}

function replacedServer(servers: readonly Server[], server: Server): number {
  const sameName = servers.map((s, i) => [s, i] as const).filter(([s]) => s.name === server.name && !s.match);
  const listenKey = (l: { address: string; port: number | string }): string => `${l.address} ${l.port}`;
  const wanted = new Set(server.listen.map(listenKey));
  const overlapping = sameName.find(([s]) => s.listen.some((l) => wanted.has(listenKey(l))));
  if (overlapping) return overlapping[1];
  const plain = sameName.filter(([s]) => !s.listen.some((l) => l.tls));
  return plain.length === 1 ? plain[0]![1] : -1;
}

function absolute(path: unknown, field: string): void {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new UnwritableValueError(path, "a directory inside httpd's chroot is an absolute path (/htdocs)", field);
  }
}
