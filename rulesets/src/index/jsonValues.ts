// Readers of plain JSON values that the index and the rules share: is a value an object, which types a schema
// declares. A leaf module (it imports only the index types), so every other part of the index can use it.
import type { JsonObject } from './indexTypes';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One shared list per single type name: rules ask for the types of every schema of a spec, several times each. */
const singleTypes = new Map<string, readonly string[]>();
const NO_TYPES: readonly string[] = Object.freeze([]);

/** The JSON Schema `type` of a schema as a list (`type: [string, null]` in 3.1, `type: string` elsewhere). */
export function schemaTypes(schema: JsonObject): readonly string[] {
  const type = schema.type;
  if (typeof type === 'string') {
    let types = singleTypes.get(type);
    if (!types) {
      types = Object.freeze([type]);
      if (singleTypes.size < 1000) singleTypes.set(type, types); // type names are few, unless a spec is broken
    }
    return types;
  }
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return NO_TYPES;
}
