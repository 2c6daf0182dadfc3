// The checks of one release on each answer line, without replaying the
// install: keys that match no question (typos), keys of questions reworded
// since, and answers the installer would store differently from what was
// written. parse reports them with lines, validate with model paths.
import { editDistance } from "@obsdconf/core";
import type { Severity } from "@obsdconf/core";
import { catalogue, fillPrompt, keyFor, type Question } from "./catalogue.js";
import { fullNameStorageProblem, passwordStorageProblem } from "./checks.js";
import { keyMatchesPrompt } from "./match.js";
import type { Answer } from "./model.js";
import { RELEASES, type Release } from "./releases.js";

/** A problem with one answer of a model, before it has positions or a path. */
export interface AnswerProblem {
  /** Index of the answer in the model. */
  index: number;
  /** The part at fault. */
  field: "key" | "answer";
  /** How bad it is. */
  severity: Severity;
  /** SCREAMING_SNAKE code. */
  code: string;
  /** The message. */
  message: string;
  /** What would fix it. */
  hint?: string;
}

/** Placeholders every release fills the same way before matching. */
function fixedVars(release: Release, vars: Readonly<Record<string, string>>): Record<string, string> {
  return { media: "", version: release, ...vars };
}

/** The questions of `release` that `key` answers, for some value of their placeholders (those in `vars` fixed). */
export function questionsOfKey(key: string, release: Release, vars: Readonly<Record<string, string>> = {}): Question[] {
  const fixed = fixedVars(release, vars);
  const memoKey = JSON.stringify([key, release, fixed]);
  const known = questionsOfKeyMemo.get(memoKey);
  if (known) return [...known];
  const found: Question[] = [];
  for (const q of catalogue(release).values()) {
    if (release === "6.5" && q.id === "encryptRootDisk") continue;
    if (keyMatchesPrompt(key, fillPrompt(q.prompt, fixed))) found.push(q);
  }
  if (questionsOfKeyMemo.size >= QUESTIONS_OF_KEY_MEMO_SIZE) questionsOfKeyMemo.clear();
  questionsOfKeyMemo.set(memoKey, found);
  return [...found];
}

// Answer files made for many machines repeat their keys: the matching is remembered.
const QUESTIONS_OF_KEY_MEMO_SIZE = 10_000;
const questionsOfKeyMemo = new Map<string, Question[]>();

/** A question of another release that `key` answers, when `release` has none: the release and the question. */
export function rewordedQuestion(key: string, release: Release, vars: Readonly<Record<string, string>> = {}): { release: Release; then: Question; now: Question } | undefined {
  for (const other of RELEASES) {
    if (other === release) continue;
    const then = questionsOfKey(key, other, vars)[0];
    if (then) return { release: other, then, now: catalogue(release).get(then.id)! };
  }
  return undefined;
}

/**
 * The key of the question of `release` whose words come closest to `key`
 * (keys match runs of words, so "Sytem hostname" is one letter from
 * "System hostname").
 */
export function closestKey(key: string, release: Release, vars: Readonly<Record<string, string>> = {}): string {
  const fixed = fixedVars(release, vars);
  const k = key.toLowerCase();
  let best = "";
  let bestDistance = Infinity;
  for (const q of catalogue(release).values()) {
    const prompt = fillPrompt(q.prompt, fixed).replace(/\{(\w+)\}/g, "<$1>");
    const words = prompt.toLowerCase().split(" ");
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 1; j <= words.length; j++) {
        const d = editDistance(k, words.slice(i, j).join(" ").replace(/\?$/, ""));
        if (d < bestDistance) {
          best = keyFor(prompt);
          bestDistance = d;
        }
      }
    }
  }
  return best;
}

/** The warning for a key no question of `release` matches (with `vars` filled): reworded or unknown. */
export function unmatchedKeyProblem(key: string, release: Release, vars: Readonly<Record<string, string>> = {}): Omit<AnswerProblem, "index" | "field"> {
  const reworded = rewordedQuestion(key, release, vars);
  const fixed = fixedVars(release, vars);
  if (reworded) {
    const nowKey = keyFor(fillPrompt(reworded.now.prompt, fixed));
    return {
      severity: "warning",
      code: "REWORDED_QUESTION",
      message: `"${key}" answered "${fillPrompt(reworded.then.prompt, fixed)}" in OpenBSD ${reworded.release}, but ${release} asks "${fillPrompt(reworded.now.prompt, fixed)}": use the key "${nowKey}"`,
      hint: `use the key "${nowKey}"`,
    };
  }
  const closest = closestKey(key, release, vars);
  return {
    severity: "warning",
    code: "UNKNOWN_QUESTION",
    message: `"${key}" matches no question the installer asks; did you mean "${closest}"?`,
    hint: `did you mean "${closest}"?`,
  };
}

/** What the installer would store differently from `answer`, given the questions its key answers. */
export function storageProblem(answer: string, questions: readonly Question[]): Omit<AnswerProblem, "index" | "field"> | undefined {
  const ids = new Set(questions.map((q) => q.id));
  const account = ids.has("rootPassword") ? "root" : ids.has("userPassword") ? "user" : undefined;
  if (account) {
    const problem = passwordStorageProblem(answer, account);
    if (problem) return { severity: "warning", code: "PASSWORD_STORED_DIFFERENTLY", message: problem };
  }
  if (ids.has("userFullName")) {
    const problem = fullNameStorageProblem(answer);
    if (problem) return { severity: "warning", code: "FULL_NAME_STORED_DIFFERENTLY", message: problem };
  }
  return undefined;
}

/** The checks of `release` on every answer, in model order. */
export function releaseChecks(answers: readonly Answer[], release: Release): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  answers.forEach((a, index) => {
    const questions = questionsOfKey(a.key, release);
    if (questions.length === 0) {
      problems.push({ index, field: "key", ...unmatchedKeyProblem(a.key, release) });
      return;
    }
    const stored = storageProblem(a.answer, questions);
    if (stored) problems.push({ index, field: "answer", ...stored });
  });
  return problems;
}
