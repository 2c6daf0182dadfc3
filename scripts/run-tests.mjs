// Runs every uvu test file (packages/*/test/**/*.test.ts and *.props.ts) in
// its own Node process with tsx, two at a time, prints each file's output
// and ends with one line: `N passed, N failed[, N skipped]`.
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

const files = [...walk(join(root, "packages"))].filter((f) => !filter || f.includes(filter)).sort();
const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", "tsx", file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("close", (code) => {
      const text = strip(out);
      const total = Number(/Total:\s+(\d+)/.exec(text)?.[1] ?? NaN);
      const passed = Number(/Passed:\s+(\d+)/.exec(text)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(text)?.[1] ?? 0);
      if (Number.isNaN(total) || Number.isNaN(passed)) {
        resolve({ file, text, passed: 0, failed: 1, skipped: 0 });
        return;
      }
      let failed = total - passed - skipped;
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ file, text, passed, failed, skipped });
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
    process.stdout.write(`\n=== ${relative(root, file)}: ${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ""}\n`);
    process.stdout.write(result.text.trimEnd() + "\n");
  }
});
await Promise.all(workers);

const sum = (k) => results.reduce((n, r) => n + r[k], 0);
const passed = sum("passed");
const failed = sum("failed");
const skipped = sum("skipped");
if (files.length === 0) console.log("no test files found");
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
