import { isObject, responseHeaders, responsesOf, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

function allowsAnyOrigin(header: JsonObject): boolean {
  const holders: JsonObject[] = [header];
  if (isObject(header.schema)) holders.push(header.schema);
  for (const holder of holders) {
    if (holder.example === '*' || holder.default === '*' || holder.const === '*') return true;
    if (Array.isArray(holder.enum) && holder.enum.includes('*')) return true;
    if (Array.isArray(holder.examples) && holder.examples.includes('*')) return true;
    if (isObject(holder.examples))
      for (const example of Object.values(holder.examples)) if (isObject(example) && example.value === '*') return true;
  }
  return false;
}

export const corsWildcardOrigin: OpenApiRule = {
  id: 'oas-cors-wildcard-origin',
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-942',
  title: 'CORS allows any origin',
  summary:
    "A response declares `Access-Control-Allow-Origin: *`: any web page may read the response from a visitor's browser. For an API that uses cookies or sits on an internal network, that exposes users' data to every site they visit.",
  check(index, report) {
    for (const op of index.operations) {
      for (const response of responsesOf(op.operation, op.jsonPath)) {
        const header = responseHeaders(response).get('access-control-allow-origin');
        if (!header || !allowsAnyOrigin(header.header)) continue;
        report({
          path: header.jsonPath,
          message: `Response ${response.status} of ${op.method.toUpperCase()} ${op.path} allows any origin (\`Access-Control-Allow-Origin: *\`): every web page a user visits can read this response from their browser. Echo only allow-listed origins (and add \`Vary: Origin\`), unless the data is truly public.`,
        });
      }
    }
  },
};
