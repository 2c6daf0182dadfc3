// vmd's checks, written once: the grammar's actions run them on tokens
// (positions), validate() runs them on a model (paths).

import { byteLength, parseIPv4, parseIPv6, parseMac, scanScaled, type Severity } from "@obsdconf/core";
import { posix } from "node:path";
import {
  AGENTX_CONTEXT_MAX,
  AGENTX_PATH_BUFFER,
  IF_NAMESIZE,
  MEGABYTE,
  RT_TABLEID_MAX,
  VM_MAX_DISKS,
  VM_MAX_NICS,
  VM_NAME_MAX,
} from "./limits.js";
import type { VmdFeatures } from "./releases.js";
import type { VmConf } from "./model.js";

/**
 * One message of a check. `abort` marks an error after which vmd abandons
 * the statement (its action ends in YYERROR); `bare` marks a message vmd
 * prints without file and line (log_warnx from a helper).
 */
export interface Finding {
  /** Severity. */
  severity: Severity;
  /** Stable code. */
  code: string;
  /** vmd's wording. */
  message: string;
  /** vmd abandons the statement after this message. */
  abort: boolean;
  /** Printed by vmd without file and line. */
  bare: boolean;
}

function error(code: string, message: string, abort = true): Finding {
  return { severity: "error", code, message, abort, bare: false };
}

function bare(code: string, message: string, severity: Severity = "error"): Finding {
  return { severity, code, message, abort: false, bare: true };
}

const NONE: readonly Finding[] = [];

/** `name = value`: the name may not contain whitespace (vmd skips the first character). */
export function macroNameFindings(name: string): readonly Finding[] {
  return /\s/.test(name.slice(1)) ? [error("MACRO_NAME_WHITESPACE", "macro name cannot contain whitespace")] : NONE;
}

/** The name of a vm (or its parent's name, for an instance). */
export function vmNameFindings(name: string, instanceOf: string | undefined): readonly Finding[] {
  if (instanceOf !== undefined && byteLength(instanceOf) >= VM_NAME_MAX) {
    return [error("VM_NAME_TOO_LONG", `vm ${instanceOf} name too long`)];
  }
  return byteLength(name) >= VM_NAME_MAX ? [error("VM_NAME_TOO_LONG", "vm name too long")] : NONE;
}

/** `switch` block without an `interface`. */
export function switchInterfaceMissing(name: string): Finding {
  return error("SWITCH_MISSING_INTERFACE", `switch "${name}" is missing interface name`);
}

/** A switch's `interface` (a bridge or veb, or switch in old releases). */
export function switchInterfaceFindings(name: string, features: VmdFeatures): readonly Finding[] {
  const type = interfaceType(name);
  if (type === undefined || !features.switchTypes.includes(type)) {
    return [error("INVALID_SWITCH_INTERFACE", `invalid switch interface: ${name}`)];
  }
  if (byteLength(name) >= IF_NAMESIZE) return [error("SWITCH_INTERFACE_TOO_LONG", `switch interface too long: ${name}`)];
  return NONE;
}

/** An interface group name. */
export function groupFindings(name: string): readonly Finding[] {
  return validGroup(name) ? NONE : [error("INVALID_GROUP", `invalid group name: ${name}`)];
}

/** A routing domain. */
export function rdomainFindings(rdomain: number, text = String(rdomain)): readonly Finding[] {
  return rdomain < 0 || rdomain > RT_TABLEID_MAX ? [error("INVALID_RDOMAIN", `invalid rdomain: ${text}`)] : NONE;
}

/** The switch an interface connects to. */
export function interfaceSwitchFindings(name: string): readonly Finding[] {
  return byteLength(name) >= VM_NAME_MAX ? [error("SWITCH_NAME_TOO_LONG", `switch name too long: ${name}`)] : NONE;
}

/** An `lladdr` value; vmd reads it with ether_aton(3). */
export function lladdrFindings(value: string): readonly Finding[] {
  return parseMac(value) === undefined ? [error("INVALID_LLADDR", `invalid address: ${value}`)] : NONE;
}

/** A vm's interface, after its options: `count` is its number among the vm's interfaces (1-based). */
export function vmInterfaceFindings(name: string | undefined, count: number): readonly Finding[] {
  if (count > VM_MAX_NICS) return [error("TOO_MANY_INTERFACES", `too many interfaces: ${count}`)];
  if (name === undefined) return NONE;
  const type = name === "tap" ? "tap" : interfaceType(name);
  if (type !== "tap") return [error("INVALID_INTERFACE", `invalid interface: ${name}`)];
  if (byteLength(name) >= IF_NAMESIZE) return [error("INTERFACE_NAME_TOO_LONG", `interface name too long: ${name}`)];
  return NONE;
}

