// One deploy run, planned without touching the disk: the host's files as
// read, the orders and the settings in; every file's new content, the host
// commands and a summary out. Writing is writeChanges' job.
import { parse as parseInstallConf, responseFileName, type Release } from "@obsdconf/autoinstall";
import { diagnosticAt, type Diagnostic } from "@obsdconf/core";
import { parse as parseDhcpdConf, update as updateDhcpdConf, type Host } from "@obsdconf/dhcpdconf";
import { customerRule, parse as parseDoasConf, update as updateDoasConf, type Rule } from "@obsdconf/doasconf";
import { addAutoinstallServer, parse as parseHttpdConf } from "@obsdconf/httpdconf";
import { indexNames, indexTxt, installurl, rcConfLocal, siteSetName, sysctlConf, buildSiteSet } from "@obsdconf/sitetgz";
import { parse as parseVmConf, update as updateVmConf, type Vm } from "@obsdconf/vmconf";
import { posix } from "node:path";
import { allocate, usedResources, type AllocationFailure, type VmAllocation } from "../allocate.js";
import { checkHost } from "../check-host.js";
import { walkDhcpd } from "../dhcpd-walk.js";
import type { DeployConf } from "../deploy-conf.js";
import { ipv6ForNumber, parseIPv6Base, type IPv6Base } from "../network.js";
import type { Order, OrderDocument } from "../orders.js";
import { answerTexts, hashedPasswords, type PasswordPolicy } from "./answers.js";
import type { FileChange } from "./changes.js";
import { ensureSubnet, placeHost } from "./dhcpd-conf.js";
import { hostScript, type ScriptDisk } from "./script.js";
import { alignVm, newVm, vmStyle, type VmSpec } from "./vm-conf.js";

/** An order to deploy: the VM's name and what the customer asked for. */
export interface DeployOrder {
  /** VM name (`vm15`, from the order's file name). */
  vm: string;
  /** The order. */
  order: Order;
  /** The parsed order file, for messages that point into it. */
  doc?: OrderDocument;
}

/** The host's files as read (`undefined`: the file does not exist). */
export interface HostTexts {
  /** `ETC/vm.conf`. */
  vmConf: string | undefined;
  /** `ETC/dhcpd.conf`. */
  dhcpdConf: string | undefined;
  /** `ETC/doas.conf`. */
  doasConf: string | undefined;
  /** `ETC/httpd.conf`. */
  httpdConf: string | undefined;
  /** The answer files in HTDOCS (`<mac>-install.conf`), by file name. */
  answerFiles: ReadonlyMap<string, string>;
  /** The site set in the sets directory. */
  siteSet: Uint8Array | undefined;
  /** index.txt of the sets directory. */
  indexTxt: string | undefined;
}

