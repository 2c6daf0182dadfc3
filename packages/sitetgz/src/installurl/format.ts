import {
  createDocument,
  UnwritableValueError,
  type Document,
  type ParseOptions,
} from "@obsdconf/core";
// @ts-ignore -- generated from grammar.peggy by the package build (core/scripts/build-grammars.mjs)
import { parse as parseLines } from "./grammar.generated.js";
import { alignmentKey, lineFormatVerbs, readLines, type Finding, type ItemSpan, type LineSyntax } from "../line-format.js";

/** /etc/installurl: mirror URLs; programs use the first. */
export interface InstallUrl {
  /** URL lines in file order (empty lines and `#` lines are not URLs). */
  urls: string[];
}

/** A line of installurl as the grammar gives it. */
export interface InstallUrlLine {
  /** Blank, comment (`#` first) or URL. */
  kind: "blank" | "comment" | "url";
  /** Start of the line. */
  start: number;
  /** Offset of its newline (or the end of the text). */
  end: number;
  /** Just past the newline. */
  lineEnd: number;
}

/** The concrete syntax of an installurl. */
export type InstallUrlSyntax = LineSyntax<InstallUrlLine>;

/** A parsed installurl. */
export type InstallUrlDocument = Document<InstallUrl, InstallUrlSyntax>;

const URL_FORM = /^(https?|ftp|file):\/\/\S+$/;
const URL_RULE = "a URL such as https://cdn.openbsd.org/pub/OpenBSD, without blanks";

// The checks of the URL list, shared by parse and validate.
function urlFindings(urls: readonly unknown[]): Finding[] {
  const out: Finding[] = [];
  urls.forEach((url, index) => {
    if (index === 1) out.push({ index, field: undefined, code: "EXTRA_URL", message: "only the first URL is used", refused: false });
    if (typeof url !== "string" || !URL_FORM.test(url)) {
      out.push({ index, field: undefined, code: "NOT_A_URL", message: "not a URL (such as https://cdn.openbsd.org/pub/OpenBSD)", refused: true });
    }
  });
  return out;
}

/**
 * Reads installurl(5): one URL per line, empty lines and `#` lines ignored.
 * Never throws on text or UTF-8 bytes; throws `InvalidInputError` for any
 * other input.
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): InstallUrlDocument {
  const { text, lines, diagnostics, warn: report } = readLines<InstallUrlLine>(input, "installurl.parse", options, parseLines);
  const urlLines = lines.filter((l) => l.kind === "url");
  const urls = urlLines.map((l) => text.slice(l.start, l.end));
  for (const f of urlFindings(urls)) report(f.code, f.message, urlLines[f.index]!.start, urlLines[f.index]!.end);
  const items: ItemSpan[] = urlLines.map((l) => ({ start: l.start, end: l.end, valueStart: l.start, valueEnd: l.end, lineEnd: l.lineEnd, aloneOnLine: true }));
  return createDocument(text, options.fileName, { urls }, diagnostics, { lines, items });
}

function urlText(url: string, index: number): string {
  if (typeof url !== "string" || !URL_FORM.test(url)) throw new UnwritableValueError(url, URL_RULE, `urls[${index}]`);
  return url;
}

const VERBS = lineFormatVerbs<InstallUrl, InstallUrlDocument, string>({
  list: "urls",
  objects: false,
  key: alignmentKey,
  sameButValue: () => false,
  valueText: urlText,
  lineText: urlText,
  findings: urlFindings,
});

/**
 * installurl text: one URL per line. Throws `UnwritableValueError` for what is not a URL.
 * @function
 */
export const generate = VERBS.generate;

/**
 * Edits an installurl, keeping comments and other lines. Throws `UnwritableValueError` for what is not a URL.
 * @function
 */
export const update = VERBS.update;

/**
 * The checks of a model, with model paths (`urls[1]`): URLs generate refuses (errors) and URLs after the first, which nothing uses (warnings).
 * `options` is accepted for the shape every format shares.
 * @function
 */
export const validate = VERBS.validate;
