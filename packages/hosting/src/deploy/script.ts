// The host commands of a deploy run, as a shell script the operator reads
// and runs as root. Facts (vmctl.8, main.c, useradd.8, user.c): vmctl 6.5
// takes `create DISK -s SIZE`, 6.6 and later `create -s SIZE DISK`; a
// `raw:` or `qcow2:` prefix names the image format in every release from
// 6.5; useradd fails on an existing user, so each step tests first.

/** A customer account to create. */
export interface ScriptUser {
  /** Login name. */
  login: string;
  /** Full name (the account's comment). */
  fullName?: string;
}

/** A disk image to create. */
export interface ScriptDisk {
  /** Image path on the host. */
  path: string;
  /** Size as vmctl reads it (`50G`). */
  size: string;
  /** Image format. */
  format: "raw" | "qcow2";
}

/** What the script does, in the order it does it. */
export interface HostScriptOptions {
  /** Release of the host: decides vmctl's argument order. */
  release: string;
  /** When the plan was made (written in the header). */
  date: Date;
  /** Group the customers join (`VMDUSERS`: the group that owns vmd's socket). */
  group: string;
  /** Accounts to create. */
  users: readonly ScriptUser[];
  /** Disk images to create. */
  disks: readonly ScriptDisk[];
  /** Answer files written: they get the web server's group (`www`), which alone may read them. */
  answerFiles?: readonly string[];
  /** dhcpd.conf changed: dhcpd has no reload, it is restarted. */
  restartDhcpd: boolean;
  /** httpd.conf changed. */
  reloadHttpd: boolean;
  /** vm.conf changed. */
  reloadVmd: boolean;
  /** New VMs marked `disable`: the command to start each is written as a comment. */
  disabledVms?: readonly string[];
}

/** A word for sh(1): single-quoted unless it is plainly safe. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** True when `release` reads `vmctl create` options before the disk (6.6 and later). */
export function vmctlOptionsFirst(release: string): boolean {
  const [major = 0, minor = 0] = release.split(".").map(Number);
  return major > 6 || (major === 6 && minor >= 6);
}

/** The `vmctl create` command for one disk, in `release`'s syntax. */
export function vmctlCreate(disk: ScriptDisk, release: string): string {
  const image = shellWord(`${disk.format}:${disk.path}`);
  const size = `-s ${shellWord(disk.size)}`;
  return vmctlOptionsFirst(release) ? `vmctl create ${size} ${image}` : `vmctl create ${image} ${size}`;
}

/**
 * The script: accounts, then disk images, then the daemons that read the
 * changed files (dhcpd before vmd, so a VM started by the reload gets its
 * address). Each step checks first, so running it twice is harmless.
 */
export function hostScript(options: HostScriptOptions): string {
  const lines = [
    "#!/bin/sh",
    `# Host commands of the deploy run of ${options.date.toISOString()} (release ${options.release}).`,
    "# Read it, then run it as root. Each step checks first: running it again is harmless.",
    "set -eu",
  ];
  if (options.users.length > 0) {
    lines.push("", "# customer accounts, in the group that owns vmd's socket");
    lines.push(`grep -q ${shellWord(`^${options.group}:`)} /etc/group || groupadd ${shellWord(options.group)}`);
    for (const user of options.users) {
      const comment = user.fullName ? ` -c ${shellWord(user.fullName)}` : "";
      lines.push(`id -u ${shellWord(user.login)} >/dev/null 2>&1 || useradd -m -G ${shellWord(options.group)}${comment} ${shellWord(user.login)}`);
    }
  }
  if (options.disks.length > 0) {
    lines.push("", "# disk images");
    for (const disk of options.disks) lines.push(`[ -e ${shellWord(disk.path)} ] || ${vmctlCreate(disk, options.release)}`);
  }
  if (options.answerFiles?.length) {
    lines.push("", "# answer files: readable by httpd (group www) and root only");
    for (const file of options.answerFiles) lines.push(`chgrp www ${shellWord(file)} && chmod 640 ${shellWord(file)}`);
  }
  const daemons: string[] = [];
  if (options.restartDhcpd) daemons.push("rcctl restart dhcpd");
  if (options.reloadHttpd) daemons.push("rcctl reload httpd");
  if (options.reloadVmd) daemons.push("vmctl reload");
  if (daemons.length > 0) lines.push("", "# daemons that read the changed files", ...daemons);
  if (options.disabledVms?.length) {
    lines.push("", "# New VMs are marked disable, as the others on this host; start each to install it:");
    for (const vm of options.disabledVms) lines.push(`#   vmctl start ${shellWord(vm)}`);
  }
  return lines.join("\n") + "\n";
}
