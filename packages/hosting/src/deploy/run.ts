// A whole deploy run against a directory tree: read _deploy.conf, the
// orders and the host's files; plan; write (unless a dry run); write the
// host script. Everything the operator sees is in the returned report.
import { NEWEST_RELEASE, RELEASES, responseFileName, type Release } from "@obsdconf/autoinstall";
import { access, readFile, readdir, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, posix } from "node:path";
import type { Diagnostic } from "@obsdconf/core";
import { parse as parseVmConf } from "@obsdconf/vmconf";
import { createTwoFilesPatch } from "diff";
import { parseDeployConf, type DeployConf } from "../deploy-conf.js";
import { readOrders } from "../orders.js";
import { isNoOp, readHostFile, underRoot, writeChanges, type FileChange, type RootOptions, type WriteOptions } from "./changes.js";
import { ANSWER_FILE_MODE, hostPaths, planDeploy, type DeployOrder, type HostTexts, type PlannedVm, type PlanOptions } from "./plan.js";
import { hostScript } from "./script.js";

/** Options of {@link deploy}. */
export interface DeployOptions extends WriteOptions, Partial<PlanOptions> {
  /** Path of `_deploy.conf` (read as given, not under `root`); its VMS directory is relative to it. */
  confFile: string;
  /** Write the files (default false: a dry run that only plans). */
  write?: boolean;
}

/** What a run did (or, in a dry run, would do). */
export interface DeployReport {
  /** False when nothing could be planned (see `diagnostics`). */
  ok: boolean;
  /** Errors of the settings, the orders or the host's files; nothing was written when there are any. */
  diagnostics: Diagnostic[];
  /** One entry per order. */
  vms: PlannedVm[];
  /** Every file that changes, with its old and new content. */
  changes: FileChange[];
  /** Paths written (empty in a dry run). */
  written: string[];
  /** The host script, when there are host commands to run. */
  script?: {
    /** Where it is written: `deploy-<date>.sh` beside `_deploy.conf`. */
    path: string;
    /** The script. */
    text: string;
  };
  /** Accounts the script creates. */
  users: string[];
  /** Disk images the script creates. */
  images: string[];
  /** Why something the operator may expect does not happen. */
  notes: string[];
}

const decoder = new TextDecoder();
const text = (bytes: Uint8Array | undefined): string | undefined => (bytes === undefined ? undefined : decoder.decode(bytes));

/** Reads the host files a deploy edits, under `options.root`. */
export async function readHostTexts(conf: DeployConf, release: string, arch: string, options: RootOptions = {}): Promise<HostTexts> {
  const paths = hostPaths(conf, release, arch);
  const answerFiles = new Map<string, string>();
  const names = await readdir(underRoot(conf.htdocs, options)).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith("-install.conf"))) {
    const content = await readHostFile(posix.join(conf.htdocs, name), options);
    if (content !== undefined) answerFiles.set(name, decoder.decode(content));
  }
  return {
    vmConf: text(await readHostFile(paths.vmConf, options)),
    dhcpdConf: text(await readHostFile(paths.dhcpdConf, options)),
    doasConf: text(await readHostFile(paths.doasConf, options)),
    httpdConf: text(await readHostFile(paths.httpdConf, options)),
    answerFiles,
    siteSet: await readHostFile(paths.siteSet, options),
    indexTxt: text(await readHostFile(paths.indexTxt, options)),
  };
}

/** What {@link readInputs} read. */
export interface DeployInputs {
  /** The settings (not to be used when there are diagnostics). */
  conf: DeployConf;
  /** The orders, by VM name. */
  orders: DeployOrder[];
  /** Errors of the settings or the orders. */
  diagnostics: Diagnostic[];
}

/** The settings and orders of a run, or the errors that stop it. */
export async function readInputs(confFile: string): Promise<DeployInputs> {
  const confDoc = parseDeployConf(await readFile(confFile), { fileName: confFile });
  const diagnostics = confDoc.diagnostics.filter((d) => d.severity === "error");
  if (diagnostics.length > 0) return { conf: confDoc.model, orders: [], diagnostics };
  const vmsDir = isAbsolute(confDoc.model.vms) ? confDoc.model.vms : join(dirname(confFile), confDoc.model.vms);
  const files = readOrders(vmsDir);
  for (const f of files) diagnostics.push(...f.doc.diagnostics.filter((d) => d.severity === "error"));
  return { conf: confDoc.model, orders: files.map((f) => ({ vm: f.vm, order: f.doc.model, doc: f.doc })), diagnostics };
}

