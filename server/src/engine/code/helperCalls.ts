// Which project functions a handler calls, resolved once per lint after the adapters (like roleChecks.ts): rules
// then follow request data into them. Two levels deep (handler → service → repository), a bounded number per
// route; calls into packages are not followed. The helper's file is read through the resolver, so it is a
// dependency of the lint, and its text is part of the route checks' cache key (ruleRunner.ts).
import {
  allCallsOf,
  localsOf,
  pathOf,
  rootOf,
  type CallFact,
  type ClassFacts,
  type FileFacts,
  type FnFacts,
} from './facts';
import type { AdapterContext } from './frameworks/context';
import type { HelperCall, Route } from './model';
import type { Symbol } from './resolve';

const MAX_DEPTH = 2;
const MAX_PER_ROUTE = 24;

export async function noteHelperCalls(ctx: AdapterContext, routes: Route[]): Promise<void> {
  for (const route of routes) {
    if (!route.handler) continue;
    const found: HelperCall[] = [];
    await follow(ctx, route.handler, route.handlerFile ?? ctx.file, undefined, 1, found, new Set([route.handler]));
    if (found.length > 0) route.helperCalls = found;
  }
}

async function follow(
  ctx: AdapterContext,
  fn: FnFacts,
  file: FileFacts,
  via: HelperCall | undefined,
  depth: number,
  found: HelperCall[],
  seen: Set<FnFacts>,
): Promise<void> {
  for (const call of allCallsOf(fn)) {
    if (found.length >= MAX_PER_ROUTE) return;
    if (call.val.args.length === 0 && call.val.kwargs.length === 0) continue;
    const onThis = rootOf(call.val.callee) === 'this';
    if (!onThis && !mayBeProjectFunction(call, fn, file)) continue;
    const symbol = onThis ? await injectedMethod(ctx, fn, file, call) : await symbolOf(ctx, file, call);
    if (symbol?.kind !== 'fn' || seen.has(symbol.fn)) continue;
    seen.add(symbol.fn);
    const helper: HelperCall = { call, fn: symbol.fn, file: symbol.file, ...(via ? { via } : {}) };
    found.push(helper);
    if (depth < MAX_DEPTH) await follow(ctx, symbol.fn, symbol.file, helper, depth + 1, found, seen);
  }
}

/**
 * Only a name the module defines or imports can be a project function: calls on parameters and locals
 * (`res.json`, `req.get`, `this.x`) are skipped before any resolution (this runs on every lint of every route).
 */
function mayBeProjectFunction(call: CallFact, fn: FnFacts, file: FileFacts): boolean {
  const root = rootOf(call.val.callee);
  if (!root || root === 'this' || root === 'self') return false;
  if (fn.params.some((p) => p.name === root) || localsOf(fn, root)) return false;
  return file.functionsByName.has(root) || file.importsByLocal.has(root) || file.bindingsByName.has(root);
}

/** One resolution per callee and file per lint: sibling routes call the same services. */
const resolved = new WeakMap<AdapterContext, Map<string, Promise<Symbol | undefined>>>();

function symbolOf(ctx: AdapterContext, file: FileFacts, call: CallFact): Promise<Symbol | undefined> {
  let cache = resolved.get(ctx);
  if (!cache) resolved.set(ctx, (cache = new Map()));
  const key = `${file.uri}|${pathOf(call.val.callee)}`;
  let symbol = cache.get(key);
  if (!symbol) cache.set(key, (symbol = ctx.resolver.valueSymbol(file, call.val.callee).catch(() => undefined)));
  return symbol;
}

/**
 * `this.articleService.update(slug, data)` in a class method: the service injected through the constructor
 * (`constructor(private readonly articleService: ArticleService)`, NestJS and other DI styles) is resolved by its
 * type to the project class, and the call to its method. `this.helper(x)` is the class's own method.
 */
async function injectedMethod(
  ctx: AdapterContext,
  fn: FnFacts,
  file: FileFacts,
  call: CallFact,
): Promise<Symbol | undefined> {
  const callee = call.val.callee;
  if (callee.k !== 'member') return undefined;
  const owner = file.classes.find((c) => c.members.some((m) => m.fn === fn));
  if (!owner) return undefined;
  const method = (cls: ClassFacts, name: string) => cls.members.find((m) => m.name === name && m.fn)?.fn;
  if (callee.object.k === 'ref' && callee.object.name === 'this') {
    const own = method(owner, callee.prop);
    return own ? { kind: 'fn', fn: own, file, name: callee.prop } : undefined;
  }
  const field = callee.object;
  if (field.k !== 'member' || field.object.k !== 'ref' || field.object.name !== 'this') return undefined;
  const ctor = method(owner, 'constructor');
  const typeName = ctor?.params
    .find((p) => p.name === field.prop)
    ?.typeText?.replace(/<.*$/, '')
    .trim();
  if (!typeName || !/^[A-Z]\w*$/.test(typeName)) return undefined;
  const type = await ctx.resolver.symbol(file, typeName).catch(() => undefined);
  if (type?.kind !== 'class') return undefined;
  const target = method(type.cls, callee.prop);
  return target ? { kind: 'fn', fn: target, file: type.file, name: `${type.cls.name}.${callee.prop}` } : undefined;
}
