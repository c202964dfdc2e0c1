// What an OpenAPI rule of ours is: metadata (shown in hovers, SARIF, docs) plus a check that queries the
// document index. `spectralRuleset.ts` turns these into plain Spectral rules.
import type { JsonPath, OpenApiIndex, SpecVersion } from './index/openapiIndex';
import type { ClassifierOptions } from './sensitive/types';

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint';

export interface RuleReport {
  /** Path in the resolved document; Spectral maps it to the file and position that hold the fault. */
  path: JsonPath;
  /** What is wrong, why it matters, what to do. */
  message: string;
  dataClasses?: string[];
  aiLinked?: boolean;
}

/** Per-run options a rule may read (from the engine's settings, or a Spectral rule's `functionOptions`). */
export interface RuleContext {
  sensitiveData?: ClassifierOptions;
}

export interface OpenApiRule {
  id: string;
  severity: RuleSeverity;
  /** OWASP API Security Top 10 (2023) id, e.g. `API2:2023`. */
  owasp: string;
  cwe?: string;
  /** A short name, e.g. "Operation without security". */
  title: string;
  /** One or two sentences: what the rule finds and why it matters (hover text). */
  summary: string;
  /** Spec versions the rule applies to; all when absent. */
  versions?: SpecVersion[];
  /** A quick-fix exists for this rule's findings. */
  fixable?: boolean;
  check(index: OpenApiIndex, report: (finding: RuleReport) => void, context: RuleContext): void;
}

export interface RuleMetadata {
  id: string;
  severity: RuleSeverity;
  owasp?: string;
  cwe?: string;
  title: string;
  summary: string;
  fixable: boolean;
}

export function metadataOf(rule: OpenApiRule): RuleMetadata {
  return {
    id: rule.id,
    severity: rule.severity,
    owasp: rule.owasp,
    ...(rule.cwe ? { cwe: rule.cwe } : {}),
    title: rule.title,
    summary: rule.summary,
    fixable: rule.fixable === true,
  };
}