/**
 * One deploy run: reads `_deploy.conf`, its orders and the host's files
 * (under `root`), plans every change, and with `write` writes them, each
 * file atomically, answer files and the site set first and vm.conf last,
 * then the host script `deploy-<date>.sh` beside `_deploy.conf` when there
 * are commands to run. Settings or files with errors, or a range that
 * cannot hold the orders, stop the run before anything is written.
 */
export async function deploy(options: DeployOptions): Promise<DeployReport> {
  const release = (options.release ?? NEWEST_RELEASE) as Release;
  const arch = options.arch ?? "amd64";
  const now = options.now ?? new Date();
  const empty = { vms: [], changes: [], written: [], users: [], images: [], notes: [] };
  if (!(RELEASES as readonly string[]).includes(release)) {
    const message = `deploy writes answer files for OpenBSD ${RELEASES.join(", ")}, not ${JSON.stringify(release)}`;
    return { ok: false, diagnostics: [{ severity: "error", code: "UNKNOWN_RELEASE", message, line: 1, column: 1, endLine: 1, endColumn: 1 }], ...empty };
  }
  const inputs = await readInputs(options.confFile);
  if (inputs.diagnostics.length > 0) return { ok: false, diagnostics: inputs.diagnostics, ...empty };
  const host = await readHostTexts(inputs.conf, release, arch, options);
  const plan = await planDeploy(inputs.conf, inputs.orders, host, {
    release,
    arch,
    now,
    confFile: options.confFile,
    ...(options.passwords ? { passwords: options.passwords } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (!plan.ok) return { ok: false, diagnostics: plan.diagnostics, ...empty };
  const changes = plan.changes.filter((c) => !isNoOp(c));
  const changed = (path: string): boolean => changes.some((c) => c.path === path);
  const paths = hostPaths(inputs.conf, release, arch);
  const answerPaths = changes.filter((c) => c.mode === ANSWER_FILE_MODE).map((c) => c.path);
  const needsScript = plan.users.length > 0 || plan.disks.length > 0 || changed(paths.dhcpdConf) || changed(paths.httpdConf) || changed(paths.vmConf) || answerPaths.length > 0;
  const script = needsScript
    ? {
        path: await freeName(join(dirname(options.confFile), `deploy-${now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")}`), ".sh"),
        text: hostScript({
          release,
          date: now,
          group: inputs.conf.vmdUsers,
          users: plan.users.map((login) => ({ login, fullName: inputs.orders.find((o) => o.order.username === login)?.order.name ?? login })),
          disks: plan.disks,
          answerFiles: answerPaths,
          restartDhcpd: changed(paths.dhcpdConf),
          reloadHttpd: changed(paths.httpdConf),
          reloadVmd: changed(paths.vmConf),
          disabledVms: plan.disabled,
        }),
      }
    : undefined;
  // The script goes first, in the same batch: a run that fails after it leaves the commands to run.
  const scriptFile = script ? [{ path: script.path, content: script.text, mode: 0o700, expectedHash: null }] : [];
  const written = options.write ? await writeChanges(changes, options, scriptFile) : [];
  if (options.write && script) written.unshift(script.path);
  return {
    ok: true,
    diagnostics: [],
    vms: plan.vms,
    changes,
    written,
    ...(script ? { script } : {}),
    users: plan.users,
    images: plan.disks.map((d) => d.path),
    notes: plan.notes,
  };
}

/** `base + ext`, or `base-2 + ext`, `base-3 + ext`… the first that does not exist. */
async function freeName(base: string, ext: string): Promise<string> {
  for (let n = 1; ; n++) {
    const path = n === 1 ? base + ext : `${base}-${n}${ext}`;
    if (!(await access(path).then(() => true, () => false))) return path;
  }
}

// The customer's password is the comment of their ssh key in an answer file: never printed.
function redacted(text: string): string {
  return text.replace(/^(Public ssh key for user [^=\n]*= *\S+ \S+) \S.*$/gm, "$1 <password, not shown>");
}

/**
 * A unified diff of a text change (`a/etc/vm.conf` → `b/etc/vm.conf`);
 * binary files get one line. The password in an answer file's ssh key
 * comment is shown as `<password, not shown>`.
 */
export function changeDiff(change: FileChange): string {
  if (typeof change.after !== "string" || (change.before !== undefined && typeof change.before !== "string")) {
    return `Binary file ${change.path} ${change.before === undefined ? "created" : "changed"} (${change.after.length} bytes)\n`;
  }
  const before = redacted(change.before ?? "");
  return createTwoFilesPatch(change.before === undefined ? "/dev/null" : `a${change.path}`, `b${change.path}`, before, redacted(change.after), "", "", { context: 2 });
}

/** At most ten items, then how many more. */
function few(items: readonly string[], separator: string): string {
  return items.length <= 10 ? items.join(separator) : `${items.slice(0, 10).join(separator)}${separator}… (${items.length} in all)`;
}

/** The run's summary, as the original script printed it: files, users, images, then what each VM got. */
export function summary(report: DeployReport): string {
  const lines: string[] = [];
  if (report.changes.length === 0) return "Nothing to do: every order is deployed and every file is up to date.\n";
  lines.push(`${report.written.length > 0 ? "Files written" : "Files to write (dry run)"}: ${report.changes.length}`);
  const answers = report.changes.filter((c) => c.path.endsWith("-install.conf"));
  for (const c of report.changes) {
    if (answers.length > 3 && answers.includes(c)) continue;
    lines.push(`  ${c.path}${c.descriptions.length ? `: ${few(c.descriptions, ", ")}` : ""}`);
  }
  if (answers.length > 3) lines.push(`  ${answers.length} answer files (<mac>-install.conf)`);
  if (report.users.length) lines.push(`Users to create: ${few(report.users, " ")}`);
  if (report.images.length) lines.push(`Disk images to create: ${few(report.images, " ")}`);
  const touched = report.vms.filter((vm) => vm.status !== "unchanged");
  for (const vm of touched.slice(0, 20)) {
    const a = vm.allocation;
    lines.push(`${vm.vm} ${vm.status === "added" ? "added" : vm.changes.join(", ")}: ${a.mac} ${a.ipv4}${a.ipv6 ? ` ${a.ipv6}` : ""}`);
  }
  if (touched.length > 20) lines.push(`… and ${touched.length - 20} more VMs`);
  if (report.script) lines.push(`Host commands: ${report.script.path}${report.written.length ? "" : " (not written in a dry run)"}`);
  lines.push(...report.notes.map((n) => `Note: ${n}`));
  return lines.join("\n") + "\n";
}

/** Options of {@link forgetAnswers}. */
export interface ForgetOptions extends RootOptions {
  /** Path of `_deploy.conf`. */
  confFile: string;
  /** VM names whose answer files go. */
  vms: readonly string[];
  /** Remove them (default false: only say which). */
  write?: boolean;
}

/** Thrown by {@link forgetAnswers} for a VM vm.conf does not know or that has no MAC. */
export class UnknownVmError extends Error {
  /** Always `"UnknownVmError"`. */
  override readonly name = "UnknownVmError";
}

/**
 * Removes the answer files of VMs that have installed (`deploy --forget`):
 * an answer file is readable by anyone who asks httpd for the VM's MAC, and
 * once the VM has installed nobody needs it. Returns the paths removed (or,
 * without `write`, those that would be). A VM without an answer file is
 * skipped; a VM vm.conf does not know throws {@link UnknownVmError}.
 */
export async function forgetAnswers(options: ForgetOptions): Promise<string[]> {
  const confDoc = parseDeployConf(await readFile(options.confFile), { fileName: options.confFile });
  const errors = confDoc.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new UnknownVmError(`${options.confFile}: ${errors[0]!.message}`);
  const vmConfPath = posix.join(confDoc.model.etc, "vm.conf");
  const vmConf = parseVmConf((await readHostFile(vmConfPath, options)) ?? new Uint8Array(), { fileName: vmConfPath });
  const removed: string[] = [];
  for (const name of options.vms) {
    const vm = vmConf.model.vms.find((v) => v.name === name);
    const mac = vm?.interfaces.find((i) => i.lladdr !== undefined)?.lladdr;
    if (!vm || !mac) throw new UnknownVmError(`${vmConfPath}: ${vm ? `vm "${name}" has no lladdr` : `no vm "${name}"`}`);
    const path = posix.join(confDoc.model.htdocs, responseFileName(mac));
    if ((await readHostFile(path, options)) === undefined) continue;
    if (options.write) await rm(underRoot(path, options));
    removed.push(path);
  }
  return removed;
}
