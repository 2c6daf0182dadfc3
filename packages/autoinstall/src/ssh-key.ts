import { UnwritableValueError } from "@obsdconf/core";

/** Public key types OpenSSH accepts in authorized_keys that this package knows. */
export const SSH_KEY_TYPES = [
  "ssh-ed25519",
  "ssh-rsa",
  "ecdsa-sha2-nistp256",
  "ecdsa-sha2-nistp384",
  "ecdsa-sha2-nistp521",
  "sk-ssh-ed25519@openssh.com",
  "sk-ecdsa-sha2-nistp256@openssh.com",
] as const;

/** A public key from an authorized_keys line. */
export interface SshPublicKey {
  /** Key type, e.g. `ssh-ed25519`. */
  type: string;
  /** The base64 key blob. */
  data: string;
  /** Text after the blob (often user@host), if any. */
  comment?: string;
}

/** Result of {@link parseSshPublicKey}. */
export type SshKeyResult =
  | {
      /** The key was read. */
      ok: true;
      /** The key. */
      key: SshPublicKey;
    }
  | {
      /** The line is not a usable key. */
      ok: false;
      /** Why. */
      problem: string;
    };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Reads one public key line (`type base64 [comment]`, no options), checking
 * that the type is known, the blob is base64 and the type inside the blob is
 * the same as the one written before it.
 */
export function parseSshPublicKey(line: string): SshKeyResult {
  const match = /^[ \t]*(\S+)[ \t]+(\S+)(?:[ \t]+(.*?))?[ \t]*$/.exec(line);
  if (!match || line.includes("\n")) return { ok: false, problem: "expected one line: key type, base64 blob, optional comment" };
  const [, type, data, comment] = match as unknown as [string, string, string, string | undefined];
  if (!(SSH_KEY_TYPES as readonly string[]).includes(type)) {
    return { ok: false, problem: `unknown key type "${type}" (known: ${SSH_KEY_TYPES.join(", ")})` };
  }
  if (!BASE64.test(data) || data.length % 4 !== 0) return { ok: false, problem: "the key blob is not base64" };
  const blob = Buffer.from(data, "base64");
  if (blob.length < 4) return { ok: false, problem: "the key blob is too short" };
  const length = blob.readUInt32BE(0);
  if (length > blob.length - 4) return { ok: false, problem: "the key blob is truncated" };
  const inner = blob.subarray(4, 4 + length).toString("latin1");
  if (inner !== type) return { ok: false, problem: `the key blob holds a "${inner}" key, not "${type}"` };
  const key: SshPublicKey = { type, data };
  if (comment) key.comment = comment;
  return { ok: true, key };
}

/**
 * An authorized_keys line: type, blob and `comment` (or the key's own
 * comment). Throws {@link UnwritableValueError} for a key that does not parse
 * or a comment the installer would not keep (newline, blanks at either end).
 */
export function authorizedKeyLine(key: string | SshPublicKey, comment?: string, field = "sshKey"): string {
  let parsed: SshPublicKey;
  if (typeof key === "string") {
    const result = parseSshPublicKey(key);
    if (!result.ok) throw new UnwritableValueError(key, result.problem, field);
    parsed = result.key;
  } else {
    const result = parseSshPublicKey(`${key.type} ${key.data}`);
    if (!result.ok) throw new UnwritableValueError(`${key.type} ${key.data}`, result.problem, field);
    parsed = { ...result.key, ...(key.comment !== undefined ? { comment: key.comment } : {}) };
  }
  const text = comment ?? parsed.comment;
  if (text === undefined || text === "") return `${parsed.type} ${parsed.data}`;
  if (/[\n\r\0]/.test(text) || /^[ \t]|[ \t]$/.test(text)) {
    throw new UnwritableValueError(text, "a key comment cannot hold newlines or begin or end with blanks", `${field}.comment`);
  }
  return `${parsed.type} ${parsed.data} ${text}`;
}
