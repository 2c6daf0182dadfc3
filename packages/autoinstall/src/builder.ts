import { isIPv4, isIPv6, UnwritableValueError } from "@obsdconf/core";
import { catalogue, fillPrompt, keyFor, type QuestionId } from "./catalogue.js";
import { generate, writableAnswer } from "./generate.js";
import type { Answer, InstallConf } from "./model.js";
import { passwordKind, PASSWORD_DISABLED } from "./passwords.js";
import { knownRelease, releaseDigits, type Release } from "./releases.js";
import { HTTP_SERVER_FORM, isSetSelection, selectSets } from "./sets.js";
import { authorizedKeyLine } from "./ssh-key.js";

/** A password answer: plain text (the installer hashes it), a bcrypt hash, or password login disabled. */
export type PasswordOption =
  | {
      /** The password itself (the installer hashes it). */
      plain: string;
    }
  | {
      /** A bcrypt hash, `$2b$NN$...`, stored as is. */
      bcrypt: string;
    }
  | {
      /** No password login (ssh keys only). */
      disabled: true;
    };

/** IPv4 setup of an interface. */
export type Ipv4Option =
  | "dhcp"
  | "none"
  | {
      /** Dotted address. */
      address: string;
      /** Dotted netmask, e.g. 255.255.255.0. */
      netmask: string;
    };

/** IPv6 setup of an interface. */
export type Ipv6Option =
  | "autoconf"
  | "none"
  | {
      /** The address. */
      address: string;
      /** Prefix length, 0..128. */
      prefixLength: number;
    };

/** A network interface to configure. */
export interface InterfaceOption {
  /** Interface name, e.g. `vio0`. */
  name: string;
  /** IPv4 (default `"dhcp"`). */
  ipv4?: Ipv4Option;
  /** IPv6 (default `"none"`). */
  ipv6?: Ipv6Option;
}

/** Where the sets come from (http only). */
export interface SetsOption {
  /** HTTP server: host, host:port or [address], optionally with http:// or https://. */
  server: string;
  /** Directory on the server (default: the installer's, pub/OpenBSD/<release>/amd64). */
  directory?: string;
  /** HTTP proxy URL. */
  proxy?: string;
  /** Selection such as `-x* +xb* +site*` (default: the installer's). */
  selection?: string;
  /** Sets on the server beyond the release's own (default `["siteNN.tgz"]`). */
  siteSets?: string[];
  /**
   * Accept the selected site sets although the signed SHA256 does not list
   * them: answers "Checksum test for siteNN.tgz failed. Continue anyway?" for
   * each (with that full key, so that a failed download of another set is
   * not answered by accident) and "… Continue without verification?".
   */
  acceptSiteSets?: boolean;
  /** On 6.5, a server given without http:// is tried with https first: answer "Use http instead" with yes (default true). */
  httpIfHttpsFails?: boolean;
}

/** Disk layout of the root disk. */
export type DiskLayoutOption =
  | "auto"
  | {
      /** http(s) URL of a disklabel template (see the `disklabel` namespace). */
      templateUrl: string;
    };

