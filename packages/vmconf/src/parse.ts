import {
  binaryInputDiagnostic,
  createDocument,
  diagnosticAt,
  inputText,
  LineIndex,
  looksBinary,
  parseyRuns,
  problemDiagnostic,
  scanParsey,
  type Diagnostic,
  type Document,
  type MacroDefinition,
  type ParseOptions as CoreParseOptions,
  type ParseyGrammar,
  type ParseySource,
  type ParseyTokens,
  type StatementSyntax,
} from "@obsdconf/core";
import { AbortStatement, GrammarActions } from "./actions.js";
import { loadChecks, type LoadPlace } from "./checks.js";
// @ts-ignore -- generated from grammar.peggy by the package's build
import { keywordCodes, parse as parseTokens } from "./grammar.generated.js";
import { lowerStatements } from "./lower.js";
import type { VmConf } from "./model.js";
import { vmdFeatures, type Release, type VmdFeatures } from "./releases.js";
import type { Span, Statement } from "./syntax.js";

/** Options of {@link parse}. */
export type ParseOptions = CoreParseOptions<Release>;

/** The concrete syntax of a parsed vm.conf: what `update` edits. */
export type VmConfSyntax = StatementSyntax<ParseyTokens, Statement, Release>;

/** A parsed vm.conf. */
export type VmConfDocument = Document<VmConf, VmConfSyntax>;

/**
 * Parses vm.conf. Never throws on any string or UTF-8 bytes: problems become
 * diagnostics with vmd's wording on the line vmd reports. Throws only for
 * programmer errors: input that is neither a string nor a Uint8Array
 * (`InvalidInputError`) and an unknown `release` (`UnknownReleaseError`).
 */
export function parse(input: string | Uint8Array, options: ParseOptions = {}): VmConfDocument {
  return parseText(inputText(input, "vmconf.parse"), options, vmdFeatures(options.release), { depth: 0 });
}

// A file's text at include depth `source.depth`.
function parseText(text: string, options: ParseOptions, features: VmdFeatures, source: ParseySource): VmConfDocument {
  const file = options.fileName;
  const lines = new LineIndex(text);
  if (looksBinary(text)) {
    const tokens = scanParsey("", { keywords: new Map(), macros: new Map() });
    return createDocument(text, file, lowerStatements([]), [binaryInputDiagnostic(lines, file, "vm.conf")], { tokens, statements: [], release: features.release, lines });
  }

  const included: Diagnostic[] = [];
  const includedSwitches: string[] = [];
  const grammar: ParseyGrammar<Statement, GrammarActions> = {
    scan: scanParsey,
    keywordCodes: keywordCodes as ReadonlyMap<string, number>,
    features,
    parse: parseTokens,
    aborts: AbortStatement,
    actions: (tokens, macros, run) => new GrammarActions({ tokens, features, vmdRecovery: run.recovery, macros, ...(run.include ? { include: run.include } : {}) }),
    included(content, path, macros, report) {
      const child = parseText(content, { ...options, fileName: path }, features, { depth: source.depth + 1, inherited: macros });
      if (report) {
        included.push(...child.diagnostics);
        includedSwitches.push(...child.model.switches.map((s) => s.name));
      }
    },
    errorStatement: (line) => ({ kind: "error", ...line }),
    unusedMacro: (name) => ({ severity: "warning", code: "UNUSED_MACRO", message: `warning: macro '${name}' not used` }),
  };

  const { structure, reported, problems } = parseyRuns(text, grammar, options, source);
  const diagnostics = problems.map((p) => problemDiagnostic(p, lines, file, reported.tokens));
  diagnostics.push(...included);
  const model = lowerStatements(structure.statements);
  const hasIncludes = model.includes.length > 0;
  const load = loadChecks(model, !hasIncludes || options.readFile !== undefined, includedSwitches);
  if (load.length) {
    const at = placeSpans(structure.statements);
    for (const p of load) {
      const span = at(p.place);
      diagnostics.push(diagnosticAt(lines, span.start, span.end, "warning", p.code, p.message, file));
    }
  }
  const syntax: VmConfSyntax = { tokens: structure.tokens, statements: structure.statements, release: features.release, lines };
  return createDocument(text, file, model, diagnostics, syntax);
}

// Source spans of the model's switches, vms and vm interfaces: their headers or options.
function placeSpans(statements: readonly Statement[]): (place: LoadPlace) => Span {
  const vms = statements.filter((s) => s.kind === "vm");
  const switches = statements.filter((s) => s.kind === "switch");
  return (place) => {
    if ("switch" in place) {
      const s = switches[place.switch]!;
      return { start: s.start, end: s.headerEnd };
    }
    const vm = vms[place.vm]!;
    if (vm.kind !== "vm") throw new Error("unreachable");
    if (place.interface === undefined) return { start: vm.start, end: vm.headerEnd };
    const option = vm.options.filter((o) => o.kind === "interface")[place.interface]!;
    return { start: option.start, end: option.end };
  };
}
