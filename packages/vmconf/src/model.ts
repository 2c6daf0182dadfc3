import type { Owner } from "@obsdconf/core";

export type { Owner };

/**
 * The typed content of a vm.conf(5) file. Plain data: no positions, no links,
 * safe to `structuredClone` and `JSON.stringify`. Values are those vmd uses,
 * after macro expansion and string concatenation.
 */
export interface VmConf {
  /** Macro definitions (`name = "value"`) in file order; a name may repeat (the later one wins from there on). */
  macros: Macro[];
  /** Paths of `include` statements, in file order. */
  includes: string[];
  /** `local prefix` IPv4 pool for `local interface` subnets, as written (e.g. `100.64.0.0/10`). */
  localPrefix?: string;
  /** `local inet6 [prefix P]`: IPv6 on local interfaces; without `prefix`, a random ULA prefix. */
  localInet6?: LocalInet6;
  /** `socket owner`: owner of /var/run/vmd.sock. */
  socketOwner?: Owner;
  /** `agentx [context C] [path P]` (7.2 and later). */
  agentx?: Agentx;
  /** `staggered start parallel N delay S` (6.7 and later). */
  staggeredStart?: StaggeredStart;
  /** `switch` blocks in file order. */
  switches: Switch[];
  /** `vm` blocks in file order. */
  vms: Vm[];
}

/** A macro definition. */
export interface Macro {
  /** Name, referenced as `$name`. */
  name: string;
  /** Value the reference expands to. */
  value: string;
}

/** `local inet6 [prefix P]`. */
export interface LocalInet6 {
  /** Fixed IPv6 prefix (`fd00:1::/64`); absent for a random ULA prefix. */
  prefix?: string;
}

/** `agentx` options. */
export interface Agentx {
  /** SNMP context name (at most 32 bytes). */
  context?: string;
  /** Absolute path of the AgentX master socket (default /var/agentx/master). */
  path?: string;
}

/** `staggered start parallel N delay S`. */
export interface StaggeredStart {
  /** Number of VMs started at a time. */
  parallel: number;
  /** Seconds between groups. */
  delay: number;
}

/** A virtual switch: `switch NAME { ... }`. */
export interface Switch {
  /** Switch name, referenced by VM interfaces. */
  name: string;
  /** The bridge(4)/veb(4) interface (`bridge0`, `veb931`); required by vmd. */
  interface?: string;
  /** `enable` (true) or `disable` (false); absent: not stated (enabled). */
  enabled?: boolean;
  /** Interface group added to every switch port (`group NAME`). */
  group?: string;
  /** `locked lladdr`: ports may only send from their own MAC address. */
  lockedLladdr?: boolean;
  /** Routing domain 0..255. */
  rdomain?: number;
  /** `up` (true) or `down` (false); absent: not stated (up). */
  up?: boolean;
}

/** Boot device for `boot device`. */
export type BootDevice = "cdrom" | "disk" | "net";

/** What an instance of a VM may change: `allow instance { ... }`. */
export type InstanceAllowance = "boot" | "cdrom" | "disk" | "instance" | "interface" | "memory";

/** The `allow instance` options of a VM, merged over all its `allow instance` lines. */
export interface AllowInstance {
  /** Allowed options, each once, in the order of {@link INSTANCE_ALLOWANCES}. */
  options: InstanceAllowance[];
  /** `owner ID`: who may create instances. */
  owner?: Owner;
}

/** The order in which {@link AllowInstance.options} are kept. */
export const INSTANCE_ALLOWANCES: readonly InstanceAllowance[] = ["boot", "cdrom", "disk", "instance", "interface", "memory"];

/** A disk image: `disk PATH [format raw|qcow2]`. */
export interface Disk {
  /** Path of the disk image. */
  path: string;
  /** Image format in lower case; absent: vmd detects qcow2 by its magic, else raw. */
  format?: string;
}

/** A network interface of a VM: `[local] interface [NAME] [{ options }]`. */
export interface VmInterface {
  /** `local interface`: vmd serves DHCP on an automatic subnet. */
  local?: boolean;
  /** `tap` or `tapN`; absent: the next free tap. */
  name?: string;
  /** Switch to connect to. */
  switch?: string;
  /** Interface group. */
  group?: string;
  /** MAC address in canonical form (`fe:e1:bb:f1:c8:01`). */
  lladdr?: string;
  /** `locked lladdr`: the guest may only send from its MAC address. */
  locked?: boolean;
  /** Routing domain 0..255. */
  rdomain?: number;
  /** `up` (true) or `down` (false); absent: not stated (up). */
  up?: boolean;
}

/** A virtual machine: `vm NAME { ... }` or `vm PARENT instance NAME { ... }`. */
export interface Vm {
  /** VM name (for an instance, the instance's own name). */
  name: string;
  /** For `vm PARENT instance NAME`: the configured VM this one is an instance of. */
  instanceOf?: string;
  /** `enable` (true) or `disable` (false); absent: not stated (started with vmd). */
  enabled?: boolean;
  /** `boot PATH`: kernel or BIOS image. */
  boot?: string;
  /** `boot device cdrom|disk|net` (6.7 and later). */
  bootDevice?: BootDevice;
  /** `cdrom PATH`: ISO image. */
  cdrom?: string;
  /** `disk` lines in order (vmd allows 4). */
  disks: Disk[];
  /** `interface` lines in order (vmd allows 4). */
  interfaces: VmInterface[];
  /** `interfaces N`: at least N interfaces (0..4). */
  interfaceCount?: number;
  /** `memory SIZE` as written: bytes (`1073741824`) or with a unit (`512M`, `1G`). */
  memory?: string;
  /** `owner ID`: who may manage the VM with vmctl. */
  owner?: Owner;
  /** `allow instance ...`. */
  allowInstance?: AllowInstance;
  /** `sev`: AMD SEV guest (7.6 and later). */
  sev?: boolean;
  /** `seves`: AMD SEV-ES guest (newest). */
  seves?: boolean;
}

/** An empty configuration. */
export function emptyVmConf(): VmConf {
  return { macros: [], includes: [], switches: [], vms: [] };
}
