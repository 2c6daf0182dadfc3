// httpd's yylex is core's parse.y scanner with other word rules: a word
// starts with a letter, digit, `:`, `_` or `*` (not `/`), and `< > ; /`
// end it (each is then a token of its own). Quoting, escapes, numbers,
// macros, comments and continuation lines are the same as vmd's.

import { scanParsey, type ParseyTokens, type ScanOptions, type WordRules } from "@obsdconf/core";

/** httpd's parse.y: the characters that start a word and the punctuation `allowed_in_string` refuses. */
const HTTPD_WORDS: WordRules = Object.freeze({ start: ":_*", stops: "(){}<>!=#,;/" });

/**
 * Scans httpd.conf text: core's parse.y scanner with httpd's word rules
 * (any `words` in `options` is replaced by them).
 */
export function scanHttpd(text: string, options: ScanOptions): ParseyTokens {
  return scanParsey(text, { ...options, words: HTTPD_WORDS });
}
