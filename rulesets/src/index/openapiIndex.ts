// A per-document index of an OpenAPI description, built in one pass over the resolved document and shared by
// every rule of our rulesets. Rules query it instead of walking the document with `$..` JSONPath filters, which
// is what makes other OpenAPI security rulesets take minutes on large specs.
//
// This module is the index's import point for rules and helpers. The parts, each with one job:
// - indexTypes.ts: the index and entry shapes;
// - buildIndex.ts: building the index of a document (and its lazy queries);
// - schemaWalk.ts: the schemas operations reach; examples.ts: the example and default values;
// - operationQueries.ts: queries on one operation (responses, headers, its name in messages);
// - jsonValues.ts: readers of plain values (`isObject`, `schemaTypes`).
export {
  HTTP_METHODS,
  type HttpMethod,
  type IndexedCallbackOperation,
  type IndexedExample,
  type IndexedOperation,
  type IndexedResponse,
  type IndexedSchema,
  type IndexedSecurityScheme,
  type IndexedServer,
  type JsonObject,
  type JsonPath,
  type OpenApiIndex,
  type SchemaUsage,
  type SpecVersion,
} from './indexTypes';
export { getOpenApiIndex, specVersionOf } from './buildIndex';
export { describeOperation, hasResponse, responseHeaders, responsesOf } from './operationQueries';
export { localRefTarget } from './schemaWalk';
export { isObject, schemaTypes } from './jsonValues';