/** Options of {@link planDeploy}. */
export interface PlanOptions {
  /** OpenBSD release of the host and the VMs (default: the newest the installer answers know). */
  release: Release;
  /** Architecture of the sets (default `amd64`). */
  arch?: string;
  /** When the run happens (names the host script). */
  now?: Date;
  /** How passwords are made and stored. */
  passwords?: PasswordPolicy;
  /** The `_deploy.conf` the settings came from, for messages. */
  confFile?: string;
  /** Called as the answer files' passwords are hashed (the slow part of a big run), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** What happens to one order. */
export interface PlannedVm {
  /** VM name. */
  vm: string;
  /** `added`: new; `changed`: existing, edited; `unchanged`: nothing to do. */
  status: "added" | "changed" | "unchanged";
  /** Its MAC, addresses. */
  allocation: VmAllocation;
  /** What changes, one phrase each (`memory 1G → 2G`). */
  changes: string[];
}

/** The outcome of {@link planDeploy}. */
export type DeployPlan =
  | {
      /** Planned. */
      ok: true;
      /** Files to write, in the order to write them (answer files first, vm.conf last). */
      changes: FileChange[];
      /** One entry per order. */
      vms: PlannedVm[];
      /** Accounts the host script creates. */
      users: string[];
      /** Disk images the host script creates. */
      disks: ScriptDisk[];
      /** Why something the operator may expect does not happen (`doas.conf: no rule needed on 7.8 …`). */
      notes: string[];
      /** New VMs written `disable` (the host's style): started by hand to install. */
      disabled: string[];
    }
  | {
      /** Not planned: nothing may be written. */
      ok: false;
      /** Why: the host's files do not parse cleanly, or allocation failed. */
      diagnostics: Diagnostic[];
      /** The allocation failure, when that is the reason. */
      allocation?: AllocationFailure;
    };

/** The files a deploy reads and writes on the host. */
export interface HostPaths {
  /** `ETC/vm.conf`. */
  vmConf: string;
  /** `ETC/dhcpd.conf`. */
  dhcpdConf: string;
  /** `ETC/doas.conf`. */
  doasConf: string;
  /** `ETC/httpd.conf`. */
  httpdConf: string;
  /** HTDOCS, where the answer files go. */
  htdocs: string;
  /** The sets directory, `HTDOCS/pub/OpenBSD/<release>/<arch>`. */
  sets: string;
  /** The site set in it (`site78.tgz`). */
  siteSet: string;
  /** Its index.txt. */
  indexTxt: string;
}

/** Paths a deploy writes on the host, from the settings. */
export function hostPaths(conf: DeployConf, release: string, arch = "amd64"): HostPaths {
  const sets = posix.join(conf.htdocs, "pub/OpenBSD", release, arch);
  return {
    vmConf: posix.join(conf.etc, "vm.conf"),
    dhcpdConf: posix.join(conf.etc, "dhcpd.conf"),
    doasConf: posix.join(conf.etc, "doas.conf"),
    httpdConf: posix.join(conf.etc, "httpd.conf"),
    htdocs: conf.htdocs,
    sets,
    siteSet: posix.join(sets, siteSetName(release)),
    indexTxt: posix.join(sets, "index.txt"),
  };
}

/** The VMs' IPv6 default router: number 1 of the VM scheme (`2001:db8:8:1::1` for IPV6_PREFIX `2001:db8:8:1`). */
export function ipv6Router(base: IPv6Base): string {
  return ipv6ForNumber(base, 1)!;
}

/** Mode of an answer file: the web server's group may read it, nobody else (the host script sets the group). */
export const ANSWER_FILE_MODE = 0o640;

const errorsOf = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.severity === "error");

/** The object at a model path such as `subnets[0].hosts[3]`. */
function atPath(root: unknown, path: string): unknown {
  let at = root as Record<string, unknown>;
  for (const m of path.matchAll(/([A-Za-z]+)\[(\d+)\]/g)) at = (at[m[1]!] as Array<Record<string, unknown>>)[Number(m[2])]!;
  return at;
}

/** An error about a whole file (line 1). */
function fileLevel(file: string | undefined, code: string, message: string): Diagnostic {
  return { severity: "error", code, message, line: 1, column: 1, endLine: 1, endColumn: 1, ...(file ? { file } : {}) };
}

/** An error at an order's `key=` line (line 1 when the order has no document). */
function atOrderKey(order: DeployOrder, key: string, code: string, message: string, hint?: string): Diagnostic {
  const doc = order.doc;
  const span = [...(doc?.syntax.settings ?? [])].reverse().find((x) => x.key === key);
  const d = doc && span ? diagnosticAt(doc.syntax.lineIndex, span.start, span.valueEnd, "error", code, message, doc.fileName) : fileLevel(doc?.fileName, code, message);
  if (hint) d.hint = hint;
  return d;
}

/**
 * What the orders must not ask, because deploy would hand a VM or an account
 * to the wrong customer: an order whose VM is owned by another account in
 * vm.conf (`OWNER_CHANGED`); one username with two different customers (name
 * or e-mail) among the orders (`SHARED_USERNAME`); a new VM for an account
 * that owns VMs without an order, where deploy cannot tell it is the same
 * customer (`USERNAME_TAKEN`); two orders with the same host name
 * (`DUPLICATE_HOSTNAME`).
 */
