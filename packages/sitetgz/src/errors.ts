/** Why an entry (or the set's file) cannot be written, as a stable SCREAMING_SNAKE code. */
export type SiteSetErrorCode =
  | "ABSOLUTE_PATH"
  | "DOT_DOT"
  | "EMPTY_NAME"
  | "NUL_IN_NAME"
  | "TOO_LONG"
  | "DUPLICATE_PATH"
  | "NOT_EXECUTABLE"
  | "UNSUPPORTED_TYPE"
  | "LINK_ESCAPES"
  | "BAD_MODE"
  | "BAD_NAME"
  | "NO_DIRECTORY";

/** Thrown (or the promise rejected) for an entry that cannot be written; names the path. */
export class SiteSetError extends Error {
  /** Always `"SiteSetError"`. */
  override readonly name = "SiteSetError";
  /**
   * @param path - the entry's path as given (or the set's file).
   * @param code - what is wrong, as a stable code.
   * @param reason - the explanation.
   */
  constructor(
    readonly path: string,
    readonly code: SiteSetErrorCode,
    reason: string,
  ) {
    super(`${JSON.stringify(path)}: ${reason}`);
  }
}