/** Everything a host needs from an install; see {@link installConf}. */
export interface InstallConfOptions {
  /** Installer release whose keys to write (default: the newest known). */
  release?: Release;
  /** System host name (a dotted name is set as given). */
  hostname: string;
  /** Root password. */
  rootPassword: PasswordOption;
  /** authorized_keys line for root. */
  rootSshKey?: string;
  /** Serial console to switch to, with its speed. */
  console?: {
    /** Serial port (default com0). */
    port?: string;
    /** Its speed. */
    speed: 9600 | 19200 | 38400 | 57600 | 115200;
  };
  /** Interfaces in the order to configure them (default: the installer's first, by DHCP). */
  interfaces?: InterfaceOption[];
  /** Default IPv4 route (needed with a static IPv4 address). */
  defaultRoute?: string;
  /** IPv6 default router. */
  ipv6DefaultRouter?: string;
  /** DNS domain and name servers (asked unless DHCP on the only interface supplies them). */
  dns?: {
    /** DNS domain. */
    domain?: string;
    /** Name server addresses (empty: none). */
    nameservers?: string[];
  };
  /** A user to create. */
  user?: {
    /** Login name (lower case). */
    login: string;
    /** Full name (default: the login). */
    fullName?: string;
    /** Password. */
    password: PasswordOption;
    /** authorized_keys line. */
    sshKey?: string;
  };
  /** Start sshd (default yes). */
  sshd?: boolean;
  /** Root ssh login. */
  rootSshLogin?: "yes" | "no" | "prohibit-password";
  /** Start X by xenodm (only asked on machines with a display). */
  xenodm?: boolean;
  /** Timezone, a zoneinfo name. */
  timezone?: string;
  /** Root disk, e.g. `sd0`. */
  rootDisk?: string;
  /** Whole-disk partitioning scheme (default: the installer's, MBR unless booted by EFI). */
  partitioning?: "mbr" | "gpt";
  /** Auto layout or a disklabel template URL. */
  diskLayout?: DiskLayoutOption;
  /** Sets over http. */
  sets?: SetsOption;
}

/**
 * The answers for `options`, in the order the installer asks, each keyed by
 * its question's own prompt (up to the `?`) so that it matches that question
 * and no question asked before it. Throws {@link UnwritableValueError} naming
 * the option for a value the installer would reject or misread.
 */
