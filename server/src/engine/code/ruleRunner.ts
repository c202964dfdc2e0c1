// Runs the code rules' checks on one file and keeps their reports between lints. Statement checks are cached with
// each top-level statement's facts, route checks with each route's handler and declaration; the cache keys are
// derived from what the checks declare they read (`reads` in rules/types.ts), so a check never sees a stale
// result of an input it declared. Rules that are off do not run.
import type { ClassifierOptions } from '@apiwarden/sensitive';
import type { FindingPolicy } from '../findingPolicy';
import { runGuarded } from '../findingPolicy';
import { LintCancelledError } from '../cancellation';
import type { LineIndex } from '../positions';
import type { FileFacts, Span, StatementFacts } from './facts';
import { importedConstantsKey } from './importedConstants';
import { moduleConstantsOf, type ModuleConstant } from './moduleConstants';
import type { RoleEvidence, Route } from './model';
import { CODE_RULES } from './rules/index.generated';
import type {
  CheckReads,
  CodeCheck,
  CodeReport,
  CodeRule,
  CodeRuleContext,
  FileContext,
  SpanFile,
  SpanIn,
  FileContextKey,
  RouteField,
} from './rules/types';
import { isTestCode } from './testCode';

/** How each file-context value enters a cache key (computed from the file, and for imported constants the input). */
const FILE_CONTEXT: { [K in FileContextKey]: (file: FileFacts, input: ContextInput) => string } = {
  imports: (file) => file.imports.map((i) => `${i.local}=${i.module}:${i.imported}`).join(','),
  djangoSettings: (file) => (isDjangoSettings(file) ? 'django' : ''),
  corsAllowCredentials: (file) =>
    file.assigns.some((a) => a.target === 'CORS_ALLOW_CREDENTIALS' && a.value.k === 'bool' && a.value.value)
      ? 'creds'
      : '',
  testCode: (file) => (isTestCode(file.uri) ? 'test' : ''),
  // The constants' names and value texts: a statement that reads them is re-checked when one of them changes, and
  // so is one that reads a constant imported from another module when that module's constant changes.
  moduleConstants: (file, input) =>
    [...moduleConstantsOf(file).values()]
      .map((c) => `${c.name}=${file.text.slice(c.value.span.start, c.value.span.end)}`)
      .join('\u0000') + `\u0001${importedConstantsKey(input.importedConstants ?? new Map())}`,
};

/**
 * How each route field enters a route check's cache key. Fields derived from the handler's own facts (its calls,
 * request model, responses) are covered by the handler's identity: a handler whose statement changed is new.
 */
const ROUTE_FIELD_KEYS: { [K in RouteField]: ((route: Route) => string) | undefined } = {
  framework: (r) => r.framework,
  method: (r) => r.method,
  pathTemplate: (r) => r.pathTemplate,
  rateLimited: (r) => (r.rateLimited ? 'limited' : ''),
  publicMarker: (r) => r.publicMarker ?? '',
  hiddenFromDocs: (r) => r.hiddenFromDocs ?? '',
  unmounted: (r) => (r.unmounted ? 'unmounted' : ''),
  mountedVia: (r) => r.mountedVia.join(';'),
  authEvidence: (r) => r.authEvidence.map((e) => `${e.kind}:${e.name}`).join(','),
  roleChecks: (r) => r.roleChecks.map(roleKey).join(','),
  // a helper's own text: an edit in services/orders.ts re-judges the handlers that call it
  helperCalls: (r) =>
    (r.helperCalls ?? [])
      .map((h) => `${h.file.uri}:${h.file.text.slice(h.fn.span.start, h.fn.span.end)}`)
      .join('\u0000'),
  roleModel: (r) => (r.roleModel ? roleKey(r.roleModel) : ''),
  middleware: (r) => r.middleware.map((m) => `${m.notAuth ?? ''}${m.deniesAll ? '!' : ''}`).join(','),
  // The handler's module and its imports (they decide, e.g., which of its calls are LLM calls).
  handlerFile: (r) =>
    r.handlerFile ? `${r.handlerFile.uri}:${FILE_CONTEXT.imports(r.handlerFile, NO_CONTEXT_INPUT)}` : '',
  handler: undefined,
  calls: undefined,
  request: undefined,
  responseExpressions: undefined,
};

/** A role check by what it is and where it is written (messages name its line). */
function roleKey(role: RoleEvidence): string {
  return `${role.name}@${role.file.uri}:${role.span.start}`;
}

interface BoundCheck {
  rule: CodeRule;
  check: CodeCheck;
}

