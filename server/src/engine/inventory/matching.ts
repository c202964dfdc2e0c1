// Pairs code routes with spec operations and makes the endpoint list.
//
// Scope: a spec covers the routes of its project folder and the folders below it; a route is matched against the
// specs of the deepest project that covers it (two services with a spec each: each service's routes meet only its
// own spec). Within the scope a route pairs with the operation of the same method whose full path (base path +
// path) has the same key; failing that, with one whose path without the base path does (the base path is added
// by a gateway or a context path the code does not show); a router whose mount was not found (`unmounted`) pairs
// with the one operation whose path ends with the route's. When two operations fit equally, none is picked: the
// endpoint says it is ambiguous.
import * as path from 'node:path';
import type { DataClass } from '@apiwarden/sensitive';
import type { AuthMode, AuthVerdict, CodeRouteRef, Endpoint, SpecOperationRef } from './model';
import { pathKey } from './paths';

export interface ScopedSpecOperation {
  op: SpecOperationRef;
  /** Project folder (path) of the spec. */
  project: string;
}

export interface ScopedRoute {
  route: CodeRouteRef;
  /** Project folder (path) of the route's file. */
  project: string;
}

interface Operation {
  id: string;
  project: string;
  variants: SpecOperationRef[];
  routes: { route: CodeRouteRef; variant: SpecOperationRef; matchedBy?: string }[];
  /** Routes that could be this operation among others. */
  maybe: CodeRouteRef[];
}

export interface MatchResult {
  endpoints: Endpoint[];
  /** Per project (path): specs' operations and the routes in its scope. */
  scopes: Map<string, { specs: Set<string>; routes: number }>;
}

/** Is `folder` the project folder `inner` or one of its ancestors (native paths)? */
const within = (folder: string, inner: string) =>
  inner === folder || inner.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);

