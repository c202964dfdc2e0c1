// The sensitive-data classifier as OpenAPI rules use it: on indexed schemas and parameters, cached per schema.
import { atLeast, classifyField, regulationsFor, type DataClass, type DataClassMatch } from '../../../server/src/engine/sensitive';
import type { ClassifierOptions } from '../../../server/src/engine/sensitive/types';
import type { IndexedSchema, JsonObject } from '../index/openapiIndex';

const cache = new WeakMap<object, WeakMap<object, DataClassMatch[]>>();
const NO_OPTIONS = {};

function examplesOf(schema: JsonObject): unknown[] | undefined {
  const out: unknown[] = [];
  if (schema.example !== undefined) out.push(schema.example);
  if (Array.isArray(schema.examples)) out.push(...schema.examples.slice(0, 4));
  return out.length > 0 ? out : undefined;
}

/** Classes a named schema (a property or parameter) holds, at medium confidence or more. */
export function classifySchemaEntry(entry: IndexedSchema, options: ClassifierOptions | undefined, name = entry.propertyName ?? entry.parameterName): DataClassMatch[] {
  if (name === undefined) return [];
  const key = options ?? NO_OPTIONS;
  let perOptions = cache.get(key);
  if (!perOptions) cache.set(key, (perOptions = new WeakMap()));
  const cached = perOptions.get(entry);
  if (cached) return cached;
  const schema = entry.schema;
  const result = atLeast(
    classifyField(
      {
        name,
        ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
        ...(typeof schema.format === 'string' ? { format: schema.format } : {}),
        ...(typeof schema.pattern === 'string' ? { pattern: schema.pattern } : {}),
        ...(examplesOf(schema) ? { examples: examplesOf(schema)! } : {}),
      },
      options,
    ),
    'medium',
  );
  perOptions.set(entry, result);
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
