import type { BlockParts, Span, StatementBase } from "@obsdconf/core";
import type {
  Access,
  Alias,
  Authenticate,
  ConnectionOptions,
  DirectoryOptions,
  FastcgiOptions,
  Header,
  HstsOptions,
  Listen,
  LogOptions,
  MediaType,
  RequestOptions,
  TcpOptions,
  TlsOptions,
} from "./model.js";

// The statement base and block braces are core's, shared by every format.
export type { BlockParts, Span, StatementBase } from "@obsdconf/core";

/**
 * One option line inside a `server` or `location` block, as written. Option
 * blocks (`tls { ... }`) and one-line forms (`tls key "k"`) give the same
 * node: the fields they set.
 */
export type OptionNode = Span &
  OptionFields &
  (
    | {
        /** `listen on ADDRESS [tls] port PORT`. */
        kind: "listen";
        /** The listen address. */
        listen: Listen;
      }
    | {
        /** `alias [match] NAME`. */
        kind: "alias";
        /** The alias. */
        alias: Alias;
      }
    | {
        /** `errdocs DIR` or `no errdocs` (false). */
        kind: "errdocs";
        /** Directory, or false. */
        errdocs: string | false;
      }
    | {
        /** `banner` or `no banner`. */
        kind: "banner";
        /** True for `banner`. */
        banner: boolean;
      }
    | {
        /** `tcp ...`. */
        kind: "tcp";
        /** Fields set. */
        tcp: TcpOptions;
      }
    | {
        /** `connection ...`. */
        kind: "connection";
        /** Fields set. */
        connection: ConnectionOptions;
      }
    | {
        /** `tls ...`. */
        kind: "tls";
        /** Fields set. */
        tls: TlsOptions;
      }
    | {
        /** `hsts [...]`. */
        kind: "hsts";
        /** Fields set (none for a bare `hsts`). */
        hsts: HstsOptions;
      }
    | {
        /** `root DIR` or `root { DIR, ... }` (the last one). */
        kind: "root";
        /** Document root. */
        root: string;
      }
    | {
        /** `request ...`. */
        kind: "request";
        /** Fields set. */
        request: RequestOptions;
      }
    | {
        /** `directory ...`. */
        kind: "directory";
        /** Fields set. */
        directory: DirectoryOptions;
      }
    | {
        /** `log ...` or `no log` (false). */
        kind: "log";
        /** Fields set, or false. */
        log: LogOptions | false;
      }
    | {
        /** `fastcgi [...]` or `no fastcgi` (false). */
        kind: "fastcgi";
        /** Fields set, or false. */
        fastcgi: FastcgiOptions | false;
      }
    | {
        /** `authenticate [REALM] with FILE` or `no authenticate` (false). */
        kind: "authenticate";
        /** The authentication, or false. */
        authenticate: Authenticate | false;
      }
    | {
        /** `block ...` or `pass`. */
        kind: "access";
        /** What is done with requests. */
        access: Access;
      }
    | {
        /** `default type TYPE/SUBTYPE`. */
        kind: "default-type";
        /** `type/subtype`. */
        type: string;
      }
    | {
        /** `gzip-static` or `no gzip-static`. */
        kind: "gzip-static";
        /** True for `gzip-static`. */
        gzipStatic: boolean;
      }
    | {
        /** `header ...`. */
        kind: "header";
        /** The header rule. */
        header: Header;
      }
    | {
        /** `include "file"` inside a block. */
        kind: "include";
        /** Included file. */
        path: string;
      }
    | ({
        /** `location [found|not found] [match] PATH { ... }`. */
        kind: "location";
        /** Request path pattern. */
        pattern: string;
        /** `match`: Lua-style pattern. */
        match: boolean;
        /** `found` (true), `not found` (false), or neither (undefined). */
        found: boolean | undefined;
        /** Options in file order. */
        options: OptionNode[];
      } & BlockParts)
  );

/** Where each field of an option block was written. */
export interface OptionFields {
  /**
   * Field name (`ciphers`, `maxAge`; `params[0]` for the first fastcgi
   * param of this option) → the entry of the option list that set it.
   */
  fields?: Record<string, Span>;
}

/** A line of a `types` block. */
export type TypesEntryNode = Span &
  (
    | {
        /** `type/subtype ext ... [;]`. */
        kind: "media";
        /** The mapping. */
        media: MediaType;
      }
    | {
        /** `include "file"`. */
        kind: "include";
        /** Included file. */
        path: string;
      }
  );

/** A statement of httpd.conf. */
export type Statement = StatementBase &
  (
    | {
        /** `name = value`. */
        kind: "macro";
        /** Macro name. */
        name: string;
        /** Macro value. */
        value: string;
      }
    | {
        /** `include "path"`. */
        kind: "include";
        /** Included file. */
        path: string;
      }
    | {
        /** `prefork N`. */
        kind: "prefork";
        /** Number of server processes. */
        prefork: number;
      }
    | {
        /** `chroot DIR`. */
        kind: "chroot";
        /** Directory. */
        value: string;
      }
    | {
        /** `logdir DIR`. */
        kind: "logdir";
        /** Directory. */
        value: string;
      }
    | {
        /** Global `errdocs DIR`. */
        kind: "errdocs";
        /** Directory. */
        value: string;
      }
    | {
        /** Global `no banner`. */
        kind: "no-banner";
      }
    | {
        /** Global `default type TYPE/SUBTYPE`. */
        kind: "default-type";
        /** `type/subtype`. */
        type: string;
      }
    | ({
        /** `server [match] NAME { ... }`. */
        kind: "server";
        /** Server name. */
        name: string;
        /** `server match`. */
        match: boolean;
        /** Options in file order (locations among them). */
        options: OptionNode[];
      } & BlockParts)
    | ({
        /** `types { ... }`. */
        kind: "types";
        /** Lines in file order. */
        entries: TypesEntryNode[];
      } & BlockParts)
    | {
        /** A line httpd rejected. */
        kind: "error";
      }
  );

/** Statement kinds. */
export type StatementKind = Statement["kind"];
