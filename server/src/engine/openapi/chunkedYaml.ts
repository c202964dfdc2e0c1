// Incremental YAML parsing for OpenAPI documents being edited. A big spec is mostly a few block mappings with
// many entries (`paths`, `components.schemas`, `webhooks`, Swagger 2.0 `definitions`…). Each entry is parsed on
// its own and its parse is reused while its text is unchanged, so a keystroke re-parses one path item or one
// schema instead of megabytes. The result has the same data, diagnostics and locations as a full parse; when a
// document does not have the simple shape this relies on (anchors, several documents, syntax errors, duplicate
// keys…), the whole text is parsed the ordinary way.
import { getLocationForJsonPath as yamlLocationForJsonPath, parseWithPointers, trapAccess } from '@stoplight/yaml';
import type { ILocation, JsonPath } from '@stoplight/types';

// preserveKeyOrder is off: it wraps every parsed object in a Proxy (to keep integer-like keys such as '404' in
// document order), which makes every property access of every rule several times slower.
export const YAML_PARSE_OPTIONS = { ignoreDuplicateKeys: false, mergeKeys: true, preserveKeyOrder: false, attachComments: false } as const;

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

// Root keys whose block-mapping entries become chunks; `components` holds one more level of containers.
const ENTRY_CONTAINERS = new Set(['paths', 'webhooks', 'definitions', 'parameters', 'responses', 'x-webhooks']);
const NESTED_CONTAINERS = new Set(['components']);

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
    const containers: ChunkedContainer[] = [];
    const kept: { start: number; end: number; line: number }[] = [];
    const diagnostics: YamlResult['diagnostics'] = [];
    let cursor = 0;
    let cursorLine = 0;
    let reparsed = 0;
    let chunkCount = 0;
    for (const container of layout) {
      const cacheName = container.path.join('\u0000');
      const previous = this.cache.get(cacheName);
      const next = incremental ? (previous ?? new Map<string, YamlResult>()) : new Map<string, YamlResult>();
      nextCache.set(cacheName, next);
      const chunks: Chunk[] = [];
      const byKey = new Map<string, Chunk>();
      for (const span of container.spans) {
        const chunkText = span.reuse ? span.reuse.text : detachedSlice(text, span.start, span.end);
        let result = span.reuse ? span.reuse.result : previous?.get(chunkText);
        if (!result) {
          result = parseWithPointers(chunkText, YAML_PARSE_OPTIONS);
          reparsed++;
        }
        if (!span.reuse) next.set(chunkText, result);
        // An editor's parser lives as long as the document: the edited entry's earlier text is let go, so that
        // the cache holds one parse per entry however long the editing goes on.
        if (span.replaces && span.replaces.text !== chunkText) next.delete(span.replaces.text);
        // An alias may point at an anchor in another entry: only a whole parse can tell.
        if (result.diagnostics.some((d) => /alias|anchor/i.test(d.message))) return this.whole(text);
        const data = result.data;
        const keys = data && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
        const chunk: Chunk = { container: container.path, keys, startOffset: span.start, startLine: span.startLine, endOffset: span.end, text: chunkText, result };
        // A half-typed entry is an error of that entry only: the rest of the document keeps its parse.
        for (const diagnostic of result.diagnostics) diagnostics.push(shiftDiagnostic(diagnostic, span.startLine, container.path));
        if (keys.length === 0 && result.diagnostics.length === 0) diagnostics.push(notAnEntry(chunk));
        for (const key of keys) {
          // As in a whole parse, the last entry with a key wins and the repeated key is an error.
          if (byKey.has(key)) diagnostics.push(duplicateKey(chunk, key));
          byKey.set(key, chunk);
        }
        chunks.push(chunk);
        kept.push({ start: cursor, end: span.start, line: cursorLine });
        cursor = span.end;
        cursorLine = span.endLine;
        chunkCount++;
      }
      containers.push({ path: container.path, chunks, byKey });
    }
    kept.push({ start: cursor, end: text.length, line: cursorLine });

    const skeleton = this.parseSkeleton(text, kept);
    const skeletonRoot = skeleton.result.data as Record<string, unknown> | null;
    if (!skeletonRoot || typeof skeletonRoot !== 'object' || Array.isArray(skeletonRoot)) return this.whole(text);
    for (const diagnostic of skeleton.result.diagnostics) {
      if (/alias|anchor/i.test(diagnostic.message)) return this.whole(text);
      const { start, end } = diagnostic.range;
      diagnostics.push({
        ...diagnostic,
        range: { start: { line: skeletonLineToDocument(skeleton, start.line), character: start.character }, end: { line: skeletonLineToDocument(skeleton, end.line), character: end.character } },
      });
    }

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
      for (const [key, chunk] of container.byKey) entries[key] = (chunk.result.data as Record<string, unknown>)[key];
      parent[name] = entries;
    }
    this.cache = nextCache;
    this.previous = { text, layout, containers };
    this.stats = { chunks: chunkCount, reparsed, whole: 0 };
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return { data: root, diagnostics, ast: skeleton.result.ast, lineMap: skeleton.result.lineMap, chunked: { skeleton, containers } };
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
    this.previous = undefined;
    this.skeletonCache = undefined;
    this.stats = { chunks: 0, reparsed: 0, whole: 1 };
    return parseYamlWhole(text);
  }
}

