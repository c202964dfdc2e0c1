// Shared machinery of the router-object frameworks (Express, Koa, Fastify): finds router objects (module
// bindings like `const router = express.Router()`, or function parameters like a Fastify plugin's `fastify`),
// the routes and `use`/`register`/hook entries on them, and the mounts between them across files, so a route's
// full path and the middleware that runs before it (app-level, mount-level, router-level, route-level, in
// order) are known. This file: the shapes, and finding a file's routers and the calls made on them;
// jsRouterCalls.ts reads each call, jsMounts.ts links the routers across files, jsMountChains.ts and jsRoutes.ts
// turn that into Routes.
import { pathOf, strValue, type CallFact, type FileFacts, type FnFacts, type Span, type Val } from '../facts';
import type { Framework } from '../model';
import { handleCall, ROUTER_METHODS, VERBS } from './jsRouterCalls';

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
  /** The `use`/`register`/hook call itself (absent for calls that pass a router to a function). */
  call?: CallFact;
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

export function describeVal(val: Val, file: FileFacts): string {
  const text = file.text.slice(val.span.start, val.span.end).replace(/\s+/g, ' ');
  return text.length > 60 ? pathOf(val.k === 'call' ? val.callee : val) + (val.k === 'call' ? '(…)' : '') : text;
}
