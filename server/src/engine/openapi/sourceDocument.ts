// A parsed YAML/JSON document (Spectral's own parsers, which keep positions) plus exact ranges for JSON paths:
// the key for a mapping or sequence value (`get:` for an operation, `password:` for a property), the value for a
// scalar (`http://…`, `query`). Spectral alone reports whole blocks, which is too coarse for an editor.
import { Document } from '@stoplight/spectral-core';
import { Yaml, type IParser } from '@stoplight/spectral-parsers';
import {
  getLocationForJsonPath as jsonLocationForJsonPath,
  parseWithPointers as parseJsonWithPointers,
  trapAccess as jsonTrapAccess,
} from '@stoplight/json';
import type { Range } from '../findings';
import { LineIndex, shiftRange } from '../positions';
import { chunkedYamlSpectralParser, type ChunkedYamlParser, type ChunkedYamlResult } from './chunkedYaml';
import { chunkFor, skeletonLineToDocument } from './chunkedYamlLocations';

type JsonPath = (string | number)[];

// Node kinds of @stoplight/yaml-ast-parser.
const enum YamlKind {
  Scalar = 0,
  Mapping = 1,
  Map = 2,
  Seq = 3,
  AnchorRef = 4,
}

interface YamlNode {
  kind: number;
  startPosition: number;
  endPosition: number;
  key?: YamlNode;
  value?: YamlNode | null | string;
  mappings?: YamlNode[];
  items?: (YamlNode | null)[];
}

interface JsonNode {
  type: 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';
  offset: number;
  length: number;
  children?: JsonNode[];
  value?: unknown;
}

/**
 * Spectral's JSON parser with plain objects: its default (preserveKeyOrder) wraps every object in a Proxy,
 * which makes every property access of every rule several times slower.
 */
const JSON_PARSER = {
  parse: (input: string) => parseJsonWithPointers(input, { ignoreDuplicateKeys: false, preserveKeyOrder: false }),
  getLocationForJsonPath: jsonLocationForJsonPath,
  trapAccess: jsonTrapAccess,
};

/**
 * Ranges by path inside an entry, per entry parse (see targetRanges): entry-local, and placed at the entry's
 * current first line (the placed ranges are shared by the findings at that path until the entry moves).
 */
const chunkRanges = new WeakMap<
  object,
  Map<string, { local: TargetRanges; placedAt: number; placed: TargetRanges } | null>
>();

/** Line indexes of texts that stay the same between runs (chunk and skeleton parses are reused). */
const lineIndexes = new WeakMap<object, LineIndex>();

function lineIndexFor(owner: object, text: string): LineIndex {
  let index = lineIndexes.get(owner);
  if (!index) lineIndexes.set(owner, (index = new LineIndex(text)));
  return index;
}

export interface TargetRanges {
  /** Where a finding about `path` points: the key of a collection value, else the scalar value. */
  range: Range;
  /** The whole value at `path` (quick-fixes edit it). */
  valueRange: Range;
}

export class SourceDocument extends Document {
  private lineIndexCache: LineIndex | undefined;

  /**
   * @param yamlParser the document's incremental YAML parser, which reuses the parse of unchanged entries of
   *   the previous version (editors); without it the text is parsed whole.
   */
  constructor(
    readonly text: string,
    readonly syntax: 'yaml' | 'json',
    source: string,
    yamlParser?: ChunkedYamlParser,
  ) {
    super(
      text,
      (syntax === 'json' ? JSON_PARSER : yamlParser ? chunkedYamlSpectralParser(yamlParser) : Yaml) as IParser,
      source,
    );
  }

  get lineIndex(): LineIndex {
    return (this.lineIndexCache ??= new LineIndex(this.text));
  }

  /**
   * The smallest text holding the value at `path` whole, with its line index: the entry's own text when the
   * value lies in an entry of an incremental parse, else the document. Deciding whether a quick-fix applies at
   * lint time needs only that much, and a line index of a 4 MB text per lint is not free. `firstLine`: where the
   * text starts in the document (positions in it have the document's columns).
   */
  textAround(path: JsonPath): { text: string; lines: LineIndex; firstLine: number } {
    const result = this.parserResult as unknown as ChunkedYamlResult;
    const inChunk = this.syntax === 'yaml' && result.chunked ? chunkFor(result, path) : undefined;
    if (!inChunk) return { text: this.text, lines: this.lineIndex, firstLine: 0 };
    const { chunk } = inChunk;
    return { text: chunk.text, lines: lineIndexFor(chunk.result, chunk.text), firstLine: chunk.startLine };
  }

