// checkHost: vm.conf, dhcpd.conf and the answer files must agree about every
// VM. Each disagreement is expected at the line and column of the statement
// at fault, counted by hand in the fixtures. Facts: the installer fetches
// http://<next-server>/<mac>-install.conf with the MAC in lower-case colon
// form (autoinstall(8); ../shared/research/autoinstall.md §1) and takes its
// default host name from DHCP option host-name.
import { parse as parseInstallConf } from "@obsdconf/autoinstall";
import { parse as parseDhcpd } from "@obsdconf/dhcpdconf";
import { parse as parseVm } from "@obsdconf/vmconf";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { checkHost, type HostCheck, type HostFiles } from "../src/index.js";
import { DHCPD_CONF, VM_CONF } from "./fixtures.js";

const answers = (mac: string, text: string) => parseInstallConf(text, { fileName: `/var/www/htdocs/${mac}-install.conf` });
const files = (vm = VM_CONF, dhcpd = DHCPD_CONF, installConfs?: HostFiles["installConfs"]): HostFiles => ({
  vmConf: parseVm(vm, { fileName: "/etc/vm.conf" }),
  dhcpdConf: parseDhcpd(dhcpd, { fileName: "/etc/dhcpd.conf" }),
  ...(installConfs ? { installConfs } : {}),
});
const shown = (ds: ReturnType<typeof checkHost>) => ds.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code}`);

test("a consistent host: no diagnostics", () => {
  assert.equal(checkHost(files(), { users: ["alice", "bob"], groups: ["vmdusers"], subnet: { network: "192.0.2.0", netmask: "255.255.255.0" } }), []);
});

test("answer files: the one for vm1 agrees; vm2's is gone (info)", () => {
  const ds = checkHost(files(VM_CONF, DHCPD_CONF, [answers("fe:e1:bb:d1:c8:00", "System hostname = puffy.example.org\n")]), { domain: "example.org" });
  assert.equal(shown(ds), ["/etc/vm.conf:23:2 info NO_INSTALL_CONF"]);
  assert.is(ds[0]!.message, "vm vm2 has no answer file fe:e1:bb:d1:c8:02-install.conf (normal once it has installed)");
});

test("every disagreement, in the file at fault", () => {
  const dhcpd = DHCPD_CONF.replace("host vm1 {", "host vm01 {")
    .replace("hardware ethernet fe:e1:bb:d1:c8:02;", "hardware ethernet fe:e1:bb:d1:c8:09;")
    .replace("fixed-address 192.0.2.11;", "fixed-address 198.51.100.7;");
  const ds = checkHost(
    files(VM_CONF, dhcpd, [
      answers("fe:e1:bb:d1:c8:00", "# vm1\nSystem hostname = other.example.net\n"),
      answers("fe:e1:bb:d1:c8:77", "System hostname = ghost\n"),
      answers("FE:E1:BB:D1:C8:02", "System hostname = bobs\n"),
    ]),
    { users: ["alice"], domain: "example.org" },
  );
  assert.equal(
    ds.map((d) => [`${d.file}:${d.line}:${d.column}`, d.code, d.message]),
    [
      ["/etc/dhcpd.conf:8:2", "HOST_NAME_MISMATCH", "host vm01 has the MAC of vm vm1 (/etc/vm.conf:8)"],
      ["/etc/vm.conf:21:2", "UNKNOWN_OWNER", "vm vm2 is owned by user bob, who does not exist on the host"],
      ["/etc/dhcpd.conf:15:3", "LLADDR_MISMATCH", "host vm2 has hardware ethernet fe:e1:bb:d1:c8:09, but vm vm2 has lladdr fe:e1:bb:d1:c8:02 (/etc/vm.conf:23)"],
      ["/etc/vm.conf:23:2", "NO_INSTALL_CONF", "vm vm2 has no answer file fe:e1:bb:d1:c8:02-install.conf (normal once it has installed)"],
      ["/etc/dhcpd.conf:22:3", "FIXED_ADDRESS_OUTSIDE_SUBNET", "host printer: fixed-address 198.51.100.7 is not a host address of the subnet 192.0.2.0/255.255.255.0 it is declared in"],
      ["/var/www/htdocs/fe:e1:bb:d1:c8:00-install.conf:2:19", "HOSTNAME_MISMATCH", 'vm vm1 is named "other" here but "puffy" by option host-name (/etc/dhcpd.conf:12)'],
      ["/var/www/htdocs/fe:e1:bb:d1:c8:00-install.conf:2:19", "DOMAIN_MISMATCH", "vm vm1: host name other.example.net is not in the domain example.org"],
      ["/var/www/htdocs/fe:e1:bb:d1:c8:77-install.conf:1:1", "ORPHAN_INSTALL_CONF", "no VM of /etc/vm.conf has lladdr fe:e1:bb:d1:c8:77: this answer file serves no VM"],
      ["/var/www/htdocs/FE:E1:BB:D1:C8:02-install.conf:1:1", "BAD_INSTALL_CONF_NAME", "FE:E1:BB:D1:C8:02-install.conf is not named <mac>-install.conf (MAC in lower-case colon form): the installer never fetches it"],
    ],
  );
});

test("a VM with no dhcpd host, a VM without lladdr, duplicate MACs and addresses", () => {
  const vm = `vm "a" {\n\tinterface { lladdr fe:e1:bb:d1:c8:01 }\n}\nvm "b" {\n\tinterface { lladdr fe:e1:bb:d1:c8:01 }\n}\nvm "c" {\n\tmemory 1G\n}\n`;
  const dhcpd = `subnet 192.0.2.0 netmask 255.255.255.0 {\n\thost a { hardware ethernet fe:e1:bb:d1:c8:01; fixed-address 192.0.2.20; }\n\thost x { hardware ethernet fe:e1:bb:d1:c8:01; fixed-address 192.0.2.20; }\n}\nhost far { fixed-address 203.0.113.5; }\n`;
  assert.equal(shown(checkHost(files(vm, dhcpd))), [
    // b shares a's MAC (and so finds a's host, named a).
    "/etc/vm.conf:5:2 error DUPLICATE_LLADDR",
    "/etc/dhcpd.conf:2:2 error HOST_NAME_MISMATCH",
    "/etc/vm.conf:7:1 warning NO_LLADDR",
    "/etc/dhcpd.conf:3:11 error DUPLICATE_HARDWARE",
    "/etc/dhcpd.conf:3:48 error DUPLICATE_FIXED_ADDRESS",
    "/etc/dhcpd.conf:5:12 error FIXED_ADDRESS_OUTSIDE_SUBNET",
  ]);
  const lonely = `vm "solo" {\n\tinterface { lladdr fe:e1:bb:d1:c8:05 }\n}\n`;
  const ds = checkHost(files(lonely, `subnet 192.0.2.0 netmask 255.255.255.0 {\n}\n`));
  assert.equal(ds.map((d) => [d.line, d.code, d.message]), [[2, "NO_DHCPD_HOST", "no host of /etc/dhcpd.conf has hardware ethernet fe:e1:bb:d1:c8:05 (vm solo): the VM gets no fixed address"]]);
});

test("the VM subnet of _deploy.conf bounds every fixed-address", () => {
  const dhcpd = DHCPD_CONF.replace("subnet 192.0.2.0 netmask 255.255.255.0", "subnet 192.0.2.0 netmask 255.255.254.0").replace("fixed-address 192.0.2.12;", "fixed-address 192.0.3.12;");
  const ds = checkHost(files(VM_CONF, dhcpd), { subnet: { network: "192.0.2.0", netmask: "255.255.255.0" } });
  assert.equal(ds.map((d) => [d.line, d.code, d.message]), [[16, "FIXED_ADDRESS_OUTSIDE_SUBNET", "host vm2: fixed-address 192.0.3.12 is not a host address of the VM subnet 192.0.2.0/255.255.255.0"]]);
});

test("extra checks see the matched VMs and report in any file", () => {
  const seen: string[] = [];
  const check: HostCheck = (view) => {
    for (const v of view.vms) seen.push(`${v.name} ${v.mac} ${v.dhcpdHost?.host.name} ${v.dhcpdHost?.path}`);
    const vm2 = view.vms[1]!;
    return [view.at(view.files.vmConf, vm2.span.start, vm2.span.end, "warning", "NO_DOAS_RULE", "no doas.conf rule for bob")];
  };
  const ds = checkHost(files(), { checks: [check] });
  assert.equal(seen, ["vm1 fe:e1:bb:d1:c8:00 vm1 subnets[0].hosts[0]", "vm2 fe:e1:bb:d1:c8:02 vm2 subnets[0].hosts[1]"]);
  assert.equal(shown(ds), ["/etc/vm.conf:20:1 warning NO_DOAS_RULE"]);
});

test.run();
