// A per-document index of an OpenAPI description, built in one pass over the resolved document and shared by
// every rule of our rulesets. Rules query it instead of walking the document with `$..` JSONPath filters, which
// is what makes other OpenAPI security rulesets take minutes on large specs.

export type JsonPath = (string | number)[];
export type JsonObject = Record<string, unknown>;

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type SpecVersion = '2.0' | '3.0' | '3.1' | '3.2';

export interface IndexedOperation {
  method: HttpMethod;
  /** Path template as written under `paths`, e.g. `/users/{id}`. */
  path: string;
  operation: JsonObject;
  pathItem: JsonObject;
  jsonPath: JsonPath;
  /** The security requirements in force: the operation's own, else the document's; undefined when neither. */
  security: JsonObject[] | undefined;
  /** Where the requirements in force come from. */
  securitySource: 'operation' | 'document' | 'none';
  /** Parameters in force: path-item level merged with operation level (operation wins by name+in). */
  parameters: { parameter: JsonObject; jsonPath: JsonPath }[];
}

export interface IndexedSecurityScheme {
  name: string;
  scheme: JsonObject;
  jsonPath: JsonPath;
}

export interface IndexedServer {
  url: string;
  jsonPath: JsonPath;
}

export type SchemaUsage = 'request' | 'response';

export interface IndexedSchema {
  schema: JsonObject;
  /**
   * First JSON path (in the resolved document) at which the schema was reached. Built when first read: read it
   * for a finding only (destructuring `jsonPath` in a loop over every schema builds thousands of paths per lint).
   */
  jsonPath: JsonPath;
  /** Name of the property this schema is the value of, when it is one. */
  propertyName?: string;
  /** Name of the parameter this schema describes, when it is a parameter's schema. */
  parameterName?: string;
}

/** An operation the API sends to its consumers: an OAS 3 `callbacks` entry or an OAS 3.1 `webhooks` entry. */
export interface IndexedCallbackOperation {
  kind: 'callback' | 'webhook';
  /** Callback or webhook name. */
  name: string;
  /** Runtime expression of a callback (`{$request.body#/callbackUrl}`). */
  expression?: string;
  method: HttpMethod;
  operation: JsonObject;
  jsonPath: JsonPath;
  /** The operation that registers the callback (callbacks only). */
  owner?: IndexedOperation;
}

export interface IndexedResponse {
  /** Status code as written (`200`, `4XX`, `default`). */
  status: string;
  response: JsonObject;
  jsonPath: JsonPath;
}

export interface IndexedExample {
  value: unknown;
  jsonPath: JsonPath;
  /** Name of the property or parameter the example belongs to, when known. */
  name?: string;
}

export interface OpenApiIndex {
  version: SpecVersion;
  root: JsonObject;
  operations: IndexedOperation[];
  securitySchemes: Map<string, IndexedSecurityScheme>;
  globalSecurity: JsonObject[] | undefined;
  servers: IndexedServer[];
  /** Swagger 2.0 `schemes` (e.g. http, https) with their paths. */
  swaggerSchemes: { scheme: string; jsonPath: JsonPath }[];
  /** Every schema reachable from request parameters and bodies / from responses, each visited once. */
  schemasByUsage(usage: SchemaUsage): IndexedSchema[];
  /** Callback operations (OAS 3) and webhooks (OAS 3.1). */
  callbacks: IndexedCallbackOperation[];
  /** Whether a schema object is reachable from requests / responses (shared schemas are both). */
  schemaIsUsedIn(schema: object, usage: SchemaUsage): boolean;
  /** The schemas of one operation's requests or responses (a walk of its own, cached per operation). */
  operationSchemas(op: IndexedOperation, usage: SchemaUsage): IndexedSchema[];
  /** Example and default values of parameters, media types and schemas (requests and responses), each once. */
  examples(): IndexedExample[];
}

const indexCache = new WeakMap<object, OpenApiIndex>();

