// Walks the mount graph from a router up to the apps that serve it: each chain is one way the router is reached,
// with the path prefix it gets and the middleware that runs before it along the way (app, mount, router level).
import { joinPaths, type MiddlewareRef } from '../model';
import type { FileFacts, Val } from '../facts';
import { isTestCode } from '../testCode';
import type { AdapterContext } from './context';
import type { FileScan, UseEntry } from './jsRouters';
import type { MountGraph } from './jsMounts';

export interface Chain {
  prefix: string;
  middleware: { val: Val; file: FileFacts; level: MiddlewareRef['level'] }[];
  via: string[];
}

/** The chains of the routers of one lint (memoized: several routes share a router, several routers a parent). */
export class MountChains {
  private readonly memo = new Map<string, Promise<Chain[] | undefined>>();

  constructor(
    private readonly ctx: AdapterContext,
    private readonly graph: MountGraph,
    /** The lint's scans by file uri: their use entries are the middleware candidates. */
    private readonly scans: Map<string, FileScan>,
  ) {}

  /** Whether anything mounts the router. */
  isMounted(routerId: string): boolean {
    return this.graph.parentEdges.has(routerId);
  }

  /** The ways a router is reached; undefined when nothing mounts it. */
  chainsOf(routerId: string, depth: number): Promise<Chain[] | undefined> {
    let chains = this.memo.get(routerId);
    if (!chains) this.memo.set(routerId, (chains = this.computeChains(routerId, depth)));
    return chains;
  }

  /** The middleware a router runs before `offset` (hooks wherever they are) for requests under `path`. */
  middlewareBefore(routerId: string, offset: number, path: string, level: MiddlewareRef['level']): Chain['middleware'] {
    const out: Chain['middleware'] = [];
    for (const use of this.usesOf(routerId)) {
      const orderIndependent = use.kind === 'hook';
      if (!orderIndependent && use.offset >= offset) continue;
      if (use.path && !pathStartsWith(path, use.path)) continue;
      const flags = this.graph.middlewareItems.get(use) ?? [];
      use.items.forEach((item, i) => {
        if (flags[i] === false) return;
        // fastify.register(rateLimit, …) limits every route of the scope; other plugins only decorate it.
        if (use.kind === 'register' && !/rate.?limit|throttl/i.test(use.text)) return;
        out.push({ val: item, file: use.file, level });
      });
    }
    return out;
  }

  private usesOf(routerId: string, depth = 0): UseEntry[] {
    const out: UseEntry[] = [];
    for (const scan of this.scans.values()) for (const u of scan.uses) if (u.parent.id === routerId) out.push(u);
    if (depth < 4)
      for (const child of this.graph.sharedChildren.get(routerId) ?? [])
        out.push(...this.usesOf(child, depth + 1).filter((u) => u.kind === 'hook'));
    return out;
  }

  private async computeChains(routerId: string, depth: number): Promise<Chain[] | undefined> {
    const all = this.graph.parentEdges.get(routerId);
    if (!all || all.length === 0 || depth > 8) return undefined;
    // tests mount the app too (`fastify.register(app, config)`, `request(app)`): only when nothing else does
    const served = all.filter((e) => !isTestCode(e.entry.file.uri));
    const edges = served.length > 0 ? served : all;
    const out: Chain[] = [];
    for (const { entry, itemIndex } of edges) {
      const parentChains = (await this.chainsOf(entry.parent.id, depth + 1)) ?? [
        { prefix: entry.parent.prefix, middleware: [], via: [] },
      ];
      const before = this.middlewareBefore(
        entry.parent.id,
        entry.offset,
        entry.path || '/',
        entry.parent.isApp ? 'app' : 'router',
      );
      const mountMiddleware = entry.items
        .slice(0, itemIndex)
        .map((val) => ({ val, file: entry.file, level: 'mount' as const }));
      const where = `${this.ctx.relative(entry.file.uri)}: ${entry.text.replace(/\s+/g, ' ')}`;
      for (const pc of parentChains) {
        out.push({
          prefix: joinPaths(pc.prefix, entry.path),
          middleware: distinctMiddleware([...pc.middleware, ...before, ...mountMiddleware]),
          via: [...pc.via, where],
        });
      }
    }
    return distinctChains(out);
  }
}

/** The same middleware mounted many times (`app.use('/api', requireAuth, a)`, `app.use('/api', requireAuth, b)`…)
 * runs once as far as auth is concerned: keep its first occurrence. */
export function distinctMiddleware(list: Chain['middleware']): Chain['middleware'] {
  if (list.length < 2) return list;
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = `${m.file.uri}|${m.level}|${m.file.text.slice(m.val.span.start, m.val.span.end)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Chains with the same prefix and middleware (one app mounted by several test files) give the same routes: keep one. */
function distinctChains(chains: Chain[]): Chain[] {
  const seen = new Set<string>();
  return chains.filter((c) => {
    const key = [c.prefix, ...c.middleware.map((m) => `${m.file.uri}@${m.val.span.start}`)].join('|');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathStartsWith(path: string, prefix: string): boolean {
  if (prefix === '/' || prefix === '' || prefix === '*') return true;
  const p = path.replace(/\/+$/, '');
  const q = prefix.replace(/\/+$/, '');
  return p === q || p.startsWith(q + '/');
}
