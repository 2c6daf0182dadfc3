import { formatOwner, ownerProblem, quote, UnwritableValueError, type Owner } from "@obsdconf/core";
import type { AllowInstance, Disk, Switch, Vm, VmConf, VmInterface } from "./model.js";
import { NEWEST_RELEASE, vmdFeatures } from "./releases.js";

const KEYWORDS = vmdFeatures(NEWEST_RELEASE).keywords;

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Indentation of block options (default one tab). */
  indent?: string;
}

/**
 * Canonical vm.conf text for a model: globals first, then switches, then
 * VMs, blocks separated by blank lines, one option per line. Throws
 * {@link UnwritableValueError} (with the field's path) for a value that
 * cannot be written so that vmd reads it back the same.
 */
export function generate(model: VmConf, options: GenerateOptions = {}): string {
  const indent = options.indent ?? "\t";
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

/** `name = "value"`. */
export function macroText(name: string, value: string, field: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
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
    const p = model.localInet6.prefix;
    out.push(p === undefined ? "local inet6" : `local inet6 prefix ${str(p, "localInet6.prefix")}`);
  }
  if (model.socketOwner !== undefined) out.push(`socket owner ${ownerText(model.socketOwner, "socketOwner")}`);
  if (model.agentx !== undefined) {
    let line = "agentx";
    if (model.agentx.context !== undefined) line += ` context ${str(model.agentx.context, "agentx.context")}`;
    if (model.agentx.path !== undefined) line += ` path ${str(model.agentx.path, "agentx.path")}`;
    out.push(line);
  }
  if (model.staggeredStart !== undefined) {
    const s = model.staggeredStart;
    out.push(
      `staggered start parallel ${int(s.parallel, "staggeredStart.parallel")} delay ${int(s.delay, "staggeredStart.delay")}`,
    );
  }
  return out;
}

/** Option lines of a switch, without indentation. */
export function switchOptionTexts(sw: Switch, field: string): string[] {
  const out: string[] = [];
  if (sw.interface !== undefined) out.push(`interface ${str(sw.interface, `${field}.interface`)}`);
  if (sw.enabled !== undefined) out.push(sw.enabled ? "enable" : "disable");
  if (sw.group !== undefined) out.push(`group ${str(sw.group, `${field}.group`)}`);
  if (sw.lockedLladdr) out.push("locked lladdr");
  if (sw.rdomain !== undefined) out.push(`rdomain ${int(sw.rdomain, `${field}.rdomain`)}`);
  if (sw.up !== undefined) out.push(sw.up ? "up" : "down");
  return out;
}

/** Header of a switch block, up to the name. */
export function switchHeader(sw: Switch, field: string): string {
  return `switch ${str(sw.name, `${field}.name`, true)}`;
}

/** A whole switch block with its final newline. */
export function switchText(sw: Switch, indent: string, field: string): string {
  return blockText(switchHeader(sw, field), switchOptionTexts(sw, field), indent, field);
}

/** Header of a vm block, up to the (instance) name. */
export function vmHeader(vm: Vm, field: string): string {
  const name = str(vm.name, `${field}.name`, true);
  if (vm.instanceOf === undefined) return `vm ${name}`;
  return `vm ${str(vm.instanceOf, `${field}.instanceOf`, true)} instance ${name}`;
}

