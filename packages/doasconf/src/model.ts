/**
 * The typed content of a doas.conf(5) file: its rules in file order. Plain
 * data, safe to `structuredClone` and `JSON.stringify`. doas tests every
 * rule and the last one that matches decides.
 */
export interface DoasConf {
  /** The rules in file order (the last matching rule wins). */
  rules: Rule[];
}

/** Who a rule is about: a user, or (written `:name`) the members of a group. */
export type Identity =
  | {
      /** User name, or a numeric uid as text (`"1000"`); matched against the invoking user. */
      user: string;
    }
  | {
      /** Group name or numeric gid as text, without the leading `:`; matched against the user's groups. */
      group: string;
    };

/**
 * One `setenv { ... }` entry, as env.c applies it after the default
 * environment is built:
 * - `keep`: `NAME` copies NAME from the invoking user's environment (if set);
 * - `remove`: `-NAME` removes NAME;
 * - `set`: `NAME=value` sets NAME to a literal value (not starting with `$`);
 * - `copy`: `NAME=$OTHER` sets NAME to the invoking user's OTHER (for
 *   `$PATH`, the PATH doas was started with).
 */
export type SetenvEntry =
  | {
      /** Keep from the caller's environment. */
      kind: "keep";
      /** Variable name (no `=`, not starting with `-`). */
      name: string;
    }
  | {
      /** Remove from the new environment. */
      kind: "remove";
      /** Variable name, without the leading `-`. */
      name: string;
    }
  | {
      /** Set to a literal value. */
      kind: "set";
      /** Variable name. */
      name: string;
      /** The value; never starts with `$` (that would read as a copy). */
      value: string;
    }
  | {
      /** Copy another variable of the caller's environment. */
      kind: "copy";
      /** Variable name. */
      name: string;
      /** Name of the caller's variable whose value is taken (written after `$`). */
      from: string;
    };

/** The options of a rule (only `permit` rules may have any). */
export interface RuleOptions {
  /** `nopass`: no password is asked. */
  nopass: boolean;
  /** `nolog` (6.6 and later): a successful run is not logged to syslogd(8). */
  nolog: boolean;
  /** `persist`: no new password for a while after one was given. Cannot be combined with `nopass`. */
  persist: boolean;
  /** `keepenv`: the caller's environment is kept (beyond the variables doas(1) always sets). */
  keepenv: boolean;
  /** `setenv { ... }` entries in order; empty when there is no setenv (an empty `setenv {}` reads the same). */
  setenv: SetenvEntry[];
}

/**
 * A rule: `permit|deny [options] identity [as target] [cmd command [args ...]]`.
 */
export interface Rule {
  /** `permit` or `deny`: what happens when this rule is the last one to match. */
  action: "permit" | "deny";
  /** Options; all false and no setenv for a `deny` rule. */
  options: RuleOptions;
  /** The invoking user or group the rule is about. */
  identity: Identity;
  /** `as target`: the user (name or numeric uid) commands may run as; absent: any user. */
  target?: string;
  /**
   * `cmd command`: the command exactly as the user types it (doas compares
   * it with the command word as given: `reboot` and `/sbin/reboot` differ);
   * absent: any command.
   */
  command?: string;
  /**
   * `args ...` (only with {@link Rule.command}): the arguments must be
   * exactly these. Absent: any arguments. Present but empty (`args` alone):
   * only runs with no arguments match.
   */
  args?: string[];
}

/** A rule's options with nothing set. */
export function noOptions(): RuleOptions {
  return { nopass: false, nolog: false, persist: false, keepenv: false, setenv: [] };
}

/** An empty configuration (doas then denies everything). */
export function emptyDoasConf(): DoasConf {
  return { rules: [] };
}
