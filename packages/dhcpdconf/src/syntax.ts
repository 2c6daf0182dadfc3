// The concrete syntax tree of dhcpd.conf: statements with 0-based source
// offsets, declarations with their braces and bodies. Lowering (lower.ts)
// turns it into the model; update (edit.ts) maps model changes back to it.

import type { BlockParts as BraceParts, Span, StatementBase } from "@obsdconf/core";
import type { AllowKey, OptionValue } from "./model.js";

// Spans and the statement base are core's, shared by every format.
export type { Span, StatementBase } from "@obsdconf/core";

/**
 * The braces and body of a declaration. When the file ends inside the body
 * (dhcpd: `unexpected end of file`), `close` is the empty span at the end of
 * the text.
 */
export interface BlockParts extends BraceParts {
  /** The statements of the body in file order, error statements included. */
  body: Statement[];
}

/** A declaration: a statement with a `{ … }` body. */
export type Declaration = StatementBase &
  BlockParts &
  (
    | {
        /** `shared-network NAME { … }`. */
        kind: "shared-network";
        /** The name (a dotted name, or the content of a quoted string). */
        name: string;
        /** True when the name was a quoted string. */
        quoted: boolean;
      }
    | {
        /** `subnet NETWORK netmask MASK { … }`. */
        kind: "subnet";
        /** Network number as written (dotted quad, octets in decimal). */
        network: string;
        /** Netmask (dotted quad). */
        netmask: string;
      }
    | {
        /** `group { … }`. */
        kind: "group";
      }
    | {
        /** `host NAME { … }`. */
        kind: "host";
        /** The dotted host name. */
        name: string;
      }
    | {
        /** `vendor-class "NAME" { … }` or `user-class "NAME" { … }`. */
        kind: "vendor-class" | "user-class";
        /** The class name (string content). */
        name: string;
      }
  );

/** A parameter statement: ends with `;` (except `timestamp`). */
export type Parameter = StatementBase &
  (
    | {
        /** `range [dynamic-bootp] LOW [HIGH];` */
        kind: "range";
        /** First address. */
        low: string;
        /** Last address, when given. */
        high: string | undefined;
        /** `dynamic-bootp` was written. */
        dynamicBootp: boolean;
      }
    | {
        /** `hardware ethernet|ipsec-tunnel ADDRESS;` */
        kind: "hardware";
        /** Hardware type. */
        hardwareType: "ethernet" | "ipsec-tunnel";
        /**
         * The address: for ethernet six lower-case two-digit octets joined by
         * `:`; for ipsec-tunnel the octets the same way; an /etc/ethers name as written.
         */
        address: string;
      }
    | {
        /** `fixed-address A[, B…];` */
        kind: "fixed-address";
        /** Addresses or host names, as written. */
        addresses: string[];
      }
    | {
        /** `option NAME VALUE;` */
        kind: "option";
        /** Option name as written (`dhcp.` prefix removed). */
        name: string;
        /** The value typed by the option's format; `{ raw }` for an unknown option. */
        value: OptionValue;
        /** Span of the value (from its first token to its last). */
        valueSpan: Span;
      }
    | {
        /** Lease times: seconds. */
        kind: "default-lease-time" | "max-lease-time" | "dynamic-bootp-lease-length";
        /** Seconds. */
        seconds: number;
      }
    | {
        /** `dynamic-bootp-lease-cutoff DATE;` */
        kind: "dynamic-bootp-lease-cutoff";
        /** The date as written, tokens joined with single spaces where blanks separate them. */
        date: string;
      }
    | {
        /** Boolean parameters. */
        kind: "get-lease-hostnames" | "use-host-decl-names" | "always-reply-rfc1048" | "echo-client-id" | "use-lease-addr-for-default-route";
        /** The flag. */
        flag: boolean;
      }
    | {
        /** `authoritative;` or `not authoritative;` */
        kind: "authoritative";
        /** False for `not authoritative`. */
        authoritative: boolean;
      }
    | {
        /** `allow KEY;` or `deny KEY;` */
        kind: "allow" | "deny";
        /** The key. */
        key: AllowKey;
      }
    | {
        /** `next-server ADDR;` or `server-identifier ADDR;` */
        kind: "next-server" | "server-identifier";
        /** Dotted quad or host name as written. */
        address: string;
      }
    | {
        /** `filename "…";` or `server-name "…";` */
        kind: "filename" | "server-name";
        /** The string content. */
        value: string;
      }
    | {
        /** `timestamp` (lease-file word dhcpd accepts and ignores; consumes nothing else). */
        kind: "timestamp";
      }
  );

/** A statement dhcpd rejected: the tokens its recovery skipped (to a `;` or over a `{ … }`). */
export type ErrorStatement = StatementBase & {
  /** An unreadable statement. */
  kind: "error";
};

/** A statement of dhcpd.conf. */
export type Statement = Declaration | Parameter | ErrorStatement;

/** Statement kinds. */
export type StatementKind = Statement["kind"];

/** Declaration kinds. */
export type DeclarationKind = Declaration["kind"];

/** True for a statement with a `{ … }` body. */
export function isDeclaration(statement: Statement): statement is Declaration {
  return "body" in statement;
}
