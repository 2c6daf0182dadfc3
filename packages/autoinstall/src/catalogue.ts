import type { Release } from "./releases.js";

/** The questions the installer asks in install mode, in the order it asks them. */
export const QUESTION_IDS = [
  "keyboard",
  "terminal",
  "hostname",
  "networkInterface",
  "symbolicName",
  "ipv4Address",
  "netmask",
  "ipv6Address",
  "ipv6PrefixLength",
  "defaultRoute",
  "ipv6DefaultRouter",
  "dnsDomain",
  "dnsNameservers",
  "rootPassword",
  "rootSshKey",
  "startSshd",
  "xWindowSystem",
  "xenodm",
  "changeConsole",
  "consoleSpeed",
  "setupUser",
  "noReallyLogin",
  "userFullName",
  "userPassword",
  "userSshKey",
  "rootSshLogin",
  "timezone",
  "subTimezone",
  "rootDisk",
  "encryptRootDisk",
  "newPassphrase",
  "diskPartitioning",
  "gptProceed",
  "disklabelTemplate",
  "layout",
  "initializeDisk",
  "setsLocation",
  "diskMounted",
  "setsDisk",
  "setsPartition",
  "setsPathname",
  "httpProxy",
  "httpServer",
  "serverDirectory",
  "httpsFallback",
  "installNotFound",
  "setNames",
  "fetchFailed",
  "checksumFailed",
  "continueWithoutVerification",
  "installFailed",
  "sureWithoutSet",
  "timeWrong",
  "forceFsck",
] as const;

/** Identifier of a question of the catalogue. */
export type QuestionId = (typeof QUESTION_IDS)[number];

/**
 * A question as the installer asks it. Prompts may hold placeholders filled
 * in when asked: `{if}` interface, `{user}` login, `{console}` serial port,
 * `{sets}` and `{set}` set names, `{media}` `cd0 ` when a CD drive exists.
 */
export interface Question {
  /** Stable identifier. */
  id: QuestionId;
  /** The prompt as matched: the text the installer gives the matcher (without the `[default]` suffix). */
  prompt: string;
  /**
   * Text the installer prints after the prompt but does not give the
   * matcher: ask_which adds `(or 'done')` when printing only, so a key that
   * spells it matches nothing.
   */
  shown?: string;
  /** The default answer, or a description in angle brackets; undefined: none (the install aborts without an answer). */
  defaultAnswer: string | undefined;
  /** What the installer accepts. */
  accepts: string;
  /** When the question is asked. */
  askedWhen: string;
  /** What happens to an answer it rejects: the install aborts, or it asks again. */
  onRejected: "abort" | "ask again";
}

type Row = [QuestionId, string, string | undefined, string, string, "abort" | "ask again", string?];

