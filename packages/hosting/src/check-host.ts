// The cross-file check of a hosting host: vm.conf, dhcpd.conf and the
// install.conf answer files must tell the same story about every VM.
import { basename } from "node:path";
import { diagnosticAt, parseMac, type Diagnostic, type LineIndex, type Severity } from "@obsdconf/core";
import type { InstallConfDocument } from "@obsdconf/autoinstall";
import { keyMatchesQuestion } from "@obsdconf/autoinstall";
import type { DhcpdConfDocument } from "@obsdconf/dhcpdconf";
import type { Vm, VmConfDocument } from "@obsdconf/vmconf";
import { hostNameOption, walkDhcpd, type PlacedHost, type PlacedSubnet } from "./dhcpd-walk.js";
import { ipv4Number, maskLength } from "./network.js";

/**
 * The files of a host that {@link checkHost} reads, parsed by their packages
 * with `fileName` set (messages name the files that way). More files (doas.conf,
 * httpd.conf) are added by extending this interface and giving checks for
 * them in {@link CheckHostOptions.checks}.
 */
export interface HostFiles {
  /** /etc/vm.conf. */
  vmConf: VmConfDocument;
  /** /etc/dhcpd.conf. */
  dhcpdConf: DhcpdConfDocument;
  /**
   * The answer files `<HTDOCS>/<mac>-install.conf`, each parsed with its path
   * as `fileName`. Undefined: not checked. An empty list means there are none.
   */
  installConfs?: readonly InstallConfDocument[];
}

