import type { OpenApiRule } from '../ruleTypes';

// Loopback servers are development setups, not traffic on a network.
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(:\d+)?$|\.localhost(:\d+)?$/i;

export function isPlainHttpUrl(url: string): boolean {
  const match = /^http:\/\/([^/?#]*)/i.exec(url.trim());
  if (!match) return false;
  const host = match[1]!.replace(/^[^@]*@/, '');
  return !LOOPBACK_HOST.test(host);
}

export const serverPlainHttp: OpenApiRule = {
  id: 'oas-server-plain-http',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-319',
  title: 'Server over plain HTTP',
  summary:
    'A server URL (or Swagger 2.0 scheme) uses unencrypted HTTP: credentials, tokens and data cross the network in clear text and can be read or changed on the way.',
  fixable: true,
  check(index, report) {
    for (const server of index.servers) {
      if (isPlainHttpUrl(server.url)) {
        report({
          path: server.jsonPath,
          message: `Server \`${server.url}\` uses plain HTTP: credentials and data travel unencrypted. Serve the API over HTTPS and use an https:// URL.`,
        });
      }
    }
    for (const { scheme, jsonPath } of index.swaggerSchemes) {
      if (scheme.toLowerCase() === 'http') {
        report({
          path: jsonPath,
          message:
            'The API is offered over plain HTTP (`schemes: [http]`): credentials and data travel unencrypted. Offer `https` only.',
        });
      }
    }
  },
};