/** The index of a resolved document, built at most once per document object. */
export function getOpenApiIndex(resolvedRoot: unknown): OpenApiIndex | null {
  if (!isObject(resolvedRoot)) return null;
  const cached = indexCache.get(resolvedRoot);
  if (cached) return cached;
  const version = specVersionOf(resolvedRoot);
  if (!version) return null;
  const index = buildIndex(resolvedRoot, version);
  indexCache.set(resolvedRoot, index);
  return index;
}

export function specVersionOf(root: JsonObject): SpecVersion | null {
  if (typeof root.swagger === 'string' && root.swagger.startsWith('2')) return '2.0';
  if (typeof root.openapi !== 'string') return null;
  if (root.openapi.startsWith('3.0')) return '3.0';
  if (root.openapi.startsWith('3.1')) return '3.1';
  if (root.openapi.startsWith('3.')) return '3.2';
  return null;
}

function buildIndex(root: JsonObject, version: SpecVersion): OpenApiIndex {
  const globalSecurity = Array.isArray(root.security) ? (root.security.filter(isObject) as JsonObject[]) : undefined;
  const operations: IndexedOperation[] = [];
  const paths = isObject(root.paths) ? root.paths : {};
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem)) continue;
    const pathLevelParameters = collectParameters(pathItem.parameters, ['paths', path, 'parameters']);
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const jsonPath: JsonPath = ['paths', path, method];
      const own = Array.isArray(operation.security) ? (operation.security.filter(isObject) as JsonObject[]) : undefined;
      const security = own ?? globalSecurity;
      operations.push({
        method,
        path,
        operation,
        pathItem,
        jsonPath,
        security,
        securitySource: own ? 'operation' : globalSecurity ? 'document' : 'none',
        parameters: mergeParameters(
          pathLevelParameters,
          collectParameters(operation.parameters, [...jsonPath, 'parameters']),
        ),
      });
    }
  }

  const securitySchemes = new Map<string, IndexedSecurityScheme>();
  const schemeContainerPath: JsonPath = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const schemeContainer =
    version === '2.0'
      ? root.securityDefinitions
      : isObject(root.components)
        ? root.components.securitySchemes
        : undefined;
  if (isObject(schemeContainer)) {
    for (const [name, scheme] of Object.entries(schemeContainer)) {
      if (isObject(scheme)) securitySchemes.set(name, { name, scheme, jsonPath: [...schemeContainerPath, name] });
    }
  }

  const servers: IndexedServer[] = [];
  const swaggerSchemes: { scheme: string; jsonPath: JsonPath }[] = [];
  if (version === '2.0') {
    if (Array.isArray(root.schemes)) {
      root.schemes.forEach((scheme, i) => {
        if (typeof scheme === 'string') swaggerSchemes.push({ scheme, jsonPath: ['schemes', i] });
      });
    }
    for (const op of operations) {
      const schemes = op.operation.schemes;
      if (!Array.isArray(schemes)) continue;
      schemes.forEach((scheme, i) => {
        if (typeof scheme === 'string') swaggerSchemes.push({ scheme, jsonPath: [...op.jsonPath, 'schemes', i] });
      });
    }
  } else {
    collectServers(root.servers, ['servers'], servers);
    for (const [path, pathItem] of Object.entries(paths)) {
      if (isObject(pathItem)) collectServers(pathItem.servers, ['paths', path, 'servers'], servers);
    }
    for (const op of operations) collectServers(op.operation.servers, [...op.jsonPath, 'servers'], servers);
  }

  const callbacks = collectCallbacks(root, version, operations);
  const schemaCache = new Map<SchemaUsage, IndexedSchema[]>();
  const usageSets = new Map<SchemaUsage, Set<object>>();
  const perOperation = new Map<IndexedOperation, Map<SchemaUsage, IndexedSchema[]>>();
  let examples: IndexedExample[] | undefined;
  const index: OpenApiIndex = {
    version,
    root,
    operations,
    securitySchemes,
    globalSecurity,
    servers,
    swaggerSchemes,
    schemasByUsage(usage) {
      let list = schemaCache.get(usage);
      if (!list) {
        list = collectSchemas(index, usage);
        schemaCache.set(usage, list);
      }
      return list;
    },
    callbacks,
    schemaIsUsedIn(schema, usage) {
      let set = usageSets.get(usage);
      if (!set) {
        set = new Set(index.schemasByUsage(usage).map((entry) => entry.schema));
        usageSets.set(usage, set);
      }
      return set.has(schema);
    },
    operationSchemas(op, usage) {
      let byUsage = perOperation.get(op);
      if (!byUsage) perOperation.set(op, (byUsage = new Map()));
      let list = byUsage.get(usage);
      if (!list) {
        list = collectOperationSchemas(index.version, op, usage, new Set(), [], root);
        byUsage.set(usage, list);
      }
      return list;
    },
    examples() {
      return (examples ??= collectExamples(index));
    },
  };
  return index;
}

