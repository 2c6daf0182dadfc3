// The JSON Schemas of the models, generated at build time into dist/schemas
// (scripts/schemas.mjs), and the check of a model against one.
import { Ajv, type ErrorObject } from "ajv";
import { readFileSync } from "node:fs";

/** The schema of a format's model as text, or undefined when the build did not make it. */
export function schemaText(format: string): string | undefined {
  try {
    return readFileSync(new URL(`./schemas/${format}.json`, import.meta.url), "utf8");
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

/** Problems of `model` against the format's schema, one line each (`vms[0].memory: must be string`); [] when it fits. */
export function schemaProblems(format: string, model: unknown): string[] | undefined {
  const text = schemaText(format);
  if (text === undefined) return undefined;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(JSON.parse(text) as object);
  if (check(model)) return [];
  // anyOf/oneOf report every branch; keep one line per place and kind.
  return [...new Set((check.errors ?? []).filter((e) => e.keyword !== "anyOf" && e.keyword !== "oneOf").map(describe))];
}
