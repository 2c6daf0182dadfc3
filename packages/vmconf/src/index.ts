/**
 * OpenBSD vmd's `/etc/vm.conf` (vm.conf(5)): parse with vmd's own messages and
 * lines, validate for a release, generate, and edit format-preserving.
 *
 * @packageDocumentation
 * @module @obsdconf/vmconf
 */
export type {
  Agentx,
  AllowInstance,
  BootDevice,
  Disk,
  InstanceAllowance,
  LocalInet6,
  Macro,
  Owner,
  StaggeredStart,
  Switch,
  Vm,
  VmConf,
  VmInterface,
} from "./model.js";
export { emptyVmConf, INSTANCE_ALLOWANCES } from "./model.js";

export type { ParseOptions, VmConfDocument, VmConfSyntax } from "./parse.js";
export { parse } from "./parse.js";
export type { GenerateOptions } from "./generate.js";
export { generate } from "./generate.js";
export type { ValidateOptions } from "./validate.js";
export { validate } from "./validate.js";
export { update, updateEdits, UpdateError } from "./edit.js";

export type { Release, VmdFeatures } from "./releases.js";
export { NEWEST_RELEASE, RELEASES, vmdFeatures } from "./releases.js";
export { UnknownReleaseError } from "@obsdconf/core";
export { AGENTX_CONTEXT_MAX, AGENTX_PATH_BUFFER, IF_NAMESIZE, MEGABYTE, RT_TABLEID_MAX, VM_MAX_DISKS, VM_MAX_NICS, VM_NAME_MAX } from "./limits.js";

export type { BlockParts, Span, Statement, StatementKind, SwitchOptionNode, VmOptionNode } from "./syntax.js";
export { UnwritableValueError } from "@obsdconf/core";
