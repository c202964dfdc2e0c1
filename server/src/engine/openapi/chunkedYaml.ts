// Incremental YAML parsing for OpenAPI documents being edited. A big spec is mostly a few block mappings with
// many entries (`paths`, `components.schemas`, `webhooks`, Swagger 2.0 `definitions`…). Each entry is parsed on
// its own and its parse is reused while its text is unchanged, so a keystroke re-parses one path item or one
// schema instead of megabytes. The result has the same data, diagnostics and locations as a full parse; when a
// document does not have the simple shape this relies on (anchors, several documents, syntax errors, duplicate
// keys…), the whole text is parsed the ordinary way.
import { getLocationForJsonPath as yamlLocationForJsonPath, parseWithPointers, trapAccess } from '@stoplight/yaml';
import type { ILocation, JsonPath } from '@stoplight/types';

export const YAML_PARSE_OPTIONS = { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: true, attachComments: false } as const;

type YamlResult = ReturnType<typeof parseWithPointers<unknown>>;

export interface Chunk {
  /** Path of the container the entry belongs to, e.g. ['paths'] or ['components', 'schemas']. */
  container: string[];
  /** The entry's key (from its own parse). */
  key: string;
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

// Root keys whose block-mapping entries become chunks; `components` holds one more level of containers.
const ENTRY_CONTAINERS = new Set(['paths', 'webhooks', 'definitions', 'parameters', 'responses', 'x-webhooks']);
const NESTED_CONTAINERS = new Set(['components']);

// Shapes the chunked parse does not reproduce: several documents, directives. (Anchors and aliases need no
// check: an alias whose anchor lies in another entry fails to parse there, which falls back to a whole parse.)
const DIRECTIVE = /^%/m;
const DOCUMENT_MARKER = /\n(?:---|\.\.\.)(?=[ \t\r\n]|$)/g;
const BLOCK_KEY_LINE = /^([A-Za-z0-9_$.\-/]+|'[^']*'|"[^"]*"):[ \t]*(#.*)?$/;
const INTEGER_KEY = /^(0|[1-9][0-9]*)$/;

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
  stats = { chunks: 0, reparsed: 0, whole: 0 };

