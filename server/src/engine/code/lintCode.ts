// The code path's front door: is this file handler code, and what is wrong with it? Parses (incrementally),
// extracts facts, builds routes with every framework adapter that applies, runs the code rules, and turns
// their reports into Findings (positions made by LineIndex), honouring rule settings and
// `apiwarden-disable-next-line <rule>` comments. The files read for mounts and imports are returned as
// dependencies so the language server re-lints this file when they change.
import { throwIfCancelled, type CancelSignal } from '../cancellation';
import type { EngineSettings } from '../config/settings';
import type { FileReader } from '../fileReader';
import type { Finding } from '../findings';
import { LineIndex } from '../positions';
import { uriToPath } from '../uris';
import { AuthAnalyzer, KNOWN_AUTH_NAMES } from './auth';
import type { FileFacts, Span } from './facts';
import { AdapterContext } from './frameworks/context';
import { djangoRoutes, isDjangoFile } from './frameworks/django';
import { expressRoutes, expressSpec } from './frameworks/express';
import { fastapiRoutes, isFastApiFile } from './frameworks/fastapi';
import { fastifyRoutes, fastifySpec } from './frameworks/fastify';
import { flaskRoutes, isFlaskFile } from './frameworks/flask';
import { fileUsesFramework } from './frameworks/jsRouters';
import { koaRoutes, koaSpec } from './frameworks/koa';
import { isNestFile, nestRoutes } from './frameworks/nest';
import type { Route } from './model';
import { Resolver } from './resolve';
import { CODE_RULES } from './ruleMeta';
import {
  corsAnyOriginWithCredentials,
  debugModeEnabled,
  hardcodedSecret,
  isDjangoSettings,
  jwtDecodeWithoutVerify,
  jwtUnsafeVerification,
  tlsVerificationDisabled,
} from './rules/configRules';
import { llmOutputUnvalidated, llmUnboundedTokens, promptInjection } from './rules/llmRules';
import {
  errorDetailsExposed,
  massAssignment,
  massAssignmentModels,
  massAssignmentSerializers,
  missingRateLimit,
  objectLookupWithoutOwnership,
  routeWithoutAuth,
  ssrf,
} from './rules/routeRules';
import { sensitiveDataInResponse } from './rules/sensitiveRule';
import type { CodeReport, CodeRule, CodeRuleContext } from './rules/types';
import { CodeIndex } from './workspace';

export const CODE_RULE_IMPLEMENTATIONS: CodeRule[] = [
  routeWithoutAuth,
  objectLookupWithoutOwnership,
  massAssignment,
  massAssignmentSerializers,
  massAssignmentModels,
  sensitiveDataInResponse,
  corsAnyOriginWithCredentials,
  jwtUnsafeVerification,
  jwtDecodeWithoutVerify,
  hardcodedSecret,
  ssrf,
  tlsVerificationDisabled,
  errorDetailsExposed,
  debugModeEnabled,
  missingRateLimit,
  llmUnboundedTokens,
  promptInjection,
  llmOutputUnvalidated,
];

const META = new Map(CODE_RULES.map((r) => [r.id, r]));

// Cheap content test: does this JS/TS/Python file use a web framework or an API of interest?
export { isCodeOfInterest } from './languages';

export interface CodeLintRequest {
  uri: string;
  text: string;
  settings: EngineSettings;
  signal: CancelSignal;
  workspaceRoots?: string[];
}

export interface CodeLintOutput {
  findings: Finding[];
  dependencies: string[];
  errors: string[];
  routes: Route[];
  /** Time spent in each phase (ms), for benchmarks. */
  timings: { parse: number; routes: number; rules: number };
}

export class CodeAnalyzer {
  readonly index: CodeIndex;
  /** Reports of the statement-scoped rules per statement facts (and the file context they were made in). */
  private readonly statementReports = new WeakMap<object, { key: string; reports: CodeReport[] }>();
  /** Reports of the route-scoped rules per handler facts → declaration span → route signature. */
  private readonly routeReports = new WeakMap<object, WeakMap<object, Map<string, CodeReport[]>>>();

  constructor(reader: FileReader) {
    this.index = new CodeIndex(reader);
  }

