// What a code rule sees: the linted file's facts, its routes, and a report function.
import type { FileFacts, Span } from '../facts';
import type { Route } from '../model';
import type { Severity } from '../../findings';
import type { ClassifierOptions } from '@apiwarden/sensitive';

export interface CodeReport {
  ruleId: string;
  span: Span;
  message: string;
  /** Overrides the rule's default severity (e.g. read routes are warnings, write routes errors). */
  severity?: Severity;
  dataClasses?: string[];
  aiLinked?: boolean;
  /** Spans whose lines fill the `{{line:i}}` placeholders of the message. */
  lines?: Span[];
}

export interface CodeRuleContext {
  file: FileFacts;
  routes: Route[];
  /** The project's sensitive-data classifier settings. */
  classifierOptions?: ClassifierOptions;
  /** 1-based line of a span in the linted file, for messages ("flows to fetch on line 40"). Statement-scoped
   * rules get a placeholder that is filled in when the (possibly cached and moved) report becomes a finding. */
  line(span: Span): string;
  /** The whole file, for statement-scoped rules that need cross-statement context (imports, settings names). */
  wholeFile: FileFacts;
  /** Source text of a span, shortened for messages. */
  snippet(span: Span, max?: number): string;
  report(report: CodeReport): void;
}

export interface CodeRule {
  id: string;
  /** `statement`: the rule looks at one top-level statement at a time (ctx.file is that statement's view), so its
   * reports are cached with the statement's facts and reused while the statement's text does not change. */
  /** `route`: the rule looks at one route at a time (ctx.routes holds it); its reports are cached with the route's
   * handler and declaration and reused while they and what runs before the route are unchanged. */
  scope?: 'statement' | 'route' | 'file';
  check(ctx: CodeRuleContext): void;
}
