// Small pieces that every block format's update needs beside the edit engine.
import { hashCommentOutside, type EditBuilder } from "./edit-engine.js";
import { TokenCode, type TokenStream } from "./parsey/scanner.js";
import type { Span } from "./syntax.js";

/**
 * True when a block is laid out one statement per line: its `{` ends a line
 * (a comment may follow), its `}` starts one, and every item inside stands on
 * its own line(s). Only such a block is edited item by item; another one is
 * rewritten whole.
 */
export function regularBlock(b: EditBuilder, block: { open: Span; close: Span }, items: readonly Span[]): boolean {
  if (!b.restOfLineEmpty(block.open.end)) return false;
  if (!b.lineBeforeEmpty(block.close.start)) return false;
  return items.every((item) => b.lineBeforeEmpty(item.start) && b.restOfLineEmpty(item.end));
}

/** `items` grouped by `key`, each group in the order of `items`; keys in order of first appearance. */
export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * The comment test (`EditBuilderOptions.isComment`) for a text of the parse.y
 * family, from its tokens: a line is a comment when its first non-blank
 * character is a `#` that no token holds, or that a newline token holds (the
 * scanner folds comment lines into the newline token).
 */
export function parseyComments(tokens: TokenStream): (line: string, start: number) => boolean {
  return hashCommentOutside(tokens.starts, tokens.ends, tokens.count, (i) => tokens.codes[i] === TokenCode.Newline);
}
