// What `$ref` resolution works on and keeps: the sources a pass reads and writes, the nodes of the ref graph,
// the record of each resolved node, and the memo an editor keeps between lints of the same document.
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
export interface RefSite {
  ref: string;
  relativePath: (string | number)[];
}

export interface NodeInfo {
  key: string;
  source: string;
  segments: (string | number)[];
  raw: unknown;
  /** Target keys of the refs directly inside (undefined entries: refs that cannot be followed). */
  edges: string[];
}

export interface RefTarget {
  key: string;
  source: string;
  segments: string[];
}

/** What resolving a node produced and needed, kept between runs. */
export interface NodeRecord {
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

/** How deep the walks of a raw value go: deeper than any real document, shallow enough for the stack. */
export const MAX_DEPTH = 1000;

/** Where a resolved value was defined: the source file and the path inside it. */
export interface Origin {
  source: string;
  segments: (string | number)[];
}
