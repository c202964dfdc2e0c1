// `$ref` resolution for Spectral, in place of its default resolver (json-ref-resolver spends seconds on large
// specs: pointer decoding, a dependency graph per ref, immer copies). The algorithm is in refResolution.ts;
// this file loads the files refs point at and hands Spectral the result shape it maps findings through
// (resolved data, refMap per source, errors).
//
// Local files are read through the engine's FileReader (unsaved editor buffers win over the disk); the network
// is reached only when the user allowed remote refs.
import type { FileReader } from '../fileReader';
import { pathToUri } from '../uris';
import { ReadRoots } from '../readRoots';
import { checkInputLimits, refTargetLimitMessage } from './inputLimits';
import { ResolutionPass, ResolverMemo, type Origin, type SourceState } from './refResolution';

export { ResolverMemo, type Origin } from './refResolution';

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
  parseResolveResult?: (options: {
    targetAuthority: { href(): string };
    result: unknown;
  }) => Promise<{ result: unknown }>;
}

export interface RunResolver {
  /** Passed to `new Spectral({ resolver })`. */
  resolver: FastRefResolver;
  /** URIs of the local files this run read (a change to one of them means linting again). */
  dependencies: Set<string>;
}

export function createRunResolver(
  fileReader: FileReader,
  allowRemoteRefs: boolean,
  memo?: ResolverMemo,
  readRoots?: ReadRoots,
): RunResolver {
  const resolver = new FastRefResolver(fileReader, allowRemoteRefs, memo, readRoots);
  return { resolver, dependencies: resolver.dependencies };
}

const REMOTE_TIMEOUT_MS = 10_000;

export class FastRefResolver {
  /** Spectral keys its cache of referenced documents by this object: a new one per run keeps runs apart. */
  readonly uriCache = {};
  readonly dependencies = new Set<string>();
  /** Time the last `resolve` took (ms), loading files included. */
  durationMs = 0;
  /** Where each resolved value was defined (after `resolve`). */
  origins: WeakMap<object, Origin> = new WeakMap();

  constructor(
    private readonly fileReader: FileReader,
    private readonly allowRemoteRefs: boolean,
    private readonly memo?: ResolverMemo,
    private readonly readRoots?: ReadRoots,
  ) {}

  async resolve(rootData: unknown, options: SpectralResolveOptions) {
    const started = performance.now();
    try {
      return await this.resolveAll(rootData, options);
    } finally {
      this.durationMs = performance.now() - started;
    }
  }

  private async resolveAll(rootData: unknown, options: SpectralResolveOptions) {
    const rootSource = options.baseUri ?? '';
    const sources = new Map<string, SourceState>([[rootSource, { data: rootData, refMap: {} }]]);
    const failedSources = new Map<string, string>();
    // External documents are loaded between passes: a pass that meets an unloaded one records it, the
    // documents are loaded, and the pass runs again (a spec with no external refs needs exactly one pass).
    for (let attempt = 0; ; attempt++) {
      const pass = new ResolutionPass(rootSource, sources, failedSources, this.memo);
      const result = pass.resolveRoot(rootData);
      if (pass.missingSources.size === 0 || attempt > 50) {
        this.origins = pass.origins;
        return {
          result,
          errors: pass.errors,
          graph: new SourceGraph(sources),
          refMap: sources.get(rootSource)!.refMap,
        };
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
      if (this.readRoots && !this.readRoots.contains(source))
        throw new Error(
          `$ref target ${source} is outside the workspace folders (or the paths given to the CLI), so it was not read: whatever it describes is not checked. Move the file into the project.`,
        );
      const uri = pathToUri(source);
      this.dependencies.add(uri);
      const read = this.fileReader.read(uri);
      if (read === undefined)
        throw new Error(
          `$ref target ${source} does not exist or cannot be read: whatever it describes is not checked. Fix the path.`,
        );
      text = read;
    }
    // Spectral parses a target as JSON by its extension, else as YAML; either way past the limits it is not parsed.
    const violation = checkInputLimits(text, /\.json$/i.test(source.replace(/[?#].*$/, '')) ? 'json' : 'yaml');
    if (violation) throw new Error(refTargetLimitMessage(source, violation));
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
