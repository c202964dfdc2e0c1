// Turns the router scans of the linted file and of the project's mount files into Routes: full paths through
// every mount chain, and the middleware that runs before each route in order.
import {
  allCallsOf,
  allAssignsOf,
  allReturnsOf,
  pathOf,
  rootOf,
  type FileFacts,
  type FnFacts,
  type Val,
} from '../facts';
import { joinPaths, type MiddlewareRef, type RequestModel, type Route } from '../model';
import type { AdapterContext } from './context';
import { distinctMiddleware, MountChains, type Chain } from './jsMountChains';
import { mountGraph } from './jsMounts';
import { useEndpoints } from './jsUseEndpoints';
import { describeVal, scanFile, type FileScan, type FrameworkSpec, type RouteReg } from './jsRouters';

export async function jsRoutes(
  ctx: AdapterContext,
  spec: FrameworkSpec,
  requestModel: (fn: FnFacts) => RequestModel,
): Promise<Route[]> {
  const { scans, scanOf } = lintScans(spec);
  const current = scanOf(ctx.file);
  if (current.routes.length === 0 && !current.uses.some((u) => u.kind === 'use' && u.path)) return [];
  const graph = await mountGraph(ctx, spec, scanOf);
  const chains = new MountChains(ctx, graph, scans);
  const regs = [...samePathMerged(current.routes), ...(await useEndpoints(ctx, current, graph))];
  const routes: Route[] = [];
  for (const reg of regs.sort((a, b) => a.pathSpan.start - b.pathSpan.start))
    routes.push(...(await registrationRoutes(ctx, spec, reg, chains, requestModel)));
  return routes;
}

// Scans depend on a file's facts only: cached with them (so use entries keep their identity across lints).
const scanCache = new WeakMap<FileFacts, Map<string, FileScan>>();

/** The scans one lint reads, by file uri, and the function that adds a file's (cached) scan to them. */
function lintScans(spec: FrameworkSpec): { scans: Map<string, FileScan>; scanOf: (file: FileFacts) => FileScan } {
  const scans = new Map<string, FileScan>();
  const scanOf = (file: FileFacts) => {
    let s = scans.get(file.uri);
    if (!s) {
      let byFramework = scanCache.get(file);
      if (!byFramework) scanCache.set(file, (byFramework = new Map()));
      s = byFramework.get(spec.framework);
      if (!s) byFramework.set(spec.framework, (s = scanFile(file, spec)));
      scans.set(file.uri, s);
    }
    return s;
  };
  return { scans, scanOf };
}

/** One Route per chain the registration's router is reached by (one, with no prefix, when nothing mounts it). */
async function registrationRoutes(
  ctx: AdapterContext,
  spec: FrameworkSpec,
  reg: RouteReg,
  chains: MountChains,
  requestModel: (fn: FnFacts) => RequestModel,
): Promise<Route[]> {
  const routes: Route[] = [];
  const regChains = (await chains.chainsOf(reg.router.id, 0)) ?? [{ prefix: '', middleware: [], via: [] }];
  const unmounted = !chains.isMounted(reg.router.id) && !reg.router.isApp;
  for (const chain of regChains) {
    const own = chains.middlewareBefore(
      reg.router.id,
      reg.offset,
      joinPaths(reg.router.prefix, reg.path),
      reg.router.isApp ? 'app' : 'router',
    );
    const fullPath = joinPaths(chain.prefix, reg.router.prefix, reg.path);
    const all = [
      ...chain.middleware,
      ...own,
      ...reg.middleware.map((val) => ({ val, file: ctx.file, level: 'route' as const })),
    ].filter((m) => !unlessSkips(m.val, fullPath, reg.method));
    routes.push(await buildRoute(ctx, spec, reg, chain, all, unmounted, requestModel));
  }
  return routes;
}

/**
 * `app.post('/users', checkA)`, `app.post('/users', checkB)`, `app.post('/users', create)`: several registrations of one
 * method and path on one router are one route whose handlers run in order, so the earlier ones are middleware of the
 * last. The route is declared at the first; what runs before it is what was registered before the last.
 */
function samePathMerged(regs: RouteReg[]): RouteReg[] {
  const groups = new Map<string, RouteReg[]>();
  for (const reg of regs) {
    const key = `${reg.router.id} ${reg.method} ${reg.path.replace(/:[\w$]+/g, ':')}`;
    const group = groups.get(key);
    if (group) group.push(reg);
    else groups.set(key, [reg]);
  }
  const out: RouteReg[] = [];
  for (const group of groups.values()) {
    if (group.length === 1 || group[0]!.router.framework !== 'express') {
      out.push(...group);
      continue;
    }
    // an inline handler without `next` ends the request: what follows is another (unreachable) registration
    let run: RouteReg[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const first = run[0]!;
      const last = run[run.length - 1]!;
      const before = run.slice(0, -1).flatMap((r) => [...r.middleware, ...(r.handler ? [r.handler] : [])]);
      out.push({ ...last, pathSpan: first.pathSpan, path: first.path, middleware: [...before, ...last.middleware] });
      run = [];
    };
    for (const reg of group) {
      run.push(reg);
      if (reg.handler?.k === 'fn' && reg.handler.fn.params.length < 3) flush();
    }
    flush();
  }
  return out.sort((a, b) => a.pathSpan.start - b.pathSpan.start);
}

