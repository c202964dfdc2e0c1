import { isObject, schemaTypes, type JsonObject, type JsonPath } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';

const URL_LAST_WORDS = new Set([
  'url',
  'urls',
  'uri',
  'uris',
  'href',
  'link',
  'callback',
  'webhook',
  'webhooks',
  'redirect',
  'endpoint',
  'feed',
]);
const URL_FIRST_WORDS = new Set(['callback', 'webhook', 'redirect']);
const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'uri-template']);

/** `callbackUrl`, `webhook_url`, `redirect_uri`, `imageUrl`, `callback`, `feed`… */
export function isUrlName(name: string): boolean {
  const words = splitIdentifier(name);
  return words.length > 0 && (URL_LAST_WORDS.has(words[words.length - 1]!) || URL_FIRST_WORDS.has(words[0]!));
}

/** An allow-list: a pattern pinned to a scheme and host, an enum or a const. */
export function restrictsValues(schema: JsonObject): boolean {
  if (Array.isArray(schema.enum) || schema.const !== undefined) return true;
  return (
    typeof schema.pattern === 'string' &&
    /^\^https?/.test(schema.pattern.replace(/\\/g, '')) &&
    !/^\^https?:\/\/(?:\.\*|\[\^\/\]\+|\.\+|\[\^\/\]\*)/.test(schema.pattern.replace(/\\/g, ''))
  );
}

export const urlInputUnrestricted: OpenApiRule = {
  id: 'oas-url-input-unrestricted',
  severity: 'warning',
  owasp: 'API7:2023',
  cwe: 'CWE-918',
  title: 'URL input without an allow-list',
  summary:
    'A parameter or request property takes a URL (callback, webhook, redirect, image or feed URL, `format: uri`) without an allow-list (`enum`, or a `pattern` pinned to a scheme and host). If the server fetches it, callers can make it reach internal services and cloud metadata (SSRF); if it redirects to it, phishing.',
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      const name = propertyName ?? parameterName;
      const types = schemaTypes(schema);
      if (types.length > 0 && !types.includes('string')) continue;
      const byFormat = typeof schema.format === 'string' && URL_FORMATS.has(schema.format);
      if (!byFormat && (name === undefined || !isUrlName(name) || types.length === 0)) continue;
      if (restrictsValues(schema)) continue;
      const path: JsonPath =
        propertyName !== undefined ? entry.jsonPath : isObject(schema) ? [...entry.jsonPath, 'type'] : entry.jsonPath;
      report({
        path,
        message: `${name ? `\`${name}\`` : 'This input'} takes a URL ${byFormat ? 'without an allow-list' : 'without `format: uri` or an allow-list'}: a server that fetches or redirects to it can be pointed at internal hosts, cloud metadata (169.254.169.254) or phishing sites. ${byFormat ? '' : 'Declare `format: uri`, '}${byFormat ? 'Add' : 'add'} a \`pattern\` pinned to the allowed scheme and hosts (e.g. \`^https://hooks\\.example\\.com/\`) or an \`enum\`, and check it again on the server before any request.`,
      });
    }
  },
};
