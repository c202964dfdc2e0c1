// `$ref` resolution for one lint run, in a single pass over the document. Spectral's default resolver
// (json-ref-resolver) spends seconds on large specs (pointer decoding, a dependency graph per ref, immer
// copies); this one walks every node once, shares the resolved value of each target, copies only the
// containers that hold refs, and produces the same result shape Spectral maps findings through (refMap per
// source, circular refs left as `$ref`).
//
// Local files are read through the engine's FileReader (unsaved editor buffers win over the disk); the network
// is reached only when the user allowed remote refs.
import * as path from 'node:path';
import { encodePointerUriFragment } from '@stoplight/json';
import type { FileReader } from '../fileReader';
import { pathToUri } from '../uris';

export class RemoteRefNotAllowedError extends Error {
  constructor(url: string) {
    super(
      `Remote $ref ${url} was not fetched: API Warden reaches the network only when allowed ("apiwarden.allowRemoteRefs" setting, --allow-remote-refs flag). Allow it, or vendor the file into the repository.`,
    );
  }
}

/** What Spectral's DocumentInventory hands to a resolver. */
interface SpectralResolveOptions {
  baseUri?: string;
  parseResolveResult?: (options: { targetAuthority: { href(): string }; result: unknown }) => Promise<{ result: unknown }>;
}

interface ResolverError {
  message: string;
  /** Path of the `$ref` object in the document that holds it. */
  path: (string | number)[];
  /** Spectral reports the error in the last source of this stack. */
  uriStack: string[];
}

interface SourceState {
  data: unknown;
  /** URI-fragment pointer of a `$ref` in this source -> the ref it was resolved through. */
  refMap: Record<string, string>;
}

export interface RunResolver {
  /** Passed to `new Spectral({ resolver })`. */
  resolver: FastRefResolver;
  /** URIs of the local files this run read (a change to one of them means linting again). */
  dependencies: Set<string>;
}

export function createRunResolver(fileReader: FileReader, allowRemoteRefs: boolean): RunResolver {
  const resolver = new FastRefResolver(fileReader, allowRemoteRefs);
  return { resolver, dependencies: resolver.dependencies };
}

const MAX_DEPTH = 1000;
const REMOTE_TIMEOUT_MS = 10_000;

export class FastRefResolver {
  /** Spectral keys its cache of referenced documents by this object: a new one per run keeps runs apart. */
  readonly uriCache = {};
  readonly dependencies = new Set<string>();

  constructor(
    private readonly fileReader: FileReader,
    private readonly allowRemoteRefs: boolean,
  ) {}

  async resolve(rootData: unknown, options: SpectralResolveOptions) {
    const rootSource = options.baseUri ?? '';
    const sources = new Map<string, SourceState>([[rootSource, { data: rootData, refMap: {} }]]);
    const failedSources = new Map<string, string>();
    // External documents are loaded between passes: a pass that meets an unloaded one records it, the
    // documents are loaded, and the pass runs again (a spec with no external refs needs exactly one pass).
    for (let attempt = 0; ; attempt++) {
      const pass = new ResolutionPass(rootSource, sources, failedSources);
      const result = pass.resolveRoot(rootData);
      if (pass.missingSources.size === 0 || attempt > 50) {
        return { result, errors: pass.errors, graph: new SourceGraph(sources), refMap: sources.get(rootSource)!.refMap };
      }
      for (const source of pass.missingSources) {
        try {
          sources.set(source, { data: await this.load(source, options), refMap: {} });
        } catch (error) {
          failedSources.set(source, error instanceof Error ? error.message : String(error));
        }
      }
    }
  }

  private async load(source: string, options: SpectralResolveOptions): Promise<unknown> {
    let text: string;
    if (/^https?:\/\//i.test(source)) {
      if (!this.allowRemoteRefs) throw new RemoteRefNotAllowedError(source);
      const response = await fetch(source, { signal: AbortSignal.timeout(REMOTE_TIMEOUT_MS) });
      if (!response.ok) throw new Error(`Remote $ref ${source} could not be fetched: HTTP ${response.status}.`);
      text = await response.text();
    } else {
      const uri = pathToUri(source);
      this.dependencies.add(uri);
      const read = this.fileReader.read(uri);
      if (read === undefined) throw new Error(`$ref target ${source} does not exist or cannot be read: whatever it describes is not checked. Fix the path.`);
      text = read;
    }
    if (!options.parseResolveResult) return text;
    // Spectral parses the file and registers it, so findings inside it are reported in that file.
    const parsed = await options.parseResolveResult({ targetAuthority: { href: () => source }, result: text });
    return parsed.result;
  }
}

/** The `graph` Spectral reads refMaps from (only getNodeData is used). */
class SourceGraph {
  constructor(private readonly sources: Map<string, SourceState>) {}

