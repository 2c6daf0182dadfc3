import { checkedArray, checkedBoolean, checkedIndent, checkedMember, checkedRecord, formatOwner, ownerProblem, quote, UnwritableValueError, type Owner } from "@obsdconf/core";
import { RT_TABLEID_MAX, VM_MAX_NICS } from "./limits.js";
import {
  INSTANCE_ALLOWANCES,
  type AllowInstance,
  type BootDevice,
  type Disk,
  type Switch,
  type Vm,
  type VmConf,
  type VmInterface,
} from "./model.js";
import { NEWEST_RELEASE, vmdFeatures } from "./releases.js";

// Every function here checks, at run time, the part of the model it writes:
// a model read from JSON has no TypeScript types, and a value written
// verbatim could close a block and open another. Fields are refused with
// UnwritableValueError naming their path (`vms[2].bootDevice`).

const KEYWORDS = vmdFeatures(NEWEST_RELEASE).keywords;

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Indentation of block options: blanks and tabs only (default one tab). */
  indent?: string;
}

/**
 * Canonical vm.conf text for a model: globals first, then switches, then
 * VMs, blocks separated by blank lines, one option per line. Every field is
 * checked at run time against the model's types (a model parsed from JSON
 * has none): a value of the wrong type, an unknown field, a number out of
 * range, a lone UTF-16 surrogate or any value that would not read back the
 * same throws {@link UnwritableValueError} naming the field's path. A flag
 * (`lockedLladdr`, `local`, `locked`, `sev`, `seves`) set to false is written
 * as nothing, like an absent one. Limits vmd checks on values it reads
 * (memory size, path lengths, names of groups and interfaces) are
 * `validate`'s to report.
 */
export function generate(model: VmConf, options: GenerateOptions = {}): string {
  const indent = indentText(options);
  checkModel(model);
  const head: string[] = [];
  model.macros.forEach((m, i) => head.push(macroText(m.name, m.value, `macros[${i}]`)));
  model.includes.forEach((path, i) => head.push(includeText(path, `includes[${i}]`)));
  head.push(...globalTexts(model));
  const blocks = [
    ...model.switches.map((sw, i) => switchText(sw, indent, `switches[${i}]`)),
    ...model.vms.map((vm, i) => vmText(vm, indent, `vms[${i}]`)),
  ];
  const parts: string[] = [];
  if (head.length) parts.push(head.map((l) => `${l}\n`).join(""));
  parts.push(...blocks);
  return parts.join("\n");
}

/** The indentation of {@link GenerateOptions}, checked: blanks and tabs only. */
function indentText(options: GenerateOptions): string {
  if (typeof options !== "object" || options === null) {
    throw new UnwritableValueError(options, "generate's options are an object", "options");
  }
  return checkedIndent(options.indent === undefined ? "\t" : options.indent);
}

const MODEL_FIELDS = [
  "macros",
  "includes",
  "localPrefix",
  "localInet6",
  "socketOwner",
  "agentx",
  "staggeredStart",
  "switches",
  "vms",
] as const;

/**
 * Checks the shape of a model at run time, down to the objects in its lists:
 * an object with only the fields of {@link VmConf}; macros, switches and VMs
 * objects with only their own fields; a VM's disks and interfaces arrays of
 * objects. Cheap (no text is made), so `update` can call it first; the text
 * functions check the values they write. Throws {@link UnwritableValueError}
 * naming the field. Items that are the very objects at the same index of
 * `checked` (a model known to be well formed, such as a parsed one) are
 * skipped, so checking an update's copy-on-write result costs only what
 * changed.
 */
export function checkModel(model: unknown, checked?: VmConf): asserts model is VmConf {
  const m = record(model, "", MODEL_FIELDS, "a vm.conf model");
  const same = (list: keyof VmConf, item: unknown, i: number): boolean =>
    checked !== undefined && Array.isArray(checked[list]) && (checked[list] as unknown[])[i] === item;
  array(m.includes, "includes");
  array(m.macros, "macros").forEach((item, i) => same("macros", item, i) || record(item, `macros[${i}]`, ["name", "value"], "a macro"));
  array(m.switches, "switches").forEach((item, i) => same("switches", item, i) || record(item, `switches[${i}]`, SWITCH_FIELDS, "a switch"));
  array(m.vms, "vms").forEach((item, i) => {
    if (same("vms", item, i)) return;
    const vm = record(item, `vms[${i}]`, VM_FIELDS, "a vm");
    array(vm.disks, `vms[${i}].disks`).forEach((d, j) => record(d, `vms[${i}].disks[${j}]`, DISK_FIELDS, "a disk"));
    array(vm.interfaces, `vms[${i}].interfaces`).forEach((f, j) =>
      record(f, `vms[${i}].interfaces[${j}]`, INTERFACE_FIELDS, "an interface"),
    );
  });
}

