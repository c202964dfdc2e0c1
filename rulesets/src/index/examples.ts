// The example and default values of a document (parameters, media types, schemas of requests and responses),
// each holder read once: what the rules that look for real data in examples read, through the index's
// `examples()`.
import type { IndexedExample, JsonObject, JsonPath, OpenApiIndex } from './indexTypes';
import { isObject } from './jsonValues';
import { responsesOf } from './operationQueries';

export function collectExamples(index: OpenApiIndex): IndexedExample[] {
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
