import { diagnosticAt, isIPv4, isIPv6, type Diagnostic } from "@obsdconf/core";
import { catalogue, fillPrompt, keyFor, type Question, type QuestionId } from "./catalogue.js";
import { keyMatchesQuestion } from "./match.js";
import type { InstallConfDocument } from "./parse.js";
import { knownRelease, RELEASES, releaseDigits, type Release } from "./releases.js";
import { parseSshPublicKey } from "./ssh-key.js";
import { HTTP_SERVER_FORM, selectSets, setNamesProblem } from "./sets.js";

/** The machine being installed, as far as it changes which questions are asked. */
export interface Machine {
  /** Console the installer runs on (default `"serial"`, as on a vmd guest). */
  console?: "serial" | "glass";
  /** Serial port (default `com0`). */
  serialPort?: string;
  /** Speed of the serial console (default 115200). */
  consoleSpeed?: number;
  /** Network interfaces, the netboot one first (default `["vio0"]`). */
  interfaces?: string[];
  /** Disks, the first being the default root disk (default `["sd0"]`). */
  disks?: string[];
  /** A CD drive is present (default false). */
  cdrom?: boolean;
  /** Booted by EFI (default false). */
  efi?: boolean;
  /** Host name DHCP gave (default: none). */
  dhcpHostname?: string;
  /** DHCP supplies the domain and name servers (default true). */
  dhcpProvidesDns?: boolean;
  /** Unsigned sets on the server besides the release's own (default `["siteNN.tgz"]`). */
  siteSets?: string[];
  /** What the sets server offers. */
  setsServer?: SetsServer;
}

/** The HTTP server of the sets, as far as the installer's questions depend on it. */
export interface SetsServer {
  /** It answers https (matters on 6.5 for a server given without http://; default: unknown, an info says what follows). */
  https?: boolean;
  /** It has the release's signed SHA256.sig (default true: a mirror copy). */
  signed?: boolean;
  /** Its file list has INSTALL.amd64 (default true). */
  listsInstallFile?: boolean;
}

/** Options of {@link explain}. */
export interface ExplainOptions {
  /** Installer release (default: the newest known). */
  release?: Release;
  /** The machine (default: a vmd guest with one vio0 and one sd0 on a serial console). */
  machine?: Machine;
}

/** How a question was settled. */
export type Outcome = "answered" | "default" | "abort";

/** One question of the replayed install. */
export interface ExplainedQuestion {
  /** Catalogue identifier. */
  id: QuestionId;
  /** The question as asked (placeholders filled, hint included). */
  question: string;
  /** 1-based line of the answer used, when a line answered it. */
  line?: number;
  /** The answer used (the default for "default"; absent for "abort"). */
  answer?: string;
  /** Answered by a line, settled by the default, or the install aborts here. */
  outcome: Outcome;
}

/** Result of {@link explain}. */
export interface Explanation {
  /** The questions in the order the installer asks them. */
  answers: ExplainedQuestion[];
  /** Problems with the file: typos, unused lines, rejected answers, aborts. */
  diagnostics: Diagnostic[];
}

interface PendingLine {
  key: string;
  answer: string;
  lineIndex: number;
}

class InstallAborted extends Error {}

const YES_NO = /^(y|yes|n|no)$/i;
const MAX_REPEATS = 16;

/**
 * Replays the installer's questions against a response file: for each
 * question, the line that answers it (first match in file order, consumed),
 * or its default, or an abort for lack of an answer. Reports lines that
 * answer nothing (with the closest real question), answers the installer
 * rejects, and where the install would stop.
 */
export function explain(doc: InstallConfDocument, options: ExplainOptions = {}): Explanation {
  return new Replay(doc, knownRelease(options.release), options.machine ?? {}).run();
}

class Replay {
  readonly #doc: InstallConfDocument;
  readonly #release: Release;
  readonly #questions: ReadonlyMap<QuestionId, Question>;
  readonly #machine: Required<Omit<Machine, "setsServer">> & { setsServer: SetsServer & { signed: boolean; listsInstallFile: boolean } };
  readonly #pending: PendingLine[];
  readonly #keys = new Map<number, string>();
  readonly #answers: ExplainedQuestion[] = [];
  readonly #diagnostics: Diagnostic[] = [];
  #vars: Record<string, string>;

