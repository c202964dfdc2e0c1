// Flask: `@app.route(path, methods=[…])`, `@bp.get/post/…`, `add_url_rule` with a view function or a class-based
// view (`MethodView`/`View`, `ItemAPI.as_view('item')`), Flask-RESTful/RESTX resources (flaskRestful.ts),
// blueprints with `url_prefix` registered with `app.register_blueprint(bp, url_prefix=…)` (in another file),
// `@login_required` / `@jwt_required()` / custom decorators (analysed where defined), `before_request` hooks on the
// app or a blueprint, and Flask-Limiter limits.
import { allCallsOf, kwarg, strValue, type FileFacts, type Val } from '../facts';
import { joinPaths, type MiddlewareRef, type Route } from '../model';
import type { AdapterContext } from './context';
import { ownerOf, type FlaskRegistration, type Owner } from './flaskApps';
import { restfulRegistrations } from './flaskRestful';
import { classOfView, classViewMethods } from './flaskViews';
import {
  callName,
  constString,
  evaluatedRef,
  flaskRequestModel,
  handlerOwnAuth,
  lastName,
  pyResponses,
} from './python';
import type { FrameworkAdapter } from './adapter';

const VERB_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);

export function isFlaskFile(file: FileFacts): boolean {
  return file.imports.some((i) =>
    /^(flask|quart|flask_restful|flask_restx|flask_restplus|flask_smorest)(\.|$)/.test(i.module),
  );
}

export async function flaskRoutes(ctx: AdapterContext): Promise<Route[]> {
  const regs = [
    ...(await decoratedViews(ctx)),
    ...(await decoratedClassViews(ctx)),
    ...(await urlRules(ctx)),
    ...(await restfulRegistrations(ctx)),
  ];
  if (regs.length === 0) return [];
  const mountFiles = await ctx.mountFiles();
  const routes: Route[] = [];
  for (const reg of regs) {
    const scope = await scopeOf(ctx, reg, mountFiles);
    for (const method of reg.method) routes.push(await routeOf(ctx, reg, method, scope));
  }
  return routes;
}

/** `@app.route('/x', methods=[…])`, `@bp.get('/x')` on view functions. */
async function decoratedViews(ctx: AdapterContext): Promise<FlaskRegistration[]> {
  const file = ctx.file;
  const regs: FlaskRegistration[] = [];
  for (const fn of file.functions) {
    for (const d of fn.decorators) {
      if (d.k !== 'call' || d.callee.k !== 'member' || !VERB_DECORATORS.has(d.callee.prop)) continue;
      const owner = await ownerOf(ctx, file, d.callee.object);
      if (!owner) continue;
      const path = strValue(d.args[0]);
      if (path === undefined) continue;
      const methodsArg = kwarg(d, 'methods')?.value;
      const methods = d.callee.prop === 'route' ? (methodsOf(methodsArg) ?? ['GET']) : [d.callee.prop.toUpperCase()];
      const refs: MiddlewareRef[] = [];
      for (const x of fn.decorators) if (x !== d) refs.push(await evaluatedRef(ctx, file, x, 'route'));
      regs.push({ owner, method: methods, path, pathSpan: d.args[0]!.span, fn, fnFile: file, refs });
    }
  }
  return regs;
}

/** `@blp.route('/pets/<int:pet_id>')` on a `MethodView` class (flask-smorest blueprints, Flask's own `route` does not
 * take classes): one registration per HTTP-method function. */
async function decoratedClassViews(ctx: AdapterContext): Promise<FlaskRegistration[]> {
  const file = ctx.file;
  const regs: FlaskRegistration[] = [];
  for (const cls of file.classes) {
    for (const d of cls.decorators) {
      if (d.k !== 'call' || d.callee.k !== 'member' || d.callee.prop !== 'route') continue;
      const owner = await ownerOf(ctx, file, d.callee.object);
      const path = strValue(d.args[0]);
      if (!owner || path === undefined) continue;
      for (const m of await classViewMethods(ctx, cls, file, methodsOf(kwarg(d, 'methods')?.value)))
        regs.push({
          owner,
          method: [m.method],
          path,
          pathSpan: d.args[0]!.span,
          fn: m.fn,
          fnFile: m.file,
          refs: m.refs,
        });
    }
  }
  return regs;
}

/** `methods=['GET', 'POST']` as upper-case names (undefined when not a literal list). */
function methodsOf(val: Val | undefined): string[] | undefined {
  return val?.k === 'arr' ? val.items.map((m) => (strValue(m) ?? '').toUpperCase()).filter(Boolean) : undefined;
}

/** `app.add_url_rule('/x', 'x', view, methods=[…])`, `bp.add_url_rule('/x', view_func=ItemAPI.as_view('item'))`
 * (also a name bound to the `as_view` result; in an app factory too). */
