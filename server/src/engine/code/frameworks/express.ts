// Express: `express()` apps and `express.Router()` routers, `app.get/post/…(path, …middleware, handler)`,
// `app.route(path).get(…)`, `app.use([path], …middleware | router)` with order, mounts across files through
// imports/requires, and router-registering functions (`module.exports = (app) => { … }`).
import {
  pathOf,
  prop,
  rootOf,
  strValue,
  type CallFact,
  type FileFacts,
  type FnFacts,
  type Span,
  type Val,
} from '../facts';
import type { RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { fileUsesFramework, type FrameworkSpec, type GeneratedRoute } from './jsRouters';
import { jsRoutes } from './jsRoutes';
import type { FrameworkAdapter } from './adapter';

const EXPRESS_MODULES = /^express$/;
const CHAIN_METHODS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'all', 'options', 'head', 'route']);

export const expressSpec: FrameworkSpec = {
  framework: 'express',
  modules: /^(express|express-serve-static-core)$/,
  constructs(val: Val, file: FileFacts): { prefix: string; isApp: boolean } | undefined {
    if (val.k !== 'call') return undefined;
    const callee = val.callee;
    // Router().use(a).use(b), express().use(json()): a chain on a new router is that router
    if (callee.k === 'member' && callee.object.k === 'call' && CHAIN_METHODS.has(callee.prop))
      return expressSpec.constructs(callee.object, file);
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
  generatedRoutes: resourceRoutes,
  paramRouter(name, typeText) {
    return /^(app|router|api|server|r|routes)$/i.test(name) || /\b(Router|Express|Application)\b/.test(typeText ?? '');
  },
};

/** REST resource libraries that add CRUD routes to an Express app (`initialize({ app })`, then `resource(…)`). */
const RESOURCE_MODULES = /^(finale-rest|epilogue)$/;

/**
 * `finale.resource({ model, endpoints: ['/users', '/users/:id'] })` after `finale.initialize({ app })`: list and create
 * on the first endpoint, read, update and delete on the second, added to the app given to `initialize`. Endpoints
 * built from the variable of a `for…of` loop over a literal list (`/api/${name}s`) give one set per item.
 */
function resourceRoutes(call: CallFact, file: FileFacts, fn: FnFacts | undefined): GeneratedRoute[] | undefined {
  if (call.method !== 'resource' || call.val.callee.k !== 'member') return undefined;
  const root = rootOf(call.val.callee);
  const imp = root ? file.importsByLocal.get(root) : undefined;
  const bound = root ? file.bindingsByName.get(root)?.[0] : undefined;
  const module =
    imp?.module ?? (bound?.k === 'call' && pathOf(bound.callee) === 'require' ? strValue(bound.args[0]) : undefined);
  if (!module || !RESOURCE_MODULES.test(module)) return undefined;
  const init = file.allCalls.find((c) => c.method === 'initialize' && rootOf(c.val.callee) === root);
  const app = init && prop(init.val.args[0], 'app');
  if (!app) return undefined;
  const receiver = app.value.k === 'ref' ? app.value : { k: 'ref' as const, name: 'app', span: app.keySpan };
  const endpoints = prop(call.val.args[0], 'endpoints')?.value;
  if (endpoints?.k !== 'arr') return undefined;
  const out: GeneratedRoute[] = [];
  endpoints.items.slice(0, 2).forEach((endpoint, i) => {
    for (const path of expandEndpoint(endpoint, call.val.span, file, fn)) {
      const methods = i === 0 ? ['GET', 'POST'] : ['GET', 'PUT', 'DELETE'];
      for (const method of methods) out.push({ method, path, receiver, pathSpan: endpoint.span });
    }
  });
  return out;
}

/** An endpoint's path(s): a literal, or a template over a `for (const { name } of list)` loop variable. */
function expandEndpoint(endpoint: Val, at: Span, file: FileFacts, fn: FnFacts | undefined): string[] {
  if (endpoint.k === 'str') return [endpoint.value];
  if (endpoint.k !== 'tmpl') return [];
  const loop = enclosingForOf(file, at.start);
  if (!loop) return [];
  const list = (fn?.locals.get(loop.list) ?? file.bindingsByName.get(loop.list))?.at(-1);
  if (list?.k !== 'arr') return [];
  const out: string[] = [];
  for (const item of list.items) {
    let path = '';
    for (const part of endpoint.parts) {
      if (part.k === 'str') path += part.value;
      else if (part.k === 'ref' && loop.names.includes(part.name))
        path += strValue(prop(item, part.name)?.value) ?? '?';
      else if (part.k === 'member' && part.object.k === 'ref' && part.object.name === loop.variable)
        path += strValue(prop(item, part.prop)?.value) ?? '?';
      else path += '?';
    }
    if (!path.includes('?')) out.push(path);
  }
  return out;
}

/** The innermost `for (const x of list)` / `for (const { a, b } of list)` whose header precedes `offset`. */
function enclosingForOf(
  file: FileFacts,
  offset: number,
): { list: string; variable?: string; names: string[] } | undefined {
  const header = /\bfor\s*\(\s*(?:const|let|var)\s+(\{[^}]*\}|[A-Za-z_$][\w$]*)\s+of\s+([A-Za-z_$][\w$]*)\s*\)/g;
  let found: RegExpExecArray | undefined;
  for (let m = header.exec(file.text); m && m.index < offset; m = header.exec(file.text)) found = m;
  if (!found) return undefined;
  const binding = found[1]!;
  if (!binding.startsWith('{')) return { list: found[2]!, variable: binding, names: [] };
  const names = binding
    .slice(1, -1)
    .split(',')
    .map((n) => n.split(':')[0]!.trim())
    .filter(Boolean);
  return { list: found[2]!, names };
}

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
