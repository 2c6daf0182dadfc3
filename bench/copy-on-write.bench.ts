// Why core's changedCopy (used by every update()) is immer's produce
// (structural sharing) and not a structuredClone of the whole model. One
// field of a 10,000-statement model is changed; the time counts the copy and
// the comparison the edit engine then makes (deepEqual of old vs new
// statements, which stops at once on the same object). Prints the ratio.
// Run: node --conditions=source --import tsx bench/copy-on-write.bench.ts
// Ends with a `BENCH {json}` line for bench/run.ts.
import { changedCopy, deepEqual } from "../packages/core/src/index.js";
import { benchLine } from "./report.js";

/** The baseline: a deep copy of everything, then the change. */
function clonedCopy<T>(value: T, fn: (draft: T) => void): T {
  const draft = structuredClone(value);
  fn(draft);
  return draft;
}

interface Statement {
  name: string;
  memory: string;
  owner: { user: string; group?: string };
  disks: Array<{ path: string; format: string }>;
  interfaces: Array<{ switch: string; lladdr: string }>;
}
interface Model {
  statements: Statement[];
}

const model: Model = {
  statements: Array.from({ length: 10_000 }, (_, i) => ({
    name: `vm${i}`,
    memory: "1G",
    owner: { user: `user${i}` },
    disks: [{ path: `/var/vmm/vm${i}.qcow2`, format: "qcow2" }],
    interfaces: [{ switch: "uplink", lladdr: `fe:e1:bb:00:${(i & 255).toString(16).padStart(2, "0")}:01` }],
  })),
};
const change = (m: Model): void => {
  m.statements[5000]!.memory = "2G";
};
const changedStatements = (next: Model): number =>
  next.statements.filter((s, i) => !deepEqual(model.statements[i], s)).length;

// Mean of `runs` calls after one warm-up call.
function mean(runs: number, fn: () => void): number {
  fn();
  const t = performance.now();
  for (let r = 0; r < runs; r++) fn();
  return (performance.now() - t) / runs;
}

let found = 0;
const immerMs = mean(20, () => {
  found = changedStatements(changedCopy(model, change));
});
if (found !== 1) throw new Error(`changedCopy: ${found} changed statements`);
const cloneMs = mean(20, () => {
  found = changedStatements(clonedCopy(model, change));
});
if (found !== 1) throw new Error(`structuredClone: ${found} changed statements`);

console.log(`copy-on-write, one field of 10,000 statements (copy + compare), mean of 20:`);
console.log(`  core changedCopy (immer)  ${immerMs.toFixed(2)} ms`);
console.log(`  structuredClone baseline  ${cloneMs.toFixed(2)} ms`);
console.log(`  ratio structuredClone / changedCopy: ${(cloneMs / immerMs).toFixed(1)}x`);
// No goal was set: the figure explains a design choice.
console.log(
  benchLine({
    name: "copy-on-write, one field of 10,000 statements",
    value: immerMs,
    unit: "ms",
    baseline: cloneMs,
    baselineName: "structuredClone",
    ratioOf: "baseline/value",
    goal: null,
  }),
);
