#!/usr/bin/env node
// The obsdconf command: check, fmt, json, build, edit, explain, site and deploy
// over the obsdconf packages. Exit status: 0 fine, 1 the input has errors (or
// would change, for fmt --check), 2 usage or I/O.
import { explain, NEWEST_RELEASE as INSTALLER_NEWEST, parse as parseInstallConf, type Release as InstallerRelease } from "@obsdconf/autoinstall";
import { contentHash, formatDiagnostics, formatModelDiagnostic, looksBinary, StaleFileError, UnknownReleaseError, UnwritableValueError, writeFileAtomic } from "@obsdconf/core";
import { changeDiff, deploy, forgetAnswers, summary, UnknownVmError, type DeployReport } from "@obsdconf/hosting";
import { indexTxt, readSiteSet, SiteSetError, siteSetName, writeSiteSet } from "@obsdconf/sitetgz";
import { Command, CommanderError, Option } from "commander";
import { createTwoFilesPatch } from "diff";
import { readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { detectFormat, errorsOf, FORMATS, formatNamed, type AnyDocument, type Format } from "./formats.js";
import { colorFor, diagnosticBlock, palette } from "./output.js";
import { schemaProblems, schemaText } from "./schema.js";
import { assign, parsePath, parseValue, PathNotFoundError, PathSyntaxError, splitAssignment, type Step } from "./path.js";

/** A failure to report in one line, with the exit status it gives. */
class Failure extends Error {
  constructor(
    message: string,
    readonly status: 1 | 2,
  ) {
    super(message);
  }
}

const VERSION = "0.1.0";

// A reader that went away (`obsdconf json f | head`) ends the command quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}
const out = (s: string): boolean => process.stdout.write(s);
const err = (s: string): boolean => process.stderr.write(s);

/** Reads a file (or stdin for `-`) as bytes; I/O problems become one-line failures (exit 2). */
function readInput(file: string): Uint8Array {
  const shown = file === "-" ? "<stdin>" : file;
  try {
    if (file !== "-" && statSync(file).isDirectory()) throw new Failure(`${file}: is a directory`, 2);
    const bytes = readFileSync(file === "-" ? 0 : file);
    const text = new TextDecoder().decode(bytes.subarray(0, 8192));
    if (looksBinary(text)) throw new Failure(`${shown}: binary file, not a configuration file`, 2);
    return bytes;
  } catch (e) {
    if (e instanceof Failure) throw e;
    throw new Failure(`${shown}: ${ioReason(e)}`, 2);
  }
}

function ioReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    default:
      return (e as Error).message ?? String(e);
  }
}

/** The format for a file: `--format` when given, else from its name, then its content. */
function formatFor(file: string, text: string, forced: string | undefined): Format {
  if (forced !== undefined) {
    const f = formatNamed(forced);
    if (!f) throw new Failure(`unknown format ${JSON.stringify(forced)} (known: ${FORMATS.map((x) => x.name).join(", ")})`, 2);
    return f;
  }
  if (file === "-") throw new Failure("reading stdin needs --format", 2);
  const f = detectFormat(basename(file), text);
  if (!f) throw new Failure(`${file}: cannot tell the format from the name or the content; give --format (${FORMATS.map((x) => x.name).join(", ")})`, 2);
  return f;
}

/** Reads and parses one file; release problems are usage errors. */
function load(file: string, opts: { format?: string; release?: string }): { doc: AnyDocument; format: Format; text: string; name: string } {
  const bytes = readInput(file);
  const text = new TextDecoder().decode(bytes);
  const format = formatFor(file, text, opts.format);
  const name = file === "-" ? "<stdin>" : file;
  try {
    const doc = format.parse(text, { fileName: name, ...(opts.release ? { release: opts.release } : {}) });
    return { doc, format, text, name };
  } catch (e) {
    if (e instanceof UnknownReleaseError || e instanceof RangeError) throw new Failure(`${format.name}: ${e.message}`, 2);
    throw e;
  }
}

const printDiagnostics = (doc: AnyDocument, name: string, stream: NodeJS.WriteStream): void => {
  for (const d of doc.diagnostics) stream.write(diagnosticBlock(d, doc.text, name, colorFor(stream)));
};

