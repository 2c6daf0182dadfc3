import type { BlockParts as CoreBlockParts, Span, StatementBase } from "@obsdconf/core";
import type { BootDevice, Disk, InstanceAllowance, Owner, VmInterface } from "./model.js";

// The span and statement base are core's, shared by every format.
export type { Span, StatementBase } from "@obsdconf/core";

/** An option inside a `vm` block. */
export type VmOptionNode = Span &
  (
    | {
        /** `enable` or `disable`. */
        kind: "enable";
        /** True for `enable`. */
        enabled: boolean;
      }
    | {
        /** `disk path [format fmt]`. */
        kind: "disk";
        /** The disk as read. */
        disk: Disk;
      }
    | {
        /** `[local] interface [name] [{ ... }]`. */
        kind: "interface";
        /** The interface as read. */
        iface: VmInterface;
      }
    | {
        /** `boot path`. */
        kind: "boot";
        /** Kernel or BIOS image path. */
        path: string;
      }
    | {
        /** `boot device disk|cdrom|net`. */
        kind: "boot-device";
        /** The device booted from. */
        device: BootDevice;
      }
    | {
        /** `cdrom path`. */
        kind: "cdrom";
        /** ISO image path. */
        path: string;
      }
    | {
        /** `interfaces count`. */
        kind: "interfaces";
        /** Number of interfaces. */
        count: number;
      }
    | {
        /** `memory size`. */
        kind: "memory";
        /** Size as written (e.g. `1G`). */
        memory: string;
      }
    | {
        /** `owner user[:group]`. */
        kind: "owner";
        /** The owner. */
        owner: Owner;
      }
    | {
        /** `allow instance option` or `allow instance { ... }`. */
        kind: "allow-instance";
        /** What instances may change. */
        options: InstanceAllowance[];
        /** Who may create instances. */
        owner: Owner | undefined;
      }
    | {
        /** `sev`. */
        kind: "sev";
      }
    | {
        /** `seves`. */
        kind: "seves";
      }
  );

/** An option inside a `switch` block. */
export type SwitchOptionNode = Span &
  (
    | {
        /** `enable` or `disable`. */
        kind: "enable";
        /** True for `enable`. */
        enabled: boolean;
      }
    | {
        /** `group name`. */
        kind: "group";
        /** Interface group. */
        group: string;
      }
    | {
        /** `interface name`. */
        kind: "interface";
        /** The bridge or switch interface. */
        name: string;
      }
    | {
        /** `locked lladdr`. */
        kind: "locked-lladdr";
      }
    | {
        /** `rdomain number`. */
        kind: "rdomain";
        /** Routing domain. */
        rdomain: number;
      }
    | {
        /** `up` or `down`. */
        kind: "up";
        /** True for `up`. */
        up: boolean;
      }
  );

/**
 * The braces of a block. A parse builds a block's part of the model directly
 * and reads its option nodes (`options`) from the tokens when first asked.
 */
export interface BlockParts extends CoreBlockParts {
  /** Start of the first option (a block has at least one). */
  firstOptionStart: number;
}

/** A statement of vm.conf. */
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
        /** `local prefix address/len`. */
        kind: "local-prefix";
        /** The IPv4 prefix. */
        prefix: string;
      }
    | {
        /** `local inet6 [prefix address/len]`. */
        kind: "local-inet6";
        /** The IPv6 prefix, when given. */
        prefix: string | undefined;
      }
    | {
        /** `socket owner user[:group]`. */
        kind: "socket-owner";
        /** Owner of the control socket. */
        owner: Owner;
      }
    | {
        /** `agentx [context c] [path p]`. */
        kind: "agentx";
        /** SNMP context name. */
        context: string | undefined;
        /** AgentX master socket path. */
        path: string | undefined;
      }
    | {
        /** `staggered start parallel n delay s`. */
        kind: "staggered-start";
        /** VMs started at once. */
        parallel: number;
        /** Seconds between groups. */
        delay: number;
      }
    | ({
        /** `switch name { ... }`. */
        kind: "switch";
        /** Switch name. */
        name: string;
        /** Options in file order. */
        options: SwitchOptionNode[];
      } & BlockParts)
    | ({
        /** `vm name { ... }` or `vm parent instance name { ... }`. */
        kind: "vm";
        /** VM (or instance) name. */
        name: string;
        /** Parent VM of an instance. */
        instanceOf: string | undefined;
        /** Options in file order. */
        options: VmOptionNode[];
      } & BlockParts)
    | {
        /** A line vmd rejected. */
        kind: "error";
      }
  );

/** Statement kinds. */
export type StatementKind = Statement["kind"];
