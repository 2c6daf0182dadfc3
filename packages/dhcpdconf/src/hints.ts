// Hints for diagnostics: the statement keyword or option name closest to
// what was written (`did you mean "fixed-address"?`). Not dhcpd's words.

import { closestWord } from "@obsdconf/core";
import type { Finding } from "./checks.js";
import type { DhcpdConf } from "./model.js";
import { OPTIONS } from "./options.js";
import type { DhcpdTokens } from "./scanner.js";

/** Words that start a statement in dhcpd.conf. */
export const STATEMENT_WORDS: readonly string[] = [
  "allow",
  "always-reply-rfc1048",
  "authoritative",
  "default-lease-time",
  "deny",
  "dynamic-bootp-lease-cutoff",
  "dynamic-bootp-lease-length",
  "echo-client-id",
  "filename",
  "fixed-address",
  "get-lease-hostnames",
  "group",
  "hardware",
  "host",
  "max-lease-time",
  "next-server",
  "not",
  "option",
  "range",
  "server-identifier",
  "server-name",
  "shared-network",
  "subnet",
  "use-host-decl-names",
  "use-lease-addr-for-default-route",
  "user-class",
  "vendor-class",
];

// What other DHCP servers call these (ISC 4.4), pointing at OpenBSD's spelling.
const KNOWN_OTHERS: ReadonlyMap<string, string> = new Map([
  ["boot-unknown-clients", 'OpenBSD dhcpd reads "allow unknown-clients;" or "deny unknown-clients;"'],
  ["include", "OpenBSD dhcpd has no include statement"],
  ["pool", "OpenBSD dhcpd has no pool declaration: put the range directly in the subnet"],
  ["ddns-update-style", "OpenBSD dhcpd does no dynamic DNS updates: remove the line"],
]);

/** A hint for an unknown statement starting at token `at`. */
export function statementHint(tokens: DhcpdTokens, at: number): string | undefined {
  if (at >= tokens.count) return undefined;
  const word = tokens.value(at);
  const other = KNOWN_OTHERS.get(word.toLowerCase());
  if (other) return other;
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(word)) return undefined;
  const close = closestWord(word, STATEMENT_WORDS);
  return close ? `did you mean "${close}"?` : undefined;
}

const CHOICES: Readonly<Record<string, readonly string[]>> = {
  ALLOW_DENY_KEY_EXPECTED: ["unknown-clients", "bootp", "booting", "dynamic-bootp"],
  HARDWARE_TYPE_EXPECTED: ["ethernet", "ipsec-tunnel"],
  BOOLEAN_EXPECTED: ["true", "false", "on", "off"],
  NETMASK_EXPECTED: ["netmask"],
  ASSERTION_EXPECTED: ["authoritative"],
};

/** A hint for a syntax error `code` at a token whose text is `word`: the closest word dhcpd takes there. */
export function failureHint(code: string, word: string | undefined): string | undefined {
  const choices = CHOICES[code];
  if (!choices) return undefined;
  const close = word !== undefined ? closestWord(word, choices) : undefined;
  if (close) return `did you mean "${close}"?`;
  return `dhcpd takes ${choices.map((c) => `"${c}"`).join(", ")} here`;
}

/** A hint for an unknown option name: the closest known one. */
export function optionHint(name: string): string | undefined {
  const close = closestWord(name, OPTIONS.keys());
  if (close === name) return undefined;
  return close ? `did you mean "${close}"?` : undefined;
}

/** A hint for a finding of the checks, when there is one. */
export function findingHint(finding: Finding, _model: DhcpdConf): string | undefined {
  if (finding.code === "NO_SUCH_OPTION") {
    const name = finding.message.replace(/^no option named /, "");
    return optionHint(name);
  }
  return undefined;
}
