// The sensitive-data classifier as OpenAPI rules use it: on indexed schemas and parameters, cached per schema.
import { atLeast, classifyField, regulationsFor, type DataClass, type DataClassMatch } from '../../../server/src/engine/sensitive';
import type { ClassifierOptions } from '../../../server/src/engine/sensitive/types';
import type { IndexedSchema, JsonObject } from '../index/openapiIndex';

// Keyed by the schema object and the name it is known by: resolved schemas keep their identity between an
// editor's lints while their text is unchanged, so most classifications are not redone on a keystroke.
const cache = new WeakMap<object, WeakMap<object, Map<string, DataClassMatch[]>>>();
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
  const schema = entry.schema;
  let perName = perOptions.get(schema);
  if (!perName) perOptions.set(schema, (perName = new Map()));
  const cached = perName.get(name);
  if (cached) return cached;
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
  perName.set(name, result);
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