/** `name = "value"`. */
export function macroText(name: string, value: string, field: string): string {
  if (typeof name !== "string" || !/^[A-Za-z0-9_]+$/.test(name)) {
    throw new UnwritableValueError(name, "a macro name is letters, digits and '_'", `${field}.name`);
  }
  return `${quote(name, { keywords: KEYWORDS, field: `${field}.name` })} = ${str(value, `${field}.value`, true)}`;
}

/** `include "path"`. */
export function includeText(path: string, field: string): string {
  return `include ${str(path, field, true)}`;
}

/** Global option lines of a model, in canonical order. */
export function globalTexts(model: VmConf): string[] {
  const out: string[] = [];
  if (model.localPrefix !== undefined) out.push(`local prefix ${str(model.localPrefix, "localPrefix")}`);
  if (model.localInet6 !== undefined) {
    const p = record(model.localInet6, "localInet6", ["prefix"]).prefix;
    out.push(p === undefined ? "local inet6" : `local inet6 prefix ${str(p, "localInet6.prefix")}`);
  }
  if (model.socketOwner !== undefined) out.push(`socket owner ${ownerText(model.socketOwner, "socketOwner")}`);
  if (model.agentx !== undefined) {
    const a = record(model.agentx, "agentx", ["context", "path"]);
    let line = "agentx";
    if (a.context !== undefined) line += ` context ${str(a.context, "agentx.context")}`;
    if (a.path !== undefined) line += ` path ${str(a.path, "agentx.path")}`;
    out.push(line);
  }
  if (model.staggeredStart !== undefined) {
    const s = record(model.staggeredStart, "staggeredStart", ["parallel", "delay"]);
    out.push(
      `staggered start parallel ${int(s.parallel, "staggeredStart.parallel")} delay ${int(s.delay, "staggeredStart.delay")}`,
    );
  }
  return out;
}

const SWITCH_FIELDS = ["name", "interface", "enabled", "group", "lockedLladdr", "rdomain", "up"] as const;

/** Option lines of a switch, without indentation. */
export function switchOptionTexts(sw: Switch, field: string): string[] {
  record(sw, field, SWITCH_FIELDS, "a switch");
  const out: string[] = [];
  if (sw.interface !== undefined) out.push(`interface ${str(sw.interface, `${field}.interface`)}`);
  if (bool(sw.enabled, `${field}.enabled`) !== undefined) out.push(sw.enabled ? "enable" : "disable");
  if (sw.group !== undefined) out.push(`group ${str(sw.group, `${field}.group`)}`);
  if (bool(sw.lockedLladdr, `${field}.lockedLladdr`)) out.push("locked lladdr");
  if (sw.rdomain !== undefined) out.push(`rdomain ${int(sw.rdomain, `${field}.rdomain`, RT_TABLEID_MAX)}`);
  if (bool(sw.up, `${field}.up`) !== undefined) out.push(sw.up ? "up" : "down");
  return out;
}

/** Header of a switch block, up to the name. */
export function switchHeader(sw: Switch, field: string): string {
  record(sw, field, SWITCH_FIELDS, "a switch");
  return `switch ${str(sw.name, `${field}.name`, true)}`;
}

/** A whole switch block with its final newline. */
export function switchText(sw: Switch, indent: string, field: string): string {
  return blockText(switchHeader(sw, field), switchOptionTexts(sw, field), indent, field);
}

const VM_FIELDS = [
  "name",
  "instanceOf",
  "enabled",
  "boot",
  "bootDevice",
  "cdrom",
  "disks",
  "interfaces",
  "interfaceCount",
  "memory",
  "owner",
  "allowInstance",
  "sev",
  "seves",
] as const;

