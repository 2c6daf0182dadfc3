import { describeValue, isIPv4, isIPv6, UnwritableValueError } from "@obsdconf/core";
import { catalogue, fillPrompt, keyFor, type Question, type QuestionId } from "./catalogue.js";
import {
  CONSOLE_SPEEDS,
  defaultRouteProblem,
  fullNameProblem,
  fullNameStorageProblem,
  hostnameProblem,
  ipv6RouterProblem,
  loginProblem,
  netmaskProblem,
  passwordStorageProblem,
  templateUrlProblem,
  timezoneProblem,
} from "./checks.js";
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
 * and no question asked before it. Every option is checked at run time
 * (options read from JSON have no types): throws {@link UnwritableValueError}
 * naming the option for a value of the wrong type, a value the installer
 * would reject or misread, or one it would store differently from what was
 * given. Throws `UnknownReleaseError` for an unknown release.
 */
export function installConfAnswers(options: InstallConfOptions): InstallConf {
  object(options, "options");
  const w = new AnswerWriter(knownRelease(options.release));
  const hostname = systemSection(w, options);
  networkSection(w, options, hostname);
  rootSection(w, options);
  consoleSection(w, options);
  userSection(w, options);
  if (options.rootSshLogin !== undefined) {
    oneOf(options.rootSshLogin, ["yes", "no", "prohibit-password"], "rootSshLogin");
    if (options.sshd !== false) w.add("rootSshLogin", options.rootSshLogin, "rootSshLogin");
  }
  timezoneSection(w, options);
  diskSection(w, options);
  setsSection(w, options, hostname);
  return { answers: w.answers };
}

/** The text of {@link installConfAnswers}. */
export function installConf(options: InstallConfOptions): string {
  return generate(installConfAnswers(options));
}

// Collects answers keyed by the release's own prompts.
class AnswerWriter {
  readonly answers: Answer[] = [];
  readonly vars: Record<string, string>;
  readonly #questions: ReadonlyMap<QuestionId, Question>;

  constructor(readonly release: Release) {
    this.#questions = catalogue(release);
    this.vars = { version: release, media: "" };
  }

