import { responseHeaders, responsesOf } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

const EXPECTED = [
  ['strict-transport-security', 'Strict-Transport-Security'],
  ['x-content-type-options', 'X-Content-Type-Options'],
  ['cache-control', 'Cache-Control'],
] as const;

export const securityHeadersMissing: OpenApiRule = {
  id: 'oas-security-headers-missing',
  severity: 'info',
  owasp: 'API8:2023',
  cwe: 'CWE-693',
  title: 'Declared response headers lack security headers',
  summary:
    'A success response documents its headers but not `Strict-Transport-Security`, `X-Content-Type-Options` or `Cache-Control`. Where a description lists headers, it is the contract gateways and tests check: leaving these out lets downgrade, MIME sniffing and caching of private data slip through.',
  check(index, report) {
    for (const op of index.operations) {
      for (const response of responsesOf(op.operation, op.jsonPath)) {
        if (!response.status.startsWith('2')) continue;
        const headers = responseHeaders(response);
        if (headers.size === 0) continue;
        const missing = EXPECTED.filter(([key]) => !headers.has(key)).map(([, name]) => name);
        if (missing.length === 0) continue;
        report({
          path: [...response.jsonPath, 'headers'],
          message: `Response ${response.status} of ${op.method.toUpperCase()} ${op.path} lists its headers but not ${missing.map((m) => `\`${m}\``).join(', ')}: without them, HTTPS downgrade, MIME sniffing or caching of private responses is not ruled out. Send and document them (e.g. \`Cache-Control: no-store\` for private data).`,
        });
      }
    }
  },
};
