// The ref graph of one resolution pass: every ref target and every unit of the root document (path items and
// other depth-2 entries, components) is a node, the refs directly inside it are its edges, and strongly connected
// components say which refs close a cycle. The walks that find refs and their targets are cached in the
// ResolverMemo by identity, so unchanged subtrees cost nothing on an editor's next lint.
import { canonicalPointer, computeTarget, lookup, splitCanonicalPointer } from './refPointers';
import {
  MAX_DEPTH,
  ResolverMemo,
  type NodeInfo,
  type RefSite,
  type RefTarget,
  type SourceState,
} from './resolutionState';

/** The nodes and cycles of one pass; `build` fills them, resolution reads them. */
export class RefGraph {
  readonly nodes = new Map<string, NodeInfo>();
  /** The root document's units (raw value -> node key): resolution takes them as the root's children. */
  unitKeyByRaw = new Map<object, string>();
  private readonly component = new Map<string, number>();
  /** Components that are cycles: several members, or one that refers to itself. */
  private readonly cyclicComponents = new Set<number>();
  /**
   * Every node, each after the nodes its refs lead to outside its own cycle (the order in which Tarjan's
   * algorithm completes components): resolving in this order needs no recursion from one node into the next.
   */
  readonly order: string[] = [];

  constructor(
    private readonly rootSource: string,
    readonly rootKey: string,
    private readonly sources: Map<string, SourceState>,
    private readonly failedSources: Map<string, string>,
    /** Filled with the sources refs point into that are not loaded yet (the caller loads them and runs again). */
    private readonly missingSources: Set<string>,
    private readonly memo: ResolverMemo,
  ) {}

  /** Units of the root document: depth-2 entries (path items, webhooks…) and components (depth 3). */
  private unitKeysOf(root: unknown): { key: string; segments: (string | number)[]; raw: unknown }[] {
    const units: { key: string; segments: (string | number)[]; raw: unknown }[] = [];
    if (!isRecord(root)) return units;
    for (const [name, container] of Object.entries(root)) {
      const groups =
        name === 'components' && isRecord(container)
          ? Object.entries(container).map(([group, value]) => [[name, group], value] as const)
          : [[[name], container] as const];
      for (const [prefix, value] of groups) {
        if (!isRecord(value)) continue;
        for (const [entry, raw] of Object.entries(value)) {
          if (raw !== null && typeof raw === 'object') {
            const segments = [...prefix, entry];
            units.push({ key: `${this.rootSource}#${canonicalPointer(segments)}`, segments, raw });
          }
        }
      }
    }
    return units;
  }

  /** Adds the root, its units and every node their refs reach (loaded sources only), then finds the cycles. */
  build(root: unknown): void {
    const units = this.unitKeysOf(root);
    this.unitKeyByRaw = new Map(units.map((u) => [u.raw as object, u.key]));
    // The root node holds everything outside the units; units are its children, not its refs.
    this.nodes.set(this.rootKey, {
      key: this.rootKey,
      source: this.rootSource,
      segments: [],
      raw: root,
      edges: this.edgesOf(this.rootSource, this.refSitesOf(root, this.unitKeyByRaw)),
    });
    const pending: string[] = [];
    for (const unit of units) {
      this.nodes.set(unit.key, {
        key: unit.key,
        source: this.rootSource,
        segments: unit.segments,
        raw: unit.raw,
        edges: [],
      });
      pending.push(unit.key);
    }
    pending.push(...this.nodes.get(this.rootKey)!.edges);
    const done = new Set<string>([this.rootKey]);
    while (pending.length > 0) {
      const key = pending.pop()!;
      if (done.has(key)) continue;
      done.add(key);
      let node = this.nodes.get(key);
      if (!node) {
        node = this.nodeFor(key);
        if (!node) continue;
        this.nodes.set(key, node);
      }
      node.edges = this.edgesOf(node.source, this.refSitesOf(node.raw));
      for (const edge of node.edges) if (!done.has(edge)) pending.push(edge);
    }
    this.findCycles();
  }

  /** A node for a ref target key, or undefined when its source is not loaded (yet) or it does not exist. */
  private nodeFor(key: string): NodeInfo | undefined {
    const hash = key.indexOf('#');
    const source = key.slice(0, hash);
    const state = this.sources.get(source);
    if (!state) {
      if (!this.failedSources.has(source)) this.missingSources.add(source);
      return undefined;
    }
    const segments = splitCanonicalPointer(key.slice(hash + 1));
    const raw = lookup(state.data, segments);
    if (raw === undefined) return undefined;
    return { key, source, segments, raw, edges: [] };
  }