async function buildRoute(
  ctx: AdapterContext,
  spec: FrameworkSpec,
  reg: RouteReg,
  chain: Chain,
  middleware: Chain['middleware'],
  unmounted: boolean,
  requestModel: (fn: FnFacts) => RequestModel,
): Promise<Route> {
  const handler = reg.handler ? await ctx.handlerFn(ctx.file, reg.handler) : undefined;
  const refs: MiddlewareRef[] = [];
  for (const m of distinctMiddleware(middleware)) {
    const verdict = await ctx.auth.evaluate(m.file, m.val);
    const ref: MiddlewareRef = { name: describeVal(m.val, m.file), val: m.val, uri: m.file.uri, level: m.level };
    if (verdict.evidence) ref.auth = verdict.evidence;
    if (verdict.notAuth) ref.notAuth = verdict.notAuth;
    if (verdict.rateLimit) ref.rateLimit = true;
    if (verdict.role) ref.role = verdict.role;
    if (verdict.roleByMetadata) ref.roleByMetadata = true;
    if (verdict.deniesAll) ref.deniesAll = verdict.deniesAll;
    refs.push(ref);
  }
  const route: Route = {
    framework: spec.framework,
    method: reg.method,
    pathTemplate: joinPaths(chain.prefix, reg.router.prefix, reg.path),
    file: ctx.file.uri,
    range: reg.pathSpan,
    middleware: refs,
    authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
    roleChecks: [],
    rateLimited: refs.some((r) => r.rateLimit),
    responseExpressions: [],
    calls: [],
    request: { whole: new Set(), members: new Map(), identity: [] },
    mountedVia: chain.via,
    ...(unmounted ? { unmounted } : {}),
  };
  if (
    reg.options?.k === 'obj' &&
    reg.options.props.some(
      (p) => p.key === 'config' && p.value.k === 'obj' && p.value.props.some((q) => q.key === 'rateLimit'),
    )
  )
    route.rateLimited = true;
  if (handler) {
    route.handler = handler.fn;
    route.handlerFile = handler.file;
    route.handlerRange = handler.fn.span;
    // computed when a rule first reads them (cached rule results usually make that unnecessary)
    lazy(route, 'calls', () => allCallsOf(handler.fn));
    lazy(route, 'request', () => requestModel(handler.fn));
    lazy(route, 'responseExpressions', () => jsResponses(handler.fn, spec.framework));
    // a handler that itself verifies credentials authenticates the route (only asked when nothing before it does)
    if (route.authEvidence.length === 0) {
      const own = await ctx.auth.evaluate(handler.file, { k: 'fn', fn: handler.fn, span: handler.fn.span });
      if (own.evidence) route.authEvidence.push({ ...own.evidence, name: 'the handler itself' });
    }
  }
  return route;
}

function lazy<K extends keyof Route>(route: Route, key: K, compute: () => Route[K]): void {
  let value: Route[K] | undefined;
  Object.defineProperty(route, key, {
    get: () => (value ??= compute()),
    set: (v: Route[K]) => {
      value = v;
    },
    enumerable: true,
    configurable: true,
  });
}

/** What a JS handler sends back: res.json/send/end/render, reply.send, return values (Fastify/Koa/Nest), ctx.body. */
export function jsResponses(fn: FnFacts, framework: string): Route['responseExpressions'] {
  const out: Route['responseExpressions'] = [];
  const res = fn.params[1]?.name;
  for (const call of allCallsOf(fn)) {
    const root = rootOf(call.val.callee);
    if (
      /^(json|send|jsonp|end|write|render)$/.test(call.method) &&
      (root === res || root === 'res' || root === 'reply' || root === 'response') &&
      call.val.args[0]
    ) {
      out.push({
        val: call.val.args[call.method === 'render' ? 1 : 0] ?? call.val.args[0],
        span: call.val.span,
        via: `${pathOf(call.val.callee)}`,
      });
    }
  }
  if (framework !== 'express')
    for (const ret of allReturnsOf(fn)) out.push({ val: ret, span: ret.span, via: 'return' });
  for (const a of allAssignsOf(fn))
    if (/(^|\.)(body)$/.test(a.target) && /^ctx|context/.test(a.target))
      out.push({ val: a.value, span: a.span, via: a.target });
  return out;
}

/** `mw.unless({ path: ['/login', /^\/public/], method: ['OPTIONS'] })` (koa-unless, express-unless): whether the
 * middleware is skipped for this route. */
function unlessSkips(val: Val, path: string, method: string): boolean {
  if (val.k !== 'call' || val.callee.k !== 'member' || val.callee.prop !== 'unless') return false;
  const opts = val.args[0];
  if (opts?.k !== 'obj') return false;
  const list = (key: string): Val[] => {
    const v = opts.props.find((p) => p.key === key)?.value;
    return !v ? [] : v.k === 'arr' ? v.items : [v];
  };
  if (list('method').some((m) => m.k === 'str' && m.value.toUpperCase() === method)) return true;
  return list('path').some((p) => {
    if (p.k === 'str') return p.value === path || p.value.replace(/\/+$/, '') === path.replace(/\/+$/, '');
    const literal = p.k === 'other' ? /^\/(.*)\/([a-z]*)$/s.exec(p.text ?? '') : null;
    if (!literal) return false;
    try {
      return new RegExp(literal[1]!, literal[2]!.replace(/[gy]/g, '')).test(path);
    } catch {
      return false;
    }
  });
}
