// Helpers shared by the Python adapters: decorator names, request models, response expressions.
import {
  allCallsOf,
  allRaisesOf,
  allReturnsOf,
  localsOf,
  pathOf,
  type ClassFacts,
  type FileFacts,
  type FnFacts,
  type Span,
  type Val,
} from '../facts';
import type { AuthEvidence, MiddlewareRef, RequestModel, Route } from '../model';
import { rejectStatus } from '../authSignals';
import type { Symbol } from '../resolve';
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
  if (verdict.role) ref.role = verdict.role;
  if (verdict.roleByMetadata) ref.roleByMetadata = true;
  if (verdict.deniesAll) ref.deniesAll = verdict.deniesAll;
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
  // `self`: a method of a class-based view or resource
  for (const p of fn.params)
    if (!p.name.startsWith('*') && p.name !== 'self' && p.name !== 'cls') model.whole.add(p.name);
  // Flask-RESTful/RESTX request parsers (`parser.parse_args()`) and RESTX `api.payload` / `ns.payload`
  const bound = [
    ...file.bindings.map((b) => [b.name, b.value] as const),
    ...[...fn.locals].flatMap(([n, vs]) => vs.map((v) => [n, v] as const)),
  ];
  for (const [name, value] of bound) {
    if (value.k !== 'call') continue;
    // the name the package exports (`from flask_restx import Api as RestxApi`)
    const imp = value.callee.k === 'ref' ? file.importsByLocal.get(value.callee.name) : undefined;
    const ctor = imp && imp.imported !== '*' ? imp.imported : lastName(value);
    if (ctor === 'RequestParser') model.members.set(name, new Set(['parse_args']));
    else if (ctor === 'Api' || ctor === 'Namespace' || ctor === 'namespace')
      model.members.set(name, new Set(['payload']));
  }
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