  getNodeData(source: string): { refMap: Record<string, string>; data: unknown } {
    const state = this.sources.get(source);
    if (!state) throw new Error(`Node does not exist: ${source}`);
    return { refMap: state.refMap, data: state.data };
  }

  hasNode(source: string): boolean {
    return this.sources.has(source);
  }

  overallOrder(): string[] {
    return [...this.sources.keys()];
  }
}

class ResolutionPass {
  readonly errors: ResolverError[] = [];
  readonly missingSources = new Set<string>();
  /** Raw node -> its resolved value; every node of every source is resolved once. */
  private readonly resolved = new Map<object, unknown>();
  /** Ref targets being resolved right now: meeting one again means a cycle, which stays a `$ref`. */
  private readonly resolving = new Set<string>();
  /** Raw nodes being walked right now (YAML aliases can make a node contain itself). */
  private readonly walking = new Set<object>();
  /** Path of the node being walked, within its own source. */
  private path: (string | number)[] = [];
  private source: string;

  constructor(
    private readonly rootSource: string,
    private readonly sources: Map<string, SourceState>,
    private readonly failedSources: Map<string, string>,
  ) {
    this.source = rootSource;
  }

  resolveRoot(data: unknown): unknown {
    for (const state of this.sources.values()) state.refMap = {};
    return this.resolveNode(data);
  }

  private resolveNode(value: unknown): unknown {
    if (value === null || typeof value !== 'object') return value;
    const known = this.resolved.get(value);
    if (known !== undefined) return known;
    if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
      return this.resolveRef(value as { $ref: string });
    }
    if (this.walking.has(value) || this.path.length > MAX_DEPTH) return value;
    this.walking.add(value);
    let copy: unknown;
    if (Array.isArray(value)) {
      let list: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        this.path.push(i);
        const child = this.resolveNode(value[i]);
        this.path.pop();
        if (child !== value[i]) (list ??= value.slice())[i] = child;
      }
      copy = list;
    } else {
      const record = value as Record<string, unknown>;
      let object: Record<string, unknown> | undefined;
      for (const key of Object.keys(record)) {
        this.path.push(key);
        const child = this.resolveNode(record[key]);
        this.path.pop();
        if (child !== record[key]) (object ??= { ...record })[key] = child;
      }
      copy = object;
    }
    this.walking.delete(value);
    const result = copy ?? value;
    this.resolved.set(value, result);
    return result;
  }

  private resolveRef(node: { $ref: string }): unknown {
    const ref = node.$ref;
    const hash = ref.indexOf('#');
    const location = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    const targetSource = location === '' ? this.source : resolveLocation(this.source, location);
    const failure = this.failedSources.get(targetSource);
    if (failure) return this.fail(node, failure);
    const target = this.sources.get(targetSource);
    if (!target) {
      this.missingSources.add(targetSource);
      return node;
    }
    const key = `${targetSource}#${pointer}`;
    if (this.resolving.has(key)) return node; // circular: left as a `$ref`, as Spectral expects
    const segments = parsePointer(pointer);
    if (!segments) return this.fail(node, `'${ref}' is not a valid JSON pointer`);
    const raw = lookup(target.data, segments);
    if (raw === undefined) return this.fail(node, `'${ref}' does not exist`);

    this.sources.get(this.source)!.refMap[pointerOf(this.path)] = targetSource === this.source ? `#${pointer}` : pointer === '' ? targetSource : `${targetSource}#${pointer}`;
    const savedPath = this.path;
    const savedSource = this.source;
    this.path = segments;
    this.source = targetSource;
    this.resolving.add(key);
    const value = this.resolveNode(raw);
    this.resolving.delete(key);
    this.path = savedPath;
    this.source = savedSource;
    return value;
  }

  private fail(node: { $ref: string }, message: string): unknown {
    this.errors.push({ message, path: [...this.path], uriStack: this.source === this.rootSource ? [] : [this.rootSource, this.source] });
    return node;
  }
}

function resolveLocation(fromSource: string, location: string): string {
  if (/^https?:\/\//i.test(location)) return location;
  if (/^https?:\/\//i.test(fromSource)) return new URL(location, fromSource).href;
  const decoded = safeDecode(location.startsWith('file://') ? location.slice('file://'.length) : location);
  return path.resolve(path.dirname(fromSource), decoded);
}

/** `/a/b~1c/%7Bid%7D` -> ['a', 'b/c', '{id}']; undefined when malformed. */
function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '' || pointer === '/') return pointer === '' ? [] : [''];
  if (!pointer.startsWith('/')) return undefined;
  const segments = pointer.slice(1).split('/');
  for (let i = 0; i < segments.length; i++) {
    const decoded = safeDecode(segments[i]!);
    segments[i] = decoded.replace(/~1/g, '/').replace(/~0/g, '~');
  }
  return segments;
}

function safeDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function lookup(data: unknown, segments: string[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
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
