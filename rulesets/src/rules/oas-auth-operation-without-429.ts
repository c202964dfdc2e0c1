import { describeOperation, hasResponse } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isAuthenticationOperation } from '../helpers/operations';

export const authOperationWithout429: OpenApiRule = {
  id: 'oas-auth-operation-without-429',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-307',
  title: 'Login, token or password-reset operation without 429',
  summary:
    'An operation that checks credentials or issues tokens (login, token, OTP, password reset) documents no `429 Too Many Requests` response, so nothing says attempts are limited: the endpoint invites credential stuffing and brute force.',
  check(index, report) {
    for (const op of index.operations) {
      if (!isAuthenticationOperation(op) || hasResponse(op.operation, '429', '4XX')) continue;
      report({
        path: op.operation.responses !== undefined ? [...op.jsonPath, 'responses'] : op.jsonPath,
        message: `${describeOperation(op)} checks credentials or issues tokens but documents no 429 response: without limits on attempts it invites credential stuffing and password guessing. Limit attempts per account and per client, and document the \`429\` response with \`Retry-After\`.`,
      });
    }
  },
};