/** The kinds of vm options in canonical order, each with its text(s). */
export function vmOptionTexts(vm: Vm, field: string): Array<{ key: VmOptionKey; text: string }> {
  const out: Array<{ key: VmOptionKey; text: string }> = [];
  const add = (key: VmOptionKey, text: string): void => {
    out.push({ key, text });
  };
  if (vm.enabled !== undefined) add("enabled", vm.enabled ? "enable" : "disable");
  if (vm.owner !== undefined) add("owner", `owner ${ownerText(vm.owner, `${field}.owner`)}`);
  if (vm.memory !== undefined) add("memory", `memory ${memoryText(vm.memory, `${field}.memory`)}`);
  if (vm.boot !== undefined) add("boot", `boot ${str(vm.boot, `${field}.boot`, true)}`);
  if (vm.bootDevice !== undefined) add("bootDevice", `boot device ${vm.bootDevice}`);
  if (vm.cdrom !== undefined) add("cdrom", `cdrom ${str(vm.cdrom, `${field}.cdrom`, true)}`);
  vm.disks.forEach((d, i) => add("disks", diskText(d, `${field}.disks[${i}]`)));
  if (vm.interfaceCount !== undefined) add("interfaceCount", `interfaces ${int(vm.interfaceCount, `${field}.interfaceCount`)}`);
  vm.interfaces.forEach((f, i) => add("interfaces", interfaceText(f, `${field}.interfaces[${i}]`)));
  if (vm.allowInstance !== undefined) add("allowInstance", allowInstanceText(vm.allowInstance, `${field}.allowInstance`));
  if (vm.sev) add("sev", "sev");
  if (vm.seves) add("seves", "seves");
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
  return `${header} {\n${options.map((o) => `${indent}${o}\n`).join("")}}\n`;
}

/** `disk "path" [format F]`. */
export function diskText(disk: Disk, field: string): string {
  const path = `disk ${str(disk.path, `${field}.path`, true)}`;
  return disk.format === undefined ? path : `${path} format ${str(disk.format, `${field}.format`)}`;
}

/** `[local] interface [name] [{ options }]`. */
export function interfaceText(f: VmInterface, field: string): string {
  let text = f.local ? "local interface" : "interface";
  if (f.name !== undefined) text += ` ${str(f.name, `${field}.name`)}`;
  const opts: string[] = [];
  if (f.switch !== undefined) opts.push(`switch ${str(f.switch, `${field}.switch`, true)}`);
  if (f.group !== undefined) opts.push(`group ${str(f.group, `${field}.group`)}`);
  if (f.lladdr !== undefined) opts.push(`${f.locked ? "locked " : ""}lladdr ${str(f.lladdr, `${field}.lladdr`)}`);
  else if (f.locked) opts.push("locked lladdr");
  if (f.rdomain !== undefined) opts.push(`rdomain ${int(f.rdomain, `${field}.rdomain`)}`);
  if (f.up !== undefined) opts.push(f.up ? "up" : "down");
  return opts.length ? `${text} { ${opts.join(" ")} }` : text;
}

/** `allow instance FLAG` or `allow instance { FLAG, ... }`. */
export function allowInstanceText(allow: AllowInstance, field: string): string {
  const items: string[] = [...allow.options];
  if (allow.owner !== undefined) items.push(`owner ${ownerText(allow.owner, `${field}.owner`)}`);
  if (items.length === 0) throw new UnwritableValueError("", "allow instance needs at least one option", field);
  return items.length === 1 ? `allow instance ${items[0]}` : `allow instance { ${items.join(", ")} }`;
}

/** An owner: a bare number for a uid, else `user`, `user:group` or `:group`. */
export function ownerText(owner: Owner, field: string): string {
  const problem = ownerProblem(owner);
  if (problem) throw new UnwritableValueError(JSON.stringify(owner), problem, field);
  if (owner.uid !== undefined) return String(owner.uid);
  return str(formatOwner(owner), field);
}

function memoryText(memory: string, field: string): string {
  return /^[0-9]{1,18}$/.test(memory) ? memory : str(memory, field);
}

function str(value: string, field: string, alwaysQuote = false): string {
  if (typeof value !== "string") throw new UnwritableValueError(String(value), "not a string", field);
  return quote(value, { keywords: KEYWORDS, field, alwaysQuote });
}

function int(value: number, field: string): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new UnwritableValueError(String(value), "must be a non-negative integer", field);
  }
  return String(value);
}
