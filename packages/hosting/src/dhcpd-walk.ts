// Every host and subnet of a dhcpd.conf model, wherever it is declared, with
// its model path (the paths dhcpdconf's syntax.locations uses).
import type { DhcpdConf, Group, Host, SharedNetwork, Subnet } from "@obsdconf/dhcpdconf";

/** A host declaration with where it is. */
export interface PlacedHost {
  /** The host. */
  host: Host;
  /** Its model path, e.g. `subnets[0].hosts[3]`. */
  path: string;
  /** The subnet it is declared in, if any. */
  subnet?: Subnet;
}

/** A subnet declaration with its path. */
export interface PlacedSubnet {
  /** The subnet. */
  subnet: Subnet;
  /** Its model path, e.g. `sharedNetworks[0].subnets[1]`. */
  path: string;
}

/** Every host and subnet declaration of a dhcpd.conf model. */
export interface DhcpdPlaces {
  /** The host declarations. */
  hosts: PlacedHost[];
  /** The subnet declarations. */
  subnets: PlacedSubnet[];
}

/** Every host and subnet of a model, in file order per scope. */
export function walkDhcpd(conf: DhcpdConf): DhcpdPlaces {
  const hosts: PlacedHost[] = [];
  const subnets: PlacedSubnet[] = [];
  const at = (path: string, field: string, i: number): string => `${path ? `${path}.` : ""}${field}[${i}]`;
  const scope = (s: { hosts?: Host[]; groups?: Group[]; subnets?: Subnet[]; sharedNetworks?: SharedNetwork[] }, path: string, subnet: Subnet | undefined): void => {
    (s.sharedNetworks ?? []).forEach((n, i) => scope(n, at(path, "sharedNetworks", i), undefined));
    (s.subnets ?? []).forEach((n, i) => {
      const p = at(path, "subnets", i);
      subnets.push({ subnet: n, path: p });
      scope(n, p, n);
    });
    (s.groups ?? []).forEach((g, i) => scope(g, at(path, "groups", i), subnet));
    (s.hosts ?? []).forEach((h, i) => hosts.push({ host: h, path: at(path, "hosts", i), ...(subnet ? { subnet } : {}) }));
  };
  scope(conf, "", undefined);
  return { hosts, subnets };
}

/** A host's `option host-name`. */
export interface HostNameOption {
  /** The name. */
  value: string;
  /** Index of the option in the host's `options`. */
  index: number;
}

/** The `option host-name` of a host, with its index in `options`, if set (the last one wins). */
export function hostNameOption(host: Host): HostNameOption | undefined {
  const options = host.options ?? [];
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i]!;
    if (o.name !== "host-name") continue;
    // dhcpdconf types host-name by its format: text, or a quoted string of data.
    const v = o.value;
    if (typeof v === "string") return { value: v, index: i };
    if (typeof v === "object" && v !== null && "text" in v && typeof v.text === "string") return { value: v.text, index: i };
  }
  return undefined;
}
