/**
 * OpenBSD httpd's `/etc/httpd.conf`: parse (lossless, with httpd's own
 * messages and lines), validate, generate and edit, for the releases in
 * {@link RELEASES}.
 *
 * @packageDocumentation
 *
 * @module @obsdconf/httpdconf
 */

export type {
  Access,
  Alias,
  Authenticate,
  CommonOptions,
  ConnectionOptions,
  DirectoryOptions,
  FastcgiOptions,
  FastcgiParam,
  FastcgiSocket,
  Header,
  HstsOptions,
  HttpdConf,
  Listen,
  Location,
  LogOptions,
  LogStyle,
  Macro,
  MediaType,
  RequestOptions,
  Server,
  TcpOptions,
  TlsClientCa,
  TlsOptions,
  TypesBlock,
} from "./model.js";
export { emptyHttpdConf, emptyLocation, emptyServer } from "./model.js";
export type { HttpdFeatures, HttpdRelease } from "./releases.js";
export { httpdFeatures, isHttpdRelease, NEWEST_RELEASE, RELEASES } from "./releases.js";
export type { HttpdConfDocument, HttpdConfSyntax, ParseOptions } from "./parse.js";
export { parse } from "./parse.js";
export type { BlockParts, OptionFields, OptionNode, Span, Statement, StatementBase, StatementKind, TypesEntryNode } from "./syntax.js";
export type { GenerateOptions, TextContext } from "./generate.js";
export { generate } from "./generate.js";
export type { EditableDocument, UpdateOptions } from "./edit.js";
export { update, updateEdits, UpdateError } from "./edit.js";
export type { ValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
export type { Finding, ModelFindingsOptions, SourceSpan } from "./checks.js";
export { modelFindings } from "./checks.js";
export type { AutoinstallListen, AutoinstallRelease, AutoinstallServerOptions } from "./hosting.js";
export { addAutoinstallServer, autoinstallServer, setsPath } from "./hosting.js";
export { UnknownReleaseError, UnwritableValueError } from "@obsdconf/core";
