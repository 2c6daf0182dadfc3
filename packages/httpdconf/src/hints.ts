import { closestWord, TokenCode, type ParseyTokens } from "@obsdconf/core";
import type { HttpdFeatures } from "./releases.js";

interface Expectation {
  type: string;
  text?: string;
  description?: string;
}

/**
 * A hint for a syntax error at token `at`: the closest keyword the grammar
 * expected there (`did you mean "memory"?`), or what it expected.
 */
export function syntaxHint(
  tokens: ParseyTokens,
  at: number,
  expected: readonly Expectation[],
  keywordCodes: ReadonlyMap<string, number>,
  features: HttpdFeatures,
): string | undefined {
  const names = new Map<number, string>();
  for (const [k, code] of keywordCodes) names.set(code, k);
  const words = new Set<string>();
  for (const e of expected) {
    if (e.type === "literal" && e.text) {
      const code = e.text.charCodeAt(0);
      const keyword = names.get(code);
      if (keyword !== undefined) {
        if (features.keywords.has(keyword)) words.add(keyword);
      } else {
        words.add(code === TokenCode.Newline ? "end of line" : `"${e.text}"`);
      }
    } else if (e.type === "other" && e.description) {
      words.add(e.description === "newline" ? "end of line" : e.description);
    }
  }
  if (words.size === 0) return undefined;
  const found = at < tokens.count ? tokens.value(at) : undefined;
  if (found !== undefined && tokens.codes[at] === TokenCode.String && !tokens.quoted[at]) {
    const keywords = [...words].filter((w) => features.keywords.has(w));
    const close = closestWord(found, keywords);
    if (close) return `did you mean "${close}"?`;
    if (keywords.length && [...features.keywords].includes(found) === false && keywordCodes.has(found)) {
      return `"${found}" is not a keyword in release ${features.release}`;
    }
  }
  const list = [...words].sort();
  return `expected ${list.length > 1 ? "one of " : ""}${list.join(", ")}`;
}