/** What the file context is computed from besides the file's own facts. */
interface ContextInput {
  /** Constants the file imports from other modules of the project (importedConstants.ts), by local name. */
  importedConstants?: ReadonlyMap<string, ModuleConstant>;
}
const NO_CONTEXT_INPUT: ContextInput = {};

export interface RuleRunInput extends ContextInput {
  file: FileFacts;
  routes: Route[];
  text: string;
  lines: LineIndex;
  policy: FindingPolicy;
  classifierOptions: ClassifierOptions | undefined;
  errors: string[];
  isCancelled: () => boolean;
}

export class CodeRuleRunner {
  /** Reports of the statement checks per statement facts (and the key of the file context they were made in). */
  private readonly statementReports = new WeakMap<StatementFacts, { key: string; reports: CodeReport[] }>();
  /** Reports of the route checks per handler facts → declaration span → key of the route fields read. */
  private readonly routeReports = new WeakMap<object, WeakMap<Span, Map<string, CodeReport[]>>>();

  constructor(private readonly rules: readonly CodeRule[] = CODE_RULES) {}

  run(input: RuleRunInput): CodeReport[] {
    const checks = this.enabledChecks(input.policy);
    const reports: CodeReport[] = [];
    // Which rules run is part of every cache key: a rule switched back on must not meet reports made without it.
    const enabled = [...new Set(checks.map((c) => c.rule.id))].join(',');
    const contextKeyOf = (group: BoundCheck[]) => `${enabled}#${groupKey(group, input)}`;
    const groupKey = contextKeys(input.file, input);
    const constants = withImported(moduleConstantsOf(input.file), input.importedConstants);
    const fileContext = (reads: CheckReads | undefined): Partial<FileContext> =>
      fileContextOf(input.file, constants, reads);

    // Statement checks: per top-level statement, reused while its text and the declared file context are unchanged.
    const statementChecks = checks.filter((c) => c.check.scope === 'statement');
    const statementKey = contextKeyOf(statementChecks);
    for (const statement of input.file.statements) {
      const cached = this.statementReports.get(statement);
      if (cached && cached.key === statementKey) {
        reports.push(...cached.reports);
        continue;
      }
      const view = {
        ...input.file,
        ...statement,
        imports: input.file.imports,
        exports: input.file.exports,
        statements: [statement],
      } as FileFacts;
      const own = this.runChecks(statementChecks, view, [], input, fileContext);
      this.statementReports.set(statement, { key: statementKey, reports: own });
      reports.push(...own);
    }
    if (input.isCancelled()) throw new LintCancelledError();

    // Route checks: per route, reused while its handler, declaration and the declared route fields are unchanged.
    const routeChecks = checks.filter((c) => c.check.scope === 'route');
    const routeContextKey = contextKeyOf(routeChecks);
    const fields = [...new Set(routeChecks.flatMap((c) => c.check.reads?.route ?? []))].sort();
    for (const route of input.routes) {
      const key = `${routeContextKey}|${fields.map((f) => ROUTE_FIELD_KEYS[f]?.(route) ?? '').join('|')}`;
      const byRange = route.handler ? this.routeReports.get(route.handler) : undefined;
      const cached = byRange?.get(route.range)?.get(key);
      if (cached) {
        reports.push(...cached);
        continue;
      }
      const own = this.runChecks(routeChecks, input.file, [route], input, fileContext);
      if (route.handler) {
        let ranges = this.routeReports.get(route.handler);
        if (!ranges) this.routeReports.set(route.handler, (ranges = new WeakMap()));
        let keys = ranges.get(route.range);
        if (!keys) ranges.set(route.range, (keys = new Map()));
        if (keys.size > 8) keys.clear();
        keys.set(key, own);
      }
      reports.push(...own);
    }
    if (input.isCancelled()) throw new LintCancelledError();

    // File checks: the whole file and all its routes, on every lint.
    const fileChecks = checks.filter((c) => c.check.scope === 'file');
    reports.push(...this.runChecks(fileChecks, input.file, input.routes, input, fileContext));
    if (input.isCancelled()) throw new LintCancelledError();
    return reports;
  }

  private enabledChecks(policy: FindingPolicy): BoundCheck[] {
    return this.rules
      .filter((rule) => policy.enabled(rule.id))
      .flatMap((rule) => rule.checks.map((check) => ({ rule, check })));
  }

