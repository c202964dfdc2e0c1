// How refs are spelled and where they point: a `$ref` string to its target's source and path, the canonical
// key of a location (one spelling however a ref percent-encodes it), and the pointer format of Spectral's
// refMaps. Pure functions of strings, shared by the graph (refGraph.ts) and the resolution (refResolution.ts).
import { dirname as pathDirname, resolve as pathResolve } from 'node:path';
import { encodePointerUriFragment } from '@stoplight/json';
import type { RefTarget } from './resolutionState';

/** Where `ref`, written in `fromSource`, points: its node key, source and path; undefined when malformed. */
export function computeTarget(fromSource: string, ref: string): RefTarget | undefined {
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? '' : ref.slice(hash + 1);
  const segments = parsePointer(pointer);
  if (!segments) return undefined;
  const source = location === '' ? fromSource : resolveLocation(fromSource, location);
  return { key: `${source}#${canonicalPointer(segments)}`, source, segments };
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
export function canonicalPointer(segments: (string | number)[]): string {
  let out = '';
  for (const segment of segments) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

/** The segments of a canonical pointer (the part of a node key after `#`). */
export function splitCanonicalPointer(pointer: string): string[] {
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

/** The value at `segments` inside `data` (own properties only); undefined when there is none. */
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
export function pointerOf(segments: (string | number)[]): string {
  let out = '#';
  for (const segment of segments) out += '/' + String(encodePointerUriFragment(segment));
  return out;
}
