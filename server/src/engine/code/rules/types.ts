// What a code rule sees: the linted file's facts, its routes, and a report function.
import type { FileFacts, Span } from '../facts';
import type { Route } from '../model';
import type { Severity } from '../../findings';
import type { ClassifierOptions } from '../../sensitive';

export interface CodeReport {
  ruleId: string;
  span: Span;
  message: string;
  /** Overrides the rule's default severity (e.g. read routes are warnings, write routes errors). */
  severity?: Severity;
  dataClasses?: string[];
  aiLinked?: boolean;
}

export interface CodeRuleContext {
  file: FileFacts;
  routes: Route[];
  /** The project's sensitive-data classifier settings. */
  classifierOptions?: ClassifierOptions;
  /** 1-based line of an offset in the linted file (for messages: "flows to fetch on line 40"). */
  line(offset: number): number;
  /** Source text of a span, shortened for messages. */
  snippet(span: Span, max?: number): string;
  report(report: CodeReport): void;
}

export interface CodeRule {
  id: string;
  check(ctx: CodeRuleContext): void;
}
