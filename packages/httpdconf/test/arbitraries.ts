// fast-check arbitraries for valid httpd.conf models: written by generate,
// httpd (and parse) accept them with no diagnostics. They keep clear of
// httpd's checks (research/httpdconf.md §3.1, §5, §12.3): every server
// listens somewhere; servers never share an address and port (no duplicate,
// tls/non-tls or tls mismatch errors); tls options only with a tls listener;
// locations unique per server by pattern and found flag; return codes httpd
// knows, a URI only with 3xx; numbers in httpd's ranges; strings within the
// length limits. Free strings carry the characters a lexer treats specially
// (quotes, `#`, `$`, braces, commas, backslashes, blanks, non-ASCII) but no
// newline, NUL or lone surrogate and no trailing backslash, which generate
// refuses. Flags such as `match` are true or absent, as parse gives them.
import fc from "fast-check";
import type {
  Access,
  Alias,
  CommonOptions,
  FastcgiOptions,
  Header,
  HttpdConf,
  Listen,
  Location,
  LogOptions,
  Macro,
  MediaType,
  Server,
  TlsOptions,
  TypesBlock,
} from "../src/model.js";

const chars = (set: string): fc.Arbitrary<string> => fc.constantFrom(...set);
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const WORDY = `${LOWER}ABCXYZ0123456789._-`;
const SPECIAL = ` "'#$\\{},;=/*%:é€\t`;

/** A string of word characters and the characters lexers treat specially; no trailing backslash. */
export const freeString = (minLength = 0, maxLength = 16): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.oneof({ weight: 3, arbitrary: chars(WORDY) }, { weight: 1, arbitrary: chars(SPECIAL) }), minLength, maxLength })
    .map((s) => (s.endsWith("\\") ? `${s}x` : s));

/** A path: `/` then free path characters. */
export const pathString = (maxLength = 24): fc.Arbitrary<string> => freeString(0, maxLength - 1).map((s) => `/${s}`);

// Flags the model holds only as true (a `match`, `tls`, `optional`... that was written); absent otherwise.
const yes = fc.constant(true as const);

const word = fc.tuple(chars(LOWER), fc.string({ unit: chars(`${LOWER}0123456789-`), maxLength: 10 })).map(([a, b]) => a + b);

/** A media type or subtype part: a word, or free text (quoted by generate). */
const mediaPart = fc.oneof(word, freeString(1, 12).filter((s) => !s.includes("/")));

// Every server listens on its own ports (1000 + 10 * index + k), so servers never share an address and port.
const ADDRESSES = ["*", "::", "egress", "lo0", "vio0", "127.0.0.1", "192.0.2.1", "2001:db8::1", "fe80::1%vio0"];
const RETURN_3XX = [301, 302, 303, 307, 308];
// Codes in http.h's HTTP_ERRORS table (418 is not: `invalid return code: 418`).
const RETURN_OTHER = [200, 400, 401, 403, 404, 405, 410, 429, 500, 501, 503];

const logArb: fc.Arbitrary<LogOptions | false> = fc.oneof(
  fc.constant(false as const),
  fc.record(
    {
      access: freeString(1, 20),
      error: freeString(1, 20),
      style: fc.constantFrom("common" as const, "combined" as const, "connection" as const, "forwarded" as const),
      syslog: fc.boolean(),
    },
    { requiredKeys: [], noNullPrototype: true },
  ).filter((l) => Object.keys(l).length > 0),
);

const fastcgiArb: fc.Arbitrary<FastcgiOptions | false> = fc.oneof(
  fc.constant(false as const),
  fc.record(
    {
      socket: fc.oneof(
        pathString(60).map((path) => ({ kind: "unix" as const, path })),
        fc
          .record({ host: fc.constantFrom("127.0.0.1", "::1", "192.0.2.9"), port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constant("www")) }, {
            requiredKeys: ["host"],
            noNullPrototype: true,
          })
          .map((s) => ({ kind: "tcp" as const, ...s })),
      ),
      params: fc.array(fc.record({ name: fc.oneof(word.map((w) => w.toUpperCase()), freeString(1, 12)), value: freeString(0, 20) }), { maxLength: 3 }),
      strip: fc.integer({ min: 0, max: 2147483647 }),
    },
    { requiredKeys: ["params"], noNullPrototype: true },
  ),
);

