/**
 * siteNN.tgz install sets (reproducible gzip'd ustar) and the `index.txt` the
 * installer reads, with the files a set usually carries in the namespaces
 * `installurl`, `sysctlConf` and `rcConfLocal`.
 *
 * @packageDocumentation
 * @module @obsdconf/sitetgz
 */
export type { SiteSetEntry, SiteSetOptions, OutputOptions } from "./build.js";
export { buildSiteSet, checkPath, STOCK_DIRECTORY_MODES, writeSiteSet } from "./build.js";
export type { SiteSetErrorCode } from "./errors.js";
export { SiteSetError } from "./errors.js";
export type { IndexEntry } from "./names.js";
export { indexNames, indexTxt, siteSetName } from "./names.js";
export type { SiteSetFile } from "./read.js";
export { readSiteSet } from "./read.js";
export type { UstarHeader, UstarPathFields } from "./ustar.js";
export { splitUstarPath, USTAR_NAME_MAX, USTAR_PREFIX_MAX } from "./ustar.js";
/** /etc/sysctl.conf (sysctl.conf(5)): parse, generate, update, validate. */
export * as sysctlConf from "./sysctl-conf/index.js";
/** /etc/rc.conf.local (rc.conf(8)): parse, generate, update, validate, and daemon helpers. */
export * as rcConfLocal from "./rc-conf-local/index.js";
/** /etc/installurl (installurl(5)): parse, generate, update, validate. */
export * as installurl from "./installurl/index.js";
export type { ItemSpan, LineSyntax } from "./line-format.js";
export { UnwritableValueError } from "@obsdconf/core";
