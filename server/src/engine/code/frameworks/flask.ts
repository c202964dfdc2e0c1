// Flask: `@app.route(path, methods=[…])`, `@bp.get/post/…`, `add_url_rule`, blueprints with `url_prefix`
// registered with `app.register_blueprint(bp, url_prefix=…)` (in another file), `@login_required` /
// `@jwt_required()` / custom decorators (analysed where defined), `before_request` hooks on the app or a
// blueprint, and Flask-Limiter limits.
import { allCallsOf, kwarg, strValue, type FileFacts, type FnFacts, type Val } from '../facts';
import { joinPaths, type MiddlewareRef, type Route } from '../model';
import type { AdapterContext } from './context';
import { callName, evaluatedRef, flaskRequestModel, handlerOwnAuth, lastName, pyResponses } from './python';
import type { FrameworkAdapter } from './adapter';

const VERB_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);

export function isFlaskFile(file: FileFacts): boolean {
  return file.imports.some((i) => /^(flask|quart|flask_restful|flask_smorest)(\.|$)/.test(i.module));
}

interface Owner {
  file: FileFacts;
  name: string;
  prefix: string;
  isApp: boolean;
}

async function ownerOf(ctx: AdapterContext, file: FileFacts, val: Val): Promise<Owner | undefined> {
  if (val.k !== 'ref') return undefined;
  const sym = await ctx.resolver.symbol(file, val.name);
  if (sym?.kind === 'value' && sym.val.k === 'call') {
    const ctor = lastName(sym.val);
    if (ctor === 'Flask' || ctor === 'Quart') return { file: sym.file, name: sym.name, prefix: '', isApp: true };
    if (ctor === 'Blueprint')
      return {
        file: sym.file,
        name: sym.name,
        prefix: strValue(kwarg(sym.val, 'url_prefix')?.value) ?? '',
        isApp: false,
      };
  }
  return undefined;
}

/** One view bound to a path on an app or blueprint, before prefixes and hooks are applied. */
interface FlaskRegistration {
  owner: Owner;
  method: string[];
  path: string;
  pathSpan: Route['range'];
  fn: FnFacts;
  decorators: Val[];
}

export async function flaskRoutes(ctx: AdapterContext): Promise<Route[]> {
  const regs = [...(await decoratedViews(ctx)), ...(await urlRules(ctx))];
  if (regs.length === 0) return [];
  const mountFiles = await ctx.mountFiles();
  const routes: Route[] = [];
  for (const reg of regs) {
    const scope = await scopeOf(ctx, reg, mountFiles);
    for (const d of reg.decorators) scope.refs.push(await evaluatedRef(ctx, ctx.file, d, 'route'));
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
      const methods =
        d.callee.prop === 'route'
          ? methodsArg?.k === 'arr'
            ? methodsArg.items.map((m) => (strValue(m) ?? '').toUpperCase()).filter(Boolean)
            : ['GET']
          : [d.callee.prop.toUpperCase()];
      regs.push({
        owner,
        method: methods,
        path,
        pathSpan: d.args[0]!.span,
        fn,
        decorators: fn.decorators.filter((x) => x !== d),
      });
    }
  }
  return regs;
}

/** `app.add_url_rule('/x', view_func=view)` and `MethodView.as_view(…)` views. */
async function urlRules(ctx: AdapterContext): Promise<FlaskRegistration[]> {
  const file = ctx.file;
  const regs: FlaskRegistration[] = [];
  for (const call of file.calls) {
    if (call.method !== 'add_url_rule' || call.val.callee.k !== 'member') continue;
    const owner = await ownerOf(ctx, file, call.val.callee.object);
    const path = strValue(call.val.args[0]);
    const view = kwarg(call.val, 'view_func')?.value ?? call.val.args[2];
    if (!owner || path === undefined || !view) continue;
    const handler = await ctx.handlerFn(
      file,
      view.k === 'call' && lastName(view) === 'as_view' && view.callee.k === 'member' ? view.callee.object : view,
    );
    if (!handler) continue;
    const methodsArg = kwarg(call.val, 'methods')?.value;
    regs.push({
      owner,
      method: methodsArg?.k === 'arr' ? methodsArg.items.map((m) => (strValue(m) ?? '').toUpperCase()) : ['GET'],
      path,
      pathSpan: call.val.args[0]!.span,
      fn: handler.fn,
      decorators: handler.fn.decorators,
    });
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
          const p = strValue(kwarg(call.val, 'url_prefix')?.value);
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
  { refs, prefix, via }: { refs: MiddlewareRef[]; prefix: string; via: string[] },
): Promise<Route> {
  const file = ctx.file;
  const route: Route = {
    framework: 'flask',
    method,
    pathTemplate: joinPaths(prefix, reg.path),
    file: file.uri,
    range: reg.pathSpan,
    handler: reg.fn,
    handlerFile: file,
    handlerRange: reg.fn.span,
    middleware: refs,
    authEvidence: refs.filter((r) => r.auth).map((r) => r.auth!),
    roleChecks: [],
    rateLimited: refs.some((r) => r.rateLimit),
    responseExpressions: pyResponses(reg.fn),
    calls: allCallsOf(reg.fn),
    request: flaskRequestModel(reg.fn, file),
    mountedVia: via,
    ...(!reg.owner.isApp && via.length === 0 ? { unmounted: true } : {}),
  };
  const own = route.authEvidence.length > 0 ? undefined : await handlerOwnAuth(ctx, file, reg.fn);
  if (own) route.authEvidence.push({ ...own, name: 'the view itself' });
  return route;
}

export { callName };

export const adapter: FrameworkAdapter = {
  name: 'flask',
  language: 'py',
  uses: isFlaskFile,
  // Blueprint modules that import no Flask name still declare `@bp.route(...)`.
  appliesTo: (file) => isFlaskFile(file) || (file.lang === 'py' && /\.route\(/.test(file.text)),
  routes: flaskRoutes,
  hints: {
    modules: ['flask', 'quart'],
    mountCalls: ['register_blueprint', 'before_request', 'add_url_rule'],
    authPackages: ['flask_login', 'flask_jwt_extended', 'flask_httpauth'],
    rateLimitPackages: ['flask_limiter'],
  },
};
