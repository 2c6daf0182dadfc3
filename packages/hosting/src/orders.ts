// Customer orders: one `vms/vmN.txt` per VM, shell-style `key="value"`
// lines like _deploy.conf. The VM's name is the file's base name.
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { createDocument, diagnosticAt, LineIndex, type Diagnostic, type Document, type ParseOptions } from "@obsdconf/core";
import { parseSshPublicKey } from "@obsdconf/autoinstall";
import { VM_NAME_MAX } from "@obsdconf/vmconf";
import { DISK_FORMATS, hostNameProblem, sizeProblem, type DiskFormat } from "./deploy-conf.js";
import { readSettings, sortDiagnostics, type SettingsSyntax } from "./settings/settings.js";

/** Every key of an order, in the order the documentation lists them. */
export const ORDER_KEYS = ["date", "payment", "donated", "name", "email", "sshkey", "hostname", "username", "note", "memory", "disk2", "format", "referral"] as const;

/** A key of an order file. */
export type OrderKey = (typeof ORDER_KEYS)[number];

/** Keys an order must set (the others may be left out or empty). */
export const REQUIRED_ORDER_KEYS: readonly OrderKey[] = ["name", "email", "sshkey", "hostname", "username"];

/** Login names the OpenBSD installer refuses for the user it creates (install.sub's user_setup). */
export const RESERVED_USERNAMES: readonly string[] = ["root", "daemon", "operator", "bin", "build", "sshd", "www", "nobody", "ftp"];

/** The longest login name useradd(8) takes (`_PW_NAME_LEN`). */
export const MAX_USERNAME = 31;

/**
 * A customer's order (`vms/vmN.txt`). Text fields are as a shell would read
 * them, `""` when left out. `memory`, `disk2` and `format` are absent when
 * left out or empty: the VM then gets the host's MEMORY and FORMAT and no
 * second disk. When the document has errors, a field with an error holds
 * what was written and must not be used.
 */
export interface Order {
  /** When the order was made, as written by the order form. */
  date: string;
  /** How it was paid, as written. */
  payment: string;
  /** A donation note, as written. */
  donated: string;
  /** The customer's full name (the VM user's full name). */
  name: string;
  /** The customer's e-mail address. */
  email: string;
  /** The customer's ssh public key: one authorized_keys line without options (`ssh-ed25519 AAAA… comment`). */
  sshkey: string;
  /** The VM's short host name; its full name is `<hostname>.<DOMAIN>`. */
  hostname: string;
  /** The customer's login: the VM owner on the host (useradd) and the user created in the VM. */
  username: string;
  /** A free-form note. */
  note: string;
  /** Memory as vm.conf takes it (`512M`, `2G`); absent: the host's MEMORY. */
  memory?: string;
  /** Size of a second disk (`20G`); absent: no second disk. */
  disk2?: string;
  /** Disk format; absent: the host's FORMAT. */
  format?: DiskFormat;
  /** Where the customer heard of the service, as written. */
  referral: string;
}

/** The concrete syntax of an order file. */
export type OrderSyntax = SettingsSyntax;

/** A parsed order file. */
export type OrderDocument = Document<Order, OrderSyntax>;

/**
 * Why `text` is not a login name both useradd(8) and the installer take, or
 * undefined: a lower-case letter, then lower-case letters, digits, `_` and
 * `-`, at most {@link MAX_USERNAME} characters, not one of
 * {@link RESERVED_USERNAMES}. (useradd alone would also take upper case,
 * `.` and a final `$`; the installer refuses them.)
 */
export function usernameProblem(text: string): string | undefined {
  if (text.length > MAX_USERNAME) return `longer than ${MAX_USERNAME} characters`;
  if (!/^[a-z][-a-z0-9_]*$/.test(text)) return "a login name is a lower-case letter, then lower-case letters, digits, '_' and '-'";
  if (RESERVED_USERNAMES.includes(text)) return `"${text}" is a system account`;
  return undefined;
}

/**
 * Parses an order file (text or UTF-8 bytes). Never throws on text; throws
 * `InvalidInputError` for anything else. Diagnostics (file:line:col): how a
 * shell would read each line, unknown keys, keys set twice, missing required
 * keys ({@link REQUIRED_ORDER_KEYS}, placed at the end of the file), and
 * malformed values: a login name useradd or the installer refuses, a host
 * name that is not one DNS label, an ssh key that is not one public key line,
 * an e-mail without `@`, sizes scan_scaled(3) refuses, a format other than
 * raw or qcow2, a full name the installer refuses (`:` `&` `,`).
 */