function collectCallbacks(
  root: JsonObject,
  version: SpecVersion,
  operations: IndexedOperation[],
): IndexedCallbackOperation[] {
  const out: IndexedCallbackOperation[] = [];
  if (version === '2.0') return out;
  const addPathItem = (
    pathItem: unknown,
    base: JsonPath,
    extra: Omit<IndexedCallbackOperation, 'method' | 'operation' | 'jsonPath'>,
  ) => {
    if (!isObject(pathItem)) return;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isObject(operation)) out.push({ ...extra, method, operation, jsonPath: [...base, method] });
    }
  };
  for (const owner of operations) {
    const cbs = owner.operation.callbacks;
    if (!isObject(cbs)) continue;
    for (const [name, callback] of Object.entries(cbs)) {
      if (!isObject(callback)) continue;
      for (const [expression, pathItem] of Object.entries(callback)) {
        addPathItem(pathItem, [...owner.jsonPath, 'callbacks', name, expression], {
          kind: 'callback',
          name,
          expression,
          owner,
        });
      }
    }
  }
  if (isObject(root.webhooks)) {
    for (const [name, pathItem] of Object.entries(root.webhooks))
      addPathItem(pathItem, ['webhooks', name], { kind: 'webhook', name });
  }
  return out;
}

/** Responses lists by `responses` object: a dozen rules ask for them, and unchanged operations keep their objects. */
const responseLists = new WeakMap<object, { operationPath: JsonPath; responses: IndexedResponse[] }>();

/** The responses of an operation, in document order (the list is shared: do not change it). */
export function responsesOf(operation: JsonObject, operationPath: JsonPath): IndexedResponse[] {
  const responses = operation.responses;
  if (!isObject(responses)) return [];
  const cached = responseLists.get(responses);
  if (cached && samePath(cached.operationPath, operationPath)) return cached.responses;
  const out: IndexedResponse[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (isObject(response)) out.push({ status, response, jsonPath: [...operationPath, 'responses', status] });
  }
  responseLists.set(responses, { operationPath, responses: out });
  return out;
}

function samePath(a: JsonPath, b: JsonPath): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A response's headers by lower-case name. */
export function responseHeaders(response: IndexedResponse): Map<string, { header: JsonObject; jsonPath: JsonPath }> {
  const out = new Map<string, { header: JsonObject; jsonPath: JsonPath }>();
  const headers = response.response.headers;
  if (!isObject(headers)) return out;
  for (const [name, header] of Object.entries(headers)) {
    if (isObject(header)) out.set(name.toLowerCase(), { header, jsonPath: [...response.jsonPath, 'headers', name] });
  }
  return out;
}

/** Whether a status code (`429`, `4XX`, `default`) is written for the operation. */
export function hasResponse(operation: JsonObject, ...statuses: string[]): boolean {
  const responses = operation.responses;
  if (!isObject(responses)) return false;
  return statuses.some((status) => isObject(responses[status]) || isObject(responses[status.toLowerCase()]));
}

function collectParameters(value: unknown, basePath: JsonPath): { parameter: JsonObject; jsonPath: JsonPath }[] {
  if (!Array.isArray(value)) return [];
  const out: { parameter: JsonObject; jsonPath: JsonPath }[] = [];
  value.forEach((parameter, i) => {
    if (isObject(parameter)) out.push({ parameter, jsonPath: [...basePath, i] });
  });
  return out;
}