export function installConfAnswers(options: InstallConfOptions): InstallConf {
  const release = knownRelease(options.release);
  const questions = catalogue(release);
  const answers: Answer[] = [];
  const vars: Record<string, string> = { version: release, media: "" };
  const add = (id: QuestionId, answer: string, field: string): void => {
    const prompt = fillPrompt(questions.get(id)!.prompt, vars);
    const key = id === "continueWithoutVerification" ? "Continue without verification" : keyFor(prompt);
    answers.push({ key, answer: writableAnswer(answer, field) });
  };

  const hostname = options.hostname;
  if (typeof hostname !== "string" || !/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(hostname)) {
    throw new UnwritableValueError(String(hostname), "not a host name (letters, digits and '-', labels joined by '.')", "hostname");
  }
  add("hostname", hostname, "hostname");

  (options.interfaces ?? []).forEach((f, i) => {
    const field = `interfaces[${i}]`;
    if (!/^[a-z]+[0-9]+$/.test(f.name)) throw new UnwritableValueError(f.name, "not an interface name such as vio0", `${field}.name`);
    vars.if = f.name;
    add("networkInterface", f.name, `${field}.name`);
    if (i > 0) add("symbolicName", hostname.split(".")[0]!, "hostname");
    const v4 = f.ipv4 ?? "dhcp";
    if (typeof v4 === "string") add("ipv4Address", v4, `${field}.ipv4`);
    else {
      if (!isIPv4(v4.address)) throw new UnwritableValueError(v4.address, "not an IPv4 address", `${field}.ipv4.address`);
      if (!isIPv4(v4.netmask)) throw new UnwritableValueError(v4.netmask, "not a dotted netmask", `${field}.ipv4.netmask`);
      add("ipv4Address", v4.address, `${field}.ipv4.address`);
      add("netmask", v4.netmask, `${field}.ipv4.netmask`);
    }
    const v6 = f.ipv6 ?? "none";
    if (typeof v6 === "string") add("ipv6Address", v6, `${field}.ipv6`);
    else {
      if (!isIPv6(v6.address)) throw new UnwritableValueError(v6.address, "not an IPv6 address", `${field}.ipv6.address`);
      if (!Number.isInteger(v6.prefixLength) || v6.prefixLength < 0 || v6.prefixLength > 128) {
        throw new UnwritableValueError(String(v6.prefixLength), "a prefix length is 0 to 128", `${field}.ipv6.prefixLength`);
      }
      add("ipv6Address", v6.address, `${field}.ipv6.address`);
      add("ipv6PrefixLength", String(v6.prefixLength), `${field}.ipv6.prefixLength`);
    }
  });
  if (options.interfaces?.length) add("networkInterface", "done", "interfaces");
  const staticV4 = options.interfaces?.some((f) => typeof f.ipv4 === "object");
  const staticV6 = options.interfaces?.some((f) => typeof f.ipv6 === "object");
  if (options.defaultRoute !== undefined) {
    if (!isIPv4(options.defaultRoute) && options.defaultRoute !== "none") throw new UnwritableValueError(options.defaultRoute, "not an IPv4 address", "defaultRoute");
    if (staticV4) add("defaultRoute", options.defaultRoute, "defaultRoute");
  } else if (staticV4) {
    throw new UnwritableValueError("", "a static IPv4 address needs a default route (or 'none')", "defaultRoute");
  }
  if (options.ipv6DefaultRouter !== undefined) {
    if (!isIPv6(options.ipv6DefaultRouter) && options.ipv6DefaultRouter !== "none") {
      throw new UnwritableValueError(options.ipv6DefaultRouter, "not an IPv6 address", "ipv6DefaultRouter");
    }
    if (staticV6) add("ipv6DefaultRouter", options.ipv6DefaultRouter, "ipv6DefaultRouter");
  }
  if (options.dns?.domain !== undefined) add("dnsDomain", options.dns.domain, "dns.domain");
  if (options.dns?.nameservers !== undefined) {
    const list = options.dns.nameservers;
    list.forEach((ip, i) => {
      if (!isIPv4(ip) && !isIPv6(ip)) throw new UnwritableValueError(ip, "not an IP address", `dns.nameservers[${i}]`);
    });
    add("dnsNameservers", list.length ? list.join(" ") : "none", "dns.nameservers");
  }

  add("rootPassword", passwordAnswer(options.rootPassword, "rootPassword"), "rootPassword");
  if (options.rootSshKey !== undefined) add("rootSshKey", authorizedKeyLine(options.rootSshKey, undefined, "rootSshKey"), "rootSshKey");
  if (options.sshd !== undefined) add("startSshd", options.sshd ? "yes" : "no", "sshd");
  if (options.xenodm !== undefined) add("xenodm", options.xenodm ? "yes" : "no", "xenodm");
  if (options.console) {
    const port = options.console.port ?? "com0";
    if (!/^com[0-9]$/.test(port)) throw new UnwritableValueError(port, "not a serial port such as com0", "console.port");
    vars.console = port;
    if (![9600, 19200, 38400, 57600, 115200].includes(options.console.speed)) {
      throw new UnwritableValueError(String(options.console.speed), "not a speed the installer offers", "console.speed");
    }
    add("changeConsole", "yes", "console");
    add("consoleSpeed", String(options.console.speed), "console.speed");
  }
  if (options.user) {
    const u = options.user;
    const rule = release === "6.5" ? /^[a-z][a-z0-9_]{0,30}$/ : /^[a-z][-a-z0-9_]{0,30}$/;
    if (!rule.test(u.login) || ["root", "daemon", "operator", "bin", "build", "sshd", "www", "nobody", "ftp"].includes(u.login)) {
      throw new UnwritableValueError(u.login, "not a login name the installer accepts", "user.login");
    }
    if (/^(n|no|y|yes)$/.test(u.login)) {
      throw new UnwritableValueError(u.login, "the installer reads this answer as yes or no, not as a login name", "user.login");
    }
    add("setupUser", u.login, "user.login");
    vars.user = u.login;
    if (u.fullName !== undefined) {
      if (/[:&,]/.test(u.fullName) || u.fullName.length > 100) {
        throw new UnwritableValueError(u.fullName, "a full name cannot hold ':', '&' or ',' (at most 100 characters)", "user.fullName");
      }
      add("userFullName", u.fullName, "user.fullName");
    }
    add("userPassword", passwordAnswer(u.password, "user.password"), "user.password");
    if (u.sshKey !== undefined) add("userSshKey", authorizedKeyLine(u.sshKey, undefined, "user.sshKey"), "user.sshKey");
  }
  if (options.rootSshLogin !== undefined && options.sshd !== false) add("rootSshLogin", options.rootSshLogin, "rootSshLogin");
  if (options.timezone !== undefined) {
    if (!/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(options.timezone)) throw new UnwritableValueError(options.timezone, "not a zoneinfo name", "timezone");
    add("timezone", options.timezone, "timezone");
  }
  if (options.rootDisk !== undefined) {
    if (!/^[a-z]+[0-9]+$/.test(options.rootDisk)) throw new UnwritableValueError(options.rootDisk, "not a disk name such as sd0", "rootDisk");
    add("rootDisk", options.rootDisk, "rootDisk");
  }
  if (options.partitioning !== undefined) add("diskPartitioning", options.partitioning === "gpt" ? "gpt" : "whole", "partitioning");
  if (options.diskLayout !== undefined) {
    if (options.diskLayout === "auto") add("layout", "a", "diskLayout");
    else {
      if (!/^https?:\/\/\S+$/.test(options.diskLayout.templateUrl)) {
        throw new UnwritableValueError(options.diskLayout.templateUrl, "not an http(s) URL", "diskLayout.templateUrl");
      }
      add("disklabelTemplate", options.diskLayout.templateUrl, "diskLayout.templateUrl");
    }
  }
  if (options.sets) {
    const s = options.sets;
    add("setsLocation", "http", "sets");
    if (s.proxy !== undefined) add("httpProxy", s.proxy, "sets.proxy");
    if (!HTTP_SERVER_FORM.test(s.server)) {
      throw new UnwritableValueError(s.server, "a server is a host name, host:port or [address], without a path", "sets.server");
    }
    add("httpServer", s.server, "sets.server");
    if (s.directory !== undefined) add("serverDirectory", s.directory, "sets.directory");
    if (release === "6.5" && !/^https?:\/\//.test(s.server) && s.httpIfHttpsFails !== false) add("httpsFallback", "yes", "sets.httpIfHttpsFails");
    if (s.selection !== undefined) {
      if (!isSetSelection(s.selection)) {
        throw new UnwritableValueError(s.selection, "a selection is set names or globs, each optionally after + or -", "sets.selection");
      }
      add("setNames", s.selection, "sets.selection");
    }
    {
      const siteSets = s.siteSets ?? [`site${releaseDigits(release)}.tgz`];
      const bad = siteSets.findIndex((set) => !/^site[0-9]{2}(-[A-Za-z0-9-]+)?\.tgz$/.test(set));
      if (bad >= 0) throw new UnwritableValueError(siteSets[bad]!, "a site set is named siteNN.tgz or siteNN-<host>.tgz", `sets.siteSets[${bad}]`);
      const selected = selectSets(release, siteSets, s.selection !== undefined ? [s.selection] : [], hostname.split(".")[0]!);
      const unverified = siteSets.filter((set) => selected.has(set));
      if (unverified.length && !s.acceptSiteSets) {
        throw new UnwritableValueError(
          String(s.acceptSiteSets),
          `the selection takes ${unverified.join(" ")}, which the installer installs only when its checksum and verification questions are answered yes`,
          "sets.acceptSiteSets",
        );
      }
      for (const set of unverified) {
        vars.set = set;
        add("checksumFailed", "yes", "sets.acceptSiteSets");
      }
      if (unverified.length) add("continueWithoutVerification", "yes", "sets.acceptSiteSets");
    }
  }
  return { answers };
}

/** The text of {@link installConfAnswers}. */
export function installConf(options: InstallConfOptions): string {
  return generate(installConfAnswers(options));
}

function passwordAnswer(password: PasswordOption, field: string): string {
  if ("disabled" in password) return PASSWORD_DISABLED;
  if ("bcrypt" in password) {
    if (passwordKind(password.bcrypt) !== "bcrypt") throw new UnwritableValueError(password.bcrypt, "not a bcrypt hash ($2b$NN$...)", field);
    return password.bcrypt;
  }
  const plain = password.plain;
  writableAnswer(plain, field);
  if (passwordKind(plain) !== "plain") throw new UnwritableValueError(plain, "the installer would store this password verbatim instead of hashing it", field);
  return plain;
}
