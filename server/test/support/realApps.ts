// The real-apps check: the routes the engine finds in the real backends of ../shared/corpus/apps/ against the
// expected routes written from reading their code (test-fixtures/real-apps/<app>.routes.yaml), and the findings on
// them against the triage recorded there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import {
  DEFAULT_SETTINGS,
  diskFileReader,
  discoverFiles,
  Engine,
  LineIndex,
  pathToUri,
  uriToPath,
  type Finding,
} from '../../src/engine';
import { CodeAnalyzer } from '../../src/engine/code/lintCode';
import type { Route } from '../../src/engine/code/model';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const APPS_ROOT = process.env.APIWARDEN_APPS_DIR
  ? path.resolve(process.env.APIWARDEN_APPS_DIR)
  : path.resolve(REPO_ROOT, '..', 'shared', 'corpus', 'apps');
export const EXPECTATIONS_ROOT = path.join(REPO_ROOT, 'test-fixtures', 'real-apps');

export type AuthMode = 'required' | 'optional' | 'none';

export interface ExpectedRoute {
  method: string;
  path: string;
  file: string;
  line: number;
  auth: AuthMode;
  roles?: string[];
  service?: string;
  why?: string;
}

export interface TriageEntry {
  rule: string;
  file: string;
  line: number;
  /** When several routes share one declaration line (routes generated in a loop): the route the finding names. */
  route?: string;
  verdict: boolean;
  why: string;
}

/** The triage entry of a finding: same rule, file and line, and the route it names when the entry gives one. */
export function triageEntryOf(
  triage: readonly TriageEntry[],
  finding: { ruleId: string; message: string },
  file: string,
  line: number,
): TriageEntry | undefined {
  const here = triage.filter((t) => t.rule === finding.ruleId && t.file === file && t.line === line);
  return (
    here.find((t) => t.route !== undefined && finding.message.startsWith(`\`${t.route}\``)) ??
    here.find((t) => t.route === undefined)
  );
}

export interface AppExpectations {
  app: string;
  framework: string;
  auth: string;
  routes: ExpectedRoute[];
  triage?: TriageEntry[];
}

export interface FoundRoute {
  method: string;
  path: string;
  file: string;
  line: number;
  auth: AuthMode;
  /** The role or permission checks the engine sees on the route (`requireRole('admin')`: checks …). */
  roleChecks: string[];
}

export function expectedApps(): string[] {
  return readdirSync(EXPECTATIONS_ROOT)
    .filter((f) => f.endsWith('.routes.yaml'))
    .map((f) => f.replace(/\.routes\.yaml$/, ''))
    .sort();
}

export function readExpectations(app: string): AppExpectations {
  return parse(readFileSync(path.join(EXPECTATIONS_ROOT, `${app}.routes.yaml`), 'utf8')) as AppExpectations;
}

export function appsAvailable(): boolean {
  return existsSync(APPS_ROOT);
}

/** `/users/:id`, `/users/<int:id>`, `/users/{user_id}`, `/users/{id:[0-9]+}`, `^users/(?P<id>\d+)/$` → `/users/{}`. */
export function normalizePath(template: string): string {
  let p = template
    .replace(/^\^/, '')
    .replace(/\$$/, '')
    .replace(/\(\?P<[^>]+>[^)]*\)/g, '{}')
    .replace(/<(?:[^:>]+:)?[^>]+>/g, '{}')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/:[A-Za-z_][\w]*(\([^)]*\))?\??/g, '{}')
    .replace(/\*[A-Za-z_]\w*|\*/g, '{}');
  if (!p.startsWith('/')) p = '/' + p;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/** How a route's auth reads in the expectations' terms. */
export function authModeOf(route: Route): AuthMode {
  if (route.authEvidence.some((e) => !e.optional)) return 'required';
  if (route.authEvidence.length > 0) return 'optional';
  return 'none';
}

