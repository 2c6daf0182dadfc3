import { releaseDigits, type Release } from "./releases.js";

/** The release's own sets, in the order the installer installs them. */
export function standardSets(release: Release): string[] {
  const nn = releaseDigits(release);
  return ["bsd", "bsd.mp", "bsd.rd", ...["base", "comp", "man", "game", "xbase", "xshare", "xfont", "xserv"].map((s) => `${s}${nn}.tgz`)];
}

/** What "HTTP Server?" accepts: a host, host:port or [address], optionally after http:// or https://. */
export const HTTP_SERVER_FORM = /^(https?:\/\/)?[A-Za-z0-9:.[\]_-]+$/;

/** The sets the answers to "Set name(s)?" leave selected, starting from the installer's preselection (the host's own site set). */
export function selectSets(release: Release, siteSets: readonly string[], answers: readonly string[], shortHostname?: string): Set<string> {
  const all = [...standardSets(release), ...siteSets];
  const hostSet = shortHostname === undefined ? undefined : `site${releaseDigits(release)}-${shortHostname}.tgz`;
  const selected = new Set(all.filter((s) => !siteSets.includes(s) || s === hostSet));
  for (const answer of answers) applySelection(selected, all, answer);
  return selected;
}

const SET_WORD = /^[+-]?[A-Za-z0-9._*?[\]-]+$/;

/** Why the installer would not take an answer to "Set name(s)?", or undefined. */
export function setNamesProblem(answer: string): string | undefined {
  const bad = answer.split(/[ \t]+/).find((w) => !SET_WORD.test(w) || /\[[^\]]*$/.test(w));
  return bad === undefined ? undefined : `"${bad}" is not a set name or pattern`;
}

/** True when the installer takes `selection` as set names and patterns. */
export function isSetSelection(selection: string): boolean {
  return setNamesProblem(selection) === undefined && !/(^|[ \t])[+-]?(done|abort)([ \t]|$)/.test(selection);
}

/** Applies one answer to "Set name(s)?": ksh globs * ? [..], each optionally after + or -, and `all`. */
export function applySelection(selected: Set<string>, all: readonly string[], answer: string): void {
  for (const word of answer.split(/[ \t]+/)) {
    if (word === "all") {
      all.forEach((s) => selected.add(s));
      continue;
    }
    const remove = word.startsWith("-");
    const pattern = word.replace(/^[+-]/, "");
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
    for (const s of all) if (re.test(s)) (remove ? selected.delete(s) : selected.add(s));
  }
}

