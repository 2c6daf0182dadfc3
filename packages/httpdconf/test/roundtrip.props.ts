// Properties of generate and update over arbitrary valid models
// (arbitraries.ts): round trip (parse(generate(m)).model equals m, no
// diagnostics), no injection (any string, any JSON value in a field is
// refused naming that field or read back the same), edit locality (update
// keeps the bytes of every server it did not change, and the result parses
// to the changed model).
import { existsSync } from "node:fs";
import { UnwritableValueError } from "@obsdconf/core";
import { propertyRuns, trickyString } from "@obsdconf/core/testing";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { generate } from "../src/generate.js";
import { emptyHttpdConf, emptyLocation, emptyServer, type HttpdConf, type Server } from "../src/model.js";
import { httpdConfArb, serverArb, without65Lacks } from "./arbitraries.js";

interface Doc {
  text: string;
  model: HttpdConf;
  diagnostics: Array<{ severity: string; line: number; message: string; code: string }>;
}
type ParseFn = (text: string, options?: { release?: string }) => Doc;
type UpdateFn = (doc: Doc, change: (m: HttpdConf) => HttpdConf | void) => string;

/** A module of src/, once it exists (written by another engineer in parallel). */
async function load<T>(file: string, name: string): Promise<T | undefined> {
  if (!existsSync(new URL(`../src/${file}.ts`, import.meta.url))) return undefined;
  const path = `../src/${file}.js`;
  return ((await import(path)) as Record<string, T | undefined>)[name];
}

const parse = await load<ParseFn>("parse", "parse");
const update = parse ? await load<UpdateFn>("edit", "update") : undefined;
const numRuns = propertyRuns();

function roundTrip(p: ParseFn, model: HttpdConf): void {
  const text = generate(model);
  const doc = p(text);
  assert.equal(doc.diagnostics, [], `diagnostics in generated text:\n${text}`);
  assert.equal(doc.model, model, `model differs after parse(generate(m)):\n${text}`);
}

const server = (fields: Partial<Server> = {}): Server => ({ ...emptyServer("a"), listen: [{ address: "*", port: 80 }], ...fields });
const withServer = (fields: Partial<Server>): HttpdConf => ({ ...emptyHttpdConf(), servers: [server(fields)] });

/** Every string field, with a model that holds `v` there and nothing else unusual. */
const STRING_SLOTS: Array<[string, (v: string) => HttpdConf]> = [
  ["macros[0].value", (v) => ({ ...emptyHttpdConf(), macros: [{ name: "m", value: v }], servers: [server()] })],
  ["chroot", (v) => ({ ...emptyHttpdConf(), chroot: v, servers: [server()] })],
  ["defaultType", (v) => ({ ...emptyHttpdConf(), defaultType: `text/${v}`, servers: [server()] })],
  ["servers[0].name", (v) => withServer({ name: v })],
  ["servers[0].aliases[0].name", (v) => withServer({ aliases: [{ name: v }] })],
  ["servers[0].listen[0].address", (v) => withServer({ listen: [{ address: v, port: 80 }] })],
  ["servers[0].listen[0].port", (v) => withServer({ listen: [{ address: "*", port: v }] })],
  ["servers[0].root", (v) => withServer({ root: v })],
  ["servers[0].request.rewrite", (v) => withServer({ request: { rewrite: v } })],
  ["servers[0].directory.index", (v) => withServer({ directory: { index: v } })],
  ["servers[0].log.access", (v) => withServer({ log: { access: v } })],
  ["servers[0].fastcgi.socket.path", (v) => withServer({ fastcgi: { socket: { kind: "unix", path: v }, params: [] } })],
  ["servers[0].fastcgi.socket.host", (v) => withServer({ fastcgi: { socket: { kind: "tcp", host: v }, params: [] } })],
  ["servers[0].fastcgi.params[0].name", (v) => withServer({ fastcgi: { params: [{ name: v, value: "x" }] } })],
  ["servers[0].fastcgi.params[0].value", (v) => withServer({ fastcgi: { params: [{ name: "X", value: v }] } })],
  ["servers[0].authenticate.realm", (v) => withServer({ authenticate: { realm: v, htpasswd: "/h" } })],
  ["servers[0].access.uri", (v) => withServer({ access: { action: "return", code: 302, uri: v } })],
  ["servers[0].headers[0].value", (v) => withServer({ headers: [{ action: "add", name: "X", value: v }] })],
  ["servers[0].locations[0].pattern", (v) => withServer({ locations: [{ ...emptyLocation(v), root: "/" }] })],
  ["servers[0].locations[0].root", (v) => withServer({ locations: [{ ...emptyLocation("/x"), root: v }] })],
  [
    "servers[0].listen[1].address",
    (v) => withServer({ listen: [{ address: "*", port: 443, tls: true }, { address: v, port: 443, tls: true }], tls: { certificate: "/c" } }),
  ],
  ["servers[0].tls.ciphers", (v) => withServer({ listen: [{ address: "*", port: 443, tls: true }], tls: { ciphers: v } })],
  ["types[0].media[0].extensions[0]", (v) => ({ ...emptyHttpdConf(), servers: [server()], types: [{ media: [{ type: "text/plain", extensions: [v] }], includes: [] }] })],
];