  /**
   * Spectral asks this for the range of every result: answer with the exact range (key or scalar) instead of
   * the whole block, so that results need no second lookup. With `closest`, the nearest existing ancestor.
   */
  override getRangeForJsonPath(path: JsonPath, closest?: boolean): Range | undefined {
    for (let current = path; ; current = current.slice(0, -1)) {
      const ranges = this.targetRanges(current);
      if (ranges) return ranges.range;
      if (!closest || current.length === 0) return undefined;
    }
  }

  /** The range for a finding at `path`: key of a collection value, else the scalar value. */
  rangeForPath(path: JsonPath): Range | undefined {
    return this.targetRanges(path)?.range;
  }

  /** The range of the whole value at `path` (used by quick-fixes). */
  valueRangeForPath(path: JsonPath): Range | undefined {
    return this.targetRanges(path)?.valueRange;
  }

  targetRanges(path: JsonPath): TargetRanges | undefined {
    const result = this.parserResult as unknown as ChunkedYamlResult;
    if (!result.ast) return undefined;
    if (this.syntax === 'json' || !result.chunked) {
      const target =
        this.syntax === 'json'
          ? jsonTarget(result.ast as unknown as JsonNode, path)
          : yamlTarget(result.ast as unknown as YamlNode, path);
      return (
        target && {
          range: this.lineIndex.rangeOf(target.start, target.end),
          valueRange: this.lineIndex.rangeOf(target.valueStart, target.valueEnd),
        }
      );
    }
    // Chunked parse: positions come from the chunk's (or the skeleton's) own small line index.
    const inChunk = chunkFor(result, path);
    if (inChunk) {
      // Ranges inside an entry are computed once per entry parse (entries are reused between an editor's
      // lints) and only moved by the entry's current first line.
      const { chunk } = inChunk;
      let known = chunkRanges.get(chunk.result);
      if (!known) chunkRanges.set(chunk.result, (known = new Map()));
      const key = inChunk.innerPath.join('\u0001');
      let cached = known.get(key);
      if (cached === undefined) {
        const target = yamlTarget(chunk.result.ast as unknown as YamlNode, inChunk.innerPath);
        const lines = target && lineIndexFor(chunk.result, chunk.text);
        const local =
          target && lines
            ? {
                range: lines.rangeOf(target.start, target.end),
                valueRange: lines.rangeOf(target.valueStart, target.valueEnd),
              }
            : undefined;
        cached = local ? { local, placedAt: -1, placed: local } : null;
        known.set(key, cached);
      }
      if (!cached) return undefined;
      if (cached.placedAt !== chunk.startLine) {
        cached.placed = {
          range: shiftRange(cached.local.range, chunk.startLine),
          valueRange: shiftRange(cached.local.valueRange, chunk.startLine),
        };
        cached.placedAt = chunk.startLine;
      }
      return cached.placed;
    }
    const { skeleton, containers } = result.chunked;
    const target = yamlTarget(skeleton.result.ast as unknown as YamlNode, path);
    if (!target) return undefined;
    const lines = lineIndexFor(skeleton.result, skeleton.text);
    const toDocument = (range: Range): Range => ({
      start: { line: skeletonLineToDocument(skeleton, range.start.line), character: range.start.character },
      end: { line: skeletonLineToDocument(skeleton, range.end.line), character: range.end.character },
    });
    const range = toDocument(lines.rangeOf(target.start, target.end));
    const valueRange = toDocument(lines.rangeOf(target.valueStart, target.valueEnd));
    // A node that holds chunks ends where its last chunk ends.
    for (const container of containers) {
      if (container.path.length < path.length || !path.every((segment, i) => String(segment) === container.path[i]))
        continue;
      const last = container.chunks[container.chunks.length - 1];
      const lastAst = last?.result.ast as unknown as YamlNode | undefined;
      if (!last || !lastAst) continue;
      const end = shiftRange(
        lineIndexFor(last.result, last.text).rangeOf(lastAst.endPosition, lastAst.endPosition),
        last.startLine,
      ).end;
      if (
        end.line > valueRange.end.line ||
        (end.line === valueRange.end.line && end.character > valueRange.end.character)
      )
        valueRange.end = end;
    }
    return { range, valueRange };
  }
}