const accessArb: fc.Arbitrary<Access> = fc.oneof(
  fc.constant<Access>({ action: "block" }),
  fc.constant<Access>({ action: "drop" }),
  fc.constant<Access>({ action: "pass" }),
  fc.constantFrom(...RETURN_OTHER).map((code): Access => ({ action: "return", code })),
  fc.record({ code: fc.constantFrom(...RETURN_3XX), uri: freeString(0, 30) }, { requiredKeys: ["code"], noNullPrototype: true }).map((r): Access => ({ action: "return", ...r })),
);

const headerArb: fc.Arbitrary<Header> = fc.oneof(
  fc.record({ always: yes, name: freeString(1, 20), value: freeString(0, 30) }, { requiredKeys: ["name", "value"], noNullPrototype: true }).map((h): Header => ({ action: "add", ...h })),
  freeString(1, 20).map((name): Header => ({ action: "hide", name })),
);

/** Options of servers and locations, each field present or not. */
const commonArb = (withIncludes: boolean): fc.Arbitrary<CommonOptions> =>
  fc
    .record(
      {
        root: pathString(),
        request: fc
          .record({ rewrite: fc.oneof(fc.constant(false as const), pathString()), strip: fc.integer({ min: 0, max: 2147483647 }) }, { requiredKeys: [], noNullPrototype: true })
          .filter((r) => Object.keys(r).length > 0),
        directory: fc
          .record({ autoIndex: fc.boolean(), index: fc.oneof(fc.constant(false as const), freeString(1, 16)) }, { requiredKeys: [], noNullPrototype: true })
          .filter((d) => Object.keys(d).length > 0),
        log: logArb,
        fastcgi: fastcgiArb,
        authenticate: fc.oneof(
          fc.constant(false as const),
          fc.record({ realm: freeString(0, 20), htpasswd: pathString() }, { requiredKeys: ["htpasswd"], noNullPrototype: true }),
        ),
        access: accessArb,
        defaultType: fc.tuple(mediaPart, mediaPart).map(([a, b]) => `${a}/${b}`),
        gzipStatic: fc.boolean(),
        headers: fc.array(headerArb, { maxLength: 2 }),
        includes: withIncludes ? fc.array(pathString(), { maxLength: 2 }) : fc.constant<string[]>([]),
      },
      { requiredKeys: ["headers", "includes"], noNullPrototype: true },
    );

