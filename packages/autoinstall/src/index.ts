/**
 * OpenBSD autoinstall(8) answer files: install.conf (parse, validate, generate, edit,
 * `explain` against the installer's questions, passwords) and, in the `disklabel`
 * namespace, autopartitioning templates.
 *
 * @packageDocumentation
 * @module @obsdconf/autoinstall
 */
export type { Answer, InstallConf } from "./model.js";
export type { AnswerFileLine, LineKind } from "./syntax.js";
export type { InstallConfDocument, InstallConfSyntax, ParseOptions } from "./parse.js";
export { parse, READING_PROBLEMS } from "./parse.js";
export { generate } from "./generate.js";
export { update, updateEdits } from "./edit.js";
export type { InstallConfValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
export { keyMatchesPrompt, keyMatchesQuestion } from "./match.js";
export type { Question, QuestionId } from "./catalogue.js";
export { catalogue, fillPrompt, keyFor, QUESTION_IDS } from "./catalogue.js";
export type { Explanation, ExplainedQuestion, ExplainOptions, Machine, Outcome, SetsServer } from "./explain.js";
export { explain } from "./explain.js";
export type {
  DiskLayoutOption,
  InstallConfOptions,
  InterfaceOption,
  Ipv4Option,
  Ipv6Option,
  PasswordOption,
  SetsOption,
} from "./builder.js";
export { installConf, installConfAnswers } from "./builder.js";
export type { HashPasswordOptions, PasswordKind } from "./passwords.js";
export {
  hashPassword,
  hashPasswords,
  PASSWORD_DISABLED,
  PASSWORD_FIRST_CHAR,
  PASSWORD_LAST_CHAR,
  passwordKind,
  randomPassword,
  verifyPassword,
} from "./passwords.js";
export type { SshKeyResult, SshPublicKey } from "./ssh-key.js";
export { authorizedKeyLine, parseSshPublicKey, SSH_KEY_TYPES } from "./ssh-key.js";
export type { InstallMode } from "./files.js";
export { hostResponseFileName, responseFileName, responseFileNames } from "./files.js";
export type { Account } from "./checks.js";
export { BCRYPT_HASH, passwordStorageProblem, timezoneKind } from "./checks.js";
export { TIMEZONE_NAMES, TZDATA_VERSION } from "./timezones.js";
export type { Release } from "./releases.js";
export { NEWEST_RELEASE, RELEASES } from "./releases.js";
export { UnknownReleaseError } from "@obsdconf/core";
export { UnwritableValueError } from "@obsdconf/core";
/** disklabel(8) autopartitioning templates, with the same verbs as install.conf. */
export * as disklabel from "./disklabel/index.js";
