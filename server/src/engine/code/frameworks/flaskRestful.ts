// Flask-RESTful and Flask-RESTX: `Api` objects (on an app or a blueprint, `prefix=`, `decorators=`, or bound later
// with `api.init_app(app)`), RESTX namespaces (`api.namespace('users', path=…)`, or `Namespace(…)` added with
// `api.add_namespace(ns, path=…)`), and the resources registered on them: `api.add_resource(Resource, *urls)`,
// `@api.resource(*urls)` and `@ns.route(*urls)` / `@api.route(*urls)` on the class. Each HTTP-method function of
// a resource is a route (flaskViews.ts); the resource class may live in another module than its registration.
import { pathOf, rootOf, strValue, type ClassFacts, type FileFacts, type Val } from '../facts';
import { joinPaths, type MiddlewareRef } from '../model';
import type { AdapterContext } from './context';
import { ownerOf, type FlaskRegistration, type Owner } from './flaskApps';
import { classViewMethods, evaluatedItems } from './flaskViews';
import { constString, lastName, symbolAt } from './python';

const RESTFUL_MODULE = /^flask_rest(ful|x|plus)(\.|$)/;

/** Where an `Api` or namespace puts its resources: the app or blueprint, the path before theirs, the decorators
 * it wraps them in, and how it was found to be bound. `owner` is missing when no app or blueprint takes the Api. */
interface ApiMount {
  owner: Owner | undefined;
  prefix: string;
  refs: MiddlewareRef[];
  via: string[];
}

