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

/** What a placeholder's value looks like (a key's word is tried only where it fits). */
const PLACEHOLDER_FORM: Readonly<Record<string, RegExp>> = {
  if: /^[a-z]+[0-9]+$|^vlan[0-9]+$/,
  console: /^com[0-9]+$/,
  disk: /^[a-z]+[0-9]+$/,
  user: /^[a-z][-a-z0-9_]*$/,
  set: /^(bsd(\.mp|\.rd)?|[a-z]+[0-9]{2}(-[A-Za-z0-9-]+)?\.tgz|BUILDINFO)$/,
  zone: /^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/,
};

/**
 * True when `key` matches `prompt` for some value of the placeholders it
 * still holds (`{user}`, `{set}`, `{issue}`…): the values tried are the
 * key's words that look like such a value (an interface name for `{if}`, a
 * set name for `{set}`…; never the whole key) and, for `{issue}`, each
 * start of the key that ends before ". ".
 */
export function keyMatchesPrompt(key: string, prompt: string): boolean {
  const names = [...new Set([...prompt.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
  if (names.length === 0) return keyMatchesQuestion(key, prompt);
  const whole = key.trim();
  const words = new Set<string>();
  for (const w of key.split(/[ \t]+/)) {
    if (w === "") continue;
    words.add(w);
    words.add(w.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, ""));
  }
  const starts = new Set<string>(["x"]);
  for (let at = key.indexOf(". "); at > 0; at = key.indexOf(". ", at + 1)) starts.add(key.slice(0, at));
  const candidates = (name: string): string[] => {
    if (name === "issue") return [...starts];
    const form = PLACEHOLDER_FORM[name];
    return ["x", ...[...words].filter((w) => w !== "" && w !== whole && (form === undefined || form.test(w)))];
  };
  const tryFill = (i: number, text: string): boolean => {
    if (i === names.length) return keyMatchesQuestion(key, text);
    const name = names[i]!;
    for (const v of candidates(name)) {
      if (tryFill(i + 1, text.split(`{${name}}`).join(v))) return true;
    }
    return false;
  };
  return tryFill(0, prompt);
}
