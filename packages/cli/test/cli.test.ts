// The built `obsdconf` binary, run as a subprocess the way a shell runs it:
// corpus files with the exit status their content calls for, bad input as one
// line with status 2, fmt --check, json | build, edit --dry-run, explain,
// site build/list (against GNU tar and bsdtar when present) and deploy.
import { corpusDir, filesUnder } from "@obsdconf/core/testing";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";

const pkg = new URL("..", import.meta.url).pathname;
const repo = new URL("../../..", import.meta.url).pathname;
const bin = join(pkg, "dist/cli.js");

// CI builds every package before the tests; elsewhere build what is missing
// (the workspace packages the binary imports, then the binary when its
// sources are newer than it).
const newest = (dir: string): number => Math.max(...filesUnder(dir).map((f) => statSync(f).mtimeMs));
// The model schemas come from the format packages' builds (dist/<format>.schema.json).
const depsBuilt =
  ["core", "vmconf", "httpdconf", "dhcpdconf", "doasconf", "autoinstall", "sitetgz", "hosting"].every((p) => existsSync(join(repo, "packages", p, "dist/index.js"))) &&
  ["vmconf/dist/vm.conf.schema.json", "autoinstall/dist/disklabel.schema.json", "sitetgz/dist/installurl.schema.json"].every((f) => existsSync(join(repo, "packages", f)));
if (!depsBuilt) execFileSync("pnpm", ["--filter", "obsdconf^...", "run", "build"], { cwd: repo, stdio: "ignore" });
const stale = !existsSync(bin) || statSync(bin).mtimeMs < newest(join(pkg, "src"));
if (stale) execFileSync("pnpm", ["run", "build"], { cwd: pkg, stdio: "ignore" });

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function obsdconf(args: string[], options: { input?: string | Uint8Array; cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {}): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
    input: options.input ?? "",
    cwd: options.cwd ?? repo,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const scratch = mkdtempSync(join(tmpdir(), "obsdconf-cli-"));
process.on("exit", () => rmSync(scratch, { recursive: true, force: true }));

/** One line on stderr, nothing on stdout, status 2, and nothing that looks like a stack trace. */
function assertOneLineFailure(r: Run, mentions: string): void {
  assert.is(r.status, 2, r.stderr);
  assert.is(r.stdout, "");
  const lines = r.stderr.split("\n").filter((l) => l !== "");
  assert.is(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.startsWith("obsdconf: "), lines[0]);
  assert.ok(lines[0]!.includes(mentions), `${lines[0]} should mention ${mentions}`);
  assert.not.match(r.stderr, /^\s+at /m);
}

// ---------------------------------------------------------------- bad input

test("a missing file: one line, exit 2", () => {
  assertOneLineFailure(obsdconf(["check", join(scratch, "nope", "vm.conf")]), "no such file");
});

test("a directory: one line, exit 2", () => {
  assertOneLineFailure(obsdconf(["check", scratch]), "is a directory");
});

test("a binary file: one line, exit 2", () => {
  const file = join(scratch, "vm.conf.bin");
  writeFileSync(file, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0xff, 0xfe]));
  assertOneLineFailure(obsdconf(["check", file]), "binary");
});

// root reads any file: as root, the command runs as nobody (uid 65534) for this case.
test("an unreadable file: one line, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "obsdconf-cli-unreadable-"));
  try {
    chmodSync(dir, 0o755);
    const file = join(dir, "vm.conf");
    writeFileSync(file, 'vm "a" {\n}\n');
    chmodSync(file, 0);
    const asRoot = process.getuid?.() === 0;
    assertOneLineFailure(obsdconf(["check", file], asRoot ? { uid: 65534, gid: 65534 } : {}), "permission denied");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a file whose format cannot be told: one line naming --format, exit 2", () => {
  const file = join(scratch, "notes.txt");
  writeFileSync(file, "buy milk\n");
  assertOneLineFailure(obsdconf(["check", file]), "--format");
});