  add(id: QuestionId, answer: string, field: string): void {
    const prompt = fillPrompt(this.#questions.get(id)!.prompt, this.vars);
    const key = id === "continueWithoutVerification" ? "Continue without verification" : keyFor(prompt);
    this.answers.push({ key, answer: writableAnswer(answer, field) });
  }
}

// ----- the installer's sections, in the order it asks -----

// do_install: the host name.
function systemSection(w: AnswerWriter, o: InstallConfOptions): string {
  const hostname = string(o.hostname, "hostname");
  check(hostname, hostnameProblem(hostname), "hostname");
  if (!/^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(hostname)) {
    throw new UnwritableValueError(hostname, "not a host name (letters, digits and '-', labels joined by '.')", "hostname");
  }
  w.add("hostname", hostname, "hostname");
  return hostname;
}

// donetconfig: interfaces, routes, DNS.
function networkSection(w: AnswerWriter, o: InstallConfOptions, hostname: string): void {
  const interfaces = o.interfaces === undefined ? [] : array(o.interfaces, "interfaces");
  let staticV4 = false;
  let staticV6 = false;
  interfaces.forEach((f, i) => {
    const field = `interfaces[${i}]`;
    object(f, field);
    const name = string(f.name, `${field}.name`);
    if (!/^[a-z]+[0-9]+$/.test(name)) throw new UnwritableValueError(name, "not an interface name such as vio0", `${field}.name`);
    w.vars.if = name;
    w.add("networkInterface", name, `${field}.name`);
    if (i > 0) w.add("symbolicName", hostname.split(".")[0]!, "hostname");
    const v4 = f.ipv4 ?? "dhcp";
    if (typeof v4 === "string") w.add("ipv4Address", oneOf(v4, ["dhcp", "none"], `${field}.ipv4`), `${field}.ipv4`);
    else {
      object(v4, `${field}.ipv4`);
      const address = string(v4.address, `${field}.ipv4.address`);
      const netmask = string(v4.netmask, `${field}.ipv4.netmask`);
      if (!isIPv4(address)) throw new UnwritableValueError(address, "not an IPv4 address", `${field}.ipv4.address`);
      check(netmask, netmaskProblem(netmask), `${field}.ipv4.netmask`);
      w.add("ipv4Address", address, `${field}.ipv4.address`);
      w.add("netmask", netmask, `${field}.ipv4.netmask`);
      staticV4 = true;
    }
    const v6 = f.ipv6 ?? "none";
    if (typeof v6 === "string") w.add("ipv6Address", oneOf(v6, ["autoconf", "none"], `${field}.ipv6`), `${field}.ipv6`);
    else {
      object(v6, `${field}.ipv6`);
      const address = string(v6.address, `${field}.ipv6.address`);
      if (!isIPv6(address)) throw new UnwritableValueError(address, "not an IPv6 address", `${field}.ipv6.address`);
      if (!Number.isInteger(v6.prefixLength) || v6.prefixLength < 0 || v6.prefixLength > 128) {
        throw new UnwritableValueError(v6.prefixLength, "a prefix length is an integer 0 to 128", `${field}.ipv6.prefixLength`);
      }
      w.add("ipv6Address", address, `${field}.ipv6.address`);
      w.add("ipv6PrefixLength", String(v6.prefixLength), `${field}.ipv6.prefixLength`);
      staticV6 = true;
    }
  });
  if (interfaces.length) w.add("networkInterface", "done", "interfaces");
  if (o.defaultRoute !== undefined) {
    const route = string(o.defaultRoute, "defaultRoute");
    check(route, defaultRouteProblem(route), "defaultRoute");
    if (staticV4) w.add("defaultRoute", route, "defaultRoute");
  } else if (staticV4) {
    throw new UnwritableValueError(undefined, "a static IPv4 address needs a default route (or 'none')", "defaultRoute");
  }
  if (o.ipv6DefaultRouter !== undefined) {
    const router = string(o.ipv6DefaultRouter, "ipv6DefaultRouter");
    check(router, ipv6RouterProblem(router), "ipv6DefaultRouter");
    if (staticV6) w.add("ipv6DefaultRouter", router, "ipv6DefaultRouter");
  }
  if (o.dns !== undefined) {
    object(o.dns, "dns");
    if (o.dns.domain !== undefined) w.add("dnsDomain", string(o.dns.domain, "dns.domain"), "dns.domain");
    if (o.dns.nameservers !== undefined) {
      const list = array(o.dns.nameservers, "dns.nameservers");
      list.forEach((ip, i) => {
        if (typeof ip !== "string" || (!isIPv4(ip) && !isIPv6(ip))) throw new UnwritableValueError(ip, "not an IP address", `dns.nameservers[${i}]`);
      });
      w.add("dnsNameservers", list.length ? list.join(" ") : "none", "dns.nameservers");
    }
  }
}

// do_install: root's password and key.
function rootSection(w: AnswerWriter, o: InstallConfOptions): void {
  w.add("rootPassword", passwordAnswer(o.rootPassword, "rootPassword", "root"), "rootPassword");
  if (o.rootSshKey !== undefined) w.add("rootSshKey", authorizedKeyLine(string(o.rootSshKey, "rootSshKey"), undefined, "rootSshKey"), "rootSshKey");
}

// questions(): sshd, X, the console.
function consoleSection(w: AnswerWriter, o: InstallConfOptions): void {
  if (o.sshd !== undefined) w.add("startSshd", boolean(o.sshd, "sshd") ? "yes" : "no", "sshd");
  if (o.xenodm !== undefined) w.add("xenodm", boolean(o.xenodm, "xenodm") ? "yes" : "no", "xenodm");
  if (o.console === undefined) return;
  object(o.console, "console");
  const port = o.console.port === undefined ? "com0" : string(o.console.port, "console.port");
  if (!/^com[0-9]$/.test(port)) throw new UnwritableValueError(port, "not a serial port such as com0", "console.port");
  w.vars.console = port;
  if (!CONSOLE_SPEEDS.includes(o.console.speed)) throw new UnwritableValueError(o.console.speed, "not a speed the installer offers", "console.speed");
  w.add("changeConsole", "yes", "console");
  w.add("consoleSpeed", String(o.console.speed), "console.speed");
}

// user_setup.
function userSection(w: AnswerWriter, o: InstallConfOptions): void {
  if (o.user === undefined) return;
  const u = o.user;
  object(u, "user");
  const login = string(u.login, "user.login");
  check(login, loginProblem(login, w.release), "user.login");
  w.add("setupUser", login, "user.login");
  w.vars.user = login;
  if (u.fullName !== undefined) {
    const fullName = string(u.fullName, "user.fullName");
    check(fullName, fullNameProblem(fullName) ?? fullNameStorageProblem(fullName), "user.fullName");
    w.add("userFullName", fullName, "user.fullName");
  }
  w.add("userPassword", passwordAnswer(u.password, "user.password", "user"), "user.password");
  if (u.sshKey !== undefined) w.add("userSshKey", authorizedKeyLine(string(u.sshKey, "user.sshKey"), undefined, "user.sshKey"), "user.sshKey");
}

// set_timezone: a zone name (a directory would need the sub-timezone question).
function timezoneSection(w: AnswerWriter, o: InstallConfOptions): void {
  if (o.timezone === undefined) return;
  const tz = string(o.timezone, "timezone");
  if (!/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(tz)) throw new UnwritableValueError(tz, "not a zoneinfo name", "timezone");
  check(tz, timezoneProblem(tz), "timezone");
  w.add("timezone", tz, "timezone");
}

// get_rootinfo, the MBR/GPT choice, disklabel.
function diskSection(w: AnswerWriter, o: InstallConfOptions): void {
  if (o.rootDisk !== undefined) {
    const disk = string(o.rootDisk, "rootDisk");
    if (!/^[a-z]+[0-9]+$/.test(disk)) throw new UnwritableValueError(disk, "not a disk name such as sd0", "rootDisk");
    w.add("rootDisk", disk, "rootDisk");
  }
  if (o.partitioning !== undefined) w.add("diskPartitioning", oneOf(o.partitioning, ["mbr", "gpt"], "partitioning") === "gpt" ? "gpt" : "whole", "partitioning");
  if (o.diskLayout === undefined) return;
  if (o.diskLayout === "auto") {
    w.add("layout", "a", "diskLayout");
    return;
  }
  object(o.diskLayout, "diskLayout");
  const url = string(o.diskLayout.templateUrl, "diskLayout.templateUrl");
  if (url === "none" || templateUrlProblem(url) !== undefined) throw new UnwritableValueError(url, "not an http(s) URL", "diskLayout.templateUrl");
  w.add("disklabelTemplate", url, "diskLayout.templateUrl");
}

// install_sets over http, and the questions that keep the site sets.
function setsSection(w: AnswerWriter, o: InstallConfOptions, hostname: string): void {
  if (o.sets === undefined) return;
  const s = o.sets;
  object(s, "sets");
  const release = w.release;
  w.add("setsLocation", "http", "sets");
  if (s.proxy !== undefined) w.add("httpProxy", string(s.proxy, "sets.proxy"), "sets.proxy");
  const server = string(s.server, "sets.server");
  if (!HTTP_SERVER_FORM.test(server)) throw new UnwritableValueError(server, "a server is a host name, host:port or [address], without a path", "sets.server");
  w.add("httpServer", server, "sets.server");
  if (s.directory !== undefined) w.add("serverDirectory", string(s.directory, "sets.directory"), "sets.directory");
  if (s.httpIfHttpsFails !== undefined) boolean(s.httpIfHttpsFails, "sets.httpIfHttpsFails");
  if (release === "6.5" && !/^https?:\/\//.test(server) && s.httpIfHttpsFails !== false) w.add("httpsFallback", "yes", "sets.httpIfHttpsFails");
  if (s.selection !== undefined) {
    const selection = string(s.selection, "sets.selection");
    if (!isSetSelection(selection)) throw new UnwritableValueError(selection, "a selection is set names or globs, each optionally after + or -", "sets.selection");
    w.add("setNames", selection, "sets.selection");
  }
  const siteSets = s.siteSets === undefined ? [`site${releaseDigits(release)}.tgz`] : array(s.siteSets, "sets.siteSets");
  siteSets.forEach((set, i) => {
    if (typeof set !== "string" || !/^site[0-9]{2}(-[A-Za-z0-9-]+)?\.tgz$/.test(set)) {
      throw new UnwritableValueError(set, "a site set is named siteNN.tgz or siteNN-<host>.tgz", `sets.siteSets[${i}]`);
    }
  });
  if (s.acceptSiteSets !== undefined) boolean(s.acceptSiteSets, "sets.acceptSiteSets");
  const selected = selectSets(release, siteSets, s.selection !== undefined ? [s.selection] : [], hostname.split(".")[0]!);
  const unverified = siteSets.filter((set) => selected.has(set));
  if (unverified.length && !s.acceptSiteSets) {
    throw new UnwritableValueError(
      s.acceptSiteSets,
      `the selection takes ${unverified.join(" ")}, which the installer installs only when its checksum and verification questions are answered yes`,
      "sets.acceptSiteSets",
    );
  }
  for (const set of unverified) {
    w.vars.set = set;
    w.add("checksumFailed", "yes", "sets.acceptSiteSets");
  }
  if (unverified.length) w.add("continueWithoutVerification", "yes", "sets.acceptSiteSets");
}

// A password answer the installer stores as meant: a plain password it
// hashes, a real bcrypt hash it keeps (and writes unchanged), or 13 '*'.
function passwordAnswer(password: PasswordOption, field: string, account: "root" | "user"): string {
  object(password, field);
  if ("disabled" in password) {
    if (password.disabled !== true) throw new UnwritableValueError(password.disabled, "disabled is true when given", `${field}.disabled`);
    return PASSWORD_DISABLED;
  }
  if ("bcrypt" in password) {
    const hash = string(password.bcrypt, field);
    if (passwordKind(hash) !== "bcrypt") throw new UnwritableValueError(hash, "not a bcrypt hash ($2b$NN$...): the installer would hash it again", field);
    check(hash, passwordStorageProblem(hash, account), field);
    return hash;
  }
  if (!("plain" in password)) throw new UnwritableValueError(password, "a password is { plain }, { bcrypt } or { disabled: true }", field);
  const plain = string(password.plain, field);
  writableAnswer(plain, field);
  if (passwordKind(plain) !== "plain") throw new UnwritableValueError(plain, "the installer would store this password verbatim instead of hashing it", field);
  return plain;
}

// ----- run-time type checks (options from JSON have no types) -----

function check(value: unknown, problem: string | undefined, field: string): void {
  if (problem !== undefined) throw new UnwritableValueError(value, problem, field);
}

function string(value: unknown, field: string): string {
  if (typeof value !== "string") throw new UnwritableValueError(value, `expected a string, got ${describeValue(value)}`, field);
  return value;
}

function boolean(value: unknown, field: string): boolean {
  if (typeof value !== "boolean") throw new UnwritableValueError(value, `expected true or false, got ${describeValue(value)}`, field);
  return value;
}

function object<T>(value: T, field: string): T {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UnwritableValueError(value, `expected an object, got ${describeValue(value)}`, field);
  return value;
}

function array<T>(value: readonly T[], field: string): readonly T[] {
  if (!Array.isArray(value)) throw new UnwritableValueError(value, `expected an array, got ${describeValue(value)}`, field);
  return value;
}

function oneOf<T extends string>(value: T, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value)) throw new UnwritableValueError(value, `expected one of ${allowed.join(", ")}`, field);
  return value;
}
