// Shared by generate.test.ts and injection.props.ts: a model with every field
// set (vmd accepts its text without a message) and the round-trip check.
import * as assert from "uvu/assert";
import { parse, type VmConf } from "../src/index.js";

/** Flag fields, where false is written as nothing, the same as absent. */
export const FLAGS = ["lockedLladdr", "local", "locked", "sev", "seves"] as const;

/** A valid model that uses every field of the model at least once. */
export function baseModel(): VmConf {
  return {
    macros: [
      { name: "images", value: "/var/vmm" },
      { name: "sz", value: "1G" },
    ],
    includes: ["/etc/vm.conf.d/a.conf", "/etc/vm.conf.d/b.conf"],
    localPrefix: "100.64.0.0/10",
    localInet6: { prefix: "fd00:1::/64" },
    socketOwner: { user: "root", group: "_vmdusers" },
    agentx: { context: "vmd", path: "/var/agentx/master" },
    staggeredStart: { parallel: 4, delay: 30 },
    switches: [
      { name: "uplink", interface: "veb0", enabled: true, group: "vmports", lockedLladdr: true, rdomain: 0, up: true },
      { name: "lan", interface: "bridge1" },
    ],
    vms: [
      {
        name: "web1",
        enabled: true,
        owner: { uid: 1000 },
        memory: "2G",
        boot: "/bsd.rd",
        bootDevice: "disk",
        cdrom: "/var/vmm/install78.iso",
        disks: [{ path: "/var/vmm/web1.qcow2", format: "qcow2" }, { path: "/var/vmm/web1-data.img" }],
        interfaceCount: 2,
        interfaces: [
          { local: true, name: "tap0", switch: "uplink", group: "web", lladdr: "fe:e1:bb:f1:c8:01", locked: true, rdomain: 1, up: true },
          { switch: "lan" },
        ],
        allowInstance: { options: ["cdrom"], owner: { group: "wheel" } },
        sev: true,
        seves: true,
      },
      { name: "web1b", instanceOf: "web1", memory: "1G", disks: [], interfaces: [] },
      { name: "db1", memory: "1073741824", disks: [{ path: "/var/vmm/db1.img", format: "raw" }], interfaces: [{}] },
    ],
  };
}

/** Codes of syntax errors: the text did not read as written (update refuses such files). */
export const SYNTAX_CODES = new Set(["SYNTAX_ERROR", "UNTERMINATED_QUOTE", "STRING_TOO_LONG", "NUL_IN_STRING", "INVALID_NUMBER", "UNDEFINED_MACRO"]);

/**
 * Parses `text` (includes read as empty files) and checks that the model
 * equals `model` and that the only diagnostics are one UNUSED_MACRO warning
 * per macro (generate writes the model's macros but, the model holding
 * expanded values, never references them; vmd says so only with -v). With
 * `valueChecks`, diagnostics of vmd's checks on values (a bad prefix, a
 * group name ending in a digit...) are allowed too, but no syntax error:
 * those are validate's to report, generate only guarantees the text reads
 * back as the model.
 */
export function assertRoundTrip(text: string, model: VmConf, valueChecks = false): void {
  const doc = parse(text, { readFile: () => "" });
  const unused = doc.diagnostics.filter((d) => d.code === "UNUSED_MACRO" && d.severity === "warning");
  const others = doc.diagnostics.filter((d) => !unused.includes(d));
  const unexpected = valueChecks ? others.filter((d) => SYNTAX_CODES.has(d.code) || d.syntax === true) : others;
  assert.equal(unexpected, [], `diagnostics for:\n${text}`);
  assert.is(unused.length, new Set(model.macros.map((m) => m.name)).size, `unused-macro warnings for:\n${text}`);
  assert.equal(doc.model, model, `model of:\n${text}`);
}
