// Who mounts whom across files (Express, Koa, Fastify): for every `use`/`register`/hook entry and every call that
// passes a router to a function, which of its items mount which routers (possibly in other files) and which are
// middleware.
import { pathOf, rootOf, strValue, type FileFacts, type FnFacts, type Val } from '../facts';
import type { Resolver } from '../resolve';
import type { AdapterContext } from './context';
import type { FileScan, FrameworkSpec, UseEntry } from './jsRouters';

/** The mounts seen by one lint: the parents of each router, by router id. */
export interface MountGraph {
  parentEdges: Map<string, { entry: UseEntry; itemIndex: number }[]>;
  /** Fastify: children registered with fastify-plugin, whose hooks apply to the registering scope. */
  sharedChildren: Map<string, string[]>;
  /** Per use entry: which items are middleware (true) rather than mounted routers (false). */
  middlewareItems: Map<UseEntry, boolean[]>;
}

/** Mount edges from the mount files of the project and the linted file itself. Each file's contribution is cached
 * with its facts and the index version (a mount file is read for every file of a workspace lint). */
export async function mountGraph(
  ctx: AdapterContext,
  spec: FrameworkSpec,
  scanOf: (file: FileFacts) => FileScan,
): Promise<MountGraph> {
  const files = [ctx.file, ...(await ctx.mountFiles())];
  const parentEdges: MountGraph['parentEdges'] = new Map();
  const sharedChildren: MountGraph['sharedChildren'] = new Map();
  const middlewareItems: MountGraph['middlewareItems'] = new Map();
  const seenFiles = new Set<string>();
  for (const file of files) {
    if (seenFiles.has(file.uri)) continue;
    seenFiles.add(file.uri);
    const contribution = await mountContribution(file, ctx, spec, scanOf);
    for (const [entry, flags] of contribution.flags) middlewareItems.set(entry, flags);
    for (const edge of contribution.edges) {
      const list = parentEdges.get(edge.childId) ?? [];
      list.push({ entry: edge.entry, itemIndex: edge.itemIndex });
      parentEdges.set(edge.childId, list);
      if (edge.shared) {
        const children = sharedChildren.get(edge.entry.parent.id) ?? [];
        children.push(edge.childId);
        sharedChildren.set(edge.entry.parent.id, children);
      }
    }
  }
  return { parentEdges, sharedChildren, middlewareItems };
}

interface MountContribution {
  version: number;
  scan: FileScan;
  flags: Map<UseEntry, boolean[]>;
  edges: { childId: string; entry: UseEntry; itemIndex: number; shared: boolean }[];
}

const contributions = new WeakMap<FileFacts, Map<string, MountContribution>>();

/** The use/register entries of one file, which of their items mount routers (and which), and which are middleware. */
async function mountContribution(
  file: FileFacts,
  ctx: AdapterContext,
  spec: FrameworkSpec,
  scanOf: (file: FileFacts) => FileScan,
): Promise<MountContribution> {
  const version = ctx.resolver.index.version;
  let byFramework = contributions.get(file);
  const cached = byFramework?.get(spec.framework);
  if (cached && cached.version === version) {
    scanOf(file); // registers the (cached) scan the entries belong to for this lint
    return cached;
  }
  const scan = scanOf(file);
  const contribution: MountContribution = { version, scan, flags: new Map(), edges: [] };
  for (const entry of [...scan.uses, ...passEntries(file, scan)]) {
    const flags: boolean[] = [];
    for (let i = 0; i < entry.items.length; i++) {
      const item = entry.items[i]!;
      const ids =
        entry.kind === 'hook' || isPlainMiddlewareCall(item, file)
          ? []
          : await childRouterIds(item, entry, ctx.resolver, spec, scanOf);
      flags.push(ids.length === 0);
      const shared =
        ids.length > 0 && spec.framework === 'fastify' && (await isSharedFastifyPlugin(item, file, ctx.resolver));
      for (const childId of ids) contribution.edges.push({ childId, entry, itemIndex: i, shared });
    }
    contribution.flags.set(entry, flags);
  }
  if (!byFramework) contributions.set(file, (byFramework = new Map()));
  byFramework.set(spec.framework, contribution);
  return contribution;
}

/** express.json(), cors(), helmet(), morgan('dev'): calls to packages never produce routers. */
function isPlainMiddlewareCall(item: Val, file: FileFacts): boolean {
  if (item.k !== 'call') return false;
  const root = rootOf(item.callee);
  if (!root) return false;
  const imp = file.importsByLocal.get(root);
  if (imp && !imp.module.startsWith('.') && !imp.module.startsWith('@/')) {
    // router.routes() on an imported koa router is not a plain call
    return !(item.callee.k === 'member' && /^(routes|middleware)$/.test(item.callee.prop));
  }
  return false;
}

/** Calls that pass a router to a function (`require('./routes')(app)`, `registerUsers(app)`): the function's
 * parameter becomes a child router of the argument. */
function passEntries(file: FileFacts, scan: FileScan): UseEntry[] {
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
async function childRouterIds(
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
async function isSharedFastifyPlugin(item: Val, file: FileFacts, resolver: Resolver): Promise<boolean> {
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