test("an unknown --format, an unknown release, stdin without --format: exit 2", () => {
  const file = join(scratch, "vm.conf");
  writeFileSync(file, 'vm "a" {\n\tmemory 1G\n}\n');
  const badFormat = obsdconf(["check", "--format", "nginx.conf", file]);
  assert.is(badFormat.status, 2);
  assert.match(badFormat.stderr, /nginx\.conf/);
  assertOneLineFailure(obsdconf(["check", "--release", "5.1", file]), "5.1");
  assertOneLineFailure(obsdconf(["check", "-"], { input: "vm x {\n}\n" }), "--format");
});

test("an unknown option is a usage error (exit 2)", () => {
  const r = obsdconf(["check", "--frobnicate", "x"]);
  assert.is(r.status, 2);
  assert.match(r.stderr, /frobnicate/);
});

// ---------------------------------------------------------------- help

test("help lists every command, and each command's help its flags", () => {
  const top = obsdconf(["--help"]);
  assert.is(top.status, 0);
  for (const command of ["check", "json", "build", "fmt", "edit", "explain", "site", "deploy"]) assert.match(top.stdout, new RegExp(`^  ${command}\\b`, "m"));
  const check = obsdconf(["check", "--help"]);
  assert.is(check.status, 0);
  for (const flag of ["--format", "--release", "--json"]) assert.ok(check.stdout.includes(flag), flag);
  assert.ok(obsdconf(["site", "build", "--help"]).stdout.includes("--output"));
  assert.ok(obsdconf(["deploy", "--help"]).stdout.includes("--forget"));
});

// ---------------------------------------------------------------- corpus

const corpus = corpusDir();
// The corpus is sorted into one directory per format; check must tell each
// file's format from its name or content alone.
const FORMAT_OF_DIR: Record<string, string> = {
  vmconf: "vm.conf",
  httpdconf: "httpd.conf",
  dhcpdconf: "dhcpd.conf",
  doasconf: "doas.conf",
  autoinstall: "install.conf",
  disklabel: "disklabel",
};
const realFiles = corpus
  ? Object.keys(FORMAT_OF_DIR).flatMap((dir) =>
      filesUnder(join(corpus, dir)).filter((f) => !f.includes("openbsd-regress") && !/(\.md|\.tsv|NOTES\.txt)$/.test(f)),
    )
  : [];

let checkedAll: Checked[] | undefined;
/** Whether `check --json` of the whole corpus reports an error in `file` (one run, remembered). */
function obsdconfJsonErrors(file: string): boolean {
  checkedAll ??= JSON.parse(obsdconf(["check", "--json", ...realFiles]).stdout) as Checked[];
  return checkedAll[realFiles.indexOf(file)]!.diagnostics.some((d) => d.severity === "error");
}

interface Checked {
  file: string;
  format: string;
  diagnostics: { severity: string; line: number; column: number; message: string }[];
}