export function matchEndpoints(specOps: ScopedSpecOperation[], routes: ScopedRoute[]): MatchResult {
  const operations = new Map<string, Operation>();
  for (const { op, project } of specOps) {
    const id = `${op.specUri}${op.pointer}`;
    let entry = operations.get(id);
    if (!entry) operations.set(id, (entry = { id, project, variants: [], routes: [], maybe: [] }));
    entry.variants.push(op);
  }
  const specProjects = [...new Set([...operations.values()].map((o) => o.project))];
  const scopes = new Map<string, { specs: Set<string>; routes: number }>();
  for (const o of operations.values()) {
    const scope = scopes.get(o.project) ?? { specs: new Set<string>(), routes: 0 };
    o.variants.forEach((v) => scope.specs.add(v.specUri));
    scopes.set(o.project, scope);
  }
  const byProject = new Map<string, Operation[]>();
  for (const o of operations.values()) byProject.set(o.project, [...(byProject.get(o.project) ?? []), o]);

  const codeOnly: { route: CodeRouteRef; project: string; ambiguous?: Endpoint['ambiguous']; outside?: boolean }[] = [];
  for (const { route, project } of routes) {
    // the deepest spec project that holds the route's project
    const scope = specProjects.filter((p) => within(p, project)).sort((a, b) => b.length - a.length)[0];
    if (scope === undefined) {
      codeOnly.push({ route, project });
      continue;
    }
    scopes.get(scope)!.routes++;
    const candidates = byProject.get(scope) ?? [];
    const match = pick(route, candidates);
    if (match.kind === 'matched')
      for (const m of match.matches) {
        m.operation.routes.push({
          route,
          variant: m.variant,
          ...(match.matchedBy ? { matchedBy: match.matchedBy } : {}),
        });
      }
    else if (match.kind === 'ambiguous') {
      match.operations.forEach((o) => o.maybe.push(route));
      codeOnly.push({
        route,
        project: scope,
        ambiguous: {
          reason: match.reason,
          candidates: match.operations.map((o) => `${o.variants[0]!.method} ${o.variants[0]!.fullPath} (${o.id})`),
        },
      });
    } else codeOnly.push({ route, project: scope, outside: true });
  }
  // A spec documents what is under its base paths: a route elsewhere is outside it, unless the code shows no base
  // path at all (some route of the spec matched only without it: a gateway or context path adds it).
  const stripped = new Set<string>();
  for (const o of operations.values())
    if (o.routes.some((r) => r.matchedBy === 'path without the base path')) stripped.add(o.variants[0]!.specUri);
  for (const entry of codeOnly) {
    if (!entry.outside) continue;
    // CORS preflights and HEAD answers belong to the protocol, not to the API a spec documents
    if (entry.route.method === 'OPTIONS' || entry.route.method === 'HEAD') continue;
    const key = pathKey(entry.route.path);
    entry.outside = !(byProject.get(entry.project) ?? []).some((o) =>
      o.variants.some((v) => {
        const base = pathKey(v.basePath);
        return base === '/' || key === base || key.startsWith(base + '/') || stripped.has(v.specUri);
      }),
    );
  }

  const endpoints = new Map<string, Endpoint>();
  for (const o of operations.values()) {
    const groups = new Map<string, { variant: SpecOperationRef; routes: CodeRouteRef[]; matchedBy?: string }>();
    for (const r of o.routes) {
      const key = r.variant.fullPath;
      const group = groups.get(key) ?? {
        variant: r.variant,
        routes: [],
        ...(r.matchedBy ? { matchedBy: r.matchedBy } : {}),
      };
      group.routes.push(r.route);
      groups.set(key, group);
    }
    if (groups.size === 0) groups.set(o.variants[0]!.fullPath, { variant: o.variants[0]!, routes: [] });
    for (const group of groups.values()) {
      const endpoint = endpointFor(endpoints, o.project, group.variant.method, group.variant.fullPath);
      endpoint.specOperations.push(group.variant);
      endpoint.codeRoutes.push(...group.routes.filter((r) => !endpoint.codeRoutes.includes(r)));
      if (group.matchedBy) endpoint.matchedBy = group.matchedBy;
      if (o.maybe.length > 0 && group.routes.length === 0)
        endpoint.ambiguous = {
          reason: 'a route could be this operation or another one',
          candidates: o.maybe.map((r) => `${r.method} ${r.pathTemplate} (${r.uri})`),
        };
    }
  }
  for (const { route, project, ambiguous, outside } of codeOnly) {
    const endpoint = ambiguous
      ? newEndpoint(project, route.method, route.path)
      : endpointFor(endpoints, project, route.method, route.path);
    if (ambiguous) {
      endpoint.ambiguous = ambiguous;
      endpoints.set(`ambiguous|${route.uri}|${route.range.start.line}|${route.method}|${route.path}`, endpoint);
    }
    endpoint.codeRoutes.push(route);
    if (outside && endpoint.codeRoutes.length === 1 && endpoint.specOperations.length === 0)
      endpoint.outsideSpecs = true;
  }
  const list = [...endpoints.values()].map(finish);
  noteSuperseded(list);
  list.sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.project.localeCompare(b.project),
  );
  return { endpoints: list, scopes };
}

type Pick =
  | { kind: 'matched'; matches: { operation: Operation; variant: SpecOperationRef }[]; matchedBy?: string }
  | { kind: 'ambiguous'; operations: Operation[]; reason: string }
  | { kind: 'none' };

function pick(route: CodeRouteRef, operations: Operation[]): Pick {
  const routeKey = pathKey(route.path);
  const methodFits = (v: SpecOperationRef) => route.method === 'ALL' || v.method === route.method;
  const tiers: { test: (v: SpecOperationRef) => boolean; matchedBy?: string }[] = [
    { test: (v) => pathKey(v.fullPath) === routeKey },
    {
      test: (v) => pathKey(v.fullPath) !== pathKey(v.path) && pathKey(v.path) === routeKey,
      matchedBy: 'path without the base path',
    },
  ];
  if (route.unmounted)
    tiers.push({
      test: (v) => pathKey(v.fullPath).endsWith(routeKey === '/' ? '/' : routeKey) && routeKey !== '/',
      matchedBy: 'end of the path (the router is mounted nowhere the engine could see)',
    });
  for (const tier of tiers) {
    const found: { operation: Operation; variant: SpecOperationRef }[] = [];
    for (const operation of operations) {
      const variant = operation.variants.find((v) => methodFits(v) && tier.test(v));
      if (variant) found.push({ operation, variant });
    }
    if (found.length === 0) continue;
    const perMethod = new Map<string, Operation[]>();
    for (const f of found) perMethod.set(f.variant.method, [...(perMethod.get(f.variant.method) ?? []), f.operation]);
    const clash = [...perMethod.values()].find((ops) => ops.length > 1);
    if (clash)
      return {
        kind: 'ambiguous',
        operations: clash,
        reason: `${clash.length} operations fit ${route.method} ${route.pathTemplate}${tier.matchedBy ? ` by the ${tier.matchedBy}` : ''}`,
      };
    return { kind: 'matched', matches: found, ...(tier.matchedBy ? { matchedBy: tier.matchedBy } : {}) };
  }
  return { kind: 'none' };
}

