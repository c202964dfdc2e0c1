// Public surface of our OpenAPI rules for the engine: the rule list, the rule shape and the Spectral adapter.
// The sensitive-data classifier has its own entry point (`@apiwarden/sensitive`, `./sensitive/index.ts`).
export { recommendedRules } from './recommended.generated';
export { toSpectralRuleset, type RuleFunctionResult, type SpectralRulesetOptions } from './spectralRuleset';
export { metadataOf, type OpenApiRule, type RuleMetadata, type RuleReport, type RuleSeverity } from './ruleTypes';
// What the inventory (server/src/engine/inventory/) reads of a spec: the index and the operation facts the rules share.
export {
  getOpenApiIndex,
  type IndexedOperation,
  type IndexedSchema,
  type JsonObject,
  type OpenApiIndex,
} from './index/openapiIndex';
export { allowsAnonymous, isAiLinked, isUnsecured } from './helpers/operations';
export { classifySchemaEntry } from './helpers/sensitive';