async function urlRules(ctx: AdapterContext): Promise<FlaskRegistration[]> {
  const file = ctx.file;
  const regs: FlaskRegistration[] = [];
  for (const call of file.allCalls) {
    if (call.method !== 'add_url_rule' || call.val.callee.k !== 'member') continue;
    const owner = await ownerOf(ctx, file, call.val.callee.object);
    const path = strValue(call.val.args[0]);
    const view = kwarg(call.val, 'view_func')?.value ?? call.val.args[2];
    if (!owner || path === undefined || !view) continue;
    const methods = methodsOf(kwarg(call.val, 'methods')?.value);
    const pathSpan = call.val.args[0]!.span;
    const viewClass = await classOfView(ctx, file, view);
    if (viewClass) {
      for (const m of await classViewMethods(ctx, viewClass.cls, viewClass.file, methods))
        regs.push({ owner, method: [m.method], path, pathSpan, fn: m.fn, fnFile: m.file, refs: m.refs });
      continue;
    }
    const handler = await ctx.handlerFn(
      file,
      view.k === 'call' && lastName(view) === 'as_view' && view.callee.k === 'member' ? view.callee.object : view,
    );
    if (!handler) continue;
    const refs: MiddlewareRef[] = [];
    for (const d of handler.fn.decorators) refs.push(await evaluatedRef(ctx, handler.file, d, 'route'));
    regs.push({ owner, method: methods ?? ['GET'], path, pathSpan, fn: handler.fn, fnFile: handler.file, refs });
  }
  return regs;
}

/** What a registration's app or blueprint adds: `before_request` hooks, the `register_blueprint` prefix, limiters. */
async function scopeOf(
  ctx: AdapterContext,
  reg: FlaskRegistration,
  mountFiles: FileFacts[],
): Promise<{ refs: MiddlewareRef[]; prefix: string; via: string[] }> {
  const refs: MiddlewareRef[] = [];
  let prefix = reg.owner.prefix;
  const via: string[] = [];
  const sameOwner = (owner: Owner | undefined) =>
    owner && (owner.isApp || (owner.file.uri === reg.owner.file.uri && owner.name === reg.owner.name));
  for (const f of [ctx.file, ...mountFiles]) {
    for (const fn of f.functions) {
      for (const d of fn.decorators) {
        if (lastName(d) !== 'before_request' && !(d.k === 'call' && lastName(d.callee) === 'before_request')) continue;
        const target =
          d.k === 'member' ? d.object : d.k === 'call' && d.callee.k === 'member' ? d.callee.object : undefined;
        const owner = target ? await ownerOf(ctx, f, target) : undefined;
        if (sameOwner(owner))
          refs.push(await evaluatedRef(ctx, f, { k: 'fn', fn, span: fn.span }, owner!.isApp ? 'app' : 'router'));
      }
    }
    for (const call of f.allCalls) {
      if (call.method === 'register_blueprint' && call.val.args[0]) {
        const child = await ownerOf(ctx, f, call.val.args[0]);
        if (child && child.file.uri === reg.owner.file.uri && child.name === reg.owner.name) {
          const p = await constString(ctx, f, kwarg(call.val, 'url_prefix')?.value);
          if (p !== undefined) prefix = p;
          via.push(`${ctx.relative(f.uri)}: ${f.text.slice(call.val.span.start, call.val.span.end)}`);
        }
      } else if (call.method === 'before_request' && call.val.args[0] && call.val.callee.k === 'member') {
        const owner = await ownerOf(ctx, f, call.val.callee.object);
        if (sameOwner(owner)) refs.push(await evaluatedRef(ctx, f, call.val.args[0], owner!.isApp ? 'app' : 'router'));
      } else if (
        call.method === 'Limiter' &&
        (kwarg(call.val, 'default_limits') || kwarg(call.val, 'application_limits'))
      ) {
        refs.push({ name: 'Limiter(default_limits=…)', val: call.val, uri: f.uri, level: 'app', rateLimit: true });
      }
    }
  }
  return { refs, prefix, via };
}

async function routeOf(
  ctx: AdapterContext,
  reg: FlaskRegistration,
  method: string,
  scope: { refs: MiddlewareRef[]; prefix: string; via: string[] },
): Promise<Route> {
  const refs = [...scope.refs, ...reg.refs];
  const via = [...scope.via, ...(reg.via ?? [])];
  const route: Route = {
    framework: 'flask',
    method,
    pathTemplate: joinPaths(scope.prefix, reg.path),
    file: ctx.file.uri,
    range: reg.pathSpan,
    handler: reg.fn,
    handlerFile: reg.fnFile,
    handlerRange: reg.fn.span,
    middleware: refs,
    authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
    roleChecks: [],
    rateLimited: refs.some((r) => r.rateLimit),
    responseExpressions: pyResponses(reg.fn),
    calls: allCallsOf(reg.fn),
    request: flaskRequestModel(reg.fn, reg.fnFile),
    mountedVia: via,
    ...(reg.unmounted || (!reg.owner.isApp && scope.via.length === 0) ? { unmounted: true } : {}),
  };
  const own = route.authEvidence.length > 0 ? undefined : await handlerOwnAuth(ctx, reg.fnFile, reg.fn);
  if (own) route.authEvidence.push({ ...own, name: 'the view itself' });
  return route;
}

export { callName };

export const adapter: FrameworkAdapter = {
  name: 'flask',
  language: 'py',
  uses: isFlaskFile,
  // Blueprint modules that import no Flask name still declare `@bp.route(...)` (or register resources).
  appliesTo: (file) =>
    isFlaskFile(file) || (file.lang === 'py' && /\.(route|add_resource|add_url_rule)\(/.test(file.text)),
  routes: flaskRoutes,
  hints: {
    modules: ['flask', 'quart', 'flask_restful', 'flask_restx', 'flask_restplus'],
    // `add_namespace` and `init_app` bind RESTX namespaces and Flask-RESTful Apis made elsewhere
    mountCalls: ['register_blueprint', 'before_request', 'add_url_rule', 'add_namespace', '\\.init_app\\s*\\('],
    authPackages: ['flask_login', 'flask_jwt_extended', 'flask_httpauth'],
    rateLimitPackages: ['flask_limiter'],
  },
};