/** Fields that take any JSON value in the no-injection property. */
const ANY_SLOTS: Array<[string, (v: unknown) => HttpdConf]> = [
  ["prefork", (v) => ({ ...emptyHttpdConf(), prefork: v as number, servers: [server()] })],
  ["servers[0].name", (v) => withServer({ name: v as string })],
  ["servers[0].match", (v) => withServer({ match: v as boolean })],
  ["servers[0].listen[0].port", (v) => withServer({ listen: [{ address: "*", port: v as number }] })],
  ["servers[0].tcp.backlog", (v) => withServer({ tcp: { backlog: v as number } })],
  ["servers[0].log", (v) => withServer({ log: v as false })],
  ["servers[0].gzipStatic", (v) => withServer({ gzipStatic: v as boolean })],
  ["servers[0].locations[0].found", (v) => withServer({ locations: [{ ...emptyLocation("/x"), root: "/", found: v as boolean }] })],
];

test(`generate writes every valid model (${numRuns} runs)`, () => {
  fc.assert(
    fc.property(httpdConfArb(), (model) => {
      const text = generate(model);
      assert.ok(text.endsWith("}\n"));
      assert.is(generate(structuredClone(model)), text);
    }),
    { numRuns },
  );
});

if (parse) {
  test(`round trip: parse(generate(m)).model equals m with no diagnostics (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(httpdConfArb(), (model) => roundTrip(parse, model)),
      { numRuns },
    );
  });

  test(`round trip with macros and includes: the same model, no error (${Math.ceil(numRuns / 4)} runs)`, () => {
    // httpd -nv warns about unused macros; parse notes includes it does not follow.
    fc.assert(
      fc.property(httpdConfArb({ withMacros: true, withIncludes: true }), (model) => {
        const text = generate(model);
        const doc = parse(text);
        assert.equal(doc.diagnostics.filter((d) => d.severity === "error"), [], text);
        assert.equal(doc.model, model, text);
      }),
      { numRuns: Math.ceil(numRuns / 4) },
    );
  });

  test(`release 6.5: a model is refused naming a newer feature, or read back the same by 6.5's grammar (${Math.ceil(numRuns / 4)} runs)`, () => {
    const newer = /\.(gzipStatic|errdocs|banner|found|strip|socket|style)$|^(errdocs|banner)$|\.headers\[\d+\]$/;
    fc.assert(
      fc.property(fc.oneof(httpdConfArb(), httpdConfArb().map(without65Lacks)), (model) => {
        let text: string;
        try {
          text = generate(model, { release: "6.5" });
        } catch (e) {
          assert.instance(e, UnwritableValueError);
          assert.match((e as UnwritableValueError).field ?? "", newer);
          assert.match((e as Error).message, "httpd of OpenBSD 6.5 has no");
          return;
        }
        const doc = parse(text, { release: "6.5" });
        assert.equal(doc.diagnostics, [], text);
        assert.equal(doc.model, model, text);
      }),
      { numRuns: Math.ceil(numRuns / 4) },
    );
  });

  test(`no injection through strings: refused naming the field, or read back the same (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...STRING_SLOTS), trickyString(), ([field, make], value) => {
        const model = make(value);
        let text: string;
        try {
          text = generate(model);
        } catch (e) {
          assert.instance(e, UnwritableValueError);
          // defaultType is written as type/subtype: the refusal names the whole field.
          assert.is((e as UnwritableValueError).field, field);
          return;
        }
        const doc = parse(text);
        const syntax = doc.diagnostics.filter((d) => (d as { syntax?: boolean }).syntax === true);
        assert.equal(syntax, [], text);
        assert.equal(doc.model, model, text);
      }),
      { numRuns },
    );
  });

  test(`no injection through any JSON value: refused naming the field, or read back the same (${numRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...ANY_SLOTS), fc.jsonValue(), ([field, make], value) => {
        const model = make(value);
        let text: string;
        try {
          text = generate(model);
        } catch (e) {
          assert.instance(e, UnwritableValueError);
          assert.ok((e as UnwritableValueError).field?.startsWith(field), `${(e as UnwritableValueError).field} is not in ${field}`);
          return;
        }
        const doc = parse(text);
        const syntax = doc.diagnostics.filter((d) => (d as { syntax?: boolean }).syntax === true);
        assert.equal(syntax, [], text);
        // A flag the model holds only as true: false is written as nothing, like absent.
        const expected = structuredClone(model);
        if (field === "servers[0].match" && value === false) delete expected.servers[0]!.match;
        assert.equal(doc.model, expected, text);
      }),
      { numRuns },
    );
  });
} else {
  test.skip("round trip (src/parse.ts does not exist yet)", () => {});
  test.skip("round trip with macros and includes (src/parse.ts does not exist yet)", () => {});
  test.skip("release 6.5 (src/parse.ts does not exist yet)", () => {});
  test.skip("no injection through strings (src/parse.ts does not exist yet)", () => {});
  test.skip("no injection through any JSON value (src/parse.ts does not exist yet)", () => {});
}

