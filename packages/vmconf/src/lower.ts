import type { Owner } from "@obsdconf/core";
import type { AllowInstance, InstanceAllowance, Switch, Vm, VmConf } from "./model.js";
import { INSTANCE_ALLOWANCES } from "./model.js";
import type { Statement, SwitchOptionNode, VmOptionNode } from "./syntax.js";

type VmStatement = Extract<Statement, { kind: "vm" }>;
type SwitchStatement = Extract<Statement, { kind: "switch" }>;

/**
 * Builds the model from statements. Where vmd keeps the first of a repeated
 * option (boot, cdrom, memory, interfaces) the model does too; where the last
 * one wins (enable/disable, owner, up/down, globals) so does the model. The
 * model shares the syntax nodes' disk, interface and owner objects: update
 * never changes either in place (it works on a copy-on-write draft).
 */
export function lowerStatements(statements: readonly Statement[]): VmConf {
  const model: VmConf = { macros: [], includes: [], switches: [], vms: [] };
  for (const s of statements) {
    switch (s.kind) {
      case "macro":
        model.macros.push({ name: s.name, value: s.value });
        break;
      case "include":
        model.includes.push(s.path);
        break;
      case "local-prefix":
        model.localPrefix = s.prefix;
        break;
      case "local-inet6":
        model.localInet6 = s.prefix !== undefined ? { prefix: s.prefix } : (model.localInet6 ?? {});
        break;
      case "socket-owner":
        model.socketOwner = { ...s.owner };
        break;
      case "agentx": {
        const agentx = model.agentx ?? {};
        if (s.context !== undefined) agentx.context = s.context;
        if (s.path !== undefined) agentx.path = s.path;
        model.agentx = agentx;
        break;
      }
      case "staggered-start":
        model.staggeredStart = { parallel: s.parallel, delay: s.delay };
        break;
      case "switch":
        model.switches.push(lowerSwitch(s));
        break;
      case "vm":
        model.vms.push(lowerVm(s));
        break;
      case "error":
        break;
    }
  }
  return model;
}

/** The model of one switch statement. */
export function lowerSwitch(s: SwitchStatement): Switch {
  const sw: Switch = { name: s.name };
  for (const o of s.options) applySwitchOption(sw, o);
  return sw;
}

function applySwitchOption(sw: Switch, o: SwitchOptionNode): void {
  switch (o.kind) {
    case "enable":
      sw.enabled = o.enabled;
      break;
    case "group":
      sw.group = o.group;
      break;
    case "interface":
      sw.interface = o.name;
      break;
    case "locked-lladdr":
      sw.lockedLladdr = true;
      break;
    case "rdomain":
      sw.rdomain = o.rdomain;
      break;
    case "up":
      sw.up = o.up;
      break;
  }
}

/** The model of one vm statement. */
export function lowerVm(s: VmStatement): Vm {
  const vm: Vm = { name: s.name, disks: [], interfaces: [] };
  if (s.instanceOf !== undefined) vm.instanceOf = s.instanceOf;
  let allowed: Set<InstanceAllowance> | undefined;
  let allowOwner: Owner | undefined;
  for (const o of s.options) {
    applyVmOption(vm, o);
    if (o.kind === "allow-instance") {
      allowed ??= new Set();
      for (const f of o.options) allowed.add(f);
      if (o.owner) allowOwner = o.owner;
    }
  }
  if (allowed) {
    const allowInstance: AllowInstance = { options: INSTANCE_ALLOWANCES.filter((f) => allowed!.has(f)) };
    if (allowOwner) allowInstance.owner = allowOwner;
    vm.allowInstance = allowInstance;
  }
  return vm;
}

function applyVmOption(vm: Vm, o: VmOptionNode): void {
  switch (o.kind) {
    case "enable":
      vm.enabled = o.enabled;
      break;
    case "disk":
      vm.disks.push(o.disk);
      break;
    case "interface":
      vm.interfaces.push(o.iface);
      break;
    case "boot":
      vm.boot ??= o.path;
      break;
    case "boot-device":
      vm.bootDevice = o.device;
      break;
    case "cdrom":
      vm.cdrom ??= o.path;
      break;
    case "interfaces":
      vm.interfaceCount ??= o.count;
      break;
    case "memory":
      vm.memory ??= o.memory;
      break;
    case "owner":
      vm.owner = o.owner;
      break;
    case "sev":
      vm.sev = true;
      break;
    case "seves":
      vm.seves = true;
      break;
    case "allow-instance":
      break;
  }
}
