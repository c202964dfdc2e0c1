// Which project functions a handler calls, resolved once per lint after the adapters (like roleChecks.ts): rules
// then follow request data into them. Two levels deep (handler → service → repository), a bounded number per
// route; calls into packages are not followed. The helper's file is read through the resolver, so it is a
// dependency of the lint, and its text is part of the route checks' cache key (ruleRunner.ts).
import { allCallsOf, type FileFacts, type FnFacts } from './facts';
import type { AdapterContext } from './frameworks/context';
import type { HelperCall, Route } from './model';

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
    const symbol = await ctx.resolver.valueSymbol(file, call.val.callee).catch(() => undefined);
    if (symbol?.kind !== 'fn' || seen.has(symbol.fn)) continue;
    seen.add(symbol.fn);
    const helper: HelperCall = { call, fn: symbol.fn, file: symbol.file, ...(via ? { via } : {}) };
    found.push(helper);
    if (depth < MAX_DEPTH) await follow(ctx, symbol.fn, symbol.file, helper, depth + 1, found, seen);
  }
}
