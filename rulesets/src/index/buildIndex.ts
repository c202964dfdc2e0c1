// Builds the index of a resolved document: one pass over `paths` and the document's top-level lists (security
// schemes, servers, callbacks and webhooks), and lazy, cached queries for what only some rules ask (schemas by
// usage, examples). One index per document object, shared by every rule of a lint.
import {
  HTTP_METHODS,
  type IndexedCallbackOperation,
  type IndexedExample,
  type IndexedOperation,
  type IndexedSchema,
  type IndexedSecurityScheme,
  type IndexedServer,
  type JsonObject,
  type JsonPath,
  type OpenApiIndex,
  type SchemaUsage,
  type SpecVersion,
} from './indexTypes';
import { collectExamples } from './examples';
import { isObject } from './jsonValues';
import { collectOperationSchemas, collectSchemas } from './schemaWalk';

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

/** What the one pass over the document finds; the index adds its lazy queries to these. */
type IndexFacts = Omit<OpenApiIndex, 'schemasByUsage' | 'schemaIsUsedIn' | 'operationSchemas' | 'examples'>;

function buildIndex(root: JsonObject, version: SpecVersion): OpenApiIndex {
  const globalSecurity = Array.isArray(root.security) ? (root.security.filter(isObject) as JsonObject[]) : undefined;
  const paths = isObject(root.paths) ? root.paths : {};
  const operations = collectOperations(paths, globalSecurity);
  return withQueries({
    version,
    root,
    operations,
    securitySchemes: collectSecuritySchemes(root, version),
    globalSecurity,
    // Swagger 2.0 has `schemes` and no `servers`; OAS 3 the other way round.
    servers: version === '2.0' ? [] : collectAllServers(root, paths, operations),
    swaggerSchemes: version === '2.0' ? collectSwaggerSchemes(root, operations) : [],
    callbacks: collectCallbacks(root, version, operations),
  });
}

/** The operations under `paths`, with the security and parameters in force for each. */
function collectOperations(paths: JsonObject, globalSecurity: JsonObject[] | undefined): IndexedOperation[] {
  const operations: IndexedOperation[] = [];
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
  return operations;
}

function collectSecuritySchemes(root: JsonObject, version: SpecVersion): Map<string, IndexedSecurityScheme> {
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
  return securitySchemes;
}

/** Swagger 2.0 `schemes`: the document's, then each operation's. */
function collectSwaggerSchemes(root: JsonObject, operations: IndexedOperation[]): OpenApiIndex['swaggerSchemes'] {
  const swaggerSchemes: OpenApiIndex['swaggerSchemes'] = [];
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
  return swaggerSchemes;
}

/** OAS 3 `servers` at every level they may be written: the document, each path item, each operation. */
function collectAllServers(root: JsonObject, paths: JsonObject, operations: IndexedOperation[]): IndexedServer[] {
  const servers: IndexedServer[] = [];
  collectServers(root.servers, ['servers'], servers);
  for (const [path, pathItem] of Object.entries(paths)) {
    if (isObject(pathItem)) collectServers(pathItem.servers, ['paths', path, 'servers'], servers);
  }
  for (const op of operations) collectServers(op.operation.servers, [...op.jsonPath, 'servers'], servers);
  return servers;
}

/** The index: the facts, and the queries only some rules make, each worked out on first use and then kept. */
function withQueries(facts: IndexFacts): OpenApiIndex {
  const schemaCache = new Map<SchemaUsage, IndexedSchema[]>();
  const usageSets = new Map<SchemaUsage, Set<object>>();
  const perOperation = new Map<IndexedOperation, Map<SchemaUsage, IndexedSchema[]>>();
  let examples: IndexedExample[] | undefined;
  const index: OpenApiIndex = {
    ...facts,
    schemasByUsage(usage) {
      let list = schemaCache.get(usage);
      if (!list) {
        list = collectSchemas(index, usage);
        schemaCache.set(usage, list);
      }
      return list;
    },
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
        list = collectOperationSchemas(index.version, op, usage, new Set(), [], index.root);
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

/** The operations the API sends: every operation's callbacks (OAS 3), then the webhooks (OAS 3.1). */
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

function collectParameters(value: unknown, basePath: JsonPath): { parameter: JsonObject; jsonPath: JsonPath }[] {
  if (!Array.isArray(value)) return [];
  const out: { parameter: JsonObject; jsonPath: JsonPath }[] = [];
  value.forEach((parameter, i) => {
    if (isObject(parameter)) out.push({ parameter, jsonPath: [...basePath, i] });
  });
  return out;
}

/** Path-item parameters with those the operation redefines (same `in` and `name`) left out, then the operation's. */
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
