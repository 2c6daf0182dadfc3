import { UnwritableValueError } from "@obsdconf/core";
import type { Answer, InstallConf } from "./model.js";

/** One answer line without its newline; throws {@link UnwritableValueError} naming `field`. */
export function answerLine(answer: Answer, field: string): string {
  return `${writableKey(answer.key, `${field}.key`)} = ${writableAnswer(answer.answer, `${field}.answer`)}`;
}

/** The text of a model: one `key = answer` line per answer. */
export function generate(model: InstallConf): string {
  return model.answers.map((a, i) => `${answerLine(a, `answers[${i}]`)}\n`).join("");
}

/** Checks that the installer reads `key` back unchanged as a key. */
export function writableKey(key: string, field: string): string {
  if (typeof key !== "string" || key === "") throw new UnwritableValueError(String(key), "a key cannot be empty", field);
  if (key.includes("=")) throw new UnwritableValueError(key, 'a key cannot contain "=" (the line splits at the first one)', field);
  if (key.startsWith("#")) throw new UnwritableValueError(key, 'a key starting with "#" makes the line a comment', field);
  lineSafe(key, field);
  return key;
}

/** Checks that the installer reads `answer` back unchanged. */
export function writableAnswer(answer: string, field: string): string {
  if (typeof answer !== "string" || answer === "") {
    throw new UnwritableValueError(String(answer), "the installer cannot read an empty answer", field);
  }
  lineSafe(answer, field);
  return answer;
}

function lineSafe(value: string, field: string): void {
  if (/[\n\r\0]/.test(value)) throw new UnwritableValueError(value, "contains a newline, carriage return or NUL", field);
  if (/^[ \t]|[ \t]$/.test(value)) {
    throw new UnwritableValueError(value, "leading or trailing blanks are trimmed by the installer", field);
  }
}
