import type { OpenApiRule } from '../ruleTypes';

// Naming the accepted algorithms (or RFC 8725, JWT best current practices) is what lets implementers reject
// `alg: none` and algorithm-confusion tokens.
const ALGORITHM_TEXT = /\b(?:RS|PS|ES|HS)(?:256|384|512)\b|\bEdDSA\b|\bEd25519\b|RFC ?8725|\balg(?:orithm)?s?\b/i;

export const jwtAlgorithmUndocumented: OpenApiRule = {
  id: 'oas-jwt-algorithm-undocumented',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-347',
  title: 'JWT bearer scheme without algorithm constraints',
  summary:
    'A bearer scheme says its tokens are JWTs but its description names no accepted signing algorithm (or RFC 8725). Implementations that accept whatever `alg` a token names are open to `alg: none` and key-confusion forgeries.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const { name, scheme, jsonPath } of index.securitySchemes.values()) {
      if (scheme.type !== 'http' || typeof scheme.scheme !== 'string' || scheme.scheme.toLowerCase() !== 'bearer')
        continue;
      const description = typeof scheme.description === 'string' ? scheme.description : '';
      const isJwt =
        (typeof scheme.bearerFormat === 'string' && /jwt|jws/i.test(scheme.bearerFormat)) ||
        /\bJWT\b/.test(description);
      if (!isJwt || ALGORITHM_TEXT.test(description)) continue;
      report({
        path: typeof scheme.bearerFormat === 'string' ? [...jsonPath, 'bearerFormat'] : [...jsonPath, 'description'],
        message: `Security scheme \`${name}\` takes JWT bearer tokens but does not say which signing algorithms are accepted: servers that trust the token's own \`alg\` header accept \`none\` or key-confusion forgeries. Name the allowed algorithms (e.g. "RS256 or ES256 only, per RFC 8725") in the scheme's description and enforce them.`,
      });
    }
  },
};
