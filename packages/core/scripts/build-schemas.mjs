#!/usr/bin/env node
// Writes the JSON Schema of a package's model types to dist/<name>.schema.json,
// generated from the TypeScript types by ts-json-schema-generator, so a schema
// cannot drift from its type. Run from the package directory after tsup
// (tsup empties dist):
//
//   node ../core/scripts/build-schemas.mjs FILE TYPE NAME [FILE TYPE NAME]…
//
// FILE is the source file declaring the exported type TYPE (relative to the
// package); NAME is the format's name (vm.conf, disklabel), used for the
// output file, the schema's $id and its title.
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createGenerator } from "ts-json-schema-generator";

const args = process.argv.slice(2);
if (args.length === 0 || args.length % 3 !== 0) {
  console.error("build-schemas: usage: node build-schemas.mjs FILE TYPE NAME [FILE TYPE NAME]…");
  process.exit(2);
}
// The repository's tsconfig: its compiler options (NodeNext, the "source"
// condition) let the generator follow imports of other workspace packages.
const tsconfig = new URL("../../../tsconfig.json", import.meta.url).pathname;
const out = resolve("dist");
mkdirSync(out, { recursive: true });

const written = [];
for (let i = 0; i < args.length; i += 3) {
  const [file, type, name] = args.slice(i, i + 3);
  // The generator falls back to every file of the tsconfig when `path` matches
  // nothing, which would find a same-named type elsewhere: refuse instead.
  if (!existsSync(file)) {
    console.error(`build-schemas: ${file}: no such file`);
    process.exit(1);
  }
  let schema;
  try {
    schema = createGenerator({
      path: resolve(file),
      type,
      tsconfig,
      skipTypeCheck: true,
      additionalProperties: false,
      expose: "export",
      jsDoc: "extended",
    }).createSchema(type);
  } catch (error) {
    console.error(`build-schemas: ${file}: ${type}: ${String(error?.message ?? error).split("\n")[0]}`);
    process.exit(1);
  }
  schema.$id = `https://obsdconf.invalid/schemas/${name}.json`;
  schema.title = `${name} model`;
  // Written beside, then renamed: never a half-written schema in dist.
  const target = `${out}/${name}.schema.json`;
  writeFileSync(`${target}.tmp`, JSON.stringify(schema, null, 2) + "\n");
  renameSync(`${target}.tmp`, target);
  written.push(`dist/${name}.schema.json`);
}
console.log(`build-schemas: ${written.join(", ")}`);