function shiftDiagnostic(diagnostic: YamlResult['diagnostics'][number], lines: number, container: string[]): YamlResult['diagnostics'][number] {
  const { start, end } = diagnostic.range;
  return {
    ...diagnostic,
    range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } },
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
    range: { start: { line: chunk.startLine, character: indent }, end: { line: chunk.startLine, character: firstLine.length } },
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
    range: { start: { line: chunk.startLine, character: indent }, end: { line: chunk.startLine, character: firstLine.trimEnd().length } },
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
  spans: Span[];
}

interface Span {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  /** The previous version's chunk for this entry, when its text is unchanged (incremental layout). */
  reuse?: Chunk;
  /** The previous version's chunk at this place, when this entry is the edited one (incremental layout). */
  replaces?: Chunk;
}

interface PreviousParse {
  text: string;
  layout: ContainerLayout[];
  containers: ChunkedContainer[];
}

/** Line numbers of increasing offsets, counted with the engine's native search rather than line by line. */
class LineCounter {
  private offset = 0;
  private line = 0;

  constructor(private readonly text: string) {}

  lineAt(offset: number): number {
    if (offset < this.offset) {
      this.offset = 0;
      this.line = 0;
    }
    for (let i = this.text.indexOf('\n', this.offset); i !== -1 && i < offset; i = this.text.indexOf('\n', i + 1)) this.line++;
    this.offset = offset;
    return this.line;
  }
}

const KEY = `([A-Za-z0-9_$.\\-/]+|'[^'\\n]*'|"[^"\\n]*")`;
const TOP_LEVEL_BLOCK_KEY = new RegExp(`^${KEY}:[ \\t]*(?:#[^\\n]*)?\\r?$`, 'gm');
const FIRST_CONTENT_LINE = /^( *)[^ \r\n#]/gm;
const regexCache = new Map<string, RegExp>();

/** Regexes that depend on an indentation, compiled once each. */
function cachedRegex(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) regexCache.set(source, (regex = new RegExp(source, 'gm')));
  return regex;
}

function unquote(raw: string): string {
  return raw.startsWith("'") || raw.startsWith('"') ? raw.slice(1, -1) : raw;
}

