// Koa with @koa/router (or koa-router): `new Router({ prefix })`, `router.get(path, …middleware, handler)`,
// `router.use([path], …)`, `app.use(router.routes())`, nested `parent.use('/x', child.routes())`.
import { pathOf, strValue, type FileFacts, type FnFacts, type Val } from '../facts';
import type { RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { fileUsesFramework, type FrameworkSpec } from './jsRouters';
import { jsRoutes } from './jsRoutes';
import type { FrameworkAdapter } from './adapter';

export const koaSpec: FrameworkSpec = {
  framework: 'koa',
  modules: /^(koa|@koa\/router|koa-router)$/,
  constructs(val: Val, file: FileFacts) {
    if (val.k !== 'call') return undefined;
    const path = pathOf(val.callee);
    const imp = file.importsByLocal.get(path.split('.')[0]!);
    if (!imp) return undefined;
    if (/^(@koa\/router|koa-router)$/.test(imp.module)) {
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
};

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
    modules: ['koa', '@koa\\/router', 'koa-router'],
    mountCalls: ['\\.use\\s*\\(', '\\.routes\\s*\\('],
    authPackages: ['koa-jwt', 'koa-passport'],
    rateLimitPackages: ['koa-ratelimit'],
  },
};