/** Header of a vm block, up to the (instance) name. */
export function vmHeader(vm: Vm, field: string): string {
  record(vm, field, VM_FIELDS, "a vm");
  const name = str(vm.name, `${field}.name`, true);
  if (vm.instanceOf === undefined) return `vm ${name}`;
  return `vm ${str(vm.instanceOf, `${field}.instanceOf`, true)} instance ${name}`;
}

const BOOT_DEVICES: readonly BootDevice[] = ["cdrom", "disk", "net"];

/** The kinds of vm options in canonical order, each with its text(s). */
export function vmOptionTexts(vm: Vm, field: string): Array<{ key: VmOptionKey; text: string }> {
  record(vm, field, VM_FIELDS, "a vm");
  const out: Array<{ key: VmOptionKey; text: string }> = [];
  const add = (key: VmOptionKey, text: string): void => {
    out.push({ key, text });
  };
  if (bool(vm.enabled, `${field}.enabled`) !== undefined) add("enabled", vm.enabled ? "enable" : "disable");
  if (vm.owner !== undefined) add("owner", `owner ${ownerText(vm.owner, `${field}.owner`)}`);
  if (vm.memory !== undefined) add("memory", `memory ${memoryText(vm.memory, `${field}.memory`)}`);
  if (vm.boot !== undefined) add("boot", `boot ${str(vm.boot, `${field}.boot`, true)}`);
  if (vm.bootDevice !== undefined) add("bootDevice", `boot device ${member(vm.bootDevice, BOOT_DEVICES, `${field}.bootDevice`)}`);
  if (vm.cdrom !== undefined) add("cdrom", `cdrom ${str(vm.cdrom, `${field}.cdrom`, true)}`);
  array(vm.disks, `${field}.disks`).forEach((d, i) => add("disks", diskText(d as Disk, `${field}.disks[${i}]`)));
  if (vm.interfaceCount !== undefined) {
    add("interfaceCount", `interfaces ${int(vm.interfaceCount, `${field}.interfaceCount`, VM_MAX_NICS)}`);
  }
  array(vm.interfaces, `${field}.interfaces`).forEach((f, i) =>
    add("interfaces", interfaceText(f as VmInterface, `${field}.interfaces[${i}]`)),
  );
  if (vm.allowInstance !== undefined) add("allowInstance", allowInstanceText(vm.allowInstance, `${field}.allowInstance`));
  if (bool(vm.sev, `${field}.sev`)) add("sev", "sev");
  if (bool(vm.seves, `${field}.seves`)) add("seves", "seves");
  return out;
}

/** Model fields of a VM that map to option lines. */
export type VmOptionKey =
  | "enabled"
  | "owner"
  | "memory"
  | "boot"
  | "bootDevice"
  | "cdrom"
  | "disks"
  | "interfaceCount"
  | "interfaces"
  | "allowInstance"
  | "sev"
  | "seves";

/** A whole vm block with its final newline. */
export function vmText(vm: Vm, indent: string, field: string): string {
  return blockText(vmHeader(vm, field), vmOptionTexts(vm, field).map((o) => o.text), indent, field);
}

function blockText(header: string, options: string[], indent: string, field: string): string {
  if (options.length === 0) throw new UnwritableValueError(header, "a block needs at least one option", field);
  indentText({ indent });
  return `${header} {\n${options.map((o) => `${indent}${o}\n`).join("")}}\n`;
}

const DISK_FORMATS = ["raw", "qcow2"] as const;
const DISK_FIELDS = ["path", "format"] as const;

/** `disk "path" [format F]`. */
export function diskText(disk: Disk, field: string): string {
  record(disk, field, DISK_FIELDS, "a disk");
  const path = `disk ${str(disk.path, `${field}.path`, true)}`;
  if (disk.format === undefined) return path;
  return `${path} format ${member(disk.format, DISK_FORMATS, `${field}.format`)}`;
}

const INTERFACE_FIELDS = ["local", "name", "switch", "group", "lladdr", "locked", "rdomain", "up"] as const;
const CANONICAL_MAC = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