  constructor(doc: InstallConfDocument, release: Release, machine: Machine) {
    this.#doc = doc;
    this.#release = release;
    this.#questions = catalogue(release);
    this.#machine = {
      console: machine.console ?? "serial",
      serialPort: machine.serialPort ?? "com0",
      consoleSpeed: machine.consoleSpeed ?? 115200,
      interfaces: machine.interfaces ?? ["vio0"],
      disks: machine.disks ?? ["sd0"],
      cdrom: machine.cdrom ?? false,
      efi: machine.efi ?? false,
      dhcpHostname: machine.dhcpHostname ?? "",
      dhcpProvidesDns: machine.dhcpProvidesDns ?? true,
      siteSets: machine.siteSets ?? [`site${releaseDigits(release)}.tgz`],
      setsServer: {
        ...(machine.setsServer?.https !== undefined ? { https: machine.setsServer.https } : {}),
        signed: machine.setsServer?.signed ?? true,
        listsInstallFile: machine.setsServer?.listsInstallFile ?? true,
      },
    };
    this.#vars = { console: this.#machine.serialPort, version: release, media: this.#machine.cdrom ? "cd0 " : "" };
    const lines = doc.syntax.lines;
    this.#pending = [];
    lines.forEach((line, lineIndex) => {
      if (line.kind !== "answer") return;
      const a = doc.model.answers[line.answerIndex]!;
      this.#pending.push({ key: a.key, answer: a.answer, lineIndex });
      this.#keys.set(lineIndex, a.key);
    });
  }

  run(): Explanation {
    try {
      this.#install();
    } catch (e) {
      if (!(e instanceof InstallAborted)) throw e;
    }
    this.#reportAmbiguous();
    this.#reportUnused();
    this.#diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return { answers: this.#answers, diagnostics: this.#diagnostics };
  }

  // ----- the install, question by question -----

  #install(): void {
    const m = this.#machine;
    if (m.console === "glass") this.#ask("keyboard");
    else this.#ask("terminal");
    const hostname = this.#ask("hostname", m.dhcpHostname || undefined, (a) => (/^[^\s\x00-\x1f\x7f]+$/.test(a) ? undefined : "a host name cannot hold blanks or control characters"));
    this.#vars.host = hostname.split(".")[0]!;
    this.#network();
    this.#ask("rootPassword");
    this.#ask("rootSshKey", undefined, sshKeyProblem);
    const sshd = yes(this.#ask("startSshd", undefined, yesNoProblem));
    if (m.console === "glass") this.#ask("xenodm", undefined, yesNoProblem);
    if (m.serialPort) {
      const defaultChange = m.console === "serial" ? "yes" : "no";
      if (yes(this.#ask("changeConsole", defaultChange, yesNoProblem))) {
        this.#ask("consoleSpeed", String(m.consoleSpeed), (a) => (/^(9600|19200|38400|57600|115200|done)$/.test(a) ? undefined : "not a console speed the installer offers"));
      }
    }
    this.#user();
    if (sshd) {
      this.#ask("rootSshLogin", undefined, (a) =>
        /^(y|yes|n|no|w|p|without-password|prohibit-password)$/i.test(a) ? undefined : "expected yes, no or prohibit-password",
      );
    }
    this.#ask("timezone", undefined, timezoneProblem);
    this.#disks();
    this.#sets();
  }

  #network(): void {
    const m = this.#machine;
    const configured: string[] = [];
    let staticV4 = false;
    let staticV6 = false;
    let dhcp = 0;
    for (let round = 0; round < MAX_REPEATS; round++) {
      const def = round === 0 ? m.interfaces[0] ?? "done" : "done";
      const choice = this.#ask("networkInterface", def, (a) => {
        if (a === "done" || m.interfaces.includes(a)) return undefined;
        return `no interface "${a}" on this machine (${m.interfaces.join(", ")})`;
      });
      if (choice === "done") break;
      this.#vars.if = choice;
      if (configured.length > 0 && !configured.includes(choice)) this.#ask("symbolicName", this.#vars.host);
      if (!configured.includes(choice)) configured.push(choice);
      const v4 = this.#ask("ipv4Address", undefined, (a) => ipv4Problem(a, this.#release));
      if (/^(dhcp|autoconf|a)$/.test(v4)) dhcp++;
      else if (v4 !== "none") {
        staticV4 = true;
        if (!v4.includes("/")) this.#ask("netmask", undefined, (a) => (isNetmask(a) ? undefined : "not a dotted netmask"));
      }
      const v6 = this.#ask("ipv6Address", undefined, (a) => ipv6Problem(a, this.#release));
      if (v6 !== "none" && !/^(autoconf|a)$/.test(v6)) {
        staticV6 = true;
        if (!v6.includes("/")) this.#ask("ipv6PrefixLength", undefined, (a) => (/^([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(a) ? undefined : "expected 0 to 128"));
      }
    }
    if (staticV4) this.#ask("defaultRoute", undefined, (a) => (a === "none" || isIPv4(a) ? undefined : "not an IPv4 address"));
    if (staticV6) this.#ask("ipv6DefaultRouter", undefined, (a) => (a === "none" || isIPv6(a) ? undefined : "not an IPv6 address"));
    const dnsFromDhcp = configured.length === 1 && dhcp === 1 && m.dhcpProvidesDns;
    if (!dnsFromDhcp) {
      const hostDomain = this.#hostDomain();
      this.#ask("dnsDomain", hostDomain ?? "my.domain");
      this.#ask("dnsNameservers", undefined, (a) =>
        a === "none" || a.split(/[ \t]+/).every((ip) => isIPv4(ip) || isIPv6(ip)) ? undefined : "expected IP addresses or 'none'",
      );
    }
  }

  #hostDomain(): string | undefined {
    const used = this.#answers.find((a) => a.id === "hostname")?.answer;
    const dot = used?.indexOf(".") ?? -1;
    return used && dot > 0 ? used.slice(dot + 1) : undefined;
  }

  #user(): void {
    const reserved = new Set(["root", "daemon", "operator", "bin", "build", "sshd", "www", "nobody", "ftp"]);
    const loginRule = this.#release === "6.5" ? /^[a-z][a-z0-9_]{0,30}$/ : /^[a-z][-a-z0-9_]{0,30}$/;
    const login = this.#ask("setupUser", undefined, (a) => {
      if (/^(n|no)$/.test(a)) return undefined;
      if (/^(y|yes)$/.test(a)) return "it wants the login name itself";
      if (!loginRule.test(a)) return "not a login name the installer accepts";
      if (reserved.has(a)) return `"${a}" is reserved`;
      return undefined;
    });
    if (/^(n|no)$/.test(login)) return;
    this.#vars.user = login;
    this.#ask("userFullName", undefined, (a) => (/[:&,]/.test(a) || a.length > 100 ? "a full name cannot hold ':', '&' or ',' (at most 100 characters)" : undefined));
    this.#ask("userPassword");
    this.#ask("userSshKey", undefined, sshKeyProblem);
  }

  #disks(): void {
    const m = this.#machine;
    this.#ask("rootDisk", m.disks[0], (a) => (m.disks.includes(a) ? undefined : `no disk "${a}" on this machine (${m.disks.join(", ")})`));
    if (this.#release !== "6.5") {
      const encrypt = this.#ask("encryptRootDisk", undefined, (a) => (/^(n|no|p.*|k.*)$/i.test(a) ? undefined : "expected no, p or k"));
      if (/^p/i.test(encrypt)) this.#ask("newPassphrase");
    }
    const how = this.#ask("diskPartitioning", m.efi ? "gpt" : "whole", (a) => (/^[wgoe]/i.test(a) ? undefined : "expected W, G, O or E"));
    if (/^g/i.test(how) && !m.efi) this.#ask("gptProceed", undefined, yesNoProblem);
    const template = this.#ask("disklabelTemplate", undefined, (a) => (a === "none" || /^https?:\/\/\S+$/.test(a) ? undefined : "expected an http(s) URL or 'none'"));
    if (template === "none") this.#ask("layout", undefined, (a) => (/^[aec]/i.test(a) ? undefined : "expected A, E or C"));
    if (m.disks.length > 1) this.#ask("initializeDisk", undefined, (a) => (a === "done" || m.disks.includes(a) ? undefined : "no such disk"));
  }

  #sets(): void {
    const m = this.#machine;
    for (let pass = 0; pass < MAX_REPEATS; pass++) {
      const location = this.#ask("setsLocation", pass === 0 ? "http" : "done", (a) => {
        if (a === "done" || /^h/.test(a) || /^d/.test(a) || (m.cdrom && /^c/.test(a))) return undefined;
        return "not a location the installer offers";
      });
      if (location === "done") return;
      if (!/^h/.test(location)) return; // disk and CD locations ask about devices this replay does not model
      this.#ask("httpProxy");
      const server = this.#ask("httpServer", "<the first mirror of the list>", (a) =>
        HTTP_SERVER_FORM.test(a) ? undefined : "a server is a host name, host:port or [address], without a path",
      );
      this.#ask("serverDirectory");
      if (this.#release === "6.5" && !/^https?:\/\//.test(server)) this.#httpsFirst(server);
      if (!m.setsServer.listsInstallFile) this.#mustAgree("installNotFound", "the installer skips this server");
      const selections: string[] = [];
      for (let round = 0; round < MAX_REPEATS; round++) {
        const answer = this.#ask("setNames", undefined, setNamesProblem);
        if (answer === "done") break;
        if (answer === "abort") return;
        selections.push(answer);
      }
      const selected = selectSets(this.#release, m.siteSets, selections, this.#vars.host);
      const unverified = m.siteSets.filter((s) => selected.has(s));
      if (m.setsServer.signed) {
        for (const set of unverified) {
          this.#vars.set = set;
          this.#mustAgree("checksumFailed", `${set} is not installed and the install stops`);
        }
        if (!unverified.length) continue;
        this.#vars.issue = `Unverified sets: ${unverified.join(" ")}`;
      } else {
        this.#vars.issue = "Directory does not contain SHA256.sig";
      }
      this.#mustAgree("continueWithoutVerification", "the install stops");
    }
  }

  // 6.5 tries https first when the server is given without a scheme.
  #httpsFirst(server: string): void {
    const serverLine = this.#answers.filter((a) => a.id === "httpServer").at(-1)?.line;
    if (this.#machine.setsServer.https === undefined) {
      const fallback = this.#questions.get("httpsFallback")!.prompt;
      if (this.#pending.some((p) => keyMatchesQuestion(p.key, fallback))) return; // the file covers both cases
      if (serverLine !== undefined) {
        this.#diagnostics.push(
          this.#at(
            serverLine - 1,
            "info",
            "HTTPS_FIRST",
            `${this.#release} tries https://${server} first; if it does not answer https the installer asks "Unable to connect using https. Use http instead?" (default no: no sets). Write http://${server} or answer "Use http instead = yes" to be sure`,
          ),
        );
      }
      return;
    }
    if (!this.#machine.setsServer.https) this.#mustAgree("httpsFallback", "no sets are installed from this server and the install stops");
  }

  // A yes/no question whose "no" ends the install.
  #mustAgree(id: QuestionId, consequence: string): void {
    const answer = this.#ask(id, undefined, yesNoProblem);
    if (yes(answer)) return;
    const last = this.#answers[this.#answers.length - 1]!;
    const where = last.line !== undefined ? last.line - 1 : undefined;
    this.#error("ANSWERED_NO", `"${last.question}" is answered "${answer}"${last.outcome === "default" ? " (its default)" : ""}: ${consequence}`, where);
    last.outcome = "abort";
    throw new InstallAborted();
  }

  // ----- asking -----

  /**
   * Asks a question: the first pending line whose key matches answers it
   * (and is consumed); else the default; else the install aborts. An answer
   * the question rejects aborts, or asks again, as the installer does.
   */
  #ask(id: QuestionId, defaultOverride?: string, check?: (answer: string) => string | undefined): string {
    const q = this.#questions.get(id)!;
    const question = fillPrompt(q.prompt, this.#vars);
    for (let attempt = 0; attempt < MAX_REPEATS; attempt++) {
      const at = this.#pending.findIndex((p) => keyMatchesQuestion(p.key, question));
      if (at < 0) {
        const fallback = defaultOverride ?? (q.defaultAnswer && !q.defaultAnswer.startsWith("<") ? fillPrompt(q.defaultAnswer, this.#vars) : undefined);
        const described = fallback ?? q.defaultAnswer;
        if (described === undefined) {
          this.#answers.push({ id, question, outcome: "abort" });
          this.#error("NO_ANSWER", `the install aborts: no line answers "${question}" and it has no default`, undefined);
          throw new InstallAborted();
        }
        this.#answers.push({ id, question, answer: described, outcome: "default" });
        return described;
      }
      const [line] = this.#pending.splice(at, 1) as [PendingLine];
      const problem = check?.(line.answer);
      if (problem === undefined) {
        this.#answers.push({ id, question, line: line.lineIndex + 1, answer: line.answer, outcome: "answered" });
        return line.answer;
      }
      if (q.onRejected === "abort") {
        this.#answers.push({ id, question, line: line.lineIndex + 1, outcome: "abort" });
        this.#error("REJECTED_ANSWER", `the installer rejects "${line.answer}" for "${question}" and aborts: ${problem}`, line.lineIndex);
        throw new InstallAborted();
      }
      this.#warn("REJECTED_ANSWER", `the installer rejects "${line.answer}" for "${question}" and asks again: ${problem}`, line.lineIndex);
    }
    this.#answers.push({ id, question, outcome: "abort" });
    throw new InstallAborted();
  }

  // ----- keys that failures would take first -----

  // A line that answered a question but whose key also matches a question
  // asked only when a regular set fails: on such a failure, asked earlier,
  // it would take the line and skip the set.
  #reportAmbiguous(): void {
    const base = `base${releaseDigits(this.#release)}.tgz`;
    const failures = (["fetchFailed", "checksumFailed", "installFailed"] as const).map((id) =>
      fillPrompt(this.#questions.get(id)!.prompt, { ...this.#vars, set: base }),
    );
    for (const a of this.#answers) {
      if (a.line === undefined) continue;
      const key = this.#keys.get(a.line - 1)!;
      const other = failures.find((f) => f !== a.question && keyMatchesQuestion(key, f));
      if (!other) continue;
      this.#warn(
        "AMBIGUOUS_KEY",
        `"${key}" also answers "${other}", asked before "${a.question}" should that set fail: it would take this line and go on without ${base}. Use the key "${keyFor(a.question)}"`,
        a.line - 1,
      );
    }
  }

  // ----- lines left over -----

  #reportUnused(): void {
    for (const p of this.#pending) {
      const here = this.#matchingQuestion(p.key, this.#release);
      if (here) {
        this.#diagnostics.push(
          this.#at(p.lineIndex, "info", "NOT_ASKED", `this line answers "${this.#anyInstance(here.prompt)}", which this install does not ask (asked ${here.askedWhen})`),
        );
        continue;
      }
      const elsewhere = RELEASES.filter((r) => r !== this.#release)
        .map((r) => ({ r, q: this.#matchingQuestion(p.key, r) }))
        .find((x) => x.q !== undefined);
      if (elsewhere?.q) {
        const now = this.#questions.get(elsewhere.q.id)!;
        this.#warn(
          "REWORDED_QUESTION",
          `"${p.key}" answered "${fillPrompt(elsewhere.q.prompt, this.#vars)}" in OpenBSD ${elsewhere.r}, but ${this.#release} asks "${fillPrompt(now.prompt, this.#vars)}": use the key "${keyFor(fillPrompt(now.prompt, this.#vars))}"`,
          p.lineIndex,
        );
        continue;
      }
      const closest = this.#closestQuestion(p.key);
      this.#warn("UNKNOWN_QUESTION", `"${p.key}" matches no question the installer asks; did you mean "${closest}"?`, p.lineIndex);
    }
  }

  #matchingQuestion(key: string, release: Release): Question | undefined {
    for (const q of catalogue(release).values()) {
      if (release === "6.5" && q.id === "encryptRootDisk") continue;
      if (keyMatchesQuestion(key, this.#anyInstance(q.prompt))) return q;
    }
    return undefined;
  }

  // A prompt with its placeholders filled from this install, or kept as
  // words that no key of a real answer file spells.
  #anyInstance(prompt: string): string {
    const vars = { ...this.#vars };
    vars.if ??= this.#machine.interfaces[0] ?? "vio0";
    vars.user ??= "user";
    vars.sets ??= this.#machine.siteSets.join(" ");
    vars.set ??= `base${releaseDigits(this.#release)}.tgz`;
    vars.issue ??= `Unverified sets: ${vars.sets}`;
    return fillPrompt(prompt, vars);
  }

  // The question holding the run of words closest to the key (keys match
  // word runs, so "Sytem hostname" is one letter from "System hostname").
  #closestQuestion(key: string): string {
    const k = key.toLowerCase();
    let best = "";
    let bestDistance = Infinity;
    for (const q of this.#questions.values()) {
      const prompt = this.#anyInstance(q.prompt);
      const words = prompt.toLowerCase().split(" ");
      for (let i = 0; i < words.length; i++) {
        for (let j = i + 1; j <= words.length; j++) {
          const d = editDistance(k, words.slice(i, j).join(" ").replace(/\?$/, ""));
          if (d < bestDistance) {
            best = keyFor(prompt);
            bestDistance = d;
          }
        }
      }
    }
    return best;
  }

  #at(lineIndex: number, severity: Diagnostic["severity"], code: string, message: string): Diagnostic {
    const line = this.#doc.syntax.lines[lineIndex]!;
    return diagnosticAt(this.#doc.syntax.lineIndex, line.start, line.end, severity, code, message, this.#doc.fileName);
  }

  #warn(code: string, message: string, lineIndex: number): void {
    this.#diagnostics.push(this.#at(lineIndex, "warning", code, message));
  }

  #error(code: string, message: string, lineIndex: number | undefined): void {
    if (lineIndex !== undefined) {
      this.#diagnostics.push(this.#at(lineIndex, "error", code, message));
      return;
    }
    const end = this.#doc.text.length;
    this.#diagnostics.push(diagnosticAt(this.#doc.syntax.lineIndex, end, end, "error", code, message, this.#doc.fileName));
  }
}

