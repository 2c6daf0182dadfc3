// vm.conf parse throughput vs JSON.parse of the same model, one-field update
// time, and retained heap of a parsed document. Run: pnpm bench
//
// The ratio is parse's fastest call over JSON.parse's fastest call, each
// timed in a loop of its own. The run is repeated in a child Node with a
// 64 MB young generation to show how much of parse is garbage collection.
// Ends with one `BENCH {json}` line per figure for bench/run.ts.
import { execFileSync } from "node:child_process";
import { scanParsey } from "../packages/core/src/index.js";
// @ts-ignore -- generated from grammar.peggy
import { keywordCodes, parse as parseTokens } from "../packages/vmconf/src/grammar.generated.js";
import { vmdFeatures } from "../packages/vmconf/src/index.js";
import { GrammarActions } from "../packages/vmconf/src/actions.js";
import { parse, update } from "../packages/vmconf/src/index.js";
import { benchLine } from "./report.js";
import { best } from "./timing.js";

function sampleConf(count: number): string {
  let text = "# generated benchmark host\nsocket owner :_vmdusers\n\nswitch \"uplink_vlan931\" {\n\tinterface bridge931\n}\n\n";
  for (let i = 0; i < count; i++) {
    const mac = `fe:e1:bb:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}:01`;
    text += `# vm${i}: customer ${i}\nvm "vm${i}" {\n\tdisable\n\towner user${i}\n\tmemory 1G\n\tdisk "/var/vmm/vm${i}.qcow2" format qcow2\n\tinterface tap { switch "uplink_vlan931" lladdr ${mac} }\n}\n\n`;
  }
  return text;
}


const text = sampleConf(10_000);
const mb = text.length / 1e6;
let doc = parse(text);
if (doc.diagnostics.length) throw new Error(`sample has diagnostics: ${doc.diagnostics[0]!.message}`);
const json = JSON.stringify(doc.model);
// Each in its own loop, so each pays for its own garbage (steady state, as
// when a tool parses file after file); the fastest of 15 calls.
const parseMs = best(15, () => {
  doc = parse(text);
});
const jsonMs = best(15, () => JSON.parse(json));
const ratio = parseMs / jsonMs;
if (process.env.BENCH_RATIO_ONLY) {
  console.log(ratio.toFixed(2));
  process.exit(0);
}
const keywords = new Map([...vmdFeatures().keywords].filter((k) => keywordCodes.has(k)).map((k) => [k, keywordCodes.get(k)] as [string, number]));
const scan = () => scanParsey(text, { keywords, macros: new Map(), defineMacros: true, foldNewlines: true });
const scanMs = best(10, scan);
const tokens = scan();
// The grammar alone, with actions that build nothing: the recognizer's share.
const noop: Record<string, unknown> = { features: vmdFeatures() };
for (const name of Object.getOwnPropertyNames(GrammarActions.prototype)) if (name !== "constructor") noop[name] = () => true;
const grammarMs = best(10, () => parseTokens(tokens.kinds, { actions: noop, "peg$library": true, "peg$silentFails": 1 }));
// The alternative input design: the token array itself, given the string
// methods peggy's parser calls (charCodeAt, codePointAt, substring, length).
const codes = tokens.codes;
const tokenArrayInput = {
  length: tokens.count,
  charCodeAt: (i: number) => (i < tokens.count ? codes[i]! : NaN),
  codePointAt: (i: number) => (i < tokens.count ? codes[i]! : undefined),
  substring: (a: number, b: number) => tokens.kinds.substring(a, b),
};
const arrayInputMs = best(10, () => parseTokens(tokenArrayInput as unknown as string, { actions: noop, "peg$library": true, "peg$silentFails": 1 }));
const updateMs = best(20, () => {
  update(doc, (m) => {
    m.vms[5000]!.memory = "2G";
  });
});

const gc = (globalThis as { gc?: () => void }).gc;
let heapBytes = NaN;
if (gc) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = parse(text);
  gc();
  heapBytes = process.memoryUsage().heapUsed - before;
  if (!kept.model.vms.length) throw new Error("unreachable");
}

console.log(`vm.conf: ${doc.model.vms.length} VMs, ${mb.toFixed(2)} MB, model JSON ${(json.length / 1e6).toFixed(2)} MB`);
console.log(`parse:        ${parseMs.toFixed(1)} ms (fastest of 15) = ${(mb / (parseMs / 1000)).toFixed(1)} MB/s`);
console.log(`JSON.parse:   ${jsonMs.toFixed(1)} ms (fastest of 15, same model)`);
console.log(`ratio parse / JSON.parse: ${ratio.toFixed(2)}x (goal <= 4x: ${ratio <= 4 ? "met" : "NOT MET"})`);
const bigYoung = execFileSync(process.execPath, [...process.execArgv, "--max-semi-space-size=64", new URL(import.meta.url).pathname], {
  env: { ...process.env, BENCH_RATIO_ONLY: "1" },
  encoding: "utf8",
}).trim();
console.log(`  the same with a 64 MB young generation (less scavenging of the growing tree): ${bigYoung}x`);
console.log(`  scanner (hand-written yylex, ${tokens.count} tokens): ${scanMs.toFixed(1)} ms = ${(scanMs / jsonMs).toFixed(2)}x JSON.parse`);
console.log(`  grammar alone (peggy over the token string, no actions): ${grammarMs.toFixed(1)} ms = ${(grammarMs / jsonMs).toFixed(2)}x`);
console.log(`  actions, model and checks: the rest, ${(parseMs - scanMs - grammarMs).toFixed(1)} ms`);
console.log(`  (input design: one character per token ${grammarMs.toFixed(1)} ms vs the token array behind string methods ${arrayInputMs.toFixed(1)} ms)`);
console.log(`one-field update: ${updateMs.toFixed(2)} ms (goal <= 5 ms: ${updateMs <= 5 ? "met" : "NOT MET"})`);
console.log(`retained heap of a parsed document: ${(heapBytes / 1e6).toFixed(1)} MB = ${(heapBytes / text.length).toFixed(1)}x the file (goal <= 10x: ${heapBytes / text.length <= 10 ? "met" : "NOT MET"})`);
console.log(
  benchLine({
    name: "vm.conf parse / JSON.parse (10,000 VMs)",
    value: parseMs,
    unit: "ms",
    baseline: jsonMs,
    baselineName: "JSON.parse",
    goal: { on: "ratio", op: "<=", value: 4 },
  }),
);
console.log(
  benchLine({ name: "vm.conf one-field update (10,000 VMs)", value: updateMs, unit: "ms", baseline: null, baselineName: null, goal: { on: "value", op: "<=", value: 5 } }),
);
if (Number.isNaN(heapBytes)) {
  console.log(benchLine({ name: "vm.conf retained heap / file size", skipped: "run node with --expose-gc" }));
} else {
  console.log(
    benchLine({
      name: "vm.conf retained heap / file size",
      value: heapBytes,
      unit: "bytes",
      baseline: text.length,
      baselineName: "file",
      goal: { on: "ratio", op: "<=", value: 10 },
    }),
  );
}
