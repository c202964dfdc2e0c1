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
  /** First JSON path (in the resolved document) at which the schema was reached. */
  jsonPath: JsonPath;
  /** Name of the property this schema is the value of, when it is one. */
  propertyName?: string;
  /** Name of the parameter this schema describes, when it is a parameter's schema. */
  parameterName?: string;
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
        parameters: mergeParameters(pathLevelParameters, collectParameters(operation.parameters, [...jsonPath, 'parameters'])),
      });
    }
  }

  const securitySchemes = new Map<string, IndexedSecurityScheme>();
  const schemeContainerPath: JsonPath = version === '2.0' ? ['securityDefinitions'] : ['components', 'securitySchemes'];
  const schemeContainer = version === '2.0' ? root.securityDefinitions : isObject(root.components) ? root.components.securitySchemes : undefined;
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

  const schemaCache = new Map<SchemaUsage, IndexedSchema[]>();
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
  };
  return index;
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
    if (isObject(server) && typeof server.url === 'string') out.push({ url: server.url, jsonPath: [...basePath, i, 'url'] });
  });
}

// ---- schemas -------------------------------------------------------------------------------------------------

function collectSchemas(index: OpenApiIndex, usage: SchemaUsage): IndexedSchema[] {
  const seen = new Set<object>();
  const out: IndexedSchema[] = [];
  const visit = (schema: unknown, jsonPath: JsonPath, parameterName?: string) => walkSchema(schema, jsonPath, seen, out, parameterName);

  for (const op of index.operations) {
    if (usage === 'request') {
      for (const { parameter, jsonPath } of op.parameters) {
        const name = typeof parameter.name === 'string' ? parameter.name : undefined;
        if (isObject(parameter.schema)) visit(parameter.schema, [...jsonPath, 'schema'], parameter.in === 'body' ? undefined : name);
        if (index.version === '2.0' && parameter.in === 'body') continue;
        if (index.version === '2.0') visit(parameter, jsonPath, name); // Swagger 2.0 non-body parameters are schemas themselves
        visitContent(parameter.content, [...jsonPath, 'content'], (schema, path) => visit(schema, path, name));
      }
      const body = op.operation.requestBody;
      if (isObject(body)) visitContent(body.content, [...op.jsonPath, 'requestBody', 'content'], visit);
    } else {
      const responses = op.operation.responses;
      if (!isObject(responses)) continue;
      for (const [status, response] of Object.entries(responses)) {
        if (!isObject(response)) continue;
        const responsePath = [...op.jsonPath, 'responses', status];
        if (isObject(response.schema)) visit(response.schema, [...responsePath, 'schema']);
        visitContent(response.content, [...responsePath, 'content'], visit);
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
const SCHEMA_SINGLE_KEYS = ['items', 'additionalProperties', 'not', 'contains', 'unevaluatedProperties', 'unevaluatedItems', 'if', 'then', 'else', 'propertyNames'] as const;
const SCHEMA_MAP_KEYS = ['patternProperties', 'dependentSchemas'] as const;

function walkSchema(schema: unknown, jsonPath: JsonPath, seen: Set<object>, out: IndexedSchema[], parameterName?: string): void {
  // Iterative, so that deeply nested real-world schemas cannot overflow the stack.
  const stack: { schema: unknown; jsonPath: JsonPath; propertyName: string | undefined }[] = [{ schema, jsonPath, propertyName: undefined }];
  let first = true;
  while (stack.length > 0) {
    const item = stack.pop()!;
    const current = item.schema;
    if (!isObject(current) || seen.has(current)) continue;
    seen.add(current);
    const entry: IndexedSchema = { schema: current, jsonPath: item.jsonPath };
    if (item.propertyName !== undefined) entry.propertyName = item.propertyName;
    if (first && parameterName !== undefined) entry.parameterName = parameterName;
    first = false;
    out.push(entry);
    if (isObject(current.properties)) {
      for (const [name, value] of Object.entries(current.properties)) {
        stack.push({ schema: value, jsonPath: [...item.jsonPath, 'properties', name], propertyName: name });
      }
    }
    for (const key of SCHEMA_LIST_KEYS) {
      const list = current[key];
      if (Array.isArray(list)) list.forEach((value, i) => stack.push({ schema: value, jsonPath: [...item.jsonPath, key, i], propertyName: undefined }));
    }
    for (const key of SCHEMA_SINGLE_KEYS) {
      if (isObject(current[key])) stack.push({ schema: current[key], jsonPath: [...item.jsonPath, key], propertyName: undefined });
    }
    for (const key of SCHEMA_MAP_KEYS) {
      const map = current[key];
      if (isObject(map)) for (const [name, value] of Object.entries(map)) stack.push({ schema: value, jsonPath: [...item.jsonPath, key, name], propertyName: undefined });
    }
  }
}

// ---- helpers shared by rules ---------------------------------------------------------------------------------

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON Schema `type` of a schema as a list (`type: [string, null]` in 3.1, `type: string` elsewhere). */
export function schemaTypes(schema: JsonObject): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return [];
}

export function describeOperation(op: IndexedOperation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
