import { describeOperation, hasResponse } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { documentsDefaultError, isUnsecured } from '../helpers/operations';

export const authErrorResponsesMissing: OpenApiRule = {
  id: 'oas-auth-error-responses-missing',
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-755',
  title: 'Secured operation without 401/403 responses',
  summary:
    'An operation that requires authentication documents no `401 Unauthorized` or no `403 Forbidden` response (nor `4XX`, nor a `default` response with an error schema). Clients, gateways and contract tests then do not know what a rejected call looks like, and implementations drift into leaking details or returning 200 with an error body.',
  fixable: true,
  check(index, report) {
    const swagger2 = index.version === '2.0';
    for (const op of index.operations) {
      if (isUnsecured(op) || hasResponse(op.operation, '4XX') || documentsDefaultError(op, swagger2)) continue;
      const missing = ['401', '403'].filter((status) => !hasResponse(op.operation, status));
      if (missing.length === 0) continue;
      report({
        path: op.operation.responses !== undefined ? [...op.jsonPath, 'responses'] : op.jsonPath,
        message: `${describeOperation(op)} requires authentication but documents no ${missing.join(' or ')} response: clients and contract tests cannot tell how rejected calls look, and implementations drift into leaking details. Document ${missing.map((m) => `\`${m}\``).join(' and ')} with an error schema.`,
      });
    }
  },
};
