// Pairing of list items between an old and a new model, and plain-data
// equality: what every format's update() needs to find changed statements.
import { Immer } from "immer";

/**
 * Pairs old and new list items: equal keys match in order (common ends first,
 * then the rest greedily); unmatched items between two matches pair up when
 * `similar` says they are the same item under a new key. Returns [oldIndex, newIndex] with
 * undefined for a removed or an added item, in document order.
 */
export function align<T>(
  olds: readonly T[],
  news: readonly T[],
  key: (t: T) => string,
  similar: (a: T, b: T) => boolean = () => false,
): Array<[number | undefined, number | undefined]> {
  const matches: Array<[number, number]> = [];
  let head = 0;
  while (head < olds.length && head < news.length && key(olds[head]!) === key(news[head]!)) {
    matches.push([head, head]);
    head++;
  }
  let tailOld = olds.length;
  let tailNew = news.length;
  const tail: Array<[number, number]> = [];
  while (tailOld > head && tailNew > head && key(olds[tailOld - 1]!) === key(news[tailNew - 1]!)) {
    tailOld--;
    tailNew--;
    tail.push([tailOld, tailNew]);
  }
  const positions = new Map<string, number[]>();
  for (let i = head; i < tailOld; i++) {
    const k = key(olds[i]!);
    const list = positions.get(k);
    if (list) list.push(i);
    else positions.set(k, [i]);
  }
  let last = head - 1;
  for (let j = head; j < tailNew; j++) {
    const list = positions.get(key(news[j]!));
    if (!list) continue;
    while (list.length && list[0]! <= last) list.shift();
    const i = list.shift();
    if (i === undefined) continue;
    matches.push([i, j]);
    last = i;
  }
  matches.push(...tail.reverse());
  const out: Array<[number | undefined, number | undefined]> = [];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...matches, [olds.length, news.length] as [number, number]]) {
    // Between two matches, an old item pairs with a new one only when they
    // are alike apart from the key (a rename); the rest are removed or added.
    for (; i < mi; i++) {
      let k = j;
      while (k < mj && !similar(olds[i]!, news[k]!)) k++;
      if (k === mj) {
        out.push([i, undefined]);
        continue;
      }
      while (j < k) out.push([undefined, j++]);
      out.push([i, j++]);
    }
    while (j < mj) out.push([undefined, j++]);
    if (mi < olds.length) out.push([i++, j++]);
  }
  return out;
}

/** Structural equality of plain JSON-like values; `undefined` properties count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

// Copy-on-write drafts (immer): parts of the model the change does not touch
// stay the same objects, so comparing old and new skips them at once. The
// original is never frozen or modified. Measured against structuredClone in
// bench/copy-on-write.bench.ts.
const drafts = new Immer({ autoFreeze: false });

/**
 * Applies an `update` callback to a copy-on-write draft of `model`: the
 * callback may change the draft or return a new model (not both). The
 * original is left untouched; unchanged parts are shared with the result.
 */
export function changedCopy<T>(model: T, change: (draft: T) => T | void): T {
  return drafts.produce(model, (draft: T) => change(draft) ?? undefined) as T;
}
