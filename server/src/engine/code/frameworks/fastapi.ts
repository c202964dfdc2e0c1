// FastAPI: `@app.get/post/…(path, dependencies=[…])`, `APIRouter(prefix=…, dependencies=[…])`,
// `Depends(...)`/`Security(...)` on parameters (also inside `Annotated[…]`), app-level dependencies
// (`FastAPI(dependencies=[…])`), and `include_router(router, prefix=…, dependencies=[…])` across files.
import { allCallsOf, kwarg, pathOf, strValue, type FileFacts, type FnFacts, type Param, type Val } from '../facts';
import { joinPaths, type MiddlewareRef, type Route } from '../model';
import type { AdapterContext } from './context';
import {
  constString,
  dependencyOf,
  evaluatedRef,
  fastapiRequestModel,
  handlerOwnAuth,
  lastName,
  pyResponses,
  symbolAt,
} from './python';
import type { FrameworkAdapter } from './adapter';
import { describeVal } from './jsRouters';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'api_route']);

export function isFastApiFile(file: FileFacts): boolean {
  return file.imports.some((i) => /^fastapi(\.|$)/.test(i.module));
}

interface Owner {
  file: FileFacts;
  name: string;
  ctor: Extract<Val, { k: 'call' }>;
  isApp: boolean;
  /** `APIRouter(prefix=…)`, resolved when it is a constant or a settings attribute. */
  prefix: string;
}

/** The app or router a value names: module level, or a local of the function it is used in (`app = FastAPI()`
 * inside a `create_app()` factory). */
async function ownerOf(ctx: AdapterContext, file: FileFacts, val: Val): Promise<Owner | undefined> {
  const sym = await symbolAt(ctx, file, val, val.span);
  if (sym?.kind === 'value' && sym.val.k === 'call') {
    const ctor = lastName(sym.val);
    if (ctor === 'FastAPI' || ctor === 'APIRouter')
      return {
        file: sym.file,
        name: sym.name,
        ctor: sym.val,
        isApp: ctor === 'FastAPI',
        prefix: (await constString(ctx, sym.file, kwarg(sym.val, 'prefix')?.value)) ?? '',
      };
  }
  return undefined;
}

const same = (a: Owner, b: Owner) => a.file.uri === b.file.uri && a.name === b.name && a.ctor === b.ctor;

export async function fastapiRoutes(ctx: AdapterContext): Promise<Route[]> {
  const file = ctx.file;
  const routes: Route[] = [];
  const mountFiles = await ctx.mountFiles();
  for (const fn of file.functions) {
    for (const d of fn.decorators) {
      if (d.k !== 'call' || d.callee.k !== 'member' || !VERBS.has(d.callee.prop)) continue;
      const owner = await ownerOf(ctx, file, d.callee.object);
      if (!owner) continue;
      const path = (await constString(ctx, file, d.args[0])) ?? (await constString(ctx, file, kwarg(d, 'path')?.value));
      if (path === undefined) continue;
      const methodsArg = kwarg(d, 'methods')?.value;
      const methods =
        d.callee.prop === 'api_route'
          ? methodsArg?.k === 'arr'
            ? methodsArg.items.map((m) => (strValue(m) ?? '').toUpperCase())
            : ['GET']
          : [d.callee.prop.toUpperCase()];
      const refs: MiddlewareRef[] = [];
      const chain = await mountChain(ctx, owner, mountFiles, 0);
      for (const c of chain.deps) refs.push(await evaluatedRef(ctx, c.file, c.val, c.level));
      for (const dep of depsIn(owner.ctor))
        refs.push(await evaluatedRef(ctx, owner.file, dep, owner.isApp ? 'app' : 'router'));
      for (const dep of depsIn(d)) refs.push(await evaluatedRef(ctx, file, dep, 'route'));
      const depParams = new Set<string>();
      for (const p of fn.params) {
        const dep = await paramDependency(ctx, file, p);
        if (!dep) continue;
        depParams.add(p.name);
        const ref = await evaluatedRef(ctx, dep.file, dep.val, 'route');
        refs.push(ref);
        if (!ref.auth) refs.push(...(await subDependencies(ctx, dep.file, dep.val, 0)));
      }
      for (const other of fn.decorators) if (other !== d) refs.push(await evaluatedRef(ctx, file, other, 'route'));
      for (const method of methods) {
        const route: Route = {
          framework: 'fastapi',
          method,
          pathTemplate: joinPaths(chain.prefix, owner.prefix, path),
          file: file.uri,
          range: (d.args[0] ?? d).span,
          handler: fn,
          handlerFile: file,
          handlerRange: fn.span,
          middleware: refs,
          authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
          roleChecks: [],
          rateLimited: refs.some((r) => r.rateLimit) || chain.rateLimited,
          responseExpressions: pyResponses(fn),
          calls: allCallsOf(fn),
          request: fastapiRequestModel(fn, depParams),
          mountedVia: chain.via,
          ...(!owner.isApp && !chain.mounted ? { unmounted: true } : {}),
        };
        const hidden = excludedFromSchema(d)
          ? `${d.callee.prop}(…, include_in_schema=False)`
          : excludedFromSchema(owner.ctor)
            ? 'APIRouter(include_in_schema=False)'
            : chain.hidden;
        if (hidden) route.hiddenFromDocs = hidden;
        const own = route.authEvidence.length > 0 ? undefined : await handlerOwnAuth(ctx, file, fn);
        if (own) route.authEvidence.push({ ...own, name: 'the endpoint itself' });
        routes.push(route);
      }
    }
  }
  return routes;
}