if (corpus) {
  test("check --json tells the format of every corpus file; the exit status says whether any has errors", () => {
    assert.ok(realFiles.length >= 40, `${realFiles.length} files`);
    const r = obsdconf(["check", "--json", ...realFiles]);
    const results = JSON.parse(r.stdout) as Checked[];
    assert.is(results.length, realFiles.length, r.stderr);
    for (const [i, result] of results.entries()) {
      const dir = realFiles[i]!.slice(corpus.length + 1).split("/")[0]!;
      assert.is(result.format, FORMAT_OF_DIR[dir], result.file);
    }
    const anyError = results.some((x) => x.diagnostics.some((d) => d.severity === "error"));
    assert.is(r.status, anyError ? 1 : 0);
  });

  test("check prints each diagnostic with its source line and a caret under its column", () => {
    const r = obsdconf(["check", ...realFiles]);
    const heads = [...r.stdout.matchAll(/^(.*?):(\d+):(\d+): (error|warning|info): /gm)];
    assert.ok(heads.length > 0, "the corpus has diagnostics");
    assert.is(r.status, heads.some((m) => m[4] === "error") ? 1 : 0);
    const lines = r.stdout.split("\n");
    for (const m of heads) {
      const source = readFileSync(m[1]!, "utf8").split("\n");
      const at = lines.indexOf(lines.find((l) => l.startsWith(m[0]))!);
      const line = Number(m[2]);
      const column = Number(m[3]);
      // The source line follows, indented by two, then the caret under the column.
      assert.is(lines[at + 1], `  ${source[line - 1]!.replace(/\r$/, "")}`);
      assert.is(lines[at + 2]!.indexOf("^"), 2 + column - 1, `${m[1]}:${line}:${column}`);
    }
    for (const file of realFiles.filter((f) => !heads.some((m) => m[1] === f))) {
      assert.ok(lines.includes(`${file}: ok (${FORMAT_OF_DIR[file.slice(corpus.length + 1).split("/")[0]!]})`), file);
    }
  });

  test("check on one corpus file: exit 1 exactly when it reports an error (two of each kind)", () => {
    const withErrors = realFiles.filter((f) => obsdconfJsonErrors(f)).slice(0, 2);
    const without = realFiles.filter((f) => !obsdconfJsonErrors(f)).slice(0, 2);
    assert.is(withErrors.length, 2);
    for (const f of withErrors) assert.is(obsdconf(["check", f]).status, 1, f);
    for (const f of without) assert.is(obsdconf(["check", f]).status, 0, f);
  });

  // OpenBSD's regress suite for vmd's parser, with release 6.5 as the suite
  // expects: fail cases exit 1 with vmd's message (from the .ok files), pass
  // cases exit 0. vmd-pass-boot-keyword is the corpus's stale 2017 copy (its
  // `add` switch syntax is gone before 6.5; see vmconf's conformance test).
  const regress = join(corpus, "vmconf/openbsd-regress");
  for (const name of readdirSync(regress).filter((n) => n.endsWith(".conf") && n !== "vmd-pass-boot-keyword.conf")) {
    test(`regress ${name}`, () => {
      const r = obsdconf(["check", "--release", "6.5", join(regress, name)]);
      if (name.startsWith("vmd-pass-")) {
        assert.is(r.status, 0, r.stdout);
        return;
      }
      assert.is(r.status, 1, r.stdout);
      const ok = join(regress, name.replace(/\.conf$/, ".ok"));
      if (!existsSync(ok)) return;
      for (const expected of readFileSync(ok, "utf8").split("\n").filter((l) => l && l !== "configuration OK")) {
        const m = /^(\d+): (.*)$/.exec(expected);
        if (m) assert.ok(r.stdout.includes(`${join(regress, name)}:${m[1]}:`) && r.stdout.includes(m[2]!), `${expected}\n${r.stdout}`);
        else assert.ok(r.stdout.includes(expected), `${expected}\n${r.stdout}`);
      }
    });
  }

  test("json | build | json gives the same model, for one clean corpus file of each format", () => {
    for (const [dir, format] of Object.entries(FORMAT_OF_DIR)) {
      const clean = realFiles.filter((f) => f.includes(`/${dir}/`)).find((f) => obsdconf(["check", "-q", f]).status === 0);
      assert.ok(clean, `a clean ${format} file in the corpus`);
      const model = obsdconf(["json", clean!]);
      assert.is(model.status, 0, model.stderr);
      const built = obsdconf(["build", format], { input: model.stdout });
      assert.is(built.status, 0, `${clean}: ${built.stderr}`);
      const again = obsdconf(["json", "--format", format, "-"], { input: built.stdout });
      assert.is(again.status, 0, again.stderr);
      assert.equal(JSON.parse(again.stdout), JSON.parse(model.stdout), clean);
    }
  });
} else {
  console.log("SKIP 4 corpus tests (and the vmd regress cases): the shared corpus is absent");
}

// ---------------------------------------------------------------- build

test("build: a value that cannot be written is refused in one line naming its path (exit 1)", () => {
  const model = { macros: [], includes: [], switches: [], vms: [{ name: "a\nb", disks: [], interfaces: [] }] };
  const r = obsdconf(["build", "vm.conf"], { input: JSON.stringify(model) });
  assert.is(r.status, 1);
  assert.is(r.stdout, "");
  assert.match(r.stderr, /vms\[0\]\.name/);
  assert.not.match(r.stderr, /^\s+at /m);
});

test("build: input that is not JSON is one line, exit 1", () => {
  const r = obsdconf(["build", "vm.conf"], { input: "vm x {" });
  assert.is(r.status, 1);
  assert.is(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /not JSON/);
});

