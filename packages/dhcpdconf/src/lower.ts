// CST -> model. Each scope's parameters become typed fields (a later
// statement replaces an earlier one, as dhcpd's group fields do; a repeated
// option replaces the earlier value in place), declarations go to the list of
// their kind. `locations` maps each model path to the statement it came from.

import { emptyDhcpdConf, type ClassDeclaration, type DhcpdConf, type Group, type Host, type Parameters, type SharedNetwork, type Subnet } from "./model.js";
import type { Span, Statement } from "./syntax.js";

/** The model of a statement list and the source span of every model path. */
export interface Lowered {
  /** The model. */
  model: DhcpdConf;
  /** Source spans by model path, e.g. `subnets[0].hosts[3].fixedAddress`. */
  locations: Map<string, Span>;
}

type AnyScope = DhcpdConf | SharedNetwork | Subnet | Group | Host | ClassDeclaration;

/** Lowers top-level statements (declarations hold theirs) to the model and the locations of its paths. */
export function lowerStatements(statements: readonly Statement[]): Lowered {
  const model = emptyDhcpdConf();
  const locations = new Map<string, Span>();
  new Lowering(locations).scope(model, "", "root", statements);
  return { model, locations };
}

/**
 * Lowers top-level statements to the model only (no paths are built: the
 * fast path), with the declarations dhcpd accepts that the model has no
 * place for (inside a class body, classes below the top level).
 */
export function lowerModel(statements: readonly Statement[]): { model: DhcpdConf; notModelled: Statement[] } {
  const model = emptyDhcpdConf();
  const lowering = new Lowering(undefined);
  lowering.scope(model, "", "root", statements);
  return { model, notModelled: lowering.notModelled };
}

const join = (path: string, field: string): string => (path ? `${path}.${field}` : field);

const FLAG_FIELDS = {
  "get-lease-hostnames": "getLeaseHostnames",
  "use-host-decl-names": "useHostDeclNames",
  "always-reply-rfc1048": "alwaysReplyRfc1048",
  "echo-client-id": "echoClientId",
  "use-lease-addr-for-default-route": "useLeaseAddrForDefaultRoute",
} as const;

const SECONDS_FIELDS = {
  "default-lease-time": "defaultLeaseTime",
  "max-lease-time": "maxLeaseTime",
  "dynamic-bootp-lease-length": "dynamicBootpLeaseLength",
} as const;

class Lowering {
  readonly track: boolean;
  /** Declarations dhcpd accepts where the model has no list for them. */
  readonly notModelled: Statement[] = [];
  constructor(readonly locations: Map<string, Span> | undefined) {
    this.track = locations !== undefined;
  }

  // Statements are spans: they are stored as they are, not copied.
  at(path: string, s: Span): void {
    this.locations?.set(path, s);
  }

  // `path.field[index]` when locations are tracked; "" otherwise.
  item(path: string, field: string, index: number): string {
    return this.track ? `${join(path, field)}[${index}]` : "";
  }

  field(path: string, field: string): string {
    return this.track ? join(path, field) : "";
  }