/** `interfaces N`: `already` when given before in the block. */
export function interfacesFindings(count: number, already: boolean, text = String(count)): readonly Finding[] {
  if (already) return [error("INTERFACES_MORE_THAN_ONCE", "interfaces specified more than once")];
  if (count < 0 || count > VM_MAX_NICS) return [error("TOO_MANY_INTERFACES", `too many interfaces: ${text}`)];
  return NONE;
}

const DISK_FORMAT = /^(raw|qcow2)$/i;

/** `disk PATH [format F]`: `before` is the number of disks given before it. */
export function diskFindings(path: string, format: string | undefined, before: number, features: VmdFeatures): readonly Finding[] {
  const badFormat = format !== undefined && format !== "qcow2" && format !== "raw" && !DISK_FORMAT.test(format);
  let reason: Finding | undefined;
  if (before >= VM_MAX_DISKS) reason = bare("TOO_MANY_DISKS", "too many disks");
  else if (resolvedLength(path) >= features.pathBuffer) {
    reason = bare("DISK_PATH_TOO_LONG", features.oldMemoryMessages ? "disk path too long" : `disk ${path}: File name too long`);
  }
  if (!badFormat && !reason) return NONE;
  const out: Finding[] = [];
  if (badFormat) out.push(error("UNRECOGNIZED_DISK_FORMAT", `unrecognized disk format ${format}`));
  if (reason) out.push(reason, error("FAILED_TO_PARSE_DISKS", `failed to parse disks: ${path}`));
  return out;
}

/** `boot PATH`. */
export function bootFindings(path: string, already: boolean, features: VmdFeatures): readonly Finding[] {
  if (already) return [error("KERNEL_MORE_THAN_ONCE", "kernel specified more than once")];
  if (resolvedLength(path) >= features.pathBuffer) {
    return features.oldMemoryMessages
      ? [error("KERNEL_NAME_TOO_LONG", "kernel name too long")]
      : [error("KERNEL_PATH_NOT_FOUND", "kernel path not found: File name too long")];
  }
  return NONE;
}

/** `cdrom PATH`. */
export function cdromFindings(path: string, already: boolean, features: VmdFeatures): readonly Finding[] {
  if (already) return [error("CDROM_MORE_THAN_ONCE", "cdrom specified more than once")];
  if (byteLength(path) >= features.pathBuffer) return [error("CDROM_NAME_TOO_LONG", "cdrom name too long")];
  return NONE;
}

const failedSize = (value: string): Finding => error("FAILED_TO_PARSE_SIZE", `failed to parse size: ${value}`);

/**
 * `memory SIZE`: `isNumber` when written as a plain number of bytes,
 * `already` when memory was given before in the block.
 */
export function memoryFindings(value: string, isNumber: boolean, already: boolean, features: VmdFeatures): readonly Finding[] {
  if (already) {
    return [error("MEMORY_MORE_THAN_ONCE", isNumber ? "memory specified more than once" : "argument specified more than once")];
  }
  let bytes: number;
  if (isNumber) {
    bytes = Number(value);
  } else {
    const scanned = scanScaled(value);
    if (!scanned.ok) {
      const text = features.oldMemoryMessages ? `invalid size: ${value}: ${scanned.error}` : `invalid memory size: ${value}: ${scanned.error}`;
      return [bare("INVALID_SIZE", text), failedSize(value)];
    }
    bytes = scanned.bytes;
  }
  if (bytes < MEGABYTE) {
    return [bare("MEMORY_TOO_SMALL", features.oldMemoryMessages ? "size must be at least one megabyte" : "memory size must be at least 1MB"), failedSize(value)];
  }
  const max = features.maxMemory;
  if (max !== undefined && bytes > max) return [bare("MEMORY_TOO_LARGE", `memory size too large (limit is ${max / 1024 ** 3}G)`), failedSize(value)];
  const megabytes = Math.floor(bytes / MEGABYTE);
  if (features.oldMemoryMessages && megabytes * MEGABYTE !== bytes) {
    return [bare("MEMORY_ROUNDED", `size rounded to ${megabytes} megabytes`, "warning")];
  }
  return NONE;
}

/** `local prefix` (IPv4). */
export function localPrefixFindings(text: string, features: VmdFeatures): readonly Finding[] {
  if (features.modernPrefixes) {
    const reason = modernPrefixProblem(text, 4);
    return reason ? [error("INVALID_LOCAL_PREFIX", `invalid local prefix: ${reason}`)] : NONE;
  }
  const result = hostPrefix(text);
  const out: Finding[] = [];
  if (result.lengthProblem) out.push(bare("INVALID_PREFIX_LENGTH", result.lengthProblem));
  if (!result.ok || result.family !== 4 || result.length > 32) out.push(error("INVALID_LOCAL_PREFIX", `invalid local prefix: ${text}`));
  return out;
}

