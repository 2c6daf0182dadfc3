// Properties of the builder, the reading rule and disklabel templates.
import { UnwritableValueError } from "@obsdconf/core";
import { accountName, ipv4Address, ipv6Address, propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { disklabel, explain, generate, installConf, parse, randomPassword, update, validate, type InstallConf, type InstallConfOptions } from "../src/index.js";

const numRuns = propertyRuns();

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
const password = fc.oneof(
  fc.string({ unit: fc.integer({ min: 33, max: 126 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 }).filter((p) => !/^\$2.\$[0-9]{2}\$/.test(p) && p !== "*************").map((plain) => ({ plain })),
  fc.constant({ disabled: true as const }),
);

const optionsArb = (): fc.Arbitrary<InstallConfOptions> =>
  fc
    .record(
      {
        release: fc.constantFrom("6.5" as const, "7.6" as const, "7.8" as const),
        hostname: fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => l.join(".")),
        rootPassword: password,
        staticV4: fc.option(fc.tuple(ipv4Address(), ipv4Address()), { nil: undefined }),
        v6: fc.option(fc.tuple(ipv6Address(), fc.integer({ min: 0, max: 128 }), ipv6Address()), { nil: undefined }),
        twoInterfaces: fc.boolean(),
        sshd: fc.option(fc.boolean(), { nil: undefined }),
        rootSshLogin: fc.option(fc.constantFrom("yes" as const, "no" as const, "prohibit-password" as const), { nil: undefined }),
        console: fc.option(fc.constantFrom(9600 as const, 115200 as const), { nil: undefined }),
        user: fc.option(fc.record({ login: accountName().filter((n) => /^[a-z][a-z0-9_]{0,30}$/.test(n) && !["root", "daemon", "operator", "bin", "build", "sshd", "www", "nobody", "ftp", "n", "no", "y", "yes"].includes(n)), password }), { nil: undefined }),
        timezone: fc.option(fc.constantFrom("UTC", "Europe/Amsterdam", "America/New_York"), { nil: undefined }),
        layout: fc.option(fc.constantFrom("auto" as const, { templateUrl: "http://10.0.0.1/disklabel" }), { nil: undefined }),
        sets: fc.option(fc.record({ server: fc.constantFrom("server8.example.org", "10.0.0.1:8080"), selection: fc.constantFrom("-x* +xb* +site*", "-game*", "+site*"), acceptSiteSets: fc.boolean() }), { nil: undefined }),
      },
      { requiredKeys: ["release", "hostname", "rootPassword", "twoInterfaces"] },
    )
    .map((r) => {
      const interfaces: NonNullable<InstallConfOptions["interfaces"]> = [
        { name: "vio0", ipv4: r.staticV4 ? { address: r.staticV4[0], netmask: "255.255.255.0" } : "dhcp", ipv6: r.v6 ? { address: r.v6[0], prefixLength: r.v6[1] } : "none" },
      ];
      if (r.twoInterfaces) interfaces.push({ name: "vio1", ipv4: "none", ipv6: "autoconf" });
      const o: InstallConfOptions = { release: r.release, hostname: r.hostname, rootPassword: r.rootPassword, interfaces, rootDisk: "sd0" };
      if (r.staticV4) o.defaultRoute = r.staticV4[1];
      if (r.v6) o.ipv6DefaultRouter = r.v6[2];
      if (r.staticV4 || r.twoInterfaces) o.dns = { domain: "example.org", nameservers: ["10.0.0.53"] };
      if (r.sshd !== undefined) o.sshd = r.sshd;
      if (r.rootSshLogin) o.rootSshLogin = r.rootSshLogin;
      if (r.console) o.console = { speed: r.console };
      if (r.user) o.user = r.user;
      if (r.timezone) o.timezone = r.timezone;
      if (r.layout) o.diskLayout = r.layout;
      if (r.sets) o.sets = { ...r.sets, acceptSiteSets: r.sets.acceptSiteSets || r.sets.selection.includes("site") };
      return o;
    });

test("builder output explains cleanly: every line answers its question, nothing aborts", () => {
  fc.assert(
    fc.property(optionsArb(), (options) => {
      const doc = parse(installConf(options), { release: options.release! });
      assert.equal(doc.diagnostics, []);
      const result = explain(doc, { release: options.release!, machine: { interfaces: ["vio0", "vio1"] } });
      assert.equal(result.diagnostics.filter((d) => d.severity !== "info"), []);
      assert.not.ok(result.answers.some((a) => a.outcome === "abort"));
      const used = result.answers.filter((a) => a.line !== undefined).length;
      const notAsked = result.diagnostics.filter((d) => d.code === "NOT_ASKED").length;
      assert.is(used + notAsked, doc.model.answers.length);
    }),
    { numRuns },
  );
});

test("no injection: a string in any field is read back unchanged or refused naming that field", () => {
  const fields: Array<[string, (s: string) => InstallConfOptions, (s: string) => string]> = [
    ["hostname", (s) => ({ hostname: s, rootPassword: { plain: "x" } }), () => "System hostname"],
    ["rootPassword", (s) => ({ hostname: "h", rootPassword: { plain: s } }), () => "Password for root account"],
    ["user.password", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, user: { login: "u", password: { plain: s } } }), () => "Password for user u"],
    ["user.fullName", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, user: { login: "u", fullName: s, password: { plain: "x" } } }), () => "Full name for user u"],
    ["timezone", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, timezone: s }), () => "What timezone are you in"],
    ["sets.server", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, sets: { server: s } }), () => "HTTP Server"],
    ["sets.proxy", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, sets: { server: "s", proxy: s } }), () => "HTTP proxy URL"],
    ["sets.directory", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, sets: { server: "s", directory: s } }), () => "Server directory"],
    ["sets.selection", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, sets: { server: "s", selection: s, acceptSiteSets: true } }), () => "Set name(s)"],
    ["dns.domain", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, dns: { domain: s } }), () => "DNS domain name"],
    ["rootDisk", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, rootDisk: s }), () => "Which disk is the root disk"],
    ["user.login", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, user: { login: s, password: { plain: "x" } } }), () => "Setup a user"],
    ["diskLayout.templateUrl", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, diskLayout: { templateUrl: s } }), () => "URL to autopartitioning template for disklabel"],
    ["interfaces[0].name", (s) => ({ hostname: "h", rootPassword: { plain: "x" }, interfaces: [{ name: s }] }), (s) => `Network interface to configure`],
  ];
  fc.assert(
    fc.property(fc.constantFrom(...fields), trickyString(40), ([field, build, key], value) => {
      let text: string;
      try {
        text = installConf(build(value));
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.is((e as UnwritableValueError).field, field);
        return;
      }
      const answer = parse(text).model.answers.find((a) => a.key === key(value));
      assert.is(answer?.answer, value);
    }),
    { numRuns },
  );
});

