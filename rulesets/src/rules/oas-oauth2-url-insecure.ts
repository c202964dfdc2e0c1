import { isObject, type JsonObject, type JsonPath } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isPlainHttpUrl } from './oas-server-plain-http';

const URL_FIELDS = ['authorizationUrl', 'tokenUrl', 'refreshUrl'] as const;

export const oauth2UrlInsecure: OpenApiRule = {
  id: 'oas-oauth2-url-insecure',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-319',
  title: 'OAuth 2 / OpenID Connect URL over plain HTTP',
  fixable: true,
  summary:
    'An authorization, token, refresh or OpenID Connect discovery URL uses plain HTTP: codes, tokens and client secrets cross the network unencrypted, and a forged discovery document can redirect logins.',
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      const check = (holder: JsonObject, path: JsonPath) => {
        for (const field of URL_FIELDS) {
          const url = holder[field];
          if (typeof url === 'string' && isPlainHttpUrl(url)) {
            report({
              path: [...path, field],
              message: `\`${field}\` of security scheme \`${name}\` is plain HTTP (\`${url}\`): authorization codes, tokens and client secrets would travel unencrypted. Use an https:// URL.`,
            });
          }
        }
      };
      if (scheme.type === 'oauth2') {
        check(scheme, jsonPath);
        if (isObject(scheme.flows))
          for (const [flow, value] of Object.entries(scheme.flows))
            if (isObject(value)) check(value, [...jsonPath, 'flows', flow]);
      }
      if (
        scheme.type === 'openIdConnect' &&
        typeof scheme.openIdConnectUrl === 'string' &&
        isPlainHttpUrl(scheme.openIdConnectUrl)
      ) {
        report({
          path: [...jsonPath, 'openIdConnectUrl'],
          message: `\`openIdConnectUrl\` of security scheme \`${name}\` is plain HTTP: a tampered discovery document can point clients at an attacker's token endpoint. Use an https:// URL.`,
        });
      }
    }
  },
};
