// httpd.conf with 2,000 servers and 10,000 locations: parse vs JSON.parse of
// the same model, each timed in its own loop, fastest of N (as
// bench/vmconf.bench.ts does). Goal (issue 11): parse <= 4x JSON.parse.
// Run: node --conditions=source --expose-gc --import tsx bench/httpdconf.bench.ts
// Ends with a `BENCH {json}` line for bench/run.ts.
import { benchLine } from "./report.js";
import { best } from "./timing.js";

const SERVERS = 2_000;
const LOCATIONS_PER_SERVER = 5;

/** A hosting-style httpd.conf: one server per customer site, five locations each. */
function sampleConf(servers: number): string {
  let text =
    "# httpd.conf of a hosting host (generated for the benchmark)\n" +
    'ext_addr = "egress"\n' +
    "prefork 4\n" +
    "\n" +
    "types {\n" +
    "\ttext/html html htm\n" +
    "\ttext/plain txt\n" +
    "}\n";
  for (let i = 0; i < servers; i++) {
    text +=
      `\n# customer ${i}\n` +
      `server "site${i}.example.net" {\n` +
      `\talias "www.site${i}.example.net"\n` +
      `\tlisten on $ext_addr port 80\n` +
      `\troot "/htdocs/site${i}"\n` +
      `\tlog access "site${i}.log"\n` +
      `\tlocation "/.well-known/acme-challenge/*" {\n` +
      `\t\troot "/acme"\n` +
      `\t\trequest strip 2\n` +
      `\t}\n` +
      `\tlocation "/pub/*" {\n` +
      `\t\tdirectory auto index\n` +
      `\t}\n` +
      `\tlocation "*.php" {\n` +
      `\t\tfastcgi socket "/run/php-fpm.sock"\n` +
      `\t}\n` +
      `\tlocation match "^/old/(.*)$" {\n` +
      `\t\tblock return 301 "/new/%1"\n` +
      `\t}\n` +
      `\tlocation not found "/*" {\n` +
      `\t\trequest rewrite "/index.php"\n` +
      `\t}\n` +
      `}\n`;
  }
  return text;
}

interface Api {
  parse: (text: string, options?: { fileName?: string }) => {
    model: unknown;
    diagnostics: Array<{ severity: string; line: number; column: number; message: string }>;
  };
}
const { parse } = (await import("../packages/httpdconf/src/index.js")) as unknown as Api;

const text = sampleConf(SERVERS);
const doc = parse(text, { fileName: "httpd.conf" });
const errors = doc.diagnostics.filter((d) => d.severity === "error");
if (errors.length > 0) {
  console.error(`the sample does not parse cleanly: ${errors[0]!.line}:${errors[0]!.column}: ${errors[0]!.message}`);
  process.exit(1);
}
const json = JSON.stringify(doc.model);
const runs = 15;
const gc = (globalThis as { gc?: () => void }).gc;
for (let i = 0; i < 3; i++) parse(text); // warm-up
gc?.();
const parseMs = best(runs, () => parse(text));
gc?.();
const jsonMs = best(runs, () => JSON.parse(json));
const ratio = parseMs / jsonMs;
console.log(
  `httpdconf: ${SERVERS} servers, ${SERVERS * LOCATIONS_PER_SERVER} locations, ${(text.length / 1024).toFixed(0)} KiB of text, ` +
    `${(json.length / 1024).toFixed(0)} KiB of model JSON`,
);
console.log(`  parse ${parseMs.toFixed(1)} ms, JSON.parse ${jsonMs.toFixed(1)} ms: ${ratio.toFixed(2)}x (goal <= 4x) ${ratio <= 4 ? "met" : "MISSED"}`);
console.log(
  benchLine({
    name: `httpd.conf parse / JSON.parse (${SERVERS.toLocaleString("en")} servers)`,
    value: parseMs,
    unit: "ms",
    baseline: jsonMs,
    baselineName: "JSON.parse",
    goal: { on: "ratio", op: "<=", value: 4 },
  }),
);
