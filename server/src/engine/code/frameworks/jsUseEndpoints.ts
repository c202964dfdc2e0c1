// Express middleware that answers requests itself: `app.use('/ftp/:file', servePublicFiles())`,
// `app.use('/solve/x', verify.serverSideChallenges())`. Mounted on a path, such a function is an endpoint for every
// method (ALL), not only middleware of the routes below it.
import { allCallsOf, rootOf, type CallFact, type FileFacts, type FnFacts, type Val } from '../facts';
import type { AdapterContext } from './context';
import type { MountGraph } from './jsMounts';
import type { FileScan, RouteReg } from './jsRouters';

/** Response calls that send a body or a file (`res.status(403).send()` and `res.sendStatus(401)` are refusals). */
const SENDS = /^(send|json|jsonp|sendFile|download|render|redirect|end)$/;

/** Route registrations for the path-limited `app.use` entries of `scan` whose last item serves a response. */
export async function useEndpoints(ctx: AdapterContext, scan: FileScan, graph: MountGraph): Promise<RouteReg[]> {
  const out: RouteReg[] = [];
  for (const entry of scan.uses) {
    if (entry.kind !== 'use' || !entry.call || entry.parent.framework !== 'express') continue;
    if (!entry.path || entry.path === '/' || entry.items.length === 0) continue;
    const last = entry.items.length - 1;
    if (graph.middlewareItems.get(entry)?.[last] !== true) continue; // a mounted router, not a function
    const handler = entry.items[last]!;
    const fns = await servingFunctions(ctx, entry.file, handler);
    if (!fns.some(sendsSuccess)) continue;
    // a guard that refuses unauthenticated callers is middleware, whatever else it sends
    if ((await ctx.auth.evaluate(entry.file, handler)).evidence) continue;
    const pathArg = entry.call.val.args[0]!;
    out.push({
      router: entry.parent,
      method: 'ALL',
      // path-to-regexp lookarounds (`/ftp(?!/quarantine)/:file`) restrict matching; they are not path segments
      path: entry.path.replace(/\(\?<?[!=][^)]*\)/g, ''),
      pathSpan: pathArg.span,
      offset: entry.offset,
      middleware: entry.items.slice(0, last),
      handler,
      call: entry.call,
    });
  }
  return out;
}

/** The function a middleware value runs, and, for a factory (`servePublicFiles()`), the helpers defined beside it that
 * the returned function hands the response to (`verify(file, res, next)`). */
async function servingFunctions(ctx: AdapterContext, file: FileFacts, val: Val): Promise<FnFacts[]> {
  const main = await ctx.handlerFn(file, val);
  if (!main) return [];
  const fns = [main.fn];
  if (val.k !== 'call') return fns;
  const factory = await ctx.resolver.valueSymbol(file, val.callee);
  if (factory?.kind !== 'fn') return fns;
  const res = main.fn.params[1]?.name;
  const handedTo = new Set(
    allCallsOf(main.fn)
      .filter((c) => c.val.callee.k === 'ref' && c.val.args.some((a) => a.k === 'ref' && a.name === res))
      .map((c) => c.path),
  );
  for (const helper of factory.fn.nested) if (helper.name && handedTo.has(helper.name)) fns.push(helper);
  return fns;
}

/** Whether the function sends a response that is not an error status (`res.sendFile(…)`, `res.status(204).send()`). */
function sendsSuccess(fn: FnFacts): boolean {
  const res = fn.params[1]?.name;
  if (!res) return false;
  return allCallsOf(fn).some(
    (call) => SENDS.test(call.method) && rootOf(call.val.callee) === res && !errorStatus(call),
  );
}

function errorStatus(call: CallFact): boolean {
  const callee = call.val.callee;
  const object = callee.k === 'member' ? callee.object : undefined;
  if (object?.k !== 'call' || object.callee.k !== 'member' || object.callee.prop !== 'status') return false;
  const code = object.args[0];
  return code?.k !== 'num' || code.value >= 400;
}
