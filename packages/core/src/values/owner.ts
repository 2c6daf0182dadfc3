/**
 * An owner as vmd reads it: a numeric uid, or a user name, a group name, or
 * both (`user`, `user:group`, `:group`).
 */
export interface Owner {
  /** Numeric user id (written as a bare number). */
  uid?: number;
  /** User name. */
  user?: string;
  /** Group name. */
  group?: string;
}

/** Parses the string form `user`, `user:group` or `:group`; undefined for an empty or malformed one. */
export function parseOwner(text: string): Owner | undefined {
  const colon = text.indexOf(":");
  const user = colon < 0 ? text : text.slice(0, colon);
  const group = colon < 0 ? undefined : text.slice(colon + 1);
  const owner: Owner = {};
  if (user) owner.user = user;
  if (group) owner.group = group;
  return owner.user || owner.group ? owner : undefined;
}

/** Text of an owner in the form vmd reads back. */
export function formatOwner(owner: Owner): string {
  if (owner.uid !== undefined) return String(owner.uid);
  if (owner.group !== undefined) return `${owner.user ?? ""}:${owner.group}`;
  return owner.user ?? "";
}

/** Why an owner cannot be written, or undefined when it can. */
export function ownerProblem(owner: Owner): string | undefined {
  if (owner.uid !== undefined) {
    if (owner.user !== undefined || owner.group !== undefined) return "a numeric uid cannot have a user or group name";
    if (!Number.isSafeInteger(owner.uid) || owner.uid < 0) return "uid must be a non-negative integer";
    return undefined;
  }
  if (owner.user === undefined && owner.group === undefined) return "needs a uid, a user or a group";
  if (owner.user !== undefined && (owner.user === "" || owner.user.includes(":"))) return "user name is empty or has ':'";
  if (owner.group !== undefined && owner.group === "") return "group name is empty";
  return undefined;
}
