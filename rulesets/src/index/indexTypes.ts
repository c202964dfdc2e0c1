// The shapes of the per-document index (built in buildIndex.ts) and of the entries it lists: what every rule
// reads. Kept apart from the builder so that rules and helpers can name them without pulling in the walks.

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
