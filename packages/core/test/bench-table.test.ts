// bench/report.ts, the pure parts of `pnpm bench` (bench/run.ts): the
// `BENCH {json}` lines, reading them back, the table, the exit status and the
// SVG chart. Expected values are worked out by hand from the rules in
// bench/report.ts.
import { test } from "uvu";
import * as assert from "uvu/assert";
import {
  benchLine,
  exitStatus,
  formatGoal,
  formatNumber,
  formatTable,
  formatValue,
  goalMet,
  parseBenchOutput,
  renderSvg,
  runProblems,
  type BenchRun,
  type Figure,
  type ReadFigure,
} from "../../../bench/report.js";

const parseFigure: Figure & { bench: string } = {
  name: "parse",
  value: 12,
  unit: "ms",
  baseline: 4,
  baselineName: "JSON.parse",
  ratioOf: "value/baseline",
  ratio: 3,
  goal: { on: "ratio", op: "<=", value: 4 },
  met: true,
  bench: "a.bench.ts",
};
const updateFigure: Figure & { bench: string } = {
  name: "update",
  value: 7.5,
  unit: "ms",
  baseline: null,
  baselineName: null,
  ratioOf: "value/baseline",
  ratio: null,
  goal: { on: "value", op: "<=", value: 5 },
  met: false,
  bench: "a.bench.ts",
};
const skippedFigure: ReadFigure = { name: "augtool", skipped: "no augtool", bench: "b.bench.ts" };

test("goalMet: each operator at, under and over its bound; NaN and null never pass", () => {
  assert.is(goalMet({ on: "ratio", op: "<=", value: 4 }, 4), true);
  assert.is(goalMet({ on: "ratio", op: "<=", value: 4 }, 4.01), false);
  assert.is(goalMet({ on: "ratio", op: "<", value: 4 }, 4), false);
  assert.is(goalMet({ on: "ratio", op: "<", value: 4 }, 3.99), true);
  assert.is(goalMet({ on: "ratio", op: ">=", value: 200 }, 200), true);
  assert.is(goalMet({ on: "ratio", op: ">=", value: 200 }, 199), false);
  assert.is(goalMet({ on: "ratio", op: ">", value: 200 }, 200), false);
  assert.is(goalMet({ on: "value", op: "<=", value: 5 }, NaN), false);
  assert.is(goalMet({ on: "value", op: ">=", value: 5 }, null), false);
});

test("benchLine: works out the ratio either way round and the verdict on the ratio or on the value", () => {
  const slow = JSON.parse(
    benchLine({ name: "p", value: 8, unit: "ms", baseline: 2, baselineName: "J", goal: { on: "ratio", op: "<=", value: 4 } }).slice("BENCH ".length),
  );
  assert.is(slow.ratio, 4);
  assert.is(slow.ratioOf, "value/baseline");
  assert.is(slow.met, true);
  const fast = JSON.parse(
    benchLine({ name: "a", value: 5, unit: "ms", baseline: 1000, baselineName: "augtool", ratioOf: "baseline/value", goal: { on: "ratio", op: ">=", value: 250 } }).slice(6),
  );
  assert.is(fast.ratio, 200);
  assert.is(fast.met, false);
  const onValue = JSON.parse(
    benchLine({ name: "d", value: 999, unit: "ms", baseline: 50, baselineName: "node", goal: { on: "value", op: "<", value: 1000 } }).slice(6),
  );
  assert.is(onValue.ratio, 19.98);
  assert.is(onValue.met, true);
  const info = JSON.parse(benchLine({ name: "i", value: 1, unit: "ms", baseline: null, baselineName: null, goal: null }).slice(6));
  assert.equal([info.ratio, info.met], [null, null]);
  assert.is(benchLine({ name: "s", skipped: "why" }), 'BENCH {"name":"s","skipped":"why"}');
});

test("parseBenchOutput: reads BENCH lines among human-readable ones", () => {
  const output = [
    "vm.conf: 10000 VMs",
    'BENCH {"name":"parse","value":12,"unit":"ms","baseline":4,"baselineName":"JSON.parse","ratioOf":"value/baseline","ratio":3,"goal":{"on":"ratio","op":"<=","value":4},"met":true}',
    "  BENCH lines must start the line: this one is ignored",
    'BENCH {"name":"update","value":7.5,"unit":"ms","baseline":null,"baselineName":null,"ratioOf":"value/baseline","ratio":null,"goal":{"on":"value","op":"<=","value":5},"met":false}',
    "",
  ].join("\n");
  const { figures, problems } = parseBenchOutput(output, "a.bench.ts");
  assert.equal(problems, []);
  assert.equal(figures, [parseFigure, updateFigure]);
  assert.equal(parseBenchOutput('BENCH {"name":"augtool","skipped":"no augtool"}\r\n', "b.bench.ts"), { figures: [skippedFigure], problems: [] });
});

