// Properties of allocate() on random hosts: it never gives out a used
// resource, never the same one twice, takes the lowest free ones, keeps what
// deployed VMs have, fails exactly when too few are free (allocating nothing),
// and gives the same answer for the same input. With IP_START = IPV6_START,
// the documented scheme pairs 192.0.2.x with 2001:db8:8:1::x (x's decimal
// digits), which the checks below write out independently of the code.
import { propertyRuns } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { allocate, parseDeployConf, type UsedResources } from "../src/index.js";
import { SAMPLE, withLine } from "./fixtures.js";

const numRuns = propertyRuns();
const PREFIX = "fe:e1:bb:d1:c8";
const hex = (n: number): string => n.toString(16).padStart(2, "0");

const host = fc
  .record({
    start: fc.integer({ min: 2, max: 250 }),
    macs: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 250 }),
    foreignMacs: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }),
    ipv4s: fc.uniqueArray(fc.integer({ min: 1, max: 254 }), { maxLength: 120 }),
    ipv6s: fc.uniqueArray(fc.integer({ min: 1, max: 260 }), { maxLength: 40 }),
    ranges: fc.array(fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 20 })), { maxLength: 2 }),
    deployed: fc.integer({ min: 0, max: 5 }),
    fresh: fc.integer({ min: 0, max: 80 }),
    shuffle: fc.integer(),
  })
  .map((h) => {
    const used: UsedResources = {
      names: new Set(),
      macs: new Set([...h.macs.map((o) => `${PREFIX}:${hex(o)}`), ...h.foreignMacs.map((o) => `02:00:00:00:00:${hex(o)}`)]),
      ipv4s: new Set(h.ipv4s.map((x) => `192.0.2.${x}`)),
      ipv6s: new Set(h.ipv6s.map((x) => `2001:db8:8:1::${x}`)),
      ipv4Ranges: h.ranges.map(([low, n]) => ({ low: `192.0.2.${low}`, high: `192.0.2.${Math.min(254, low + n)}` })),
      vms: new Map(),
    };
    // Deployed VMs: each has one of the used MACs and used addresses (when there are enough).
    const deployed: string[] = [];
    for (let i = 0; i < h.deployed && i < h.macs.length && i < h.ipv4s.length; i++) {
      const name = `old${i}`;
      used.names.add(name);
      used.vms.set(name, { name, mac: `${PREFIX}:${hex(h.macs[i]!)}`, ipv4: `192.0.2.${h.ipv4s[i]}` });
      deployed.push(name);
    }
    const fresh = Array.from({ length: h.fresh }, (_, i) => `vm${i}`);
    const names = [...deployed, ...fresh];
    // A fixed shuffle, so deployed and new orders mix.
    const orders = names.map((vm, i) => ({ vm, k: (i * 7919 + h.shuffle) % 1009 })).sort((a, b) => a.k - b.k || (a.vm < b.vm ? -1 : 1)).map(({ vm }) => ({ vm }));
    const doc = parseDeployConf(withLine("IP_START", `IP_START="${h.start}"`).replace('IPV6_START="10"', `IPV6_START="${h.start}"`));
    return { h, used, orders, conf: doc.model, diagnostics: doc.diagnostics };
  });

// The rule of a free address, written out: not a fixed address, not in a range, not router or DNS, its IPv6 unused.
function freeIPv4(used: UsedResources, x: number): boolean {
  if (used.ipv4s.has(`192.0.2.${x}`) || x === 1 || x === 53) return false;
  if (used.ipv4Ranges.some((r) => x >= Number(r.low.split(".")[3]) && x <= Number(r.high.split(".")[3]))) return false;
  return !used.ipv6s.has(`2001:db8:8:1::${x}`);
}

test("allocation never reuses a used resource, takes the lowest free ones, keeps deployed VMs' own", () => {
  let succeeded = 0;
  let failed = 0;
  fc.assert(
    fc.property(host, ({ h, used, orders, conf, diagnostics }) => {
      assert.equal(diagnostics, []);
      const snapshot = JSON.stringify([...used.macs, ...used.ipv4s, ...used.ipv6s]);
      const r = allocate(conf, orders, used);
      assert.is(JSON.stringify([...used.macs, ...used.ipv4s, ...used.ipv6s]), snapshot);
      const newOrders = orders.filter((o) => !used.vms.has(o.vm)).length;
      const freeMacs = 256 - h.macs.length;
      let freeSlots = 0;
      for (let x = h.start; x <= 254; x++) if (freeIPv4(used, x)) freeSlots++;
      if (!r.ok) {
        failed++;
        assert.is(r.code, "RANGE_EXHAUSTED");
        if (r.code === "RANGE_EXHAUSTED") {
          assert.ok(freeMacs < newOrders || freeSlots < newOrders);
          assert.ok(r.fit < orders.length);
        }
        return;
      }
      succeeded++;
      assert.ok(freeMacs >= newOrders && freeSlots >= newOrders);
      assert.is(r.allocations.length, orders.length);
      const macs = new Set<string>();
      const ipv4s = new Set<string>();
      const given = new Set<number>();
      r.allocations.forEach((a, i) => {
        assert.is(a.vm, orders[i]!.vm);
        assert.ok(!macs.has(a.mac) && !ipv4s.has(a.ipv4), "given twice");
        macs.add(a.mac);
        ipv4s.add(a.ipv4);
        const known = used.vms.get(a.vm);
        if (known) {
          assert.ok(a.deployed);
          assert.is(a.mac, known.mac);
          assert.is(a.ipv4, known.ipv4);
          return;
        }
        assert.ok(!a.deployed);
        const octet = parseInt(a.mac.slice(-2), 16);
        assert.is(a.mac, `${PREFIX}:${hex(octet)}`);
        assert.ok(!used.macs.has(a.mac));
        const x = Number(a.ipv4.split(".")[3]);
        assert.is(a.ipv4, `192.0.2.${x}`);
        assert.ok(x >= h.start && x <= 254 && freeIPv4(used, x), `${a.ipv4} is not free`);
        assert.is(a.ipv6, `2001:db8:8:1::${x}`);
        // Lowest first: every free address below it went to an earlier order.
        for (let y = h.start; y < x; y++) if (freeIPv4(used, y)) assert.ok(given.has(y), `192.0.2.${y} was skipped`);
        for (let o = 0; o < octet; o++) assert.ok(used.macs.has(`${PREFIX}:${hex(o)}`) || macs.has(`${PREFIX}:${hex(o)}`), `octet ${hex(o)} was skipped`);
        given.add(x);
      });
    }),
    { numRuns },
  );
  // Both outcomes must be exercised.
  assert.ok(succeeded > numRuns / 10 && failed > numRuns / 10, `${succeeded} allocated, ${failed} exhausted`);
});

test("allocation is deterministic", () => {
  fc.assert(
    fc.property(host, ({ used, orders, conf }) => {
      assert.equal(allocate(conf, orders, used), allocate(conf, orders, used));
    }),
    { numRuns },
  );
});

test.run();
