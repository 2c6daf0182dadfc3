// The pure parts of `pnpm bench` (bench/run.ts): the `BENCH {json}` line each
// benchmark prints per figure, reading those lines back, the table, the exit
// status and the SVG chart. No I/O here, so the test in
// packages/core/test/bench-table.test.ts can check all of it.

/** A goal: `op` compares the measured quantity (the ratio, or the value itself) with `value`. */
export interface Goal {
  /** What the goal is on: the ratio to the baseline, or the figure's own value (in its unit). */
  on: "ratio" | "value";
  /** The comparison the quantity must pass. */
  op: "<=" | "<" | ">=" | ">";
  /** The bound. */
  value: number;
}

/** What a benchmark says about one figure; {@link benchLine} adds the ratio and the verdict. */
export interface FigureInput {
  /** Short name, e.g. `vm.conf parse / JSON.parse`. */
  name: string;
  /** This run's measurement. */
  value: number;
  /** Unit of `value` and `baseline`: `ms` or `bytes` (formatted as such), or any other word. */
  unit: string;
  /** The baseline measured in the same run, in the same unit, or null when the figure has none. */
  baseline: number | null;
  /** What the baseline is, e.g. `JSON.parse`. */
  baselineName: string | null;
  /** `value/baseline` (a slowdown) or `baseline/value` (a speed-up); default `value/baseline`. */
  ratioOf?: "value/baseline" | "baseline/value";
  /** The goal, or null for a figure shown for information only. */
  goal: Goal | null;
}

/** One figure as printed on a `BENCH` line and stored in results.json. */
export interface Figure extends FigureInput {
  /** How the ratio is taken. */
  ratioOf: "value/baseline" | "baseline/value";
  /** The ratio, or null without a baseline. */
  ratio: number | null;
  /** Whether the goal is met; null without a goal. */
  met: boolean | null;
}

/** A figure a benchmark could not measure in this run (a missing tool, or an opt-out). */
export interface SkippedFigure {
  /** Short name of the figure. */
  name: string;
  /** Why it was skipped. */
  skipped: string;
}

/** The prefix of a machine-readable line in a benchmark's output. */
export const BENCH_PREFIX = "BENCH ";

/** The ratio of a figure as its `ratioOf` says, or null without a (non-zero) baseline. */
export function ratioOf(f: Pick<FigureInput, "value" | "baseline" | "ratioOf">): number | null {
  if (f.baseline === null) return null;
  const [top, bottom] = f.ratioOf === "baseline/value" ? [f.baseline, f.value] : [f.value, f.baseline];
  return bottom === 0 ? null : top / bottom;
}

/** Whether `quantity` passes `goal`; a NaN or missing quantity never does. */
export function goalMet(goal: Goal, quantity: number | null): boolean {
  if (quantity === null || Number.isNaN(quantity)) return false;
  switch (goal.op) {
    case "<=":
      return quantity <= goal.value;
    case "<":
      return quantity < goal.value;
    case ">=":
      return quantity >= goal.value;
    case ">":
      return quantity > goal.value;
  }
}

/** The figure with its ratio and verdict worked out. */
export function completeFigure(input: FigureInput): Figure {
  const ratio = ratioOf(input);
  const figure: Figure = { ...input, ratioOf: input.ratioOf ?? "value/baseline", ratio, met: null };
  if (input.goal) figure.met = goalMet(input.goal, input.goal.on === "ratio" ? ratio : input.value);
  return figure;
}

/** The `BENCH {json}` line for one figure (or a skipped one). */
export function benchLine(input: FigureInput | SkippedFigure): string {
  return BENCH_PREFIX + JSON.stringify("skipped" in input ? input : completeFigure(input));
}

/** A figure read back from a benchmark's output, with the benchmark it came from. */
export type ReadFigure = (Figure | SkippedFigure) & { bench: string };

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Why `v` is not a valid figure, or undefined when it is one. */
function figureProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "not a JSON object";
  if (typeof v.name !== "string" || v.name === "") return "no name";
  if ("skipped" in v) return typeof v.skipped === "string" ? undefined : "skipped is not a string";
  if (!isNumber(v.value)) return "value is not a finite number";
  if (typeof v.unit !== "string") return "no unit";
  if (v.baseline !== null && !isNumber(v.baseline)) return "baseline is neither a finite number nor null";
  if (v.baselineName !== null && typeof v.baselineName !== "string") return "baselineName is neither a string nor null";
  if ((v.baseline === null) !== (v.baselineName === null)) return "baseline and baselineName must both be given or both be null";
  if (v.ratioOf !== "value/baseline" && v.ratioOf !== "baseline/value") return "ratioOf is not value/baseline or baseline/value";
  if (v.ratio !== null && !isNumber(v.ratio)) return "ratio is neither a finite number nor null";
  if (v.goal !== null) {
    const g = v.goal;
    if (!isObject(g)) return "goal is neither an object nor null";
    if (g.on !== "ratio" && g.on !== "value") return "goal.on is not ratio or value";
    if (g.op !== "<=" && g.op !== "<" && g.op !== ">=" && g.op !== ">") return "goal.op is not <=, <, >= or >";
    if (!isNumber(g.value)) return "goal.value is not a finite number";
    if (g.on === "ratio" && v.baseline === null) return "goal on the ratio of a figure without a baseline";
  }
  if (v.met !== null && typeof v.met !== "boolean") return "met is neither a boolean nor null";
  return undefined;
}

