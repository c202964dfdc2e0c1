// The parsed spec a fix reads to choose values (which bounds a schema lacks, what a same-named property elsewhere
// uses). Parsed once per text: a fix-all asks for it once per finding of the same text.
import { SourceDocument } from '../openapi/sourceDocument';
import { uriToPath } from '../uris';

type JsonPath = (string | number)[];

let last: { uri: string; text: string; document: SourceDocument } | undefined;

export function specDocument(text: string, uri: string, json: boolean): SourceDocument {
  if (last?.uri !== uri || last.text !== text)
    last = { uri, text, document: new SourceDocument(text, json ? 'json' : 'yaml', uriToPath(uri)) };
  return last.document;
}

export function valueAt(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

const sameNamed = new WeakMap<object, Map<string, number | undefined>>();

/**
 * A value of `keyword` (e.g. `maxLength`) that a schema of the same name uses elsewhere in the document: a property
 * `name` under some `properties`, or a parameter named `name`. The most common one, ties to the first met.
 */
export function sameNamedBound(data: unknown, name: string, keyword: string): number | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  let cache = sameNamed.get(data);
  if (!cache) sameNamed.set(data, (cache = new Map()));
  const key = `${keyword}\u0000${name}`;
  if (cache.has(key)) return cache.get(key);
  const counts = new Map<number, number>();
  const seen = new Set<object>();
  const note = (schema: unknown) => {
    const value = (schema as Record<string, unknown> | undefined)?.[keyword];
    if (typeof value === 'number') counts.set(value, (counts.get(value) ?? 0) + 1);
  };
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const record = node as Record<string, unknown>;
    const properties = record.properties;
    if (typeof properties === 'object' && properties !== null) note((properties as Record<string, unknown>)[name]);
    if (record.name === name && typeof record.in === 'string') note(record.schema ?? record);
    for (const value of Object.values(record)) walk(value);
  };
  walk(data);
  let best: number | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  cache.set(key, best);
  return best;
}
