// update(): each case gives an input, a change and the whole text expected,
// written by hand from httpd.conf(5) syntax and the editing rules of
// DESIGN.md (only changed statements rewritten, indentation copied from the
// neighbours, comments attached to a removed block removed with it, new
// servers after the last server, new options in canonical order).
import { UnwritableValueError } from "@obsdconf/core";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { update, UpdateError, type EditableDocument } from "../src/edit.js";
import { emptyLocation, emptyServer, type HttpdConf } from "../src/model.js";

// parse is written at the same time as update: without it these tests are skipped, and counted.
type ParseFn = (text: string) => EditableDocument;
let parse: ParseFn | undefined;
let missing = "";
try {
  const path = "../src/parse.js"; // a variable: the module may not exist yet
  ({ parse } = (await import(path)) as { parse: ParseFn });
} catch (error) {
  missing = (error as Error).message.split("\n")[0]!;
}
const check = (name: string, fn: () => void): void => (parse ? test(name, fn) : test.skip(`${name} (parse unavailable: ${missing})`, fn));

const host = `# /etc/httpd.conf of vmhost1
ext_addr = "192.0.2.1"
prefork 5

# the public site
server "www.example.com" {
	listen on $ext_addr port 80
	alias "example.com"
	root "/htdocs/www"

	location "/pub/*" {
		directory auto index
	}
}

server "install.example.com" {
	listen on 192.0.2.1 port 8080
	root "/htdocs"
}

types {
	include "/usr/share/misc/mime.types"
}
`;

interface Case {
  name: string;
  input?: string;
  change: (m: HttpdConf) => HttpdConf | void;
  expected: string;
}

const cases: Case[] = [
  {
    name: "changing a server's root rewrites that line only",
    change: (m) => {
      m.servers[1]!.root = "/htdocs/install";
    },
    expected: host.replace('\troot "/htdocs"\n', '\troot "/htdocs/install"\n'),
  },
  {
    name: "a new option goes after the nearest earlier option kind, with the block's indentation",
    change: (m) => {
      m.servers[1]!.directory = { autoIndex: true };
      m.servers[0]!.log = { style: "combined" };
    },
    expected: host
      .replace('\troot "/htdocs/www"\n', '\troot "/htdocs/www"\n\tlog style combined\n')
      .replace('\troot "/htdocs"\n', '\troot "/htdocs"\n\tdirectory auto index\n'),
  },
  {
    name: "a new location goes after the last one, one level deeper",
    change: (m) => {
      m.servers[0]!.locations.push({ ...emptyLocation("/.well-known/acme-challenge/*"), root: "/acme", request: { strip: 2 } });
    },
    expected: host.replace(
      "\t\tdirectory auto index\n\t}\n",
      '\t\tdirectory auto index\n\t}\n\tlocation "/.well-known/acme-challenge/*" {\n\t\troot "/acme"\n\t\trequest strip 2\n\t}\n',
    ),
  },
  {
    name: "an option of a location is edited inside it",
    change: (m) => {
      m.servers[0]!.locations[0]!.directory = { autoIndex: false };
    },
    expected: host.replace("\t\tdirectory auto index\n", "\t\tdirectory no auto index\n"),
  },
  {
    name: "removing a server takes its comment and one blank line with it",
    change: (m) => {
      m.servers.splice(0, 1);
    },
    expected: `# /etc/httpd.conf of vmhost1
ext_addr = "192.0.2.1"
prefork 5

server "install.example.com" {
	listen on 192.0.2.1 port 8080
	root "/htdocs"
}

types {
	include "/usr/share/misc/mime.types"
}
`,
  },
  {
    name: "a new server goes after the last server, before types, blank lines as the file has them",
    change: (m) => {
      m.servers.push({ ...emptyServer("10.0.0.1"), listen: [{ address: "vport0", port: 80 }], root: "/htdocs/ai" });
    },
    expected: host.replace(
      '\troot "/htdocs"\n}\n',
      '\troot "/htdocs"\n}\n\nserver "10.0.0.1" {\n\tlisten on vport0 port 80\n\troot "/htdocs/ai"\n}\n',
    ),
  },
  {
    name: "renaming a server rewrites its header only",
    change: (m) => {
      m.servers[1]!.name = "ai.example.com";
    },
    expected: host.replace('server "install.example.com" {', 'server "ai.example.com" {'),
  },
  {
    name: "a changed listen port rewrites the listen line (the server pairs with its old self by name)",
    change: (m) => {
      m.servers[1]!.listen[0]!.port = 80;
    },
    expected: host.replace("\tlisten on 192.0.2.1 port 8080\n", "\tlisten on 192.0.2.1 port 80\n"),
  },
  {
    name: "removing an option removes its line; comments elsewhere stay",
    change: (m) => {
      delete m.servers[0]!.root;
      m.servers[0]!.aliases = [];
    },
    expected: host.replace('\talias "example.com"\n\troot "/htdocs/www"\n', ""),
  },
  {
    name: "global options are slots: changed in place, new ones after the last global before the servers",
    change: (m) => {
      m.prefork = 8;
      m.chroot = "/var/www";
    },
    expected: host.replace("prefork 5\n", 'prefork 8\nchroot "/var/www"\n'),
  },
  {
    name: "a new media line goes into the types block before its include",
    change: (m) => {
      m.types[0]!.media.push({ type: "text/plain", extensions: ["conf"] });
    },
    expected: host.replace('types {\n\tinclude "/usr/share/misc/mime.types"\n', 'types {\n\ttext/plain conf\n\tinclude "/usr/share/misc/mime.types"\n'),
  },
  {
    name: "an option group written in several statements becomes one, where the last one was",
    input: `server "secure" {
    listen on * tls port 443
    tls certificate "/etc/ssl/a.crt"
    root "/htdocs"
    tls {
        key "/etc/ssl/private/a.key"
    }
}
`,
    change: (m) => {
      m.servers[0]!.tls = { ...m.servers[0]!.tls, ciphers: "secure" };
    },
    expected: `server "secure" {
    listen on * tls port 443
    root "/htdocs"
    tls { certificate "/etc/ssl/a.crt", key "/etc/ssl/private/a.key", ciphers "secure" }
}
`,
  },
  {
    name: "a block written on one line is rewritten whole when its options change",
    input: `server "a" {
	listen on * port 80
	location "/x" { block }
}
`,
    change: (m) => {
      m.servers[0]!.locations[0]!.access = { action: "return", code: 404 };
    },
    expected: `server "a" {
	listen on * port 80
	location "/x" {
		block return 404
	}
}
`,
  },
  {
    name: "a location's pattern or flags changed rewrite its header only",
    change: (m) => {
      m.servers[0]!.locations[0]!.pattern = "/pub/OpenBSD/*";
      m.servers[0]!.locations[0]!.found = true;
    },
    expected: host.replace('\tlocation "/pub/*" {', '\tlocation found "/pub/OpenBSD/*" {'),
  },
  {
    name: "removing a location removes its block; a blank line before it stays",
    change: (m) => {
      m.servers[0]!.locations = [];
    },
    expected: host.replace('\n\tlocation "/pub/*" {\n\t\tdirectory auto index\n\t}\n', "\n"),
  },
  {
    name: "headers are a list inside a location: a new one goes after the last option",
    change: (m) => {
      m.servers[0]!.locations[0]!.headers.push({ action: "hide", name: "Server" });
    },
    expected: host.replace("\t\tdirectory auto index\n", '\t\tdirectory auto index\n\t\theader hide "Server"\n'),
  },
  {
    name: "a listen line that used a macro is rewritten with the value when it changes",
    change: (m) => {
      m.servers[0]!.listen[0]!.port = 8000;
    },
    expected: host.replace("\tlisten on $ext_addr port 80\n", "\tlisten on 192.0.2.1 port 8000\n"),
  },
  {
    name: "removing the types block and the last global",
    change: (m) => {
      m.types = [];
      delete m.prefork;
    },
    expected: host.replace("prefork 5\n", "").replace('}\n\ntypes {\n\tinclude "/usr/share/misc/mime.types"\n}\n', "}\n"),
  },
  {
    name: "the first server and types block of a file of globals go at its end, after a blank line",
    input: "# globals only\nprefork 3\n",
    change: (m) => {
      m.servers.push({ ...emptyServer("a"), listen: [{ address: "*", port: 80 }] });
      m.types.push({ media: [{ type: "text/plain", extensions: ["txt", "conf"] }], includes: [] });
    },
    expected: '# globals only\nprefork 3\n\nserver "a" {\n\tlisten on * port 80\n}\n\ntypes {\n\ttext/plain txt conf\n}\n',
  },
  {
    name: "an empty file gets the generated text",
    input: "",
    change: (m) => {
      m.servers.push({ ...emptyServer("a"), listen: [{ address: "*", port: 80 }] });
    },
    expected: 'server "a" {\n\tlisten on * port 80\n}\n',
  },
];