  scope(target: AnyScope, path: string, kind: "root" | "shared-network" | "subnet" | "group" | "host" | "class", body: readonly Statement[]): void {
    const params = target as Parameters;
    const host = kind === "host" ? (target as Host) : undefined;
    for (const s of body) {
      switch (s.kind) {
        case "error":
        case "timestamp":
          break;
        case "host": {
          const list = "hosts" in target ? (target as { hosts: Host[] }).hosts : undefined;
          if (!list) {
            if (kind === "class") this.notModelled.push(s);
            break;
          }
          const h: Host = { name: s.name };
          const p = this.item(path, "hosts", list.length);
          list.push(h);
          this.at(p, s);
          if (this.track) this.at(`${p}.name`, { start: s.start, end: s.headerEnd });
          this.scope(h, p, "host", s.body);
          break;
        }
        case "group": {
          const list = "groups" in target ? (target as { groups: Group[] }).groups : undefined;
          if (!list) {
            if (kind === "class") this.notModelled.push(s);
            break;
          }
          const g: Group = { sharedNetworks: [], subnets: [], groups: [], hosts: [] };
          const p = this.item(path, "groups", list.length);
          list.push(g);
          this.at(p, s);
          this.scope(g, p, "group", s.body);
          break;
        }
        case "shared-network": {
          const list = "sharedNetworks" in target ? (target as { sharedNetworks: SharedNetwork[] }).sharedNetworks : undefined;
          if (!list) {
            if (kind === "class") this.notModelled.push(s);
            break;
          }
          const n: SharedNetwork = { name: s.name, subnets: [], groups: [], hosts: [] };
          const p = this.item(path, "sharedNetworks", list.length);
          list.push(n);
          this.at(p, s);
          if (this.track) this.at(`${p}.name`, { start: s.start, end: s.headerEnd });
          this.scope(n, p, "shared-network", s.body);
          break;
        }
        case "subnet": {
          const list = "subnets" in target ? (target as { subnets: Subnet[] }).subnets : undefined;
          if (!list) {
            if (kind === "class") this.notModelled.push(s);
            break;
          }
          const n: Subnet = { network: s.network, netmask: s.netmask, ranges: [], groups: [], hosts: [] };
          const p = this.item(path, "subnets", list.length);
          list.push(n);
          this.at(p, s);
          if (this.track) {
            const header = { start: s.start, end: s.headerEnd };
            this.at(`${p}.network`, header);
            this.at(`${p}.netmask`, header);
          }
          this.scope(n, p, "subnet", s.body);
          break;
        }
        case "vendor-class":
        case "user-class": {
          // The model keeps classes at the top level only.
          if (kind !== "root") {
            this.notModelled.push(s);
            break;
          }
          const model = target as DhcpdConf;
          const c: ClassDeclaration = { kind: s.kind, name: s.name };
          const p = this.item("", "classes", model.classes.length);
          model.classes.push(c);
          this.at(p, s);
          this.scope(c, p, "class", s.body);
          break;
        }
        case "range": {
          if (kind !== "subnet") break;
          const subnet = target as Subnet;
          const p = this.item(path, "ranges", subnet.ranges.length);
          subnet.ranges.push({ low: s.low, ...(s.high !== undefined ? { high: s.high } : {}), ...(s.dynamicBootp ? { dynamicBootp: true } : {}) });
          this.at(p, s);
          break;
        }
        case "hardware": {
          if (!host) break;
          const field = s.hardwareType === "ethernet" ? "hardwareEthernet" : "hardwareIpsecTunnel";
          host[field] = s.address;
          this.at(this.field(path, field), s);
          break;
        }
        case "fixed-address": {
          if (!host) break;
          host.fixedAddress = s.addresses;
          this.at(this.field(path, "fixedAddress"), s);
          break;
        }
        case "option": {
          const options = (params.options ??= []);
          const i = options.findIndex((o) => o.name === s.name);
          const index = i < 0 ? options.length : i;
          if (i < 0) options.push({ name: s.name, value: s.value });
          else options[i] = { name: s.name, value: s.value };
          const p = this.item(path, "options", index);
          this.at(p, s);
          if (this.track) this.at(`${p}.value`, s.valueSpan);
          break;
        }
        case "default-lease-time":
        case "max-lease-time":
        case "dynamic-bootp-lease-length": {
          const field = SECONDS_FIELDS[s.kind];
          params[field] = s.seconds;
          this.at(this.field(path, field), s);
          break;
        }
        case "dynamic-bootp-lease-cutoff":
          params.dynamicBootpLeaseCutoff = s.date;
          this.at(this.field(path, "dynamicBootpLeaseCutoff"), s);
          break;
        case "get-lease-hostnames":
        case "use-host-decl-names":
        case "always-reply-rfc1048":
        case "echo-client-id":
        case "use-lease-addr-for-default-route": {
          const field = FLAG_FIELDS[s.kind];
          params[field] = s.flag;
          this.at(this.field(path, field), s);
          break;
        }
        case "authoritative":
          params.authoritative = s.authoritative;
          this.at(this.field(path, "authoritative"), s);
          break;
        case "allow":
        case "deny": {
          const list = (params[s.kind] ??= []);
          const i = list.indexOf(s.key);
          const index = i < 0 ? list.length : i;
          if (i < 0) list.push(s.key);
          if (this.locations) {
            this.at(`${join(path, s.kind)}[${index}]`, s);
            if (!this.locations.has(join(path, s.kind))) this.at(join(path, s.kind), s);
          }
          break;
        }
        case "next-server":
          params.nextServer = s.address;
          this.at(this.field(path, "nextServer"), s);
          break;
        case "server-identifier":
          params.serverIdentifier = s.address;
          this.at(this.field(path, "serverIdentifier"), s);
          break;
        case "filename":
          params.filename = s.value;
          this.at(this.field(path, "filename"), s);
          break;
        case "server-name":
          params.serverName = s.value;
          this.at(this.field(path, "serverName"), s);
          break;
      }
    }
  }
}
