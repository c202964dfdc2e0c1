// How `$ref`s are replaced by what they point at, once per run, with reuse between runs of the same document.
//
// Every ref target and every "unit" of the root document (path items and other depth-2 entries, components)
// is a node; a node's edges are the refs directly inside it. Refs between nodes of the same strongly connected
// component (a cycle: `Node.children -> Node`, `A -> B -> A`) stay `$ref` objects; every other ref is replaced
// by the target's resolved value, shared by all the places that point at it. Deciding cycles by component
// rather than by the order of a depth-first walk makes a node's resolved value depend only on its own text
// and on the resolved values of what it points at, so an editor's next run can reuse every node whose raw
// value and targets did not change: a keystroke in one schema re-resolves that schema and what points at it.
import { dirname as pathDirname, resolve as pathResolve } from 'node:path';
import { encodePointerUriFragment } from '@stoplight/json';

export interface ResolverError {
  message: string;
  /** Path of the `$ref` object in the document that holds it. */
  path: (string | number)[];
  /** Spectral reports the error in the last source of this stack. */
  uriStack: string[];
}

export interface SourceState {
  data: unknown;
  /** URI-fragment pointer of a `$ref` in this source -> the ref it was resolved through. */
  refMap: Record<string, string>;
}

/** A `$ref` directly inside a node (not behind another ref), relative to the node. */
interface RefSite {
  ref: string;
  relativePath: (string | number)[];
}

interface NodeInfo {
  key: string;
  source: string;
  segments: (string | number)[];
  raw: unknown;
  /** Target keys of the refs directly inside (undefined entries: refs that cannot be followed). */
  edges: string[];
}

interface RefTarget {
  key: string;
  source: string;
  segments: string[];
}

/** What resolving a node produced and needed, kept between runs. */
interface NodeRecord {
  raw: unknown;
  value: unknown;
  /** Targets left as `$ref` because they were in the node's cycle. */
  cut: string[];
  /** Targets replaced by their resolved value -> that value. */
  deps: Map<string, unknown>;
  refEntries: [source: string, pointer: string, ref: string][];
  errors: ResolverError[];
}

/** Resolved nodes of a document kept between lints (editors). */
export class ResolverMemo {
  records = new Map<string, NodeRecord>();
  /** Direct refs of a raw subtree, by identity (unchanged entries of an incremental parse keep theirs). */
  readonly refSites = new WeakMap<object, RefSite[]>();
  /** Target keys of a subtree's refs (its RefSite list), for the source the subtree is in. */
  readonly edges = new WeakMap<RefSite[], { source: string; edges: string[] }>();
  /** Where each ref written in a source points (source -> ref -> target; null: not a valid pointer). */
  readonly targets = new Map<string, Map<string, RefTarget | null>>();
  stats = { reused: 0, resolved: 0 };
}

const MAX_DEPTH = 1000;

/** Where a resolved value was defined: the source file and the path inside it. */
export interface Origin {
  source: string;
  segments: (string | number)[];
}

export class ResolutionPass {
  readonly errors: ResolverError[] = [];
  readonly missingSources = new Set<string>();
  /** Resolved value of every node (except the root) -> where it is defined. */
  readonly origins = new WeakMap<object, Origin>();
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly component = new Map<string, number>();
  /** Components that are cycles: several members, or one that refers to itself. */
  private readonly cyclicComponents = new Set<number>();
  private readonly values = new Map<string, unknown>();
  private readonly resolving = new Set<string>();
  private readonly records = new Map<string, NodeRecord>();
  private readonly memo: ResolverMemo;
  private readonly rootKey: string;
  /** The root document's units (raw value -> node key), worked out once per pass. */
  private unitKeyByRaw = new Map<object, string>();

  constructor(
    private readonly rootSource: string,
    private readonly sources: Map<string, SourceState>,
    private readonly failedSources: Map<string, string>,
    memo: ResolverMemo | undefined,
  ) {
    this.memo = memo ?? new ResolverMemo();
    this.rootKey = `${rootSource}#`;
  }

  resolveRoot(data: unknown): unknown {
    for (const state of this.sources.values()) state.refMap = {};
    this.buildGraph(data);
    this.findCycles();
    const result = this.resolveKey(this.rootKey);
    if (this.missingSources.size === 0) this.memo.records = this.records; // forget nodes that are gone
    return result;
  }

  // ---- the graph --------------------------------------------------------------------------------------------

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

