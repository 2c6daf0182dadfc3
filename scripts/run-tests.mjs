// Runs every uvu test file (packages/*/test/**/*.test.ts and *.props.ts, and
// docs/test/*.test.ts, which runs the guides' code blocks) in
// its own Node process with tsx, two at a time, prints each file's output
// and ends with one line that counts every test: `N passed, N failed, N skipped`.
// An optional argument keeps only the files whose path contains it.
//
// Counting, per file:
// - passed and failed come from uvu's summary (`Total:` counts the tests that
//   ran, `Passed:` those that passed; failed = Total - Passed);
// - skipped is uvu's `Skipped:` (tests registered with `test.skip`) plus the
//   numbers of the marker lines the file prints.
//
// Skip convention for tests behind a guard (a missing tool or corpus): either
// register them with `test.skip(name, fn)` instead of `test`, or print, once
// per guard, a line of its own
//
//     SKIP <n> <reason>
//
// where <n> >= 1 is the number of tests the guard leaves out. Both are counted
// as skipped; a guard that neither registers nor prints makes its tests
// vanish from the count.
//
// A file fails (counts at least 1 failed and makes the run exit 1) when it
// exits non-zero or by a signal, when its output has no uvu summary or an
// inconsistent one, or when a marker line is malformed. The run also exits 1
// when no test file matches.
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { availableParallelism } from "node:os";

const root = new URL("..", import.meta.url).pathname;
const filter = process.argv[2];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.(test|props)\.ts$/.test(name)) yield path;
  }
}

const files = [...walk(join(root, "packages")), ...walk(join(root, "docs/test"))].filter((f) => !filter || f.includes(filter)).sort();
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

/** The number of the last line `  <label>: <n>` of uvu's summary, or undefined. */
function lastCount(text, label) {
  const all = [...text.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)\\s*$`, "gm"))];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
}

/** Counts of one file's run from its output and exit status; `problems` say why it failed beyond its tests. */
function countFile(text, code, signal) {
  const problems = [];
  const total = lastCount(text, "Total");
  const passed = lastCount(text, "Passed");
  const uvuSkipped = lastCount(text, "Skipped");
  let markerSkipped = 0;
  for (const m of text.matchAll(/^SKIP\b(.*)$/gm)) {
    const marker = /^ ([1-9][0-9]*) \S/.exec(m[1]);
    if (marker) markerSkipped += Number(marker[1]);
    else problems.push(`malformed skip marker ${JSON.stringify(m[0])} (want "SKIP <n> <reason>", n >= 1)`);
  }
  let counts;
  if (total === undefined || passed === undefined || uvuSkipped === undefined) {
    problems.push("no uvu summary (Total/Passed/Skipped) in the output");
    counts = { passed: 0, failed: 0, skipped: markerSkipped };
  } else if (passed > total) {
    problems.push(`inconsistent uvu summary: Passed ${passed} > Total ${total}`);
    counts = { passed: 0, failed: 0, skipped: markerSkipped };
  } else {
    counts = { passed, failed: total - passed, skipped: uvuSkipped + markerSkipped };
  }
  if (signal) problems.push(`killed by ${signal}`);
  else if (code !== 0) problems.push(`exited with code ${code}`);
  // A problem outside the tests' own verdicts is one failure more unless a
  // failed test already explains a non-zero exit.
  const onlyExit = problems.length === 1 && code !== 0 && !signal && counts.failed > 0;
  if (problems.length && !onlyExit) counts.failed += 1;
  return { ...counts, problems: onlyExit ? [] : problems };
}

function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", (error) => (out += `\n${error.message}\n`));
    child.on("close", (code, signal) => {
      const text = strip(out);
      resolve({ file, text, ...countFile(text, code, signal) });
    });
  });
}

const results = [];
const queue = [...files];
const workers = Array.from({ length: Math.max(1, Math.min(2, availableParallelism())) }, async () => {
  while (queue.length) {
    const file = queue.shift();
    const result = await runFile(file);
    results.push(result);
    const extra = result.problems.length ? ` (${result.problems.join("; ")})` : "";
    process.stdout.write(
      `\n=== ${relative(root, file)}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped${extra}\n`,
    );
    process.stdout.write(result.text.trimEnd() + "\n");
  }
});
await Promise.all(workers);

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
const passed = sum("passed");
const failed = sum("failed");
const skipped = sum("skipped");
if (files.length === 0) console.log(`no test files found${filter ? ` matching ${JSON.stringify(filter)}` : ""}`);
const failing = results.filter((r) => r.failed > 0).map((r) => relative(root, r.file)).sort();
if (failing.length) console.log(`\nfailing files:\n${failing.map((f) => `  ${f}`).join("\n")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
