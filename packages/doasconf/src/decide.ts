import { noOptions, type DoasConf, type Rule, type RuleOptions } from "./model.js";

/**
 * A request to check: who runs which command as whom. doas resolves names
 * through the password and group databases; here names are compared as
 * given, and numeric ids in rules (`permit 1000`, `permit :0`, `as 0`) are
 * compared with the ids given (root is uid 0 without being told).
 */
export interface DecideRequest {
  /** Login name of the invoking user. */
  user: string;
  /** Numeric uid of the invoking user, for rules that name a uid (default: 0 for root, else unknown). */
  uid?: number;
  /** Names of every group the user is in, the primary group included (doas adds getgid() to getgroups()). */
  groups?: readonly string[];
  /** Numeric gids of those groups, for rules that name a gid (`permit :1000`). */
  gids?: readonly number[];
  /** User to run the command as (`doas -u`), default `root`. */
  target?: string;
  /** Numeric uid of the target, for rules that name a uid (default: 0 for root, else unknown). */
  targetUid?: number;
  /** The command word exactly as typed (`reboot` and `/sbin/reboot` differ for doas). */
  command: string;
  /** The command's arguments. */
  args?: readonly string[];
}

/** What doas decides for a request. */
export interface Decision {
  /** `permit` when the last matching rule permits, else `deny` (also when no rule matches). */
  action: "permit" | "deny";
  /** Index in `model.rules` of the last matching rule; absent when none matches. */
  rule?: number;
  /** The deciding rule's options (none when no rule matches). */
  options: RuleOptions;
}

const NUMERIC = /^[0-9]+$/;

function idOf(name: string, explicit: number | undefined): number | undefined {
  if (explicit !== undefined) return explicit;
  if (NUMERIC.test(name)) return Number(name);
  return name === "root" ? 0 : undefined;
}

// A rule's user word (name or numeric uid) against a user: as doas's uidcheck().
function sameUser(ruleWord: string, name: string, uid: number | undefined): boolean {
  if (ruleWord === name) return true;
  const want = idOf(ruleWord, undefined);
  return want !== undefined && want === idOf(name, uid);
}

/** True when `rule` matches `request`, as doas.c's match() tests it. */
export function ruleMatches(rule: Rule, request: DecideRequest): boolean {
  const identity = rule.identity;
  if ("group" in identity) {
    const groups = request.groups ?? [];
    const gid = NUMERIC.test(identity.group) ? Number(identity.group) : undefined;
    const inGroup = groups.includes(identity.group) || (gid !== undefined && (request.gids ?? []).includes(gid));
    if (!inGroup) return false;
  } else if (!sameUser(identity.user, request.user, request.uid)) {
    return false;
  }
  if (rule.target !== undefined && !sameUser(rule.target, request.target ?? "root", request.targetUid)) return false;
  if (rule.command !== undefined) {
    if (rule.command !== request.command) return false;
    if (rule.args !== undefined) {
      const given = request.args ?? [];
      if (given.length !== rule.args.length || rule.args.some((a, i) => a !== given[i])) return false;
    }
  }
  return true;
}

/**
 * What doas decides for `request` under `model`: every rule is tested in
 * order and the last one that matches decides; with no match, deny
 * (doas.c's permit()). Matching (doas.c's match()): the identity is the
 * user (by name or numeric uid) or, for `:group`, one of the user's groups
 * (by name or numeric gid); `as target` must name the target (default
 * root), no `as` allows any target; `cmd` must equal the command word as
 * typed, no `cmd` allows any command; `args` must equal the arguments
 * exactly (bare `args`: none), no `args` allows any.
 */
export function decide(model: DoasConf, request: DecideRequest): Decision {
  let last = -1;
  model.rules.forEach((rule, i) => {
    if (ruleMatches(rule, request)) last = i;
  });
  if (last < 0) return { action: "deny", options: noOptions() };
  const rule = model.rules[last]!;
  return { action: rule.action, rule: last, options: rule.options };
}

/**
 * What `doas -C file command [args]` prints for a decision, without the
 * newline: `permit`, `permit nopass` or `deny` (doas then exits 0 for a
 * permit, 1 for deny). Of the options only nopass is shown.
 */
export function doasCheckOutput(decision: Decision): string {
  if (decision.action === "deny") return "deny";
  return decision.options.nopass ? "permit nopass" : "permit";
}