test("install.conf: any answers either round-trip through generate and parse or are refused naming the field", () => {
  fc.assert(
    fc.property(fc.array(fc.record({ key: trickyString(20), answer: trickyString(20) }, { noNullPrototype: true }), { maxLength: 5 }), (answers) => {
      let text: string;
      try {
        text = generate({ answers });
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        assert.match((e as UnwritableValueError).field ?? "", /^answers\[\d+\]\.(key|answer)$/);
        return;
      }
      const doc = parse(text);
      assert.equal(doc.model.answers, answers);
      // Read back without a reading problem (keys need not be real questions here).
      const reading = new Set(["IGNORED_LINE", "LAST_LINE_NOT_READ", "CARRIAGE_RETURN"]);
      assert.equal(doc.diagnostics.filter((d) => reading.has(d.code)), []);
    }),
    { numRuns },
  );
});

test("validate: any JSON value as a model gives path diagnostics, never a throw; writable models have no UNWRITABLE_VALUE", () => {
  const value = fc.oneof(trickyString(12), fc.integer(), fc.constant(null), fc.boolean());
  const answer = fc.oneof({ weight: 4, arbitrary: fc.record({ key: value, answer: value }, { noNullPrototype: true }) }, { weight: 1, arbitrary: value });
  const model = fc.oneof({ weight: 6, arbitrary: fc.record({ answers: fc.array(answer, { maxLength: 4 }) }, { noNullPrototype: true }) }, { weight: 1, arbitrary: value });
  fc.assert(
    fc.property(model, (m) => {
      const diagnostics = validate(m as unknown as InstallConf);
      for (const d of diagnostics) {
        assert.match(d.path, /^$|^answers(\[\d+\](\.(key|answer))?)?$/);
        assert.not.ok("line" in d);
      }
      let writable = true;
      try {
        generate(m as unknown as InstallConf);
      } catch (e) {
        assert.ok(e instanceof UnwritableValueError, String(e));
        writable = false;
      }
      assert.is(diagnostics.some((d) => d.code === "UNWRITABLE_VALUE"), !writable);
    }),
    { numRuns },
  );
});

