import type { OpenApiRule } from '../ruleTypes';

export const apiKeyInCookie: OpenApiRule = {
  id: 'oas-api-key-in-cookie',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-352',
  title: 'API key in a cookie',
  summary:
    'An `apiKey` security scheme is sent as a cookie. Browsers attach cookies to every request to the API, including requests forged by other sites, so a cookie credential needs CSRF protection that an API key scheme does not describe.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (scheme.type === 'apiKey' && scheme.in === 'cookie') {
        report({
          path: [...jsonPath, 'in'],
          message: `Security scheme \`${name}\` sends the API key as a cookie: browsers attach it to cross-site requests too, so other sites can make calls with the user's key (CSRF). Send the key in a header, or document SameSite=strict cookies plus a CSRF token.`,
        });
      }
    }
  },
};