/** Runs `each` over the files, reporting one-line failures and going on; the worst status wins. */
function overFiles(files: string[], each: (file: string) => number): number {
  let status = 0;
  for (const file of files) {
    try {
      status = Math.max(status, each(file));
    } catch (e) {
      if (!(e instanceof Failure)) throw e;
      err(`obsdconf: ${e.message}\n`);
      status = Math.max(status, e.status);
    }
  }
  return status;
}

function check(files: string[], opts: { format?: string; release?: string; json?: boolean; quiet?: boolean }): number {
  if (files.filter((f) => f === "-").length > 1) throw new Failure("stdin (-) can be read once", 2);
  const results: unknown[] = [];
  const status = overFiles(files, (file) => {
    const { doc, format, name } = load(file, opts);
    const errors = errorsOf(doc.diagnostics).length;
    if (opts.json) results.push({ file: name, format: format.name, diagnostics: doc.diagnostics });
    else {
      printDiagnostics(doc, name, process.stdout);
      if (!opts.quiet && doc.diagnostics.length === 0) out(`${name}: ok (${format.name})\n`);
    }
    return errors > 0 ? 1 : 0;
  });
  if (opts.json) out(JSON.stringify(results, null, 2) + "\n");
  return status;
}

function json(file: string, opts: { format?: string; release?: string }): number {
  const { doc, name } = load(file, opts);
  out(JSON.stringify(doc.model, null, 2) + "\n");
  if (errorsOf(doc.diagnostics).length === 0) return 0;
  printDiagnostics(doc, name, process.stderr);
  return 1;
}

/** The line for a schema its package does not have (a workspace package not built). */
const missingSchema = (format: Format): string => `the schema of ${format.name} is missing: ${format.schema} does not resolve (is its package built?)`;

function build(formatName: string, opts: { release?: string }): number {
  const format = formatNamed(formatName);
  if (!format) throw new Failure(`unknown format ${JSON.stringify(formatName)} (known: ${FORMATS.map((x) => x.name).join(", ")})`, 2);
  const text = new TextDecoder().decode(readInput("-"));
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (e) {
    throw new Failure(`<stdin>: not JSON: ${(e as Error).message}`, 1);
  }
  if (model === null || typeof model !== "object" || Array.isArray(model)) throw new Failure(`<stdin>: a ${format.name} model is a JSON object`, 1);
  const problems = schemaProblems(format.schema, model);
  if (problems === undefined) throw new Failure(missingSchema(format), 2);
  if (problems.length > 0) {
    for (const p of problems) err(`<stdin>: ${p}\n`);
    return 1;
  }
  let findings;
  try {
    findings = format.validate(model, opts.release ? { release: opts.release } : {});
  } catch (e) {
    if (e instanceof UnknownReleaseError) throw new Failure(`${format.name}: ${e.message}`, 2);
    if (e instanceof UnwritableValueError) throw new Failure(`<stdin>: ${e.message}`, 1);
    throw new Failure(`<stdin>: not a ${format.name} model: ${(e as Error).message}`, 1);
  }
  const errors = findings.filter((f) => f.severity === "error");
  for (const f of findings) err(formatModelDiagnostic(f) + "\n");
  if (errors.length > 0) return 1;
  try {
    out(format.generate(model));
  } catch (e) {
    if (e instanceof UnwritableValueError) throw new Failure(`<stdin>: ${e.message}`, 1);
    throw new Failure(`<stdin>: not a ${format.name} model: ${(e as Error).message}`, 1);
  }
  return 0;
}

