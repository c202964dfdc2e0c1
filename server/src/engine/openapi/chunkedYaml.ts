// Incremental YAML parsing for OpenAPI documents being edited. A big spec is mostly a few block mappings with
// many entries (`paths`, `components.schemas`, `webhooks`, Swagger 2.0 `definitions`…). Each entry is parsed on
// its own and its parse is reused while its text is unchanged, so a keystroke re-parses one path item or one
// schema instead of megabytes. The result has the same data, diagnostics and locations as a full parse; when a
// document does not have the simple shape this relies on (anchors, several documents, syntax errors, duplicate
// keys…), the whole text is parsed the ordinary way.
import { parseWithPointers, trapAccess } from '@stoplight/yaml';
import type { ILocation, JsonPath } from '@stoplight/types';
import { locationForJsonPath, skeletonLineToDocument } from './chunkedYamlLocations';
import {
  countNewlines,
  findLayout,
  incrementalLayout,
  type ContainerLayout,
  type PreviousParse,
  type Span,
} from './yamlLayout';

// preserveKeyOrder is off: it wraps every parsed object in a Proxy (to keep integer-like keys such as '404' in
// document order), which makes every property access of every rule several times slower.
export const YAML_PARSE_OPTIONS = {
  ignoreDuplicateKeys: false,
  mergeKeys: true,
  preserveKeyOrder: false,
  attachComments: false,
} as const;

type YamlResult = ReturnType<typeof parseWithPointers<unknown>>;

export interface Chunk {
  /** Path of the container the entry belongs to, e.g. ['paths'] or ['components', 'schemas']. */
  container: string[];
  /** The entry's keys from its own parse: one, or none or several while it is half-typed. */
  keys: string[];
  startOffset: number;
  startLine: number;
  endOffset: number;
  /** The entry's own text (its parse's offsets are relative to it). */
  text: string;
  result: YamlResult;
}

export interface ChunkedContainer {
  path: string[];
  chunks: Chunk[];
  byKey: Map<string, Chunk>;
}

/** A parse result in the shape Spectral expects (data, diagnostics, ast, lineMap) plus the chunk layout. */
export interface ChunkedYamlResult {
  data: unknown;
  diagnostics: YamlResult['diagnostics'];
  ast: YamlResult['ast'];
  lineMap: YamlResult['lineMap'];
  /** Absent when the text was parsed whole. */
  chunked?: { skeleton: Skeleton; containers: ChunkedContainer[] };
}

/**
 * The document without its chunks (a few hundred lines for a multi-megabyte spec), parsed, with the map from
 * its lines and offsets back to the document's.
 */
export interface Skeleton {
  result: YamlResult;
  text: string;
  /** Kept stretches of the document: where each starts in the skeleton and in the document. */
  segments: { skeletonOffset: number; offset: number; skeletonLine: number; line: number }[];
}

// Shapes the chunked parse does not reproduce: several documents, directives. (Anchors and aliases need no
// check: an alias whose anchor lies in another entry fails to parse there, which falls back to a whole parse.)
const DIRECTIVE = /^%/m;
const DOCUMENT_MARKER = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;

function hasUnsupportedShape(text: string): boolean {
  if (DIRECTIVE.test(text)) return true;
  // A `---` before any content just starts the one document; one after content starts a second.
  const firstContent = text.search(/[^\s-]/);
  DOCUMENT_MARKER.lastIndex = Math.max(0, firstContent);
  return firstContent !== -1 && DOCUMENT_MARKER.test(text);
}

/** Parses whole: the reference behaviour, and the fallback. */
export function parseYamlWhole(text: string): ChunkedYamlResult {
  return parseWithPointers(text, YAML_PARSE_OPTIONS) as ChunkedYamlResult;
}

export class ChunkedYamlParser {
  /** Parses of the previous version's entries: container path -> entry text -> parse. */
  private cache = new Map<string, Map<string, YamlResult>>();
  private skeletonCache: { text: string; result: YamlResult } | undefined;
  private previous: PreviousParse | undefined;
  stats = { chunks: 0, reparsed: 0, whole: 0 };

  parse(text: string): ChunkedYamlResult {
    // After a keystroke inside one entry the layout of the previous version still holds, shifted: no scan of
    // the whole text, and the other entries are taken as they were (no slicing, no hashing of their text).
    const incremental = this.previous ? incrementalLayout(this.previous, text) : undefined;
    const layout = incremental ?? (hasUnsupportedShape(text) ? undefined : findLayout(text));
    if (!layout) return this.whole(text);
    const nextCache = incremental ? this.cache : new Map<string, Map<string, YamlResult>>();
    const progress: EntryProgress = { kept: [], diagnostics: [], cursor: 0, cursorLine: 0, reparsed: 0, chunks: 0 };
    const containers: ChunkedContainer[] = [];
    for (const container of layout) {
      const parsed = this.parseContainer(text, container, incremental !== undefined, nextCache, progress);
      if (!parsed) return this.whole(text);
      containers.push(parsed);
    }
    progress.kept.push({ start: progress.cursor, end: text.length, line: progress.cursorLine });

    const skeleton = this.parseSkeleton(text, progress.kept);
    const skeletonRoot = skeleton.result.data as Record<string, unknown> | null;
    if (!skeletonRoot || typeof skeletonRoot !== 'object' || Array.isArray(skeletonRoot)) return this.whole(text);
    if (!addSkeletonDiagnostics(skeleton, progress.diagnostics)) return this.whole(text);
    const root = assembleRoot(skeletonRoot, containers);
    if (!root) return this.whole(text);

    this.cache = nextCache;
    this.previous = { text, layout, containers };
    this.stats = { chunks: progress.chunks, reparsed: progress.reparsed, whole: 0 };
    const { diagnostics } = progress;
    diagnostics.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    return {
      data: root,
      diagnostics,
      ast: skeleton.result.ast,
      lineMap: skeleton.result.lineMap,
      chunked: { skeleton, containers },
    };
  }

