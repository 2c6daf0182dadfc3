// fast-check arbitraries for valid vm.conf models (no diagnostics when written).
import { ipv4Prefix, ipv6Prefix, macAddress, owner, sizeText } from "@obsdconf/core/testing";
import fc from "fast-check";
import type { Switch, Vm, VmConf, VmInterface } from "../src/index.js";

const chars = (set: string) => fc.constantFrom(...set);
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const name = fc
  .tuple(chars(LOWER), fc.string({ unit: chars(`${LOWER}0123456789._-`), maxLength: 12 }))
  .map(([a, b]) => a + b);
const group = fc.string({ unit: chars(LOWER), minLength: 1, maxLength: 8 });
const path = fc
  .array(fc.string({ unit: chars(`${LOWER}0123456789 ._-`), minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 })
  .map((parts) => `/${parts.join("/")}`);
const yes = fc.constant(true as const);

export const switchArb = (swName: string): fc.Arbitrary<Switch> =>
  fc
    .record(
      {
        interface: fc.tuple(fc.constantFrom("bridge", "veb"), fc.integer({ min: 0, max: 999 })).map(([t, n]) => `${t}${n}`),
        enabled: fc.boolean(),
        group,
        lockedLladdr: yes,
        rdomain: fc.integer({ min: 0, max: 255 }),
        up: fc.boolean(),
      },
      { requiredKeys: ["interface"] },
    )
    .map((s) => ({ name: swName, ...s }));

const ifaceArb = (switches: string[]): fc.Arbitrary<VmInterface> =>
  fc.record(
    {
      local: yes,
      name: fc.oneof(fc.constant("tap"), fc.integer({ min: 0, max: 99 }).map((n) => `tap${n}`)),
      ...(switches.length ? { switch: fc.constantFrom(...switches) } : {}),
      group,
      lladdr: macAddress(),
      locked: yes,
      rdomain: fc.integer({ min: 0, max: 255 }),
      up: fc.boolean(),
    },
    { requiredKeys: [] },
  );

export const vmArb = (vmName: string, switches: string[]): fc.Arbitrary<Vm> =>
  fc
    .record(
      {
        enabled: fc.boolean(),
        boot: path,
        bootDevice: fc.constantFrom("cdrom" as const, "disk" as const, "net" as const),
        cdrom: path,
        disks: fc.array(fc.record({ path, format: fc.constantFrom("raw", "qcow2") }, { requiredKeys: ["path"] }), { maxLength: 4 }),
        interfaces: fc.array(ifaceArb(switches), { maxLength: 4 }),
        interfaceCount: fc.integer({ min: 0, max: 4 }),
        memory: sizeText(),
        owner: owner(),
        allowInstance: fc.record(
          {
            options: fc.subarray(["boot", "cdrom", "disk", "instance", "interface", "memory"] as const, { minLength: 1 }),
            owner: owner(),
          },
          { requiredKeys: ["options"] },
        ),
        sev: yes,
        seves: yes,
      },
      { requiredKeys: ["memory", "disks", "interfaces"] },
    )
    .map((v) => ({ name: vmName, ...v, allowInstance: v.allowInstance && { ...v.allowInstance, options: [...v.allowInstance.options] } }))
    .map((v) => {
      const vm = { ...v } as Vm;
      if (vm.allowInstance === undefined) delete vm.allowInstance;
      return vm;
    });

/** A valid model: unique names, switches that exist, unique MAC addresses. */
export const vmConfArb = (): fc.Arbitrary<VmConf> =>
  fc
    .record({
      switchNames: fc.uniqueArray(name, { maxLength: 3 }),
      vmNames: fc.uniqueArray(name, { maxLength: 5 }),
      globals: fc.record(
        {
          localPrefix: ipv4Prefix(1, 16),
          localInet6: fc.record({ prefix: ipv6Prefix(0, 64) }, { requiredKeys: [] }),
          socketOwner: owner(),
          agentx: fc.record({ context: group, path }, { requiredKeys: [] }),
          staggeredStart: fc.record({ parallel: fc.integer({ min: 0, max: 64 }), delay: fc.integer({ min: 0, max: 600 }) }),
        },
        { requiredKeys: [] },
      ),
    })
    .chain(({ switchNames, vmNames, globals }) =>
      fc
        .tuple(fc.tuple(...switchNames.map((n) => switchArb(n))), fc.tuple(...vmNames.map((n) => vmArb(n, switchNames))))
        .map(([switches, vms]) => {
          const seen = new Set<string>();
          for (const vm of vms) {
            for (const f of vm.interfaces) {
              if (f.lladdr === undefined) continue;
              if (seen.has(f.lladdr)) delete f.lladdr;
              else seen.add(f.lladdr);
            }
          }
          const model = { macros: [], includes: [], ...globals, switches: [...switches], vms: [...vms] };
          return JSON.parse(JSON.stringify(model)) as VmConf;
        }),
    );

/** A vm.conf text for a model, dressed up with comments, blank lines and other indentation. */
export const decoratedText = (text: string, seed: number): string => {
  let n = seed;
  const next = (): number => (n = (n * 1103515245 + 12345) & 0x7fffffff);
  return text
    .split("\n")
    .map((line, i) => {
      let out = line;
      const r = next() % 10;
      if (/^\t/.test(out) && r < 3) out = out.replace(/^\t/, "    ");
      if (/^\s*(memory|disable|enable|interface [a-z]+$)/.test(out) && r === 4) out += " # trailing note";
      if ((/^(vm|switch|local|socket)/.test(out) || /^\t/.test(out)) && r === 5) out = `# note ${i}\n${out}`;
      if (/^(vm|switch)/.test(out) && r === 6) out = `\n${out}`;
      return out;
    })
    .join("\n");
};
