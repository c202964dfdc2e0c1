// Locations in a chunked parse (`chunkedYaml.ts`), in document lines: a JSON path inside an entry is located in
// that entry's own parse and shifted by the line it starts on, one outside every entry in the skeleton's parse and
// mapped through its segments.
import { getLocationForJsonPath as yamlLocationForJsonPath } from '@stoplight/yaml';
import type { ILocation, JsonPath } from '@stoplight/types';
import type { Chunk, ChunkedYamlResult, Skeleton } from './chunkedYaml';

type YamlResult = Parameters<typeof yamlLocationForJsonPath>[0];

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
    if (container.path.length < path.length || !path.every((segment, i) => String(segment) === container.path[i]))
      continue;
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
  return {
    ...location,
    range: {
      start: { line: mapLine(start.line), character: start.character },
      end: { line: mapLine(end.line), character: end.character },
    },
  };
}
