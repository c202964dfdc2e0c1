// Every rule id the engine can report, with its metadata (hover text, OWASP/CWE ids, default severity). Light on
// purpose: the metadata is generated from the rule files (catalog.generated.ts, `npm run generate`), so the
// language server's main thread answers hovers without loading Spectral, rule code or tree-sitter.
import type { RuleMetadata } from '@apiwarden/rulesets';
import { GENERATED_RULE_METADATA } from './catalog.generated';
import { INPUT_RULES } from './inputRules';

export const RULES: ReadonlyMap<string, RuleMetadata> = new Map(
  [...GENERATED_RULE_METADATA, ...INPUT_RULES].map((rule) => [rule.id, rule]),
);

export function ruleMetadata(id: string): RuleMetadata | undefined {
  return RULES.get(id);
}
