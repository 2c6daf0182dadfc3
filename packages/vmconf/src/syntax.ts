import type { BootDevice, Disk, InstanceAllowance, Owner, VmInterface } from "./model.js";

/** A span of source: 0-based offsets of its first token's start and its last token's end. */
export interface Span {
  start: number;
  end: number;
}

/** A top-level statement. `lineEnd` is just past the newline that ends it. */
export interface StatementBase extends Span {
  lineEnd: number;
}

/** An option inside a `vm` block. */
export type VmOptionNode = Span &
  (
    | { kind: "enable"; enabled: boolean }
    | { kind: "disk"; disk: Disk }
    | { kind: "interface"; iface: VmInterface }
    | { kind: "boot"; path: string }
    | { kind: "boot-device"; device: BootDevice }
    | { kind: "cdrom"; path: string }
    | { kind: "interfaces"; count: number }
    | { kind: "memory"; memory: string }
    | { kind: "owner"; owner: Owner }
    | { kind: "allow-instance"; options: InstanceAllowance[]; owner: Owner | undefined }
    | { kind: "sev" }
    | { kind: "seves" }
  );

/** An option inside a `switch` block. */
export type SwitchOptionNode = Span &
  (
    | { kind: "enable"; enabled: boolean }
    | { kind: "group"; group: string }
    | { kind: "interface"; name: string }
    | { kind: "locked-lladdr" }
    | { kind: "rdomain"; rdomain: number }
    | { kind: "up"; up: boolean }
  );

/** The braces of a block. */
export interface BlockParts {
  /** End of the last header token (the name or instance name). */
  headerEnd: number;
  /** The `{`. */
  open: Span;
  /** The `}`. */
  close: Span;
}

/** A statement of vm.conf. */
export type Statement = StatementBase &
  (
    | { kind: "macro"; name: string; value: string }
    | { kind: "include"; path: string }
    | { kind: "local-prefix"; prefix: string }
    | { kind: "local-inet6"; prefix: string | undefined }
    | { kind: "socket-owner"; owner: Owner }
    | { kind: "agentx"; context: string | undefined; path: string | undefined }
    | { kind: "staggered-start"; parallel: number; delay: number }
    | ({ kind: "switch"; name: string; options: SwitchOptionNode[] } & BlockParts)
    | ({ kind: "vm"; name: string; instanceOf: string | undefined; options: VmOptionNode[] } & BlockParts)
    | { kind: "error" }
  );

/** Statement kinds. */
export type StatementKind = Statement["kind"];
