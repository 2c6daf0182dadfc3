// allocate and checkHost together: files written from an allocation (by the
// vmconf and dhcpdconf generators, answer files named <mac>-install.conf)
// check clean; moving one VM's MAC or address in dhcpd.conf is reported.
import { parse as parseInstallConf } from "@obsdconf/autoinstall";
import { propertyRuns } from "@obsdconf/core/testing";
import { generate as generateDhcpd, parse as parseDhcpd, type DhcpdConf } from "@obsdconf/dhcpdconf";
import { generate as generateVm, parse as parseVm, type VmConf } from "@obsdconf/vmconf";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { allocate, checkHost, parseDeployConf, usedResources, type VmAllocation } from "../src/index.js";
import { SAMPLE, withLine } from "./fixtures.js";

const numRuns = propertyRuns();
const SUBNET = { network: "192.0.2.0", netmask: "255.255.255.0" };

function hostFiles(allocations: readonly VmAllocation[]) {
  const vm: VmConf = {
    macros: [],
    includes: [],
    switches: [{ name: "uplink_veb42", interface: "veb42" }],
    vms: allocations.map((a, i) => ({
      name: a.vm,
      enabled: false,
      memory: "1G",
      owner: { user: `user${i}` },
      disks: [{ path: `/var/vmm/${a.vm}.qcow2`, format: "qcow2" }],
      interfaces: [{ name: "tap", switch: "uplink_veb42", lladdr: a.mac }],
    })),
  };
  const dhcpd: DhcpdConf = {
    sharedNetworks: [],
    groups: [],
    hosts: [],
    classes: [],
    subnets: [
      {
        ...SUBNET,
        ranges: [],
        groups: [],
        hosts: allocations.map((a, i) => ({ name: a.vm, hardwareEthernet: a.mac, fixedAddress: [a.ipv4], filename: "auto_install", options: [{ name: "host-name", value: { text: `host${i}` } }] })),
      },
    ],
  };
  return { vm, dhcpd, answers: allocations.map((a, i) => ({ name: `/var/www/htdocs/${a.mac}-install.conf`, text: `System hostname = host${i}.example.org\n` })) };
}

const parsed = (f: ReturnType<typeof hostFiles>, dhcpdText = generateDhcpd(f.dhcpd)) => ({
  vmConf: parseVm(generateVm(f.vm), { fileName: "/etc/vm.conf" }),
  dhcpdConf: parseDhcpd(dhcpdText, { fileName: "/etc/dhcpd.conf" }),
  installConfs: f.answers.map((a) => parseInstallConf(a.text, { fileName: a.name })),
});

const scenario = fc.record({ start: fc.integer({ min: 2, max: 200 }), count: fc.integer({ min: 1, max: 30 }), victim: fc.nat(), move: fc.boolean() });

test("files written from an allocation check clean; a moved MAC or address does not", () => {
  fc.assert(
    fc.property(scenario, ({ start, count, victim, move }) => {
      const conf = parseDeployConf(withLine("IP_START", `IP_START="${start}"`)).model;
      const empty = usedResources({ macros: [], includes: [], switches: [], vms: [] }, { sharedNetworks: [], subnets: [], groups: [], hosts: [], classes: [] });
      const r = allocate(conf, Array.from({ length: count }, (_, i) => ({ vm: `vm${i + 1}` })), empty);
      if (!r.ok) return;
      const f = hostFiles(r.allocations);
      const files = parsed(f);
      for (const doc of [files.vmConf, files.dhcpdConf]) assert.equal(doc.diagnostics, []);
      const options = { users: r.allocations.map((_, i) => `user${i}`), subnet: SUBNET, domain: "example.org" };
      assert.equal(checkHost(files, options), []);
      // The files say they are all deployed: allocating again keeps everything.
      const again = allocate(conf, r.allocations.map((a) => ({ vm: a.vm })), usedResources(files.vmConf.model, files.dhcpdConf.model));
      assert.equal(again.ok && again.allocations.map(({ deployed, ...rest }) => (deployed ? rest : undefined)), r.allocations.map(({ deployed, ...rest }) => rest));
      // One host of dhcpd.conf gets a MAC no VM has, or an address outside the subnet.
      const host = f.dhcpd.subnets[0]!.hosts[victim % count]!;
      if (move) host.hardwareEthernet = "02:00:00:00:00:01";
      else host.fixedAddress = ["198.51.100.1"];
      const codes = checkHost(parsed(f), options).map((d) => d.code);
      assert.equal(codes, move ? ["LLADDR_MISMATCH"] : ["FIXED_ADDRESS_OUTSIDE_SUBNET"]);
    }),
    { numRuns },
  );
});

test.run();
