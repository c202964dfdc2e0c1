// Fastify: `fastify()` instances and plugin functions `async (fastify, opts) => { … }`, shorthand routes
// with optional options (`{ preHandler, onRequest, config: { rateLimit } }`), `fastify.route({ … })`,
// `addHook('onRequest' | 'preHandler' | …)` for the plugin's scope, `register(plugin, { prefix })` across
// files, and `fastify.decorate('authenticate', …)` resolved where it is defined.
import { pathOf, type FileFacts, type FnFacts, type Val } from '../facts';
import type { RequestModel, Route } from '../model';
import type { AdapterContext } from './context';
import { fileUsesFramework, type FrameworkSpec } from './jsRouters';
import { jsRoutes } from './jsRoutes';
import type { FrameworkAdapter } from './adapter';

export const fastifySpec: FrameworkSpec = {
  framework: 'fastify',
  modules: /^(fastify|fastify-plugin)$/,
  constructs(val: Val, file: FileFacts) {
    if (val.k !== 'call') return undefined;
    const path = pathOf(val.callee);
    const imp = file.importsByLocal.get(path.split('.')[0]!);
    if (
      imp?.module === 'fastify' &&
      (imp.imported === 'default' || imp.imported === 'fastify' || imp.imported === 'Fastify' || imp.imported === '*')
    )
      return { prefix: '', isApp: true };
    return undefined;
  },
  paramRouter(name, typeText) {
    return /^(fastify|app|server|instance|f)$/i.test(name) || /FastifyInstance/.test(typeText ?? '');
  },
  usesFile: (file) => fileUsesFramework(file, fastifySpec) || isPluginFile(file),
};

const PLUGIN_CALLS = /^(get|post|put|patch|delete|head|options|all|route|register|addHook)$/;

/** A plugin module that imports nothing from Fastify (`module.exports = async function (fastify, opts) { … }`,
 * loaded by `register(require('./users'))` or fastify-autoload): a function whose first parameter is named
 * `fastify` or typed `FastifyInstance`, and which registers routes, plugins or hooks on it. */
export function isPluginFile(file: FileFacts): boolean {
  if (file.lang !== 'js') return false;
  return file.allFunctions.some((fn) => {
    const first = fn.params[0];
    if (!first || !(first.name === 'fastify' || /FastifyInstance/.test(first.typeText ?? ''))) return false;
    return fn.calls.some((c) => PLUGIN_CALLS.test(c.method) && receiverRoot(c.val) === first.name);
  });
}

/** `fastify` in `fastify.get(…)` and in chains `fastify.register(a).register(b)`, `fastify.post(…).get(…)`. */
function receiverRoot(call: Val): string | undefined {
  let v: Val = call;
  while (v.k === 'call' && v.callee.k === 'member') v = v.callee.object;
  return v.k === 'ref' ? v.name : undefined;
}

export function fastifyRequestModel(fn: FnFacts): RequestModel {
  const model: RequestModel = { whole: new Set(), members: new Map(), identity: [] };
  const req = fn.params[0];
  if (!req) return model;
  const members = new Set(['query', 'params', 'body', 'headers', 'raw', 'url', 'hostname', 'cookies']);
  if (req.name) {
    model.members.set(req.name, members);
    model.identity.push(`${req.name}.user`, `${req.name}.session`);
  }
  for (const name of req.pattern ?? []) if (members.has(name)) model.whole.add(name);
  return model;
}

export async function fastifyRoutes(ctx: AdapterContext): Promise<Route[]> {
  const routes = await jsRoutes(ctx, fastifySpec, fastifyRequestModel);
  // a route '/' registered under a prefix is served at the bare prefix (`/api/notes`; prefixTrailingSlash 'both')
  for (const route of routes)
    if (route.pathTemplate.length > 1 && route.pathTemplate.endsWith('/'))
      route.pathTemplate = route.pathTemplate.replace(/\/+$/, '');
  return routes;
}

export const adapter: FrameworkAdapter = {
  name: 'fastify',
  language: 'js',
  uses: (file) => fastifySpec.usesFile!(file),
  // `fastify.authenticate` hooks are decorations (`fastify.decorate('authenticate', fn)`) made in other plugins.
  prepare: async (ctx) => {
    ctx.auth.decorationFiles = await ctx.mountFiles();
  },
  routes: fastifyRoutes,
  hints: {
    modules: ['fastify', 'fastify-plugin', '@fastify\\/[\\w-]+'],
    mountCalls: ['\\.register\\s*\\(', '\\.addHook\\s*\\('],
    authPackages: ['@fastify\\/(jwt|auth|basic-auth|bearer-auth|passport|session|secure-session)', 'fastify-jwt'],
    rateLimitPackages: ['@fastify\\/rate-limit'],
  },
};
