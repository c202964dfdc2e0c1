import { describeOperation, hasResponse } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const rateLimitUndocumented: OpenApiRule = {
  id: 'oas-rate-limit-undocumented',
  severity: 'info',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'No 429 response',
  summary:
    'The operation documents no `429 Too Many Requests` response (nor `4XX`), so the description does not say that calls are limited and clients do not know how to back off.',
  check(index, report) {
    for (const op of index.operations) {
      if (hasResponse(op.operation, '429', '4XX')) continue;
      report({
        path: op.operation.responses !== undefined ? [...op.jsonPath, 'responses'] : op.jsonPath,
        message: `${describeOperation(op)} documents no 429 response: nothing says requests are rate limited, and clients cannot know how to back off. Enforce a rate limit and document \`429\` with a \`Retry-After\` header.`,
      });
    }
  },
};
