/** Why an entry cannot go into a site set. */
export type SiteSetProblem =
  | "absolute"
  | "dot-dot"
  | "empty"
  | "nul"
  | "too-long"
  | "duplicate"
  | "not-executable"
  | "unsupported-type"
  | "link-escapes"
  | "bad-mode"
  | "bad-name";

/** Thrown (or the promise rejected) for an entry that cannot be written; names the path. */
export class SiteSetError extends Error {
  /** Always `"SiteSetError"`. */
  override readonly name = "SiteSetError";
  /**
   * @param path - the entry's path as given.
   * @param problem - what is wrong, as a stable code.
   * @param reason - the explanation.
   */
  constructor(
    readonly path: string,
    readonly problem: SiteSetProblem,
    reason: string,
  ) {
    super(`${JSON.stringify(path)}: ${reason}`);
  }
}
