// vm.conf parse throughput vs JSON.parse of the same model, one-field update
// time, and retained heap of a parsed document. Run: pnpm bench
import { lexRaw } from "../packages/core/src/index.js";
import { parse, update } from "../packages/vmconf/src/index.js";

function sampleConf(count: number): string {
  let text = "# generated benchmark host\nsocket owner :_vmdusers\n\nswitch \"uplink_vlan931\" {\n\tinterface bridge931\n}\n\n";
  for (let i = 0; i < count; i++) {
    const mac = `fe:e1:bb:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}:01`;
    text += `# vm${i}: customer ${i}\nvm "vm${i}" {\n\tdisable\n\towner user${i}\n\tmemory 1G\n\tdisk "/var/vmm/vm${i}.qcow2" format qcow2\n\tinterface tap { switch "uplink_vlan931" lladdr ${mac} }\n}\n\n`;
  }
  return text;
}

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const text = sampleConf(10_000);
const mb = text.length / 1e6;
let doc = parse(text);
if (doc.diagnostics.length) throw new Error(`sample has diagnostics: ${doc.diagnostics[0]!.message}`);
const json = JSON.stringify(doc.model);
const parseMs = best(10, () => {
  doc = parse(text);
});
const jsonMs = best(10, () => JSON.parse(json));
const lexMs = best(10, () => lexRaw(text));
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
console.log(`parse:        ${parseMs.toFixed(1)} ms = ${(mb / (parseMs / 1000)).toFixed(1)} MB/s`);
console.log(`JSON.parse:   ${jsonMs.toFixed(1)} ms (same model)`);
console.log(`ratio parse / JSON.parse: ${(parseMs / jsonMs).toFixed(2)}x (goal <= 6x)`);
console.log(`  of which peggy raw lexing: ${lexMs.toFixed(1)} ms = ${(lexMs / jsonMs).toFixed(2)}x JSON.parse`);
console.log(`one-field update: ${updateMs.toFixed(2)} ms (goal <= 5 ms)`);
console.log(`retained heap of a parsed document: ${(heapBytes / 1e6).toFixed(1)} MB = ${(heapBytes / text.length).toFixed(1)}x the file (goal <= 10x)`);
