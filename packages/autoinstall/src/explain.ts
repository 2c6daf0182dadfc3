import { diagnosticAt, type Diagnostic, type Severity } from "@obsdconf/core";
import { catalogue, fillPrompt, keyFor, QUESTION_IDS, type Question, type QuestionId } from "./catalogue.js";
import {
  consoleSpeedProblem,
  defaultRouteProblem,
  fullNameProblem,
  hostnameProblem,
  ipv4Problem,
  ipv6Problem,
  ipv6RouterProblem,
  loginProblem,
  nameserversProblem,
  netmaskProblem,
  prefixLengthProblem,
  sshKeyProblem,
  templateUrlProblem,
  timezoneKind,
  yesNoProblem,
} from "./checks.js";
import { keyMatchesQuestion } from "./match.js";
import type { InstallConfDocument } from "./parse.js";
import { questionsOfKey, storageProblem, unmatchedKeyProblem } from "./release-checks.js";
import { knownRelease, releaseDigits, type Release } from "./releases.js";
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
  /** Processors: with more than one the installer also wants bsd.mp (default 1). */
  cpus?: number;
  /** On a glass console, the kernel says an X aperture is needed (default false). */
  apertureNeeded?: boolean;
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
  /** The question as the installer gives it to the matcher (placeholders filled, hints included, `(or 'done')` of ask_which not). */
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

/** A problem found by the replay: on a line (index into the syntax lines), or about the file as a whole. */
export interface ReplayProblem {
  /** How bad it is. */
  severity: Severity;
  /** SCREAMING_SNAKE code. */
  code: string;
  /** The message. */
  message: string;
  /** Index of the line in `doc.syntax.lines`; undefined: the file as a whole (an abort for want of a line). */
  lineIndex?: number;
  /** What would fix it. */
  hint?: string;
}

/** What {@link replay} finds: the questions and the problems, not yet positioned. */
export interface ReplayResult {
  /** The questions in the order the installer asks them. */
  answers: ExplainedQuestion[];
  /** Problems in the order found. */
  problems: ReplayProblem[];
}

class InstallAborted extends Error {}

const MAX_REPEATS = 16;

/**
 * Replays the installer's questions against a response file: for each
 * question, the line that answers it (first match in file order, consumed),
 * or its default, or an abort for lack of an answer. Reports lines that
 * answer nothing (with the closest real question), answers the installer
 * rejects or would store changed, lines it never reads, and where the
 * install would stop. Throws `UnknownReleaseError` for a release it does
 * not know.
 */
export function explain(doc: InstallConfDocument, options: ExplainOptions = {}): Explanation {
  const { answers, problems } = replay(doc, options);
  const lines = doc.syntax.lines;
  const index = doc.syntax.lineIndex;
  const diagnostics = problems.map((p) => {
    let d: Diagnostic;
    if (p.lineIndex !== undefined) {
      const line = lines[p.lineIndex]!;
      d = diagnosticAt(index, line.start, line.end, p.severity, p.code, p.message, doc.fileName);
    } else {
      // The file as a whole: point at the end of its last line with text.
      const last = [...lines].reverse().find((l) => l.end > l.start);
      const end = last ? last.end : 0;
      d = diagnosticAt(index, end, end, p.severity, p.code, p.message, doc.fileName);
    }
    if (p.hint !== undefined) d.hint = p.hint;
    return d;
  });
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { answers, diagnostics };
}

