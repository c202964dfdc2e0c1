// Shared machinery of the router-object frameworks (Express, Koa, Fastify): finds router objects (module
// bindings like `const router = express.Router()`, or function parameters like a Fastify plugin's `fastify`),
// the routes and `use`/`register`/hook entries on them, and the mounts between them across files, so a route's
// full path and the middleware that runs before it (app-level, mount-level, router-level, route-level, in
// order) are known.
import { pathOf, rootOf, strValue, type CallFact, type FileFacts, type FnFacts, type Span, type Val } from '../facts';
import type { Framework } from '../model';
import type { Resolver } from '../resolve';

export interface RouterObj {
  id: string;
  framework: Framework;
  file: FileFacts;
  /** Name the router is known by in its file. */
  name: string;
  /** Prefix given at construction (`new Router({ prefix: '/users' })`). */
  prefix: string;
  isApp: boolean;
}

export interface UseEntry {
  parent: RouterObj;
  file: FileFacts;
  offset: number;
  span: Span;
  /** Path the entry is limited to (`app.use('/api', …)`, Fastify `{ prefix }`). */
  path: string;
  /** Middleware values (in order), then children (routers/plugins) that are mounted. */
  items: Val[];
  /** Fastify hooks apply to routes of the scope and its children registered after them. */
  kind: 'use' | 'register' | 'hook' | 'call';
  text: string;
}

export interface RouteReg {
  router: RouterObj;
  method: string;
  path: string;
  pathSpan: Span;
  offset: number;
  middleware: Val[];
  handler?: Val;
  /** Fastify route options object. */
  options?: Val;
  call: CallFact;
}

export interface FrameworkSpec {
  framework: Framework;
  /** Module names whose import marks a file as this framework's. */
  modules: RegExp;
  /** Whether a binding's value constructs a router/app of this framework; returns the prefix and app flag. */
  constructs(val: Val, file: FileFacts): { prefix: string; isApp: boolean } | undefined;
  /** Parameter names/types that carry a router (plugin functions, `module.exports = (app) => …`). */
  paramRouter(name: string, typeText: string | undefined, file: FileFacts): boolean;
  /** Whether a file is this framework's when it imports none of `modules` (a Fastify plugin module); defaults to
   * `fileUsesFramework`. */
  usesFile?(file: FileFacts): boolean;
  /** Routes a library generates from one call on a router (`router.swagger()` serving the docs endpoints), or on
   * another object bound to a router (`receiver`: finale-rest's `resource()` after `initialize({ app })`). */
  generatedRoutes?(call: CallFact, file: FileFacts, fn: FnFacts | undefined): GeneratedRoute[] | undefined;
}

export interface GeneratedRoute {
  method: string;
  path: string;
  /** The router the route is added to, when it is not the call's receiver. */
  receiver?: Val;
  pathSpan?: Span;
}

export const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
/** Other calls on a router that matter: route(), use(), register(), addHook(). */
const ROUTER_METHODS = new Set(['route', 'use', 'register', 'addHook']);

export interface FileScan {
  routers: Map<string, RouterObj>;
  routes: RouteReg[];
  uses: UseEntry[];
}