async function fmt(files: string[], opts: { format?: string; release?: string; check?: boolean; write?: boolean }): Promise<number> {
  if (opts.check && opts.write) throw new Failure("--check and --write exclude each other", 2);
  if (opts.write && files.includes("-")) throw new Failure("--write needs files, not stdin", 2);
  const writes: { file: string; text: string; canonical: string }[] = [];
  const status = overFiles(files, (file) => {
    const { doc, format, text, name } = load(file, opts);
    if (errorsOf(doc.diagnostics).length > 0) {
      printDiagnostics(doc, name, process.stderr);
      err(`obsdconf: ${name}: not formatted: it has errors\n`);
      return 1;
    }
    const canonical = format.generate(doc.model);
    if (opts.check) {
      if (canonical === text) return 0;
      out(`${name}: would be reformatted\n`);
      return 1;
    }
    if (opts.write) {
      if (canonical !== text) writes.push({ file, text, canonical });
      return 0;
    }
    out(canonical);
    return 0;
  });
  for (const w of writes) {
    await writeAtomic(w.file, w.canonical, w.text);
    err(`reformatted ${w.file}\n`);
  }
  return status;
}

/** Writes `next` over `file` unless it changed since `read` was read from it (`null`: it did not exist). */
async function writeAtomic(file: string, next: string, read: string | null): Promise<void> {
  try {
    await writeFileAtomic(file, next, { expectedHash: read === null ? null : contentHash(read) });
  } catch (e) {
    if (e instanceof StaleFileError) throw new Failure(e.message, 1);
    throw new Failure(`${file}: not written: ${ioReason(e)}`, 2);
  }
}

async function edit(file: string, assignments: string[], opts: { format?: string; release?: string; dryRun?: boolean }): Promise<number> {
  let steps: { steps: Step[]; value: unknown; path: string }[];
  try {
    steps = assignments.map((a) => {
      const { path, value } = splitAssignment(a);
      return { steps: parsePath(path), value: parseValue(value), path };
    });
  } catch (e) {
    if (e instanceof PathSyntaxError) throw new Failure(e.message, 2);
    throw e;
  }
  if (file === "-" && !opts.dryRun) throw new Failure("editing stdin needs --dry-run (there is no file to write)", 2);
  const { doc, format, text, name } = load(file, opts);
  // Past a syntax error the model is a guess: an edit of it could land anywhere.
  const syntax = doc.diagnostics.filter((d) => d.syntax === true);
  if (syntax.length > 0) {
    for (const d of syntax) err(diagnosticBlock(d, text, name, colorFor(process.stderr)));
    throw new Failure(`${name}: not edited: it has ${syntax.length === 1 ? "a syntax error" : `${syntax.length} syntax errors`}`, 1);
  }
  let next: string;
  try {
    next = format.update(doc, (model) => {
      for (const s of steps) assign(model, s.steps, s.value);
    });
  } catch (e) {
    if (e instanceof PathNotFoundError) throw new Failure(`${name}: ${e.message}`, 1);
    if (e instanceof UnwritableValueError) throw new Failure(`${name}: ${e.message}`, 1);
    if (e instanceof Error && e.name === "UpdateError") throw new Failure(`${name}: ${e.message}`, 1);
    throw e;
  }
  const after = format.parse(next, { fileName: name, ...(opts.release ? { release: opts.release } : {}) });
  const before = new Set(errorsOf(doc.diagnostics).map((d) => `${d.code} ${d.message}`));
  const added = errorsOf(after.diagnostics).filter((d) => !before.has(`${d.code} ${d.message}`));
  if (added.length > 0) {
    for (const d of added) err(diagnosticBlock(d, next, name, colorFor(process.stderr)));
    err(`obsdconf: ${name}: not written: the edit gives ${added.length === 1 ? "an error" : `${added.length} errors`}\n`);
    return 1;
  }
  if (opts.dryRun) {
    if (next !== text) out(createTwoFilesPatch(`a/${name.replace(/^\//, "")}`, `b/${name.replace(/^\//, "")}`, text, next, undefined, undefined, { context: 3 }));
    return 0;
  }
  if (next === text) {
    err(`${name}: unchanged\n`);
    return 0;
  }
  await writeAtomic(file, next, text);
  return 0;
}

const SECRET_QUESTIONS = new Set(["rootPassword", "userPassword"]);