// Newest wording (install.sub of 7.6; assumed unchanged in 7.7 and 7.8).
const NEWEST_ROWS: Row[] = [
  ["keyboard", "Choose your keyboard layout ('?' or 'L' for list)", "default", "a kbd(8) layout name or 'default'", "on a glass console", "ask again"],
  ["terminal", "Terminal type?", "vt220", "a terminal type", "on a serial console", "ask again"],
  ["hostname", "System hostname? (short form, e.g. 'foo')", undefined, "a name without blanks or control characters", "always", "abort"],
  ["networkInterface", "Network interface to configure? (name, lladdr, '?', or 'done')", "<the netboot interface, then 'done'>", "an interface name, its lladdr, or 'done'", "until answered 'done'", "abort"],
  ["symbolicName", "Symbolic (host) name for {if}?", "<the short hostname>", "a name", "for every interface after the first", "ask again"],
  ["ipv4Address", "IPv4 address for {if}? (or 'autoconf' or 'none')", "autoconf", "'autoconf', 'dhcp', 'none', an address or address/length", "for each interface configured", "abort"],
  ["netmask", "Netmask for {if}?", "255.255.255.0", "a dotted netmask", "after a static IPv4 address without /length", "abort"],
  ["ipv6Address", "IPv6 address for {if}? (or 'autoconf' or 'none')", "none", "'autoconf', 'none', an address or address/length", "for each interface configured", "abort"],
  ["ipv6PrefixLength", "IPv6 prefix length for {if}?", "64", "0 to 128", "after a static IPv6 address without /length", "abort"],
  ["defaultRoute", "Default IPv4 route? (IPv4 address or 'none')", undefined, "an IPv4 address or 'none'", "when an interface has a static IPv4 address", "ask again"],
  ["ipv6DefaultRouter", "IPv6 default router? (IPv6 address or 'none')", "none", "an IPv6 address or 'none'", "when an interface has a static IPv6 address", "ask again"],
  ["dnsDomain", "DNS domain name? (e.g. 'example.com')", "<the hostname's domain, else my.domain>", "a domain name", "unless one interface got its domain by DHCP", "ask again"],
  ["dnsNameservers", "DNS nameservers? (IP address list or 'none')", "none", "IP addresses separated by blanks, or 'none'", "unless DHCP supplied name servers", "ask again"],
  ["rootPassword", "Password for root account?", undefined, "a password, a bcrypt hash, or 13 '*' (no password login)", "always", "abort"],
  ["rootSshKey", "Public ssh key for root account?", "none", "one authorized_keys line or 'none'", "always (autoinstall only)", "ask again"],
  ["startSshd", "Start sshd(8) by default?", "yes", "yes or no", "always", "abort"],
  ["xWindowSystem", "Do you expect to run the X Window System?", "yes", "yes or no", "when there is a display and the kernel says an aperture is needed", "abort"],
  ["xenodm", "Do you want the X Window System to be started by xenodm(1)?", "no", "yes or no", "when there is a display", "abort"],
  ["changeConsole", "Change the default console to {console}?", "yes", "yes or no", "when there is a serial port (default yes when installing over it)", "abort"],
  ["consoleSpeed", "Which speed should {console} use?", "<the current console speed>", "9600, 19200, 38400, 57600, 115200 or 'done'", "after changing the console", "abort", "(or 'done')"],
  ["setupUser", "Setup a user? (enter a lower-case loginname, or 'no')", "no", "'no' or a login name: a lower-case letter, then lower-case letters, digits, '-' or '_', at most 31", "always", "ask again"],
  ["noReallyLogin", "No really, what is the lower-case loginname, or 'no'?", "no", "'no' or a login name (as for \"Setup a user?\")", "after \"Setup a user?\" is answered yes", "ask again"],
  ["userFullName", "Full name for user {user}?", "{user}", "text without ':' '&' ',' (at most 100 characters)", "after a user name", "ask again"],
  ["userPassword", "Password for user {user}?", undefined, "a password, a bcrypt hash, or 13 '*' (no password login)", "after a user name", "abort"],
  ["userSshKey", "Public ssh key for user {user}", "none", "one authorized_keys line or 'none'", "after a user name (autoinstall only)", "ask again"],
  ["rootSshLogin", "Allow root ssh login? (yes, no, prohibit-password)", "no", "yes, no or prohibit-password", "when sshd is started", "abort"],
  ["timezone", "What timezone are you in? ('?' for list)", "<from the mirror list, when reachable>", "a zoneinfo name such as Europe/Amsterdam or UTC", "always", "ask again"],
  ["subTimezone", "What sub-timezone of '{zone}' are you in? ('?' for list)", undefined, "a zone name inside that directory", "when the timezone answer is a directory such as America", "ask again"],
  ["rootDisk", "Which disk is the root disk? ('?' for details)", "<the first disk>", "a disk name such as sd0", "always", "abort"],
  ["encryptRootDisk", "Encrypt the root disk with a (p)assphrase or (k)eydisk?", "no", "no, (p)assphrase or (k)eydisk", "amd64, before the root disk is partitioned", "ask again"],
  ["newPassphrase", "New passphrase?", undefined, "a passphrase", "after choosing a passphrase", "abort"],
  ["diskPartitioning", "Use (W)hole disk MBR, whole disk (G)PT, (O)penBSD area or (E)dit?", "whole", "W, G, O or E", "for the root disk", "ask again"],
  ["gptProceed", "An EFI/GPT disk may not boot. Proceed?", "no", "yes or no", "after choosing GPT on a machine not booted by EFI", "abort"],
  ["disklabelTemplate", "URL to autopartitioning template for disklabel?", "none", "an http(s) URL or 'none'", "for the root disk (autoinstall only)", "abort"],
  ["layout", "Use (A)uto layout, (E)dit auto layout, or create (C)ustom layout?", "a", "A, E or C", "for the root disk without a template", "ask again"],
  ["initializeDisk", "Which disk do you wish to initialize?", "done", "a disk name or 'done'", "when other disks are not initialized", "abort", "(or 'done')"],
  ["setsLocation", "Location of sets? ({media}disk http or 'done')", "http", "http, disk, cd0 or 'done'", "until answered 'done'", "abort"],
  ["diskMounted", "Is the disk partition already mounted?", "no", "yes or no", "for sets on disk (default yes when upgrading)", "abort"],
  ["setsDisk", "Which disk contains the install media?", "<the first disk not initialized>", "a disk name or 'done'", "for sets on a disk that is not mounted", "abort", "(or 'done')"],
  ["setsPartition", "Which {disk} partition has the install sets?", "<the first partition>", "a partition letter or 'done'", "when that disk has several partitions with file systems", "abort", "(or 'done')"],
  ["setsPathname", "Pathname to the sets? (or 'done')", "{version}/amd64", "a directory under the mounted file system, or 'done'", "for sets on disk or CD", "abort"],
  ["httpProxy", "HTTP proxy URL? (e.g. 'http://proxy:8080', or 'none')", "none", "a URL or 'none'", "for sets over http", "ask again"],
  ["httpServer", "HTTP Server? (hostname, list#, 'done' or '?')", "<the first mirror of the list>", "a host name, host:port or [address], optionally with http:// or https://", "for sets over http", "ask again"],
  ["serverDirectory", "Server directory?", "pub/OpenBSD/{version}/amd64", "a path", "for sets over http", "ask again"],
  ["httpsFallback", "Unable to connect using https. Use http instead?", "no", "yes or no", "never: 7.x falls back to http by itself", "abort"],
  ["installNotFound", "INSTALL.amd64 not found. Use sets found here anyway?", "no", "yes or no", "when the server's file list has no INSTALL.amd64", "abort"],
  ["setNames", "Set name(s)? (or 'abort' or 'done')", "done", "set names or globs, each optionally with + or -, 'all', 'abort' or 'done'", "for each location of sets, until an answer holds 'done' or 'abort'", "ask again"],
  ["fetchFailed", "Fetching of {set} failed. Continue anyway?", "no", "yes or no", "only when a set cannot be downloaded", "abort"],
  ["checksumFailed", "Checksum test for {set} failed. Continue anyway?", "no", "yes or no", "for each selected set the signed SHA256 does not list (site sets), when the server has SHA256.sig", "abort"],
  ["continueWithoutVerification", "{issue}. Continue without verification?", "no", "yes or no", "once per location when a selected set is unverified or the server has no SHA256.sig", "abort"],
  ["installFailed", "Installation of {set} failed. Continue anyway?", "no", "yes or no", "only when a set fails to extract", "abort"],
  ["sureWithoutSet", "Are you *SURE* your install is complete without '{set}'?", "no", "yes or no", "when 'done' is answered while bsd or base is not installed", "abort"],
  ["timeWrong", "Time appears wrong.  Set to '{date}'?", "yes", "yes or no", "only when the clock is more than two minutes off", "ask again"],
  ["forceFsck", "Force checking of clean non-root filesystems?", "no", "yes or no", "never in an install: upgrades only", "abort"],
];