test("build checks the model against its JSON Schema first: each problem names its path (exit 1)", () => {
  const model = { macros: [], includes: [], switches: [], vms: [{ name: "a", memory: 512, colour: "red", disks: [], interfaces: [] }] };
  const r = obsdconf(["build", "vm.conf"], { input: JSON.stringify(model) });
  assert.is(r.status, 1);
  assert.is(r.stdout, "");
  assert.ok(r.stderr.includes('vms[0]: unknown field "colour"'), r.stderr);
  assert.ok(r.stderr.includes("vms[0].memory: must be string"), r.stderr);
});

// ---------------------------------------------------------------- schema

test("schema prints a draft-07 JSON Schema for every format", () => {
  for (const format of ["vm.conf", "httpd.conf", "dhcpd.conf", "doas.conf", "install.conf", "disklabel", "sysctl.conf", "rc.conf.local", "installurl"]) {
    const r = obsdconf(["schema", format]);
    assert.is(r.status, 0, `${format}: ${r.stderr}`);
    const schema = JSON.parse(r.stdout) as { $schema: string; $ref: string; definitions: Record<string, unknown> };
    assert.is(schema.$schema, "http://json-schema.org/draft-07/schema#");
    assert.ok(schema.definitions[schema.$ref.replace("#/definitions/", "")], format);
  }
  assertOneLineFailure(obsdconf(["schema", "nginx.conf"]), "nginx.conf");
});

test("a `string | false` field takes a string (httpd's directory index) through json | build", () => {
  const text = 'server "www" {\n\tlisten on * port 80\n\tdirectory index "start.html"\n}\n';
  const model = obsdconf(["json", "-f", "httpd.conf", "-"], { input: text });
  assert.is(model.status, 0, model.stderr);
  const built = obsdconf(["build", "httpd.conf"], { input: model.stdout });
  assert.is(built.status, 0, built.stderr);
  assert.match(built.stdout, /index "start\.html"/);
});

// ---------------------------------------------------------------- fmt

const messy = 'vm "web" {\n    memory 1G\n\n\n      disk "/var/vmm/web.img"\n}\n';

test("fmt --check exits 1 for a file that would change and leaves it alone; fmt -w makes it pass", () => {
  const file = join(scratch, "fmt-vm.conf");
  writeFileSync(file, messy);
  const checked = obsdconf(["fmt", "--check", file]);
  assert.is(checked.status, 1);
  assert.is(checked.stdout, `${file}: would be reformatted\n`);
  assert.is(readFileSync(file, "utf8"), messy);
  const printed = obsdconf(["fmt", file]);
  assert.is(printed.status, 0);
  assert.is(readFileSync(file, "utf8"), messy, "fmt without -w writes nothing");
  const written = obsdconf(["fmt", "-w", file]);
  assert.is(written.status, 0, written.stderr);
  assert.is(readFileSync(file, "utf8"), printed.stdout);
  assert.is(obsdconf(["fmt", "--check", file]).status, 0);
  // The same values, whatever the layout.
  assert.equal(JSON.parse(obsdconf(["json", file]).stdout), JSON.parse(obsdconf(["json", "-f", "vm.conf", "-"], { input: messy }).stdout));
});

test("fmt refuses a file with errors (exit 1, file untouched)", () => {
  const file = join(scratch, "broken-vm.conf");
  const text = 'vm "web" {\n\tmemory lots\n}\n';
  writeFileSync(file, text);
  const r = obsdconf(["fmt", "-w", file]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /has errors/);
  assert.is(readFileSync(file, "utf8"), text);
});

// ---------------------------------------------------------------- edit

const vmConf = '# hosts\nvm "vm12" {\n\tmemory 512M\n\tdisk "/var/vmm/vm12.img"\n}\n\n# the big one\nvm "vm13" {\n\tmemory 2G\n\tdisk "/var/vmm/vm13.img"\n}\n';

test("edit --dry-run prints a unified diff of just the changed line and writes nothing", () => {
  const file = join(scratch, "edit-vm.conf");
  writeFileSync(file, vmConf);
  const r = obsdconf(["edit", "--dry-run", file, "vms[vm13].memory=1G"]);
  assert.is(r.status, 0, r.stderr);
  const changed = r.stdout.split("\n").filter((l) => /^[-+][^-+]/.test(l));
  assert.equal(changed, ["-\tmemory 2G", "+\tmemory 1G"]);
  assert.match(r.stdout, /^@@ /m);
  assert.is(readFileSync(file, "utf8"), vmConf);
});

