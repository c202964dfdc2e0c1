import { isObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const oauth2RefreshUrlMissing: OpenApiRule = {
  id: 'oas-oauth2-refresh-url-missing',
  severity: 'info',
  owasp: 'API2:2023',
  cwe: 'CWE-613',
  title: 'OAuth 2 flow without a refresh URL',
  summary:
    'An OAuth 2 authorization code (or password) flow has no `refreshUrl`. Without a documented refresh, clients are pushed towards long-lived access tokens, which stay usable for long after they leak.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (scheme.type !== 'oauth2' || !isObject(scheme.flows)) continue;
      for (const flow of ['authorizationCode', 'password'] as const) {
        const value = scheme.flows[flow];
        if (!isObject(value) || typeof value.refreshUrl === 'string') continue;
        report({
          path: [...jsonPath, 'flows', flow],
          message: `The ${flow} flow of security scheme \`${name}\` has no \`refreshUrl\`: clients cannot renew tokens, which pushes towards long-lived access tokens that stay valid long after they leak. Issue short-lived access tokens and document the \`refreshUrl\`.`,
        });
      }
    }
  },
};