  parse(text: string): ChunkedYamlResult {
    const layout = hasUnsupportedShape(text) ? undefined : findLayout(text);
    if (!layout) return this.whole(text);
    const nextCache = new Map<string, Map<string, YamlResult>>();
    const containers: ChunkedContainer[] = [];
    const kept: { start: number; end: number; line: number }[] = [];
    let cursor = 0;
    let cursorLine = 0;
    let reparsed = 0;
    let chunkCount = 0;
    for (const container of layout) {
      const cacheName = container.path.join('\u0000');
      const previous = this.cache.get(cacheName);
      const next = new Map<string, YamlResult>();
      nextCache.set(cacheName, next);
      const chunks: Chunk[] = [];
      const byKey = new Map<string, Chunk>();
      for (const span of container.spans) {
        const chunkText = text.slice(span.start, span.end);
        let result = previous?.get(chunkText);
        if (!result) {
          result = parseWithPointers(chunkText, YAML_PARSE_OPTIONS);
          reparsed++;
        }
        next.set(chunkText, result);
        const data = result.data as Record<string, unknown> | null;
        const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
        if (result.diagnostics.length > 0 || keys.length !== 1 || INTEGER_KEY.test(keys[0]!) || byKey.has(keys[0]!)) return this.whole(text);
        const chunk: Chunk = { container: container.path, key: keys[0]!, startOffset: span.start, startLine: span.startLine, endOffset: span.end, text: chunkText, result };
        chunks.push(chunk);
        byKey.set(chunk.key, chunk);
        kept.push({ start: cursor, end: span.start, line: cursorLine });
        cursor = span.end;
        cursorLine = span.endLine;
        chunkCount++;
      }
      containers.push({ path: container.path, chunks, byKey });
    }
    kept.push({ start: cursor, end: text.length, line: cursorLine });

    const skeleton = this.parseSkeleton(text, kept);
    if (skeleton.result.diagnostics.length > 0) return this.whole(text);
    const skeletonRoot = skeleton.result.data as Record<string, unknown> | null;
    if (!skeletonRoot || typeof skeletonRoot !== 'object' || Array.isArray(skeletonRoot)) return this.whole(text);

    // Fresh containers each time (the skeleton's own data is cached and must stay as parsed); unchanged
    // entries keep their identity, which later stages use to skip work.
    const root: Record<string, unknown> = { ...skeletonRoot };
    for (const container of containers) {
      let parent = root;
      if (container.path.length === 2) {
        const original = root[container.path[0]!];
        if (!original || typeof original !== 'object' || Array.isArray(original)) return this.whole(text);
        if (parent[container.path[0]!] === original) parent[container.path[0]!] = { ...(original as Record<string, unknown>) };
        parent = parent[container.path[0]!] as Record<string, unknown>;
      }
      const name = container.path[container.path.length - 1]!;
      if (parent[name] !== null) return this.whole(text);
      const entries: Record<string, unknown> = {};
      for (const chunk of container.chunks) entries[chunk.key] = (chunk.result.data as Record<string, unknown>)[chunk.key];
      parent[name] = entries;
    }
    this.cache = nextCache;
    this.stats = { chunks: chunkCount, reparsed, whole: 0 };
    return { data: root, diagnostics: [], ast: skeleton.result.ast, lineMap: skeleton.result.lineMap, chunked: { skeleton, containers } };
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
      skeletonLine += countLineBreaks(piece);
    }
    const skeletonText = parts.join('');
    if (this.skeletonCache?.text !== skeletonText) this.skeletonCache = { text: skeletonText, result: parseWithPointers(skeletonText, YAML_PARSE_OPTIONS) };
    return { result: this.skeletonCache.result, text: skeletonText, segments };
  }

  private whole(text: string): ChunkedYamlResult {
    this.cache = new Map();
    this.skeletonCache = undefined;
    this.stats = { chunks: 0, reparsed: 0, whole: 1 };
    return parseYamlWhole(text);
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The chunk (and the path inside it) that holds `path`, if `path` lies inside a chunked entry. */
export function chunkFor(result: ChunkedYamlResult, path: JsonPath): { chunk: Chunk; innerPath: JsonPath } | undefined {
  if (!result.chunked) return undefined;
  for (const container of result.chunked.containers) {
    if (path.length <= container.path.length) continue;
    if (!container.path.every((segment, i) => String(path[i]) === segment)) continue;
    const chunk = container.byKey.get(String(path[container.path.length]));
    return chunk ? { chunk, innerPath: path.slice(container.path.length) } : undefined;
  }
  return undefined;
}

export function skeletonLineToDocument(skeleton: Skeleton, skeletonLine: number): number {
  const segment = findSegment(skeleton.segments, (s) => s.skeletonLine <= skeletonLine);
  return segment ? segment.line + (skeletonLine - segment.skeletonLine) : skeletonLine;
}

/** The last segment satisfying `before` (segments are sorted, `before` is monotone). */
function findSegment<T>(segments: T[], before: (segment: T) => boolean): T | undefined {
  let low = 0;
  let high = segments.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (before(segments[mid]!)) {
      found = segments[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** Spectral's IParser for YAML, aware of chunks; `parse` is per document (it keeps that document's cache). */
export function chunkedYamlSpectralParser(parser: ChunkedYamlParser) {
  return {
    parse: (input: string) => parser.parse(input),
    getLocationForJsonPath: (result: ChunkedYamlResult, path: JsonPath): ILocation | undefined => locationForJsonPath(result, path),
    trapAccess,
  };
}

export function locationForJsonPath(result: ChunkedYamlResult, path: JsonPath): ILocation | undefined {
  if (!result.chunked) return yamlLocationForJsonPath(result as YamlResult, path);
  const inChunk = chunkFor(result, path);
  if (inChunk) {
    const location = yamlLocationForJsonPath(inChunk.chunk.result, inChunk.innerPath);
    return location && shiftLocation(location, (line) => line + inChunk.chunk.startLine);
  }
  const { skeleton } = result.chunked;
  const skeletonLocation = yamlLocationForJsonPath(skeleton.result, path);
  if (!skeletonLocation) return skeletonLocation;
  const location = shiftLocation(skeletonLocation, (line) => skeletonLineToDocument(skeleton, line));
  // A node that contains chunks (the root, `components`, a container) ends where its last chunk ends.
  let last: Chunk | undefined;
  for (const container of result.chunked.containers) {
    if (container.path.length < path.length || !path.every((segment, i) => String(segment) === container.path[i])) continue;
    const candidate = container.chunks[container.chunks.length - 1];
    if (candidate && (!last || candidate.startOffset > last.startOffset)) last = candidate;
  }
  const lastEnd = last && yamlLocationForJsonPath(last.result, [])?.range.end;
  if (!last || !lastEnd) return location;
  const end = { line: lastEnd.line + last.startLine, character: lastEnd.character };
  const skeletonEnd = location.range.end;
  const later = end.line > skeletonEnd.line || (end.line === skeletonEnd.line && end.character > skeletonEnd.character);
  return later ? { ...location, range: { start: location.range.start, end } } : location;
}

function shiftLocation(location: ILocation, mapLine: (line: number) => number): ILocation {
  const { start, end } = location.range;
  return { ...location, range: { start: { line: mapLine(start.line), character: start.character }, end: { line: mapLine(end.line), character: end.character } } };
}

// ---- layout: where the entries of the chunked containers are, by a scan of lines ----------------------------

interface ContainerLayout {
  path: string[];
  spans: { start: number; end: number; startLine: number; endLine: number }[];
}

interface Line {
  start: number;
  end: number; // before the line break
  next: number; // start of the next line
  indent: number;
  /** Blank or comment-only. */
  blank: boolean;
}

function scanLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    const next = end === -1 ? text.length + 1 : end + 1;
    if (end === -1) end = text.length;
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    let indent = 0;
    while (start + indent < lineEnd && text.charCodeAt(start + indent) === 32) indent++;
    const first = text.charCodeAt(start + indent);
    lines.push({ start, end: lineEnd, next, indent, blank: start + indent >= lineEnd || first === 35 /* # */ });
    if (end === text.length) break;
    start = next;
  }
  return lines;
}

function keyOf(text: string, line: Line): string | undefined {
  const match = BLOCK_KEY_LINE.exec(text.slice(line.start + line.indent, line.end));
  if (!match) return undefined;
  const raw = match[1]!;
  return raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : raw;
}

/** Finds the chunkable containers and their entries; undefined when there is nothing worth chunking. */
function findLayout(text: string): ContainerLayout[] | undefined {
  const lines = scanLines(text);
  const layouts: ContainerLayout[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.blank || line.indent !== 0) continue;
    const key = keyOf(text, line);
    if (key === undefined) continue;
    if (ENTRY_CONTAINERS.has(key)) {
      const layout = entriesOf(text, lines, i, [key]);
      if (layout === null) return undefined;
      if (layout) layouts.push(layout);
    } else if (NESTED_CONTAINERS.has(key)) {
      const childIndent = firstChildIndent(lines, i, 0);
      if (childIndent === undefined) continue;
      for (let j = i + 1; j < lines.length; j++) {
        const child = lines[j]!;
        if (child.blank) continue;
        if (child.indent < childIndent) break;
        if (child.indent !== childIndent) continue;
        const childKey = keyOf(text, child);
        if (childKey === undefined) continue; // an inline value: stays in the skeleton
        const layout = entriesOf(text, lines, j, [key, childKey]);
        if (layout === null) return undefined;
        if (layout) layouts.push(layout);
      }
    }
  }
  return layouts.length > 0 ? layouts : undefined;
}