test("update: the result reads back as the changed model; untouched lines keep their bytes", () => {
  const word = fc.stringMatching(/^[A-Za-z0-9()'.,:-]{1,8}$/);
  const key = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
  const answerArb = fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(" "));
  const line = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom("", " ", "\t"), key, fc.constantFrom(" = ", "=", "  =\t"), answerArb).map(([lead, k, eq, a]) => `${lead}${k}${eq}${a}`) },
    { weight: 1, arbitrary: fc.constantFrom("# comment", "", "   ", "no equals here") },
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 10 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom("set", "remove", "insert")), { maxLength: 3 }), answerArb, (lines, edits, value) => {
      const text = lines.map((l) => `${l}\n`).join("");
      const doc = parse(text);
      const expected = structuredClone(doc.model);
      const apply = (m: typeof expected): void => {
        for (const [i, kind] of edits) {
          const n = m.answers.length;
          if (kind === "insert") m.answers.splice(n ? i % (n + 1) : 0, 0, { key: `Inserted ${i}`, answer: value });
          else if (n && kind === "set") m.answers[i % n]!.answer = value;
          else if (n) m.answers.splice(i % n, 1);
        }
      };
      apply(expected);
      const after = update(doc, apply);
      assert.equal(parse(after).model, expected);
      const kept = new Set(after.split("\n"));
      for (const l of lines) if (!l.includes("=")) assert.ok(kept.has(l), `kept: ${JSON.stringify(l)}`);
    }),
    { numRuns },
  );
});

test("every random password survives the installer's reading", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 64 }), (length) => {
      const p = randomPassword(length);
      assert.is(p.length, length);
      const doc = parse(`Password for root account = ${p}\n`);
      assert.equal(doc.model.answers, [{ key: "Password for root account", answer: p }]);
    }),
    { numRuns },
  );
});

const sizeArb = fc.tuple(fc.integer({ min: 1, max: 4096 }), fc.constantFrom("K", "M", "G", "T", "k", "m", "g")).map(([n, u]) => `${n}${u}`);
const templateArb = fc.array(
  fc.record(
    {
      mountPoint: fc.oneof(fc.constantFrom("/", "swap", "raid", "SWAP"), fc.stringMatching(/^\/[a-z0-9_./-]{1,20}$/)),
      size: fc.oneof(
        fc.constant({ kind: "rest" as const }),
        sizeArb.map((size) => ({ kind: "fixed" as const, size })),
        fc.tuple(sizeArb, fc.oneof(sizeArb, fc.constant("*"))).map(([min, max]) => ({ kind: "range" as const, min, max })),
      ),
      percent: fc.integer({ min: 0, max: 100 }),
    },
    { requiredKeys: ["mountPoint", "size"], noNullPrototype: true },
  ),
  { maxLength: 12 },
);

test("disklabel templates round-trip through generate and parse", () => {
  fc.assert(
    fc.property(templateArb, (partitions) => {
      const model = { partitions };
      const doc = disklabel.parse(disklabel.generate(model));
      assert.equal(doc.model, model);
      assert.not.ok(doc.diagnostics.some((d) => d.code === "PARSE_ERROR"));
    }),
    { numRuns },
  );
});

test("parse and explain never throw; lines cover the text; disklabel.parse never throws", () => {
  fc.assert(
    fc.property(fc.oneof(trickyString(200), fc.string({ unit: fc.constantFrom("a", "=", " ", "\t", "\n", "#", "\r", "S", "/", "1", "G", "-", "*", "%"), maxLength: 200 })), (text) => {
      const doc = parse(text);
      assert.equal(parse(new TextEncoder().encode(text)).model, doc.model, "bytes read as UTF-8");
      let previous = 0;
      for (const line of doc.syntax.lines) {
        assert.ok(line.lineEnd >= previous && line.start >= previous && line.end <= line.lineEnd);
        previous = line.lineEnd;
      }
      assert.is(previous, text.length);
      for (const release of ["6.5", "7.8"] as const) explain(doc, { release });
      const d = disklabel.parse(text);
      for (const x of d.diagnostics) assert.ok(x.line >= 1 && x.column >= 1);
    }),
    { numRuns },
  );
});

test.run();
