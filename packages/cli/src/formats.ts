// The formats the command knows: each package's verbs behind one shape, and
// how a format is told from a file's name or content.
import * as autoinstall from "@obsdconf/autoinstall";
import type { Diagnostic, Document, ModelDiagnostic } from "@obsdconf/core";
import * as dhcpdconf from "@obsdconf/dhcpdconf";
import * as doasconf from "@obsdconf/doasconf";
import * as httpdconf from "@obsdconf/httpdconf";
import { installurl, rcConfLocal, sysctlConf } from "@obsdconf/sitetgz";
import * as vmconf from "@obsdconf/vmconf";

/** A parsed file of any format. */
export type AnyDocument = Document<unknown, unknown>;

/** One format's verbs, typed loosely so the commands can treat every format alike. */
export interface Format {
  /** Name used by `--format` and in messages. */
  name: string;
  /** Other names `--format` accepts. */
  aliases: string[];
  /** One line for the help. */
  description: string;
  /** The module specifier of the model's JSON Schema, which its package exports (`@obsdconf/vmconf/vm.conf.schema.json`). */
  schema: string;
  /** The package's `parse`: never throws on text; throws UnknownReleaseError for a release it does not know. */
  parse(text: string | Uint8Array, options: { fileName?: string; release?: string }): AnyDocument;
  /** The package's `generate`: canonical text, or UnwritableValueError naming the field. */
  generate(model: unknown): string;
  /** The package's `update`: the text with only the changed statements rewritten. */
  update(doc: AnyDocument, change: (model: unknown) => unknown): string;
  /** The package's `validate`: the daemon's checks on a model, by model path. */
  validate(model: unknown, options: { release?: string }): ModelDiagnostic[];
}

// Each package types its own release and model; the command passes what the
// user gave and lets the package refuse it (UnknownReleaseError, UnwritableValueError).
// (`any` here: the one place where the formats are joined.)
function format(
  name: string,
  aliases: string[],
  description: string,
  packageName: string,
  pkg: { parse: any; generate: any; update: any; validate: any },
): Format {
  return {
    name,
    aliases,
    description,
    schema: `${packageName}/${name}.schema.json`,
    parse: (text, options) => pkg.parse(text, options),
    generate: (model) => pkg.generate(model),
    update: (doc, change) => pkg.update(doc, change),
    validate: (model, options) => pkg.validate(model, options),
  };
}

/** Every format, in the order `--help` lists them. */
export const FORMATS: readonly Format[] = [
  format("vm.conf", ["vmconf", "vmd"], "vmd(8)'s /etc/vm.conf", "@obsdconf/vmconf", vmconf),
  format("httpd.conf", ["httpdconf", "httpd"], "httpd(8)'s /etc/httpd.conf", "@obsdconf/httpdconf", httpdconf),
  format("dhcpd.conf", ["dhcpdconf", "dhcpd"], "dhcpd(8)'s /etc/dhcpd.conf", "@obsdconf/dhcpdconf", dhcpdconf),
  format("doas.conf", ["doasconf", "doas"], "doas(1)'s /etc/doas.conf", "@obsdconf/doasconf", doasconf),
  format("install.conf", ["autoinstall", "upgrade.conf", "auto_install.conf"], "autoinstall(8) answer files", "@obsdconf/autoinstall", autoinstall),
  format("disklabel", ["disklabel-template"], "disklabel(8) autopartitioning templates", "@obsdconf/autoinstall", autoinstall.disklabel),
  format("sysctl.conf", ["sysctl"], "sysctl.conf(5)", "@obsdconf/sitetgz", sysctlConf),
  format("rc.conf.local", ["rcconflocal", "rc.conf"], "rc.conf.local (rc.conf(8))", "@obsdconf/sitetgz", rcConfLocal),
  format("installurl", [], "installurl(5)", "@obsdconf/sitetgz", installurl),
];

/** The format named `name` (or one of its aliases), case-insensitive. */
export function formatNamed(name: string): Format | undefined {
  const n = name.toLowerCase();
  return FORMATS.find((f) => f.name === n || f.aliases.includes(n));
}

const byName = (name: string): Format => formatNamed(name)!;

// File names as they are found in /etc, in repositories (`etc__vm.conf`,
// `httpd.conf.j2`) and in web roots (`<mac>-install.conf`). First match wins.
const NAME_RULES: [RegExp, string][] = [
  [/httpd/, "httpd.conf"],
  [/dhcpd/, "dhcpd.conf"],
  [/doas/, "doas.conf"],
  [/(^|[^a-z])vm\.conf|vmd\.conf/, "vm.conf"],
  [/sysctl/, "sysctl.conf"],
  [/rc\.conf\.local/, "rc.conf.local"],
  [/installurl/, "installurl"],
  [/(install|upgrade)[^/]*\.conf/, "install.conf"],
  [/disklabel|disk-template/, "disklabel"],
];

// Lines that only one format has, for files whose name says nothing.
const CONTENT_RULES: [RegExp, string][] = [
  [/^\s*vm\s+("[^"]*"|\S+)\s*\{/m, "vm.conf"],
  [/^\s*switch\s+("[^"]*"|\S+)\s*\{/m, "vm.conf"],
  [/^\s*server\s+("[^"]*"|\S+)\s*\{/m, "httpd.conf"],
  [/^\s*subnet\s+\S+\s+netmask\s+\S+/m, "dhcpd.conf"],
  [/^\s*hardware\s+ethernet\s/m, "dhcpd.conf"],
  [/^\s*(permit|deny)\s/m, "doas.conf"],
  [/^\s*[A-Za-z][A-Za-z ()'/-]*\s=\s?/m, "install.conf"],
  [/^\s*[a-z]+\.[a-z0-9_.]+\s*=/m, "sysctl.conf"],
  [/^\s*[a-z][a-z0-9_]*_flags=/m, "rc.conf.local"],
  [/^\s*(\/\S*|swap)\s+[0-9][0-9.]*[bkmgtBKMGT%]?/m, "disklabel"],
  [/^\s*(https?|ftp|file):\/\/\S+\s*$/, "installurl"],
];

/** The format of a file from its base name, then its content; undefined when neither tells. */
export function detectFormat(baseName: string, text: string): Format | undefined {
  const name = baseName.toLowerCase();
  for (const [pattern, formatName] of NAME_RULES) if (pattern.test(name)) return byName(formatName);
  for (const [pattern, formatName] of CONTENT_RULES) if (pattern.test(text)) return byName(formatName);
  return undefined;
}

/** The diagnostics that are errors. */
export const errorsOf = (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.filter((d) => d.severity === "error");