  /**
   * Parses the entries of one container (or takes their earlier parses) and records them in `nextCache`.
   * Undefined when the document needs a whole parse.
   */
  private parseContainer(
    text: string,
    container: ContainerLayout,
    incremental: boolean,
    nextCache: Map<string, Map<string, YamlResult>>,
    progress: EntryProgress,
  ): ChunkedContainer | undefined {
    const cacheName = container.path.join('\u0000');
    const previous = this.cache.get(cacheName);
    const next = incremental ? (previous ?? new Map<string, YamlResult>()) : new Map<string, YamlResult>();
    nextCache.set(cacheName, next);
    const chunks: Chunk[] = [];
    const byKey = new Map<string, Chunk>();
    const sliced = new Set<string>();
    for (const span of container.spans) {
      const chunkText = span.reuse ? span.reuse.text : detachedSlice(text, span.start, span.end);
      let result = span.reuse ? span.reuse.result : previous?.get(chunkText);
      if (!result) {
        result = parseWithPointers(chunkText, YAML_PARSE_OPTIONS);
        progress.reparsed++;
      }
      if (!span.reuse) {
        next.set(chunkText, result);
        sliced.add(chunkText);
      }
      // An alias may point at an anchor in another entry: only a whole parse can tell.
      if (result.diagnostics.some((d) => /alias|anchor/i.test(d.message))) return undefined;
      const chunk = toChunk(container.path, span, chunkText, result);
      addEntryDiagnostics(chunk, byKey, progress.diagnostics);
      chunks.push(chunk);
      progress.kept.push({ start: progress.cursor, end: span.start, line: progress.cursorLine });
      progress.cursor = span.end;
      progress.cursorLine = span.endLine;
      progress.chunks++;
    }
    // An editor's parser lives as long as the document: the edited entries' earlier texts are let go, so that
    // the cache holds one parse per entry however long the editing goes on.
    for (const chunk of container.replaced ?? []) if (!sliced.has(chunk.text)) next.delete(chunk.text);
    return { path: container.path, chunks, byKey };
  }

  private parseSkeleton(text: string, kept: { start: number; end: number; line: number }[]): Skeleton {
    const segments: Skeleton['segments'] = [];
    let skeletonOffset = 0;
    let skeletonLine = 0;
    const parts: string[] = [];
    for (const part of kept) {
      if (part.end <= part.start) continue;
      const piece = text.slice(part.start, part.end);
      segments.push({ skeletonOffset, offset: part.start, skeletonLine, line: part.line });
      parts.push(piece);
      skeletonOffset += piece.length;
      skeletonLine += countNewlines(piece);
    }
    const skeletonText = parts.join('');
    if (this.skeletonCache?.text !== skeletonText)
      this.skeletonCache = { text: skeletonText, result: parseWithPointers(skeletonText, YAML_PARSE_OPTIONS) };
    return { result: this.skeletonCache.result, text: skeletonText, segments };
  }

  private whole(text: string): ChunkedYamlResult {
    this.cache = new Map();
    this.previous = undefined;
    this.skeletonCache = undefined;
    this.stats = { chunks: 0, reparsed: 0, whole: 1 };
    return parseYamlWhole(text);
  }
}

/** What the parse of a document's entries has gathered so far, entry by entry in document order. */
interface EntryProgress {
  /** The stretches between entries (the skeleton's parts): start and end offsets, first line. */
  kept: { start: number; end: number; line: number }[];
  diagnostics: YamlResult['diagnostics'];
  /** Where the last entry so far ends (offset, line). */
  cursor: number;
  cursorLine: number;
  reparsed: number;
  chunks: number;
}

function toChunk(container: string[], span: Span, text: string, result: YamlResult): Chunk {
  const data = result.data;
  const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
  return {
    container,
    keys,
    startOffset: span.start,
    startLine: span.startLine,
    endOffset: span.end,
    text,
    result,
  };
}

