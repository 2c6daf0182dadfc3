/**
 * True when `text` is not a text file: it has a NUL character, or more than
 * 1 in 10 of its first 8 KiB are U+FFFD (bytes that are not UTF-8).
 */
export function looksBinary(text: string): boolean {
  if (text.includes("\0")) return true;
  const n = Math.min(text.length, 8192);
  let undecodable = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0xfffd) undecodable++;
  return n > 0 && undecodable * 10 > n;
}

/** Levenshtein distance of two short strings. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `word` by edit distance (case-insensitive), when
 * it is close enough to be a likely typo: at most 1 edit for words of up to
 * 4 characters, 2 for longer ones. Ties go to the earlier candidate.
 */
export function closestWord(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = lower.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
