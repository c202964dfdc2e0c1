import { schemaTypes, type JsonPath } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';

// `ip` alone is left out: in request bodies it is mostly the end user's address (data), not a destination.
const HOST_LAST_WORDS = new Set([
  'host',
  'hostname',
  'hosts',
  'domain',
  'fqdn',
  'proxy',
  'upstream',
  'server',
  'origin',
  'target',
]);
const NOT_DESTINATION = new Set([
  'client',
  'remote',
  'user',
  'customer',
  'source',
  'last',
  'caller',
  'email',
  'cookie',
]);

export function isHostName(name: string): boolean {
  const words = splitIdentifier(name);
  const last = words[words.length - 1];
  if (!last || !HOST_LAST_WORDS.has(last)) return false;
  return !words.some((w) => NOT_DESTINATION.has(w));
}

export const hostInputUnrestricted: OpenApiRule = {
  id: 'oas-host-input-unrestricted',
  severity: 'warning',
  owasp: 'API7:2023',
  cwe: 'CWE-918',
  title: 'Host or IP input without an allow-list',
  summary:
    "A parameter or request property names a host, domain, IP, proxy or upstream server without an `enum` or `pattern`. If the server connects to it, callers choose where the server's requests go: internal networks, metadata endpoints, port scans (SSRF).",
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      const name = propertyName ?? parameterName;
      if (name === undefined || !isHostName(name)) continue;
      if (!schemaTypes(schema).includes('string')) continue;
      if (Array.isArray(schema.enum) || schema.const !== undefined || typeof schema.pattern === 'string') continue;
      const path: JsonPath = propertyName !== undefined ? entry.jsonPath : [...entry.jsonPath, 'type'];
      report({
        path,
        message: `\`${name}\` lets the caller choose a host the server may connect to, with no \`enum\` or \`pattern\`: requests can be steered to internal services, 169.254.169.254 or private ranges (SSRF). Restrict it to known hosts (\`enum\` or an anchored \`pattern\`) and resolve-and-check the address on the server.`,
      });
    }
  },
};