/** `include_in_schema=False` on a route decorator, an APIRouter or an include_router call. */
function excludedFromSchema(call: Extract<Val, { k: 'call' }> | undefined): boolean {
  const value = call ? kwarg(call, 'include_in_schema')?.value : undefined;
  return value?.k === 'bool' && !value.value;
}

function depsIn(call: Extract<Val, { k: 'call' }>): Val[] {
  const deps = kwarg(call, 'dependencies')?.value;
  return deps?.k === 'arr' ? deps.items : [];
}

interface MountChain {
  prefix: string;
  /** An `include_router(…, include_in_schema=False)` on the way up, as written. */
  hidden?: string;
  deps: { val: Val; file: FileFacts; level: MiddlewareRef['level'] }[];
  via: string[];
  mounted: boolean;
  rateLimited: boolean;
}

interface IncludeEdge {
  call: Extract<Val, { k: 'call' }>;
  child: Owner;
  parent: Owner | undefined;
  /** `include_router(…, prefix=…)`, resolved. */
  prefix: string;
}

const includeCache = new WeakMap<FileFacts, { version: number; edges: IncludeEdge[]; slowapi: boolean }>();

/** The include_router calls of a file with their resolved child and parent routers (cached per facts and index version). */
async function includesOf(ctx: AdapterContext, f: FileFacts): Promise<{ edges: IncludeEdge[]; slowapi: boolean }> {
  const version = ctx.resolver.index.version;
  const cached = includeCache.get(f);
  if (cached && cached.version === version) return cached;
  const result = { version, edges: [] as IncludeEdge[], slowapi: false };
  for (const call of f.allCalls) {
    if (call.method === 'add_middleware' && /SlowAPI/i.test(f.text.slice(call.val.span.start, call.val.span.end)))
      result.slowapi = true;
    if (call.method !== 'include_router' || call.val.callee.k !== 'member' || !call.val.args[0]) continue;
    const child = await ownerOf(ctx, f, call.val.args[0]);
    if (!child) continue;
    result.edges.push({
      call: call.val,
      child,
      parent: await ownerOf(ctx, f, call.val.callee.object),
      prefix: (await constString(ctx, f, kwarg(call.val, 'prefix')?.value)) ?? '',
    });
  }
  includeCache.set(f, result);
  return result;
}

/** include_router chains up to the app: prefixes and dependencies of every level. */
async function mountChain(
  ctx: AdapterContext,
  owner: Owner,
  mountFiles: FileFacts[],
  depth: number,
): Promise<MountChain> {
  const result: MountChain = { prefix: '', deps: [], via: [], mounted: false, rateLimited: false };
  if (depth > 6) return result;
  for (const f of [ctx.file, ...mountFiles]) {
    const includes = await includesOf(ctx, f);
    if (includes.slowapi) result.rateLimited = true;
    for (const edge of includes.edges) {
      if (!same(edge.child, owner)) continue;
      const parent = edge.parent;
      const call = edge.call;
      const up = parent && !parent.isApp ? await mountChain(ctx, parent, mountFiles, depth + 1) : undefined;
      result.mounted = true;
      result.prefix = joinPaths(up?.prefix ?? '', parent && !parent.isApp ? parent.prefix : '', edge.prefix);
      if (up) result.deps.push(...up.deps);
      if (parent)
        for (const dep of depsIn(parent.ctor))
          result.deps.push({ val: dep, file: parent.file, level: parent.isApp ? 'app' : 'router' });
      for (const dep of depsIn(call)) result.deps.push({ val: dep, file: f, level: 'mount' });
      result.via.push(
        ...(up?.via ?? []),
        `${ctx.relative(f.uri)}: ${f.text.slice(call.span.start, call.span.end).replace(/\s+/g, ' ')}`,
      );
      result.rateLimited ||= up?.rateLimited ?? false;
      const hidden =
        up?.hidden ?? (excludedFromSchema(call) ? 'include_router(…, include_in_schema=False)' : undefined);
      if (hidden) result.hidden = hidden;
      return result;
    }
  }
  return result;
}