export function orderConflicts(orders: readonly DeployOrder[], vms: readonly Vm[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ordered = new Set(orders.map((o) => o.vm));
  const firstOf = new Map<string, DeployOrder>();
  const hostnames = new Map<string, string>();
  for (const o of orders) {
    const vm = vms.find((v) => v.name === o.vm && v.instanceOf === undefined);
    const owner = vm?.owner;
    if (vm && owner && (owner.user !== o.order.username || owner.group !== undefined || owner.uid !== undefined)) {
      const was = owner.user ?? (owner.uid !== undefined ? String(owner.uid) : "") + (owner.group !== undefined ? `:${owner.group}` : "");
      out.push(atOrderKey(o, "username", "OWNER_CHANGED", `${o.vm} belongs to ${was} in vm.conf, but its order says username "${o.order.username}"; deploy does not give a VM to another account`, "if the VM is meant to change hands, change its owner in vm.conf (and create the account) first"));
    }
    const first = firstOf.get(o.order.username);
    if (!first) firstOf.set(o.order.username, o);
    else if (first.order.email !== o.order.email || first.order.name !== o.order.name) {
      out.push(atOrderKey(o, "username", "SHARED_USERNAME", `username "${o.order.username}" is also the login of ${first.vm}'s customer (${first.order.name} <${first.order.email}>), a different customer`, "give each customer a login of their own"));
    }
    if (!vm) {
      const others = vms.filter((v) => v.owner?.user === o.order.username && !ordered.has(v.name)).map((v) => v.name);
      if (others.length > 0) {
        out.push(atOrderKey(o, "username", "USERNAME_TAKEN", `username "${o.order.username}" already owns ${others.join(", ")}, which has no order here: deploy cannot tell it is the same customer`, "use another login, or add the orders of those VMs"));
      }
    }
    const other = hostnames.get(o.order.hostname);
    if (other !== undefined) out.push(atOrderKey(o, "hostname", "DUPLICATE_HOSTNAME", `hostname "${o.order.hostname}" is also ${other}'s`));
    else hostnames.set(o.order.hostname, o.vm);
  }
  return out;
}

/**
 * Plans a deploy: allocates each new VM's MAC and addresses around
 * everything the host's vm.conf and dhcpd.conf use, edits vm.conf,
 * dhcpd.conf, doas.conf and httpd.conf through their packages' `update`
 * (every other byte kept), writes an answer file per new VM and the site
 * set with its index.txt. An order already deployed (its VM is in vm.conf)
 * is compared with the file: a changed memory or a new second disk becomes
 * an edit. Nothing is planned when a host file has errors, an order would
 * give a VM or an account to another customer ({@link orderConflicts}), the
 * range is exhausted, or the new files would not pass their daemons' checks
 * and `checkHost` (the plan's own files are parsed again before anything is
 * written).
 */
export async function planDeploy(conf: DeployConf, orders: readonly DeployOrder[], host: HostTexts, options: PlanOptions): Promise<DeployPlan> {
  const release = options.release;
  const arch = options.arch ?? "amd64";
  const paths = hostPaths(conf, release, arch);
  const vmDoc = parseVmConf(host.vmConf ?? "", { fileName: paths.vmConf, release });
  const dhcpdDoc = parseDhcpdConf(host.dhcpdConf ?? "", { fileName: paths.dhcpdConf });
  const doasDoc = parseDoasConf(host.doasConf ?? "", { fileName: paths.doasConf, release });
  const httpdDoc = parseHttpdConf(host.httpdConf ?? "", { fileName: paths.httpdConf, release });
  // A file that does not exist yet is made from an empty model (httpd would call an empty httpd.conf "no actions").
  const existing = [host.vmConf && vmDoc, host.dhcpdConf && dhcpdDoc, host.doasConf && doasDoc, host.httpdConf && httpdDoc];
  const broken = existing.flatMap((d) => (d ? errorsOf(d.diagnostics) : []));
  if (broken.length > 0) return { ok: false, diagnostics: broken };

  const conflicts = orderConflicts(orders, vmDoc.model.vms);
  if (conflicts.length > 0) return { ok: false, diagnostics: conflicts };

  const allocation = allocate(conf, orders, usedResources(vmDoc.model, dhcpdDoc.model));
  if (!allocation.ok) {
    const hint = allocation.code === "RANGE_EXHAUSTED" ? allocation.shortages.map((s) => s.hint).join("; ") : undefined;
    const diagnostic: Diagnostic = { ...fileLevel(options.confFile, allocation.code, allocation.message), ...(hint ? { hint } : {}) };
    return { ok: false, diagnostics: [diagnostic], allocation };
  }

  // Hashing is the slow part: it runs on other threads while the files are edited.
  const isNew = (vm: string): boolean => !vmDoc.model.vms.some((v) => v.name === vm && v.instanceOf === undefined);
  const passwords = hashedPasswords(orders.filter((o) => isNew(o.vm)).length, options.passwords, options.onProgress);
  passwords.catch(() => {}); // awaited below; a planning error thrown first must not leave it unhandled
  const style = vmStyle(vmDoc.model);
  const ipv6 = parseIPv6Base(conf.ipv6Prefix);
  const specs = orders.map((o, i): VmSpec & { order: Order; allocation: VmAllocation } => {
    const a = allocation.allocations[i]!;
    const format = o.order.format ?? conf.format;
    const disks = [{ path: posix.join(conf.images, `${o.vm}.${format}`), format, size: conf.diskSize }];
    if (o.order.disk2) disks.push({ path: posix.join(conf.images, `${o.vm}-disk2.${format}`), format, size: o.order.disk2 });
    return { name: o.vm, owner: o.order.username, memory: o.order.memory ?? conf.memory, disks, switch: conf.switch, lladdr: a.mac, order: o.order, allocation: a };
  });

  const planned = new Map<string, PlannedVm>(specs.map((s) => [s.name, { vm: s.name, status: "unchanged", allocation: s.allocation, changes: [] }]));
  const note = (vm: string, change: string): void => {
    const p = planned.get(vm)!;
    p.changes.push(change);
    if (p.status === "unchanged") p.status = "changed";
  };
  const fileChanges: FileChange[] = [];
  const disks: ScriptDisk[] = [];
  const users: string[] = [];

  // vm.conf
  const vmDescriptions: string[] = [];
  // Looked up in the parsed models (plain objects), then reached in the draft by index or path:
  // searching the draft itself would make a copy-on-write proxy of every VM and host, once per order.
  const vmIndex = new Map<string, number>();
  vmDoc.model.vms.forEach((vm, i) => {
    if (vm.instanceOf === undefined && !vmIndex.has(vm.name)) vmIndex.set(vm.name, i);
  });
  const owners = new Set(vmDoc.model.vms.map((vm) => vm.owner?.user));
  const vmText = updateVmConf(vmDoc, (m) => {
    if (m.socketOwner === undefined) {
      m.socketOwner = { group: conf.vmdUsers };
      vmDescriptions.push(`socket owner :${conf.vmdUsers}`);
    }
    if (!m.switches.some((s) => s.name === conf.switch)) {
      m.switches.push({ name: conf.switch, interface: conf.interface });
      vmDescriptions.push(`switch ${conf.switch} added`);
    }
    for (const spec of specs) {
      const index = vmIndex.get(spec.name);
      const existing = index === undefined ? undefined : m.vms[index];
      if (!existing) {
        m.vms.push(newVm(spec, style));
        planned.get(spec.name)!.status = "added";
        vmDescriptions.push(`${spec.name} added`);
        disks.push(...spec.disks);
        if (!users.includes(spec.owner) && !owners.has(spec.owner)) users.push(spec.owner);
        continue;
      }
      const changes = alignVm(existing, spec, style);
      for (const c of changes) {
        note(spec.name, c);
        vmDescriptions.push(`${spec.name} ${c}`);
      }
      const second = spec.disks[1];
      if (second && changes.some((c) => c.startsWith("second disk"))) disks.push(second);
      if (changes.includes(`owner ${spec.owner}`) && !users.includes(spec.owner)) users.push(spec.owner);
    }
  });

  // dhcpd.conf
  const dhcpdDescriptions: string[] = [];
  const dhcpdHosts = walkDhcpd(dhcpdDoc.model).hosts;
  const hostPath = new Map<string, string>();
  for (const h of dhcpdHosts) if (h.host.hardwareEthernet && !hostPath.has(`mac ${h.host.hardwareEthernet}`)) hostPath.set(`mac ${h.host.hardwareEthernet}`, h.path);
  for (const h of dhcpdHosts) if (!hostPath.has(`name ${h.host.name}`)) hostPath.set(`name ${h.host.name}`, h.path);
  const dhcpdText = updateDhcpdConf(dhcpdDoc, (m) => {
    const { subnet, added } = ensureSubnet(m, { network: conf.subnet, netmask: conf.netmask, router: conf.router, dns: conf.dns });
    if (added) dhcpdDescriptions.push(`subnet ${conf.subnet} added`);
    for (const spec of specs) {
      const path = hostPath.get(`mac ${spec.allocation.mac}`) ?? hostPath.get(`name ${spec.name}`);
      const changes = placeHost(m, subnet, path === undefined ? null : (atPath(m, path) as Host), {
        name: spec.name,
        mac: spec.allocation.mac,
        address: spec.allocation.ipv4,
        hostname: spec.order.hostname,
        nextServer: conf.router,
      });
      for (const c of changes) {
        dhcpdDescriptions.push(`${spec.name} ${c}`);
        if (planned.get(spec.name)!.status !== "added") note(spec.name, `dhcpd.conf: ${c}`);
      }
    }
  });

  // doas.conf: the customer's rule, when the release needs one.
  const doasDescriptions: string[] = [];
  const notes: string[] = [];
  if (specs.length > 0 && customerRule({ owner: specs[0]!.owner, vm: specs[0]!.name, release: release as never }) === undefined) {
    notes.push(`doas.conf: no rule needed on ${release}: a VM's owner (vm.conf) starts and stops it with vmctl, stop -f included`);
  }
  const doasText = updateDoasConf(doasDoc, (m) => {
    for (const spec of specs) {
      const rule = customerRule({ owner: spec.owner, vm: spec.name, release: release as never });
      if (rule && !m.rules.some((r: Rule) => JSON.stringify(r) === JSON.stringify(rule))) {
        m.rules.push(rule);
        doasDescriptions.push(`rule for ${spec.owner} (${spec.name}) added`);
      }
    }
  });

  // httpd.conf: the autoinstall server, once.
  const serverName = `${conf.server}.${conf.domain}`;
  const htdocsInChroot = conf.htdocs.startsWith("/var/www/") ? conf.htdocs.slice("/var/www".length) : conf.htdocs;
  const httpdText = addAutoinstallServer(httpdDoc, {
    name: serverName,
    aliases: [conf.router],
    listen: { address: conf.router, port: 80 },
    htdocs: htdocsInChroot,
    releases: [{ release, arch, directory: posix.join(htdocsInChroot, "pub/OpenBSD", release, arch) }],
  }, { release });
  const httpdDescriptions = httpdText === httpdDoc.text ? [] : [`server "${serverName}" for the installer`];

  // Answer files of new VMs.
  const siteSet = siteSetName(release);
  const newSpecs = specs.filter((spec) => planned.get(spec.name)!.status === "added");
  const answerPaths = newSpecs.map((spec) => posix.join(conf.htdocs, responseFileName(spec.allocation.mac)));
  const answers = answerTexts(
    newSpecs.map((spec) => ({
      release,
      hostname: `${spec.order.hostname}.${conf.domain}`,
      login: spec.owner,
      fullName: spec.order.name,
      sshKey: spec.order.sshkey,
      ...(spec.allocation.ipv6 && typeof ipv6 !== "string"
        ? { ipv6: { address: spec.allocation.ipv6, prefixLength: ipv6.length, router: ipv6Router(ipv6) } }
        : {}),
      setsServer: serverName,
      siteSets: [siteSet],
    })),
    answerPaths,
    await passwords,
  );
  newSpecs.forEach((spec, i) => {
    const path = answerPaths[i]!;
    fileChanges.push({
      path,
      before: host.answerFiles.get(posix.basename(path)),
      after: answers[i]!.text,
      mode: ANSWER_FILE_MODE,
      descriptions: [`answers for ${spec.name} (${spec.order.hostname}.${conf.domain})`],
    });
  });

  // The site set and its index.txt.
  const tgz = await buildSiteSet({
    release,
    entries: [
      { path: "etc/installurl", content: installurl.generate({ urls: [`http://${serverName}/pub/OpenBSD`] }) },
      { path: "etc/sysctl.conf", content: sysctlConf.generate({ settings: [{ name: "kern.timecounter.hardware", value: "tsc" }] }) },
      {
        path: "etc/rc.conf.local",
        content: rcConfLocal.generate({ variables: [{ name: "ntpd_flags", value: "-s" }, { name: "sndiod_flags", value: "NO" }] }),
      },
    ],
  });
  fileChanges.push({ path: paths.siteSet, before: host.siteSet, after: tgz, mode: 0o644, descriptions: [`${siteSet} built`] });
  const index = indexTxt([{ name: siteSet, size: tgz.length }], host.indexTxt ?? "");
  const listed = host.indexTxt !== undefined && indexNames(host.indexTxt).includes(siteSet);
  fileChanges.push({ path: paths.indexTxt, before: host.indexTxt, after: index, mode: 0o644, descriptions: [listed ? `${siteSet} listed again` : `${siteSet} listed`] });

  const configs: FileChange[] = [
    { path: paths.dhcpdConf, before: host.dhcpdConf, after: dhcpdText, descriptions: dhcpdDescriptions },
    { path: paths.httpdConf, before: host.httpdConf, after: httpdText, descriptions: httpdDescriptions },
    { path: paths.doasConf, before: host.doasConf, after: doasText, descriptions: doasDescriptions },
    { path: paths.vmConf, before: host.vmConf, after: vmText, descriptions: vmDescriptions },
  ];
  // A file the host lacks is created only with something in it, and says so.
  for (const c of configs) {
    if (c.before !== undefined) fileChanges.push(c);
    else if (c.after !== "") fileChanges.push({ ...c, descriptions: ["created (it did not exist)", ...c.descriptions] });
  }
  // What vmd, dhcpd, doas and httpd would say of the new files, and whether they agree about every VM.
  const planned_ = {
    vmConf: parseVmConf(vmText, { fileName: paths.vmConf, release }),
    dhcpdConf: parseDhcpdConf(dhcpdText, { fileName: paths.dhcpdConf }),
    doasConf: parseDoasConf(doasText, { fileName: paths.doasConf, release }),
    httpdConf: parseHttpdConf(httpdText, { fileName: paths.httpdConf, release }),
  };
  const installConfs = fileChanges
    .filter((c) => c.mode === ANSWER_FILE_MODE)
    .map((c) => parseInstallConf(c.after as string, { fileName: c.path, release }));
  const refused = [
    ...Object.values(planned_).flatMap((d) => errorsOf(d.diagnostics)),
    ...errorsOf(checkHost({ vmConf: planned_.vmConf, dhcpdConf: planned_.dhcpdConf, installConfs }, { subnet: { network: conf.subnet, netmask: conf.netmask } })),
  ];
  if (refused.length > 0) return { ok: false, diagnostics: refused };
  const disabled = style.disabled ? specs.filter((spec) => planned.get(spec.name)!.status === "added").map((spec) => spec.name) : [];
  return { ok: true, changes: fileChanges, vms: [...planned.values()], users, disks, notes, disabled };
}