/** Routers, routes and use/register entries of one file, for one framework. */
export function scanFile(file: FileFacts, spec: FrameworkSpec): FileScan {
  const scan: FileScan = { routers: new Map(), routes: [], uses: [] };
  if (!(spec.usesFile ? spec.usesFile(file) : fileUsesFramework(file, spec))) return scan;
  const parents = new Map<FnFacts, FnFacts>();
  for (const fn of file.allFunctions) for (const inner of fn.nested) parents.set(inner, fn);
  // module-level routers
  for (const b of file.bindings) {
    const made = spec.constructs(b.value, file);
    if (made) addRouter(scan, { id: `${file.uri}#${b.name}`, framework: spec.framework, file, name: b.name, ...made });
  }
  // `export default Router().use('/api', api)`: a router made in the export itself
  for (const e of file.exports) {
    if (e.value.k !== 'call') continue;
    const made = spec.constructs(e.value, file);
    if (made) addRouter(scan, { id: `${file.uri}#${e.name}`, framework: spec.framework, file, name: e.name, ...made });
  }
  const visit = (call: CallFact, fn: FnFacts | undefined) => {
    const generated =
      VERBS.has(call.method) || ROUTER_METHODS.has(call.method) ? undefined : spec.generatedRoutes?.(call, file, fn);
    if (!VERBS.has(call.method) && !ROUTER_METHODS.has(call.method) && !generated) return;
    if (generated) {
      for (const { receiver, pathSpan, ...g } of generated) {
        const on = receiver
          ? receiverRouter(
              {
                ...call,
                val: {
                  ...call.val,
                  callee: { k: 'member', object: receiver, prop: 'get', span: receiver.span, propSpan: receiver.span },
                },
              },
              fn,
              file,
              spec,
              scan,
              parents,
            )
          : receiverRouter(call, fn, file, spec, scan, parents);
        if (on)
          scan.routes.push({
            router: on,
            ...g,
            pathSpan: pathSpan ?? call.val.span,
            offset: call.val.span.start,
            middleware: [],
            call,
          });
      }
      return;
    }
    const router = receiverRouter(call, fn, file, spec, scan, parents);
    if (!router) return;
    handleCall(call, router, file, scan);
  };
  for (const call of file.calls) visit(call, undefined);
  for (const fn of file.allFunctions) for (const call of fn.calls) visit(call, fn);
  scan.routes.sort((a, b) => a.offset - b.offset);
  scan.uses.sort((a, b) => a.offset - b.offset);
  return scan;
}

export function fileUsesFramework(file: FileFacts, spec: FrameworkSpec): boolean {
  return (
    file.imports.some((i) => spec.modules.test(i.module)) ||
    file.allCalls.some((c) => c.path === 'require' && spec.modules.test(strValue(c.val.args[0]) ?? ''))
  );
}

function addRouter(scan: FileScan, router: RouterObj): RouterObj {
  const existing = scan.routers.get(router.id);
  if (existing) return existing;
  scan.routers.set(router.id, router);
  return router;
}

/** The router a call is made on: `router.get(…)`, `app.route('/x').get(…)`, `fastify.register(…)`. */
function receiverRouter(
  call: CallFact,
  fn: FnFacts | undefined,
  file: FileFacts,
  spec: FrameworkSpec,
  scan: FileScan,
  parents: Map<FnFacts, FnFacts>,
): RouterObj | undefined {
  const callee = call.val.callee;
  if (callee.k !== 'member') return undefined;
  let object = callee.object;
  // app.route('/x').get(h) / router.route('/x').post(h): the receiver is the route() call's receiver; so in
  // chains (`fastify.register(a).register(b)`, `app.use(a).use(b)`)
  while (
    object.k === 'call' &&
    object.callee.k === 'member' &&
    (ROUTER_METHODS.has(object.callee.prop) || VERBS.has(object.callee.prop))
  )
    object = object.callee.object;
  // `const api = Router().use(a).use(b)`, `export default Router().use('/api', api)`: the chain's own router
  if (object.k === 'call' && !fn && spec.constructs(object, file)) return chainRouter(call, file, scan);
  if (object.k !== 'ref') return undefined;
  const name = object.name;
  // function parameter (or local) of the enclosing functions
  for (let scope = fn; scope; scope = parents.get(scope)) {
    const index = scope.params.findIndex((p) => p.name === name);
    if (index !== -1) {
      const param = scope.params[index]!;
      if (!spec.paramRouter(name, param.typeText, file)) return undefined;
      return addRouter(scan, {
        id: `${file.uri}#fn@${scope.span.start}:${index}`,
        framework: spec.framework,
        file,
        name,
        prefix: '',
        isApp: false,
      });
    }
    const local = scope.locals.get(name);
    if (local) {
      const made = spec.constructs(local[local.length - 1]!, file);
      if (!made) return undefined;
      return addRouter(scan, {
        id: `${file.uri}#fn@${scope.span.start}:${name}`,
        framework: spec.framework,
        file,
        name,
        ...made,
      });
    }
  }
  return scan.routers.get(`${file.uri}#${name}`);
}

