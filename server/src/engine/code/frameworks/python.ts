// Helpers shared by the Python adapters: decorator names, request models, response expressions.
import { allCallsOf, allReturnsOf, pathOf, type FileFacts, type FnFacts, type Val } from '../facts';
import type { MiddlewareRef, RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { describeVal } from './jsRouters';

export function callName(val: Val): string {
  return pathOf(val.k === 'call' ? val.callee : val);
}

export function lastName(val: Val): string {
  return callName(val).split('.').pop() ?? '';
}

export async function evaluatedRef(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  level: MiddlewareRef['level'],
): Promise<MiddlewareRef> {
  const verdict = await ctx.auth.evaluate(file, val);
  const ref: MiddlewareRef = { name: describeVal(val, file), val, uri: file.uri, level };
  if (verdict.evidence) ref.auth = verdict.evidence;
  if (verdict.notAuth) ref.notAuth = verdict.notAuth;
  if (verdict.rateLimit) ref.rateLimit = true;
  return ref;
}

/** Values a Python view returns / passes to a response constructor. */
export function pyResponses(fn: FnFacts): Route['responseExpressions'] {
  const out: Route['responseExpressions'] = [];
  for (const ret of allReturnsOf(fn)) {
    let v = ret;
    if (v.k === 'arr' && v.items[0]) v = v.items[0]; // return body, 201
    if (
      v.k === 'call' &&
      /^(jsonify|JsonResponse|Response|JSONResponse|make_response|ORJSONResponse|HttpResponse)$/.test(lastName(v))
    ) {
      const body = v.args[0] ?? v.kwargs.find((k) => k.name === 'data' || k.name === 'content')?.value;
      if (body) out.push({ val: body, span: v.span, via: lastName(v) });
      continue;
    }
    out.push({ val: v, span: ret.span, via: 'return' });
  }
  for (const call of allCallsOf(fn)) {
    if (
      /^(jsonify|JsonResponse|JSONResponse)$/.test(call.method) &&
      call.val.args[0] &&
      !out.some((o) => o.span.start === call.val.span.start)
    )
      out.push({ val: call.val.args[0], span: call.val.span, via: call.method });
  }
  return out;
}

export function flaskRequestModel(fn: FnFacts, file: FileFacts): RequestModel {
  const model: RequestModel = {
    whole: new Set(),
    members: new Map(),
    identity: ['current_user', 'g.user', 'session', 'get_jwt_identity()'],
  };
  for (const p of fn.params) if (!p.name.startsWith('*')) model.whole.add(p.name);
  const req = file.importsByLocal.get('request');
  if (req && /flask|quart/.test(req.module))
    model.members.set(
      'request',
      new Set([
        'args',
        'form',
        'json',
        'get_json',
        'values',
        'data',
        'headers',
        'cookies',
        'files',
        'view_args',
        'url',
        'host',
        'full_path',
        'path',
        'base_url',
        'host_url',
        'stream',
        'get_data',
      ]),
    );
  return model;
}

const FASTAPI_NON_REQUEST_TYPES =
  /^(Request|Response|BackgroundTasks|Session|AsyncSession|WebSocket|HTTPConnection|SecurityScopes)\b/;

export function fastapiRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  for (const p of fn.params) {
    if (p.name.startsWith('*') || p.name === 'self') continue;
    const dep = dependencyOf(p);
    if (dep) {
      if (/user|auth|principal|token|account|identity|session/i.test(p.name + ' ' + callName(dep)))
        model.identity.push(p.name);
      continue;
    }
    if (p.typeText && /^Request\b/.test(p.typeText)) {
      model.members.set(
        p.name,
        new Set([
          'query_params',
          'path_params',
          'headers',
          'cookies',
          'json',
          'form',
          'body',
          'url',
          'base_url',
          'client',
        ]),
      );
      model.identity.push(`${p.name}.state.user`, `${p.name}.user`);
      continue;
    }
    if (p.typeText && FASTAPI_NON_REQUEST_TYPES.test(p.typeText)) continue;
    model.whole.add(p.name);
  }
  return model;
}

/** `x = Depends(dep)`, `x: Annotated[T, Depends(dep)]`, `Security(dep)`: the dependency call. */
export function dependencyOf(p: { defaultVal?: Val; typeVal?: Val }): Extract<Val, { k: 'call' }> | undefined {
  const isDep = (v: Val | undefined): v is Extract<Val, { k: 'call' }> =>
    v?.k === 'call' && /^(Depends|Security)$/.test(lastName(v));
  if (isDep(p.defaultVal)) return p.defaultVal;
  let found: Extract<Val, { k: 'call' }> | undefined;
  const visit = (v: Val | undefined) => {
    if (!v || found) return;
    if (isDep(v)) found = v;
    else if (v.k === 'other') v.parts.forEach(visit);
    else if (v.k === 'index') {
      visit(v.index);
    } else if (v.k === 'arr') v.items.forEach(visit);
  };
  visit(p.typeVal);
  return found;
}

export function djangoRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  const params = fn.params.filter((p) => p.name !== 'self' && p.name !== 'cls');
  const req = params[0];
  if (req && !req.name.startsWith('*')) {
    model.members.set(
      req.name,
      new Set([
        'GET',
        'POST',
        'data',
        'query_params',
        'body',
        'META',
        'headers',
        'COOKIES',
        'FILES',
        'get_full_path',
        'build_absolute_uri',
        'get_host',
      ]),
    );
    model.identity.push(`${req.name}.user`, `${req.name}.auth`, `${req.name}.session`, 'self.request.user');
  }
  for (const p of params.slice(1)) if (!p.name.startsWith('*')) model.whole.add(p.name);
  model.members.set('self', new Set(['kwargs']));
  model.members.set(
    'self.request',
    new Set(['GET', 'POST', 'data', 'query_params', 'body', 'META', 'headers', 'COOKIES']),
  );
  return model;
}