  async lint(request: CodeLintRequest): Promise<CodeLintOutput> {
    const output: CodeLintOutput = {
      findings: [],
      dependencies: [],
      errors: [],
      routes: [],
      timings: { parse: 0, routes: 0, rules: 0 },
    };
    const t0 = performance.now();
    this.index.noteText(request.uri, request.text);
    const file = await this.index.factsFor(request.uri, request.text);
    if (!file) return output;
    const t1 = performance.now();
    output.timings.parse = t1 - t0;
    throwIfCancelled(request.signal);

    const projectRoot = this.index.projectRoot(request.uri, request.workspaceRoots);
    const resolver = new Resolver(this.index, projectRoot, file);
    const authNames = new Set([...KNOWN_AUTH_NAMES, ...(request.settings.authNames ?? [])]);
    const auth = new AuthAnalyzer(resolver, authNames);
    const ctx = new AdapterContext(file, resolver, auth, () => this.index.mountFiles(projectRoot));
    auth.decorationFiles = fileUsesFramework(file, fastifySpec) ? await ctx.mountFiles() : [];

    const routes: Route[] = [];
    const adapters: [string, boolean, () => Promise<Route[]>][] = [
      [
        'express',
        fileUsesFramework(file, expressSpec) ||
          (file.lang === 'js' &&
            !isNestFile(file) &&
            !fileUsesFramework(file, fastifySpec) &&
            !fileUsesFramework(file, koaSpec) &&
            /\.(get|post|put|patch|delete)\s*\(\s*['"`]\//.test(file.text)),
        () => expressRoutes(ctx),
      ],
      ['fastify', fileUsesFramework(file, fastifySpec), () => fastifyRoutes(ctx)],
      ['koa', fileUsesFramework(file, koaSpec), () => koaRoutes(ctx)],
      ['nestjs', isNestFile(file), () => nestRoutes(ctx)],
      ['flask', isFlaskFile(file) || (file.lang === 'py' && /\.route\(/.test(file.text)), () => flaskRoutes(ctx)],
      [
        'fastapi',
        isFastApiFile(file) || (file.lang === 'py' && /include_router|APIRouter|Depends\(/.test(file.text)),
        () => fastapiRoutes(ctx),
      ],
      ['django', isDjangoFile(file), () => djangoRoutes(ctx)],
    ];
    for (const [name, applies, run] of adapters) {
      if (!applies) continue;
      try {
        routes.push(...(await run()));
      } catch (error) {
        output.errors.push(
          `code adapter ${name} failed on ${uriToPath(request.uri)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
      throwIfCancelled(request.signal);
    }
    output.routes = routes;
    const t2 = performance.now();
    output.timings.routes = t2 - t1;

    const lines = new LineIndex(request.text);
    const suppressed = suppressions(request.text, lines);
    const seen = new Set<string>();
    const reports: CodeReport[] = [];
    const snippet = (span: Span, max = 60) => {
      const s = request.text.slice(span.start, span.end).replace(/\s+/g, ' ');
      return s.length > max ? s.slice(0, max) + '…' : s;
    };
    const classifier = request.settings.sensitiveData ? { classifierOptions: request.settings.sensitiveData } : {};
    const runRule = (rule: CodeRule, ctx: CodeRuleContext, into: CodeReport[]) => {
      const before = into.length;
      try {
        rule.check(ctx);
      } catch (error) {
        into.length = before;
        output.errors.push(
          `rule ${rule.id} failed on ${uriToPath(request.uri)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    };
    // Reports that are cached across lints hold no line numbers: `line()` leaves a placeholder and the spans it
    // stands for, filled in below once the report's place in this version is known.
    const runCacheable = (rules: CodeRule[], view: FileFacts, routesInScope: Route[]): CodeReport[] => {
      const own: CodeReport[] = [];
      let pendingLines: Span[] | undefined;
      const ctx: CodeRuleContext = {
        file: view,
        wholeFile: file,
        routes: routesInScope,
        ...classifier,
        line: (span: Span) => {
          const list = (pendingLines ??= []);
          list.push(span);
          return `{{line:${list.length - 1}}}`;
        },
        snippet,
        report: (r: CodeReport) => {
          own.push(pendingLines ? { ...r, lines: pendingLines } : r);
          pendingLines = undefined;
        },
      };
      for (const rule of rules) runRule(rule, ctx, own);
      return own;
    };
    // Statement-scoped rules: per top-level statement, cached with its facts (reused while its text and the
    // file's imports are unchanged; spans are anchored, line numbers in messages are filled in below).
    const statementRules = CODE_RULE_IMPLEMENTATIONS.filter((r) => r.scope === 'statement');
    const contextKey = `${file.imports.map((i) => `${i.local}=${i.module}:${i.imported}`).join(',')}|${isDjangoSettings(file) ? 'django' : ''}|${file.assigns.some((a) => a.target === 'CORS_ALLOW_CREDENTIALS') ? 'creds' : ''}`;
    for (const statement of file.statements) {
      const cached = this.statementReports.get(statement);
      if (cached && cached.key === contextKey) {
        reports.push(...cached.reports);
        continue;
      }
      const view = {
        ...file,
        ...statement,
        imports: file.imports,
        exports: file.exports,
        statements: [statement],
      } as FileFacts;
      const own = runCacheable(statementRules, view, []);
      this.statementReports.set(statement, { key: contextKey, reports: own });
      reports.push(...own);
    }
    throwIfCancelled(request.signal);
    // Route-scoped rules: per route, cached with its handler's facts and declaration span (both reused while their
    // statements are unchanged) and a signature of everything else the rules read from the route.
    const routeRules = CODE_RULE_IMPLEMENTATIONS.filter((r) => r.scope === 'route');
    const routeContext = `${contextKey}|${JSON.stringify(request.settings.sensitiveData ?? null)}`;
    for (const route of routes) {
      const signature = `${routeContext}|${routeSignature(route)}`;
      const byRange = route.handler ? this.routeReports.get(route.handler) : undefined;
      const cached = byRange?.get(route.range)?.get(signature);
      if (cached) {
        reports.push(...cached);
        continue;
      }
      const own = runCacheable(routeRules, file, [route]);
      if (route.handler) {
        let ranges = this.routeReports.get(route.handler);
        if (!ranges) this.routeReports.set(route.handler, (ranges = new WeakMap()));
        let sigs = ranges.get(route.range);
        if (!sigs) ranges.set(route.range, (sigs = new Map()));
        if (sigs.size > 8) sigs.clear();
        sigs.set(signature, own);
      }
      reports.push(...own);
    }
    throwIfCancelled(request.signal);
    const ruleCtx: CodeRuleContext = {
      file,
      wholeFile: file,
      routes,
      ...classifier,
      line: (span: Span) => String(lines.positionAt(span.start).line + 1),
      snippet,
      report: (r: CodeReport) => reports.push(r),
    };
    for (const rule of CODE_RULE_IMPLEMENTATIONS) {
      if (rule.scope === 'statement' || rule.scope === 'route' || request.settings.rules[rule.id] === 'off') continue;
      runRule(rule, ruleCtx, reports);
      throwIfCancelled(request.signal);
    }
    for (const r of reports) {
      const meta = META.get(r.ruleId);
      if (!meta) continue;
      const range = lines.rangeOf(r.span.start, r.span.end);
      if (suppressed.get(range.start.line)?.has(r.ruleId) || suppressed.get(range.start.line)?.has('*')) continue;
      const key = `${r.ruleId}|${r.span.start}|${r.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const setting = request.settings.rules[r.ruleId];
      if (setting === 'off') continue;
      const message = r.lines
        ? r.message.replace(/\{\{line:(\d+)\}\}/g, (_, i: string) =>
            String(lines.positionAt(r.lines![Number(i)]!.start).line + 1),
          )
        : r.message;
      const finding: Finding = {
        ruleId: r.ruleId,
        severity: setting ? setting : (r.severity ?? meta.severity),
        message,
        uri: request.uri,
        range,
        owasp: meta.owasp,
        cwe: meta.cwe,
        fixable: false,
      };
      if (r.dataClasses?.length) finding.dataClasses = r.dataClasses;
      if (r.aiLinked) finding.aiLinked = true;
      output.findings.push(finding);
    }
    output.timings.rules = performance.now() - t2;
    output.dependencies = [...resolver.dependencies].filter((d) => d !== request.uri).sort();
    return output;
  }
}

/** Everything route-scoped rules read from a route besides its handler's facts and declaration. */
function routeSignature(route: Route): string {
  return [
    route.framework,
    route.method,
    route.pathTemplate,
    route.rateLimited ? 'limited' : '',
    route.publicMarker ?? '',
    route.unmounted ? 'unmounted' : '',
    route.mountedVia.join(';'),
    route.authEvidence.map((e) => `${e.kind}:${e.name}`).join(','),
    route.middleware.map((m) => m.notAuth ?? '').join(','),
    route.handlerFile?.uri ?? '',
  ].join('|');
}

/** `// apiwarden-disable-next-line rule-a, rule-b` / `# apiwarden-disable-line rule` → line → rules. */
function suppressions(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const re = /(?:\/\/|#)\s*apiwarden-disable-(next-line|line)\b([^\n]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = lines.positionAt(m.index).line + (m[1] === 'next-line' ? 1 : 0);
    const rules = (m[2] ?? '')
      .split(/--/)[0]!
      .split(/[\s,]+/)
      .filter((r) => /^[a-z]/.test(r));
    const set = out.get(line) ?? new Set<string>();
    if (rules.length === 0) set.add('*');
    rules.forEach((r) => set.add(r));
    out.set(line, set);
  }
  return out;
}

export type { FileFacts };