/** Entries of large YAML mappings by key, so that a path lookup does not scan hundreds of entries per step. */
const mappingKeys = new WeakMap<YamlNode, Map<string, YamlNode>>();

function findMapping(map: YamlNode, segment: string): YamlNode | undefined {
  const mappings = map.mappings ?? [];
  if (mappings.length < 16) return mappings.find((m) => m.key && String((m.key as YamlNode).value) === segment);
  let byKey = mappingKeys.get(map);
  if (!byKey) {
    byKey = new Map();
    for (const m of mappings)
      if (m.key) {
        const key = String((m.key as YamlNode).value);
        if (!byKey.has(key)) byKey.set(key, m);
      }
    mappingKeys.set(map, byKey);
  }
  return byKey.get(segment);
}

function derefYaml(node: YamlNode | null | undefined): YamlNode | null | undefined {
  let current = node;
  for (let hops = 0; current && current.kind === YamlKind.AnchorRef && hops < 32; hops++)
    current = current.value as YamlNode;
  return current;
}

function yamlTarget(root: YamlNode, path: JsonPath) {
  let node = derefYaml(root);
  let keyNode: YamlNode | undefined;
  let viaSequence = false;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.kind === YamlKind.Map) {
      const mapping = findMapping(node, String(segment));
      if (!mapping) return undefined;
      keyNode = mapping.key as YamlNode;
      node = derefYaml(mapping.value as YamlNode | null);
      viaSequence = false;
      if (!node)
        return {
          start: keyNode.startPosition,
          end: keyNode.endPosition,
          valueStart: keyNode.startPosition,
          valueEnd: mapping.endPosition,
        };
    } else if (node.kind === YamlKind.Seq) {
      const item = node.items?.[Number(segment)];
      if (!item) return undefined;
      node = derefYaml(item);
      keyNode = undefined;
      viaSequence = true;
    } else {
      return undefined;
    }
  }
  if (!node) return undefined;
  const isCollection = node.kind === YamlKind.Map || node.kind === YamlKind.Seq;
  if (!isCollection || (!keyNode && !viaSequence)) {
    return {
      start: node.startPosition,
      end: node.endPosition,
      valueStart: node.startPosition,
      valueEnd: node.endPosition,
    };
  }
  if (keyNode)
    return {
      start: keyNode.startPosition,
      end: keyNode.endPosition,
      valueStart: node.startPosition,
      valueEnd: node.endPosition,
    };
  // A collection inside a sequence has no key: point at its first entry's key (`- name: id` -> `name`).
  const first = node.kind === YamlKind.Map ? (node.mappings?.[0]?.key as YamlNode | undefined) : undefined;
  const anchor = first ?? node;
  return {
    start: anchor.startPosition,
    end: first ? first.endPosition : anchor.startPosition + 1,
    valueStart: node.startPosition,
    valueEnd: node.endPosition,
  };
}

function jsonTarget(root: JsonNode, path: JsonPath) {
  let node: JsonNode | undefined = root;
  let keyNode: JsonNode | undefined;
  let viaSequence = false;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'object') {
      const property: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === String(segment));
      if (!property) return undefined;
      keyNode = property.children![0];
      node = property.children![1];
      viaSequence = false;
    } else if (node.type === 'array') {
      node = node.children?.[Number(segment)];
      keyNode = undefined;
      viaSequence = true;
    } else {
      return undefined;
    }
  }
  if (!node) return undefined;
  const isCollection = node.type === 'object' || node.type === 'array';
  const valueStart = node.offset;
  const valueEnd = node.offset + node.length;
  if (!isCollection || (!keyNode && !viaSequence)) return { start: valueStart, end: valueEnd, valueStart, valueEnd };
  if (keyNode) return { start: keyNode.offset, end: keyNode.offset + keyNode.length, valueStart, valueEnd };
  const firstKey = node.type === 'object' ? node.children?.[0]?.children?.[0] : undefined;
  return firstKey
    ? { start: firstKey.offset, end: firstKey.offset + firstKey.length, valueStart, valueEnd }
    : { start: valueStart, end: valueStart + 1, valueStart, valueEnd };
}
