// What one call on a router adds to its file's scan: a route (`router.get(…)`, `app.route('/x').post(…)`, Fastify's
// `fastify.route({ … })`), or a `use`/`register`/hook entry that later becomes middleware or a mount.
import { strValue, type CallFact, type FileFacts, type Val } from '../facts';
import type { FileScan, RouterObj, UseEntry } from './jsRouters';

export const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all']);
/** Other calls on a router that matter: route(), use(), register(), addHook(). */
export const ROUTER_METHODS = new Set(['route', 'use', 'register', 'addHook']);
/** Fastify hooks that run before the handler (and so can authenticate or limit a route). */
const REQUEST_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler'];

/** Records the route or entry a call on `router` adds to `scan`. */
export function handleCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const method = call.method;
  const args = call.val.args;
  if (VERBS.has(method)) verbCall(call, router, file, scan);
  else if (method === 'route' && router.framework === 'fastify' && args[0]?.k === 'obj')
    fastifyRouteCall(call, router, args[0], scan);
  else if (method === 'use') useCall(call, router, file, scan);
  else if (method === 'register' && router.framework === 'fastify') registerCall(call, router, file, scan);
  else if (method === 'addHook' && router.framework === 'fastify') hookCall(call, router, file, scan);
}

/** `app.get('/x', …)`, `app.route('/x').get(…)`, `app.get(['/a', '/b'], …)`. */
function verbCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const method = call.method;
  const args = call.val.args;
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
}

/** `fastify.route({ method, url, handler, preHandler… })`: one route per method. */
function fastifyRouteCall(call: CallFact, router: RouterObj, opts: Extract<Val, { k: 'obj' }>, scan: FileScan): void {
  const url = opts.props.find((p) => p.key === 'url' || p.key === 'path');
  const methodProp = opts.props.find((p) => p.key === 'method');
  const handler = opts.props.find((p) => p.key === 'handler');
  if (!url || strValue(url.value) === undefined) return;
  const methods = methodProp?.value.k === 'arr' ? methodProp.value.items.map(strValue) : [strValue(methodProp?.value)];
  const middleware = requestHookItems(opts);
  for (const m of methods) {
    if (!m) continue;
    scan.routes.push({
      router,
      method: m.toUpperCase(),
      path: strValue(url.value)!,
      pathSpan: url.value.span,
      offset: call.val.span.start,
      middleware,
      ...(handler ? { handler: handler.value } : {}),
      options: opts,
      call,
    });
  }
}

/** `app.use(mw)`, `app.use('/api', mw, router)`, `app.use(['/a', '/b'], mw)`: one entry per path. */
function useCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const args = call.val.args;
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
  const text = entryText(call, router, file);
  for (const path of paths)
    pushEntry(
      call,
      router,
      file,
      scan,
      path,
      items.flatMap((m) => (m.k === 'arr' ? m.items : [m])),
      'use',
      text,
    );
}

/** `fastify.register(plugin, { prefix })`. */
function registerCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const args = call.val.args;
  const opts = args[1];
  const prefix = opts?.k === 'obj' ? (strValue(opts.props.find((p) => p.key === 'prefix')?.value) ?? '') : '';
  if (args[0]) pushEntry(call, router, file, scan, prefix, [args[0]], 'register', entryText(call, router, file));
}

/** `fastify.addHook('preHandler', fn)`: only the hooks that run before the handler. */
function hookCall(call: CallFact, router: RouterObj, file: FileFacts, scan: FileScan): void {
  const args = call.val.args;
  const hook = strValue(args[0]);
  if (hook && REQUEST_HOOKS.includes(hook) && args[1])
    pushEntry(call, router, file, scan, '', [args[1]], 'hook', entryText(call, router, file));
}

function pushEntry(
  call: CallFact,
  router: RouterObj,
  file: FileFacts,
  scan: FileScan,
  path: string,
  items: Val[],
  kind: UseEntry['kind'],
  text: string,
): void {
  scan.uses.push({
    parent: router,
    file,
    offset: call.val.span.start,
    span: call.val.span,
    path,
    items,
    kind,
    text,
    call,
  });
}

/** The entry's source text for `mountedVia`; in a chain (`fastify.register(a).register(b)`) the call's own part, on
 * the router's name. */
function entryText(call: CallFact, router: RouterObj, file: FileFacts): string {
  const callee = call.val.callee;
  const start = callee.k === 'member' && callee.object.k === 'call' ? callee.propSpan.start : call.val.span.start;
  const own = file.text.slice(start, Math.min(call.val.span.end, start + 120));
  return start === call.val.span.start ? own : `${router.name}.${own}`;
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
  if (options?.k === 'obj') middleware.push(...requestHookItems(options));
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

/** The functions a Fastify route's options run before its handler, hook by hook in order. */
function requestHookItems(options: Val): Val[] {
  return REQUEST_HOOKS.flatMap((key) => hookItems(options, key));
}

function hookItems(options: Val, key: string): Val[] {
  if (options.k !== 'obj') return [];
  const p = options.props.find((x) => x.key === key);
  if (!p) return [];
  return p.value.k === 'arr' ? p.value.items : [p.value];
}
