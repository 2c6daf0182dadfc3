import { describeValue, type ModelDiagnostic, type ValidateOptions } from "@obsdconf/core";
import { replay, type Machine } from "./explain.js";
import { answerProblem, generate, keyProblem } from "./generate.js";
import type { InstallConf } from "./model.js";
import { parse } from "./parse.js";
import { releaseChecks } from "./release-checks.js";
import { knownRelease, type Release } from "./releases.js";

/** Options of {@link validate}: the release, and the machine the install is replayed on (see `explain`). */
export interface InstallConfValidateOptions extends ValidateOptions<Release> {
  /** The machine (default: a vmd guest with one vio0 and one sd0 on a serial console). */
  machine?: Machine;
}

/**
 * Diagnostics for a model, each naming the field by its path
 * (`answers[3].key`, `answers[3].answer`; `""` for the install as a whole):
 * values that cannot be written (errors, and nothing else is checked
 * then), the checks of the release on each answer (as `parse` makes
 * them), and what the replayed install finds (as `explain` does).
 * Throws `UnknownReleaseError` for a release it does not know.
 */
export function validate(model: InstallConf, options: InstallConfValidateOptions = {}): ModelDiagnostic[] {
  const release = knownRelease(options.release);
  const shape = shapeProblems(model);
  if (shape.length) return shape;
  const out: ModelDiagnostic[] = [];
  const seen = new Set<string>();
  const add = (d: ModelDiagnostic): void => {
    const id = `${d.code} ${d.path}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(d);
  };
  for (const p of releaseChecks(model.answers, release)) {
    add(withHint({ severity: p.severity, code: p.code, message: p.message, path: `answers[${p.index}].${p.field}` }, p.hint));
  }
  // Replay the install on the model's own text: one line per answer.
  const doc = parse(generate(model), { release });
  const { problems } = replay(doc, { release, ...(options.machine ? { machine: options.machine } : {}) });
  for (const p of problems) {
    const index = p.lineIndex === undefined ? undefined : doc.syntax.lines[p.lineIndex]!.answerIndex;
    const path = index === undefined || index < 0 ? "" : `answers[${index}]${FIELD_OF_CODE[p.code] ?? ".answer"}`;
    add(withHint({ severity: p.severity, code: p.code, message: p.message, path }, p.hint));
  }
  return out;
}

// The part of an answer a replay problem is about (default: the answer).
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  UNKNOWN_QUESTION: ".key",
  REWORDED_QUESTION: ".key",
  AMBIGUOUS_KEY: ".key",
  NOT_ASKED: "",
  NOT_REACHED: "",
};

function withHint(d: ModelDiagnostic, hint: string | undefined): ModelDiagnostic {
  if (hint !== undefined) d.hint = hint;
  return d;
}

// Every field checked at run time: a model from JSON has no types.
function shapeProblems(model: unknown): ModelDiagnostic[] {
  const error = (path: string, message: string): ModelDiagnostic => ({ severity: "error", code: "UNWRITABLE_VALUE", message, path });
  if (model === null || typeof model !== "object") return [error("", `the model is an object with an answers array, not ${describeValue(model)}`)];
  const answers = (model as { answers?: unknown }).answers;
  if (!Array.isArray(answers)) return [error("answers", `answers is an array, not ${describeValue(answers)}`)];
  const out: ModelDiagnostic[] = [];
  answers.forEach((a: unknown, i) => {
    if (a === null || typeof a !== "object") {
      out.push(error(`answers[${i}]`, `an answer is an object with a key and an answer, not ${describeValue(a)}`));
      return;
    }
    const { key, answer } = a as { key?: unknown; answer?: unknown };
    const k = keyProblem(key);
    if (k) out.push(error(`answers[${i}].key`, `cannot write ${typeof key === "string" ? JSON.stringify(key) : describeValue(key)}: ${k}`));
    const v = answerProblem(answer);
    if (v) out.push(error(`answers[${i}].answer`, `cannot write ${typeof answer === "string" ? JSON.stringify(answer) : describeValue(answer)}: ${v}`));
  });
  return out;
}
