import { responseHeaders, responsesOf } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isRateLimitBudgetHeader } from '../helpers/operations';

export const rateLimitHeadersMissing: OpenApiRule = {
  id: 'oas-rate-limit-headers-missing',
  severity: 'info',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Response without rate-limit headers',
  summary:
    'A 2XX or 4XX response declares no header that tells clients their rate-limit budget (`RateLimit`, `RateLimit-Policy`, `RateLimit-Limit`, `X-RateLimit-Limit`, `X-Rate-Limit-Limit`). Clients cannot see their budget and back off before they are cut off.',
  check(index, report) {
    for (const op of index.operations) {
      for (const response of responsesOf(op.operation, op.jsonPath)) {
        if (!/^[24]/.test(response.status) || response.status === '429') continue;
        if ([...responseHeaders(response).keys()].some(isRateLimitBudgetHeader)) continue;
        report({
          path: response.jsonPath,
          message: `Response ${response.status} of ${op.method.toUpperCase()} ${op.path} declares no rate-limit budget header: clients cannot see their remaining budget and slow down before they hit the limit. Document \`RateLimit\` and \`RateLimit-Policy\` (or \`X-RateLimit-Limit\`/\`-Remaining\`/\`-Reset\`).`,
        });
      }
    }
  },
};