  /**
   * Reports hold no line numbers, so that they can be cached across lints: `line()` leaves a placeholder and the
   * span it stands for, filled in when the report becomes a finding (the statement may have moved by then, and
   * the span may be in another file than the report's).
   */
  private runChecks(
    checks: BoundCheck[],
    view: FileFacts,
    routes: Route[],
    input: RuleRunInput,
    fileContext: (reads: CheckReads | undefined) => Partial<FileContext>,
  ): CodeReport[] {
    const own: CodeReport[] = [];
    let pendingLines: SpanIn[] | undefined;
    const line = (span: Span, file?: SpanFile) => {
      const list = (pendingLines ??= []);
      list.push(file ? { span, file } : { span });
      return `{{line:${list.length - 1}}}`;
    };
    for (const bound of checks) {
      const sink: CodeReport[] = [];
      const ctx = this.context(bound, view, routes, input, fileContext(bound.check.reads), sink, { line });
      const report = ctx.report;
      ctx.report = (r) => {
        report(r);
        const last = sink[sink.length - 1]!;
        if (pendingLines) last.lines = pendingLines;
        pendingLines = undefined;
      };
      runCheck(bound, ctx, sink, input);
      own.push(...sink);
    }
    return own;
  }

  private context(
    bound: BoundCheck,
    file: FileFacts,
    routes: Route[],
    input: RuleRunInput,
    fileContext: Partial<FileContext>,
    into: CodeReport[],
    { line }: Pick<CodeRuleContext, 'line'>,
  ): CodeRuleContext {
    const ctx: CodeRuleContext = {
      file,
      routes,
      fileContext,
      line,
      snippet: (span: Span, max = 60) => {
        const s = input.text.slice(span.start, span.end).replace(/\s+/g, ' ');
        return s.length > max ? s.slice(0, max) + '…' : s;
      },
      report: (r) => into.push({ ...r, ruleId: r.ruleId ?? bound.rule.id }),
    };
    if (input.classifierOptions && bound.check.reads?.settings?.includes('sensitiveData'))
      ctx.classifierOptions = input.classifierOptions;
    return ctx;
  }
}

function runCheck(bound: BoundCheck, ctx: CodeRuleContext, into: CodeReport[], input: RuleRunInput): void {
  const before = into.length;
  const ok = runGuarded(
    bound.rule.id,
    input.file.uri,
    input.errors,
    () => {
      bound.check.check(ctx);
      return true;
    },
    (error) => error instanceof LintCancelledError,
  );
  if (!ok) into.length = before; // a check that threw keeps none of its reports
}

/** The cache key of a group of checks: the file context they read and the settings they read. */
function contextKeys(file: FileFacts, context: ContextInput) {
  const values = new Map<FileContextKey, string>();
  const valueOf = (key: FileContextKey) => {
    let value = values.get(key);
    if (value === undefined) values.set(key, (value = FILE_CONTEXT[key](file, context)));
    return value;
  };
  return (checks: BoundCheck[], input: RuleRunInput): string => {
    const keys = [...new Set(checks.flatMap((c) => c.check.reads?.file ?? []))].sort();
    const settings = checks.some((c) => c.check.reads?.settings?.includes('sensitiveData'))
      ? JSON.stringify(input.classifierOptions ?? null)
      : '';
    return `${keys.map((k) => `${k}=${valueOf(k)}`).join('|')}|${settings}`;
  };
}

function fileContextOf(
  file: FileFacts,
  constants: ReadonlyMap<string, ModuleConstant>,
  reads: CheckReads | undefined,
): Partial<FileContext> {
  const out: Partial<FileContext> = {};
  for (const key of reads?.file ?? []) {
    if (key === 'imports') out.imports = file.imports;
    else if (key === 'djangoSettings') out.djangoSettings = isDjangoSettings(file);
    else if (key === 'corsAllowCredentials')
      out.corsAllowCredentials = FILE_CONTEXT.corsAllowCredentials(file, NO_CONTEXT_INPUT) !== '';
    else if (key === 'testCode') out.testCode = isTestCode(file.uri);
    else if (key === 'moduleConstants') out.moduleConstants = constants;
  }
  return out;
}

/** The module's own constants and those it imports (a name bound here as well is the module's own). */
function withImported(
  own: ReadonlyMap<string, ModuleConstant>,
  imported: ReadonlyMap<string, ModuleConstant> | undefined,
): ReadonlyMap<string, ModuleConstant> {
  if (!imported || imported.size === 0) return own;
  const all = new Map(imported);
  for (const [name, c] of own) all.set(name, c);
  return all;
}

/** Django settings (or a module importing Django): `DEBUG = True` there is the framework's debug switch. */
function isDjangoSettings(file: FileFacts): boolean {
  return (
    file.imports.some((i) => /^django/.test(i.module)) ||
    file.bindings.some((b) => /^(INSTALLED_APPS|ROOT_URLCONF|MIDDLEWARE)$/.test(b.name))
  );
}
