// The one format-preserving edit engine: old and new statement lists are
// aligned, and only what changed becomes a text edit against the original
// text. Formats supply where each statement is, how to key and write it;
// the engine owns the rules for lines, indentation, comments and blank lines.
import { align, deepEqual } from "./align.js";
import { applyEdits, type TextEdit } from "./text-edit.js";

/** Where a statement stands in the original text (0-based offsets). */
export interface StatementSpan {
  /** Offset of the statement's first character. */
  start: number;
  /** Offset just past its last character (trailing blanks and comment excluded). */
  end: number;
  /** Offset just past the newline ending its last line; computed from `end` when absent. */
  lineEnd?: number;
}

/**
 * How a removed statement leaves the text:
 * - `"statement"`: its line(s), the comment lines directly above it, and one
 *   of the blank lines around it when it stood between two blank lines;
 * - `"line"`: its line(s) only (comments and blank lines stay);
 * - `"span"`: its own characters only (for a statement sharing its line).
 */
export type Removal = "statement" | "line" | "span";

/** How the engine edits one list of statements (see {@link EditBuilder.list}). */
export interface ListRules<T, S extends StatementSpan> {
  /** Identity across the edit: equal keys are the same statement. */
  key: (item: T) => string;
  /** Two items with different keys that are one statement renamed (default: never). */
  similar?: (a: T, b: T) => boolean;
  /** Unchanged items keep their bytes (default: structural equality). */
  equal?: (a: T, b: T) => boolean;
  /** Text of a new statement, without its final newline; `index` is its place in the new list. */
  text: (item: T, index: number) => string;
  /** Edits a kept statement whose item changed (default: its span replaced by `text`). */
  change?: (span: S, before: T, after: T, index: number) => void;
  /** How a removed statement leaves (default `"statement"`), or a function that removes it. */
  remove?: Removal | ((span: S, item: T) => void);
  /** Indentation of new statements (default: the neighbour's). */
  indent?: string;
  /** Text between new statements and their neighbours, e.g. `"\n"` for a blank line between blocks. */
  separator?: string;
  /** Where new statements go when no old statement is kept (default: where the first old one was, else the end). */
  insertPoint?: () => number;
}

/** How the engine edits a single-valued setting (see {@link EditBuilder.slot}). */
export interface SlotRules {
  /** Which statement holds the value when it is given several times (the one the program reads). */
  keep: "first" | "last";
  /** How the other statements leave (default `"statement"`). */
  remove?: Removal;
  /** Indentation of a new statement (default none). */
  indent?: string;
  /** Where a new statement goes when there is none. */
  insertPoint: () => number;
}

/** Options of an {@link EditBuilder}. */
export interface EditBuilderOptions {
  /**
   * True for a comment line: `line` is the line's text (without its newline),
   * `start` its offset in the text. Default: the first non-blank character is
   * `#`. Formats whose strings may span lines pass {@link hashCommentOutside}
   * so that a `#` inside a string is not taken for a comment.
   */
  isComment?: (line: string, start: number) => boolean;
}

const hashComment = (line: string): boolean => /^[ \t]*#/.test(line);

/**
 * A comment test for {@link EditBuilderOptions.isComment}: the line's first
 * non-blank character is `#` and that `#` is not inside a token, given the
 * sorted token spans (`starts`/`ends`, `count` tokens). `trivia(i)` marks
 * tokens that may hold comments (a newline token that folded comment lines).
 */
export function hashCommentOutside(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  count: number,
  trivia: (i: number) => boolean = () => false,
): (line: string, start: number) => boolean {
  return (line, start) => {
    const m = /^[ \t]*#/.exec(line);
    if (!m) return false;
    const at = start + m[0].length - 1;
    // The last token that starts at or before `at`.
    let lo = 0;
    let hi = count - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= at) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0 || ends[found]! <= at) return true;
    return trivia(found);
  };
}

/**
 * Collects text edits against one original text. A format's `update` makes
 * one builder, calls {@link EditBuilder.list} (and {@link EditBuilder.slot})
 * for each list of statements of its model, nested blocks by calling `list`
 * again from a `change` callback, and returns {@link EditBuilder.apply}.
 */
export class EditBuilder {
  /** The original text. */
  readonly text: string;
  readonly #edits: TextEdit[] = [];
  readonly #isComment: (line: string, start: number) => boolean;

  /**
   * @param text - the original text every offset refers to.
   * @param options - what counts as a comment line.
   */
  constructor(text: string, options: EditBuilderOptions = {}) {
    this.text = text;
    this.#isComment = options.isComment ?? hashComment;
  }

