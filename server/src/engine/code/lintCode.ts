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
import { grammarFor } from './parser';
import { Resolver } from './resolve';
import { CODE_RULES } from './ruleMeta';
import { corsAnyOriginWithCredentials, debugModeEnabled, hardcodedSecret, jwtDecodeWithoutVerify, jwtUnsafeVerification, tlsVerificationDisabled } from './rules/configRules';
import { llmOutputUnvalidated, llmUnboundedTokens, promptInjection } from './rules/llmRules';
import { errorDetailsExposed, massAssignment, missingRateLimit, objectLookupWithoutOwnership, routeWithoutAuth, ssrf } from './rules/routeRules';
import { sensitiveDataInResponse } from './rules/sensitiveRule';
import type { CodeReport, CodeRule } from './rules/types';
import { CodeIndex } from './workspace';

export const CODE_RULE_IMPLEMENTATIONS: CodeRule[] = [
  routeWithoutAuth,
  objectLookupWithoutOwnership,
  massAssignment,
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

/** Cheap content test: does this JS/TS/Python file use a web framework or an API of interest? */
const JS_INTEREST = /(?:from\s+|require\(\s*|import\(\s*)['"](?:express|fastify|fastify-plugin|@nestjs\/[\w-]+|koa|@koa\/router|koa-router|@koa\/cors|cors|@fastify\/[\w-]+|jsonwebtoken|jose|jwt-decode|express-jwt|passport[\w-]*|openai|@anthropic-ai\/sdk|@google\/generative-ai|@google\/genai|ai|@ai-sdk\/[\w-]+|@langchain\/[\w-]+|langchain[\w/-]*|axios|got|node-fetch|undici|needle|superagent|https?|child_process|express-session|cookie-session|mongoose|sequelize|@prisma\/client|typeorm)['"/]|\b(?:app|router|server|fastify)\.(?:get|post|put|patch|delete|all|route|use)\s*\(\s*['"`/]|NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized|Access-Control-Allow-Origin|AKIA[0-9A-Z]{16}|sk_live_|-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const PY_INTEREST = /^\s*(?:from|import)\s+(?:flask|quart|fastapi|starlette|django|rest_framework|jwt|jose|requests|httpx|aiohttp|urllib|urllib3|openai|anthropic|google\.generativeai|google\.genai|langchain[\w.]*|litellm|flask_cors|flask_login|flask_jwt_extended|flask_limiter|slowapi|ssl|subprocess|sqlalchemy|pydantic)\b|urlpatterns\s*=|^\s*(?:SECRET_KEY|DEBUG|CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL|REST_FRAMEWORK)\s*=|AKIA[0-9A-Z]{16}|sk_live_|-----BEGIN [A-Z ]*PRIVATE KEY-----/m;

export function isCodeOfInterest(uri: string, text: string): boolean {
  const grammar = grammarFor(uri);
  if (!grammar) return false;
  return grammar === 'python' ? PY_INTEREST.test(text) : JS_INTEREST.test(text);
}

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

  constructor(reader: FileReader) {
    this.index = new CodeIndex(reader);
  }

  async lint(request: CodeLintRequest): Promise<CodeLintOutput> {
    const output: CodeLintOutput = { findings: [], dependencies: [], errors: [], routes: [], timings: { parse: 0, routes: 0, rules: 0 } };
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
      ['express', fileUsesFramework(file, expressSpec) || (file.lang === 'js' && !isNestFile(file) && !fileUsesFramework(file, fastifySpec) && !fileUsesFramework(file, koaSpec) && /\.(get|post|put|patch|delete)\s*\(\s*['"`]\//.test(file.text)), () => expressRoutes(ctx)],
      ['fastify', fileUsesFramework(file, fastifySpec), () => fastifyRoutes(ctx)],
      ['koa', fileUsesFramework(file, koaSpec), () => koaRoutes(ctx)],
      ['nestjs', isNestFile(file), () => nestRoutes(ctx)],
      ['flask', isFlaskFile(file) || (file.lang === 'py' && /\.route\(/.test(file.text)), () => flaskRoutes(ctx)],
      ['fastapi', isFastApiFile(file) || (file.lang === 'py' && /include_router|APIRouter|Depends\(/.test(file.text)), () => fastapiRoutes(ctx)],
      ['django', isDjangoFile(file), () => djangoRoutes(ctx)],
    ];
    for (const [name, applies, run] of adapters) {
      if (!applies) continue;
      try {
        routes.push(...(await run()));
      } catch (error) {
        output.errors.push(`code adapter ${name} failed on ${uriToPath(request.uri)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
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
    const ruleCtx = {
      file,
      routes,
      ...(request.settings.sensitiveData ? { classifierOptions: request.settings.sensitiveData } : {}),
      line: (offset: number) => lines.positionAt(offset).line + 1,
      snippet: (span: Span, max = 60) => {
        const s = request.text.slice(span.start, span.end).replace(/\s+/g, ' ');
        return s.length > max ? s.slice(0, max) + '…' : s;
      },
      report: (r: CodeReport) => reports.push(r),
    };
    for (const rule of CODE_RULE_IMPLEMENTATIONS) {
      const setting = request.settings.rules[rule.id];
      if (setting === 'off') continue;
      const before = reports.length;
      try {
        rule.check(ruleCtx);
      } catch (error) {
        reports.length = before;
        output.errors.push(`rule ${rule.id} failed on ${uriToPath(request.uri)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
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
      const finding: Finding = {
        ruleId: r.ruleId,
        severity: setting && setting !== 'off' ? setting : (r.severity ?? meta.severity),
        message: r.message,
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

/** `// apiwarden-disable-next-line rule-a, rule-b` / `# apiwarden-disable-line rule` → line → rules. */
function suppressions(text: string, lines: LineIndex): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  const re = /(?:\/\/|#)\s*apiwarden-disable-(next-line|line)\b([^\n]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = lines.positionAt(m.index).line + (m[1] === 'next-line' ? 1 : 0);
    const rules = (m[2] ?? '').split(/--/)[0]!.split(/[\s,]+/).filter((r) => /^[a-z]/.test(r));
    const set = out.get(line) ?? new Set<string>();
    if (rules.length === 0) set.add('*');
    rules.forEach((r) => set.add(r));
    out.set(line, set);
  }
  return out;
}

export type { FileFacts };
