// The shape of a cross-check rule (`xref-…`): its metadata (catalogued by scripts/generate.ts like every rule)
// and a check over the whole inventory, which reports findings on spec operations or code routes.
import type { RuleMetadata } from '@apiwarden/rulesets';
import type { DataClass } from '@apiwarden/sensitive';
import type { Range, Severity } from '../../findings';
import type { Endpoint, Inventory } from '../model';

export interface XrefReport {
  uri: string;
  range: Range;
  message: string;
  /** When the finding is of another severity than the rule's default (one rule, two directions). */
  severity?: Severity;
  dataClasses?: DataClass[];
  aiLinked?: boolean;
}

export interface XrefContext {
  inventory: Inventory;
  /** Whether the endpoint's project has both a spec and code routes in scope: the only place cross-checks apply. */
  crossCheckable(endpoint: Endpoint): boolean;
  report(report: XrefReport): void;
}

export interface XrefRule extends RuleMetadata {
  check(ctx: XrefContext): void;
}

export function xrefRule(rule: XrefRule): XrefRule {
  return rule;
}

/** `GET /users/{id}` as messages write it. */
export function describeEndpoint(endpoint: Endpoint): string {
  return `\`${endpoint.method === 'ALL' ? 'ANY' : endpoint.method} ${endpoint.path}\``;
}

/** A spec file's name in messages (its last two path segments). */
export function specName(uri: string): string {
  return decodeURIComponent(uri.split('/').slice(-2).join('/'));
}