export type { FnFacts };

export const adapter: FrameworkAdapter = {
  name: 'fastapi',
  language: 'py',
  uses: isFastApiFile,
  // Router modules may receive their names through relative imports only.
  appliesTo: (file) =>
    isFastApiFile(file) || (file.lang === 'py' && /include_router|APIRouter|Depends\(/.test(file.text)),
  routes: fastapiRoutes,
  hints: {
    modules: ['fastapi', 'starlette'],
    mountCalls: ['include_router', '\\.mount\\s*\\('],
    authPackages: ['fastapi_users'],
    rateLimitPackages: ['slowapi', 'fastapi_limiter'],
  },
};

/** A parameter's dependency: `Depends(dep)` as its default or in its `Annotated[…]` type, or through a type alias
 * (`CurrentUser = Annotated[User, Depends(get_current_user)]`, possibly in another module). `Depends()` with no
 * argument depends on the annotated class itself. */
async function paramDependency(
  ctx: AdapterContext,
  file: FileFacts,
  p: Param,
): Promise<{ val: Val; file: FileFacts } | undefined> {
  const direct = dependencyOf(p);
  if (direct) return { val: bareDepends(direct, p.typeVal) ?? direct, file };
  const alias = p.typeVal;
  if (alias?.k !== 'ref' && alias?.k !== 'member') return undefined;
  const sym = await ctx.resolver.valueSymbol(file, alias);
  if (sym?.kind !== 'value') return undefined;
  const dep = dependencyOf({ typeVal: sym.val });
  return dep ? { val: bareDepends(dep, sym.val) ?? dep, file: sym.file } : undefined;
}

/** `Annotated[OAuth2PasswordRequestForm, Depends()]`: the class the bare `Depends()` instantiates. */
function bareDepends(dep: Extract<Val, { k: 'call' }>, typeVal: Val | undefined): Val | undefined {
  if (dep.args.length > 0 || dep.kwargs.length > 0 || !typeVal) return undefined;
  const parts = typeVal.k === 'other' ? typeVal.parts : typeVal.k === 'index' ? [typeVal.index] : [];
  const flat = parts.flatMap((x) => (x.k === 'arr' ? x.items : x.k === 'other' && !x.text ? x.parts : [x]));
  const first = flat.find((x) => x.k === 'ref' || x.k === 'member');
  return first && pathOf(first) !== 'Annotated' ? first : undefined;
}

/** The dependencies of a workspace dependency (`get_article(user = Depends(get_user_optional))`): FastAPI runs them
 * first, so the auth among them applies to the route. Only those that say something about auth are kept. */
async function subDependencies(
  ctx: AdapterContext,
  file: FileFacts,
  dep: Val,
  depth: number,
): Promise<MiddlewareRef[]> {
  if (depth > 3 || dep.k !== 'call') return [];
  const target = dep.args[0] ?? kwarg(dep, 'dependency')?.value;
  if (!target) return [];
  const sym = await ctx.resolver.valueSymbol(file, target.k === 'call' ? target.callee : target);
  if (sym?.kind !== 'fn') return [];
  const out: MiddlewareRef[] = [];
  for (const p of sym.fn.params) {
    const inner = await paramDependency(ctx, sym.file, p);
    if (!inner) continue;
    const ref = await evaluatedRef(ctx, inner.file, inner.val, 'route');
    if (ref.auth || ref.notAuth || ref.role) out.push({ ...ref, name: `${describeVal(target, file)} → ${ref.name}` });
    else out.push(...(await subDependencies(ctx, inner.file, inner.val, depth + 1)));
  }
  return out;
}