/** A span of a file: 0-based offsets. */
export interface Span {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** An IPv4 subnet as dhcpd.conf and _deploy.conf write it. */
export interface Ipv4Subnet {
  /** Network number, e.g. `192.0.2.0`. */
  network: string;
  /** Netmask, e.g. `255.255.255.0`. */
  netmask: string;
}

/** One VM as the files describe it, matched across them by MAC (then by name). */
export interface HostVm {
  /** The VM name (vm.conf). */
  name: string;
  /** The vm.conf VM. */
  vm: Vm;
  /** The `vm` statement's span (its header starts at `start`). */
  span: Span;
  /** The MAC of its first interface with an lladdr, canonical. */
  mac?: string;
  /** Span of that interface statement. */
  macSpan?: Span;
  /** The dhcpd.conf host with that MAC (or, failing that, with the VM's name). */
  dhcpdHost?: PlacedHost;
  /** Its answer file `<mac>-install.conf`, when install.conf files were given and one is there. */
  installConf?: InstallConfDocument;
}

/** What a host check receives: the files, the VMs matched across them, and a way to report. */
export interface HostView {
  /** The files. */
  files: HostFiles;
  /** The VMs of vm.conf in file order. */
  vms: readonly HostVm[];
  /** The host declarations of dhcpd.conf, wherever declared. */
  dhcpdHosts: readonly PlacedHost[];
  /** The subnet declarations of dhcpd.conf. */
  dhcpdSubnets: readonly PlacedSubnet[];
  /** A diagnostic over `start..end` of a parsed file, with its file name, line and column. */
  at: (doc: ParsedFile, start: number, end: number, severity: Severity, code: string, message: string, hint?: string) => Diagnostic;
  /** `file:line` of an offset in a parsed file, for messages that point at another file. */
  where: (doc: ParsedFile, offset: number) => string;
}

/** A parsed file of any package: its text, name and line lookups. */
export interface ParsedFile {
  /** The text. */
  readonly text: string;
  /** The file name given to parse. */
  readonly fileName: string | undefined;
}

/** An extra check over the host (e.g. doas.conf rules for every owner, the httpd.conf autoinstall server). */
export type HostCheck = (view: HostView, options: CheckHostOptions) => Diagnostic[];

/** Options of {@link checkHost}. */
export interface CheckHostOptions {
  /** The user names that exist on the host; a VM owner not among them is reported. Undefined: not checked. */
  users?: Iterable<string>;
  /** The group names that exist on the host; an owner group not among them is reported. Undefined: not checked. */
  groups?: Iterable<string>;
  /** The VM subnet (from _deploy.conf SUBNET and NETMASK): every fixed-address must be a host address in it. */
  subnet?: Ipv4Subnet;
  /** The hosting domain (_deploy.conf DOMAIN): an answer file's dotted host name must end in it. */
  domain?: string;
  /** More checks, run after the built-in ones (their diagnostics are added in the order returned). */
  checks?: readonly HostCheck[];
}

const HOSTNAME_QUESTION = "System hostname? (short form, e.g. 'foo')";

/**
 * Checks that a host's files agree about every VM, and returns every
 * disagreement as a diagnostic in the file at fault (file:line:col):
 *
 * - vm.conf: a VM without an interface `lladdr` (`NO_LLADDR`, warning); two
 *   VMs with the same lladdr (`DUPLICATE_LLADDR`); an owner user or group not
 *   in `options.users` / `options.groups` (`UNKNOWN_OWNER`); no dhcpd host
 *   with the VM's MAC (`NO_DHCPD_HOST`); no answer file `<mac>-install.conf`
 *   when answer files were given (`NO_INSTALL_CONF`, info: it is removed once
 *   the VM has installed).
 * - dhcpd.conf: the host named like a VM has another MAC (`LLADDR_MISMATCH`);
 *   the host with a VM's MAC has another name (`HOST_NAME_MISMATCH`); a
 *   `fixed-address` outside the subnet the host is declared in, outside every
 *   declared subnet for a host outside subnets, or outside `options.subnet`
 *   (`FIXED_ADDRESS_OUTSIDE_SUBNET`); the same hardware address or
 *   fixed-address on two hosts (`DUPLICATE_HARDWARE`, `DUPLICATE_FIXED_ADDRESS`).
 * - install.conf: a file whose name is not `<mac>-install.conf` with the MAC in
 *   lower-case colon form (`BAD_INSTALL_CONF_NAME`, warning: the installer
 *   would never fetch it); a file for a MAC no VM has (`ORPHAN_INSTALL_CONF`,
 *   warning); a "System hostname" answer whose short name differs from the
 *   dhcpd host's `option host-name` (`HOSTNAME_MISMATCH`), or whose domain is
 *   not `options.domain` (`DOMAIN_MISMATCH`, warning).
 *
 * Then every check of `options.checks`. The diagnostics of the parses
 * themselves are not repeated.
 */
export function checkHost(files: HostFiles, options: CheckHostOptions = {}): Diagnostic[] {
  const view = hostView(files);
  const out: Diagnostic[] = [];
  checkVms(view, options, out);
  checkDhcpdHosts(view, options, out);
  if (files.installConfs) checkInstallConfs(view, options, out);
  for (const check of options.checks ?? []) out.push(...check(view, options));
  return out;
}

const lineIndexes = new WeakMap<object, LineIndex>();

// The line index each package keeps in its syntax.
function lineIndexOf(doc: ParsedFile): LineIndex {
  const known = lineIndexes.get(doc);
  if (known) return known;
  const syntax = (doc as { syntax?: { lines?: unknown; lineIndex?: unknown } }).syntax;
  const index = (syntax?.lineIndex ?? syntax?.lines) as LineIndex;
  lineIndexes.set(doc, index);
  return index;
}

/** Matches the VMs of vm.conf with their dhcpd hosts and answer files. */
export function hostView(files: HostFiles): HostView {
  const { vmConf, dhcpdConf } = files;
  const { hosts, subnets } = walkDhcpd(dhcpdConf.model);
  const byMac = new Map<string, PlacedHost>();
  const byName = new Map<string, PlacedHost>();
  for (const h of hosts) {
    const mac = h.host.hardwareEthernet && parseMac(h.host.hardwareEthernet);
    if (mac && !byMac.has(mac)) byMac.set(mac, h);
    if (!byName.has(h.host.name)) byName.set(h.host.name, h);
  }
  const answers = new Map<string, InstallConfDocument>();
  for (const doc of files.installConfs ?? []) {
    const mac = installConfMac(doc);
    if (mac && !answers.has(mac)) answers.set(mac, doc);
  }
  const statements = vmConf.syntax.statements.filter((s) => s.kind === "vm");
  const used = new Set<number>();
  const vms = vmConf.model.vms.map((vm): HostVm => {
    const si = statements.findIndex((s, i) => !used.has(i) && s.kind === "vm" && s.name === vm.name);
    if (si >= 0) used.add(si);
    const statement = si >= 0 ? statements[si] : undefined;
    const span = statement ? { start: statement.start, end: statement.kind === "vm" ? statement.headerEnd : statement.end } : { start: 0, end: 0 };
    const entry: HostVm = { name: vm.name, vm, span };
    const iface = vm.interfaces.findIndex((i) => i.lladdr !== undefined && parseMac(i.lladdr) !== undefined);
    if (iface >= 0) {
      entry.mac = parseMac(vm.interfaces[iface]!.lladdr!)!;
      const node = statement?.kind === "vm" ? statement.options.filter((o) => o.kind === "interface")[iface] : undefined;
      entry.macSpan = node ? { start: node.start, end: node.end } : span;
      const h = byMac.get(entry.mac);
      if (h) entry.dhcpdHost = h;
      const answer = answers.get(entry.mac);
      if (answer) entry.installConf = answer;
    }
    if (!entry.dhcpdHost) {
      const h = byName.get(vm.name);
      if (h) entry.dhcpdHost = h;
    }
    return entry;
  });
  const at = (doc: ParsedFile, start: number, end: number, severity: Severity, code: string, message: string, hint?: string): Diagnostic => {
    const d = diagnosticAt(lineIndexOf(doc), start, end, severity, code, message, doc.fileName);
    if (hint !== undefined) d.hint = hint;
    return d;
  };
  const where = (doc: ParsedFile, offset: number): string => `${doc.fileName ?? "<input>"}:${lineIndexOf(doc).position(offset).line}`;
  return { files, vms, dhcpdHosts: hosts, dhcpdSubnets: subnets, at, where };
}

/** The MAC an answer file is for, from its file name (`fe:e1:bb:d1:c8:01-install.conf`), or undefined. */
export function installConfMac(doc: ParsedFile): string | undefined {
  const m = /^([0-9a-f]{2}(?::[0-9a-f]{2}){5})-install\.conf$/.exec(basename(doc.fileName ?? ""));
  return m ? m[1] : undefined;
}

// Span of a dhcpd model path (or of the nearest enclosing path that has one).
function dhcpdSpan(doc: DhcpdConfDocument, path: string): Span {
  let p = path;
  for (;;) {
    const span = doc.syntax.locations.get(p);
    if (span) return span;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return { start: 0, end: 0 };
    p = p.slice(0, cut);
  }
}

function checkVms(view: HostView, options: CheckHostOptions, out: Diagnostic[]): void {
  const { vmConf, dhcpdConf } = view.files;
  const users = options.users ? new Set(options.users) : undefined;
  const groups = options.groups ? new Set(options.groups) : undefined;
  const macOwner = new Map<string, HostVm>();
  const statements = vmConf.syntax.statements;
  for (const v of view.vms) {
    if (v.mac === undefined) {
      out.push(view.at(vmConf, v.span.start, v.span.end, "warning", "NO_LLADDR", `vm ${v.name} has no interface with an lladdr: dhcpd cannot give it a fixed address and the installer cannot find its answer file`));
    } else {
      const first = macOwner.get(v.mac);
      if (first) {
        out.push(view.at(vmConf, v.macSpan!.start, v.macSpan!.end, "error", "DUPLICATE_LLADDR", `vm ${v.name} has lladdr ${v.mac}, like vm ${first.name} (${view.where(vmConf, first.macSpan!.start)})`));
      } else macOwner.set(v.mac, v);
    }
    if (v.vm.owner && (users || groups)) {
      const statement = statements.find((s) => s.kind === "vm" && s.start === v.span.start);
      const node = statement?.kind === "vm" ? statement.options.find((o) => o.kind === "owner") : undefined;
      const span = node ?? v.span;
      const { user, group } = v.vm.owner;
      if (users && user !== undefined && !users.has(user)) {
        out.push(view.at(vmConf, span.start, span.end, "error", "UNKNOWN_OWNER", `vm ${v.name} is owned by user ${user}, who does not exist on the host`, "add the user (useradd) or fix the owner"));
      }
      if (groups && group !== undefined && !groups.has(group)) {
        out.push(view.at(vmConf, span.start, span.end, "error", "UNKNOWN_OWNER", `vm ${v.name} is owned by group ${group}, which does not exist on the host`));
      }
    }
    if (v.mac === undefined) continue;
    const h = v.dhcpdHost;
    const hostMac = h?.host.hardwareEthernet && parseMac(h.host.hardwareEthernet);
    if (!h) {
      out.push(view.at(vmConf, v.macSpan!.start, v.macSpan!.end, "error", "NO_DHCPD_HOST", `no host of ${dhcpdConf.fileName ?? "dhcpd.conf"} has hardware ethernet ${v.mac} (vm ${v.name}): the VM gets no fixed address`));
    } else if (hostMac !== v.mac) {
      const span = dhcpdSpan(dhcpdConf, `${h.path}.hardwareEthernet`);
      const has = hostMac ? `hardware ethernet ${hostMac}` : "no hardware ethernet";
      out.push(view.at(dhcpdConf, span.start, span.end, "error", "LLADDR_MISMATCH", `host ${h.host.name} has ${has}, but vm ${v.name} has lladdr ${v.mac} (${view.where(vmConf, v.macSpan!.start)})`));
    } else if (h.host.name !== v.name) {
      const span = dhcpdSpan(dhcpdConf, `${h.path}.name`);
      out.push(view.at(dhcpdConf, span.start, span.end, "error", "HOST_NAME_MISMATCH", `host ${h.host.name} has the MAC of vm ${v.name} (${view.where(vmConf, v.span.start)})`, `name the host ${v.name}`));
    }
    if (view.files.installConfs && !v.installConf) {
      out.push(view.at(vmConf, v.macSpan!.start, v.macSpan!.end, "info", "NO_INSTALL_CONF", `vm ${v.name} has no answer file ${v.mac}-install.conf (normal once it has installed)`));
    }
  }
}

function checkDhcpdHosts(view: HostView, options: CheckHostOptions, out: Diagnostic[]): void {
  const doc = view.files.dhcpdConf;
  const own = options.subnet && { network: ipv4Number(options.subnet.network), mask: ipv4Number(options.subnet.netmask) };
  const inside = (n: number, network: number | undefined, mask: number | undefined): boolean =>
    network !== undefined && mask !== undefined && maskLength(mask) !== undefined && ((n & mask) >>> 0) === network && n !== network && n !== (network | ~mask) >>> 0;
  const subnetText = (s: Ipv4Subnet): string => `${s.network}/${s.netmask}`;
  const macs = new Map<string, PlacedHost>();
  const addresses = new Map<string, PlacedHost>();
  for (const h of view.dhcpdHosts) {
    const mac = h.host.hardwareEthernet && parseMac(h.host.hardwareEthernet);
    if (mac) {
      const first = macs.get(mac);
      if (first) {
        const span = dhcpdSpan(doc, `${h.path}.hardwareEthernet`);
        out.push(view.at(doc, span.start, span.end, "error", "DUPLICATE_HARDWARE", `host ${h.host.name} has hardware ethernet ${mac}, like host ${first.host.name} (${view.where(doc, dhcpdSpan(doc, first.path).start)})`));
      } else macs.set(mac, h);
    }
    const span = dhcpdSpan(doc, `${h.path}.fixedAddress`);
    for (const a of h.host.fixedAddress ?? []) {
      const n = ipv4Number(a);
      if (n === undefined) continue;
      const first = addresses.get(a);
      if (first) {
        out.push(view.at(doc, span.start, span.end, "error", "DUPLICATE_FIXED_ADDRESS", `host ${h.host.name} has fixed-address ${a}, like host ${first.host.name} (${view.where(doc, dhcpdSpan(doc, first.path).start)})`));
      } else addresses.set(a, h);
      // One report per address: the subnet it is declared in (or any declared subnet), then the VM subnet.
      if (h.subnet ? !inside(n, ipv4Number(h.subnet.network), ipv4Number(h.subnet.netmask)) : false) {
        out.push(view.at(doc, span.start, span.end, "error", "FIXED_ADDRESS_OUTSIDE_SUBNET", `host ${h.host.name}: fixed-address ${a} is not a host address of the subnet ${subnetText(h.subnet!)} it is declared in`));
      } else if (!h.subnet && !view.dhcpdSubnets.some(({ subnet }) => inside(n, ipv4Number(subnet.network), ipv4Number(subnet.netmask)))) {
        out.push(view.at(doc, span.start, span.end, "error", "FIXED_ADDRESS_OUTSIDE_SUBNET", `host ${h.host.name}: fixed-address ${a} is in no subnet declared in ${doc.fileName ?? "dhcpd.conf"}, so dhcpd never gives it out`));
      } else if (own && !inside(n, own.network, own.mask)) {
        out.push(view.at(doc, span.start, span.end, "error", "FIXED_ADDRESS_OUTSIDE_SUBNET", `host ${h.host.name}: fixed-address ${a} is not a host address of the VM subnet ${subnetText(options.subnet!)}`));
      }
    }
  }
}

function checkInstallConfs(view: HostView, options: CheckHostOptions, out: Diagnostic[]): void {
  const vmByMac = new Map(view.vms.filter((v) => v.mac !== undefined).map((v) => [v.mac!, v]));
  for (const doc of view.files.installConfs ?? []) {
    const mac = installConfMac(doc);
    if (mac === undefined) {
      out.push(view.at(doc, 0, 0, "warning", "BAD_INSTALL_CONF_NAME", `${basename(doc.fileName ?? "")} is not named <mac>-install.conf (MAC in lower-case colon form): the installer never fetches it`));
      continue;
    }
    const v = vmByMac.get(mac);
    if (!v) {
      out.push(view.at(doc, 0, 0, "warning", "ORPHAN_INSTALL_CONF", `no VM of ${view.files.vmConf.fileName ?? "vm.conf"} has lladdr ${mac}: this answer file serves no VM`));
      continue;
    }
    if (v.installConf !== doc) continue;
    const index = doc.model.answers.findIndex((a) => keyMatchesQuestion(a.key, HOSTNAME_QUESTION));
    if (index < 0) continue;
    const answer = doc.model.answers[index]!.answer;
    const line = doc.syntax.lines.find((l) => l.answerIndex === index)!;
    const dot = answer.indexOf(".");
    const short = dot < 0 ? answer : answer.slice(0, dot);
    const option = v.dhcpdHost && hostNameOption(v.dhcpdHost.host);
    if (option && option.value.split(".")[0] !== short) {
      const dhcpd = view.files.dhcpdConf;
      const at = view.where(dhcpd, dhcpdSpan(dhcpd, `${v.dhcpdHost!.path}.options[${option.index}]`).start);
      out.push(view.at(doc, line.answerStart, line.end, "error", "HOSTNAME_MISMATCH", `vm ${v.name} is named "${short}" here but "${option.value}" by option host-name (${at})`));
    }
    if (options.domain !== undefined && dot >= 0 && answer.slice(dot + 1) !== options.domain) {
      out.push(view.at(doc, line.answerStart, line.end, "warning", "DOMAIN_MISMATCH", `vm ${v.name}: host name ${answer} is not in the domain ${options.domain}`));
    }
  }
}
