// OpenBSD's regress suite for vmd's parser (regress/usr.sbin/vmd/config),
// read in place from the shared corpus, with release "6.5". Cases whose
// files the corpus lacks are written here, from vmd's documented messages,
// in test/regress.
import { corpusDir } from "@obsdconf/core/testing";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "../src/index.js";

const corpus = corpusDir();
const own = new URL("./regress/", import.meta.url).pathname;
const regress = corpus && join(corpus, "vmconf/openbsd-regress");

// Codes of this package's own runtime warnings; vmd -n prints none of them.
const NOT_FROM_VMD_N = new Set(["UNKNOWN_SWITCH", "DUPLICATE_VM", "DUPLICATE_SWITCH", "DUPLICATE_LLADDR", "INVALID_VM_NAME", "UNKNOWN_PARENT_VM", "INCLUDE_NOT_FOLLOWED"]);

// The corpus copy of this case is revision 1.1.1.1 (2017): its switch still
// uses the `add` member syntax that vmd removed before 6.5 (see the fail case
// switch-no-add), so 6.5 rejects it on line 5. The revision that matches 6.5
// is not in the corpus; test/regress has a corrected copy, which must pass.
const STALE: Record<string, string[]> = { "vmd-pass-boot-keyword": ["5: syntax error"] };

function cases(kind: "PASS" | "FAIL"): string[] {
  const makefile = readFileSync(join(regress!, "Makefile"), "utf8").replace(/\\\n/g, " ");
  const names = new RegExp(`^VMD_${kind}=(.*)$`, "m").exec(makefile)![1]!.trim().split(/\s+/);
  return names.map((n) => `vmd-${kind.toLowerCase()}-${n}`);
}

function find(name: string, ext: string): { path: string; from: "corpus" | "own" } {
  const inCorpus = join(regress!, name + ext);
  if (existsSync(inCorpus)) return { path: inCorpus, from: "corpus" };
  const mine = join(own, name + ext);
  assert.ok(existsSync(mine), `${name}${ext}: in neither the corpus nor test/regress`);
  return { path: mine, from: "own" };
}

/** vmd -n output lines our diagnostics stand for: `LINE: message` or a bare message. */
function vmdLines(text: string, fileName: string): { lines: string[]; errors: number } {
  const doc = parse(text, { release: "6.5", fileName });
  const fromVmd = doc.diagnostics.filter((d) => !NOT_FROM_VMD_N.has(d.code));
  return {
    lines: fromVmd.map((d) => (BARE.has(d.code) ? d.message : `${d.line}: ${d.message}`)),
    errors: doc.diagnostics.filter((d) => d.severity === "error").length,
  };
}

// Messages vmd's helpers print without file and line.
const BARE = new Set(["MEMORY_ROUNDED", "MEMORY_TOO_SMALL", "MEMORY_TOO_LARGE", "INVALID_SIZE", "TOO_MANY_DISKS", "DISK_PATH_TOO_LONG", "UNUSED_MACRO", "INVALID_PREFIX_LENGTH"]);

function expected(okPath: string): string[] {
  return readFileSync(okPath, "utf8").split("\n").filter((l) => l !== "" && l !== "configuration OK");
}

if (regress) {
  for (const name of cases("PASS")) {
    test(`${name} passes with release 6.5`, () => {
      const ok = find(name, ".ok");
      const okText = readFileSync(ok.path, "utf8");
      assert.ok(okText.trimEnd().endsWith("configuration OK"), "a pass case ends with configuration OK");
      const conf = find(name, ".conf");
      const stale = STALE[name];
      if (conf.from === "corpus" && stale) {
        assert.equal(vmdLines(readFileSync(conf.path, "utf8"), name).lines, stale);
        const fixed = vmdLines(readFileSync(join(own, name + ".conf"), "utf8"), name);
        assert.equal(fixed.errors, 0, fixed.lines.join("\n"));
        assert.equal(fixed.lines, expected(ok.path));
        return;
      }
      const got = vmdLines(readFileSync(conf.path, "utf8"), name);
      assert.equal(got.errors, 0, got.lines.join("\n"));
      assert.equal(got.lines, expected(ok.path));
    });
  }
  for (const name of cases("FAIL")) {
    test(`${name} fails with vmd's messages (release 6.5)`, () => {
      const got = vmdLines(readFileSync(find(name, ".conf").path, "utf8"), name);
      assert.ok(got.errors > 0, "a fail case gives an error");
      assert.equal(got.lines, expected(find(name, ".ok").path));
    });
  }
  test("own case: switch with options but no interface", () => {
    const got = vmdLines(readFileSync(join(own, "vmd-fail-switch-missing-interface.conf"), "utf8"), "x");
    assert.equal(got.lines, expected(join(own, "vmd-fail-switch-missing-interface.ok")));
  });
} else {
  test.skip("OpenBSD regress cases (corpus absent)", () => {});
}

test.run();