/** The module-level binding or export whose value is the router chain a call belongs to. */
function chainRouter(call: CallFact, file: FileFacts, scan: FileScan): RouterObj | undefined {
  const at = call.val.span;
  const within = (v: Val) => v.span.start <= at.start && at.end <= v.span.end;
  const b = file.bindings.find((x) => within(x.value));
  if (b) return scan.routers.get(`${file.uri}#${b.name}`);
  const e = file.exports.find((x) => x.value.k === 'call' && within(x.value));
  return e ? scan.routers.get(`${file.uri}#${e.name}`) : undefined;
}

function handleCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const method = call.method;
  const args = call.val.args;
  const offset = call.val.span.start;
  const callee = call.val.callee;
  // in a chain (`fastify.register(a).register(b)`) the call's own part, on the router's name
  const start = callee.k === 'member' && callee.object.k === 'call' ? callee.propSpan.start : call.val.span.start;
  const own = file.text.slice(start, Math.min(call.val.span.end, start + 120));
  const text = start === call.val.span.start ? own : `${router.name}.${own}`;
  if (VERBS.has(method)) {
    // app.route('/x').get(h): path from the route() call
    const callee = call.val.callee;
    let path: Val | undefined = args[0];
    let rest = args.slice(1);
    // app.route('/x').get(a).put(b): the route() call may sit several verbs down the chain
    let object = callee.k === 'member' ? callee.object : undefined;
    while (object?.k === 'call' && object.callee.k === 'member' && VERBS.has(object.callee.prop))
      object = object.callee.object;
    if (object?.k === 'call' && object.callee.k === 'member' && object.callee.prop === 'route') {
      path = object.args[0];
      rest = args;
    }
    if (router.framework === 'express' && method === 'get' && rest.length === 0) return; // app.get('setting')
    // app.get(['/a', '/b'], h): one route per path
    if (path?.k === 'arr' && path.items.length > 0 && path.items.every((p) => p.k === 'str')) {
      for (const item of path.items) verbRoute(call, router, file, scan, method, item, rest);
      return;
    }
    verbRoute(call, router, file, scan, method, path, rest);
    return;
  }
  if (method === 'route' && router.framework === 'fastify' && args[0]?.k === 'obj') {
    const opts = args[0];
    const url = opts.props.find((p) => p.key === 'url' || p.key === 'path');
    const methodProp = opts.props.find((p) => p.key === 'method');
    const handler = opts.props.find((p) => p.key === 'handler');
    if (!url || strValue(url.value) === undefined) return;
    const methods =
      methodProp?.value.k === 'arr' ? methodProp.value.items.map(strValue) : [strValue(methodProp?.value)];
    const middleware: Val[] = [];
    for (const key of ['onRequest', 'preParsing', 'preValidation', 'preHandler'])
      middleware.push(...hookItems(opts, key));
    for (const m of methods) {
      if (!m) continue;
      scan.routes.push({
        router,
        method: m.toUpperCase(),
        path: strValue(url.value)!,
        pathSpan: url.value.span,
        offset,
        middleware,
        ...(handler ? { handler: handler.value } : {}),
        options: opts,
        call,
      });
    }
    return;
  }
  if (method === 'use') {
    let paths = [''];
    let items = args;
    const first = args[0];
    if (first && strValue(first) !== undefined) {
      paths = [strValue(first)!];
      items = args.slice(1);
    } else if (first?.k === 'arr' && first.items.length > 0 && first.items.every((p) => p.k === 'str')) {
      // app.use(['/a', '/b'], mw): the middleware under each path
      paths = first.items.map((p) => strValue(p)!);
      items = args.slice(1);
    }
    for (const path of paths)
      scan.uses.push({
        parent: router,
        file,
        offset,
        span: call.val.span,
        path,
        items: items.flatMap((m) => (m.k === 'arr' ? m.items : [m])),
        kind: 'use',
        text,
      });
    return;
  }
  if (method === 'register' && router.framework === 'fastify') {
    const opts = args[1];
    const prefix = opts?.k === 'obj' ? (strValue(opts.props.find((p) => p.key === 'prefix')?.value) ?? '') : '';
    if (args[0])
      scan.uses.push({
        parent: router,
        file,
        offset,
        span: call.val.span,
        path: prefix,
        items: [args[0]],
        kind: 'register',
        text,
      });
    return;
  }
  if (method === 'addHook' && router.framework === 'fastify') {
    const hook = strValue(args[0]);
    if (hook && /^(onRequest|preParsing|preValidation|preHandler)$/.test(hook) && args[1])
      scan.uses.push({
        parent: router,
        file,
        offset,
        span: call.val.span,
        path: '',
        items: [args[1]],
        kind: 'hook',
        text,
      });
  }
}

