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

export async function flaskRoutes(ctx: AdapterContext): Promise<Route[]> {
  const file = ctx.file;
  const regs: {
    owner: Owner;
    method: string[];
    path: string;
    pathSpan: Route['range'];
    fn: FnFacts;
    decorators: Val[];
  }[] = [];
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
  if (regs.length === 0) return [];

  const mountFiles = await ctx.mountFiles();
  const routes: Route[] = [];
  for (const reg of regs) {
    const refs: MiddlewareRef[] = [];
    // app-wide and blueprint before_request hooks, and blueprint registrations (prefixes)
    let prefix = reg.owner.prefix;
    const via: string[] = [];
    for (const f of [file, ...mountFiles]) {
      for (const fn of f.functions) {
        for (const d of fn.decorators) {
          if (lastName(d) !== 'before_request' && !(d.k === 'call' && lastName(d.callee) === 'before_request'))
            continue;
          const target =
            d.k === 'member' ? d.object : d.k === 'call' && d.callee.k === 'member' ? d.callee.object : undefined;
          const owner = target ? await ownerOf(ctx, f, target) : undefined;
          if (owner && (owner.isApp || (owner.file.uri === reg.owner.file.uri && owner.name === reg.owner.name)))
            refs.push(await evaluatedRef(ctx, f, { k: 'fn', fn, span: fn.span }, owner.isApp ? 'app' : 'router'));
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
          if (owner && (owner.isApp || (owner.file.uri === reg.owner.file.uri && owner.name === reg.owner.name)))
            refs.push(await evaluatedRef(ctx, f, call.val.args[0], owner.isApp ? 'app' : 'router'));
        } else if (
          call.method === 'Limiter' &&
          (kwarg(call.val, 'default_limits') || kwarg(call.val, 'application_limits'))
        ) {
          refs.push({ name: 'Limiter(default_limits=…)', val: call.val, uri: f.uri, level: 'app', rateLimit: true });
        }
      }
    }
    for (const d of reg.decorators) refs.push(await evaluatedRef(ctx, file, d, 'route'));
    for (const method of reg.method) {
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
        rateLimited: refs.some((r) => r.rateLimit),
        responseExpressions: pyResponses(reg.fn),
        calls: allCallsOf(reg.fn),
        request: flaskRequestModel(reg.fn, file),
        mountedVia: via,
        ...(!reg.owner.isApp && via.length === 0 ? { unmounted: true } : {}),
      };
      const own = route.authEvidence.length > 0 ? undefined : await handlerOwnAuth(ctx, file, reg.fn);
      if (own) route.authEvidence.push({ ...own, name: 'the view itself' });
      routes.push(route);
    }
  }
  return routes;
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