  private buildGraph(root: unknown): void {
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
  private targetOf(fromSource: string, ref: string): RefTarget | undefined {
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

  private sameCycle(a: string, b: string): boolean {
    if (a === b) return true;
    const id = this.component.get(a);
    return id !== undefined && id === this.component.get(b) && this.cyclicComponents.has(id);
  }

  // ---- resolution -------------------------------------------------------------------------------------------

  private resolveKey(key: string): unknown {
    if (this.values.has(key)) return this.values.get(key);
    const node = this.nodes.get(key)!;
    const value = this.resolveNodeValue(key, node);
    if (key !== this.rootKey && value !== null && typeof value === 'object' && !this.origins.has(value)) {
      this.origins.set(value, { source: node.source, segments: node.segments });
    }
    return value;
  }

  private resolveNodeValue(key: string, node: NodeInfo): unknown {
    if (this.resolving.has(key)) return node.raw; // only through YAML aliases or a ref to a unit's own inside
    const previous = this.memo.records.get(key);
    if (previous && key !== this.rootKey && this.stillValid(key, node, previous)) {
      this.memo.stats.reused++;
      this.adopt(key, previous);
      return previous.value;
    }
    this.memo.stats.resolved++;
    this.resolving.add(key);
    const record: NodeRecord = {
      raw: node.raw,
      value: undefined,
      cut: [],
      deps: new Map(),
      refEntries: [],
      errors: [],
    };
    const units = key === this.rootKey ? this.unitKeyByRaw : undefined;
    record.value = this.walk(node, record, node.raw, [], units, 0);
    this.resolving.delete(key);
    this.values.set(key, record.value);
    this.records.set(key, record);
    return record.value;
  }

  /** Copies only the containers that hold refs; everything else is the raw value itself. */
  private walk(
    node: NodeInfo,
    record: NodeRecord,
    value: unknown,
    relative: (string | number)[],
    units: Map<object, string> | undefined,
    depth: number,
  ): unknown {
    if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
    const unitKey = units?.get(value);
    if (unitKey !== undefined) return this.resolveKey(unitKey);
    if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string')
      return this.replaceRef(node, record, value as { $ref: string }, relative);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        relative.push(i);
        const child = this.walk(node, record, value[i], relative, units, depth + 1);
        relative.pop();
        if (child !== value[i]) (copy ??= value.slice())[i] = child;
      }
      return copy ?? value;
    }
    let copy: Record<string, unknown> | undefined;
    const object = value as Record<string, unknown>;
    for (const name of Object.keys(object)) {
      relative.push(name);
      const child = this.walk(node, record, object[name], relative, units, depth + 1);
      relative.pop();
      if (child !== object[name]) (copy ??= { ...object })[name] = child;
    }
    return copy ?? value;
  }

  private replaceRef(
    node: NodeInfo,
    record: NodeRecord,
    refNode: { $ref: string },
    relative: (string | number)[],
  ): unknown {
    const ref = refNode.$ref;
    const path = [...node.segments, ...relative];
    const target = this.targetOf(node.source, ref);
    if (!target) return this.fail(record, node.source, path, `'${ref}' is not a valid JSON pointer`, refNode);
    const failure = this.failedSources.get(target.source);
    if (failure) return this.fail(record, node.source, path, failure, refNode);
    if (!this.sources.has(target.source)) return refNode; // loaded before the next pass
    if (!this.nodes.has(target.key)) return this.fail(record, node.source, path, `'${ref}' does not exist`, refNode);
    if (this.sameCycle(node.key, target.key)) {
      record.cut.push(target.key);
      return refNode;
    }
    const value = this.resolveKey(target.key);
    record.deps.set(target.key, value);
    // Spectral follows these to map a finding to the file and place that hold it.
    const hash = ref.indexOf('#');
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const mapped =
      target.source === node.source ? `#${pointer}` : pointer === '' ? target.source : `${target.source}#${pointer}`;
    const entry: [string, string, string] = [node.source, pointerOf(path), mapped];
    this.sources.get(entry[0])!.refMap[entry[1]] = entry[2];
    record.refEntries.push(entry);
    return value;
  }

  private fail(
    record: NodeRecord,
    source: string,
    path: (string | number)[],
    message: string,
    refNode: unknown,
  ): unknown {
    const error: ResolverError = {
      message,
      path,
      uriStack: source === this.rootSource ? [] : [this.rootSource, source],
    };
    this.errors.push(error);
    record.errors.push(error);
    return refNode;
  }

  /** The node resolves as before: same raw value, same cycle, same resolved targets. */
  private stillValid(key: string, node: NodeInfo, previous: NodeRecord): boolean {
    if (previous.raw !== node.raw) return false;
    for (const cut of previous.cut) if (!this.nodes.has(cut) || !this.sameCycle(key, cut)) return false;
    for (const [target, value] of previous.deps) {
      if (!this.nodes.has(target) || this.sameCycle(key, target)) return false;
      if (this.resolveKey(target) !== value) return false;
    }
    // A ref that failed before may resolve now (a component was added).
    for (const error of previous.errors) if (error.message.endsWith('does not exist')) return false;
    return true;
  }

  private adopt(key: string, record: NodeRecord): void {
    this.values.set(key, record.value);
    this.records.set(key, record);
    for (const [source, pointer, ref] of record.refEntries) this.sources.get(source)!.refMap[pointer] = ref;
    for (const error of record.errors) this.errors.push(error);
  }
}

// ---- pointers ----------------------------------------------------------------------------------------------

function computeTarget(fromSource: string, ref: string): RefTarget | undefined {
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  const source = location === '' ? fromSource : resolveLocation(fromSource, location);
  return { key: `${source}#${canonicalPointer(segments)}`, source, segments };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function resolveLocation(fromSource: string, location: string): string {
  if (/^https?:\/\//i.test(location)) return location;
  if (/^https?:\/\//i.test(fromSource)) return new URL(location, fromSource).href;
  const decoded = safeDecode(location.startsWith('file://') ? location.slice('file://'.length) : location);
  return pathResolve(pathDirname(fromSource), decoded);
}

/** `/a/b~1c/%7Bid%7D` -> ['a', 'b/c', '{id}']; undefined when malformed. */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => safeDecode(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One spelling per location (refs may percent-encode or not): `/a~1b/c`. */
function canonicalPointer(segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

function splitCanonicalPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function lookup(data: unknown, segments: (string | number)[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(String(segment))) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[String(segment)];
    }
  }
  return current;
}

/** The key format of Spectral's refMaps: `#/paths/~1users~1%7Bid%7D/get`. */
function pointerOf(segments: (string | number)[]): string {
  let out = '#';
  for (const segment of segments) out += '/' + String(encodePointerUriFragment(segment));
  return out;
}