/** `[local] interface [name] [{ options }]`. */
export function interfaceText(f: VmInterface, field: string): string {
  record(f, field, INTERFACE_FIELDS, "an interface");
  let text = bool(f.local, `${field}.local`) ? "local interface" : "interface";
  if (f.name !== undefined) text += ` ${str(f.name, `${field}.name`)}`;
  const opts: string[] = [];
  if (f.switch !== undefined) opts.push(`switch ${str(f.switch, `${field}.switch`, true)}`);
  if (f.group !== undefined) opts.push(`group ${str(f.group, `${field}.group`)}`);
  const locked = bool(f.locked, `${field}.locked`);
  if (f.lladdr !== undefined) {
    if (typeof f.lladdr !== "string" || !CANONICAL_MAC.test(f.lladdr)) {
      throw new UnwritableValueError(
        f.lladdr,
        "a MAC address is six two-digit lower-case hex groups joined by ':' (fe:e1:bb:f1:c8:01)",
        `${field}.lladdr`,
      );
    }
    opts.push(`${locked ? "locked " : ""}lladdr ${f.lladdr}`);
  } else if (locked) {
    opts.push("locked lladdr");
  }
  if (f.rdomain !== undefined) opts.push(`rdomain ${int(f.rdomain, `${field}.rdomain`, RT_TABLEID_MAX)}`);
  if (bool(f.up, `${field}.up`) !== undefined) opts.push(f.up ? "up" : "down");
  return opts.length ? `${text} { ${opts.join(" ")} }` : text;
}

/** `allow instance FLAG` or `allow instance { FLAG, ... }`. */
export function allowInstanceText(allow: AllowInstance, field: string): string {
  record(allow, field, ["options", "owner"], "an allow instance object");
  const items: string[] = [];
  let last = -1;
  array(allow.options, `${field}.options`).forEach((option, i) => {
    const at = INSTANCE_ALLOWANCES.indexOf(member(option, INSTANCE_ALLOWANCES, `${field}.options[${i}]`));
    if (at <= last) {
      throw new UnwritableValueError(
        String(option),
        `options are each given once, in the order ${INSTANCE_ALLOWANCES.join(", ")} (the order vmconf reads them in)`,
        `${field}.options[${i}]`,
      );
    }
    last = at;
    items.push(INSTANCE_ALLOWANCES[at]!);
  });
  if (allow.owner !== undefined) items.push(`owner ${ownerText(allow.owner, `${field}.owner`)}`);
  if (items.length === 0) throw new UnwritableValueError("", "allow instance needs at least one option", field);
  return items.length === 1 ? `allow instance ${items[0]}` : `allow instance { ${items.join(", ")} }`;
}

/** Largest uid: uid_t is 32 bits. */
const UID_MAX = 0xffffffff;

/** An owner: a bare number for a uid, else `user`, `user:group` or `:group`. */
export function ownerText(owner: Owner, field: string): string {
  const o = record(owner, field, ["uid", "user", "group"], "an owner ({uid}, {user}, {user, group} or {group})");
  if (o.uid !== undefined) {
    int(o.uid, `${field}.uid`, UID_MAX);
    if (o.user !== undefined || o.group !== undefined) {
      throw new UnwritableValueError(owner, "an owner has a uid or a user and group name, not both", field);
    }
  } else if (o.user === undefined && o.group === undefined) {
    throw new UnwritableValueError(owner, "an owner needs a uid, a user or a group", field);
  }
  // Names are written as one word, `user:group`: string problems name the owner.
  for (const key of ["user", "group"] as const) {
    if (o[key] !== undefined && typeof o[key] !== "string") {
      throw new UnwritableValueError(o[key], "not a string", `${field}.${key}`);
    }
  }
  const problem = ownerProblem(owner);
  if (problem) throw new UnwritableValueError(owner, problem, field);
  if (owner.uid !== undefined) return String(owner.uid);
  return str(formatOwner(owner), field);
}

function memoryText(memory: unknown, field: string): string {
  if (typeof memory !== "string") {
    const hint = typeof memory === "number" ? ` (write it as text, e.g. "${memory}" for bytes or "1G")` : "";
    throw new UnwritableValueError(memory, `memory is a string${hint}`, field);
  }
  return /^[0-9]{1,18}$/.test(memory) ? memory : str(memory, field);
}

function str(value: unknown, field: string, alwaysQuote = false): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, "not a string", field);
  return quote(value, { keywords: KEYWORDS, field, alwaysQuote });
}

function int(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): string {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new UnwritableValueError(value, `must be an integer from 0 to ${max}`, field);
  }
  return String(value);
}

const bool = checkedBoolean;
const member = checkedMember;
const array = checkedArray;
const record = checkedRecord;
