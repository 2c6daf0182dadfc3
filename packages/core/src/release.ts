/** Thrown for an OpenBSD release a package does not know. */
export class UnknownReleaseError extends Error {
  /** Always `"UnknownReleaseError"`. */
  override readonly name = "UnknownReleaseError";
  /**
   * @param release - the release asked for.
   * @param known - the releases the package knows.
   */
  constructor(release: string, known: readonly string[]) {
    super(`unknown OpenBSD release ${JSON.stringify(release)}; known: ${known.join(", ")}`);
  }
}
