// The deliberate differences between @stoplight/spectral-owasp-ruleset and ours, with the predicate that
// recognises each one in their findings. docs/rules/README.md lists the same reasons (a test checks it).
import type { IRuleResult } from '@stoplight/spectral-core';
import { classifyField } from '@apiwarden/sensitive';
import { cannotHoldSecret, identifiesResource } from '../../../rulesets/src/helpers/parameterValues';
import { requiresAdminCredential } from '../../../rulesets/src/rules/oas-admin-security-not-distinct';

export type JsonPath = (string | number)[];

/** Their rule -> our rules that cover the same weakness. */
export const EQUIVALENT: Record<string, string[]> = {
  'owasp:api1:2023-no-numeric-ids': ['oas-sequential-object-id'],
  'owasp:api2:2023-no-api-keys-in-url': ['oas-api-key-in-query'],
  'owasp:api2:2023-no-credentials-in-url': ['oas-credential-in-url'],
  'owasp:api2:2023-no-http-basic': ['oas-http-basic-auth'],
  'owasp:api2:2023-jwt-best-practices': ['oas-jwt-algorithm-undocumented'],
  'owasp:api2:2023-short-lived-access-tokens': ['oas-oauth2-refresh-url-missing', 'oas-oauth2-insecure-flow'],
  'owasp:api2:2023-read-restricted': ['oas-operation-without-security', 'oas-object-operation-anonymous'],
  'owasp:api2:2023-write-restricted': ['oas-operation-without-security', 'oas-object-operation-anonymous'],
  'owasp:api3:2023-no-additionalProperties': ['oas-request-additional-properties', 'oas-map-unbounded'],
  'owasp:api3:2023-constrained-additionalProperties': ['oas-map-unbounded', 'oas-request-additional-properties'],
  'owasp:api3:2023-no-unevaluatedProperties': ['oas-request-additional-properties', 'oas-map-unbounded'],
  'owasp:api3:2023-constrained-unevaluatedProperties': ['oas-map-unbounded', 'oas-request-additional-properties'],
  'owasp:api4:2023-rate-limit': ['oas-rate-limit-headers-missing'],
  'owasp:api4:2023-rate-limit-retry-after': ['oas-429-without-retry-after'],
  'owasp:api4:2023-rate-limit-responses-429': ['oas-rate-limit-undocumented', 'oas-error-responses-undefined'],
  'owasp:api4:2023-array-limit': ['oas-array-unbounded', 'oas-ai-prompt-unbounded'],
  'owasp:api4:2023-string-limit': ['oas-string-unbounded', 'oas-upload-unbounded', 'oas-ai-prompt-unbounded'],
  'owasp:api4:2023-integer-limit': ['oas-integer-unbounded', 'oas-pagination-unbounded'],
  'owasp:api4:2023-integer-limit-legacy': ['oas-integer-unbounded', 'oas-pagination-unbounded'],
  'owasp:api4:2023-integer-format': ['oas-integer-unbounded', 'oas-pagination-unbounded'],
  'owasp:api5:2023-admin-security-unique': ['oas-admin-security-not-distinct'],
  'owasp:api7:2023-concerning-url-parameter': ['oas-url-input-unrestricted'],
  'owasp:api8:2023-no-scheme-http': ['oas-server-plain-http'],
  'owasp:api8:2023-no-server-http': ['oas-server-plain-http'],
  'owasp:api8:2023-define-error-validation': ['oas-error-responses-undefined'],
  'owasp:api8:2023-define-error-responses-401': ['oas-auth-error-responses-missing', 'oas-error-responses-undefined'],
  'owasp:api8:2023-define-error-responses-500': ['oas-error-responses-undefined'],
  'owasp:api9:2023-inventory-environment': ['oas-server-environment-unclear'],
};

export interface Context {
  /** Source-file locations (file + JSON path) of every schema our index reads as request input. */
  requestSchemas: Set<string>;
  /** Locations of callback and webhook operations. */
  callbacks: Set<string>;
  node(source: string, jsonPath: JsonPath): unknown;
}

interface Difference {
  rules: string[];
  /** The reason, as listed in docs/rules/README.md. */
  reason: string;
  applies(result: IRuleResult, context: Context): boolean;
}