function firstChildIndent(lines: Line[], keyLine: number, keyIndent: number): number | undefined {
  for (let j = keyLine + 1; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.blank) continue;
    return line.indent > keyIndent ? line.indent : undefined;
  }
  return undefined;
}

/**
 * The entries of the block mapping under the key on `keyLine`. Returns undefined when the key has no block
 * mapping under it, and null when the text is shaped in a way the chunked parse does not handle.
 */
function entriesOf(text: string, lines: Line[], keyLine: number, path: string[]): ContainerLayout | undefined | null {
  const keyIndent = lines[keyLine]!.indent;
  const indent = firstChildIndent(lines, keyLine, keyIndent);
  if (indent === undefined) return undefined;
  const spans: ContainerLayout['spans'] = [];
  let current: { start: number; startLine: number } | undefined;
  let j = keyLine + 1;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    if (line.blank) continue;
    if (line.indent < indent) break;
    if (line.indent === indent) {
      const first = text.charCodeAt(line.start + indent);
      if (first === 45 /* - */) return null; // a sequence, not a mapping
      // `? long key` starts an entry whose `: value` line sits at the same indentation: that line continues it.
      if (first === 58 /* : */ && current) continue;
      // An entry runs up to the next one, comment lines included: a `#` line may be block-scalar content.
      if (current) spans.push({ start: current.start, end: line.start, startLine: current.startLine, endLine: j });
      current = { start: line.start, startLine: j };
    }
  }
  if (!current) return undefined;
  const end = j < lines.length ? lines[j]!.start : text.length;
  spans.push({ start: current.start, end, startLine: current.startLine, endLine: j < lines.length ? j : lines.length - 1 });
  return { path, spans };
}
