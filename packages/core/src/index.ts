/**
 * What every obsdconf format package shares: `Document` and diagnostics, the line
 * index, text edits and the edit engine, atomic file writes, the scanner of
 * OpenBSD's parse.y family, and value types (MAC, IPv4/IPv6, sizes, owners).
 *
 * @packageDocumentation
 * @module @obsdconf/core
 */
export type { Diagnostic, DiagnosticBase, FormatDiagnosticOptions, ModelDiagnostic, Severity } from "./diagnostic.js";
export { diagnosticAt, formatDiagnostic, formatDiagnostics, formatModelDiagnostic, hasErrors } from "./diagnostic.js";
export type { Document, ParseInput, ParseOptions, ValidateOptions } from "./document.js";
export { createDocument, describeValue, InvalidInputError, inputText } from "./document.js";

export type { LinePosition } from "./line-index.js";
export { LineIndex } from "./line-index.js";

export { align, changedCopy, deepEqual } from "./align.js";
export { UnknownReleaseError } from "./release.js";

export type { TextEdit } from "./text-edit.js";
export { applyEdits, EditConflictError } from "./text-edit.js";
export type { EditBuilderOptions, ListRules, Removal, SlotRules, StatementSpan } from "./edit-engine.js";
export { EditBuilder, hashCommentOutside, indented } from "./edit-engine.js";

export type { AtomicFile, WriteFileAtomicOptions } from "./write-file-atomic.js";
export { contentHash, MissingDirectoryError, StaleFileError, writeFileAtomic, writeFilesAtomic } from "./write-file-atomic.js";

export type { MacroDefinition, ParseyTokens, ScanOptions, ScanProblem } from "./parsey/scanner.js";
export { coverageProblem, keywordsByFirst, scanParsey, TokenCode } from "./parsey/scanner.js";
export type { GrammarExpectation, HintFeatures } from "./parsey/hints.js";
export { syntaxHint as parseySyntaxHint } from "./parsey/hints.js";
export type { PeggyState } from "./parsey/grammar.js";
export { releaseKeywords } from "./parsey/grammar.js";
export type {
  AbortClass,
  AbortedStatement,
  GeneratedParse,
  KindedStatement,
  LexicalProblem,
  ParseProblem,
  ParseyActions,
  ParseyGrammar,
  ParseyRun,
  ParseyRunKind,
  ParseyRuns,
  ParseySource,
  SkippedLine,
  StatementLoop,
  StatementsResult,
  StatementSyntax,
  StatementTokens,
} from "./parsey/statements.js";
export { lexicalProblems, parseStatements, parseyRuns, problemDiagnostic } from "./parsey/statements.js";
export { binaryInputDiagnostic, readIncluded } from "./parsey/input.js";
export { closestWord, editDistance, looksBinary } from "./text-checks.js";
export { byteLength, MAX_QUOTED_BYTES, readQuoted, readWord } from "./parsey/escapes.js";
export type { QuotedResult } from "./parsey/escapes.js";
export type { QuoteOptions } from "./parsey/quote.js";
export { quote, unwritableFinding, UnwritableValueError } from "./parsey/quote.js";
export { checkedArray, checkedBoolean, checkedIndent, checkedMember, checkedRecord } from "./field-checks.js";

export { parseMac } from "./values/mac.js";
export type { AddressOptions, Prefix } from "./values/ip.js";
export {
  canonicalIPv6,
  formatIPv6,
  formatPrefix,
  isIPv4,
  isIPv6,
  parseIPv4,
  parseIPv6,
  parsePrefix,
  prefixHostBitsZero,
} from "./values/ip.js";
export type { ScaledResult } from "./values/size.js";
export { formatSize, scanScaled } from "./values/size.js";
export type { Owner } from "./values/owner.js";
export { formatOwner, ownerProblem, parseOwner } from "./values/owner.js";
export { checkedText } from "./parsey/quote.js";
export type { BlockParts, Span, StatementBase } from "./syntax.js";
export type { MacroValue, TokenSpans } from "./macro-use.js";
export { changedMacroInUse } from "./macro-use.js";
export type { CoverageRules, TokenStream, WordRules } from "./parsey/scanner.js";
export { streamCoverageProblem, TokenStreamBuilder, VMD_WORDS } from "./parsey/scanner.js";
export { groupBy, regularBlock } from "./edit-layout.js";
export { refuseSyntaxErrors, UpdateError, updatedText } from "./update.js";
export { parseyComments } from "./edit-layout.js";