/** Every route the engine finds in an app, each once (a route file is linted on its own and as a mount's target). */
export async function engineRoutes(app: string): Promise<{ routes: FoundRoute[]; errors: string[] }> {
  const root = path.join(APPS_ROOT, app);
  const files = await discoverFiles([root], root);
  const analyzer = new CodeAnalyzer(diskFileReader);
  const engine = new Engine();
  const seen = new Set<string>();
  const routes: FoundRoute[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const uri = pathToUri(file);
    if (engine.classify(uri, text).kind !== 'code') continue;
    const out = await analyzer.lint({
      uri,
      text,
      settings: DEFAULT_SETTINGS,
      signal: { cancelled: false },
      workspaceRoots: [pathToUri(root)],
    });
    errors.push(...out.errors);
    for (const route of out.routes) {
      const declared = uriToPath(route.file);
      const line = lineOf(declared, route.range.start);
      const key = `${declared}:${route.range.start}:${route.method}:${route.pathTemplate}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({
        method: route.method,
        path: route.pathTemplate,
        file: path.relative(root, declared).split(path.sep).join('/'),
        line,
        auth: authModeOf(route),
        roleChecks: route.roleChecks.map((r) => `${r.name}: ${r.detail}`),
      });
    }
  }
  return { routes, errors };
}

const lineIndexes = new Map<string, LineIndex>();
function lineOf(file: string, offset: number): number {
  let index = lineIndexes.get(file);
  if (!index) lineIndexes.set(file, (index = new LineIndex(readFileSync(file, 'utf8'))));
  return index.positionAt(offset).line + 1;
}

export interface RouteMatch {
  expected: ExpectedRoute;
  found?: FoundRoute;
}

/**
 * Pairs expected routes with found ones by method and normalised full path; when several share both (the same
 * path served by two services), the one declared in the same file, nearest the expected line, is taken.
 */
export function matchRoutes(
  expected: ExpectedRoute[],
  found: FoundRoute[],
): { matches: RouteMatch[]; extra: FoundRoute[] } {
  const pool = [...found];
  const matches: RouteMatch[] = [];
  for (const e of expected) {
    const key = `${e.method} ${normalizePath(e.path)}`;
    const candidates = pool.filter((f) => `${f.method} ${normalizePath(f.path)}` === key);
    candidates.sort(
      (a, b) =>
        Number(b.file === e.file) - Number(a.file === e.file) || Math.abs(a.line - e.line) - Math.abs(b.line - e.line),
    );
    const pick = candidates[0];
    if (pick) pool.splice(pool.indexOf(pick), 1);
    matches.push(pick ? { expected: e, found: pick } : { expected: e });
  }
  return { matches, extra: pool };
}

export interface AppScore {
  app: string;
  expected: number;
  found: number;
  authRight: number;
  missing: RouteMatch[];
  wrongAuth: RouteMatch[];
  extra: FoundRoute[];
  errors: string[];
  /** Found routes the expectations give `roles:` for, and those of them without any role check in the engine. */
  withRoles: number;
  missingRoles: RouteMatch[];
  /** Found routes with a role check that the expectations list without `roles:`. */
  extraRoles: RouteMatch[];
}

export async function scoreApp(app: string): Promise<AppScore> {
  const expectations = readExpectations(app);
  const { routes, errors } = await engineRoutes(app);
  const { matches, extra } = matchRoutes(expectations.routes, routes);
  const hits = matches.filter((m) => m.found);
  const wrongAuth = hits.filter((m) => m.found!.auth !== m.expected.auth);
  return {
    app,
    expected: expectations.routes.length,
    found: hits.length,
    authRight: hits.length - wrongAuth.length,
    missing: matches.filter((m) => !m.found),
    wrongAuth,
    extra,
    errors,
    withRoles: hits.filter((m) => m.expected.roles?.length).length,
    missingRoles: hits.filter((m) => m.expected.roles?.length && m.found!.roleChecks.length === 0),
    extraRoles: hits.filter((m) => !m.expected.roles?.length && m.found!.roleChecks.length > 0),
  };
}

/** The CLI's findings on an app (default settings), for triage. */
export async function appFindings(app: string, rules: string[]): Promise<Finding[]> {
  const root = path.join(APPS_ROOT, app);
  const files = await discoverFiles([root], root);
  const engine = new Engine();
  const out: Finding[] = [];
  for (const file of files) {
    const result = await engine.lint({
      uri: pathToUri(file),
      text: readFileSync(file, 'utf8'),
      workspaceRoots: [pathToUri(root)],
    });
    out.push(...result.findings.filter((f) => rules.includes(f.ruleId)));
  }
  return out;
}