// 6.5 differences (dhclient era; inferred from install.sub of 2015 and 2021).
const RELEASE_65: Partial<Record<QuestionId, Partial<Question>>> = {
  networkInterface: { prompt: "Which network interface do you wish to configure?", shown: "(or 'done')", accepts: "an interface name or 'done'" },
  ipv4Address: { prompt: "IPv4 address for {if}? (or 'dhcp' or 'none')", defaultAnswer: "dhcp", accepts: "'dhcp', 'none', an address or address/length" },
  defaultRoute: { prompt: "Default IPv4 route? (IPv4 address or none)" },
  encryptRootDisk: { askedWhen: "never (added after 6.5)" },
  httpsFallback: { askedWhen: "when the HTTP server was given without http:// and does not answer https" },
  setupUser: { accepts: "'no' or a login name: a lower-case letter, then lower-case letters, digits or '_', at most 31" },
};

function table(release: Release): ReadonlyMap<QuestionId, Question> {
  const map = new Map<QuestionId, Question>();
  for (const [id, prompt, defaultAnswer, accepts, askedWhen, onRejected, shown] of NEWEST_ROWS) {
    const base: Question = { id, prompt, defaultAnswer, accepts, askedWhen, onRejected };
    if (shown !== undefined) base.shown = shown;
    map.set(id, release === "6.5" ? { ...base, ...RELEASE_65[id] } : base);
  }
  return map;
}

const TABLES = new Map<Release, ReadonlyMap<QuestionId, Question>>();

/** The question catalogue of a release. */
export function catalogue(release: Release): ReadonlyMap<QuestionId, Question> {
  let t = TABLES.get(release);
  if (!t) {
    t = table(release);
    TABLES.set(release, t);
  }
  return t;
}

/** Fills a prompt's placeholders. */
export function fillPrompt(prompt: string, vars: Readonly<Record<string, string>>): string {
  return prompt.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

/** The key that answers a question and nothing asked before it: the prompt up to its `?`. */
export function keyFor(prompt: string): string {
  const q = prompt.search(/\?( |$)/);
  return (q < 0 ? prompt : prompt.slice(0, q)).trim();
}
