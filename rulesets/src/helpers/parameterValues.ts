// What a parameter's value is, beyond its name: an identifier of the resource its path names
// (`/v1/tokens/{token}`, `/sessions/{session_id}`), or a value that cannot hold a secret (a flag, a fixed choice).
import { isObject, schemaTypes, type JsonObject } from '../index/openapiIndex';
import { splitIdentifier } from '../sensitive/words';

// Words that end a parameter name without changing what it names: `session_id`, `CredentialListSid`.
const ID_SUFFIXES = new Set(['id', 'ids', 'sid', 'uuid', 'guid']);
// A description that says the value identifies something ("Unique identifier for the session").
const IDENTIFIER_DESCRIPTION = /\b(?:identifier|unique id|id of the|the id)\b/i;

function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

/**
 * A path parameter that names an object of the collection before it (`/authorizations/{authorization}`,
 * `/CredentialLists/{CredentialListSid}`), or whose description calls it an identifier: its value says which
 * object, whatever its name says the object is.
 */
export function identifiesResource(path: string, parameter: JsonObject): boolean {
  if (parameter.in !== 'path' || typeof parameter.name !== 'string') return false;
  if (typeof parameter.description === 'string' && IDENTIFIER_DESCRIPTION.test(parameter.description)) return true;
  const segments = path.split('/');
  const at = segments.indexOf(`{${parameter.name}}`);
  if (at < 1) return false;
  const collection = splitIdentifier(segments[at - 1]!.replace(/\.[a-z]+$/i, '')).map(singular);
  const named = [...splitIdentifier(parameter.name)];
  while (named.length > 1 && ID_SUFFIXES.has(named[named.length - 1]!)) named.pop();
  if (collection.length < named.length || named.length === 0) return false;
  const tail = collection.slice(collection.length - named.length);
  return tail.every((word, i) => word === singular(named[i]!));
}

/** A boolean or a closed set of values (`enum`): whatever its name, it cannot carry a secret. */
export function cannotHoldSecret(parameter: JsonObject): boolean {
  const schema = isObject(parameter.schema) ? parameter.schema : parameter; // Swagger 2.0 keeps `type` on the parameter
  const types = schemaTypes(schema);
  if (types.length > 0 && types.every((t) => t === 'boolean')) return true;
  return Array.isArray(schema.enum) && schema.enum.length > 0;
}