function explainCommand(file: string, opts: { release?: string; json?: boolean }): number {
  const bytes = readInput(file);
  const name = file === "-" ? "<stdin>" : file;
  const seen = file === "-" ? undefined : detectFormat(basename(file), new TextDecoder().decode(bytes));
  if (seen && seen.name !== "install.conf") throw new Failure(`${name}: looks like a ${seen.name}, not an install.conf answer file`, 2);
  let result;
  let doc;
  try {
    doc = parseInstallConf(bytes, { fileName: name, ...(opts.release ? { release: opts.release as InstallerRelease } : {}) });
    result = explain(doc, opts.release ? { release: opts.release as InstallerRelease } : {});
  } catch (e) {
    if (e instanceof UnknownReleaseError || e instanceof RangeError) throw new Failure(e.message, 2);
    throw e;
  }
  // A password answer is shown only as "(set)": the table is for reading, not for leaking.
  const answers = result.answers.map((a) => ({ ...a, ...(a.answer !== undefined && SECRET_QUESTIONS.has(a.id) && a.outcome === "answered" ? { answer: "(set)" } : {}) }));
  if (opts.json) out(JSON.stringify({ answers, diagnostics: result.diagnostics }, null, 2) + "\n");
  else {
    const p = palette(colorFor(process.stdout));
    const rows = answers.map((a) => [a.line === undefined ? "-" : String(a.line), a.outcome, a.question, a.answer ?? ""]);
    const widths = [4, 8, 0].map((w, i) => Math.max(w, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[], paint = (s: string) => s) =>
      `${r[0]!.padStart(widths[0]!)}  ${paint(r[1]!.padEnd(widths[1]!))}  ${r[2]!.padEnd(widths[2]!)}  ${r[3]}`.trimEnd() + "\n";
    out(p.bold(line(["LINE", "OUTCOME", "QUESTION", "ANSWER"])));
    for (const r of rows) out(line(r, r[1] === "abort" ? p.red : r[1] === "default" ? p.dim : p.green));
    for (const d of result.diagnostics) out(diagnosticBlock(d, doc.text, name, colorFor(process.stdout)));
  }
  return result.answers.some((a) => a.outcome === "abort") || errorsOf(result.diagnostics).length > 0 ? 1 : 0;
}

async function siteBuild(dir: string, opts: { output?: string; release: string; hostname?: string; index: boolean }): Promise<number> {
  let output: string;
  try {
    output = opts.output ?? siteSetName(opts.release, opts.hostname);
  } catch (e) {
    throw new Failure((e as Error).message, 2);
  }
  try {
    if (!statSync(dir).isDirectory()) throw new Failure(`${dir}: not a directory`, 2);
  } catch (e) {
    if (e instanceof Failure) throw e;
    throw new Failure(`${dir}: ${ioReason(e)}`, 2);
  }
  try {
    await writeSiteSet(output, { release: opts.release, fromDirectory: dir, ...(opts.hostname ? { hostname: opts.hostname } : {}) });
  } catch (e) {
    if (e instanceof SiteSetError) throw new Failure(e.message, 1);
    throw new Failure(`${output}: ${ioReason(e)}`, 2);
  }
  const written = await stat(output);
  out(`${output}: ${written.size} bytes\n`);
  if (opts.index) {
    const indexPath = join(dirname(resolve(output)), "index.txt");
    const existing = await readFile(indexPath, "utf8").catch(() => null);
    const text = indexTxt([{ name: basename(output), size: written.size, mtime: Math.floor(written.mtimeMs / 1000) }], existing ?? "");
    await writeAtomic(indexPath, text, existing);
    out(`${indexPath}: lists ${basename(output)}\n`);
  }
  return 0;
}

function siteList(file: string, opts: { long?: boolean }): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === "-" ? 0 : file);
  } catch (e) {
    throw new Failure(`${file}: ${ioReason(e)}`, 2);
  }
  let entries;
  try {
    entries = readSiteSet(bytes);
  } catch (e) {
    throw new Failure(`${file}: not a gzip'd tar archive (${(e as Error).message})`, 2);
  }
  for (const e of entries) {
    if (!opts.long) out(`${e.path}${e.type === "directory" ? "/" : ""}\n`);
    else {
      const kind = e.type === "directory" ? "d" : e.type === "symlink" ? "l" : "-";
      const bits = [6, 3, 0].map((s) => ((e.mode >> s) & 7).toString(2).padStart(3, "0").replace(/^(.)(.)(.)$/, (_m, r, w, x) => `${r === "1" ? "r" : "-"}${w === "1" ? "w" : "-"}${x === "1" ? "x" : "-"}`)).join("");
      out(`${kind}${bits} ${e.uid}/${e.gid} ${String(e.size).padStart(8)} ${e.path}\n`);
    }
  }
  return 0;
}

