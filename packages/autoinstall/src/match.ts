/**
 * The installer's matching rule: both sides lower-cased, the key must occur
 * in the question at its start or after a blank, and be followed by the end,
 * a blank or `?`. Glob characters in the key are literal.
 */
export function keyMatchesQuestion(key: string, question: string): boolean {
  const k = key.toLowerCase();
  const q = question.toLowerCase();
  if (k === "") return false;
  for (let at = q.indexOf(k); at >= 0; at = q.indexOf(k, at + 1)) {
    const before = at === 0 ? "" : q[at - 1]!;
    const after = q[at + k.length];
    if ((before === "" || before === " " || before === "\t") && (after === undefined || after === " " || after === "\t" || after === "?")) {
      return true;
    }
  }
  return false;
}
