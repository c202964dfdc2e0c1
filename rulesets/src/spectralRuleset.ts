// Turns our rules into a plain Spectral ruleset definition: one rule per id, `given: $` on the resolved
// document, whose function queries the shared document index. The same object is used by our engine and,
// bundled, by Spectral's own CLI (`spectral lint -r`).
import { oas2, oas3_0, oas3_1, oas3_2 } from '@stoplight/spectral-formats';
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { getOpenApiIndex, type SpecVersion } from './index/openapiIndex';
import type { OpenApiRule, RuleContext, RuleReport, RuleSeverity } from './ruleTypes';

const FORMAT_BY_VERSION = { '2.0': oas2, '3.0': oas3_0, '3.1': oas3_1, '3.2': oas3_2 } as const;
const ALL_VERSIONS: SpecVersion[] = ['2.0', '3.0', '3.1', '3.2'];

const SPECTRAL_SEVERITY: Record<RuleSeverity, 'error' | 'warn' | 'info' | 'hint'> = {
  error: 'error',
  warning: 'warn',
  info: 'info',
  hint: 'hint',
};

export interface SpectralRulesetOptions {
  /** Base of the rule documentation links, e.g. `file:///…/docs/rules/`; `<id>.md` is appended. */
  documentationBaseUrl?: string;
  /** Options passed to every rule (as the Spectral rules' `functionOptions`). */
  context?: RuleContext;
  /** When set, a rule that throws is reported here and yields no results instead of aborting the Spectral run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** The Spectral result of a rule function, with our extra fields (Spectral itself ignores unknown fields). */
export type RuleFunctionResult = RuleReport;

export function ruleFunction(
  rule: OpenApiRule,
  onRuleError?: SpectralRulesetOptions['onRuleError'],
): (input: unknown, options?: unknown) => RuleFunctionResult[] {
  const fn = (input: unknown, options?: unknown): RuleFunctionResult[] => {
    const index = getOpenApiIndex(input);
    if (!index) return [];
    if (rule.versions && !rule.versions.includes(index.version)) return [];
    const results: RuleFunctionResult[] = [];
    const context: RuleContext = options && typeof options === 'object' ? (options as RuleContext) : {};
    if (!onRuleError) {
      rule.check(index, (finding) => results.push(finding), context);
      return results;
    }
    try {
      rule.check(index, (finding) => results.push(finding), context);
      return results;
    } catch (error) {
      onRuleError(rule.id, error);
      return [];
    }
  };
  Object.defineProperty(fn, 'name', { value: rule.id });
  return fn;
}

export function toSpectralRuleset(
  rules: readonly OpenApiRule[],
  options: SpectralRulesetOptions = {},
): RulesetDefinition {
  const spectralRules: Record<string, unknown> = {};
  for (const rule of rules) {
    spectralRules[rule.id] = {
      description: rule.summary,
      message: '{{error}}',
      severity: SPECTRAL_SEVERITY[rule.severity],
      recommended: true,
      given: '$',
      resolved: true,
      formats: (rule.versions ?? ALL_VERSIONS).map((v) => FORMAT_BY_VERSION[v]),
      ...(options.documentationBaseUrl ? { documentationUrl: `${options.documentationBaseUrl}${rule.id}.md` } : {}),
      then: {
        function: ruleFunction(rule, options.onRuleError),
        ...(options.context ? { functionOptions: options.context } : {}),
      },
    };
  }
  return {
    ...(options.documentationBaseUrl ? { documentationUrl: options.documentationBaseUrl } : {}),
    formats: [oas2, oas3_0, oas3_1, oas3_2],
    rules: spectralRules,
  } as RulesetDefinition;
}