test("edit writes the change in place, keeping comments and the other VM", () => {
  const file = join(scratch, "edit2-vm.conf");
  writeFileSync(file, vmConf);
  const r = obsdconf(["edit", file, "vms[vm13].memory=1G", "vms[0].disks[0].path=/var/vmm/new.img"]);
  assert.is(r.status, 0, r.stderr);
  assert.is(readFileSync(file, "utf8"), vmConf.replace("memory 2G", "memory 1G").replace("/var/vmm/vm12.img", "/var/vmm/new.img"));
});

test("edit: an unknown item is exit 1, a malformed path exit 2, an edit that gives errors is not written", () => {
  const file = join(scratch, "edit3-vm.conf");
  writeFileSync(file, vmConf);
  const missing = obsdconf(["edit", file, "vms[vm99].memory=1G"]);
  assert.is(missing.status, 1);
  assert.match(missing.stderr, /vm99/);
  assert.is(obsdconf(["edit", file, "vms[vm13.memory=1G"]).status, 2);
  const bad = obsdconf(["edit", file, "vms[vm13].memory=lots"]);
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /not written/);
  const unwritable = obsdconf(["edit", file, 'vms[vm13].name="a\\nb"']);
  assert.is(unwritable.status, 1);
  assert.match(unwritable.stderr, /vms\[1\]\.name/);
  assert.is(readFileSync(file, "utf8"), vmConf);
});

test("edit refuses a file with a syntax error (exit 1, untouched)", () => {
  const file = join(scratch, "syntax-vm.conf");
  const text = 'vm "a" {\n\tmemory 1G\n\tbogus\n}\n';
  writeFileSync(file, text);
  const r = obsdconf(["edit", file, "vms[a].memory=2G"]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /:3:2: error: /);
  assert.match(r.stderr, /not edited: it has a syntax error/);
  assert.is(readFileSync(file, "utf8"), text);
});

// ---------------------------------------------------------------- explain

test("explain: the question table names the line that answers each question, and hides passwords", () => {
  const file = join(scratch, "fe:e1:bb:f1:c8:01-install.conf");
  writeFileSync(file, "System hostname = vm13\nPassword for root account = hunter2secret\nSetup a user = no\nWhat timezone are you in = UTC\nLocation of sets = http\nHTTP Server = 10.0.0.1\n");
  const r = obsdconf(["explain", file]);
  assert.not.match(r.stdout, /hunter2secret/);
  const rows = r.stdout.split("\n");
  assert.match(rows[0]!, /^LINE\s+OUTCOME\s+QUESTION\s+ANSWER$/);
  assert.ok(rows.some((l) => /^\s+1\s+answered\s+System hostname\?.*\bvm13$/.test(l)), r.stdout);
  assert.ok(rows.some((l) => /^\s+2\s+answered\s+Password for root account\?.*\(set\)$/.test(l)), r.stdout);
  assert.ok(rows.some((l) => /^\s+-\s+default\s+/.test(l)), r.stdout);
  const json = JSON.parse(obsdconf(["explain", "--json", file]).stdout) as { answers: { line?: number; id: string }[] };
  assert.is(json.answers.find((a) => a.line === 1)?.id, "hostname");
  const vm = join(scratch, "explain-vm.conf");
  writeFileSync(vm, 'vm "a" {\n}\n');
  assertOneLineFailure(obsdconf(["explain", vm]), "not an install.conf");
});

// ---------------------------------------------------------------- site

function has(tool: string, pattern: RegExp): boolean {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  return r.status === 0 && pattern.test(r.stdout);
}

