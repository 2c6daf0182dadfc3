// The JSON Schemas of the models, which each format's package generates at
// build time and exports (`@obsdconf/vmconf/vm.conf.schema.json`), and the
// check of a model against one.
import { Ajv, type ErrorObject } from "ajv";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const resolver = createRequire(import.meta.url);

/** The schema at module specifier `specifier` as text, or undefined when its package does not have it (not built). */
export function schemaText(specifier: string): string | undefined {
  try {
    return readFileSync(resolver.resolve(specifier), "utf8");
  } catch {
    return undefined;
  }
}

/** `/vms/0/name` as the model path `vms[0].name`. */
function modelPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p, i) => (/^[0-9]+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join("");
}

function describe(e: ErrorObject): string {
  const where = modelPath(e.instancePath) || "(model)";
  if (e.keyword === "additionalProperties") return `${where}: unknown field ${JSON.stringify((e.params as { additionalProperty: string }).additionalProperty)}`;
  if (e.keyword === "required") return `${where}: missing field ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`;
  return `${where}: ${e.message ?? e.keyword}`;
}

/** Problems of `model` against the schema at `specifier`, one line each (`vms[0].memory: must be string`); [] when it fits, undefined when the schema is missing. */
export function schemaProblems(specifier: string, model: unknown): string[] | undefined {
  const text = schemaText(specifier);
  if (text === undefined) return undefined;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(JSON.parse(text) as object);
  if (check(model)) return [];
  // anyOf/oneOf report every branch; keep one line per place and kind.
  return [...new Set((check.errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map(describe))];
}
