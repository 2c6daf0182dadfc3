import { closestWord } from "../text-checks.js";
import { TokenCode, type ParseyTokens } from "./scanner.js";

/** One entry of what a generated peggy parser expected at its furthest failure. */
export interface GrammarExpectation {
  /** `literal` for a token (its one character), `other` for a described rule. */
  type: string;
  /** The literal's text. */
  text?: string;
  /** The rule's description. */
  description?: string;
}

/** The keywords of the release being parsed, and its name for messages. */
export interface HintFeatures {
  /** Keywords of the release. */
  keywords: ReadonlySet<string>;
  /** The release, e.g. `7.8`. */
  release: string;
}

/**
 * A hint for a syntax error at token `at` of a parse.y token grammar: the
 * closest keyword the grammar expected there (`did you mean "memory"?`), a
 * keyword of another release, or what it expected.
 */
export function syntaxHint(
  tokens: ParseyTokens,
  at: number,
  expected: readonly GrammarExpectation[],
  keywordCodes: ReadonlyMap<string, number>,
  features: HintFeatures,
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