/** Registrations of Flask-RESTful/RESTX resources made in the linted file. */
export async function restfulRegistrations(ctx: AdapterContext): Promise<FlaskRegistration[]> {
  const file = ctx.file;
  if (!file.imports.some((i) => RESTFUL_MODULE.test(i.module)) && !/\.(add_resource|resource|route)\(/.test(file.text))
    return [];
  const regs: FlaskRegistration[] = [];
  for (const call of file.allCalls) {
    if (call.method !== 'add_resource' || call.val.callee.k !== 'member' || !call.val.args[0]) continue;
    const api = await apiOf(ctx, file, call.val.callee.object);
    if (!api) continue;
    const sym = await ctx.resolver.valueSymbol(file, call.val.args[0]);
    if (sym?.kind !== 'class') continue;
    regs.push(...(await resourceRegistrations(ctx, api, sym.cls, sym.file, call.val.args.slice(1))));
  }
  for (const cls of file.classes) {
    for (const d of cls.decorators) {
      if (d.k !== 'call' || d.callee.k !== 'member' || !/^(resource|route)$/.test(d.callee.prop)) continue;
      const api = await apiOf(ctx, file, d.callee.object);
      if (api) regs.push(...(await resourceRegistrations(ctx, api, cls, file, d.args)));
    }
  }
  return regs;
}

/** One registration per URL and HTTP method of the resource. */
async function resourceRegistrations(
  ctx: AdapterContext,
  api: ApiMount,
  cls: ClassFacts,
  clsFile: FileFacts,
  urls: Val[],
): Promise<FlaskRegistration[]> {
  const methods = await classViewMethods(ctx, cls, clsFile);
  const owner = api.owner ?? { file: clsFile, name: '(Api bound to no app)', prefix: '', isApp: false };
  const regs: FlaskRegistration[] = [];
  for (const url of urls) {
    const path = await constString(ctx, ctx.file, url);
    if (path === undefined) continue;
    for (const m of methods)
      regs.push({
        owner,
        method: [m.method],
        path: joinPaths(api.prefix, path),
        pathSpan: url.span,
        fn: m.fn,
        fnFile: m.file,
        refs: [...api.refs, ...m.refs],
        via: api.via,
        ...(api.owner ? {} : { unmounted: true }),
      });
  }
  return regs;
}

/** Api and namespace bindings traced in this lint, by where they are made (resources share a few of them). */
const traced = new WeakMap<AdapterContext, Map<string, Promise<ApiMount | undefined>>>();

/** What an `Api` or namespace value is bound to (undefined: the value is neither). */
async function apiOf(ctx: AdapterContext, file: FileFacts, val: Val, depth = 0): Promise<ApiMount | undefined> {
  if (depth > 4 || (val.k !== 'ref' && val.k !== 'member')) return undefined;
  const sym = await symbolAt(ctx, file, val, val.span);
  if (sym?.kind !== 'value' || sym.val.k !== 'call') return undefined;
  let byBinding = traced.get(ctx);
  if (!byBinding) traced.set(ctx, (byBinding = new Map()));
  const key = `${sym.file.uri}:${sym.val.span.start}`;
  let mount = byBinding.get(key);
  if (!mount) byBinding.set(key, (mount = bindingMount(ctx, sym.file, sym.val, sym.name, depth)));
  return mount;
}

/** An `Api(…)`, `api.namespace(…)` or `Namespace(…)` call bound to `name` in `at`: where its resources go. */
async function bindingMount(
  ctx: AdapterContext,
  at: FileFacts,
  call: Extract<Val, { k: 'call' }>,
  name: string,
  depth: number,
): Promise<ApiMount | undefined> {
  const restful = restfulClass(at, call.callee);
  if (restful === 'Api') return apiMount(ctx, at, call, name);
  // RESTX `ns = api.namespace('users', path='/users')`: under the Api, at `path` (default `/<name>`)
  if (lastName(call) === 'namespace' && call.callee.k === 'member') {
    const parent = await apiOf(ctx, at, call.callee.object, depth + 1);
    return parent ? namespaceMount(ctx, at, call, parent, undefined) : undefined;
  }
  // RESTX `ns = Namespace('users')`, added with `api.add_namespace(ns, path=…)` here or in a mount file
  if (restful === 'Namespace') {
    for (const f of [at, ctx.file, ...(await ctx.mountFiles())]) {
      for (const add of f.allCalls) {
        if (add.method !== 'add_namespace' || add.val.callee.k !== 'member' || !add.val.args[0]) continue;
        const added = await symbolAt(ctx, f, add.val.args[0], add.val.args[0].span);
        if (added?.kind !== 'value' || added.file.uri !== at.uri || added.val.span.start !== call.span.start) continue;
        const parent = await apiOf(ctx, f, add.val.callee.object, depth + 1);
        if (!parent) continue;
        const path = await constString(ctx, f, add.val.kwargs.find((k) => k.name === 'path')?.value ?? add.val.args[1]);
        const via = `${ctx.relative(f.uri)}: ${f.text.slice(add.val.span.start, add.val.span.end)}`;
        return namespaceMount(ctx, at, call, { ...parent, via: [...parent.via, via] }, path);
      }
    }
    return namespaceMount(ctx, at, call, { owner: undefined, prefix: '', refs: [], via: [] }, undefined);
  }
  return undefined;
}

/** The Flask-RESTful/RESTX class a constructor names, as the package exports it: `Api(…)`, `RestxApi(…)` after
 * `from flask_restx import Api as RestxApi`, `flask_restx.Namespace(…)`. */
function restfulClass(file: FileFacts, callee: Val): string | undefined {
  const imp = file.importsByLocal.get(rootOf(callee) ?? '');
  if (!imp || !RESTFUL_MODULE.test(imp.module)) return undefined;
  if (callee.k === 'ref') return imp.imported;
  if (callee.k === 'member' && callee.object.k === 'ref' && imp.imported === '*') return callee.prop;
  return undefined;
}

/** `Api(app)`, `Api(blueprint, prefix='/v1', decorators=[…])`, `Api()` with `api.init_app(app)` elsewhere. */
async function apiMount(
  ctx: AdapterContext,
  file: FileFacts,
  call: Extract<Val, { k: 'call' }>,
  name: string,
): Promise<ApiMount> {
  const kw = (key: string) => call.kwargs.find((k) => k.name === key)?.value;
  const refs: MiddlewareRef[] = [];
  const decorators = kw('decorators');
  if (decorators) refs.push(...(await evaluatedItems(ctx, file, decorators, `${name}.decorators`, 'router')));
  const prefix = (await constString(ctx, file, kw('prefix'))) ?? '';
  const target = call.args[0] ?? kw('app');
  if (target) return { owner: await boundOwner(ctx, file, target), prefix, refs, via: [] };
  for (const f of [file, ctx.file, ...(await ctx.mountFiles())]) {
    for (const init of f.allCalls) {
      if (init.method !== 'init_app' || init.val.callee.k !== 'member' || !init.val.args[0]) continue;
      const bound = await symbolAt(ctx, f, init.val.callee.object, init.val.callee.object.span);
      if (bound?.kind !== 'value' || bound.file.uri !== file.uri || bound.val.span.start !== call.span.start) continue;
      const via = `${ctx.relative(f.uri)}: ${f.text.slice(init.val.span.start, init.val.span.end)}`;
      return { owner: await boundOwner(ctx, f, init.val.args[0]), prefix, refs, via: [via] };
    }
  }
  return { owner: undefined, prefix, refs, via: [] };
}

/** The app or blueprint an Api is given; one that cannot be traced (a parameter, a factory's result) is taken
 * for the app, since Flask-RESTful is bound to a blueprint only by name. */
async function boundOwner(ctx: AdapterContext, file: FileFacts, target: Val): Promise<Owner> {
  return (await ownerOf(ctx, file, target)) ?? { file, name: pathOf(target), prefix: '', isApp: true };
}

/** A RESTX namespace under its Api: its path (the `add_namespace` path, its own `path=`, or `/<name>`) and its
 * `decorators=`. */
async function namespaceMount(
  ctx: AdapterContext,
  file: FileFacts,
  call: Extract<Val, { k: 'call' }>,
  parent: ApiMount,
  addedAt: string | undefined,
): Promise<ApiMount> {
  const kw = (key: string) => call.kwargs.find((k) => k.name === key)?.value;
  const name = strValue(call.args[0]);
  const path = addedAt ?? (await constString(ctx, file, kw('path'))) ?? (name !== undefined ? `/${name}` : '');
  const refs = [...parent.refs];
  const decorators = kw('decorators');
  if (decorators) refs.push(...(await evaluatedItems(ctx, file, decorators, `namespace ${name ?? '?'}`, 'router')));
  return { owner: parent.owner, prefix: joinPaths(parent.prefix, path), refs, via: parent.via };
}