function printReport(report: DeployReport): number {
  if (!report.ok) {
    err(formatDiagnostics(report.diagnostics) + "\n");
    return 1;
  }
  out(summary(report));
  for (const change of report.changes) {
    out(`\n# ${change.path}: ${change.descriptions.join(", ") || "rewritten"}\n`);
    out(changeDiff(change));
  }
  if (report.script) out(`\n# ${report.script.path}\n${report.script.text}`);
  return 0;
}

async function deployCommand(opts: { conf: string; root?: string; write?: boolean; release?: string; forget?: string[] }): Promise<number> {
  try {
    statSync(opts.conf);
  } catch (e) {
    throw new Failure(`${opts.conf}: ${ioReason(e)}`, 2);
  }
  try {
    if (opts.forget) {
      const removed = await forgetAnswers({ confFile: opts.conf, vms: opts.forget, write: opts.write === true, ...(opts.root ? { root: opts.root } : {}) });
      for (const path of removed) out(`${opts.write ? "removed" : "would remove"} ${path}\n`);
      return 0;
    }
    const report = await deploy({
      confFile: opts.conf,
      write: opts.write === true,
      ...(opts.root ? { root: opts.root } : {}),
      ...(opts.release ? { release: opts.release as never } : {}),
    });
    return printReport(report);
  } catch (e) {
    if (e instanceof UnknownVmError || e instanceof StaleFileError || e instanceof UnknownReleaseError) throw new Failure(e.message, 1);
    throw e;
  }
}

// ---------------------------------------------------------------------------

let status = 0;
const run =
  <A extends unknown[]>(f: (...args: A) => number | Promise<number>) =>
  async (...args: A): Promise<void> => {
    status = await f(...args);
  };

const formatOption = () =>
  new Option("-f, --format <format>", "the file's format, instead of telling it from the name or content").choices(
    FORMATS.flatMap((f) => [f.name, ...f.aliases]),
  );
const releaseOption = () => new Option("-r, --release <release>", "OpenBSD release whose daemon to mirror (default: the newest each package knows)");

const program = new Command("obsdconf")
  .description("Check, format, edit and build the files of an OpenBSD vmd host.\nExit status: 0 fine, 1 errors found (or a change, for fmt --check), 2 usage or I/O problems.")
  .version(VERSION)
  .showHelpAfterError("(obsdconf --help for usage)")
  .configureOutput({ outputError: (s, write) => write(s.replace(/^error: /, "obsdconf: ")) })
  .addHelpText("after", `\nFormats: ${FORMATS.map((f) => f.name).join(", ")}.`)
  .exitOverride();

program
  .command("check")
  .description("check files as their daemon would; prints file:line:col: severity: message, the line and a caret")
  .argument("<file...>", "files to check; - reads stdin (needs --format)")
  .addOption(formatOption())
  .addOption(releaseOption())
  .option("--json", "print the diagnostics as JSON: [{file, format, diagnostics}]")
  .option("-q, --quiet", "print nothing for files without diagnostics")
  .action(run((files: string[], opts) => check(files, opts)));

program
  .command("json")
  .description("print the typed model of a file as JSON (errors go to stderr and give exit status 1)")
  .argument("<file>", "the file; - reads stdin (needs --format)")
  .addOption(formatOption())
  .addOption(releaseOption())
  .action(run((file: string, opts) => json(file, opts)));

program
  .command("build")
  .description("read a model as JSON on stdin, check it, and print the file's canonical text")
  .argument("<format>", `one of: ${FORMATS.map((f) => f.name).join(", ")}`)
  .addOption(releaseOption())
  .action(run((format: string, opts) => build(format, opts)));

