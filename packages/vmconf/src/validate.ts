import { unwritableFinding, type ModelDiagnostic, type ValidateOptions as CoreValidateOptions } from "@obsdconf/core";
import {
  agentxContextFindings,
  agentxPathFindings,
  bootFindings,
  cdromFindings,
  diskFindings,
  groupFindings,
  interfacesFindings,
  interfaceSwitchFindings,
  lladdrFindings,
  loadChecks,
  localInet6PrefixFindings,
  localPrefixFindings,
  macroNameFindings,
  memoryFindings,
  rdomainFindings,
  switchInterfaceFindings,
  switchInterfaceMissing,
  vmInterfaceFindings,
  vmNameFindings,
  type Finding,
} from "./checks.js";
import { generate } from "./generate.js";
import type { VmConf } from "./model.js";
import { vmdFeatures, type Release } from "./releases.js";

/** Options of {@link validate}. */
export type ValidateOptions = CoreValidateOptions<Release>;

/**
 * Checks a model as vmd would check the file {@link generate} writes for it,
 * with vmd's messages; each diagnostic names the field by its path in the
 * model (`vms[2].memory`). A value that cannot be written at all gives an
 * `UNWRITABLE_VALUE` error for that field. Throws `UnknownReleaseError` for
 * an unknown release.
 */
export function validate(model: VmConf, options: ValidateOptions = {}): ModelDiagnostic[] {
  const features = vmdFeatures(options.release);
  try {
    generate(model);
  } catch (error) {
    return [unwritableFinding(error)];
  }
  const out: ModelDiagnostic[] = [];
  // vmd prints a reason and then "failed to parse ..."; one diagnostic per field says it once.
  const add = (findings: readonly Finding[], path: string): void => {
    const reason = findings.find((f) => f.bare && f.severity === "error");
    for (const f of findings) {
      if (reason && f !== reason && f.abort) continue;
      out.push({ severity: f.severity, code: f.code, message: f.message, path });
    }
  };
  model.macros.forEach((m, i) => add(macroNameFindings(m.name), `macros[${i}].name`));
  if (model.localPrefix !== undefined) add(localPrefixFindings(model.localPrefix, features), "localPrefix");
  if (model.localInet6?.prefix !== undefined) add(localInet6PrefixFindings(model.localInet6.prefix, features), "localInet6.prefix");
  if (model.agentx?.context !== undefined) add(agentxContextFindings(model.agentx.context), "agentx.context");
  if (model.agentx?.path !== undefined) add(agentxPathFindings(model.agentx.path), "agentx.path");
  model.switches.forEach((s, i) => {
    const at = `switches[${i}]`;
    if (s.interface !== undefined) add(switchInterfaceFindings(s.interface, features), `${at}.interface`);
    else add([switchInterfaceMissing(s.name)], at);
    if (s.group !== undefined) add(groupFindings(s.group), `${at}.group`);
    if (s.rdomain !== undefined) add(rdomainFindings(s.rdomain), `${at}.rdomain`);
  });
  model.vms.forEach((vm, i) => {
    const at = `vms[${i}]`;
    const names = vmNameFindings(vm.name, vm.instanceOf);
    add(names, names[0]?.message === `vm ${vm.instanceOf} name too long` ? `${at}.instanceOf` : `${at}.name`);
    if (vm.boot !== undefined) add(bootFindings(vm.boot, false, features), `${at}.boot`);
    if (vm.cdrom !== undefined) add(cdromFindings(vm.cdrom, false, features), `${at}.cdrom`);
    if (vm.interfaceCount !== undefined) add(interfacesFindings(vm.interfaceCount, false), `${at}.interfaceCount`);
    if (vm.memory !== undefined) add(memoryFindings(vm.memory, /^-?[0-9]+$/.test(vm.memory), false, features), `${at}.memory`);
    vm.disks.forEach((d, j) => {
      const findings = diskFindings(d.path, d.format, j, features);
      add(findings, findings[0]?.code === "UNRECOGNIZED_DISK_FORMAT" ? `${at}.disks[${j}].format` : `${at}.disks[${j}].path`);
    });
    vm.interfaces.forEach((iface, j) => {
      const ia = `${at}.interfaces[${j}]`;
      if (iface.switch !== undefined) add(interfaceSwitchFindings(iface.switch), `${ia}.switch`);
      if (iface.group !== undefined) add(groupFindings(iface.group), `${ia}.group`);
      if (iface.lladdr !== undefined) add(lladdrFindings(iface.lladdr), `${ia}.lladdr`);
      if (iface.rdomain !== undefined) add(rdomainFindings(iface.rdomain), `${ia}.rdomain`);
      const own = vmInterfaceFindings(iface.name, j + 1);
      add(own, own[0]?.code === "TOO_MANY_INTERFACES" ? ia : `${ia}.name`);
    });
  });
  for (const p of loadChecks(model, model.includes.length === 0)) {
    const place = p.place;
    const path =
      "switch" in place
        ? `switches[${place.switch}].name`
        : place.interface === undefined
          ? `vms[${place.vm}].name`
          : `vms[${place.vm}].interfaces[${place.interface}]`;
    out.push({ severity: "warning", code: p.code, message: p.message, path });
  }
  return out;
}
