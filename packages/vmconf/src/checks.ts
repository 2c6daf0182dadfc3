import type { Problem } from "./grammar.js";
import type { Statement } from "./syntax.js";

type VmStatement = Extract<Statement, { kind: "vm" }>;
type SwitchStatement = Extract<Statement, { kind: "switch" }>;

const VM_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9._-]*$/;

/**
 * Checks vmd makes only when it loads the configuration, not in `vmd -n`:
 * reported as warnings with codes of their own, in file order.
 */
export function runtimeChecks(
  statements: readonly Statement[],
  includesFollowed: boolean,
  includedSwitches: readonly string[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const warn = (code: string, message: string, start: number, end: number): void => {
    problems.push({ severity: "warning", code, message, line: -1, start, end });
  };
  const vms = statements.filter((s): s is VmStatement => s.kind === "vm");
  const switches = statements.filter((s): s is SwitchStatement => s.kind === "switch");
  const hasIncludes = statements.some((s) => s.kind === "include");
  const switchNames = new Set([...includedSwitches, ...switches.map((s) => s.name)]);
  const vmNames = new Set<string>();
  const seenSwitches = new Set<string>();
  const macs = new Map<string, string>();

  for (const s of switches) {
    if (seenSwitches.has(s.name)) warn("DUPLICATE_SWITCH", `switch "${s.name}" is defined more than once`, s.start, s.headerEnd);
    seenSwitches.add(s.name);
  }
  for (const vm of vms) {
    const header = { start: vm.start, end: vm.headerEnd };
    if (!VM_NAME_PATTERN.test(vm.name)) {
      warn(
        "INVALID_VM_NAME",
        `vm name "${vm.name}" must start with a letter and contain only letters, digits, '.', '-' and '_'`,
        header.start,
        header.end,
      );
    }
    if (vmNames.has(vm.name)) warn("DUPLICATE_VM", `vm "${vm.name}" is defined more than once`, header.start, header.end);
    if (vm.instanceOf !== undefined && !vmNames.has(vm.instanceOf) && (!hasIncludes || includesFollowed)) {
      warn("UNKNOWN_PARENT_VM", `vm "${vm.name}" is an instance of "${vm.instanceOf}", which is not defined before it`, header.start, header.end);
    }
    vmNames.add(vm.name);
    for (const o of vm.options) {
      if (o.kind !== "interface") continue;
      const sw = o.iface.switch;
      if (sw !== undefined && !switchNames.has(sw) && (!hasIncludes || includesFollowed)) {
        warn("UNKNOWN_SWITCH", `vm "${vm.name}": interface uses switch "${sw}", which is not defined`, o.start, o.end);
      }
      const mac = o.iface.lladdr;
      if (mac !== undefined) {
        const owner = macs.get(mac);
        if (owner !== undefined) {
          warn("DUPLICATE_LLADDR", `vm "${vm.name}": lladdr ${mac} is already used by vm "${owner}"`, o.start, o.end);
        } else {
          macs.set(mac, vm.name);
        }
      }
    }
  }
  return problems;
}
