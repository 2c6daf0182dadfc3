// The installer's checks of single answers, written once: the builder
// refuses what they reject, explain replays them, parse and validate report
// them. Each returns why the installer would not take (or would change) an
// answer, or undefined. Facts from distrib/miniroot/install.sub.
import { isIPv4, isIPv6 } from "@obsdconf/core";
import { PASSWORD_DISABLED, passwordKind } from "./passwords.js";
import type { Release } from "./releases.js";
import { parseSshPublicKey } from "./ssh-key.js";
import { TIMEZONE_NAMES } from "./timezones.js";

/** Login names user_setup refuses. */
export const RESERVED_LOGINS: readonly string[] = ["root", "daemon", "operator", "bin", "build", "sshd", "www", "nobody", "ftp"];

/** Speeds "Which speed should comN use?" offers. */
export const CONSOLE_SPEEDS: readonly number[] = [9600, 19200, 38400, 57600, 115200];

/** The longest full name user_setup takes. */
export const MAX_FULL_NAME = 100;

/** y, yes, n or no in any case (ask_yn lower-cases the answer). */
export function yesNoProblem(answer: string): string | undefined {
  return /^(y|yes|n|no)$/i.test(answer) ? undefined : "expected yes or no";
}

/** The hostname loop: no blank or control character. */
export function hostnameProblem(answer: string): string | undefined {
  return /^[^\s\x00-\x1f\x7f]+$/.test(answer) ? undefined : "a host name cannot hold blanks or control characters";
}

/** "IPv4 address for IF?": a word, an address or address/length. */
export function ipv4Problem(answer: string, release: Release): string | undefined {
  const words = release === "6.5" ? /^(dhcp|none)$/ : /^(dhcp|autoconf|a|none)$/;
  if (words.test(answer)) return undefined;
  const [address, length, extra] = answer.split("/");
  if (extra === undefined && isIPv4(address!) && (length === undefined || /^([0-9]|[12][0-9]|3[0-2])$/.test(length))) return undefined;
  return release === "6.5" ? "expected 'dhcp', 'none' or an IPv4 address" : "expected 'autoconf', 'none' or an IPv4 address";
}

/** "IPv6 address for IF?": a word, an address or address/length. */
export function ipv6Problem(answer: string, release: Release): string | undefined {
  const words = release === "6.5" ? /^(autoconf|none)$/ : /^(autoconf|a|none)$/;
  if (words.test(answer)) return undefined;
  const [address, length, extra] = answer.split("/");
  if (extra === undefined && isIPv6(address!) && (length === undefined || prefixLengthProblem(length) === undefined)) return undefined;
  return "expected 'autoconf', 'none' or an IPv6 address";
}

/** "Netmask for IF?": a dotted mask of contiguous ones. */
export function netmaskProblem(answer: string): string | undefined {
  if (!isIPv4(answer)) return "not a dotted netmask";
  const bits = answer.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const inverted = 2 ** 32 - 1 - bits;
  return (inverted & (inverted + 1)) === 0 ? undefined : "not a dotted netmask";
}

