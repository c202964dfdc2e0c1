import { isObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

const WHY: Record<string, string> = {
  implicit:
    'the implicit flow returns the access token in the URL fragment, where browser history, logs and other scripts can read it, and cannot be sender-constrained',
  password:
    "the resource-owner password flow hands the user's password to the client and cannot support multi-factor or federated login",
};

export const oauth2InsecureFlow: OpenApiRule = {
  id: 'oas-oauth2-insecure-flow',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-287',
  title: 'OAuth 2 implicit or password flow',
  summary:
    'An OAuth 2 security scheme offers the implicit or the resource-owner password flow. Both are deprecated by the OAuth 2.0 Security Best Current Practice (RFC 9700) and removed from OAuth 2.1.',
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (scheme.type !== 'oauth2') continue;
      if (index.version === '2.0') {
        if (scheme.flow === 'implicit' || scheme.flow === 'password') {
          report({
            path: [...jsonPath, 'flow'],
            message: `Security scheme \`${name}\` uses the OAuth 2 ${scheme.flow} flow: ${WHY[scheme.flow]}. Use the authorization code flow with PKCE (or client credentials for machine clients).`,
          });
        }
        continue;
      }
      if (!isObject(scheme.flows)) continue;
      for (const flow of ['implicit', 'password'] as const) {
        if (!isObject(scheme.flows[flow])) continue;
        report({
          path: [...jsonPath, 'flows', flow],
          message: `Security scheme \`${name}\` offers the OAuth 2 ${flow} flow: ${WHY[flow]}. Use the authorization code flow with PKCE (or client credentials for machine clients).`,
        });
      }
    }
  },
};