export function parseOrder(input: string | Uint8Array, options: Pick<ParseOptions, "fileName"> = {}): OrderDocument {
  const read = readSettings(input, options.fileName, { what: "the order", keys: ORDER_KEYS, required: REQUIRED_ORDER_KEYS, verb: "parseOrder" });
  const get = (key: OrderKey): string => read.values.get(key) ?? "";
  const usable = (key: OrderKey): boolean => read.spans.has(key) && !read.unreadable.has(key);
  const order: Order = {
    date: get("date"),
    payment: get("payment"),
    donated: get("donated"),
    name: get("name"),
    email: get("email"),
    sshkey: get("sshkey"),
    hostname: get("hostname"),
    username: get("username"),
    note: get("note"),
    referral: get("referral"),
  };
  const bad = (key: OrderKey, code: string, message: string, hint?: string, severity: "error" | "warning" = "error"): void => read.reportValue(key, code, message, hint, severity);
  for (const key of REQUIRED_ORDER_KEYS) {
    if (usable(key) && get(key) === "") bad(key, "EMPTY_VALUE", `${key} is empty`);
  }
  if (usable("username") && order.username !== "") {
    const problem = usernameProblem(order.username);
    if (problem) bad("username", "BAD_USERNAME", `username "${order.username}": ${problem}`);
  }
  if (usable("hostname") && order.hostname !== "") {
    const problem = hostNameProblem(order.hostname);
    if (problem) bad("hostname", "BAD_HOSTNAME", `hostname "${order.hostname}" is not a host name: ${problem}`);
    else if (order.hostname.includes(".")) bad("hostname", "BAD_HOSTNAME", `hostname "${order.hostname}" is a short name; the VM's full name is hostname.DOMAIN`);
  }
  if (usable("sshkey") && order.sshkey !== "") {
    const key = parseSshPublicKey(order.sshkey);
    if (!key.ok) bad("sshkey", "BAD_SSH_KEY", `sshkey: ${key.problem}`, "one line: key type, base64 key, optional comment");
  }
  if (usable("email") && order.email !== "" && !/^[^\s@]+@[^\s@]+$/.test(order.email)) {
    bad("email", "BAD_EMAIL", `email "${order.email}" is not an address (user@domain)`, undefined, "warning");
  }
  if (usable("name") && /[:&,]/.test(order.name)) {
    bad("name", "BAD_FULL_NAME", `name "${order.name}": the installer refuses ':', '&' and ',' in a user's full name`);
  }
  for (const key of ["memory", "disk2"] as const) {
    const value = get(key);
    if (!usable(key) || value === "") continue;
    const problem = sizeProblem(value);
    if (problem) bad(key, "BAD_SIZE", `${key} "${value}": ${problem}`, "a number with an optional unit B, K, M, G, T, e.g. 2G");
    order[key] = value;
  }
  const format = get("format");
  if (usable("format") && format !== "") {
    if (!(DISK_FORMATS as readonly string[]).includes(format)) bad("format", "BAD_FORMAT", `format "${format}" is not raw or qcow2`);
    order.format = format as DiskFormat;
  }
  return createDocument(read.text, options.fileName, order, sortDiagnostics(read.diagnostics), read.syntax);
}

/** An order file of a VMS directory. */
export interface OrderFile {
  /** The VM's name: the file's base name without `.txt` (`vm12`). */
  vm: string;
  /** The file's path. */
  path: string;
  /** The parsed order, with diagnostics naming `path`. */
  doc: OrderDocument;
}

/** The number in an order file's name (`vm12.txt` → 12), or undefined when the name has none. */
function orderNumber(name: string): number | undefined {
  const m = /^vm([0-9]+)\.txt$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/**
 * Reads every `vm*.txt` file of `dir` (other files are left alone), sorted by
 * the number after `vm` (`vm2` before `vm10`; names without a number after
 * those, by name). The VM name is the base name; a name that not every file
 * can hold (see {@link vmNameProblem}) is a `BAD_VM_NAME` error at line 1 of
 * that file. Throws the file system's errors (a missing directory).
 */
export function readOrders(dir: string): OrderFile[] {
  const names = readdirSync(dir).filter((n) => /^vm.*\.txt$/.test(n));
  names.sort((a, b) => {
    const na = orderNumber(a);
    const nb = orderNumber(b);
    if (na !== undefined && nb !== undefined) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
    if (na !== undefined) return -1;
    if (nb !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  return names.map((name) => {
    const path = join(dir, name);
    const doc = parseOrder(readFileSync(path), { fileName: path });
    const vm = basename(name, ".txt");
    const problem = vmNameProblem(vm);
    if (problem) {
      const d: Diagnostic = diagnosticAt(new LineIndex(doc.text), 0, 0, "error", "BAD_VM_NAME", `the VM name "${vm}" (from the file name) ${problem}`, path);
      doc.diagnostics.unshift(d);
    }
    return { vm, path, doc };
  });
}

/**
 * Why a VM name cannot be used in every file that names the VM, or undefined:
 * vmd takes names shorter than vmconf's `VM_NAME_MAX` (64) bytes; the name is also a
 * dhcpd.conf `host` name (letters, digits, `_`, `-`, dots between) and part of
 * the disk image's file name, so it must start with a letter or digit and
 * hold only letters, digits, `.`, `-` and `_`.
 */
export function vmNameProblem(name: string): string | undefined {
  if (name.length >= VM_NAME_MAX) return `is longer than ${VM_NAME_MAX - 1} characters`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return "must start with a letter or digit and hold only letters, digits, '.', '-' and '_'";
  return undefined;
}