  // ----- lists -----

  /**
   * Turns the statements at `spans` (one per item of `olds`) into `news`:
   * unchanged items keep their bytes; changed ones are rewritten by
   * `rules.change`; removed ones leave as `rules.remove` says; new ones are
   * inserted after the kept statement before them (or before the kept one
   * after them, above its comments), with the neighbour's indentation.
   */
  list<T, S extends StatementSpan>(spans: readonly S[], olds: readonly T[], news: readonly T[], rules: ListRules<T, S>): void {
    const equal = rules.equal ?? deepEqual;
    const remove = rules.remove ?? "statement";
    let after: S | undefined;
    const pending: string[] = [];
    const flush = (before: S | undefined): void => {
      if (pending.length === 0) return;
      const sep = rules.separator ?? "";
      if (after) {
        const indent = rules.indent ?? this.indentation(after.start);
        this.#insertTexts(this.lineEndOf(after), pending.map((t) => sep + indented(t, indent) + "\n").join(""));
      } else {
        const neighbour = before ?? spans[0];
        const indent = rules.indent ?? (neighbour ? this.indentation(neighbour.start) : "");
        const place = before ?? spans[0];
        const at =
          before || !rules.insertPoint
            ? place
              ? remove === "statement"
                ? this.attachedCommentStart(place.start)
                : this.lineStart(place.start)
              : this.text.length
            : rules.insertPoint();
        this.#insertTexts(at, pending.map((t) => indented(t, indent) + "\n" + sep).join(""));
      }
      pending.length = 0;
    };
    for (const [o, n] of align(olds, news, rules.key, rules.similar)) {
      if (o !== undefined && n !== undefined) {
        const span = spans[o]!;
        flush(span);
        after = span;
        const before = olds[o]!;
        const next = news[n]!;
        if (equal(before, next)) continue;
        if (rules.change) rules.change(span, before, next, n);
        else this.replace(span.start, span.end, indented(rules.text(next, n), this.indentation(span.start), false));
      } else if (o !== undefined) {
        if (typeof remove === "function") remove(spans[o]!, olds[o]!);
        else this.remove(spans[o]!, remove);
      } else if (n !== undefined) {
        pending.push(rules.text(news[n]!, n));
      }
    }
    flush(undefined);
  }

  /**
   * A single-valued setting given by the statements at `spans`: the one the
   * program reads (`rules.keep`) is rewritten to `text`, the others removed;
   * with `text` undefined all are removed; with no statement, one is inserted.
   */
  slot(spans: readonly StatementSpan[], text: string | undefined, rules: SlotRules): void {
    const target = rules.keep === "first" ? spans[0] : spans[spans.length - 1];
    for (const span of spans) {
      if (span === target && text !== undefined) this.replace(span.start, span.end, text);
      else this.remove(span, rules.remove ?? "statement");
    }
    if (!target && text !== undefined) this.#insertTexts(rules.insertPoint(), indented(text, rules.indent ?? "") + "\n");
  }

  // ----- single edits -----

  /** Replaces `start..end` of the original text by `content`. */
  replace(start: number, end: number, content: string): void {
    this.#edits.push({ offset: start, length: end - start, content });
  }

  /** Inserts `content` at `at`, as it is. */
  insert(at: number, content: string): void {
    this.replace(at, at, content);
  }

  /**
   * Inserts whole statements (each with its newline) at a line start `at`;
   * a newline is added first when `at` is the end of a text without one.
   */
  insertLines(at: number, texts: readonly string[], indent = ""): void {
    this.#insertTexts(at, texts.map((t) => indented(t, indent) + "\n").join(""));
  }

  /** Removes a statement as `how` says (see {@link Removal}). */
  remove(span: StatementSpan, how: Removal = "statement"): void {
    if (how === "span") return this.replace(span.start, span.end, "");
    if (how === "line") return this.replace(this.lineStart(span.start), this.lineEndOf(span), "");
    let start = this.attachedCommentStart(span.start);
    let end = this.lineEndOf(span);
    const blankBefore = start === 0 || this.isBlankLine(this.lineStart(start - 1));
    // Between two blank lines, one of them goes too; at the end of the text, the one before.
    if (blankBefore && this.isBlankLine(end)) end = this.lineEndAfter(end);
    else if (blankBefore && end >= this.text.length && start > 0) start = this.lineStart(start - 1);
    this.replace(start, end, "");
  }

  // ----- results -----

