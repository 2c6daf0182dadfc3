import { describeValue, UnwritableValueError } from "@obsdconf/core";
import type { Answer, InstallConf } from "./model.js";

/** One answer line without its newline; throws {@link UnwritableValueError} naming `field`. */
export function answerLine(answer: Answer, field: string): string {
  if (answer === null || typeof answer !== "object") throw new UnwritableValueError(answer, "an answer is an object with a key and an answer", field);
  return `${writableKey(answer.key, `${field}.key`)} = ${writableAnswer(answer.answer, `${field}.answer`)}`;
}

/**
 * The text of a model: one `key = answer` line per answer. Every field is
 * checked at run time (a model read from JSON has no types): throws
 * {@link UnwritableValueError} naming the field (`answers[3].answer`) for a
 * value that is not a string or that the installer would not read back.
 */
export function generate(model: InstallConf): string {
  return answersOf(model)
    .map((a, i) => `${answerLine(a, `answers[${i}]`)}\n`)
    .join("");
}

/** The answers of a model checked to be an array (throws naming `answers` otherwise). */
export function answersOf(model: InstallConf): Answer[] {
  if (model === null || typeof model !== "object") throw new UnwritableValueError(model, "the model is an object with an answers array", "");
  if (!Array.isArray(model.answers)) throw new UnwritableValueError(model.answers, "answers is an array", "answers");
  return model.answers;
}

/** Why the installer would not read `key` back unchanged as a key, or undefined. */
export function keyProblem(key: unknown): string | undefined {
  if (typeof key !== "string") return `a key is a string, not ${describeValue(key)}`;
  if (key === "") return "a key cannot be empty";
  if (key.includes("=")) return 'a key cannot contain "=" (the line splits at the first one)';
  if (key.startsWith("#")) return 'a key starting with "#" makes the line a comment';
  return lineProblem(key);
}

/** Why the installer would not read `answer` back unchanged, or undefined. */
export function answerProblem(answer: unknown): string | undefined {
  if (typeof answer !== "string") return `an answer is a string, not ${describeValue(answer)}`;
  if (answer === "") return "the installer cannot read an empty answer";
  return lineProblem(answer);
}

/** Checks that the installer reads `key` back unchanged as a key. */
export function writableKey(key: string, field: string): string {
  const problem = keyProblem(key);
  if (problem) throw new UnwritableValueError(key, problem, field);
  return key;
}

/** Checks that the installer reads `answer` back unchanged. */
export function writableAnswer(answer: string, field: string): string {
  const problem = answerProblem(answer);
  if (problem) throw new UnwritableValueError(answer, problem, field);
  return answer;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function lineProblem(value: string): string | undefined {
  if (/[\n\r\0]/.test(value)) return "contains a newline, carriage return or NUL";
  if (/^[ \t]|[ \t]$/.test(value)) return "leading or trailing blanks are trimmed by the installer";
  if (LONE_SURROGATE.test(value)) return "holds a lone UTF-16 surrogate, which UTF-8 cannot encode (it would be written as U+FFFD)";
  return undefined;
}
