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
import { isTestCode } from '../testCode';
import {
  childRouterIds,
  describeVal,
  isSharedFastifyPlugin,
  passEntries,
  scanFile,
  type FileScan,
  type FrameworkSpec,
  type RouteReg,
  type UseEntry,
} from './jsRouters';

interface Chain {
  prefix: string;
  middleware: { val: Val; file: FileFacts; level: MiddlewareRef['level'] }[];
  via: string[];
}

export async function jsRoutes(
  ctx: AdapterContext,
  spec: FrameworkSpec,
  requestModel: (fn: FnFacts) => RequestModel,
): Promise<Route[]> {
  // Scans depend on a file's facts only: cached with them (so use entries keep their identity across lints).
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
  const current = scanOf(ctx.file);
  if (current.routes.length === 0) return [];

  // Mount edges from the mount files of the project and the linted file itself. Each file's contribution is
  // cached with its facts and the index version (a mount file is read for every file of a workspace lint).
  const files = [ctx.file, ...(await ctx.mountFiles())];
  const parentEdges = new Map<string, { entry: UseEntry; itemIndex: number }[]>();
  /** Fastify: children registered with fastify-plugin, whose hooks apply to the registering scope. */
  const sharedChildren = new Map<string, string[]>();
  /** Per use entry: which items are middleware (true) rather than mounted routers (false). */
  const middlewareItems = new Map<UseEntry, boolean[]>();
  const seenFiles = new Set<string>();
  for (const file of files) {
    if (seenFiles.has(file.uri)) continue;
    seenFiles.add(file.uri);
    const contribution = await mountContribution(file, ctx, spec, scanOf);
    for (const [entry, flags] of contribution.flags) middlewareItems.set(entry, flags);
    for (const edge of contribution.edges) {
      const list = parentEdges.get(edge.childId) ?? [];
      list.push({ entry: edge.entry, itemIndex: edge.itemIndex });
      parentEdges.set(edge.childId, list);
      if (edge.shared) {
        const children = sharedChildren.get(edge.entry.parent.id) ?? [];
        children.push(edge.childId);
        sharedChildren.set(edge.entry.parent.id, children);
      }
    }
  }

  const usesOf = (routerId: string, depth = 0): UseEntry[] => {
    const out: UseEntry[] = [];
    for (const scan of scans.values()) for (const u of scan.uses) if (u.parent.id === routerId) out.push(u);
    if (depth < 4)
      for (const child of sharedChildren.get(routerId) ?? [])
        out.push(...usesOf(child, depth + 1).filter((u) => u.kind === 'hook'));
    return out;
  };

  const middlewareBefore = (
    routerId: string,
    offset: number,
    path: string,
    level: MiddlewareRef['level'],
  ): Chain['middleware'] => {
    const out: Chain['middleware'] = [];
    for (const use of usesOf(routerId)) {
      const orderIndependent = use.kind === 'hook';
      if (!orderIndependent && use.offset >= offset) continue;
      if (use.path && !pathStartsWith(path, use.path)) continue;
      const flags = middlewareItems.get(use) ?? [];
      use.items.forEach((item, i) => {
        if (flags[i] === false) return;
        // fastify.register(rateLimit, …) limits every route of the scope; other plugins only decorate it.
        if (use.kind === 'register' && !/rate.?limit|throttl/i.test(use.text)) return;
        out.push({ val: item, file: use.file, level });
      });
    }
    return out;
  };

  const chainMemo = new Map<string, Promise<Chain[] | undefined>>();
  const chainsOf = (routerId: string, depth: number): Promise<Chain[] | undefined> => {
    let chains = chainMemo.get(routerId);
    if (!chains) chainMemo.set(routerId, (chains = computeChains(routerId, depth)));
    return chains;
  };
  const computeChains = async (routerId: string, depth: number): Promise<Chain[] | undefined> => {
    const all = parentEdges.get(routerId);
    if (!all || all.length === 0 || depth > 8) return undefined;
    // tests mount the app too (`fastify.register(app, config)`, `request(app)`): only when nothing else does
    const served = all.filter((e) => !isTestCode(e.entry.file.uri));
    const edges = served.length > 0 ? served : all;
    const out: Chain[] = [];
    for (const { entry, itemIndex } of edges) {
      const parentChains = (await chainsOf(entry.parent.id, depth + 1)) ?? [
        { prefix: entry.parent.prefix, middleware: [], via: [] },
      ];
      const before = middlewareBefore(
        entry.parent.id,
        entry.offset,
        entry.path || '/',
        entry.parent.isApp ? 'app' : 'router',
      );
      const mountMiddleware = entry.items
        .slice(0, itemIndex)
        .map((val) => ({ val, file: entry.file, level: 'mount' as const }));
      const where = `${ctx.relative(entry.file.uri)}: ${entry.text.replace(/\s+/g, ' ')}`;
      for (const pc of parentChains) {
        out.push({
          prefix: joinPaths(pc.prefix, entry.path),
          middleware: distinctMiddleware([...pc.middleware, ...before, ...mountMiddleware]),
          via: [...pc.via, where],
        });
      }
    }
    return distinctChains(out);
  };

  const routes: Route[] = [];
  for (const reg of samePathMerged(current.routes)) {
    const chains = (await chainsOf(reg.router.id, 0)) ?? [{ prefix: '', middleware: [], via: [] }];
    const unmounted = !parentEdges.has(reg.router.id) && !reg.router.isApp;
    for (const chain of chains) {
      const own = middlewareBefore(
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

/** The same middleware mounted many times (`app.use('/api', requireAuth, a)`, `app.use('/api', requireAuth, b)`…)
 * runs once as far as auth is concerned: keep its first occurrence. */
function distinctMiddleware(list: Chain['middleware']): Chain['middleware'] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = `${m.file.uri}|${m.level}|${m.file.text.slice(m.val.span.start, m.val.span.end)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Chains with the same prefix and middleware (one app mounted by several test files) give the same routes: keep one. */
function distinctChains(chains: Chain[]): Chain[] {
  const seen = new Set<string>();
  return chains.filter((c) => {
    const key = [c.prefix, ...c.middleware.map((m) => `${m.file.uri}@${m.val.span.start}`)].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

interface MountContribution {
  version: number;
  scan: FileScan;
  flags: Map<UseEntry, boolean[]>;
  edges: { childId: string; entry: UseEntry; itemIndex: number; shared: boolean }[];
}

const contributions = new WeakMap<FileFacts, Map<string, MountContribution>>();
const scanCache = new WeakMap<FileFacts, Map<string, FileScan>>();

/** The use/register entries of one file, which of their items mount routers (and which), and which are middleware. */
async function mountContribution(
  file: FileFacts,
  ctx: AdapterContext,
  spec: FrameworkSpec,
  scanOf: (file: FileFacts) => FileScan,
): Promise<MountContribution> {
  const version = ctx.resolver.index.version;
  let byFramework = contributions.get(file);
  const cached = byFramework?.get(spec.framework);
  if (cached && cached.version === version) {
    scanOf(file); // registers the (cached) scan the entries belong to for this lint
    return cached;
  }
  const scan = scanOf(file);
  const contribution: MountContribution = { version, scan, flags: new Map(), edges: [] };
  for (const entry of [...scan.uses, ...passEntries(file, scan)]) {
    const flags: boolean[] = [];
    for (let i = 0; i < entry.items.length; i++) {
      const item = entry.items[i]!;
      const ids =
        entry.kind === 'hook' || isPlainMiddlewareCall(item, file)
          ? []
          : await childRouterIds(item, entry, ctx.resolver, spec, scanOf);
      flags.push(ids.length === 0);
      const shared =
        ids.length > 0 && spec.framework === 'fastify' && (await isSharedFastifyPlugin(item, file, ctx.resolver));
      for (const childId of ids) contribution.edges.push({ childId, entry, itemIndex: i, shared });
    }
    contribution.flags.set(entry, flags);
  }
  if (!byFramework) contributions.set(file, (byFramework = new Map()));
  byFramework.set(spec.framework, contribution);
  return contribution;
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

function pathStartsWith(path: string, prefix: string): boolean {
  if (prefix === '/' || prefix === '' || prefix === '*') return true;
  const p = path.replace(/\/+$/, '');
  const q = prefix.replace(/\/+$/, '');
  return p === q || p.startsWith(q + '/');
}

/** express.json(), cors(), helmet(), morgan('dev'): calls to packages never produce routers. */
function isPlainMiddlewareCall(item: Val, file: FileFacts): boolean {
  if (item.k !== 'call') return false;
  const root = rootOf(item.callee);
  if (!root) return false;
  const imp = file.importsByLocal.get(root);
  if (imp && !imp.module.startsWith('.') && !imp.module.startsWith('@/')) {
    // router.routes() on an imported koa router is not a plain call
    return !(item.callee.k === 'member' && /^(routes|middleware)$/.test(item.callee.prop));
  }
  return false;
}