test("site build writes the set and index.txt; site list names what tar lists", () => {
  const tree = join(scratch, "tree");
  mkdirSync(join(tree, "etc"), { recursive: true });
  writeFileSync(join(tree, "etc/installurl"), "https://cdn.openbsd.org/pub/OpenBSD\n");
  writeFileSync(join(tree, "install.site"), "#!/bin/sh\nrm -f /install.site\n", { mode: 0o755 });
  const sets = join(scratch, "sets");
  mkdirSync(sets);
  const out = join(sets, "site78.tgz");
  const built = obsdconf(["site", "build", tree, "-o", out, "--release", "7.8"]);
  assert.is(built.status, 0, built.stderr);
  const index = readFileSync(join(sets, "index.txt"), "utf8");
  assert.match(index, new RegExp(` ${statSync(out).size} .* site78\\.tgz\\n$`));
  const listed = obsdconf(["site", "list", out]);
  assert.is(listed.status, 0);
  const names = listed.stdout.trim().split("\n");
  assert.equal(names, ["etc/", "etc/installurl", "install.site"]);
  const long = obsdconf(["site", "list", "-l", out]).stdout;
  assert.match(long, /^-rwxr-xr-x 0\/0 .* install\.site$/m);
  for (const [tool, version] of [["tar", /GNU tar/], ["bsdtar", /bsdtar/]] as const) {
    if (!has(tool, version)) {
      if (process.env.CI === "true") assert.unreachable(`${tool} is required when CI=true`);
      console.log(`SKIP 1 ${tool} not installed`);
      continue;
    }
    const theirs = execFileSync(tool, ["-tzf", out], { encoding: "utf8" }).trim().split("\n");
    assert.equal(names.map((n) => n.replace(/\/$/, "")), theirs.map((n) => n.replace(/^\.\//, "").replace(/\/$/, "")), tool);
  }
  assertOneLineFailure(obsdconf(["site", "list", join(tree, "etc/installurl")]), "not a gzip'd tar archive");
  assertOneLineFailure(obsdconf(["site", "build", join(scratch, "no-tree"), "-o", out]), "no such file");
});

// ---------------------------------------------------------------- deploy

test("deploy: a dry run writes nothing; --write, then a second run has nothing to do", () => {
  const host = join(scratch, "host");
  cpSync(join(repo, "examples/deploy/sample"), host, { recursive: true });
  const conf = join(host, "_deploy.conf");
  const vmConfBefore = readFileSync(join(host, "etc/vm.conf"), "utf8");
  const dry = obsdconf(["deploy", "--conf", conf, "--root", host]);
  assert.is(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^Files to write \(dry run\): \d+$/m);
  assert.is(readFileSync(join(host, "etc/vm.conf"), "utf8"), vmConfBefore);
  const written = obsdconf(["deploy", "--conf", conf, "--root", host, "--write"]);
  assert.is(written.status, 0, written.stderr);
  assert.is.not(readFileSync(join(host, "etc/vm.conf"), "utf8"), vmConfBefore);
  const again = obsdconf(["deploy", "--conf", conf, "--root", host, "--write"]);
  assert.is(again.status, 0, again.stderr);
  assert.match(again.stdout, /^Nothing to do/);
  assertOneLineFailure(obsdconf(["deploy", "--conf", join(host, "missing.conf")]), "no such file");
  assert.ok(basename(conf) === "_deploy.conf");
});

// ---------------------------------------------------------------- colour

test("no colour when the output is not a terminal, even without NO_COLOR", () => {
  const file = join(scratch, "colour-vm.conf");
  writeFileSync(file, 'vm "web" {\n\tmemory lots\n}\n');
  const r = obsdconf(["check", file], { env: { NO_COLOR: "" } });
  assert.is(r.status, 1);
  assert.not.match(r.stdout, /\x1b\[/);
});

// script(1) from util-linux gives the command a terminal.
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasScript) console.log("SKIP 1 colour on a terminal: script(1) not installed");
else {
  test("colour on a terminal, none under NO_COLOR", () => {
    const file = join(scratch, "tty-vm.conf");
    writeFileSync(file, 'vm "web" {\n\tmemory lots\n}\n');
    const inTerminal = (noColor: string) =>
      spawnSync("script", ["-qec", `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} check ${JSON.stringify(file)}`, "/dev/null"], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: noColor, TERM: "xterm" },
      }).stdout;
    assert.match(inTerminal(""), /\x1b\[31m/);
    const plain = inTerminal("1");
    assert.not.match(plain, /\x1b\[/);
    assert.match(plain, /error: /);
  });
}

test.run();
