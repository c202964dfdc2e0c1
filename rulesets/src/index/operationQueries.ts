// Queries rules make about one operation: its responses, a response's headers, whether a status is written, and
// how to name it in a message. They read the operation object itself, not the index, so rules call them on any
// operation they hold (including callbacks and webhooks).
import type { IndexedOperation, IndexedResponse, JsonObject, JsonPath } from './indexTypes';
import { isObject } from './jsonValues';

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

export function describeOperation(op: IndexedOperation): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}
