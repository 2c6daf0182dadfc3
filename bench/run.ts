// `pnpm bench`: runs every bench/*.bench.ts in its own Node process, one
// after the other (they time things, so they must not share the machine with
// each other), reads the `BENCH {json}` lines each prints, then prints one
// table, writes bench/results.json and bench/results.svg, and exits 1 when a
// goal is missed or a benchmark fails. An argument keeps only the benchmark
// files whose name contains it. The pure parts are in bench/report.ts.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, renameSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCH_PREFIX, exitStatus, formatTable, parseBenchOutput, renderSvg, runProblems, summary, type BenchRun } from "./report.js";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const root = join(benchDir, "..");
const filter = process.argv[2];
const files = readdirSync(benchDir)
  .filter((name) => name.endsWith(".bench.ts") && (!filter || name.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error(`bench: no bench/*.bench.ts file${filter ? ` matches "${filter}"` : ""}`);
  process.exit(1);
}

/** Runs one benchmark, echoing its human-readable lines as they come; BENCH lines are kept for the table. */
function runOne(file: string): Promise<BenchRun & { durationMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--conditions=source", "--expose-gc", "--import", "tsx", join(benchDir, file)], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      const lines = (pending + chunk).split("\n");
      pending = lines.pop()!;
      for (const line of lines) if (!line.startsWith(BENCH_PREFIX)) process.stdout.write(`${line}\n`);
    });
    const finish = (code: number | null, signal: string | null): void => {
      if (pending && !pending.startsWith(BENCH_PREFIX)) process.stdout.write(`${pending}\n`);
      const parsed = parseBenchOutput(output, file);
      resolve({ bench: file, exitCode: code, figures: parsed.figures, problems: runProblems(file, code, signal, parsed), durationMs: performance.now() - started });
    };
    child.on("error", (err) => {
      resolve({ bench: file, exitCode: null, figures: [], problems: [`${file}: could not start node: ${err.message}`], durationMs: 0 });
    });
    child.on("close", finish);
  });
}

/** The output of a read-only git command, or null outside a git checkout. */
function git(...args: string[]): string | null {
  try {
    return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** Writes through a temporary file, so a reader never sees half a file. */
function writeWhole(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const startedAt = new Date();
// Other work on the machine skews every figure: the 1-minute load average is kept with the results.
const loadAtStart = loadavg()[0]!;
const runs: Array<BenchRun & { durationMs: number }> = [];
for (const file of files) {
  console.log(`\n=== bench/${file}`);
  const run = await runOne(file);
  console.log(`=== bench/${file}: ${(run.durationMs / 1000).toFixed(1)} s${run.exitCode === 0 ? "" : `, exit ${run.exitCode ?? "by signal"}`}`);
  runs.push(run);
}

const status = exitStatus(runs);
const results = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  commit: git("rev-parse", "HEAD"),
  // Whether the tree had changes the commit does not hold.
  uncommitted: ((status) => (status === null ? null : status !== ""))(git("status", "--porcelain", "--untracked-files=no")),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpu: cpus()[0]?.model ?? null,
  cpus: availableParallelism(),
  loadAverage: { atStart: loadAtStart, atEnd: loadavg()[0]! },
  env: { DHCPD_BENCH_AUGTOOL: process.env.DHCPD_BENCH_AUGTOOL ?? null },
  filter: filter ?? null,
  summary: summary(runs),
  exitStatus: status,
  runs,
};
writeWhole(join(benchDir, "results.json"), JSON.stringify(results, null, 2) + "\n");
writeWhole(
  join(benchDir, "results.svg"),
  renderSvg(
    runs.flatMap((r) => r.figures),
    `obsdconf benchmarks, ${results.startedAt.slice(0, 16).replace("T", " ")} UTC${results.commit ? `, ${results.commit.slice(0, 7)}${results.uncommitted ? " + changes" : ""}` : ""}, node ${process.version}`,
  ),
);

console.log(
  `\n1-minute load average ${loadAtStart.toFixed(1)} at the start, ${results.loadAverage.atEnd.toFixed(1)} at the end, on ${results.cpus} CPUs` +
    (results.loadAverage.atEnd > results.cpus || loadAtStart > results.cpus ? ": the machine was busy, so the figures are noisy" : ""),
);
console.log(`\n${formatTable(runs)}`);
console.log(`\nwrote bench/results.json and bench/results.svg`);
process.exit(status);