const tlsArb: fc.Arbitrary<TlsOptions> = fc
  .record(
    {
      certificate: pathString(),
      key: pathString(),
      ocsp: pathString(),
      ciphers: fc.constantFrom("secure", "compat", "HIGH:!aNULL", "legacy"),
      dhe: fc.constantFrom("none", "legacy", "auto"),
      ecdhe: fc.constantFrom("default", "X25519,P-256", "P-384"),
      protocols: fc.constantFrom("default", "secure", "all", "tlsv1.2", "tlsv1.3", "tlsv1.2,tlsv1.3"),
      clientCa: fc.record({ ca: pathString(), crl: pathString(), optional: yes }, { requiredKeys: ["ca"], noNullPrototype: true }),
      ticketLifetime: fc.oneof(fc.constant("default" as const), fc.constant(0), fc.integer({ min: 60, max: 86400 })),
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .filter((t) => Object.keys(t).length > 0);

/** A location with at least one option and the given pattern and flags. */
const locationArb = (withIncludes: boolean): fc.Arbitrary<Location> =>
  fc
    .record({
      pattern: fc.oneof(pathString(40), freeString(1, 20)),
      match: fc.option(yes, { nil: undefined }),
      found: fc.option(fc.boolean(), { nil: undefined }),
      options: commonArb(withIncludes),
    })
    .filter(({ options }) => Object.keys(options).length > 2 || options.headers.length + options.includes.length > 0)
    .map(({ pattern, match, found, options }) => {
      const l: Location = { pattern, ...options };
      if (match !== undefined) l.match = match;
      if (found !== undefined) l.found = found;
      return l;
    });

/** Server `i` of a model: a unique name, its own addresses, every option possibly set. */
export const serverArb = (i: number, withIncludes = false): fc.Arbitrary<Server> =>
  fc
    .record({
      suffix: freeString(0, 12),
      match: fc.option(yes, { nil: undefined }),
      tls: fc.boolean(),
      plainCount: fc.integer({ min: 0, max: 2 }),
      aliases: fc.array(fc.record({ name: freeString(0, 12), match: fc.option(yes, { nil: undefined }) }), { maxLength: 2 }),
      options: fc.record(
        {
          errdocs: fc.oneof(fc.constant(false as const), pathString()),
          banner: fc.boolean(),
          tcp: fc
            .record(
              {
                backlog: fc.integer({ min: 0, max: 1024 }),
                ipMinTtl: fc.integer({ min: 0, max: 255 }),
                ipTtl: fc.integer({ min: 0, max: 255 }),
                nodelay: fc.boolean(),
                sack: fc.boolean(),
                socketBuffer: fc.integer({ min: 0, max: 1 << 24 }),
              },
              { requiredKeys: [], noNullPrototype: true },
            )
            .filter((t) => Object.keys(t).length > 0),
          connection: fc
            .record(
              {
                maxRequestBody: fc.integer({ min: 0, max: 1 << 30 }),
                maxRequests: fc.integer({ min: 0, max: 10000 }),
                requestTimeout: fc.integer({ min: 0, max: 2147483647 }),
                timeout: fc.integer({ min: 0, max: 2147483647 }),
              },
              { requiredKeys: [], noNullPrototype: true },
            )
            .filter((c) => Object.keys(c).length > 0),
          tls: tlsArb,
          hsts: fc.record({ maxAge: fc.integer({ min: 0, max: 2147483647 }), subdomains: yes, preload: yes }, { requiredKeys: [], noNullPrototype: true }),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
      common: commonArb(withIncludes),
      locations: fc.array(locationArb(withIncludes), { maxLength: 3 }),
    })
    .map(({ suffix, match, tls, plainCount, aliases, options, common, locations }) => {
      const listen: Listen[] = [];
      for (let k = 0; k < plainCount; k++) listen.push({ address: ADDRESSES[(i + k) % ADDRESSES.length]!, port: 1000 + i * 10 + k });
      if (tls || listen.length === 0) listen.push({ address: ADDRESSES[(i + 3) % ADDRESSES.length]!, tls: true, port: 1000 + i * 10 + 5 });
      const hasTls = listen.some((l) => l.tls);
      const { tls: tlsOptions, ...rest } = options;
      const s: Server = {
        name: `s${i}${suffix}`,
        aliases: aliases.map((a, j): Alias => {
          const alias: Alias = { name: `a${j}.s${i}${a.name}` };
          if (a.match !== undefined) alias.match = a.match;
          return alias;
        }),
        listen,
        ...rest,
        ...(hasTls && tlsOptions ? { tls: tlsOptions } : {}),
        ...common,
        // Unique by pattern and found flag, as httpd requires.
        locations: locations.filter(
          (l, j) => locations.findIndex((o) => o.pattern === l.pattern && (o.found ?? null) === (l.found ?? null)) === j,
        ),
      };
      if (match !== undefined) s.match = match;
      return s;
    });

const mediaArb: fc.Arbitrary<MediaType> = fc.record({
  type: fc.tuple(mediaPart, mediaPart).map(([a, b]) => `${a}/${b}`),
  extensions: fc.array(fc.oneof(word, freeString(1, 8)), { minLength: 1, maxLength: 3 }),
});

const typesArb = (withIncludes: boolean): fc.Arbitrary<TypesBlock> =>
  fc
    .record({ media: fc.array(mediaArb, { maxLength: 3 }), includes: withIncludes ? fc.array(pathString(), { maxLength: 1 }) : fc.constant<string[]>([]) })
    .filter((t) => t.media.length + t.includes.length > 0)
    .map((t) => {
      // httpd keeps one type per extension: make them unique within the model's block.
      const seen = new Set<string>();
      return { ...t, media: t.media.map((m) => ({ ...m, extensions: m.extensions.filter((e) => !seen.has(e) && (seen.add(e), true)) })).filter((m) => m.extensions.length > 0) };
    })
    .filter((t) => t.media.length + t.includes.length > 0);

/** Options of {@link httpdConfArb}. */
export interface ConfArbOptions {
  /** Include `include` statements (parse may report them as not followed). */
  withIncludes?: boolean;
  /** Include macro definitions (httpd -v warns about unused ones). */
  withMacros?: boolean;
  /** Most servers in a model (default 3). */
  maxServers?: number;
}

/** A valid httpd.conf model of the newest release. */
export const httpdConfArb = (options: ConfArbOptions = {}): fc.Arbitrary<HttpdConf> => {
  const withIncludes = options.withIncludes ?? false;
  return fc
    .record({
      macros: options.withMacros ? fc.array(fc.record({ name: word.map((w) => `m_${w.replace(/-/g, "_")}`), value: freeString(0, 12) }), { maxLength: 2 }) : fc.constant<Macro[]>([]),
      includes: withIncludes ? fc.array(pathString(), { maxLength: 2 }) : fc.constant<string[]>([]),
      globals: fc.record(
        {
          chroot: pathString(),
          logdir: pathString(),
          prefork: fc.integer({ min: 1, max: 32 }),
          defaultType: fc.tuple(mediaPart, mediaPart).map(([a, b]) => `${a}/${b}`),
          errdocs: pathString(),
          banner: fc.constant(false as const),
        },
        { requiredKeys: [], noNullPrototype: true },
      ),
      serverCount: fc.integer({ min: 1, max: options.maxServers ?? 3 }),
      types: fc.array(typesArb(withIncludes), { maxLength: 1 }),
    })
    .chain(({ macros, includes, globals, serverCount, types }) =>
      fc.tuple(...Array.from({ length: serverCount }, (_, i) => serverArb(i, withIncludes))).map(
        // Plain objects, as parse makes them (fast-check may give null-prototype ones).
        (servers): HttpdConf => JSON.parse(JSON.stringify({ macros, includes, ...globals, servers, types })) as HttpdConf,
      ),
    );
};

/**
 * `model` without what httpd of 6.5 lacks (releases.ts): gzip-static,
 * errdocs, banner, header, location found/not found, fastcgi over tcp,
 * fastcgi strip and the forwarded log style.
 */
export function without65Lacks(model: HttpdConf): HttpdConf {
  const m = JSON.parse(JSON.stringify(model)) as HttpdConf;
  delete m.errdocs;
  delete m.banner;
  const common = (b: CommonOptions): void => {
    delete b.gzipStatic;
    b.headers = [];
    if (b.fastcgi) {
      delete b.fastcgi.strip;
      if (b.fastcgi.socket?.kind === "tcp") delete b.fastcgi.socket;
    }
    if (b.log && b.log.style === "forwarded") b.log.style = "combined";
  };
  for (const s of m.servers) {
    delete s.errdocs;
    delete s.banner;
    common(s);
    for (const l of s.locations) {
      common(l);
      delete l.found;
    }
    // Dropping `found` may leave two locations alike: httpd would call it `defined twice`.
    s.locations = s.locations.filter((l, j) => s.locations.findIndex((o) => o.pattern === l.pattern) === j);
    const isOption = (k: string): boolean => !["pattern", "match", "found", "headers", "includes"].includes(k);
    s.locations = s.locations.filter((l) => Object.keys(l).some(isOption) || l.includes.length > 0);
  }
  return m;
}