for (const c of cases) {
  check(c.name, () => {
    const doc = parse!(c.input ?? host);
    // (An empty file is refused by httpd, `no actions, nothing to do`, but it has no syntax error.)
    assert.equal(
      doc.diagnostics.filter((d) => d.severity === "error" && d.code !== "NO_ACTIONS"),
      [],
      "input has errors",
    );
    assert.is(update(doc, c.change), c.expected);
  });
}

check("no change returns the text unchanged", () => {
  const doc = parse!(host);
  assert.is(update(doc, () => {}), host);
  assert.is(
    update(doc, (m) => JSON.parse(JSON.stringify(m)) as HttpdConf),
    host,
  );
});

check("changing or removing a macro the file uses is refused; an unused one may go", () => {
  const doc = parse!(host);
  assert.throws(
    () =>
      update(doc, (m) => {
        m.macros[0]!.value = "192.0.2.2";
      }),
    (e: unknown) => e instanceof UpdateError && /macro 'ext_addr' is used on line 7/.test((e as Error).message),
  );
  assert.throws(
    () =>
      update(doc, (m) => {
        m.macros = [];
      }),
    (e: unknown) => e instanceof UpdateError,
  );
  const unused = parse!('unused = "x"\nserver "a" {\n\tlisten on * port 80\n}\n');
  assert.is(
    update(unused, (m) => {
      m.macros = [];
    }),
    'server "a" {\n\tlisten on * port 80\n}\n',
  );
});

check("a document with a syntax error is refused with its line", () => {
  const doc = parse!('server "a" {\n\tlisten on * port 80\n\tbogus option\n}\n');
  assert.throws(
    () => update(doc, () => {}),
    (e: unknown) => e instanceof UpdateError && /line 3/.test((e as Error).message),
  );
});

check("an unwritable value is refused naming its field; release features are checked", () => {
  const doc = parse!(host);
  assert.throws(
    () =>
      update(doc, (m) => {
        m.servers[1]!.root = "/a\n}";
      }),
    (e: unknown) => e instanceof UnwritableValueError && (e as UnwritableValueError).field === "servers[1].root",
  );
  assert.throws(
    () =>
      update(
        doc,
        (m) => {
          m.servers[1]!.gzipStatic = true;
        },
        { release: "7.0" },
      ),
    (e: unknown) => e instanceof UnwritableValueError && (e as UnwritableValueError).field === "servers[1].gzipStatic",
  );
});

test.run();