/** The replay behind {@link explain}, with problems by line index (validate maps them to model paths). */
export function replay(doc: InstallConfDocument, options: ExplainOptions = {}): ReplayResult {
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
  readonly #problems: ReplayProblem[] = [];
  #vars: Record<string, string>;
  /** The question the install stopped at, if it did. */
  #abortedAt: QuestionId | undefined;
  /** The location of sets whose questions this replay does not follow (disk, CD), when one was chosen. */
  #unfollowed: string | undefined;
  /** Sets installed so far (over http). */
  readonly #installed = new Set<string>();

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
      cpus: machine.cpus ?? 1,
      apertureNeeded: machine.apertureNeeded ?? false,
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
    const text = doc.text;
    this.#pending = [];
    lines.forEach((line, lineIndex) => {
      if (line.kind !== "answer") return;
      const a = doc.model.answers[line.answerIndex]!;
      this.#keys.set(lineIndex, a.key);
      // The installer's `while read` loop never reads a last line without a newline.
      if (line.lineEnd === text.length && !text.endsWith("\n")) {
        this.#warn("LAST_LINE_NOT_READ", `the installer never reads this line: it does not end with a newline (the file's last line); "${a.key}" is left to its default`, lineIndex);
        return;
      }
      this.#pending.push({ key: a.key, answer: a.answer, lineIndex });
      const stored = storageProblem(a.answer, questionsOfKey(a.key, release));
      if (stored) this.#warn(stored.code, stored.message, lineIndex);
    });
  }

  run(): ReplayResult {
    try {
      this.#install();
    } catch (e) {
      if (!(e instanceof InstallAborted)) throw e;
    }
    this.#reportAmbiguous();
    this.#reportUnused();
    return { answers: this.#answers, problems: this.#problems };
  }

  // ----- the install, question by question -----

  #install(): void {
    const m = this.#machine;
    if (m.console === "glass") this.#ask("keyboard");
    else this.#ask("terminal");
    const hostname = this.#ask("hostname", m.dhcpHostname || undefined, hostnameProblem);
    this.#vars.host = hostname.split(".")[0]!;
    this.#network();
    this.#ask("rootPassword");
    this.#ask("rootSshKey", undefined, sshKeyProblem);
    const sshd = yes(this.#ask("startSshd", undefined, yesNoProblem));
    if (m.console === "glass") {
      const aperture = m.apertureNeeded ? this.#ask("xWindowSystem", undefined, yesNoProblem) : undefined;
      if (aperture === undefined || yes(aperture)) this.#ask("xenodm", undefined, yesNoProblem);
    }
    if (m.serialPort) {
      const defaultChange = m.console === "serial" ? "yes" : "no";
      if (yes(this.#ask("changeConsole", defaultChange, yesNoProblem))) {
        this.#ask("consoleSpeed", String(m.consoleSpeed), consoleSpeedProblem);
      }
    }
    this.#user();
    if (sshd) {
      this.#ask("rootSshLogin", undefined, (a) =>
        /^(y|yes|n|no|w|p|without-password|prohibit-password)$/i.test(a) ? undefined : "expected yes, no or prohibit-password",
      );
    }
    this.#timezone();
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
        if (!v4.includes("/")) this.#ask("netmask", undefined, netmaskProblem);
      }
      const v6 = this.#ask("ipv6Address", undefined, (a) => ipv6Problem(a, this.#release));
      if (v6 !== "none" && !/^(autoconf|a)$/.test(v6)) {
        staticV6 = true;
        if (!v6.includes("/")) this.#ask("ipv6PrefixLength", undefined, prefixLengthProblem);
      }
    }
    if (staticV4) this.#ask("defaultRoute", undefined, defaultRouteProblem);
    if (staticV6) this.#ask("ipv6DefaultRouter", undefined, ipv6RouterProblem);
    const dnsFromDhcp = configured.length === 1 && dhcp === 1 && m.dhcpProvidesDns;
    if (!dnsFromDhcp) {
      const hostDomain = this.#hostDomain();
      this.#ask("dnsDomain", hostDomain ?? "my.domain");
      this.#ask("dnsNameservers", undefined, nameserversProblem);
    }
  }

  #hostDomain(): string | undefined {
    const used = this.#answers.find((a) => a.id === "hostname")?.answer;
    const dot = used?.indexOf(".") ?? -1;
    return used && dot > 0 ? used.slice(dot + 1) : undefined;
  }

  // user_setup: "yes" makes it ask "No really, …"; a name it refuses asks again.
  #user(): void {
    let id: QuestionId = "setupUser";
    let login = "no";
    for (let round = 0; round < MAX_REPEATS; round++) {
      const asked: QuestionId = id;
      login = this.#ask(asked, undefined, (a) => (/^(n|no|y|yes)$/.test(a) ? undefined : loginProblem(a, this.#release)));
      if (!/^(y|yes)$/.test(login)) break;
      id = "noReallyLogin";
    }
    if (/^(n|no|y|yes)$/.test(login)) return;
    this.#vars.user = login;
    this.#ask("userFullName", undefined, fullNameProblem);
    this.#ask("userPassword");
    this.#ask("userSshKey", undefined, sshKeyProblem);
  }

  // set_timezone: a directory such as America asks for a sub-timezone (no
  // default: the install stops without a line); a name it does not list
  // asks the timezone question again.
  #timezone(): void {
    for (let round = 0; round < MAX_REPEATS; round++) {
      const before = this.#answers.length;
      const answer = this.#ask("timezone", undefined, (a) => (timezoneKind(a) === "unknown" ? "not a zoneinfo name the installer knows" : undefined));
      const entry = this.#answers[before]!;
      if (entry.outcome !== "answered") return;
      let path = answer.replace(/\/+$/, "");
      for (let depth = 0; depth < MAX_REPEATS && timezoneKind(path) === "directory"; depth++) {
        this.#vars.zone = path;
        const sub = this.#ask("subTimezone").replace(/\/+$/, "");
        if (sub !== "" && sub !== "?") path = `${path}/${sub}`;
      }
      if (timezoneKind(path) === "zone") return;
      this.#answers.splice(before, 1);
      this.#warn("REJECTED_ANSWER", `"${path}" is not a timezone the installer knows: it asks "${entry.question}" again`, entry.line! - 1);
    }
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
    const template = this.#ask("disklabelTemplate", undefined, templateUrlProblem);
    if (template === "none") this.#ask("layout", undefined, (a) => (/^[aec]/i.test(a) ? undefined : "expected A, E or C"));
    if (m.disks.length > 1) this.#ask("initializeDisk", undefined, (a) => (a === "done" || m.disks.includes(a) ? undefined : "no such disk"));
  }

  // install_sets: asked until "done"; after the first pass the default is
  // done. cN without a CD drive does nothing (asked again); a letter it
  // does not know stops the install. "done" while bsd or base is missing
  // asks "Are you *SURE* …" (default no: the install stops).
  #sets(): void {
    const m = this.#machine;
    for (let pass = 0; pass < MAX_REPEATS; pass++) {
      const location = this.#ask("setsLocation", pass === 0 ? "http" : "done", (a) =>
        a === "done" || /^[cdh]/i.test(a) ? undefined : "not a location the installer offers",
      );
      if (location === "done") {
        this.#saneInstall();
        return;
      }
      if (/^c/i.test(location)) {
        if (m.cdrom) {
          this.#unfollowed = location; // CD locations ask about devices this replay does not model
          return;
        }
        const last = this.#answers[this.#answers.length - 1]!;
        if (last.line !== undefined) {
          this.#warn("NO_SUCH_LOCATION", `this machine has no CD drive: the installer ignores "${location}" and asks "${last.question}" again (default done)`, last.line - 1);
        }
        continue;
      }
      if (/^d/i.test(location)) {
        this.#unfollowed = location; // disk locations ask about devices this replay does not model
        return;
      }
      this.#httpPass();
    }
  }

  #httpPass(): void {
    const m = this.#machine;
    this.#ask("httpProxy");
    const server = this.#ask("httpServer", "<the first mirror of the list>", (a) =>
      HTTP_SERVER_FORM.test(a) || a === "done" ? undefined : "a server is a host name, host:port or [address], without a path",
    );
    if (server === "done") return;
    this.#ask("serverDirectory");
    if (this.#release === "6.5" && !/^https?:\/\//.test(server) && !this.#httpsFirst(server)) return;
    if (!m.setsServer.listsInstallFile) this.#mustAgree("installNotFound", "the installer skips this server");
    // select_sets: each answer is split into words; "done" ends the
    // selection, "abort" empties it and ends it.
    const words: string[] = [];
    let aborted = false;
    for (let round = 0; round < MAX_REPEATS; round++) {
      const answer = this.#ask("setNames", undefined, setNamesProblem);
      let ended = false;
      for (const word of answer.split(/[ \t]+/)) {
        if (word === "done") {
          ended = true;
          break;
        }
        if (word === "abort") {
          ended = aborted = true;
          break;
        }
        words.push(word);
      }
      if (ended) break;
    }
    if (aborted) return;
    const selected = selectSets(this.#release, m.siteSets, words.length ? [words.join(" ")] : [], this.#vars.host);
    const unverified = m.siteSets.filter((s) => selected.has(s));
    if (m.setsServer.signed) {
      for (const set of unverified) {
        this.#vars.set = set;
        this.#mustAgree("checksumFailed", `${set} is not installed and the install stops`);
      }
      if (unverified.length) {
        this.#vars.issue = `Unverified sets: ${unverified.join(" ")}`;
        this.#mustAgree("continueWithoutVerification", "the install stops");
      }
    } else {
      this.#vars.issue = "Directory does not contain SHA256.sig";
      this.#mustAgree("continueWithoutVerification", "the install stops");
    }
    for (const set of selected) this.#installed.add(set);
  }

  // sane_install: bsd (and bsd.mp with several processors) and base must be installed.
  #saneInstall(): void {
    const nn = releaseDigits(this.#release);
    const sane = ["bsd", ...(this.#machine.cpus > 1 ? ["bsd.mp"] : []), `base${nn}.tgz`];
    for (const set of sane) {
      if (this.#installed.has(set)) continue;
      this.#vars.set = set;
      this.#mustAgree("sureWithoutSet", "the install stops");
    }
  }

  // 6.5 tries https first when the server is given without a scheme.
  // False when no sets come from this server.
  #httpsFirst(server: string): boolean {
    const serverLine = this.#answers.filter((a) => a.id === "httpServer").at(-1)?.line;
    if (this.#machine.setsServer.https === undefined) {
      const fallback = this.#questions.get("httpsFallback")!.prompt;
      if (this.#pending.some((p) => keyMatchesQuestion(p.key, fallback))) return true; // the file covers both cases
      if (serverLine !== undefined) {
        this.#problems.push({
          severity: "info",
          code: "HTTPS_FIRST",
          message: `${this.#release} tries https://${server} first; if it does not answer https the installer asks "Unable to connect using https. Use http instead?" (default no: no sets). Write http://${server} or answer "Use http instead = yes" to be sure`,
          lineIndex: serverLine - 1,
        });
      }
      return true;
    }
    if (!this.#machine.setsServer.https) this.#mustAgree("httpsFallback", "no sets are installed from this server and the install stops");
    return true;
  }

  // A yes/no question whose "no" ends the install.
  #mustAgree(id: QuestionId, consequence: string): void {
    const answer = this.#ask(id, undefined, yesNoProblem);
    if (yes(answer)) return;
    const last = this.#answers[this.#answers.length - 1]!;
    const where = last.line !== undefined ? last.line - 1 : undefined;
    this.#error("ANSWERED_NO", `"${last.question}" is answered "${answer}"${last.outcome === "default" ? " (its default)" : ""}: ${consequence}`, where);
    last.outcome = "abort";
    this.#abortedAt = id;
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
          this.#abortedAt = id;
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
        this.#abortedAt = id;
        this.#error("REJECTED_ANSWER", `the installer rejects "${line.answer}" for "${question}" and aborts: ${problem}`, line.lineIndex);
        throw new InstallAborted();
      }
      this.#warn("REJECTED_ANSWER", `the installer rejects "${line.answer}" for "${question}" and asks again: ${problem}`, line.lineIndex);
    }
    this.#answers.push({ id, question, outcome: "abort" });
    this.#abortedAt = id;
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
    const order = (id: QuestionId): number => QUESTION_IDS.indexOf(id);
    const stop = this.#abortedAt;
    const stopQuestion = [...this.#answers].reverse().find((a) => a.outcome === "abort")?.question;
    for (const p of this.#pending) {
      const here = questionsOfKey(p.key, this.#release, this.#knownVars())[0];
      if (here) {
        const prompt = this.#display(here.prompt);
        if (this.#unfollowed !== undefined && stop === undefined && order(here.id) > order("setsLocation")) {
          this.#problems.push({
            severity: "info",
            code: "NOT_FOLLOWED",
            message: `this line may answer "${prompt}" after "Location of sets = ${this.#unfollowed}", whose questions this replay does not follow`,
            lineIndex: p.lineIndex,
          });
        } else if (stop !== undefined && order(here.id) >= order(stop)) {
          this.#problems.push({
            severity: "info",
            code: "NOT_REACHED",
            message: `this line answers "${prompt}", but the install stops before using it (at "${stopQuestion}")`,
            lineIndex: p.lineIndex,
          });
        } else {
          this.#problems.push({
            severity: "info",
            code: "NOT_ASKED",
            message: `this line answers "${prompt}", which this install does not ask${this.#askedAgain(here.id) ? " again" : ""} (asked ${here.askedWhen})`,
            lineIndex: p.lineIndex,
          });
        }
        continue;
      }
      const problem = unmatchedKeyProblem(p.key, this.#release, this.#knownVars());
      this.#problems.push({ ...problem, lineIndex: p.lineIndex });
    }
  }

  #askedAgain(id: QuestionId): boolean {
    return this.#answers.some((a) => a.id === id);
  }

  // Placeholders this install filled, for matching left-over keys.
  #knownVars(): Record<string, string> {
    const vars = { ...this.#vars };
    delete vars.set; // a left-over key may name any set
    delete vars.issue;
    delete vars.zone;
    return vars;
  }

  // A prompt for a message: placeholders this install did not fill are shown as <name>.
  #display(prompt: string): string {
    return fillPrompt(prompt, this.#knownVars()).replace(/\{(\w+)\}/g, "<$1>");
  }

  #warn(code: string, message: string, lineIndex: number): void {
    this.#problems.push({ severity: "warning", code, message, lineIndex });
  }

  #error(code: string, message: string, lineIndex: number | undefined): void {
    this.#problems.push(lineIndex === undefined ? { severity: "error", code, message } : { severity: "error", code, message, lineIndex });
  }
}

function yes(answer: string): boolean {
  return /^y/i.test(answer);
}
