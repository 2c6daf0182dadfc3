// What the grammar's actions do: build the rule of a line from token
// indexes, and make the checks doas's own actions make, at the same point
// (a check that ends in YYERROR throws AbortStatement; the caller then skips
// the line as yacc's `error '\n'` does).

import type { ParseProblem as Problem } from "@obsdconf/core";
import { noOptions, type Identity, type Rule, type RuleOptions, type SetenvEntry } from "./model.js";
import type { DoasTokens } from "./scanner.js";
import type { Statement } from "./syntax.js";

/** Thrown from an action whose check ends in YYERROR. */
export class AbortStatement {
  /**
   * @param lastShifted - index of the last token shifted when the action ran.
   */
  constructor(readonly lastShifted: number) {}
}

/** The entry of a `setenv` word, as env.c's fillenv() reads it. */
export function setenvEntry(word: string): SetenvEntry {
  const eq = word.indexOf("=");
  const name = eq < 0 ? word : word.slice(0, eq);
  if (name.startsWith("-")) return { kind: "remove", name: name.slice(1) };
  if (eq < 0) return { kind: "keep", name };
  const value = word.slice(eq + 1);
  return value.startsWith("$") ? { kind: "copy", name, from: value.slice(1) } : { kind: "set", name, value };
}

/** The identity of an ident word: a leading `:` makes it a group. */
export function identityOf(word: string): Identity {
  return word.startsWith(":") ? { group: word.slice(1) } : { user: word };
}

/** The actions of grammar.peggy; one instance per parse. */
export class GrammarActions {
  readonly problems: Problem[] = [];
  readonly #t: DoasTokens;
  #action: "permit" | "deny" = "permit";
  #options: RuleOptions = noOptions();
  #setenvSeen = false;

  constructor(tokens: DoasTokens) {
    this.#t = tokens;
  }

  #value(i: number): string {
    return this.#t.value(i) ?? "";
  }

  // An action's message: doas's line counter after token `i`, which was the last one read.
  #abort(code: string, message: string, first: number, last: number): never {
    const t = this.#t;
    this.problems.push({ severity: "error", code, message, start: t.starts[first]!, end: t.ends[last]!, line: t.lineAfter[last]! + 1, fetched: last });
    throw new AbortStatement(last);
  }

  /** `permit` or `deny` starts a rule. */
  begin(action: "permit" | "deny"): true {
    this.#action = action;
    this.#options = noOptions();
    this.#setenvSeen = false;
    return true;
  }

  /** An option keyword at token `i`; `options: options option` checks nopass with persist. */
  flag(name: "nopass" | "nolog" | "persist" | "keepenv", i: number): void {
    this.#options[name] = true;
    if (this.#options.nopass && this.#options.persist) this.#abort("NOPASS_WITH_PERSIST", "can't combine nopass and persist", i, i);
  }

  /** `setenv { words }` from token `first` to the `}` at `close`; a second one is an error. */
  setenv(first: number, words: number[], close: number): void {
    if (this.#setenvSeen) this.#abort("TWO_SETENV_SECTIONS", "can't have two setenv sections", first, close);
    this.#setenvSeen = true;
    this.#options.setenv = words.map((w) => setenvEntry(this.#value(w)));
  }

  /** `cmd word [args words]`. */
  command(cmd: number, args: number[] | null): { command: string; args?: string[] } {
    const out: { command: string; args?: string[] } = { command: this.#value(cmd) };
    if (args !== null) out.args = args.map((a) => this.#value(a));
    return out;
  }

  /** The rule from token `first` up to `next` (exclusive). */
  rule(first: number, ident: number, target: number | null, command: { command: string; args?: string[] } | null, next: number): Statement {
    const rule: Rule = { action: this.#action, options: this.#options, identity: identityOf(this.#value(ident)) };
    if (target !== null) rule.target = this.#value(target);
    if (command) {
      rule.command = command.command;
      if (command.args) rule.args = command.args;
    }
    this.#options = noOptions();
    const t = this.#t;
    return { kind: "rule", rule, start: t.starts[first]!, end: t.ends[next - 1]!, lineEnd: t.text.length };
  }

  /** A rule and the newline token `nl` that ends it. */
  ruleLine(s: Statement, nl: number): Statement {
    s.lineEnd = this.#t.ends[nl]!;
    return s;
  }
}