function yes(answer: string): boolean {
  return /^y/i.test(answer);
}

function yesNoProblem(answer: string): string | undefined {
  return YES_NO.test(answer) ? undefined : "expected yes or no";
}

function sshKeyProblem(answer: string): string | undefined {
  if (answer === "none") return undefined;
  const result = parseSshPublicKey(answer);
  return result.ok ? undefined : result.problem;
}

function ipv4Problem(answer: string, release: Release): string | undefined {
  const words = release === "6.5" ? /^(dhcp|none)$/ : /^(dhcp|autoconf|a|none)$/;
  if (words.test(answer)) return undefined;
  const [address, length, extra] = answer.split("/");
  if (extra === undefined && isIPv4(address!) && (length === undefined || /^([0-9]|[12][0-9]|3[0-2])$/.test(length))) return undefined;
  return release === "6.5" ? "expected 'dhcp', 'none' or an IPv4 address" : "expected 'autoconf', 'none' or an IPv4 address";
}

function ipv6Problem(answer: string, release: Release): string | undefined {
  const words = release === "6.5" ? /^(autoconf|none)$/ : /^(autoconf|a|none)$/;
  if (words.test(answer)) return undefined;
  const [address, length, extra] = answer.split("/");
  if (extra === undefined && isIPv6(address!) && (length === undefined || /^([0-9]|[1-9][0-9]|1[01][0-9]|12[0-8])$/.test(length))) return undefined;
  return "expected 'autoconf', 'none' or an IPv6 address";
}

function isNetmask(text: string): boolean {
  if (!isIPv4(text)) return false;
  const bits = text.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  const inverted = 2 ** 32 - 1 - bits;
  return (inverted & (inverted + 1)) === 0;
}

let knownZones: Set<string> | undefined;

function timezoneProblem(answer: string): string | undefined {
  if (!/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(answer)) return "not a zoneinfo name";
  knownZones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "GMT", "Etc/UTC", "Etc/GMT"]);
  return knownZones.has(answer) ? undefined : "not a zoneinfo name the installer knows";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
