import type { OpenApiRule } from '../ruleTypes';

export const httpBasicAuth: OpenApiRule = {
  id: 'oas-http-basic-auth',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-522',
  title: 'HTTP Basic or Digest authentication',
  summary:
    "HTTP Basic sends the user's reusable password (only base64-encoded) with every request; Digest relies on MD5 and keeps passwords in a recoverable form on the server. Neither supports expiry, scopes or revocation.",
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (index.version === '2.0' && scheme.type === 'basic') {
        report({
          path: [...jsonPath, 'type'],
          message: `Security scheme \`${name}\` uses HTTP Basic: the password travels with every request and cannot be scoped or revoked. Use OAuth 2.0 or short-lived bearer tokens.`,
        });
      }
      if (scheme.type === 'http' && typeof scheme.scheme === 'string') {
        const kind = scheme.scheme.toLowerCase();
        if (kind === 'basic' || kind === 'digest') {
          report({
            path: [...jsonPath, 'scheme'],
            message: `Security scheme \`${name}\` uses HTTP ${kind === 'basic' ? 'Basic' : 'Digest'}: ${kind === 'basic' ? 'the password travels with every request' : 'it relies on MD5 and recoverable stored passwords'} and cannot be scoped or revoked. Use OAuth 2.0 or short-lived bearer tokens.`,
          });
        }
      }
    }
  },
};