/** `local inet6 prefix`. */
export function localInet6PrefixFindings(text: string, features: VmdFeatures): readonly Finding[] {
  if (features.modernPrefixes) {
    const reason = modernPrefixProblem(text, 6);
    return reason ? [error("INVALID_LOCAL_INET6_PREFIX", `invalid local inet6 prefix: ${reason}`)] : NONE;
  }
  const result = hostPrefix(text);
  const out: Finding[] = [];
  if (result.lengthProblem) out.push(bare("INVALID_PREFIX_LENGTH", result.lengthProblem));
  if (!result.ok || result.family !== 6 || result.length > 64) out.push(error("INVALID_LOCAL_INET6_PREFIX", `invalid local inet6 prefix: ${text}`));
  return out;
}

/** `agentx context`. */
export function agentxContextFindings(context: string): readonly Finding[] {
  return byteLength(context) > AGENTX_CONTEXT_MAX ? [error("AGENTX_CONTEXT_TOO_LARGE", "agentx context too large")] : NONE;
}

/** `agentx path`. */
export function agentxPathFindings(path: string): readonly Finding[] {
  if (!path.startsWith("/")) return [error("AGENTX_PATH_NOT_ABSOLUTE", "agentx path is not absolute")];
  if (byteLength(path) >= AGENTX_PATH_BUFFER) return [error("AGENTX_PATH_TOO_LARGE", "agentx path too large")];
  return NONE;
}

/** Interface type of `name` (`bridge` of `bridge0`), or undefined when it has no unit number. */
export function interfaceType(name: string): string | undefined {
  const match = /^([^0-9]+)([0-9]+)$/.exec(name);
  if (!match || match[1]!.length >= IF_NAMESIZE - 1) return undefined;
  return match[1];
}

/** A valid interface group name: shorter than 16 bytes, not ending in a digit. */
export function validGroup(name: string): boolean {
  return name.length > 0 && byteLength(name) < IF_NAMESIZE && !/[0-9]$/.test(name);
}

// realpath(3) makes a path absolute; relative paths are measured against "/",
// the shortest working directory, so a reported error is certain.
function resolvedLength(path: string): number {
  // Short paths cannot reach a limit (a UTF-16 unit is at most 3 bytes; resolving adds a "/").
  if ((path.length + 1) * 3 < 128) return path.length;
  const alreadyResolved = path.startsWith("/") && !/\/\/|\/\.\.?(\/|$)|.\/$/.test(path);
  return byteLength(alreadyResolved ? path : posix.resolve("/", path));
}

interface HostPrefix {
  ok: boolean;
  family: 4 | 6 | undefined;
  length: number;
  lengthProblem: string | undefined;
}

// host() of vmd 6.5: `address[/len]`, len 0..128 (default 128); the address
// is read by getaddrinfo(3), which takes decimal octets with leading zeros.
function hostPrefix(text: string): HostPrefix {
  const slash = text.lastIndexOf("/");
  let length = 128;
  const address = slash < 0 ? text : text.slice(0, slash);
  if (slash >= 0) {
    const lengthText = text.slice(slash + 1);
    const problem = strtonumProblem(lengthText, 0, 128);
    if (problem) return { ok: false, family: undefined, length, lengthProblem: `prefixlen is ${problem}: ${lengthText}` };
    length = Number(lengthText);
  }
  const family = addressFamily(address);
  return { ok: family !== undefined, family, length, lengthProblem: undefined };
}

function addressFamily(address: string): 4 | 6 | undefined {
  if (parseIPv4(address, { leadingZeros: true })) return 4;
  if (address.includes(":") && parseIPv6(address, { leadingZeros: true })) return 6;
  return undefined;
}

function strtonumProblem(text: string, min: number, max: number): string | undefined {
  if (!/^[ \t]*[+-]?[0-9]+$/.test(text)) return "invalid";
  const n = Number(text);
  if (n < min) return "too small";
  if (n > max) return "too large";
  return undefined;
}

