// The schemas an operation's requests and responses reach, each visited once: the walk behind the index's
// `schemasByUsage` and `operationSchemas`. It follows every subschema keyword, and the refs the resolver left at
// cycles back to where the schema is defined. Paths are built lazily: a spec has many schemas and only the few
// with findings need theirs.
import type {
  IndexedOperation,
  IndexedSchema,
  JsonObject,
  JsonPath,
  OpenApiIndex,
  SchemaUsage,
  SpecVersion,
} from './indexTypes';
import { isObject } from './jsonValues';
import { responsesOf } from './operationQueries';

/** Every schema the requests (or responses) of all operations reach, each once however many operations share it. */
export function collectSchemas(index: OpenApiIndex, usage: SchemaUsage): IndexedSchema[] {
  const seen = new Set<object>();
  const out: IndexedSchema[] = [];
  for (const op of index.operations) collectOperationSchemas(index.version, op, usage, seen, out, index.root);
  return out;
}

/** Adds to `out` the schemas one operation's requests (or responses) reach that are not in `seen` yet. */
export function collectOperationSchemas(
  version: SpecVersion,
  op: IndexedOperation,
  usage: SchemaUsage,
  seen: Set<object>,
  out: IndexedSchema[],
  root: JsonObject,
): IndexedSchema[] {
  const visit = (schema: unknown, jsonPath: JsonPath, parameterName?: string) =>
    walkSchema(schema, jsonPath, seen, out, root, parameterName);
  if (usage === 'request') {
    for (const { parameter, jsonPath } of op.parameters) {
      const name = typeof parameter.name === 'string' ? parameter.name : undefined;
      if (isObject(parameter.schema))
        visit(parameter.schema, [...jsonPath, 'schema'], parameter.in === 'body' ? undefined : name);
      if (version === '2.0' && parameter.in === 'body') continue;
      if (version === '2.0') visit(parameter, jsonPath, name); // Swagger 2.0 non-body parameters are schemas themselves
      visitContent(parameter.content, [...jsonPath, 'content'], (schema, path) => visit(schema, path, name));
    }
    const body = op.operation.requestBody;
    if (isObject(body)) visitContent(body.content, [...op.jsonPath, 'requestBody', 'content'], visit);
  } else {
    for (const { response, jsonPath } of responsesOf(op.operation, op.jsonPath)) {
      if (isObject(response.schema)) visit(response.schema, [...jsonPath, 'schema']);
      visitContent(response.content, [...jsonPath, 'content'], visit);
    }
  }
  return out;
}

function visitContent(content: unknown, basePath: JsonPath, visit: (schema: unknown, path: JsonPath) => void): void {
  if (!isObject(content)) return;
  for (const [mediaType, media] of Object.entries(content)) {
    if (isObject(media) && isObject(media.schema)) visit(media.schema, [...basePath, mediaType, 'schema']);
  }
}

const SCHEMA_LIST_KEYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SCHEMA_SINGLE_KEYS = [
  'items',
  'additionalProperties',
  'not',
  'contains',
  'unevaluatedProperties',
  'unevaluatedItems',
  'if',
  'then',
  'else',
  'propertyNames',
] as const;
const SCHEMA_MAP_KEYS = ['patternProperties', 'dependentSchemas'] as const;

/** A path built by appending to a parent: schemas are many, and only those with findings need their path. */
class LazyPath {
  private materialized: JsonPath | undefined;

  constructor(
    private readonly parent: LazyPath | JsonPath,
    private readonly tail: (string | number)[],
  ) {}

  get path(): JsonPath {
    if (!this.materialized) {
      const base = Array.isArray(this.parent) ? this.parent : this.parent.path;
      this.materialized = base.concat(this.tail);
    }
    return this.materialized;
  }
}

class SchemaEntry implements IndexedSchema {
  propertyName?: string;
  parameterName?: string;

  constructor(
    readonly schema: JsonObject,
    private readonly lazyPath: LazyPath,
  ) {}

  get jsonPath(): JsonPath {
    return this.lazyPath.path;
  }
}

/** A subschema directly inside a schema: its value and the path segments that lead to it. */
interface SchemaChild {
  schema: JsonObject;
  tail: (string | number)[];
  propertyName: string | undefined;
}

/**
 * The subschemas directly inside each schema object. Resolved objects do not change once made, and an editor's
 * next lint gets the same objects back for everything it did not touch, so this is worked out once per object,
 * not once per lint.
 */
const schemaChildren = new WeakMap<object, SchemaChild[]>();

function childrenOf(schema: JsonObject): SchemaChild[] {
  const known = schemaChildren.get(schema);
  if (known) return known;
  const found: SchemaChild[] = [];
  const add = (value: unknown, tail: (string | number)[], propertyName?: string) => {
    if (isObject(value)) found.push({ schema: value, tail, propertyName });
  };
  const properties = schema.properties;
  if (isObject(properties))
    for (const name of Object.keys(properties)) add(properties[name], ['properties', name], name);
  for (const key of SCHEMA_LIST_KEYS) {
    const list = schema[key];
    if (Array.isArray(list)) for (let i = 0; i < list.length; i++) add(list[i], [key, i]);
  }
  for (const key of SCHEMA_SINGLE_KEYS) add(schema[key], [key]);
  for (const key of SCHEMA_MAP_KEYS) {
    const map = schema[key];
    if (isObject(map)) for (const name of Object.keys(map)) add(map[name], [key, name]);
  }
  schemaChildren.set(schema, found);
  return found;
}

function walkSchema(
  schema: unknown,
  jsonPath: JsonPath,
  seen: Set<object>,
  out: IndexedSchema[],
  root: JsonObject,
  parameterName?: string,
): void {
  if (!isObject(schema) || seen.has(schema)) return;
  // Iterative, so that deeply nested real-world schemas cannot overflow the stack. The stack holds each
  // subschema with its parent's path; the path object is made only for schemas actually visited.
  const children: SchemaChild[] = [{ schema, tail: [], propertyName: undefined }];
  const parents: (LazyPath | JsonPath)[] = [jsonPath];
  let first = true;
  while (children.length > 0) {
    const item = children.pop()!;
    const parent = parents.pop()!;
    const current = item.schema;
    if (seen.has(current)) continue;
    if (typeof current.$ref === 'string') {
      // A ref the resolver left in place closes a cycle (`Node.children -> Node`): follow it to where the
      // schema is defined, which is also where findings about it belong.
      const target = localRefTarget(root, current.$ref);
      if (target && isObject(target.value) && !seen.has(target.value)) {
        children.push({ schema: target.value, tail: [], propertyName: item.propertyName });
        parents.push(target.path);
      }
      continue;
    }
    seen.add(current);
    const path = new LazyPath(parent, item.tail);
    const entry = new SchemaEntry(current, path);
    if (item.propertyName !== undefined) entry.propertyName = item.propertyName;
    if (first && parameterName !== undefined) entry.parameterName = parameterName;
    first = false;
    out.push(entry);
    for (const child of childrenOf(current)) {
      if (seen.has(child.schema)) continue;
      children.push(child);
      parents.push(path);
    }
  }
}

/** The value a local `$ref` (`#/components/schemas/Node`) points at in the resolved document, with its path. */
export function localRefTarget(root: JsonObject, ref: string): { value: unknown; path: JsonPath } | undefined {
  if (!ref.startsWith('#/')) return undefined;
  const path: JsonPath = ref
    .slice(2)
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // keep it as written
      }
      return decoded.replace(/~1/g, '/').replace(/~0/g, '~');
    });
  let value: unknown = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value === undefined ? undefined : { value, path };
}