test("parseBenchOutput: one problem per malformed line, with its line number", () => {
  const good = '{"name":"x","value":1,"unit":"ms","baseline":2,"baselineName":"b","ratioOf":"value/baseline","ratio":0.5,"goal":null,"met":null}';
  const output = [
    "BENCH {not json",
    `BENCH ${good.replace('"value":1', '"value":"1"')}`,
    `BENCH ${good.replace('"baselineName":"b"', '"baselineName":null')}`,
    `BENCH ${good.replace('"goal":null', '"goal":{"on":"ratio","op":"=<","value":1}')}`,
    `BENCH ${good.replace('"goal":null,"met":null', '"goal":{"on":"ratio","op":"<=","value":1},"met":false')}`,
    "BENCH []",
    `BENCH ${good}`,
  ].join("\n");
  const { figures, problems } = parseBenchOutput(output, "x.bench.ts");
  assert.equal(problems, [
    "x.bench.ts:1: BENCH line is not JSON",
    "x.bench.ts:2: value is not a finite number",
    "x.bench.ts:3: baseline and baselineName must both be given or both be null",
    "x.bench.ts:4: goal.op is not <=, <, >= or >",
    "x.bench.ts:5: met is false but the goal says true",
    "x.bench.ts:6: not a JSON object",
  ]);
  assert.is(figures.length, 1);
  assert.is(figures[0]!.name, "x");
});

test("runProblems: a failed exit, a signal and a run without figures are problems", () => {
  assert.equal(runProblems("a.bench.ts", 0, null, { figures: [parseFigure], problems: [] }), []);
  assert.equal(runProblems("a.bench.ts", 1, null, { figures: [parseFigure], problems: [] }), ["a.bench.ts: exited with status 1"]);
  assert.equal(runProblems("a.bench.ts", null, "SIGKILL", { figures: [], problems: ["a.bench.ts:3: no name"] }), [
    "a.bench.ts:3: no name",
    "a.bench.ts: exited by signal SIGKILL",
    "a.bench.ts: printed no BENCH line",
  ]);
});

test("formatNumber, formatValue, formatGoal", () => {
  assert.equal([formatNumber(1234.5), formatNumber(12), formatNumber(3), formatNumber(0.004567), formatNumber(0)], ["1235", "12.0", "3.00", "0.0046", "0"]);
  assert.is(formatValue(52_428_800, "bytes"), "52.4 MB");
  assert.is(formatValue(0.25, "ms"), "0.25 ms");
  assert.is(formatGoal({ on: "ratio", op: ">=", value: 200 }, "ms"), "ratio >= 200x");
  assert.is(formatGoal({ on: "value", op: "<", value: 1000 }, "ms"), "< 1000 ms");
  assert.is(formatGoal(null, "ms"), "-");
});

const runs: BenchRun[] = [
  { bench: "a.bench.ts", exitCode: 0, figures: [parseFigure, updateFigure], problems: [] },
  { bench: "b.bench.ts", exitCode: 1, figures: [skippedFigure], problems: ["b.bench.ts: exited with status 1"] },
];

test("formatTable: one row per figure, columns aligned, problems and a count last", () => {
  assert.is(
    formatTable(runs),
    [
      "figure   this run  baseline (same run)  ratio  goal         result",
      "-------  --------  -------------------  -----  -----------  -------------------",
      "parse    12.0 ms   4.00 ms JSON.parse   3.00x  ratio <= 4x  met",
      "update   7.50 ms   -                    -      <= 5 ms      MISSED",
      "augtool  -         -                    -      -            skipped: no augtool",
      "",
      "problems:",
      "  b.bench.ts: exited with status 1",
      "",
      "1 met, 1 missed, 0 for information, 1 skipped, 1 problem",
    ].join("\n"),
  );
});

test("exitStatus: 1 for a missed goal or a problem; met, information and skipped figures give 0", () => {
  const ok: BenchRun = { bench: "a.bench.ts", exitCode: 0, figures: [parseFigure, skippedFigure, { ...parseFigure, goal: null, met: null }], problems: [] };
  assert.is(exitStatus([ok]), 0);
  assert.is(exitStatus([ok, { ...ok, figures: [updateFigure] }]), 1);
  assert.is(exitStatus([ok, { ...ok, problems: ["a.bench.ts: printed no BENCH line"] }]), 1);
});

test("renderSvg: a bar per figure with a goal, on its own scale, the goal as a line, text escaped", () => {
  const svg = renderSvg([parseFigure, updateFigure, skippedFigure, { ...parseFigure, name: "a < b & c", goal: null, met: null }], "t");
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
  assert.ok(svg.trimEnd().endsWith("</svg>"));
  // parse: ratio 3, goal 4, scale 0..4.6 over 420 px from x = 380.
  assert.ok(svg.includes('<rect x="380" y="56" width="273.9" height="16" fill="#2e7d32"/>'));
  assert.ok(svg.includes('<line x1="745.2" y1="51" x2="745.2" y2="77"'));
  // update: the goal is on the value, 7.5 ms against 5 ms, scale 0..8.625.
  assert.ok(svg.includes('<rect x="380" y="90" width="365.2" height="16" fill="#c62828"/>'));
  assert.ok(svg.includes('<line x1="623.5" y1="85" x2="623.5" y2="111"'));
  assert.ok(svg.includes("7.50 ms (goal &lt;= 5 ms) MISSED"));
  assert.ok(svg.includes("skipped: no augtool"));
  assert.ok(svg.includes(">a &lt; b &amp; c</text>"));
  assert.not.ok(svg.includes("a < b"));
  // Without a goal: the ratio as text, no bar.
  assert.ok(svg.includes(">3.00x vs JSON.parse (no goal)</text>"));
  assert.is(svg.match(/<rect /g)!.length, 1 + 2); // background, two bars
  assert.is(svg.match(/<line /g)!.length, 2);
});

test.run();
