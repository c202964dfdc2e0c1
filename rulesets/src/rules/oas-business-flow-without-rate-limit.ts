import { describeOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { businessFlowWord, documentsRateLimiting } from '../helpers/operations';

export const businessFlowWithoutRateLimit: OpenApiRule = {
  id: 'oas-business-flow-without-rate-limit',
  severity: 'warning',
  owasp: 'API6:2023',
  cwe: 'CWE-799',
  title: 'Sensitive business flow without rate limiting',
  summary:
    'A state-changing operation of a flow that attackers automate (checkout, purchase, transfer, sign-up, vote, OTP, coupon redemption, booking…) documents no rate limiting: no 429 response, no rate-limit headers, no `x-rate-limit` extension.',
  check(index, report) {
    for (const op of index.operations) {
      const word = businessFlowWord(op);
      if (!word || documentsRateLimiting(op)) continue;
      report({
        path: op.jsonPath,
        message: `${describeOperation(op)} is a sensitive business flow ("${word}") with no documented rate limiting: bots can run it at machine speed (scalping, spam sign-ups, OTP flooding, coupon abuse). Limit it per account, device and IP, and document the \`429\` response with \`Retry-After\`.`,
      });
    }
  },
};