/** `depParams`: parameters known to be dependencies (also through a type alias such as `CurrentUser`). */
export function fastapiRequestModel(fn: FnFacts, depParams: ReadonlySet<string> = new Set()): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  for (const p of fn.params) {
    if (p.name.startsWith('*') || p.name === 'self') continue;
    const dep = dependencyOf(p);
    if (dep || depParams.has(p.name)) {
      if (
        /user|auth|principal|token|account|identity|session/i.test(
          `${p.name} ${dep ? callName(dep) : (p.typeText ?? '')}`,
        )
      )
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

/** The innermost function of `file` whose body holds `span` (for names bound inside a function). */
export function enclosingFn(file: FileFacts, span: Span): FnFacts | undefined {
  let best: FnFacts | undefined;
  for (const fn of file.allFunctions)
    if (fn.span.start <= span.start && span.end <= fn.span.end && (!best || fn.span.start >= best.span.start))
      best = fn;
  return best;
}

/** What a name means where it is used: a local of the enclosing function (its last value), else module level. */
export async function symbolAt(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  at: Span | undefined,
): Promise<Symbol | undefined> {
  if (val.k === 'ref' && at) {
    const fn = enclosingFn(file, at);
    const locals = fn ? localsOf(fn, val.name) : undefined;
    const last = locals?.[locals.length - 1];
    if (last) return { kind: 'value', val: last, file, name: val.name };
  }
  return ctx.resolver.valueSymbol(file, val);
}

/** The class an expression is an instance of: `Settings()`, `get_settings()` (by its return annotation or what it
 * returns), a name bound to either. */
async function instanceClass(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  at: Span | undefined,
  depth: number,
): Promise<{ cls: ClassFacts; file: FileFacts } | undefined> {
  if (depth > 5) return undefined;
  if (val.k === 'ref' || val.k === 'member') {
    const sym = await symbolAt(ctx, file, val, at);
    if (sym?.kind === 'value') return instanceClass(ctx, sym.file, sym.val, sym.val.span, depth + 1);
    return undefined;
  }
  if (val.k !== 'call') return undefined;
  const callee = await ctx.resolver.valueSymbol(file, val.callee);
  if (callee?.kind === 'class') return { cls: callee.cls, file: callee.file };
  if (callee?.kind === 'fn') {
    const annotated = callee.fn.returnType;
    if (annotated && (annotated.k === 'ref' || annotated.k === 'member')) {
      const sym = await ctx.resolver.valueSymbol(callee.file, annotated);
      if (sym?.kind === 'class') return { cls: sym.cls, file: sym.file };
    }
    for (const ret of callee.fn.returns) {
      const found = await instanceClass(ctx, callee.file, ret, ret.span, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A class attribute's value, looked up through the workspace base classes (left to right, depth first). */
export async function classAttribute(
  ctx: AdapterContext,
  cls: ClassFacts,
  file: FileFacts,
  name: string,
  depth = 0,
): Promise<{ val: Val; file: FileFacts; cls: ClassFacts } | undefined> {
  if (depth > 6) return undefined;
  const own = cls.members.find((m) => m.name === name && m.value && !m.fn);
  if (own?.value) return { val: own.value, file, cls };
  for (const base of cls.bases) {
    const sym = await ctx.resolver.valueSymbol(file, base);
    if (sym?.kind !== 'class' || sym.cls === cls) continue;
    const found = await classAttribute(ctx, sym.cls, sym.file, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A method of a class or of its workspace base classes (left to right, depth first): the first definition. */
export async function classMethod(
  ctx: AdapterContext,
  cls: ClassFacts,
  file: FileFacts,
  name: string,
  depth = 0,
): Promise<{ fn: FnFacts; file: FileFacts; cls: ClassFacts } | undefined> {
  if (depth > 6) return undefined;
  const own = cls.members.find((m) => m.name === name && m.fn);
  if (own?.fn) return { fn: own.fn, file, cls };
  for (const base of cls.bases) {
    const sym = await ctx.resolver.valueSymbol(file, base);
    if (sym?.kind !== 'class' || sym.cls === cls) continue;
    const found = await classMethod(ctx, sym.cls, sym.file, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** A string known before the app runs: a literal, an f-string of such parts, a constant, or a settings attribute
 * (`settings.API_V1_STR` with `settings = Settings()`: the class attribute's default). */
export async function constString(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val | undefined,
  depth = 0,
): Promise<string | undefined> {
  if (!val || depth > 6) return undefined;
  if (val.k === 'str') return val.value;
  if (val.k === 'tmpl') {
    let out = '';
    for (const part of val.parts) {
      const s = await constString(ctx, file, part, depth + 1);
      if (s === undefined) return undefined;
      out += s;
    }
    return out;
  }
  if (val.k === 'ref') {
    const sym = await symbolAt(ctx, file, val, val.span);
    return sym?.kind === 'value' ? constString(ctx, sym.file, sym.val, depth + 1) : undefined;
  }
  if (val.k === 'member') {
    const owner = await instanceClass(ctx, file, val.object, val.span, 0);
    if (owner) {
      const attr = await classAttribute(ctx, owner.cls, owner.file, val.prop);
      return attr ? constString(ctx, attr.file, attr.val, depth + 1) : undefined;
    }
    const sym = await ctx.resolver.valueSymbol(file, val);
    return sym?.kind === 'value' ? constString(ctx, sym.file, sym.val, depth + 1) : undefined;
  }
  return undefined;
}

/** Auth evidence from a view's own body: only a check that turns callers away with 401/403 counts (a login that
 * checks a password, or a handler that verifies a reset token from the body, identifies no caller). */
export async function handlerOwnAuth(
  ctx: AdapterContext,
  file: FileFacts,
  fn: FnFacts,
): Promise<AuthEvidence | undefined> {
  const rejects =
    allRaisesOf(fn).some((r) => rejectStatus(r) !== undefined) ||
    allCallsOf(fn).some((c) => rejectStatus(c.val) !== undefined) ||
    allReturnsOf(fn).some(
      (r) => r.k === 'arr' && r.items.some((i) => i.k === 'num' && (i.value === 401 || i.value === 403)),
    );
  if (!rejects) return undefined;
  return (await ctx.auth.evaluate(file, { k: 'fn', fn, span: fn.span })).evidence;
}
