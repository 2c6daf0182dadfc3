import { randomInt } from "node:crypto";
import {
  explain,
  hashPasswords,
  installConf,
  parse as parseInstallConf,
  parseSshPublicKey,
  type Release,
} from "@obsdconf/autoinstall";
import type { Diagnostic } from "@obsdconf/core";

/** What a VM's answer file says. */
export interface AnswerSpec {
  /** Installer release. */
  release: Release;
  /** Full host name (`puffy.hosting.example`). */
  hostname: string;
  /** The customer's login in the VM. */
  login: string;
  /** The customer's full name. */
  fullName: string;
  /** The customer's ssh public key line (its comment is replaced by the password). */
  sshKey: string;
  /** Static IPv6 address of vio0, its prefix length and the default router. */
  ipv6?: {
    /** The address. */
    address: string;
    /** Its prefix length. */
    prefixLength: number;
    /** The IPv6 default router. */
    router: string;
  };
  /** The HTTP server of the sets (`server8.hosting.example`). */
  setsServer: string;
  /** Site sets on that server (`site78.tgz`). */
  siteSets: string[];
}

/** How passwords are made and stored. */
export interface PasswordPolicy {
  /**
   * A new random password (default {@link alphanumericPassword}: 20 letters
   * and digits, about 119 bits; the customer's also travels as an ssh key
   * comment, where letters and digits are read back the same by every shell
   * and editor).
   */
  random?: () => string;
  /**
   * bcrypt cost of the stored hashes (default 4, bcrypt's lowest). A random
   * 20-character password carries about 119 bits (letters and digits): no cost factor makes it
   * easier or harder to guess in practice, and cost 4 keeps 300 VMs fast.
   */
  cost?: number;
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `length` letters and digits drawn uniformly by a CSPRNG. */
export function alphanumericPassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** An answer file and the customer's password (also the comment of their ssh key in it). */
export interface Answers {
  /** The install.conf text. */
  text: string;
  /** The customer's password, in plain text. */
  userPassword: string;
}

/** Thrown when an answer file would not take the installer through a whole install. */
export class AnswerFileError extends Error {
  /** Always `"AnswerFileError"`. */
  override readonly name = "AnswerFileError";
  /**
   * @param fileName - the file that was to be written.
   * @param diagnostics - what explain found.
   */
  constructor(
    readonly fileName: string,
    readonly diagnostics: readonly Diagnostic[],
  ) {
    super(`${fileName}: the installer would not get through it: ${diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join("; ")}`);
  }
}

/**
 * The answer files of VMs: root and user passwords random and stored as
 * bcrypt hashes (all hashed together, in parallel); the customer's plain
 * password only as the comment of their ssh key (they find it in
 * ~/.ssh/authorized_keys); IPv4 by DHCP, static IPv6; console com0 at
 * 115200; sets over HTTP including the site sets. Each is checked with
 * `explain`: throws {@link AnswerFileError} unless the installer would get
 * through it without a question left to ask.
 */
export async function answerFiles(
  specs: readonly AnswerSpec[],
  fileNames: readonly string[],
  policy: PasswordPolicy = {},
  onProgress?: (done: number, total: number) => void,
): Promise<Answers[]> {
  return answerTexts(specs, fileNames, await hashedPasswords(specs.length, policy, onProgress));
}

/** A random root and user password with their bcrypt hashes. */
export interface PasswordPair {
  /** The root password's hash. */
  rootHash: string;
  /** The user's password, in plain text (it becomes their ssh key's comment). */
  user: string;
  /** The user password's hash. */
  userHash: string;
}

/**
 * `count` pairs of random passwords with their bcrypt hashes, hashed in
 * parallel off the main thread: start it early and do other work meanwhile.
 */
export async function hashedPasswords(count: number, policy: PasswordPolicy = {}, onProgress?: (done: number, total: number) => void): Promise<PasswordPair[]> {
  const random = policy.random ?? (() => alphanumericPassword());
  let done = 0;
  return Promise.all(
    Array.from({ length: count }, async () => {
      const root = random();
      const user = random();
      const [rootHash, userHash] = await hashPasswords([root, user], { cost: policy.cost ?? 4 });
      onProgress?.(++done, count);
      return { rootHash: rootHash!, user, userHash: userHash! };
    }),
  );
}

/** The answer files of {@link answerFiles} from passwords already hashed. */
export function answerTexts(specs: readonly AnswerSpec[], fileNames: readonly string[], passwords: readonly PasswordPair[]): Answers[] {
  return specs.map((spec, i) => {
    const fileName = fileNames[i]!;
    const { rootHash, user: userPassword, userHash } = passwords[i]!;
    const key = parseSshPublicKey(spec.sshKey);
    if (!key.ok) throw new AnswerFileError(fileName, []);
    const text = installConf({
      release: spec.release,
      hostname: spec.hostname,
      rootPassword: { bcrypt: rootHash },
      console: { port: "com0", speed: 115200 },
      interfaces: [
        {
          name: "vio0",
          ipv4: "dhcp",
          ipv6: spec.ipv6 ? { address: spec.ipv6.address, prefixLength: spec.ipv6.prefixLength } : "none",
        },
      ],
      ...(spec.ipv6 ? { ipv6DefaultRouter: spec.ipv6.router } : {}),
      user: {
        login: spec.login,
        fullName: spec.fullName,
        password: { bcrypt: userHash },
        sshKey: `${key.key.type} ${key.key.data} ${userPassword}`,
      },
      rootSshLogin: "no",
      sets: { server: spec.setsServer, siteSets: spec.siteSets, selection: "+site*", acceptSiteSets: true },
    });
    const problems = explain(parseInstallConf(text, { fileName }), { release: spec.release }).diagnostics;
    // Notes (an answer to a question this install does not ask, say) are not failures.
    const failures = problems.filter((d) => d.severity !== "info");
    if (failures.length > 0) throw new AnswerFileError(fileName, failures);
    return { text, userPassword };
  });
}

/** The answer file of one VM: {@link answerFiles} of one. */
export async function answerFile(spec: AnswerSpec, fileName: string, policy: PasswordPolicy = {}): Promise<Answers> {
  return (await answerFiles([spec], [fileName], policy))[0]!;
}
