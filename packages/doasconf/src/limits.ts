/**
 * Size of the word buffer of doas's yylex (`char buf[1024]` in
 * usr.bin/doas/parse.y): when a word reaches this many bytes doas prints
 * `too long line` and starts the word again from empty.
 */
export const DOAS_WORD_BUFFER = 1024;

/**
 * Longest environment variable name env.c's fillenv() handles
 * (`char name[1024]`, so 1023 bytes); a longer `setenv` entry is skipped
 * silently at run time.
 */
export const DOAS_ENV_NAME_MAX = 1023;