function verbRoute(
  call: CallFact,
  router: RouterObj,
  file: FileFacts,
  scan: FileScan,
  method: string,
  path: Val | undefined,
  args: Val[],
): void {
  const pathText = strValue(path) ?? (path?.k === 'tmpl' ? '' : undefined);
  if (pathText === undefined || !path) return;
  const rest = [...args];
  let options: Val | undefined;
  // fastify.get(path, [options], handler): a middle argument is the options (inline or a schema object)
  if (router.framework === 'fastify' && rest.length >= 2) options = localObject(rest.shift()!, file);
  const handler = rest.length > 0 ? rest[rest.length - 1] : undefined;
  const middleware = rest.slice(0, -1).flatMap((m) => (m.k === 'arr' ? m.items : [m]));
  if (options?.k === 'obj')
    for (const key of ['onRequest', 'preParsing', 'preValidation', 'preHandler'])
      middleware.push(...hookItems(options, key));
  scan.routes.push({
    router,
    method: method === 'del' ? 'DELETE' : method.toUpperCase(),
    path: pathText,
    pathSpan: path.span,
    offset: call.val.span.start,
    middleware,
    ...(handler ? { handler } : {}),
    ...(options ? { options } : {}),
    call,
  });
}

/** A module-level object a name stands for (`fastify.get('/', listOptions, handler)`), else the value itself. */
function localObject(val: Val, file: FileFacts): Val {
  if (val.k !== 'ref') return val;
  const bound = file.bindingsByName.get(val.name);
  const last = bound?.[bound.length - 1];
  return last?.k === 'obj' ? last : val;
}

function hookItems(options: Val, key: string): Val[] {
  if (options.k !== 'obj') return [];
  const p = options.props.find((x) => x.key === key);
  if (!p) return [];
  return p.value.k === 'arr' ? p.value.items : [p.value];
}

/** Calls that pass a router to a function (`require('./routes')(app)`, `registerUsers(app)`): the function's
 * parameter becomes a child router of the argument. */
export function passEntries(file: FileFacts, scan: FileScan): UseEntry[] {
  const out: UseEntry[] = [];
  for (const call of file.calls) {
    call.val.args.forEach((arg, index) => {
      if (arg.k !== 'ref') return;
      const router = scan.routers.get(`${file.uri}#${arg.name}`);
      if (!router) return;
      if (call.val.callee.k === 'member' && rootOf(call.val.callee) === arg.name) return; // app.use(app)…
      out.push({
        parent: router,
        file,
        offset: call.val.span.start,
        span: call.val.span,
        path: '',
        items: [{ k: 'other', parts: [call.val.callee], span: call.val.span, text: `call:${index}` }],
        kind: 'call',
        text: file.text.slice(call.val.span.start, call.val.span.end).slice(0, 120),
      });
    });
  }
  return out;
}

