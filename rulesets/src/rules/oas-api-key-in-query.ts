import type { OpenApiRule } from '../ruleTypes';

export const apiKeyInQuery: OpenApiRule = {
  id: 'oas-api-key-in-query',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-598',
  title: 'API key in the query string',
  summary:
    'An `apiKey` security scheme sends the key in the URL query. URLs are written to server, proxy and browser logs and leak through the Referer header, so the key leaks with them.',
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (scheme.type === 'apiKey' && scheme.in === 'query') {
        report({
          path: [...jsonPath, 'in'],
          message: `Security scheme \`${name}\` sends the API key in the query string, where logs and Referer headers leak it. Send it in a header instead (\`in: header\`).`,
        });
      }
    }
  },
};
