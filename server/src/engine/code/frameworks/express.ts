// Express: `express()` apps and `express.Router()` routers, `app.get/post/…(path, …middleware, handler)`,
// `app.route(path).get(…)`, `app.use([path], …middleware | router)` with order, mounts across files through
// imports/requires, and router-registering functions (`module.exports = (app) => { … }`).
import { pathOf, type FileFacts, type FnFacts, type Val } from '../facts';
import type { RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { fileUsesFramework, type FrameworkSpec } from './jsRouters';
import { jsRoutes } from './jsRoutes';
import type { FrameworkAdapter } from './adapter';

const EXPRESS_MODULES = /^express$/;

export const expressSpec: FrameworkSpec = {
  framework: 'express',
  modules: /^(express|express-serve-static-core)$/,
  constructs(val: Val, file: FileFacts) {
    if (val.k !== 'call') return undefined;
    const callee = val.callee;
    const path = pathOf(callee);
    const root = path.split(/[.(]/)[0]!;
    const imp = file.importsByLocal.get(root);
    const fromExpress =
      (imp && EXPRESS_MODULES.test(imp.module)) || (callee.k === 'call' && pathOf(callee.callee) === 'require');
    if (
      !fromExpress &&
      !(callee.k === 'member' && callee.object.k === 'call' && pathOf(callee.object.callee) === 'require')
    )
      return undefined;
    if (imp?.imported === 'Router' || /\.Router$/.test(path)) return { prefix: '', isApp: false };
    if (imp && (imp.imported === 'default' || imp.imported === '*') && callee.k === 'ref')
      return { prefix: '', isApp: true };
    if (path === 'require()') return { prefix: '', isApp: true };
    return undefined;
  },
  paramRouter(name, typeText) {
    return /^(app|router|api|server|r|routes)$/i.test(name) || /\b(Router|Express|Application)\b/.test(typeText ?? '');
  },
};

export function expressRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  const req = fn.params[0];
  if (!req) return model;
  const members = new Set([
    'query',
    'params',
    'body',
    'headers',
    'cookies',
    'signedCookies',
    'get',
    'header',
    'param',
    'hostname',
    'host',
    'url',
    'originalUrl',
    'path',
    'files',
    'file',
    'ip',
    'protocol',
  ]);
  if (req.name) {
    model.members.set(req.name, members);
    model.identity.push(`${req.name}.user`, `${req.name}.auth`, `${req.name}.session`);
  }
  for (const name of req.pattern ?? []) {
    if (members.has(name)) model.whole.add(name);
    if (name === 'user' || name === 'auth' || name === 'session') model.identity.push(name);
  }
  return model;
}

export function expressRoutes(ctx: AdapterContext): Promise<Route[]> {
  return jsRoutes(ctx, expressSpec, expressRequestModel);
}

export const adapter: FrameworkAdapter = {
  name: 'express',
  language: 'js',
  uses: (file) => fileUsesFramework(file, expressSpec),
  // A routes file that receives its app or router as a parameter imports no framework: it is taken as Express
  // when no other JS framework claims it and it registers routes on a path literal.
  appliesTo: (file, others) =>
    fileUsesFramework(file, expressSpec) ||
    (file.lang === 'js' &&
      !others.some((o) => o.uses(file)) &&
      /\.(get|post|put|patch|delete)\s*\(\s*['"`]\//.test(file.text)),
  routes: expressRoutes,
  hints: {
    modules: ['express'],
    mountCalls: ['\\.use\\s*\\(', '\\.route\\s*\\('],
    authPackages: ['passport', 'express-jwt', 'express-oauth2-jwt-bearer', 'express-openid-connect'],
    rateLimitPackages: ['express-rate-limit', 'express-slow-down', 'rate-limiter-flexible', 'express-brute'],
  },
};