/** Finds the chunkable containers and their entries; undefined when there is nothing worth chunking. */
function findLayout(text: string): ContainerLayout[] | undefined {
  const layouts: ContainerLayout[] = [];
  const lines = new LineCounter(text);
  TOP_LEVEL_BLOCK_KEY.lastIndex = 0;
  for (let match = TOP_LEVEL_BLOCK_KEY.exec(text); match; match = TOP_LEVEL_BLOCK_KEY.exec(text)) {
    const key = unquote(match[1]!);
    const bodyStart = match.index + match[0].length + 1;
    if (ENTRY_CONTAINERS.has(key)) {
      const layout = entriesOf(text, bodyStart, 0, [key], lines);
      if (layout === null) return undefined;
      if (layout) layouts.push(layout);
    } else if (NESTED_CONTAINERS.has(key)) {
      const block = blockOf(text, bodyStart, 0);
      if (!block) continue;
      // Children with a block mapping under them (`  schemas:`) are containers; inline ones stay in the skeleton.
      const childKeys = cachedRegex(`^ {${block.indent}}${KEY}:[ \\t]*(?:#[^\\n]*)?\\r?$`);
      childKeys.lastIndex = block.start;
      for (let child = childKeys.exec(text); child && child.index < block.end; child = childKeys.exec(text)) {
        const layout = entriesOf(text, child.index + child[0].length + 1, block.indent, [key, unquote(child[1]!)], lines);
        if (layout === null) return undefined;
        if (layout) layouts.push(layout);
      }
    }
    TOP_LEVEL_BLOCK_KEY.lastIndex = Math.max(TOP_LEVEL_BLOCK_KEY.lastIndex, bodyStart);
  }
  return layouts.length > 0 ? layouts : undefined;
}

/** The block under a key: its indentation, first content line and end (first line indented less). */
function blockOf(text: string, bodyStart: number, parentIndent: number): { indent: number; start: number; end: number } | undefined {
  if (bodyStart > text.length) return undefined;
  FIRST_CONTENT_LINE.lastIndex = bodyStart;
  const first = FIRST_CONTENT_LINE.exec(text);
  if (!first) return undefined;
  const indent = first[1]!.length;
  if (indent <= parentIndent) return undefined;
  const endOfBlock = cachedRegex(`^ {0,${indent - 1}}[^ \\r\\n#]`);
  endOfBlock.lastIndex = first.index;
  const end = endOfBlock.exec(text);
  return { indent, start: first.index, end: end ? end.index : text.length };
}

/**
 * The entries of the block mapping under a key. Returns undefined when the key has no block mapping under it,
 * and null when the text is shaped in a way the chunked parse does not handle.
 */
function entriesOf(text: string, bodyStart: number, parentIndent: number, path: string[], lines: LineCounter): ContainerLayout | undefined | null {
  const block = blockOf(text, bodyStart, parentIndent);
  if (!block) return undefined;
  const spans: ContainerLayout['spans'] = [];
  let current: { start: number; startLine: number } | undefined;
  const entryLine = cachedRegex(`^ {${block.indent}}([^ \\r\\n#])`);
  entryLine.lastIndex = block.start;
  for (let entry = entryLine.exec(text); entry && entry.index < block.end; entry = entryLine.exec(text)) {
    const first = entry[1]!;
    if (first === '-') return null; // a sequence, not a mapping
    // `? long key` starts an entry whose `: value` line sits at the same indentation: that line continues it.
    if (first === ':' && current) continue;
    // An entry runs up to the next one, comment lines included: a `#` line may be block-scalar content.
    const line = lines.lineAt(entry.index);
    if (current) spans.push({ start: current.start, end: entry.index, startLine: current.startLine, endLine: line });
    current = { start: entry.index, startLine: line };
  }
  if (!current) return undefined;
  spans.push({ start: current.start, end: block.end, startLine: current.startLine, endLine: lines.lineAt(block.end) });
  return { path, spans };
}

// ---- incremental layout: the previous layout, shifted, when an edit stays inside one entry -----------------

