// Timing helpers shared by the benchmarks.

/** The fastest of `runs` calls of `fn`, in milliseconds. */
export function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}