/**
 * The figures on the `BENCH` lines of one benchmark's output, and one problem
 * per malformed line (`<bench>:<line>: <why>`). The verdict is worked out
 * again from the goal: a line whose `met` disagrees is a problem too.
 */
export function parseBenchOutput(output: string, bench: string): { figures: ReadFigure[]; problems: string[] } {
  const figures: ReadFigure[] = [];
  const problems: string[] = [];
  output.split("\n").forEach((raw, i) => {
    const line = raw.replace(/\r$/, "");
    if (!line.startsWith(BENCH_PREFIX)) return;
    const where = `${bench}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line.slice(BENCH_PREFIX.length));
    } catch {
      problems.push(`${where}: BENCH line is not JSON`);
      return;
    }
    const problem = figureProblem(value);
    if (problem) {
      problems.push(`${where}: ${problem}`);
      return;
    }
    const v = value as Figure | SkippedFigure;
    if ("skipped" in v) {
      figures.push({ name: v.name, skipped: v.skipped, bench });
      return;
    }
    const again = completeFigure(v);
    if (again.met !== v.met) {
      problems.push(`${where}: met is ${v.met} but the goal says ${again.met}`);
      return;
    }
    figures.push({ ...again, bench });
  });
  return { figures, problems };
}

/** How one benchmark process went. */
export interface BenchRun {
  /** The benchmark file, e.g. `vmconf.bench.ts`. */
  bench: string;
  /** Its exit status (null when killed by a signal). */
  exitCode: number | null;
  /** The figures it printed. */
  figures: ReadFigure[];
  /** Malformed `BENCH` lines, a non-zero exit, or no figures at all. */
  problems: string[];
}

/** The problems of one run: those of its lines, a failed exit, and a run that printed no figure. */
export function runProblems(bench: string, exitCode: number | null, signal: string | null, parsed: { figures: ReadFigure[]; problems: string[] }): string[] {
  const problems = [...parsed.problems];
  if (exitCode !== 0) problems.push(`${bench}: exited ${exitCode === null ? `by signal ${signal ?? "?"}` : `with status ${exitCode}`}`);
  if (parsed.figures.length === 0) problems.push(`${bench}: printed no BENCH line`);
  return problems;
}

/** A number with about three significant digits, without exponent notation. */
export function formatNumber(n: number): string {
  const a = Math.abs(n);
  if (a >= 100 || a === 0) return n.toFixed(0);
  if (a >= 10) return n.toFixed(1);
  if (a >= 0.01) return n.toFixed(2);
  return n.toPrecision(2);
}

/** A measurement in its unit: `12.3 ms`, `4.56 MB` for bytes, `3 <unit>` otherwise. */
export function formatValue(value: number, unit: string): string {
  if (unit === "bytes") return `${formatNumber(value / 1e6)} MB`;
  return `${formatNumber(value)} ${unit}`;
}

/** A ratio: `3.21x`. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? "-" : `${formatNumber(ratio)}x`;
}

/** A goal's bound as written (no rounding): `4x`, `1000 ms`, `200 MB` for bytes. */
export function formatBound(goal: Goal, unit: string): string {
  if (goal.on === "ratio") return `${goal.value}x`;
  return unit === "bytes" ? `${goal.value / 1e6} MB` : `${goal.value} ${unit}`;
}

/** A goal as the table shows it: `ratio <= 4x` or `< 1000 ms`. */
export function formatGoal(goal: Goal | null, unit: string): string {
  if (!goal) return "-";
  return `${goal.on === "ratio" ? "ratio " : ""}${goal.op} ${formatBound(goal, unit)}`;
}

/** The verdict column: met, MISSED, info (no goal) or skipped. */
export function verdict(f: ReadFigure): "met" | "MISSED" | "info" | "skipped" {
  if ("skipped" in f) return "skipped";
  return f.met === null ? "info" : f.met ? "met" : "MISSED";
}

/** The table of every figure, then the problems and a summary line. */
export function formatTable(runs: BenchRun[]): string {
  const header = ["figure", "this run", "baseline (same run)", "ratio", "goal", "result"];
  const rows: string[][] = [];
  for (const run of runs) {
    for (const f of run.figures) {
      if ("skipped" in f) {
        rows.push([f.name, "-", "-", "-", "-", `skipped: ${f.skipped}`]);
        continue;
      }
      const baseline = f.baseline === null ? "-" : `${formatValue(f.baseline, f.unit)} ${f.baselineName}`;
      const ratio = f.ratio === null ? "-" : `${formatRatio(f.ratio)}${f.ratioOf === "baseline/value" ? " (baseline/this)" : ""}`;
      rows.push([f.name, formatValue(f.value, f.unit), baseline, ratio, formatGoal(f.goal, f.unit), verdict(f)]);
    }
  }
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  const problems = runs.flatMap((r) => r.problems);
  if (problems.length) out.push("", "problems:", ...problems.map((p) => `  ${p}`));
  const s = summary(runs);
  out.push(
    "",
    `${s.met} met, ${s.missed} missed, ${s.info} for information, ${s.skipped} skipped` +
      (problems.length ? `, ${problems.length} problem${problems.length === 1 ? "" : "s"}` : ""),
  );
  return out.join("\n");
}

/** Counts of verdicts over all runs. */
export function summary(runs: BenchRun[]): { met: number; missed: number; info: number; skipped: number } {
  const s = { met: 0, missed: 0, info: 0, skipped: 0 };
  for (const f of runs.flatMap((r) => r.figures)) {
    const v = verdict(f);
    if (v === "met") s.met++;
    else if (v === "MISSED") s.missed++;
    else if (v === "info") s.info++;
    else s.skipped++;
  }
  return s;
}

/** 1 when a goal is missed or a benchmark went wrong (failed, malformed line, no figure), else 0. */
export function exitStatus(runs: BenchRun[]): 0 | 1 {
  return runs.some((r) => r.problems.length > 0) || summary(runs).missed > 0 ? 1 : 0;
}

const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * An SVG chart, one row per figure with a goal: a bar for the quantity the
 * goal is on (the ratio, or the value when the goal is on the value) and a
 * dashed vertical line at the goal. Each row has its own linear scale from 0
 * to 1.15 times the larger of the two, so a bar ending left of its line is
 * under the goal. Figures without a goal show their ratio as text only;
 * skipped figures are listed as such.
 */
export function renderSvg(figures: ReadFigure[], title: string): string {
  const rowH = 34;
  const labelW = 380;
  const barW = 420;
  const rightW = 250;
  const top = 48;
  const width = labelW + barW + rightW;
  const shown = figures.filter((f) => "skipped" in f || f.goal !== null || f.ratio !== null);
  const height = top + shown.length * rowH + 36;
  const colours = { met: "#2e7d32", MISSED: "#c62828", info: "#78909c" };
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="10" y="38" fill="#555">bar: this run (ratio to its baseline in the same run, or the value when the goal is on it); dashed line: the goal; one scale per row</text>`,
  ];
  shown.forEach((f, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="10" y="${y + 20}">${escapeXml(f.name)}</text>`);
    if ("skipped" in f) {
      parts.push(`<text x="${labelW}" y="${y + 20}" fill="#777" font-style="italic">skipped: ${escapeXml(f.skipped)}</text>`);
      return;
    }
    const onValue = f.goal?.on === "value";
    const q = onValue ? f.value : (f.ratio ?? 0);
    const show = (n: number): string => (onValue ? formatValue(n, f.unit) : formatRatio(n));
    if (!f.goal) {
      parts.push(`<text x="${labelW}" y="${y + 20}" fill="${colours.info}">${escapeXml(`${show(q)} vs ${f.baselineName} (no goal)`)}</text>`);
      return;
    }
    const max = Math.max(q, f.goal.value) * 1.15 || 1;
    const v = f.met ? "met" : "MISSED";
    const w = Math.max(1, (Math.max(0, q) / max) * barW);
    parts.push(`<rect x="${labelW}" y="${y + 8}" width="${w.toFixed(1)}" height="16" fill="${colours[v]}"/>`);
    const gx = labelW + (f.goal.value / max) * barW;
    parts.push(`<line x1="${gx.toFixed(1)}" y1="${y + 3}" x2="${gx.toFixed(1)}" y2="${y + 29}" stroke="#000" stroke-width="2" stroke-dasharray="4 2"/>`);
    const note = `${show(q)} (goal ${f.goal.op} ${formatBound(f.goal, f.unit)}) ${v}`;
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 20}" fill="${colours[v]}">${escapeXml(note)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
