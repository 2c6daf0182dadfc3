import type { Disk, Vm, VmConf, VmInterface } from "@obsdconf/vmconf";
import type { ScriptDisk } from "./script.js";

/** How the VMs already in a vm.conf are written; new blocks follow it. */
export interface VmStyle {
  /** Most VMs are marked `disable` (started by hand, not with vmd). */
  disabled: boolean;
  /** Interfaces are written `interface tap { … }` (a name) rather than `interface { … }`. */
  interfaceName?: string;
  /** Disks state their `format`. */
  diskFormat: boolean;
}

/** The style of `model`'s VMs (for a file without VMs: disabled, `interface tap`, formats stated). */
export function vmStyle(model: VmConf): VmStyle {
  const vms = model.vms.filter((vm) => vm.instanceOf === undefined);
  if (vms.length === 0) return { disabled: true, interfaceName: "tap", diskFormat: true };
  const most = (count: number): boolean => count * 2 >= vms.length;
  const names = vms.map((vm) => vm.interfaces[0]?.name).filter((n): n is string => n !== undefined);
  return {
    disabled: most(vms.filter((vm) => vm.enabled === false).length),
    ...(most(names.length) ? { interfaceName: names[0]! } : {}),
    diskFormat: most(vms.filter((vm) => vm.disks.some((d) => d.format !== undefined)).length),
  };
}

/** What a VM is made of, from its order and the host's defaults. */
export interface VmSpec {
  /** VM name (`vm15`). */
  name: string;
  /** Owner's login. */
  owner: string;
  /** Memory as vm.conf takes it. */
  memory: string;
  /** Disk images: the first, and the second when the order has one. */
  disks: ScriptDisk[];
  /** Switch of the interface. */
  switch: string;
  /** MAC address. */
  lladdr: string;
}

/** A new `vm` block for `spec`, written in the host's style. */
export function newVm(spec: VmSpec, style: VmStyle): Vm {
  const iface: VmInterface = { ...(style.interfaceName ? { name: style.interfaceName } : {}), switch: spec.switch, lladdr: spec.lladdr };
  return {
    name: spec.name,
    ...(style.disabled ? { enabled: false } : {}),
    owner: { user: spec.owner },
    memory: spec.memory,
    disks: spec.disks.map((d): Disk => (style.diskFormat ? { path: d.path, format: d.format } : { path: d.path })),
    interfaces: [iface],
  };
}

/**
 * Brings an existing VM in line with its order: memory, an owner when it has
 * none (a VM owned by another account is refused before, see
 * orderConflicts), and a second disk the order now asks for when the VM has
 * one disk. Returns what changed, one phrase each (`memory 1G → 2G`);
 * interfaces and existing disks are left as they are (deploy neither resizes
 * nor converts an image).
 */
export function alignVm(vm: Vm, spec: VmSpec, style: VmStyle): string[] {
  const changes: string[] = [];
  if (vm.memory !== spec.memory) {
    changes.push(`memory ${vm.memory ?? "(default)"} → ${spec.memory}`);
    vm.memory = spec.memory;
  }
  if (vm.owner === undefined) {
    changes.push(`owner ${spec.owner}`);
    vm.owner = { user: spec.owner };
  }
  const second = spec.disks[1];
  if (second && vm.disks.length === 1) {
    changes.push(`second disk ${second.path} (${second.size}) added`);
    vm.disks.push(style.diskFormat ? { path: second.path, format: second.format } : { path: second.path });
  }
  return changes;
}
