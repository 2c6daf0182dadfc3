import type { DhcpdConf, Host, OptionSetting, Subnet } from "@obsdconf/dhcpdconf";
import { walkDhcpd } from "../dhcpd-walk.js";

/** What a VM's `host` entry says. */
export interface DhcpHostSpec {
  /** Host name (the VM's name). */
  name: string;
  /** MAC address. */
  mac: string;
  /** Fixed IPv4 address. */
  address: string;
  /** The VM's short host name (`option host-name`). */
  hostname: string;
  /** Where the installer's `auto_install` request goes (the host's address). */
  nextServer: string;
}

/** The VM subnet of a deploy: network, netmask, router and name servers. */
export interface DhcpSubnetSpec {
  /** Network number. */
  network: string;
  /** Netmask. */
  netmask: string;
  /** Default router. */
  router: string;
  /** Name servers. */
  dns: readonly string[];
}

/** The subnet `spec` names, added (with its router and name servers) when the file lacks it. */
export function ensureSubnet(
  model: DhcpdConf,
  spec: DhcpSubnetSpec,
): {
  /** The subnet, found or added. */
  subnet: Subnet;
  /** True when it was added. */
  added: boolean;
} {
  const found = walkDhcpd(model).subnets.find((s) => s.subnet.network === spec.network && s.subnet.netmask === spec.netmask);
  if (found) return { subnet: found.subnet, added: false };
  const subnet: Subnet = {
    network: spec.network,
    netmask: spec.netmask,
    options: [
      { name: "routers", value: [spec.router] },
      ...(spec.dns.length > 0 ? [{ name: "domain-name-servers", value: [...spec.dns] }] : []),
    ],
    ranges: [],
    groups: [],
    hosts: [],
  };
  model.subnets.push(subnet);
  return { subnet, added: true };
}

function hostOptions(spec: DhcpHostSpec): OptionSetting[] {
  return [{ name: "host-name", value: { text: spec.hostname } }];
}

/** A new `host` entry: hardware ethernet, fixed-address, filename "auto_install", host-name, next-server. */
export function newHost(spec: DhcpHostSpec): Host {
  return {
    name: spec.name,
    hardwareEthernet: spec.mac,
    fixedAddress: [spec.address],
    filename: "auto_install",
    options: hostOptions(spec),
    nextServer: spec.nextServer,
  };
}

/**
 * Adds the VM's host to `subnet`, or brings the host with the VM's MAC (else
 * the one with its name), wherever it is declared, in line with `spec` (its
 * name is left as it is); returns what changed, one phrase each. `found` is
 * that host when the caller has looked it up (`null`: there is none);
 * `undefined` searches `model`.
 */
export function placeHost(model: DhcpdConf, subnet: Subnet, found: Host | null | undefined, spec: DhcpHostSpec): string[] {
  // The VM's host is the one with its MAC (whatever its name), else the one with its name.
  const hosts = found === undefined ? walkDhcpd(model).hosts : [];
  const existing = found ?? (hosts.find((h) => h.host.hardwareEthernet === spec.mac) ?? hosts.find((h) => h.host.name === spec.name))?.host;
  if (!existing) {
    subnet.hosts.push(newHost(spec));
    return ["added"];
  }
  const changes: string[] = [];
  if (existing.hardwareEthernet !== spec.mac) {
    changes.push(`hardware ethernet ${existing.hardwareEthernet ?? "(none)"} → ${spec.mac}`);
    existing.hardwareEthernet = spec.mac;
  }
  if (existing.fixedAddress?.length !== 1 || existing.fixedAddress[0] !== spec.address) {
    changes.push(`fixed-address ${existing.fixedAddress?.join(", ") ?? "(none)"} → ${spec.address}`);
    existing.fixedAddress = [spec.address];
  }
  if (existing.filename !== "auto_install") {
    changes.push(`filename "auto_install"`);
    existing.filename = "auto_install";
  }
  const options = existing.options ?? [];
  const hostName = options.find((o) => o.name === "host-name");
  const current = hostName && typeof hostName.value === "object" && "text" in hostName.value ? hostName.value.text : undefined;
  if (current !== spec.hostname) {
    changes.push(`host-name ${current ?? "(none)"} → ${spec.hostname}`);
    existing.options = [...options.filter((o) => o.name !== "host-name"), ...hostOptions(spec)];
  }
  if (existing.nextServer !== spec.nextServer) {
    changes.push(`next-server ${existing.nextServer ?? "(none)"} → ${spec.nextServer}`);
    existing.nextServer = spec.nextServer;
  }
  return changes;
}
