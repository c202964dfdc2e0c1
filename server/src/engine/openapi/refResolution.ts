// How `$ref`s are replaced by what they point at, once per run, with reuse between runs of the same document.
//
// Every ref target and every "unit" of the root document (path items and other depth-2 entries, components)
// is a node; a node's edges are the refs directly inside it. Refs between nodes of the same strongly connected
// component (a cycle: `Node.children -> Node`, `A -> B -> A`) stay `$ref` objects; every other ref is replaced
// by the target's resolved value, shared by all the places that point at it. Deciding cycles by component
// rather than by the order of a depth-first walk makes a node's resolved value depend only on its own text
// and on the resolved values of what it points at, so an editor's next run can reuse every node whose raw
// value and targets did not change: a keystroke in one schema re-resolves that schema and what points at it.
//
// This file resolves the nodes; the graph and its cycles are built in refGraph.ts, refs are spelled and followed
// in refPointers.ts, and the shapes and the memo are in resolutionState.ts.
import { RefGraph } from './refGraph';
import { pointerOf } from './refPointers';
import {
  MAX_DEPTH,
  ResolverMemo,
  type NodeInfo,
  type NodeRecord,
  type Origin,
  type ResolverError,
  type SourceState,
} from './resolutionState';

// The types refResolver.ts (the Spectral-facing loader) works with.
export { ResolverMemo, type Origin, type ResolverError, type SourceState } from './resolutionState';

/**
 * One resolution of a document and the sources loaded so far: builds the ref graph (refGraph.ts), then resolves
 * every node, reusing the memo's records of nodes that did not change.
 */
export class ResolutionPass {
  readonly errors: ResolverError[] = [];
  readonly missingSources = new Set<string>();
  /** Resolved value of every node (except the root) -> where it is defined. */
  readonly origins = new WeakMap<object, Origin>();
  private readonly values = new Map<string, unknown>();
  private readonly resolving = new Set<string>();
  private readonly records = new Map<string, NodeRecord>();
  private readonly memo: ResolverMemo;
  private readonly rootKey: string;
  private readonly graph: RefGraph;

  constructor(
    private readonly rootSource: string,
    private readonly sources: Map<string, SourceState>,
    private readonly failedSources: Map<string, string>,
    memo: ResolverMemo | undefined,
  ) {
    this.memo = memo ?? new ResolverMemo();
    this.rootKey = `${rootSource}#`;
    this.graph = new RefGraph(rootSource, this.rootKey, sources, failedSources, this.missingSources, this.memo);
  }

  resolveRoot(data: unknown): unknown {
    for (const state of this.sources.values()) state.refMap = {};
    this.graph.build(data);
    // Targets first, so that resolving a node finds every target it replaces resolved already: a chain of refs
    // thousands long is resolved without recursing once per link (which would overflow the stack).
    const reached = this.reachedNodes();
    for (const key of this.graph.order) if (key !== this.rootKey && reached.has(key)) this.resolveKey(key);
    const result = this.resolveKey(this.rootKey);
    if (this.missingSources.size === 0) this.memo.records = this.records; // forget nodes that are gone
    return result;
  }

  /** The nodes resolution reaches from the root: its units and the targets of refs that do not close a cycle. */
  private reachedNodes(): Set<string> {
    const reached = new Set<string>([this.rootKey, ...this.graph.unitKeyByRaw.values()]);
    const pending = [...reached];
    while (pending.length > 0) {
      const key = pending.pop()!;
      for (const edge of this.graph.nodes.get(key)?.edges ?? []) {
        if (reached.has(edge) || !this.graph.nodes.has(edge) || this.graph.sameCycle(key, edge)) continue;
        reached.add(edge);
        pending.push(edge);
      }
    }
    return reached;
  }

  private resolveKey(key: string): unknown {
    if (this.values.has(key)) return this.values.get(key);
    const node = this.graph.nodes.get(key)!;
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
    const units = key === this.rootKey ? this.graph.unitKeyByRaw : undefined;
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
    const target = this.graph.targetOf(node.source, ref);
    if (!target) return this.fail(record, node.source, path, `'${ref}' is not a valid JSON pointer`, refNode);
    const failure = this.failedSources.get(target.source);
    if (failure) return this.fail(record, node.source, path, failure, refNode);
    if (!this.sources.has(target.source)) return refNode; // loaded before the next pass
    if (!this.graph.nodes.has(target.key))
      return this.fail(record, node.source, path, `'${ref}' does not exist`, refNode);
    if (this.graph.sameCycle(node.key, target.key)) {
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
    for (const cut of previous.cut) if (!this.graph.nodes.has(cut) || !this.graph.sameCycle(key, cut)) return false;
    for (const [target, value] of previous.deps) {
      if (!this.graph.nodes.has(target) || this.graph.sameCycle(key, target)) return false;
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
