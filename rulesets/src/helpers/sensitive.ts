// The sensitive-data classifier as OpenAPI rules use it: on indexed schemas and parameters, cached per schema.
import { atLeast, classifyField, regulationsFor, type DataClass, type DataClassMatch } from '../sensitive';
import type { ClassifierOptions } from '../sensitive/types';
import type { IndexedSchema, JsonObject } from '../index/openapiIndex';

// Keyed by the schema object first (resolved objects an edit did not touch are the same objects in the next
// lint), then by what the classifier reads (name, description, format, pattern) when the schema has no examples:
// schemas that were copied (they hold refs) but did not change keep their classification, and an editor's
// keystroke re-classifies almost nothing.
const cache = new WeakMap<object, WeakMap<object, Map<string, DataClassMatch[]>>>();
const byContent = new WeakMap<object, Map<string, DataClassMatch[]>>();
const CONTENT_CACHE_LIMIT = 200_000;
const NO_OPTIONS = {};

function examplesOf(schema: JsonObject): unknown[] | undefined {
  const out: unknown[] = [];
  if (schema.example !== undefined) out.push(schema.example);
  if (Array.isArray(schema.examples)) out.push(...schema.examples.slice(0, 4));
  return out.length > 0 ? out : undefined;
}

/** Classes a named schema (a property or parameter) holds, at medium confidence or more. */
export function classifySchemaEntry(
  entry: IndexedSchema,
  options: ClassifierOptions | undefined,
  name = entry.propertyName ?? entry.parameterName,
): DataClassMatch[] {
  if (name === undefined) return [];
  const key = options ?? NO_OPTIONS;
  let perOptions = cache.get(key);
  if (!perOptions) cache.set(key, (perOptions = new WeakMap()));
  const schema = entry.schema;
  // The same schema object again (unchanged between lints, or shared): no key string to build.
  let perName = perOptions.get(schema);
  if (!perName) perOptions.set(schema, (perName = new Map()));
  const cached = perName.get(name);
  if (cached) return cached;
  const examples = examplesOf(schema);
  let contentKey: string | undefined;
  let contentCache: Map<string, DataClassMatch[]> | undefined;
  if (!examples) {
    contentKey = `${name}\u0000${typeof schema.description === 'string' ? schema.description : ''}\u0000${typeof schema.format === 'string' ? schema.format : ''}\u0000${typeof schema.pattern === 'string' ? schema.pattern : ''}`;
    contentCache = byContent.get(key);
    if (!contentCache) byContent.set(key, (contentCache = new Map()));
    const known = contentCache.get(contentKey);
    if (known) {
      perName.set(name, known);
      return known;
    }
  }
  const result = atLeast(
    classifyField(
      {
        name,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
        ...(examples ? { examples } : {}),
      },
      options,
    ),
    'medium',
  );
  perName.set(name, result);
  if (contentCache && contentKey !== undefined) {
    if (contentCache.size >= CONTENT_CACHE_LIMIT) contentCache.clear();
    contentCache.set(contentKey, result);
  }
  return result;
}

/** `government-id (GDPR, CCPA)` style text for messages. */
export function describeClasses(classes: readonly DataClass[]): string {
  const regulations = regulationsFor(classes);
  return `${classes.join(', ')}${regulations.length > 0 ? ` (${regulations.join(', ')})` : ''}`;
}

export function classesOf(matches: readonly DataClassMatch[]): DataClass[] {
  return matches.map((m) => m.dataClass);
}
