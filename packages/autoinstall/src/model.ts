/** One `question = answer` line as the installer reads it. */
export interface Answer {
  /**
   * The key: text before the first `=`, blanks trimmed. The installer matches
   * it, case-insensitively, as whole words inside the question it asks.
   */
  key: string;
  /** The answer: text after the first `=`, blanks trimmed; never empty. */
  answer: string;
}

/**
 * An install.conf (or upgrade.conf) response file: the answer lines in file
 * order. Comments, blank lines and lines the installer ignores live in the
 * syntax tree only.
 */
export interface InstallConf {
  /** Answer lines in file order (order matters: the first match wins). */
  answers: Answer[];
}
