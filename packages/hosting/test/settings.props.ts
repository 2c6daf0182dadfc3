// Properties of the settings reader. The oracle is a real shell: whenever the
// reader accepts a file without errors, sourcing the file with /bin/sh gives
// every variable the value the reader read (and leaves the others unset).
import { propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseDeployConf, parseOrder, readSettings } from "../src/index.js";

const numRuns = propertyRuns();
const KEYS = ["A", "B", "C"];
const spec = { what: "test.conf", keys: KEYS, required: [] as string[], verb: "test" };

// Pieces of values: plain words, quoted strings, and characters a shell treats specially.
const plain = fc.stringMatching(/^[a-z0-9_.\/:@%+,=-]{1,6}$/);
const single = fc.stringMatching(/^[^'\n\0]{0,6}$/).map((s) => `'${s}'`);
const double = fc.stringMatching(/^[^"\n\0]{0,6}$/).map((s) => `"${s}"`);
const risky = fc.constantFrom("$", "`", "\\", ";", "~", "#", " ", "\t", "'", '"', "(", ")", "\r", "*", "{", "}", "!", "$x", ":~");
const value = fc.array(fc.oneof({ weight: 3, arbitrary: plain }, { weight: 2, arbitrary: single }, { weight: 2, arbitrary: double }, { weight: 1, arbitrary: risky }), { maxLength: 4 }).map((p) => p.join(""));
const line = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom("", " ", "\t"), fc.constantFrom(...KEYS), value, fc.constantFrom("", " # note", "  #", "#x")).map(([i, k, v, t]) => `${i}${k}=${v}${t}`) },
  { weight: 1, arbitrary: fc.constantFrom("", "# comment", "   ", "\t# x") },
);
const file = fc.array(line, { maxLength: 6 }).map((ls) => ls.join("\n") + "\n");

const sh = "/bin/sh";
const haveShell = existsSync(sh);

if (haveShell) {
  test("a file the reader accepts gives sh the same values", () => {
    const dir = mkdtempSync(join(tmpdir(), "hosting-settings-"));
    try {
      // Every accepted file is collected, then all are sourced by one shell
      // (each in a subshell), which prints the three variables of each.
      const accepted: { text: string; expected: string[] }[] = [];
      fc.assert(
        fc.property(file, (text) => {
          const r = readSettings(text, "f.conf", spec);
          if (r.diagnostics.some((d) => d.severity === "error")) return;
          writeFileSync(join(dir, `f${accepted.length}.conf`), text);
          accepted.push({ text, expected: KEYS.map((k) => (r.values.has(k) ? r.values.get(k)! : "unset")) });
        }),
        { numRuns },
      );
      // The generator must reach the shell often enough for the property to mean something.
      assert.ok(accepted.length > numRuns / 4, `only ${accepted.length} files accepted`);
      const script = `i=0; while [ "$i" -lt ${accepted.length} ]; do ( . "./f$i.conf" || exit 99; for v in "\${A-unset}" "\${B-unset}" "\${C-unset}"; do printf '%s\\0' "$v"; done ) || exit 98; i=$((i + 1)); done`;
      const out = spawnSync(sh, ["-c", script], { cwd: dir, env: {}, encoding: "utf8", maxBuffer: 1 << 26 });
      assert.is(out.status, 0, out.stderr);
      const fields = out.stdout.split("\0");
      accepted.forEach(({ text, expected }, i) => {
        assert.equal(fields.slice(3 * i, 3 * i + 3), expected, text);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
} else {
  if (process.env.CI === "true") throw new Error(`${sh} is missing`);
  console.log(`SKIP 1 ${sh} is missing`);
}

test("never throws; lines cover the text; diagnostics lie inside it", () => {
  fc.assert(
    fc.property(fc.oneof(file, trickyString(80), fc.string({ maxLength: 80 })), (text) => {
      for (const doc of [parseDeployConf(text), parseOrder(text)]) {
        let at = 0;
        for (const l of doc.syntax.lines) {
          assert.ok(l.lineEnd > at || (l.lineEnd === at && at === text.length));
          at = l.lineEnd;
        }
        if (!doc.diagnostics.some((d) => d.code === "BINARY_INPUT")) assert.is(at, text.length);
        const lines = text.split("\n");
        for (const d of doc.diagnostics) {
          assert.ok(d.line >= 1 && d.line <= lines.length);
          assert.ok(d.column >= 1 && d.column <= lines[d.line - 1]!.length + 1);
        }
      }
    }),
    { numRuns },
  );
});

test.run();
