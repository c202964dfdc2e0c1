// What one OpenAPI document documents, for the inventory: every operation with its base paths applied, what it
// says about authentication, deprecation and sunset, its tags, the data classes its responses carry (the shared
// classifier over the OpenAPI index, as the OAS rules see them) and whether it is AI-linked. `$ref`s to local files
// are followed (through the engine's FileReader); remote ones never are.
import {
  allowsAnonymous,
  classifySchemaEntry,
  getOpenApiIndex,
  isAiLinked,
  isUnsecured,
  type IndexedOperation,
  type JsonObject,
  type OpenApiIndex,
} from '@apiwarden/rulesets';
import type { ClassifierOptions, DataClass } from '@apiwarden/sensitive';
import type { FileReader } from '../fileReader';
import type { Range } from '../findings';
import { createRunResolver } from '../openapi/refResolver';
import { SourceDocument } from '../openapi/sourceDocument';
import { uriToPath } from '../uris';
import type { InventorySpec, SpecOperationRef } from './model';
import { displayPath, joinBasePath, serverBasePath } from './paths';

export interface LoadedSpec {
  spec: Omit<InventorySpec, 'project'>;
  operations: SpecOperationRef[];
  /** Other files its `$ref`s read. */
  dependencies: string[];
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export async function loadSpec(
  uri: string,
  text: string,
  syntax: 'yaml' | 'json',
  reader: FileReader,
  classifier: ClassifierOptions | undefined,
): Promise<LoadedSpec> {
  const sourcePath = uriToPath(uri);
  const document = new SourceDocument(text, syntax, sourcePath);
  const run = createRunResolver(reader, false);
  const resolved = await run.resolver.resolve(document.data, {
    baseUri: sourcePath,
    // files reached through `$ref`s are parsed as the lint parses them
    parseResolveResult: ({ targetAuthority, result }) => {
      const target = targetAuthority.href();
      return Promise.resolve({
        result: new SourceDocument(String(result), /\.json$/i.test(target) ? 'json' : 'yaml', target).data,
      });
    },
  });
  const index = getOpenApiIndex(resolved.result);
  const dependencies = [...run.dependencies];
  if (!index) return { spec: { uri, basePaths: [], operations: 0 }, operations: [], dependencies };
  const basePaths = basePathsOf(index);
  const info = index.root.info as JsonObject | undefined;
  const operations: SpecOperationRef[] = [];
  for (const op of index.operations) {
    const base = operationBasePaths(op) ?? basePaths;
    for (const basePath of base) operations.push(operationRef(uri, document, index, op, basePath, classifier));
  }
  return {
    spec: {
      uri,
      ...(typeof info?.title === 'string' ? { title: info.title } : {}),
      ...(typeof info?.version === 'string' ? { version: info.version } : {}),
      basePaths,
      operations: index.operations.length,
    },
    operations,
    dependencies,
  };
}

function operationRef(
  uri: string,
  document: SourceDocument,
  index: OpenApiIndex,
  op: IndexedOperation,
  basePath: string,
  classifier: ClassifierOptions | undefined,
): SpecOperationRef {
  const o = op.operation;
  const sunset = stringOf(o['x-sunset']) ?? stringOf(op.pathItem['x-sunset']);
  const pastSunset = sunset !== undefined && !Number.isNaN(Date.parse(sunset)) && Date.parse(sunset) <= Date.now();
  const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : [];
  const schemes = [...new Set((op.security ?? []).flatMap((r) => Object.keys(r)))];
  // scopes count only when every alternative demands some (`[{ oauth: [orders:write] }, { apiKey: [] }]` does not)
  const scopesPer = (op.security ?? []).map((r) =>
    Object.values(r).flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])),
  );
  const scopes = scopesPer.length > 0 && scopesPer.every((s) => s.length > 0) ? [...new Set(scopesPer.flat())] : [];
  const jsonPath = ['paths', op.path, op.method];
  return {
    specUri: uri,
    method: op.method.toUpperCase(),
    path: op.path,
    fullPath: displayPath(joinBasePath(basePath, op.path)),
    basePath,
    pointer: `#/paths/${op.path.replace(/~/g, '~0').replace(/\//g, '~1')}/${op.method}`,
    range: document.rangeForPath(jsonPath) ?? document.rangeForPath(['paths', op.path]) ?? START,
    ...(typeof o.operationId === 'string' ? { operationId: o.operationId } : {}),
    ...(typeof o.summary === 'string' ? { summary: o.summary } : {}),
    security: isUnsecured(op) ? 'none' : allowsAnonymous(op) ? 'optional' : 'required',
    schemes,
    scopes,
    deprecated: o.deprecated === true || pastSunset,
    ...(sunset !== undefined ? { sunset } : {}),
    tags,
    dataClasses: responseDataClasses(index, op, classifier),
    ...responsePropertiesOf(index, op),
    aiLinked: isAiLinked(op),
  };
}

function responseDataClasses(
  index: OpenApiIndex,
  op: IndexedOperation,
  classifier: ClassifierOptions | undefined,
): DataClass[] {
  const classes = new Set<DataClass>();
  for (const entry of index.operationSchemas(op, 'response'))
    for (const match of classifySchemaEntry(entry, classifier)) classes.add(match.dataClass);
  return [...classes].sort();
}

/** The property names the operation's response schemas declare (none: no claim about what responses hold). */
function responsePropertiesOf(index: OpenApiIndex, op: IndexedOperation): { responseProperties?: string[] } {
  const names = new Set<string>();
  for (const entry of index.operationSchemas(op, 'response'))
    if (entry.propertyName !== undefined) names.add(entry.propertyName);
  return names.size > 0 ? { responseProperties: [...names].sort() } : {};
}

/** The document's base paths: OAS 3 `servers` (each distinct path), Swagger 2.0 `basePath`; `/` when none. */
function basePathsOf(index: OpenApiIndex): string[] {
  if (index.version === '2.0') {
    const basePath = stringOf(index.root.basePath);
    return [basePath ? (serverBasePath(basePath) ?? '/') : '/'];
  }
  const servers = Array.isArray(index.root.servers) ? (index.root.servers as unknown[]) : [];
  return distinctBasePaths(servers) ?? ['/'];
}

/** An operation's or path item's own `servers`, when it has them. */
function operationBasePaths(op: IndexedOperation): string[] | undefined {
  const own = Array.isArray(op.operation.servers)
    ? op.operation.servers
    : Array.isArray(op.pathItem.servers)
      ? op.pathItem.servers
      : undefined;
  return own ? distinctBasePaths(own as unknown[]) : undefined;
}

function distinctBasePaths(servers: unknown[]): string[] | undefined {
  const paths = new Set<string>();
  for (const server of servers) {
    if (!server || typeof server !== 'object') continue;
    const { url, variables } = server as { url?: unknown; variables?: Record<string, unknown> };
    if (typeof url !== 'string') continue;
    paths.add(serverBasePath(url, variables) ?? '/');
  }
  return paths.size > 0 ? [...paths] : undefined;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}
