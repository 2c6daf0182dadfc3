// Building a site set from a 50 MB tree of mixed files: time against
// `tar --sort=name ... | gzip -6` run here too, and peak memory while
// streaming to a file. Run: pnpm bench
// Ends with one `BENCH {json}` line per figure for bench/run.ts.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeSiteSet } from "../packages/sitetgz/src/index.js";
import { benchLine } from "./report.js";

const TREE_BYTES = 50 * 1024 * 1024;

// Deterministic mixed content: text (compressible), random bytes, zeros.
function makeTree(root: string, target = TREE_BYTES): { files: number; bytes: number } {
  let state = 0x2545f491;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const words = ["vm", "switch", "interface", "lladdr", "disk", "memory", "owner", "boot", "enable", "disable"];
  let bytes = 0;
  let files = 0;
  while (bytes < target) {
    const dir = join(root, `d${Math.floor(random() * 20)}`, `s${Math.floor(random() * 10)}`);
    mkdirSync(dir, { recursive: true });
    const size = Math.floor(random() < 0.9 ? random() * 64 * 1024 : random() * 4 * 1024 * 1024);
    const kind = random();
    const content = Buffer.alloc(size);
    if (kind < 0.5) {
      let at = 0;
      while (at < size) at += content.write(`${words[Math.floor(random() * words.length)]} ${Math.floor(random() * 1000)}\n`, at);
    } else if (kind < 0.8) {
      for (let i = 0; i < size; i++) content[i] = Math.floor(random() * 256);
    }
    writeFileSync(join(dir, `f${files}.dat`), content);
    bytes += size;
    files++;
  }
  return { files, bytes };
}

const root = mkdtempSync(join(tmpdir(), "sitetgz-bench-"));
try {
  const tree = join(root, "tree");
  const { files, bytes } = makeTree(tree);
  const out = join(root, "site76.tgz");

  let peakRss = 0;
  let peakHeap = 0;
  const baseRss = process.memoryUsage().rss;
  const ours: number[] = [];
  const theirs: number[] = [];
  let theirSize = 0;
  // Runs alternate so that both see the same machine load.
  for (let run = 0; run < 5; run++) {
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    }, 2);
    const t = performance.now();
    await writeSiteSet(out, { release: "7.6", fromDirectory: tree });
    ours.push(performance.now() - t);
    clearInterval(sampler);

    const t2 = performance.now();
    const r = spawnSync("sh", ["-c", `tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf - -C "${tree}" . | gzip -6 > "${join(root, "gnu.tgz")}"`]);
    theirs.push(performance.now() - t2);
    if (r.status !== 0) throw new Error(r.stderr.toString());
    theirSize = statSync(join(root, "gnu.tgz")).size;
  }
  const ourSize = statSync(out).size;
  const best = (xs: number[]): number => Math.min(...xs);
  console.log(`site set: ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(`writeSiteSet (gzip -6):            ${best(ours).toFixed(0)} ms, ${(ourSize / 1e6).toFixed(2)} MB`);
  console.log(`GNU tar --sort=name | gzip -6:     ${best(theirs).toFixed(0)} ms, ${(theirSize / 1e6).toFixed(2)} MB`);
  console.log(`ratio ours / GNU tar + gzip: ${(best(ours) / best(theirs)).toFixed(2)} (goal <= 1.0)`);
  console.log(
    `peak memory while streaming: RSS +${((peakRss - baseRss) / 1e6).toFixed(1)} MB, heap + buffers ${(peakHeap / 1e6).toFixed(1)} MB, for a ${(bytes / 1e6).toFixed(0)} MB tree (goal: bounded)`,
  );
  const heapAt50 = peakHeap;
  // The same with a tree three times larger: memory should not follow.
  rmSync(join(root, "gnu.tgz"), { force: true });
  const big = makeTree(join(root, "big"), 3 * TREE_BYTES);
  peakRss = 0;
  peakHeap = 0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  }, 2);
  await writeSiteSet(out, { release: "7.6", fromDirectory: join(root, "big") });
  clearInterval(sampler);
  console.log(`  and for a ${(big.bytes / 1e6).toFixed(0)} MB tree: RSS +${((peakRss - baseRss) / 1e6).toFixed(1)} MB, heap + buffers ${(peakHeap / 1e6).toFixed(1)} MB`);
  console.log(
    benchLine({
      name: `siteNN.tgz build, ${(bytes / 1e6).toFixed(0)} MB tree`,
      value: best(ours),
      unit: "ms",
      baseline: best(theirs),
      baselineName: "GNU tar | gzip -6",
      goal: { on: "ratio", op: "<=", value: 1 },
    }),
  );
  // "Bounded" has no number yet: shown for information, the larger tree's peak against the smaller's.
  console.log(
    benchLine({
      name: `siteNN.tgz peak heap+buffers, ${(big.bytes / 1e6).toFixed(0)} MB tree`,
      value: peakHeap,
      unit: "bytes",
      baseline: heapAt50,
      baselineName: `${(bytes / 1e6).toFixed(0)} MB tree`,
      goal: null,
    }),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