/** Adds an entry's diagnostics, in document lines, and its keys to the container's `byKey`. */
function addEntryDiagnostics(chunk: Chunk, byKey: Map<string, Chunk>, diagnostics: YamlResult['diagnostics']): void {
  const { result, keys } = chunk;
  // A half-typed entry is an error of that entry only: the rest of the document keeps its parse.
  for (const diagnostic of result.diagnostics)
    diagnostics.push(shiftDiagnostic(diagnostic, chunk.startLine, chunk.container));
  if (keys.length === 0 && result.diagnostics.length === 0) diagnostics.push(notAnEntry(chunk));
  for (const key of keys) {
    // As in a whole parse, the last entry with a key wins and the repeated key is an error.
    if (byKey.has(key)) diagnostics.push(duplicateKey(chunk, key));
    byKey.set(key, chunk);
  }
}

/** Adds the skeleton's diagnostics in document lines; false when one needs a whole parse (an alias). */
function addSkeletonDiagnostics(skeleton: Skeleton, diagnostics: YamlResult['diagnostics']): boolean {
  for (const diagnostic of skeleton.result.diagnostics) {
    if (/alias|anchor/i.test(diagnostic.message)) return false;
    const { start, end } = diagnostic.range;
    diagnostics.push({
      ...diagnostic,
      range: {
        start: { line: skeletonLineToDocument(skeleton, start.line), character: start.character },
        end: { line: skeletonLineToDocument(skeleton, end.line), character: end.character },
      },
    });
  }
  return true;
}

/**
 * The document's data: the skeleton's, with each container's entries put where the skeleton has an empty
 * value. Undefined when a container is not where it should be (a whole parse then decides).
 */
function assembleRoot(
  skeletonRoot: Record<string, unknown>,
  containers: ChunkedContainer[],
): Record<string, unknown> | undefined {
  // Fresh containers each time (the skeleton's own data is cached and must stay as parsed); unchanged
  // entries keep their identity, which later stages use to skip work.
  const root: Record<string, unknown> = { ...skeletonRoot };
  for (const container of containers) {
    let parent = root;
    if (container.path.length === 2) {
      const original = root[container.path[0]!];
      if (!original || typeof original !== 'object' || Array.isArray(original)) return undefined;
      if (parent[container.path[0]!] === original)
        parent[container.path[0]!] = { ...(original as Record<string, unknown>) };
      parent = parent[container.path[0]!] as Record<string, unknown>;
    }
    const name = container.path[container.path.length - 1]!;
    if (parent[name] !== null) return undefined;
    const entries: Record<string, unknown> = {};
    for (const [key, chunk] of container.byKey) entries[key] = (chunk.result.data as Record<string, unknown>)[key];
    parent[name] = entries;
  }
  return root;
}

function shiftDiagnostic(
  diagnostic: YamlResult['diagnostics'][number],
  lines: number,
  container: string[],
): YamlResult['diagnostics'][number] {
  const { start, end } = diagnostic.range;
  return {
    ...diagnostic,
    range: {
      start: { line: start.line + lines, character: start.character },
      end: { line: end.line + lines, character: end.character },
    },
    ...(diagnostic.path ? { path: [...container, ...diagnostic.path] } : {}),
  };
}

/** What a whole parse reports when two entries of a mapping have the same key. */
function duplicateKey(chunk: Chunk, key: string): YamlResult['diagnostics'][number] {
  const firstLine = chunk.text.slice(0, chunk.text.search(/\r?\n|$/));
  const indent = firstLine.length - firstLine.trimStart().length;
  return {
    message: 'duplicate key',
    code: 'YAMLException',
    severity: 0,
    path: [...chunk.container, key],
    range: {
      start: { line: chunk.startLine, character: indent },
      end: { line: chunk.startLine, character: firstLine.length },
    },
  } as YamlResult['diagnostics'][number];
}

/** A line where an entry should start holds something else (a bare word being typed, a sequence item…). */
function notAnEntry(chunk: Chunk): YamlResult['diagnostics'][number] {
  const firstLine = chunk.text.slice(0, chunk.text.search(/\r?\n|$/));
  const indent = firstLine.length - firstLine.trimStart().length;
  return {
    message: 'expected a mapping entry (key: value)',
    code: 'YAMLException',
    severity: 0,
    range: {
      start: { line: chunk.startLine, character: indent },
      end: { line: chunk.startLine, character: firstLine.trimEnd().length },
    },
  } as YamlResult['diagnostics'][number];
}

/**
 * A copy of part of a text that does not keep the whole text alive. V8 represents `slice` results (and every
 * string parsed out of them) as views into the original: a cached entry would hold the entire document of the
 * version it came from, and an editing session would keep every version of a megabyte spec in memory.
 */
function detachedSlice(text: string, start: number, end: number): string {
  return Buffer.from(text.slice(start, end), 'utf16le').toString('utf16le');
}

/** Spectral's IParser for YAML, aware of chunks; `parse` is per document (it keeps that document's cache). */
export function chunkedYamlSpectralParser(parser: ChunkedYamlParser) {
  return {
    parse: (input: string) => parser.parse(input),
    getLocationForJsonPath: (result: ChunkedYamlResult, path: JsonPath): ILocation | undefined =>
      locationForJsonPath(result, path),
    trapAccess,
  };
}