/** Resolves a mounted item (`usersRouter`, `require('./users')`, `router.routes()`, `usersPlugin`) to router ids. */
export async function childRouterIds(
  item: Val,
  entry: UseEntry,
  resolver: Resolver,
  spec: FrameworkSpec,
  scans: (file: FileFacts) => FileScan,
): Promise<string[]> {
  let val = item;
  if (val.k === 'other' && val.text?.startsWith('call:')) {
    // registerRoutes(app): the callee's parameter `index`
    const index = Number(val.text.slice(5));
    const sym = await resolver.valueSymbol(entry.file, val.parts[0]!);
    if (sym?.kind === 'fn') return [`${sym.file.uri}#fn@${sym.fn.span.start}:${index}`];
    return [];
  }
  // koa: router.routes() / router.middleware(); express: require('./x')
  if (val.k === 'call' && val.callee.k === 'member' && /^(routes|middleware|allowedMethods)$/.test(val.callee.prop)) {
    if (val.callee.prop === 'allowedMethods') return [];
    val = val.callee.object;
  }
  if (val.k === 'ref') {
    const local = scans(entry.file).routers.get(`${entry.file.uri}#${val.name}`);
    if (local) return [local.id];
  }
  if (spec.framework === 'fastify' && entry.kind === 'register') {
    // register(async (scope) => { … }): an inline plugin; register(fp(plugin)): fastify-plugin's wrapper
    if (val.k === 'fn') return [`${entry.file.uri}#fn@${val.fn.span.start}:0`];
    if (val.k === 'call' && val.args[0] && isFastifyPluginWrapper(val, entry.file))
      return childRouterIds(val.args[0], entry, resolver, spec, scans);
  }
  // fastify.register(import('./routes')) / register(require('./routes'))
  const sym = await resolver.valueSymbol(entry.file, val);
  if (!sym) {
    if (val.k === 'call') {
      // a factory call: createUsersRouter(db) returns a router built inside it
      const callee = await resolver.valueSymbol(entry.file, val.callee);
      if (callee?.kind === 'fn') return routerReturnedBy(callee.fn, callee.file, spec);
    }
    return [];
  }
  if (sym.kind === 'fn') {
    // fastify.register(plugin): the plugin's first parameter is a child scope. In Express/Koa a function passed
    // to use() is middleware (router factories are calls, handled above; registerRoutes(app) by passEntries).
    if (spec.framework === 'fastify') return [`${sym.file.uri}#fn@${sym.fn.span.start}:0`];
    return [];
  }
  if (sym.kind === 'value') {
    // export default fp(async (fastify) => { … })
    if (
      spec.framework === 'fastify' &&
      sym.val.k === 'call' &&
      sym.val.args[0] &&
      isFastifyPluginWrapper(sym.val, sym.file)
    )
      return childRouterIds(sym.val.args[0], { ...entry, file: sym.file }, resolver, spec, scans);
    const made = spec.constructs(sym.val, sym.file);
    if (made) return [`${sym.file.uri}#${sym.name}`];
    if (sym.val.k === 'ref') return [`${sym.file.uri}#${sym.val.name}`];
  }
  return [];
}

/** A plugin wrapped with fastify-plugin (`register(fp(plugin))`, `export default fp(…)`): not encapsulated, so its
 * hooks apply to the scope that registers it. */
export async function isSharedFastifyPlugin(item: Val, file: FileFacts, resolver: Resolver): Promise<boolean> {
  if (item.k === 'call') return isFastifyPluginWrapper(item, file);
  if (item.k !== 'ref' && item.k !== 'member') return false;
  const sym = await resolver.valueSymbol(file, item);
  return sym?.kind === 'value' && sym.val.k === 'call' && isFastifyPluginWrapper(sym.val, sym.file);
}

function isFastifyPluginWrapper(call: Extract<Val, { k: 'call' }>, file: FileFacts): boolean {
  const root = rootOf(call.callee);
  if (!root) return false;
  const imp = file.importsByLocal.get(root);
  if (imp?.module === 'fastify-plugin') return true;
  const bound = file.bindingsByName.get(root)?.[0];
  return bound?.k === 'call' && pathOf(bound.callee) === 'require' && strValue(bound.args[0]) === 'fastify-plugin';
}

function routerReturnedBy(fn: FnFacts, file: FileFacts, spec: FrameworkSpec): string[] {
  const out: string[] = [];
  for (const ret of fn.returns) {
    if (ret.k !== 'ref') continue;
    const local = fn.locals.get(ret.name);
    if (local && spec.constructs(local[local.length - 1]!, file))
      out.push(`${file.uri}#fn@${fn.span.start}:${ret.name}`);
  }
  return out;
}

export function describeVal(val: Val, file: FileFacts): string {
  const text = file.text.slice(val.span.start, val.span.end).replace(/\s+/g, ' ');
  return text.length > 60 ? pathOf(val.k === 'call' ? val.callee : val) + (val.k === 'call' ? '(…)' : '') : text;
}
