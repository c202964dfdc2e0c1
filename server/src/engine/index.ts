// Public surface of the engine for the front ends (language server, CLI, tests).
export { Engine, type LintRequest, type LintResult, type DocumentKind, type EngineOptions } from './engine';
export { DEFAULT_SETTINGS, normalizeSettings, type EngineSettings, type RuleSetting } from './config/settings';
export { FindingDeduplicator, FindingPolicy, type FindingInit } from './findingPolicy';
export { LintCancelledError, NEVER_CANCELLED, type CancelSignal } from './cancellation';
export { diskFileReader, OverlayFileReader, type FileReader } from './fileReader';
export { compareFindings, SEVERITY_ORDER, type Finding, type Range, type Position, type Severity } from './findings';
export { classifyDocument } from './classify';
export { LineIndex, rangeContains, shiftRange } from './positions';
export { discoverFiles } from './workspace/discoverFiles';
export { DATA_CLASSES, isDataClass, type DataClass } from '@apiwarden/sensitive';
export { RULES, ruleMetadata } from './rules/catalog';
export { extensionOf, pathToUri, uriToPath, normalizeUri } from './uris';
export { ruleDocText, ruleDocUrl, PUBLISHED_RULE_DOCS_URL, REPOSITORY_URL } from './rules/ruleDocs';
export {
  computeFixes,
  applyEdits,
  disableForLineFix,
  fixAllEdits,
  hasFixProvider,
  type DisableTarget,
  type Fix,
  type FixAllResult,
  type TextEdit,
} from './fixes';
export type { FixData, FindingSuppression } from './findings';
export { findingViews, findingsText, type FindingView } from './report/agentText';
export {
  WorkspaceInventory,
  inventoryReport,
  formatInventoryCsv,
  formatInventoryHtml,
  formatInventoryMarkdown,
  formatInventoryTable,
  type Endpoint,
  type Inventory,
  type InventoryReport,
  type InventoryResult,
} from './inventory';
