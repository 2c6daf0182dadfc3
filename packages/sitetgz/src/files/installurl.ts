import { changedCopy, type Diagnostic, UnwritableValueError } from "@obsdconf/core";
import { Reporter, splitLines, updateItems, type ItemSpan } from "./lines.js";

/** /etc/installurl: mirror URLs; programs use the first. */
export interface InstallUrl {
  /** URL lines in file order (empty lines and `#` lines are not URLs). */
  urls: string[];
}

/** A parsed installurl. */
export interface InstallUrlDocument {
  /** The input. */
  readonly text: string;
  /** The URLs. */
  readonly model: InstallUrl;
  /** Warnings: extra URLs, text that is not a URL. */
  readonly diagnostics: Diagnostic[];
  /** Where each URL is (not enumerable). */
  readonly spans: readonly ItemSpan[];
}

const URL_FORM = /^(https?|ftp|file):\/\/\S+$/;

/** Reads installurl(5): one URL per line, empty lines and `#` lines ignored. Never throws. */
export function parseInstallUrl(text: string, options: { fileName?: string } = {}): InstallUrlDocument {
  const report = new Reporter(text, options.fileName);
  const urls: string[] = [];
  const spans: ItemSpan[] = [];
  for (const line of splitLines(text)) {
    const body = text.slice(line.start, line.end);
    if (body === "" || body.startsWith("#")) continue;
    if (urls.length === 1) report.add("warning", "EXTRA_URL", "only the first URL is used", line.start, line.end);
    if (!URL_FORM.test(body)) report.add("warning", "NOT_A_URL", "not a URL (such as https://cdn.openbsd.org/pub/OpenBSD)", line.start, line.end);
    urls.push(body);
    spans.push({ start: line.start, end: line.end, valueStart: line.start, valueEnd: line.end, line, aloneOnLine: true });
  }
  const doc = { text, model: { urls }, diagnostics: report.diagnostics } as InstallUrlDocument;
  Object.defineProperty(doc, "spans", { value: spans, enumerable: false });
  return doc;
}

function urlText(url: string, index: number): string {
  if (!URL_FORM.test(url)) throw new UnwritableValueError(url, "a URL such as https://cdn.openbsd.org/pub/OpenBSD, without blanks", `urls[${index}]`);
  return url;
}

/** installurl text: one URL per line. Throws `UnwritableValueError` for what is not a URL. */
export function generateInstallUrl(model: InstallUrl): string {
  return model.urls.map((u, i) => `${urlText(u, i)}\n`).join("");
}

/** Edits an installurl, keeping comments and other lines. */
export function updateInstallUrl(doc: InstallUrlDocument, change: (model: InstallUrl) => InstallUrl | void): string {
  const next = changedCopy(doc.model, change);
  return updateItems(doc.text, doc.model.urls, doc.spans, next.urls, {
    key: (u) => u,
    sameButValue: () => false,
    valueText: urlText,
    lineText: urlText,
  });
}
