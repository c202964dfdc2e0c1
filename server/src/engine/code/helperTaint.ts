// Request data followed into the project functions a handler calls (Route.helperCalls, helperCalls.ts): for each
// helper that receives some, a Taint whose sources are the parameters that carry it, with the source each
// parameter was fed from in the handler. Rules run their own checks on the helper with it.
import { Taint, type TaintSource } from './taint';
import type { FnFacts } from './facts';
import type { HelperCall, Route } from './model';

export interface TaintedHelper {
  helper: HelperCall;
  /** Sources are the helper's parameters that receive request data. */
  taint: Taint;
  /** Parameter name -> the request value it was fed from, as the handler's taint named it (`req.params.id`). */
  fedFrom: Map<string, TaintSource>;
  /** The helpers from the handler down to this one. */
  chain: HelperCall[];
}

function paramsOf(fn: FnFacts): string[] {
  return fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls' && !n.startsWith('*'));
}

/**
 * The helpers of a route that receive request data, in call order. `accept` filters which sources count (an id,
 * a URL): a parameter is tainted only when the value passed to it is built from an accepted source.
 */
export function taintedHelpers(
  route: Route,
  handlerTaint: Taint,
  accept: (source: TaintSource) => boolean = () => true,
): TaintedHelper[] {
  const out: TaintedHelper[] = [];
  const byHelper = new Map<HelperCall, TaintedHelper>();
  for (const helper of route.helperCalls ?? []) {
    const caller = helper.via ? byHelper.get(helper.via) : undefined;
    if (helper.via && !caller) continue;
    const callerTaint = caller ? caller.taint : handlerTaint;
    const params = paramsOf(helper.fn);
    const fedFrom = new Map<string, TaintSource>();
    const feed = (name: string | undefined, source: TaintSource | undefined) => {
      if (!name || !source || !accept(source)) return;
      fedFrom.set(name, caller?.fedFrom.get(source.text) ?? source);
    };
    helper.call.val.args.forEach((arg, i) => feed(params[i], callerTaint.sourceOf(arg)));
    for (const kw of helper.call.val.kwargs)
      if (params.includes(kw.name)) feed(kw.name, callerTaint.sourceOf(kw.value));
    if (fedFrom.size === 0) continue;
    const tainted: TaintedHelper = {
      helper,
      taint: new Taint(helper.fn, { whole: new Set(fedFrom.keys()), members: new Map(), identity: [] }),
      fedFrom,
      chain: [...(caller?.chain ?? []), helper],
    };
    byHelper.set(helper, tainted);
    out.push(tainted);
  }
  return out;
}
