import { responseHeaders, responsesOf } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const tooManyRequestsWithoutRetryAfter: OpenApiRule = {
  id: 'oas-429-without-retry-after',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: '429 response without Retry-After',
  summary:
    'A `429 Too Many Requests` response declares no `Retry-After` header, so clients retry at once or at random, and the retry storm prolongs the overload.',
  check(index, report) {
    for (const op of index.operations) {
      for (const response of responsesOf(op.operation, op.jsonPath)) {
        if (response.status !== '429' || responseHeaders(response).has('retry-after')) continue;
        report({
          path: response.jsonPath,
          message: `The 429 response of ${op.method.toUpperCase()} ${op.path} declares no \`Retry-After\` header: clients cannot tell when to retry and hammer the API again at once. Add a \`Retry-After\` header (seconds or an HTTP date).`,
        });
      }
    }
  },
};