// parse_prefix4/6 of newer vmd: the reason is what the message shows. IPv4
// is read as inet_net_pton(3) does (1 to 4 octets, the rest zero).
function modernPrefixProblem(text: string, family: 4 | 6): string | undefined {
  const slash = text.lastIndexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  let length = family === 4 ? 16 : 64;
  if (slash >= 0) {
    const problem = strtonumProblem(text.slice(slash + 1), family === 4 ? 1 : 0, family === 4 ? 16 : 64);
    if (problem) return problem;
    length = Number(text.slice(slash + 1));
  }
  let bytes: number[];
  if (family === 4) {
    const parts = address.split(".");
    if (parts.length > 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) return "invalid format";
    bytes = [0, 1, 2, 3].map((i) => Number(parts[i] ?? 0));
  } else {
    const groups = address.includes(":") ? parseIPv6(address, { leadingZeros: true }) : undefined;
    if (!groups) return "invalid format";
    bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  }
  for (let bit = length; bit < bytes.length * 8; bit++) {
    if ((bytes[bit >> 3]! >> (7 - (bit & 7))) & 1) return "bad mask";
  }
  return undefined;
}

// ----- checks vmd makes when it loads the configuration -----

/** Where a load-time problem is: a switch, a vm, or one of a vm's interfaces (indexes into the model's lists). */
export type LoadPlace = { switch: number } | { vm: number; interface?: number };

/** A load-time warning. */
export interface LoadProblem {
  /** Stable code. */
  code: string;
  /** Text. */
  message: string;
  /** Where. */
  place: LoadPlace;
}

const VM_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * Checks vmd makes only when it loads the configuration, not in `vmd -n`:
 * warnings with codes of their own, in file order. `complete` is false when
 * included files were not read (switches and parents may be defined there).
 */
export function loadChecks(model: VmConf, complete: boolean, includedSwitches: readonly string[] = []): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const switchNames = new Set(includedSwitches);
  for (const s of model.switches) switchNames.add(s.name);
  const seenSwitches = new Set<string>();
  model.switches.forEach((s, i) => {
    if (seenSwitches.has(s.name)) problems.push({ code: "DUPLICATE_SWITCH", message: `switch "${s.name}" is defined more than once`, place: { switch: i } });
    seenSwitches.add(s.name);
  });
  // Sorting tells whether any name or address repeats, faster than hashing
  // them all; only then (or with instances, whose parent must come first)
  // are they followed one by one.
  const lladdrs: string[] = [];
  for (const vm of model.vms) for (const iface of vm.interfaces) if (iface.lladdr !== undefined) lladdrs.push(iface.lladdr);
  const followNames = model.vms.some((vm) => vm.instanceOf !== undefined) || !allDistinct(model.vms.map((vm) => vm.name));
  const followLladdrs = !allDistinct(lladdrs);
  const vmNames = new Set<string>();
  const macs = new Set<string>();
  for (let i = 0; i < model.vms.length; i++) {
    const vm = model.vms[i]!;
    if (!VM_NAME_PATTERN.test(vm.name)) {
      problems.push({
        code: "INVALID_VM_NAME",
        message: `vm name "${vm.name}" must start with a letter and contain only letters, digits, '.', '-' and '_'`,
        place: { vm: i },
      });
    }
    if (followNames) {
      const names = vmNames.size;
      const duplicate = vmNames.add(vm.name).size === names;
      if (duplicate) problems.push({ code: "DUPLICATE_VM", message: `vm "${vm.name}" is defined more than once`, place: { vm: i } });
      const parentBefore = vm.instanceOf === vm.name ? duplicate : vm.instanceOf !== undefined && vmNames.has(vm.instanceOf);
      if (vm.instanceOf !== undefined && !parentBefore && complete) {
        problems.push({ code: "UNKNOWN_PARENT_VM", message: `vm "${vm.name}" is an instance of "${vm.instanceOf}", which is not defined before it`, place: { vm: i } });
      }
    }
    for (let j = 0; j < vm.interfaces.length; j++) {
      const iface = vm.interfaces[j]!;
      if (iface.switch !== undefined && complete && !switchNames.has(iface.switch)) {
        problems.push({ code: "UNKNOWN_SWITCH", message: `vm "${vm.name}": interface uses switch "${iface.switch}", which is not defined`, place: { vm: i, interface: j } });
      }
      if (followLladdrs && iface.lladdr !== undefined) {
        const used = macs.size;
        if (macs.add(iface.lladdr).size === used) {
          const owner = firstUserOf(model, iface.lladdr);
          problems.push({ code: "DUPLICATE_LLADDR", message: `vm "${vm.name}": lladdr ${iface.lladdr} is already used by vm "${owner}"`, place: { vm: i, interface: j } });
        }
      }
    }
  }
  return problems;
}

function allDistinct(values: string[]): boolean {
  values.sort();
  for (let i = 1; i < values.length; i++) if (values[i] === values[i - 1]) return false;
  return true;
}

function firstUserOf(model: VmConf, lladdr: string): string | undefined {
  return model.vms.find((vm) => vm.interfaces.some((f) => f.lladdr === lladdr))?.name;
}
