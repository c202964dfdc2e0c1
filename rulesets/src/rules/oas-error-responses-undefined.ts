import { describeOperation, hasResponse, responsesOf } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { documentsDefaultError, hasBodySchema } from '../helpers/operations';

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
      if (!hasResponse(op.operation, '400', '422', '4XX') && !documentsDefaultError(op, swagger2))
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