function mergeParameters(
  pathLevel: { parameter: JsonObject; jsonPath: JsonPath }[],
  operationLevel: { parameter: JsonObject; jsonPath: JsonPath }[],
): { parameter: JsonObject; jsonPath: JsonPath }[] {
  const key = (p: JsonObject) => `${String(p.in)}:${String(p.name)}`;
  const overridden = new Set(operationLevel.map((p) => key(p.parameter)));
  return [...pathLevel.filter((p) => !overridden.has(key(p.parameter))), ...operationLevel];
}

function collectServers(value: unknown, basePath: JsonPath, out: IndexedServer[]): void {
  if (!Array.isArray(value)) return;
  value.forEach((server, i) => {
    if (isObject(server) && typeof server.url === 'string')
      out.push({ url: server.url, jsonPath: [...basePath, i, 'url'] });
  });
}

// ---- schemas -------------------------------------------------------------------------------------------------

function collectSchemas(index: OpenApiIndex, usage: SchemaUsage): IndexedSchema[] {
  const seen = new Set<object>();
  const out: IndexedSchema[] = [];
  for (const op of index.operations) collectOperationSchemas(index.version, op, usage, seen, out, index.root);
  return out;
}

function collectOperationSchemas(
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

// ---- examples ------------------------------------------------------------------------------------------------

function collectExamples(index: OpenApiIndex): IndexedExample[] {
  const out: IndexedExample[] = [];
  const seen = new Set<object>();
  const add = (value: unknown, jsonPath: JsonPath, name?: string) => {
    if (value === undefined || value === null) return;
    out.push(name === undefined ? { value, jsonPath } : { value, jsonPath, name });
  };
  const fromHolder = (holder: JsonObject, jsonPath: JsonPath, name?: string) => {
    if (seen.has(holder)) return;
    seen.add(holder);
    if ('example' in holder) add(holder.example, [...jsonPath, 'example'], name);
    const examples = holder.examples;
    if (Array.isArray(examples)) examples.forEach((value, i) => add(value, [...jsonPath, 'examples', i], name));
    else if (isObject(examples)) {
      for (const [key, example] of Object.entries(examples)) {
        // OAS 3 Example Objects hold `value`; Swagger 2.0 response examples map a media type to the value.
        if (index.version !== '2.0' && isObject(example)) {
          if ('value' in example) add(example.value, [...jsonPath, 'examples', key, 'value'], name);
        } else add(example, [...jsonPath, 'examples', key], name);
      }
    }
  };
  const fromContent = (content: unknown, jsonPath: JsonPath) => {
    if (!isObject(content)) return;
    for (const [mediaType, media] of Object.entries(content))
      if (isObject(media)) fromHolder(media, [...jsonPath, mediaType]);
  };
  for (const op of index.operations) {
    for (const { parameter, jsonPath } of op.parameters) {
      const name = typeof parameter.name === 'string' ? parameter.name : undefined;
      fromHolder(parameter, jsonPath, name);
      fromContent(parameter.content, [...jsonPath, 'content']);
    }
    const body = op.operation.requestBody;
    if (isObject(body)) fromContent(body.content, [...op.jsonPath, 'requestBody', 'content']);
    for (const response of responsesOf(op.operation, op.jsonPath)) {
      fromContent(response.response.content, [...response.jsonPath, 'content']);
      if (index.version === '2.0' && isObject(response.response.examples))
        fromHolder(response.response, response.jsonPath);
    }
  }
  const withDefault = new Set<object>();
  for (const usage of ['request', 'response'] as const) {
    for (const entry of index.schemasByUsage(usage)) {
      const schema = entry.schema;
      const name = entry.propertyName ?? entry.parameterName;
      if ('example' in schema || 'examples' in schema) fromHolder(schema, entry.jsonPath, name);
      if ('default' in schema && !withDefault.has(schema)) {
        withDefault.add(schema);
        add(schema.default, [...entry.jsonPath, 'default'], name);
      }
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

// ---- helpers shared by rules ---------------------------------------------------------------------------------

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

export function describeOperation(op: IndexedOperation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