/** Length of the common prefix of two texts, compared in blocks by the engine's native string equality. */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let low = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (low + block <= limit && a.slice(low, low + block) === b.slice(low, low + block)) low += block;
  }
  while (low < limit && a.charCodeAt(low) === b.charCodeAt(low)) low++;
  return low;
}

function commonSuffix(a: string, b: string, max: number): number {
  let length = 0;
  for (let block = 65536; block >= 1; block >>= 4) {
    while (length + block <= max && a.slice(a.length - length - block, a.length - length) === b.slice(b.length - length - block, b.length - length)) length += block;
  }
  while (length < max && a.charCodeAt(a.length - length - 1) === b.charCodeAt(b.length - length - 1)) length++;
  return length;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The layout of `text` from the previous version's, when the only change lies inside one entry and leaves
 * the entry's boundaries alone; undefined otherwise (the caller then scans the whole text).
 */
function incrementalLayout(previous: PreviousParse, text: string): ContainerLayout[] | undefined {
  const old = previous.text;
  if (old === text) return previous.layout.map((c, i) => ({ path: c.path, spans: c.spans.map((span, j) => ({ ...span, reuse: previous.containers[i]!.chunks[j]! })) }));
  const prefix = commonPrefix(old, text);
  const suffix = commonSuffix(old, text, Math.min(old.length, text.length) - prefix);
  const oldEnd = old.length - suffix;
  const delta = text.length - old.length;
  // The entry the change starts in must also hold its end.
  let edited: { container: number; span: number } | undefined;
  for (let c = 0; c < previous.layout.length && !edited; c++) {
    const spans = previous.layout[c]!.spans;
    for (let i = 0; i < spans.length; i++) {
      const span = spans[i]!;
      if (span.start <= prefix && prefix < span.end) {
        if (oldEnd <= span.end) edited = { container: c, span: i };
        break;
      }
    }
  }
  if (!edited) return undefined;
  const span = previous.layout[edited.container]!.spans[edited.span]!;
  const chunkText = text.slice(span.start, span.end + delta);
  if (!entryShapeHolds(chunkText, span.end + delta === text.length)) return undefined;
  const lineDelta = countNewlines(chunkText) - countNewlines(old.slice(span.start, span.end));
  return previous.layout.map((container, c) => ({
    path: container.path,
    spans: container.spans.map((s, i) => {
      const chunk = previous.containers[c]!.chunks[i]!;
      if (c === edited!.container && i === edited!.span) return { start: s.start, end: s.end + delta, startLine: s.startLine, endLine: s.endLine + lineDelta, replaces: chunk };
      if (s.start < span.start) return { ...s, reuse: chunk };
      return { start: s.start + delta, end: s.end + delta, startLine: s.startLine + lineDelta, endLine: s.endLine + lineDelta, reuse: { ...chunk, startOffset: chunk.startOffset + delta, endOffset: chunk.endOffset + delta, startLine: chunk.startLine + lineDelta } };
    }),
  }));
}

/**
 * An edited entry is still exactly one entry: it starts with a key line at its indentation, every other line
 * is indented deeper (or is blank, a comment, or the `: value` line of a `? key`), and it ends with a line
 * break unless it ends the text. Nor may it have gained a directive or a document marker.
 */
function entryShapeHolds(chunkText: string, atEndOfText: boolean): boolean {
  const first = /^( *)([^ \r\n#])/.exec(chunkText);
  if (!first || first[2] === '-' || first[2] === ':') return false;
  if (!atEndOfText && !chunkText.endsWith('\n')) return false;
  if (/\n(?:%|---|\.\.\.)/.test(chunkText)) return false;
  const indent = first[1]!.length;
  const boundary = new RegExp(`\\n( {0,${indent}})([^ \\r\\n#])`, 'g');
  for (let match = boundary.exec(chunkText); match; match = boundary.exec(chunkText)) {
    if (match[1]!.length === indent && match[2] === ':') continue;
    return false;
  }
  return true;
}
