import { describeOperation, hasResponse, isObject, responsesOf } from '../index/openapiIndex';
import type { JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

/** A response with a body schema (Swagger 2.0: `schema`; OAS 3: a media type with `schema`). */
function hasBodySchema(response: unknown, swagger2: boolean): boolean {
  if (!isObject(response)) return false;
  const r = response as JsonObject;
  return swagger2
    ? isObject(r.schema)
    : isObject(r.content) && Object.values(r.content).some((m) => isObject(m) && isObject(m.schema));
}

export const errorResponsesUndefined: OpenApiRule = {
  id: 'oas-error-responses-undefined',
  severity: 'info',
  owasp: 'API8:2023',
  cwe: 'CWE-209',
  title: 'Error responses not defined',
  summary:
    'An operation documents no client-error response (`400`, `422`, `4XX`, or a `default` response with a body schema) or no server-error response (`500`, `5XX` or `default`), or an error response has no body schema. Undefined errors are where stack traces and internal details leak, and contract tests cannot catch it.',
  check(index, report) {
    const swagger2 = index.version === '2.0';
    for (const op of index.operations) {
      const missing: string[] = [];
      // A `default` response with a schema documents the error shape for every undeclared status, 4xx included.
      const documentedDefault =
        isObject(op.operation.responses) && hasBodySchema(op.operation.responses.default, swagger2);
      if (!hasResponse(op.operation, '400', '422', '4XX') && !documentedDefault)
        missing.push('client-error response (`400`, `422` or `4XX`)');
      if (!hasResponse(op.operation, '500', '5XX', 'default'))
        missing.push('server-error response (`500`, `5XX` or `default`)');
      if (missing.length > 0) {
        report({
          path: op.operation.responses !== undefined ? [...op.jsonPath, 'responses'] : op.jsonPath,
          message: `${describeOperation(op)} documents no ${missing.join(' and no ')}: undefined errors are where stack traces and internal details leak, and contract tests cannot check them. Document them with an error schema (e.g. RFC 9457 problem details).`,
        });
      }
      for (const response of responsesOf(op.operation, op.jsonPath)) {
        if (!/^[45]|^default$/.test(response.status)) continue;
        if (hasBodySchema(response.response, swagger2)) continue;
        report({
          path: response.jsonPath,
          message: `Error response ${response.status} of ${describeOperation(op)} has no body schema: nothing constrains what the server returns on errors, which is where internal details leak. Add a schema (e.g. RFC 9457 problem details).`,
        });
      }
    }
  },
};