if (parse && update) {
  type Op = "root" | "remove" | "add" | "location" | "listen";
  /** Applies one edit to a model (a draft in update, a plain copy for the expectation); returns the index of the server it touched. */
  const apply = (m: HttpdConf, op: Op, at: number, extra: Server): number => {
    const s = m.servers[at]!;
    if (op === "root") s.root = "/changed root";
    else if (op === "remove" && m.servers.length > 1) m.servers.splice(at, 1);
    else if (op === "add") {
      m.servers.push(extra);
      return -1;
    } else if (op === "location") s.locations.push({ ...emptyLocation("/added/*"), request: { strip: 1 } });
    else s.listen[0]!.port = 2000 + at;
    return at;
  };
  test(`edit locality: servers update did not change keep their bytes; the result parses to the changed model (${numRuns} runs)`, () => {
    const changeArb = fc.record({
      model: httpdConfArb({ maxServers: 4 }),
      pick: fc.nat(),
      op: fc.constantFrom<Op>("root", "remove", "add", "location", "listen"),
      extra: serverArb(9).map((s) => JSON.parse(JSON.stringify(s)) as Server),
    });
    fc.assert(
      fc.property(changeArb, ({ model, pick, op, extra }) => {
        const text = generate(model);
        const doc = parse(text);
        const at = pick % model.servers.length;
        let touched = -1;
        const out = update(doc, (m) => {
          touched = apply(m, op, at, extra);
        });
        const expected = JSON.parse(JSON.stringify(model)) as HttpdConf;
        apply(expected, op, at, extra);
        const again = parse(out);
        assert.equal(again.diagnostics, [], out);
        assert.equal(again.model, expected, out);
        // Every other server block is in the output byte for byte.
        model.servers.forEach((s, i) => {
          if (i === touched) return;
          const block = generate({ ...emptyHttpdConf(), servers: [s] });
          assert.ok(out.includes(block), `server ${i} changed:\n${out}`);
        });
        // An empty change returns the text itself.
        assert.is(update(doc, () => {}), text);
      }),
      { numRuns },
    );
  });

  test(`edit locality in a decorated file: comments, blank lines and indentation survive an edit (${numRuns} runs)`, () => {
    const decorated = fc.record({
      model: httpdConfArb({ maxServers: 3 }),
      indent: fc.constantFrom("  ", "    ", "\t"),
      marks: fc.array(fc.tuple(fc.nat(), fc.constantFrom("# note", "", "\t# indented note")), { maxLength: 6 }),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(decorated, ({ model, indent, marks, pick }) => {
        const lines = generate(model, { indent }).split("\n");
        for (const [at, extra] of marks) lines.splice(at % lines.length, 0, extra);
        const text = lines.join("\n");
        const doc = parse(text);
        assert.equal(doc.model, model, text);
        const at = pick % model.servers.length;
        const out = update(doc, (m) => {
          m.servers[at]!.root = "/new";
        });
        const expected = JSON.parse(JSON.stringify(model)) as HttpdConf;
        expected.servers[at]!.root = "/new";
        assert.equal(parse(out).model, expected, out);
        // Every line of the input but a root line is still there, in order.
        const kept = out.split("\n");
        let k = 0;
        for (const line of lines) {
          if (line.trimStart().startsWith("root ")) continue;
          while (k < kept.length && kept[k] !== line) k++;
          assert.ok(k < kept.length, `line lost: ${JSON.stringify(line)}\n${out}`);
          k++;
        }
      }),
      { numRuns },
    );
  });
} else {
  test.skip("edit locality (src/parse.ts or src/edit.ts does not exist yet)", () => {});
  test.skip("edit locality in a decorated file (src/parse.ts or src/edit.ts does not exist yet)", () => {});
}

test.run();