  /**
   * The edits so far. Removals that overlap (neighbours claiming the same
   * blank line) are merged; removals that only touch stay apart, so an
   * insertion between them keeps its place. An insertion that falls inside
   * removed text moves to where the removal starts.
   */
  edits(): TextEdit[] {
    const isDeletion = (e: TextEdit): boolean => e.content === "" && e.length > 0;
    const deletions = this.#edits.filter(isDeletion).sort((a, b) => a.offset - b.offset);
    const merged: TextEdit[] = [];
    for (const d of deletions) {
      const last = merged[merged.length - 1];
      if (last && d.offset < last.offset + last.length) last.length = Math.max(last.length, d.offset + d.length - last.offset);
      else merged.push({ ...d });
    }
    const others = this.#edits
      .filter((e) => !isDeletion(e))
      .map((e) => {
        if (e.length > 0) return e;
        const inside = merged.find((d) => d.offset < e.offset && e.offset < d.offset + d.length);
        return inside ? { ...e, offset: inside.offset } : e;
      });
    return [...others, ...merged];
  }

  /** The new text: {@link EditBuilder.edits} applied to the original. */
  apply(): string {
    return applyEdits(this.text, this.edits());
  }

  // ----- positions -----

  /** Start of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.text.lastIndexOf("\n", offset - 1) + 1;
  }

  /** Offset just past the newline ending the line that holds `offset` (or the end of the text). */
  lineEndAfter(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl + 1;
  }

  /** `span.lineEnd`, or the end of the line holding `span.end`. */
  lineEndOf(span: StatementSpan): number {
    return span.lineEnd ?? this.lineEndAfter(span.end);
  }

  /** The blanks before `offset` on its line, or `""` when something else comes before it. */
  indentation(offset: number): string {
    const lead = this.text.slice(this.lineStart(offset), offset);
    return /^[ \t]*$/.test(lead) ? lead : "";
  }

  /**
   * The file's own indentation: the blanks before the first of `starts`
   * that begins its line after blanks only (the first statement inside a
   * block, say); `fallback` when none does.
   */
  indentationUnit(starts: Iterable<number>, fallback = "\t"): string {
    for (const start of starts) {
      const lead = this.text.slice(this.lineStart(start), start);
      if (/^[ \t]+$/.test(lead)) return lead;
    }
    return fallback;
  }

  /**
   * Whether the file parts its blocks with a blank line: as the first two
   * blocks in a row do (statements `isSkipped` between them do not break
   * the row, any other does); true when no two blocks follow each other.
   */
  blankLineBetweenBlocks<S extends StatementSpan>(statements: readonly S[], isBlock: (s: S) => boolean, isSkipped: (s: S) => boolean): boolean {
    let previous: S | undefined;
    for (const s of statements) {
      if (isBlock(s)) {
        if (previous) {
          const between = this.text.slice(this.lineEndOf(previous), this.lineStart(s.start));
          return between.length > 0 && /(^|\n)[ \t]*\n/.test(between);
        }
        previous = s;
      } else if (!isSkipped(s)) {
        previous = undefined;
      }
    }
    return true;
  }

  /** True when only blanks stand before `offset` on its line. */
  lineBeforeEmpty(offset: number): boolean {
    return /^[ \t]*$/.test(this.text.slice(this.lineStart(offset), offset));
  }

  /** True when only blanks and a comment follow `offset` on its line. */
  restOfLineEmpty(offset: number): boolean {
    const rest = this.text.slice(offset, this.lineEndAfter(offset));
    return /^[ \t]*\n?$/.test(rest) || this.#isComment(rest.replace(/\n$/, ""), offset);
  }

  /** True when the line starting at `start` holds only blanks (false at the end of the text). */
  isBlankLine(start: number): boolean {
    if (start >= this.text.length) return false;
    return /^[ \t]*\n?$/.test(this.text.slice(start, this.lineEndAfter(start)));
  }

  /** Start of the comment lines directly above the line of `offset` (no blank line between), else that line's start. */
  attachedCommentStart(offset: number): number {
    let start = this.lineStart(offset);
    while (start > 0) {
      const previous = this.lineStart(start - 1);
      if (!this.#isComment(this.text.slice(previous, start - 1), previous)) break;
      start = previous;
    }
    return start;
  }

  #insertTexts(at: number, content: string): void {
    const lead = at > 0 && at === this.text.length && !this.text.endsWith("\n") ? "\n" : "";
    this.insert(at, lead + content);
  }
}

/** Every line of `text` gets `indent` (the first only when `first`); empty lines stay empty. */
export function indented(text: string, indent: string, first = true): string {
  if (indent === "") return text;
  return text
    .split("\n")
    .map((line, i) => (line === "" || (i === 0 && !first) ? line : indent + line))
    .join("\n");
}