  /** Target keys of the refs at `sites` (cached per site list: unchanged subtrees keep theirs between runs). */
  private edgesOf(source: string, sites: RefSite[]): string[] {
    const cached = this.memo.edges.get(sites);
    if (cached && cached.source === source) return cached.edges;
    const edges: string[] = [];
    for (const site of sites) {
      const target = this.targetOf(source, site.ref);
      if (target) edges.push(target.key);
    }
    this.memo.edges.set(sites, { source, edges });
    return edges;
  }

  /** Where `ref`, written in `fromSource`, points; the same refs are written thousands of times in a spec. */
  targetOf(fromSource: string, ref: string): RefTarget | undefined {
    let bySource = this.memo.targets.get(fromSource);
    if (!bySource) this.memo.targets.set(fromSource, (bySource = new Map()));
    let target = bySource.get(ref);
    if (target === undefined) {
      target = computeTarget(fromSource, ref) ?? null;
      if (bySource.size >= 100_000) bySource.clear(); // refs typed character by character add up in a long session
      bySource.set(ref, target);
    }
    return target ?? undefined;
  }

  /** The refs directly inside a raw subtree, cached by identity; `skip` subtrees are left out (not cached). */
  private refSitesOf(raw: unknown, skip?: ReadonlyMap<object, unknown>): RefSite[] {
    if (raw === null || typeof raw !== 'object') return [];
    if (!skip) {
      const cached = this.memo.refSites.get(raw);
      if (cached) return cached;
    }
    const sites: RefSite[] = [];
    const path: (string | number)[] = [];
    const walking = new Set<object>();
    const visit = (value: unknown, depth: number): void => {
      if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || walking.has(value)) return;
      if (skip?.has(value)) return;
      if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
        sites.push({ ref: (value as { $ref: string }).$ref, relativePath: [...path] });
        return;
      }
      walking.add(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          path.push(i);
          visit(value[i], depth + 1);
          path.pop();
        }
      } else {
        for (const key of Object.keys(value)) {
          path.push(key);
          visit((value as Record<string, unknown>)[key], depth + 1);
          path.pop();
        }
      }
      walking.delete(value);
    };
    visit(raw, 0);
    if (!skip) this.memo.refSites.set(raw, sites);
    return sites;
  }

  /** Tarjan's strongly connected components, iteratively (real specs chain thousands of schemas). */
  private findCycles(): void {
    let index = 0;
    let componentId = 0;
    const indexOf = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    for (const start of this.nodes.keys()) {
      if (indexOf.has(start)) continue;
      const work: { key: string; edge: number }[] = [{ key: start, edge: 0 }];
      indexOf.set(start, index);
      low.set(start, index++);
      stack.push(start);
      onStack.add(start);
      while (work.length > 0) {
        const frame = work[work.length - 1]!;
        const edges = this.nodes.get(frame.key)!.edges;
        if (frame.edge < edges.length) {
          const next = edges[frame.edge++]!;
          if (!this.nodes.has(next)) continue;
          if (!indexOf.has(next)) {
            indexOf.set(next, index);
            low.set(next, index++);
            stack.push(next);
            onStack.add(next);
            work.push({ key: next, edge: 0 });
          } else if (onStack.has(next)) {
            low.set(frame.key, Math.min(low.get(frame.key)!, indexOf.get(next)!));
          }
          continue;
        }
        work.pop();
        const parent = work[work.length - 1];
        if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
        if (low.get(frame.key) === indexOf.get(frame.key)) {
          let members = 0;
          for (;;) {
            const member = stack.pop()!;
            onStack.delete(member);
            this.component.set(member, componentId);
            this.order.push(member);
            members++;
            if (member === frame.key) break;
          }
          if (members > 1 || this.nodes.get(frame.key)!.edges.includes(frame.key))
            this.cyclicComponents.add(componentId);
          componentId++;
        }
      }
    }
  }

  /** Whether a ref from `a` to `b` closes a cycle (stays a `$ref`). */
  sameCycle(a: string, b: string): boolean {
    if (a === b) return true;
    const id = this.component.get(a);
    return id !== undefined && id === this.component.get(b) && this.cyclicComponents.has(id);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