program
  .command("schema")
  .description("print the JSON Schema of a format's model (what json prints and build reads)")
  .argument("<format>", `one of: ${FORMATS.map((f) => f.name).join(", ")}`)
  .action(
    run((name: string) => {
      const format = formatNamed(name);
      if (!format) throw new Failure(`unknown format ${JSON.stringify(name)} (known: ${FORMATS.map((x) => x.name).join(", ")})`, 2);
      const text = schemaText(format.schema);
      if (text === undefined) throw new Failure(missingSchema(format), 2);
      out(text);
      return 0;
    }),
  );

program
  .command("fmt")
  .description("print files in canonical form (generated from the model: comments and layout are not kept)")
  .argument("<file...>", "files to format; - reads stdin (needs --format)")
  .addOption(formatOption())
  .addOption(releaseOption())
  .option("--check", "print the files that would change and exit 1 when any would")
  .option("-w, --write", "rewrite the files in place (atomically)")
  .action(run((files: string[], opts) => fmt(files, opts)));

program
  .command("edit")
  .description("change values by their model path; only the changed statements are rewritten, atomically")
  .argument("<file>", "the file to edit")
  .argument("<assignment...>", "PATH=VALUE, e.g. 'vms[vm13].memory=1G': name[key] is the item whose name is key, [n] the n-th; VALUE is JSON when it parses, else a string")
  .addOption(formatOption())
  .addOption(releaseOption())
  .option("-n, --dry-run", "print a unified diff instead of writing")
  .action(run((file: string, assignments: string[], opts) => edit(file, assignments, opts)));

program
  .command("explain")
  .description("replay the installer's questions over an install.conf: which line answers each, which take the default, where it aborts")
  .argument("<file>", "an install.conf or upgrade.conf; - reads stdin")
  .addOption(new Option("-r, --release <release>", "installer release").default(INSTALLER_NEWEST))
  .option("--json", "print the answers and diagnostics as JSON")
  .action(run((file: string, opts) => explainCommand(file, opts)));

const site = program.command("site").description("siteNN.tgz install sets");
site
  .command("build")
  .description("build a site set from a directory tree (owned root:wheel, sorted, reproducible) and list it in index.txt beside it")
  .argument("<dir>", "the tree that becomes / of the new system")
  .option("-o, --output <file>", "the set to write (default siteNN.tgz, or siteNN-HOST.tgz with --hostname)")
  .addOption(new Option("-r, --release <release>", "the OpenBSD release the set is for").default(INSTALLER_NEWEST))
  .option("--hostname <host>", "build the host-specific set siteNN-HOST.tgz")
  .option("--no-index", "do not write index.txt")
  .action(run((dir: string, opts) => siteBuild(dir, opts)));
site
  .command("list")
  .description("list the entries of a site set")
  .argument("<file>", "a siteNN.tgz; - reads stdin")
  .option("-l, --long", "mode, owner, size and path")
  .action(run((file: string, opts) => siteList(file, opts)));

program
  .command("deploy")
  .description("deploy the orders of a vmd hosting host (vms/vmN.txt) into its vm.conf, dhcpd.conf, doas.conf, httpd.conf and answer files; a dry run unless --write")
  .requiredOption("-c, --conf <file>", "the host's _deploy.conf")
  .option("--root <dir>", "read and write the host's files under DIR as if it were /")
  .option("-w, --write", "write the files (default: print the plan and the diffs)")
  .addOption(releaseOption())
  .option("--forget <vm...>", "remove the answer files of VMs that have installed")
  .action(run((opts) => deployCommand(opts)));

try {
  await program.parseAsync(process.argv);
  process.exitCode = status;
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else if (e instanceof Failure) {
    err(`obsdconf: ${e.message}\n`);
    process.exitCode = e.status;
  } else {
    // Not expected: one line all the same; OBSDCONF_DEBUG=1 shows the stack.
    err(`obsdconf: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    if (process.env.OBSDCONF_DEBUG) err(`${(e as Error)?.stack}\n`);
    process.exitCode = 2;
  }
}