/** "IPv6 prefix length for IF?": 0 to 128. */
export function prefixLengthProblem(answer: string): string | undefined {
  return /^([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(answer) ? undefined : "expected 0 to 128";
}

/** "Default IPv4 route?": an IPv4 address or none. */
export function defaultRouteProblem(answer: string): string | undefined {
  return answer === "none" || isIPv4(answer) ? undefined : "not an IPv4 address";
}

/** "IPv6 default router?": an IPv6 address or none. */
export function ipv6RouterProblem(answer: string): string | undefined {
  return answer === "none" || isIPv6(answer) ? undefined : "not an IPv6 address";
}

/** "DNS nameservers?": addresses separated by blanks, or none. */
export function nameserversProblem(answer: string): string | undefined {
  return answer === "none" || answer.split(/[ \t]+/).every((ip) => isIPv4(ip) || isIPv6(ip)) ? undefined : "expected IP addresses or 'none'";
}

/** "Public ssh key for …": one authorized_keys line or none. */
export function sshKeyProblem(answer: string): string | undefined {
  if (answer === "none") return undefined;
  const result = parseSshPublicKey(answer);
  return result.ok ? undefined : result.problem;
}

/** "Which speed should comN use?": an offered speed or done. */
export function consoleSpeedProblem(answer: string): string | undefined {
  return answer === "done" || CONSOLE_SPEEDS.map(String).includes(answer) ? undefined : "not a console speed the installer offers";
}

/**
 * A login name user_setup takes (not yes/no, which it reads as such):
 * a lower-case letter, then lower-case letters, digits, `_` (and `-` after
 * 6.5), at most 31 characters, not a reserved name.
 */
export function loginProblem(answer: string, release: Release): string | undefined {
  if (/^(y|yes|n|no)$/.test(answer)) return "the installer reads this answer as yes or no, not as a login name";
  const rule = release === "6.5" ? /^[a-z][a-z0-9_]{0,30}$/ : /^[a-z][-a-z0-9_]{0,30}$/;
  if (!rule.test(answer)) return "not a login name the installer accepts";
  if (RESERVED_LOGINS.includes(answer)) return `"${answer}" is reserved`;
  return undefined;
}

/** "Full name for user U?": no ':' '&' ',', at most 100 characters. */
export function fullNameProblem(answer: string): string | undefined {
  return /[:&,]/.test(answer) || answer.length > MAX_FULL_NAME ? "a full name cannot hold ':', '&' or ',' (at most 100 characters)" : undefined;
}

/**
 * A full name the installer takes but stores changed: it writes the
 * master.passwd line with ksh's `echo`, which reads backslash sequences.
 */
export function fullNameStorageProblem(answer: string): string | undefined {
  return answer.includes("\\") ? "the installer writes the full name with echo, which turns backslash sequences into other bytes" : undefined;
}

/** Where a password answer ends up: root's entry is written by sed, a user's by echo. */
export type Account = "root" | "user";

/** A well-formed OpenBSD bcrypt hash: `$2a$`/`$2b$`/`$2y$`, two-digit cost, 53 characters of salt and hash. */
export const BCRYPT_HASH = /^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$/;

/**
 * A password answer the installer stores differently from what was meant
 * (install.sub's encr_pwd and the lines that write master.passwd):
 * - a value stored verbatim must be a real hash: its test compares the
 *   length as a string with "40", so `$2b$10$x` (8 > "40") is stored as is
 *   and nobody can log in;
 * - a hash-looking value of 10-40 or 100-399 characters is hashed again;
 * - root's entry is written with `sed "s@^root::@root:HASH:@"`: an `@` ends
 *   the expression (sed fails, root keeps an EMPTY password), `&` and `\`
 *   change the bytes; a user's entry is written with echo (`\` changes);
 *   a `:` splits the master.passwd fields.
 */
export function passwordStorageProblem(answer: string, account: Account): string | undefined {
  const kind = passwordKind(answer);
  if (kind === "plain") {
    if (/^\$2.\$[0-9]{2}\$/.test(answer)) {
      return `the installer hashes this hash-looking answer again (it stores an answer as a hash only when its length, compared as text, is above "40"): the hash text becomes the password`;
    }
    return undefined;
  }
  if (kind === "disabled" || answer === PASSWORD_DISABLED) return undefined;
  if (account === "root" && answer.includes("@")) {
    return "the installer writes root's hash with sed s@…@…@: an '@' breaks it and root is left with an EMPTY password";
  }
  if (answer.includes(":")) return "a ':' in a hash splits the master.passwd entry";
  if (account === "root" && answer.includes("&")) return "the installer writes root's hash with sed, which replaces '&' with the matched text";
  if (answer.includes("\\")) return `the installer writes ${account === "root" ? "root's hash with sed" : "the user's hash with echo"}, which changes backslashes`;
  if (!BCRYPT_HASH.test(answer)) {
    return "the installer stores this answer as a hash without hashing it (it starts like a bcrypt hash and its length, compared as text, is above \"40\"), but it is not a bcrypt hash: no password matches it";
  }
  return undefined;
}

let zones: Set<string> | undefined;
let zoneDirectories: Set<string> | undefined;

function loadZones(): void {
  zones = new Set(TIMEZONE_NAMES);
  zoneDirectories = new Set();
  for (const name of TIMEZONE_NAMES) {
    for (let slash = name.indexOf("/"); slash > 0; slash = name.indexOf("/", slash + 1)) zoneDirectories.add(name.slice(0, slash));
  }
}

/** How set_timezone reads an answer (trailing slashes removed): a zone, a directory (it asks for a sub-timezone), or neither. */
export function timezoneKind(answer: string): "zone" | "directory" | "unknown" {
  if (!zones) loadZones();
  const path = answer.replace(/\/+$/, "");
  if (zones!.has(path)) return "zone";
  if (zoneDirectories!.has(path)) return "directory";
  return "unknown";
}

/** A zoneinfo name set_timezone accepts at once (a directory needs the sub-timezone question too). */
export function timezoneProblem(answer: string): string | undefined {
  const kind = timezoneKind(answer);
  if (kind === "zone") return undefined;
  if (kind === "directory") return `"${answer}" is a directory of zones: the installer asks for a sub-timezone`;
  return "not a zoneinfo name the installer knows";
}

/** "URL to autopartitioning template for disklabel?": http(s) URL or none. */
export function templateUrlProblem(answer: string): string | undefined {
  return answer === "none" || /^https?:\/\/\S+$/.test(answer) ? undefined : "expected an http(s) URL or 'none'";
}
