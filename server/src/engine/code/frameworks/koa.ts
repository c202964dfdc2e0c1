// Koa with @koa/router (or koa-router): `new Router({ prefix })`, `router.get(path, …middleware, handler)`,
// `router.use([path], …)`, `app.use(router.routes())`, nested `parent.use('/x', child.routes())`; koa-swagger-decorator's
// `SwaggerRouter` (a koa-router) and the docs endpoints its `router.swagger()` serves.
import { pathOf, prop, strValue, type CallFact, type FileFacts, type FnFacts, type Val } from '../facts';
import type { RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { fileUsesFramework, type FrameworkSpec } from './jsRouters';
import { jsRoutes } from './jsRoutes';
import type { FrameworkAdapter } from './adapter';

export const koaSpec: FrameworkSpec = {
  framework: 'koa',
  modules: /^(koa|@koa\/router|koa-router|koa-swagger-decorator)$/,
  constructs(val: Val, file: FileFacts) {
    if (val.k !== 'call') return undefined;
    const path = pathOf(val.callee);
    const imp = file.importsByLocal.get(path.split('.')[0]!);
    if (!imp) return undefined;
    if (
      /^(@koa\/router|koa-router)$/.test(imp.module) ||
      (imp.module === 'koa-swagger-decorator' && imp.imported === 'SwaggerRouter')
    ) {
      const opts = val.args[0];
      const prefix = opts?.k === 'obj' ? (strValue(opts.props.find((p) => p.key === 'prefix')?.value) ?? '') : '';
      return { prefix, isApp: false };
    }
    if (imp.module === 'koa') return { prefix: '', isApp: true };
    return undefined;
  },
  paramRouter(name, typeText) {
    return /^(router|app)$/i.test(name) || /\bRouter\b|\bKoa\b/.test(typeText ?? '');
  },
  generatedRoutes: swaggerRoutes,
};

/** koa-swagger-decorator: `router.swagger({ prefix?, swaggerJsonEndpoint?, swaggerHtmlEndpoint? })` serves the JSON
 * document and the Swagger UI page (defaults `/swagger-json`, `/swagger-html`). */
function swaggerRoutes(call: CallFact): { method: string; path: string }[] | undefined {
  if (call.method !== 'swagger' || call.val.callee.k !== 'member') return undefined;
  const opts = call.val.args[0];
  if (opts && opts.k !== 'obj') return undefined;
  const option = (key: string, fallback: string) => strValue(prop(opts, key)?.value) ?? fallback;
  const prefix = option('prefix', '');
  return [
    { method: 'GET', path: prefix + option('swaggerJsonEndpoint', '/swagger-json') },
    { method: 'GET', path: prefix + option('swaggerHtmlEndpoint', '/swagger-html') },
  ];
}

export function koaRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  const ctx = fn.params[0];
  if (!ctx?.name) return model;
  model.members.set(
    ctx.name,
    new Set([
      'query',
      'params',
      'request',
      'headers',
      'header',
      'get',
      'cookies',
      'querystring',
      'url',
      'href',
      'host',
      'hostname',
      'originalUrl',
      'path',
      'search',
    ]),
  );
  model.identity.push(`${ctx.name}.state.user`, `${ctx.name}.state`, `${ctx.name}.session`);
  return model;
}

export function koaRoutes(ctx: AdapterContext): Promise<Route[]> {
  return jsRoutes(ctx, koaSpec, koaRequestModel);
}

export const adapter: FrameworkAdapter = {
  name: 'koa',
  language: 'js',
  uses: (file) => fileUsesFramework(file, koaSpec),
  routes: koaRoutes,
  hints: {
    modules: ['koa', '@koa\\/router', 'koa-router', 'koa-swagger-decorator'],
    mountCalls: ['\\.use\\s*\\(', '\\.routes\\s*\\('],
    authPackages: ['koa-jwt', 'koa-passport'],
    rateLimitPackages: ['koa-ratelimit'],
  },
};
