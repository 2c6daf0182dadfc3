/**
 * @packageDocumentation
 * Parse, validate, edit and generate OpenBSD's /etc/doas.conf (doas.conf(5))
 * as doas reads it, format-preserving; and decide what doas would allow for
 * a request, as `doas -C file command` prints it.
 *
 * @module @obsdconf/doasconf
 */
export { UnknownReleaseError, UnwritableValueError } from "@obsdconf/core";
export type { DoasConf, Identity, Rule, RuleOptions, SetenvEntry } from "./model.js";
export { emptyDoasConf, noOptions } from "./model.js";
export type { DoasFeatures, Release } from "./releases.js";
export { doasFeatures, NEWEST_RELEASE, RELEASES } from "./releases.js";
export { DOAS_ENV_NAME_MAX, DOAS_WORD_BUFFER } from "./limits.js";
export type { DoasConfDocument, DoasConfSyntax, ParseOptions } from "./parse.js";
export { doasMessages, parse } from "./parse.js";
export type { DoasScanProblem, DoasTokens } from "./scanner.js";
export { doasCoverageProblem, DoasToken, scanDoas } from "./scanner.js";
export type { Span, Statement } from "./syntax.js";
export type { GenerateOptions } from "./generate.js";
export { generate, ruleText, setenvWord, word } from "./generate.js";
export { update, updateEdits, UpdateError } from "./edit.js";
export type { ValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
export type { DecideRequest, Decision } from "./decide.js";
export { decide, doasCheckOutput, ruleMatches } from "./decide.js";
export type { CustomerRuleOptions } from "./hosting.js";
export { customerRule, OWNER_FORCE_STOP_RELEASE } from "./hosting.js";
export type { DoasCheckResult } from "./check.js";
export { doasCheck } from "./check.js";