function endpointFor(endpoints: Map<string, Endpoint>, project: string, method: string, path: string): Endpoint {
  const key = `${project}|${method}|${pathKey(path)}`;
  let endpoint = endpoints.get(key);
  if (!endpoint) endpoints.set(key, (endpoint = newEndpoint(project, method, path)));
  return endpoint;
}

function newEndpoint(project: string, method: string, path: string): Endpoint {
  return {
    method,
    path,
    specOperations: [],
    codeRoutes: [],
    auth: { mode: 'unknown', evidence: [] },
    dataClasses: [],
    aiLinked: false,
    deprecated: false,
    documented: false,
    served: false,
    owner: [],
    project,
  };
}

/** The derived fields: auth, data classes, flags, owners. */
function finish(endpoint: Endpoint): Endpoint {
  const { specOperations: ops, codeRoutes: routes } = endpoint;
  endpoint.documented = ops.length > 0;
  endpoint.served = routes.length > 0;
  endpoint.deprecated = ops.some((o) => o.deprecated);
  endpoint.aiLinked = ops.some((o) => o.aiLinked) || routes.some((r) => r.aiLinked);
  endpoint.owner = [...new Set(ops.flatMap((o) => o.tags))].sort();
  endpoint.dataClasses = [...new Set<DataClass>([...ops, ...routes].flatMap((x) => x.dataClasses))].sort();
  endpoint.auth = authOf(ops, routes);
  return endpoint;
}

/**
 * What the code enforces when it serves the endpoint (a mounted route with no auth evidence is open; an unmounted
 * one may get it from a mount the engine did not see: unknown); what the spec declares when only the spec knows it.
 */
function authOf(ops: SpecOperationRef[], routes: CodeRouteRef[]): AuthVerdict {
  const evidence: string[] = [];
  for (const o of ops)
    evidence.push(
      o.security === 'none'
        ? 'spec: no security requirement'
        : `spec: ${o.security === 'optional' ? 'optional ' : ''}${o.schemes.join(', ') || 'security'}`,
    );
  for (const r of routes) {
    if (r.authEvidence.length > 0) evidence.push(...r.authEvidence.map((e) => `code: ${e}`));
    else if (r.publicMarker) evidence.push(`code: public (${r.publicMarker})`);
    else
      evidence.push(
        `code: no auth on ${r.method} ${r.pathTemplate}${r.unmounted ? ' (router mounted nowhere seen)' : ''}`,
      );
  }
  let mode: AuthMode;
  if (routes.length > 0) {
    if (routes.some((r) => r.auth === 'required')) mode = 'required';
    else if (routes.some((r) => r.auth === 'optional')) mode = 'optional';
    else if (routes.every((r) => r.unmounted)) mode = 'unknown';
    else mode = 'none';
  } else if (ops.length > 0) {
    mode = ops.some((o) => o.security === 'required')
      ? 'required'
      : ops.some((o) => o.security === 'optional')
        ? 'optional'
        : 'none';
  } else mode = 'unknown';
  return { mode, evidence: [...new Set(evidence)] };
}

const VERSION_SEGMENT = /\/v(\d+)(?=\/|$)/i;

/** Served endpoints with a newer version of the same method and path served in the same project (`/v1/x`, `/v2/x`). */
function noteSuperseded(endpoints: Endpoint[]): void {
  const byShape = new Map<string, { endpoint: Endpoint; version: number }[]>();
  for (const endpoint of endpoints) {
    const match = VERSION_SEGMENT.exec(endpoint.path);
    if (!match || !endpoint.served) continue;
    const shape = `${endpoint.project}|${endpoint.method}|${pathKey(endpoint.path.replace(VERSION_SEGMENT, '/v#'))}`;
    byShape.set(shape, [...(byShape.get(shape) ?? []), { endpoint, version: Number(match[1]) }]);
  }
  for (const versions of byShape.values()) {
    const newest = versions.reduce((a, b) => (b.version > a.version ? b : a));
    for (const { endpoint, version } of versions)
      if (version < newest.version) endpoint.supersededBy = `${newest.endpoint.method} ${newest.endpoint.path}`;
  }
}