export const key = (source: string, jsonPath: JsonPath) => `${source}#${jsonPath.map(String).join('/')}`;
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const underAny = (set: Set<string>, source: string, jsonPath: JsonPath) => {
  for (let n = jsonPath.length; n >= 0; n--) if (set.has(key(source, jsonPath.slice(0, n)))) return true;
  return false;
};
const inRequest = (r: IRuleResult, c: Context) =>
  c.requestSchemas.has(key(r.source!, r.path)) || c.requestSchemas.has(key(r.source!, r.path.slice(0, -1)));
const responsesOf = (r: IRuleResult, c: Context) =>
  c.node(r.source!, r.path.slice(0, r.path.lastIndexOf('responses') + 1));

export const DIFFERENCES: Difference[] = [
  {
    rules: [
      'owasp:api4:2023-string-limit',
      'owasp:api4:2023-array-limit',
      'owasp:api4:2023-integer-limit',
      'owasp:api4:2023-integer-limit-legacy',
      'owasp:api4:2023-integer-format',
      'owasp:api3:2023-no-additionalProperties',
      'owasp:api3:2023-constrained-additionalProperties',
      'owasp:api3:2023-no-unevaluatedProperties',
      'owasp:api3:2023-constrained-unevaluatedProperties',
    ],
    reason:
      'Size and openness limits matter for input. Ours check what clients send (parameters and request bodies, through $refs); theirs also flag response schemas and unused components, which clients cannot inflate.',
    applies: (r, c) => !inRequest(r, c),
  },
  {
    rules: ['owasp:api4:2023-string-limit'],
    reason:
      'Strings with a fixed-length format (date, date-time, uuid, ipv4…), an anchored pattern without unbounded quantifiers, or binary content (reported by oas-upload-unbounded where unbounded) are bounded already.',
    applies: (r, c) => {
      const s = c.node(r.source!, r.path);
      return (
        isObject(s) &&
        (typeof s.format === 'string' || typeof s.pattern === 'string' || typeof s.contentEncoding === 'string')
      );
    },
  },
  {
    rules: ['owasp:api4:2023-string-restricted'],
    reason:
      'Requiring a format or pattern on every string is input validation style, not a resource or security limit; ours require length bounds on input (oas-string-unbounded) and allow-lists where a string is dangerous (URLs, hosts).',
    applies: () => true,
  },
  {
    rules: ['owasp:api4:2023-integer-format'],
    reason:
      '`format: int32/int64` does not bound a value; ours require `minimum` and `maximum` on input integers (oas-integer-unbounded) and accept `enum`/`const`.',
    applies: (r, c) => {
      const s = c.node(r.source!, r.path);
      return (
        isObject(s) &&
        (((typeof s.minimum === 'number' || typeof s.exclusiveMinimum === 'number') &&
          (typeof s.maximum === 'number' || typeof s.exclusiveMaximum === 'number')) ||
          Array.isArray(s.enum) ||
          s.const !== undefined)
      );
    },
  },
  {
    rules: ['owasp:api4:2023-integer-limit', 'owasp:api4:2023-integer-limit-legacy', 'owasp:api4:2023-integer-format'],
    reason: 'An `enum` or `const` bounds an integer as well as `minimum` and `maximum` do.',
    applies: (r, c) => {
      const s = c.node(r.source!, r.path);
      return isObject(s) && (Array.isArray(s.enum) || s.const !== undefined);
    },
  },
  {
    rules: [
      'owasp:api8:2023-define-error-responses-500',
      'owasp:api8:2023-define-error-responses-401',
      'owasp:api4:2023-rate-limit-responses-429',
    ],
    reason:
      'In Swagger 2.0 a response body is described by `schema`, not `content`; theirs ask for `content` there too.',
    applies: (r, c) => {
      const root = c.node(r.source!, []);
      const response = c.node(r.source!, r.path);
      return isObject(root) && root.swagger !== undefined && isObject(response) && isObject(response.schema);
    },
  },
  {
    rules: ['owasp:api3:2023-no-additionalProperties', 'owasp:api3:2023-no-unevaluatedProperties'],
    reason:
      'A map with a value schema and `maxProperties` is a legitimate, bounded input (oas-map-unbounded reports maps without `maxProperties`); only explicitly open objects (`true`/`{}`) are mass-assignment holes.',
    applies: (r, c) => {
      const s = c.node(r.source!, r.path.slice(0, -1));
      return isObject(s) && typeof s.maxProperties === 'number';
    },
  },
  {
    rules: ['owasp:api2:2023-no-credentials-in-url'],
    reason:
      'Their name pattern also matches look-alikes (`max_tokens`, `next_page_token`, `token_type`); ours use the sensitive-data classifier, which tells credentials from names that only contain the word.',
    applies: (r, c) => {
      const name = c.node(r.source!, r.path);
      return (
        typeof name === 'string' &&
        !classifyField({ name }).some((m) => m.dataClass === 'credential' && m.confidence !== 'low')
      );
    },
  },
  {
    rules: ['owasp:api2:2023-no-credentials-in-url'],
    reason:
      'A path parameter that names an object of the collection before it (`/v1/tokens/{token}`) or is described as an identifier holds an object id, not a credential; a boolean or `enum` parameter (`hide_secret`) cannot carry a secret.',
    applies: (r, c) => {
      const parameter = c.node(r.source!, r.path.slice(0, -1));
      return (
        isObject(parameter) &&
        (cannotHoldSecret(parameter) || (r.path[0] === 'paths' && identifiesResource(String(r.path[1]), parameter)))
      );
    },
  },
  {
    rules: ['owasp:api5:2023-admin-security-unique'],
    reason:
      'Requirements that name an admin scheme or scope (`AdminApiKeyAuth`, `admin:org`) are a dedicated admin credential, even where ordinary-looking paths require it too.',
    applies: (r, c) => {
      const security = c.node(r.source!, r.path.slice(0, r.path.lastIndexOf('security') + 1));
      return Array.isArray(security) && security.length > 0 && requiresAdminCredential(security);
    },
  },
  {
    rules: ['owasp:api2:2023-jwt-best-practices'],
    reason:
      'OAuth 2 access tokens need not be JWTs; ours ask for algorithm constraints where a scheme says its bearer tokens are JWTs, and accept named algorithms (RS256, ES256, EdDSA…) as well as a reference to RFC 8725.',
    applies: (r, c) => {
      const scheme = c.node(r.source!, r.path.slice(0, r.path.indexOf('securitySchemes') + 2));
      return (
        isObject(scheme) &&
        (scheme.type === 'oauth2' ||
          (typeof scheme.description === 'string' &&
            /\b(?:RS|PS|ES|HS)(?:256|384|512)\b|EdDSA|\balg/i.test(scheme.description)))
      );
    },
  },
  {
    rules: ['owasp:api2:2023-short-lived-access-tokens'],
    reason:
      'The client-credentials flow issues no refresh tokens (RFC 6749 §4.4.3), so a missing `refreshUrl` there is correct.',
    applies: (r) => r.path.includes('clientCredentials'),
  },
  {
    rules: ['owasp:api2:2023-read-restricted', 'owasp:api2:2023-write-restricted'],
    reason:
      'An explicit `security: []` marks a deliberately public operation; ours accept it, except on object-level paths (oas-object-operation-anonymous) and paths that look sensitive (oas-operation-without-security).',
    applies: (r, c) => {
      const op = c.node(r.source!, r.path.slice(0, 3));
      return isObject(op) && Array.isArray(op.security) && op.security.length === 0;
    },
  },
  {
    rules: ['owasp:api2:2023-auth-insecure-schemes'],
    reason:
      'HTTP `negotiate` (Kerberos/SPNEGO) is a sound enterprise scheme; ours report the schemes that send reusable passwords (Basic, Digest: oas-http-basic-auth) and weak OAuth flows.',
    applies: (r, c) => String(c.node(r.source!, r.path)).toLowerCase() === 'negotiate',
  },
  {
    rules: [
      'owasp:api4:2023-rate-limit',
      'owasp:api4:2023-rate-limit-responses-429',
      'owasp:api8:2023-define-error-responses-401',
      'owasp:api8:2023-define-error-responses-500',
      'owasp:api8:2023-define-error-validation',
    ],
    reason:
      "Responses of callbacks are sent by the API's consumers to the API: rate-limit headers, 429s and error schemas there describe the consumer, not the API.",
    applies: (r, c) => underAny(c.callbacks, r.source!, r.path),
  },
  {
    rules: ['owasp:api4:2023-rate-limit'],
    reason:
      'A 429 response is itself the rate-limit signal; ours ask it for `Retry-After` (oas-429-without-retry-after) rather than the budget headers.',
    applies: (r) => r.path.includes('429'),
  },
  {
    rules: ['owasp:api4:2023-rate-limit-responses-429'],
    reason: 'A `4XX` response covers 429, and a 429 needs no body (its `Retry-After` header is what clients use).',
    applies: (r, c) => {
      const responses = responsesOf(r, c);
      return isObject(responses) && (isObject(responses['4XX']) || isObject(responses['429']));
    },
  },
  {
    rules: ['owasp:api8:2023-define-error-responses-500'],
    reason: 'A `5XX` or `default` response documents server errors as well as a `500`.',
    applies: (r, c) => {
      const responses = responsesOf(r, c);
      return (
        isObject(responses) &&
        (isObject(responses['5XX']) || (isObject(responses.default) && !isObject(responses['500'])))
      );
    },
  },
  {
    rules: ['owasp:api8:2023-define-error-validation', 'owasp:api8:2023-define-error-responses-401'],
    reason:
      'A `default` response with a body schema documents the error shape for every status it covers, 4xx (401 and 403) included (Stripe documents its errors this way).',
    applies: (r, c) => {
      const responses = responsesOf(r, c);
      const fallback = isObject(responses) ? responses.default : undefined;
      return (
        isObject(fallback) &&
        (isObject(fallback.schema) ||
          (isObject(fallback.content) &&
            Object.values(fallback.content).some((m) => isObject(m) && isObject(m.schema))))
      );
    },
  },
  {
    rules: ['owasp:api8:2023-define-error-responses-401'],
    reason:
      'Public operations (no security in force) cannot answer 401; ours ask for 401/403 where authentication is required, and accept `4XX`.',
    applies: (r, c) => {
      const responses = responsesOf(r, c);
      if (isObject(responses) && isObject(responses['4XX'])) return true;
      const op = c.node(r.source!, r.path.slice(0, 3));
      const root = c.node(r.source!, []);
      const security =
        isObject(op) && Array.isArray(op.security) ? op.security : isObject(root) ? root.security : undefined;
      return !Array.isArray(security) || security.length === 0;
    },
  },
  {
    rules: ['owasp:api8:2023-no-server-http', 'owasp:api8:2023-no-scheme-http'],
    reason:
      'Loopback servers (localhost, 127.0.0.1, [::1]) are development set-ups whose traffic never crosses a network.',
    applies: (r, c) => /^http:\/\/(?:localhost|127\.|\[::1\]|0\.0\.0\.0)/i.test(String(c.node(r.source!, r.path))),
  },
  {
    rules: ['owasp:api7:2023-concerning-url-parameter'],
    reason: 'A URL parameter restricted by an `enum` or a pattern pinned to a scheme and host is already allow-listed.',
    applies: (r, c) => {
      const parameter = c.node(r.source!, r.path.slice(0, -1));
      const schema = isObject(parameter) && isObject(parameter.schema) ? parameter.schema : parameter;
      return (
        isObject(schema) &&
        (Array.isArray(schema.enum) || (typeof schema.pattern === 'string' && schema.pattern.startsWith('^https')))
      );
    },
  },
  {
    rules: ['owasp:api8:2023-define-cors-origin'],
    reason:
      'Whether an API sends CORS headers depends on whether browsers call it; requiring `Access-Control-Allow-Origin` on every header set is a policy, not a weakness. Ours report the dangerous value, `*` (oas-cors-wildcard-origin).',
    applies: () => true,
  },
  {
    rules: ['owasp:api9:2023-inventory-access'],
    reason:
      '`x-internal` is a Stoplight-specific extension; ours ask servers to name their environment or version (oas-server-environment-unclear) and accept `x-internal` as one way to do it.',
    applies: () => true,
  },
  {
    rules: ['owasp:api9:2023-inventory-environment'],
    reason:
      'A server whose URL names its environment or version (`sandbox.example.com`, `/v2`) is labelled without a description.',
    applies: (r, c) => {
      const server = c.node(r.source!, r.path.slice(0, 2));
      return (
        isObject(server) &&
        typeof server.url === 'string' &&
        /sandbox|stag|test|dev|prod|live|local|\/v\d/i.test(server.url)
      );
    },
  },
];
