import { isObject, type JsonObject, type JsonPath, type OpenApiIndex } from '../index/openapiIndex';
import type { OpenApiRule, RuleReport } from '../ruleTypes';

/** Scopes a scheme declares (OAuth 2 flows; Swagger 2.0 `scopes`); undefined when the scheme has no scope list. */
function declaredScopes(scheme: JsonObject): Set<string> | undefined {
  if (scheme.type !== 'oauth2') return undefined;
  const scopes = new Set<string>();
  if (isObject(scheme.scopes)) for (const name of Object.keys(scheme.scopes)) scopes.add(name);
  if (isObject(scheme.flows)) {
    for (const flow of Object.values(scheme.flows))
      if (isObject(flow) && isObject(flow.scopes)) for (const name of Object.keys(flow.scopes)) scopes.add(name);
  }
  return scopes;
}

function checkRequirements(
  index: OpenApiIndex,
  security: unknown,
  basePath: JsonPath,
  where: string,
  report: (r: RuleReport) => void,
): void {
  if (!Array.isArray(security)) return;
  security.forEach((requirement, i) => {
    if (!isObject(requirement)) return;
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = index.securitySchemes.get(name);
      if (!scheme) {
        report({
          path: [...basePath, i, name],
          message: `${where} requires security scheme \`${name}\`, which is not defined: tools and gateways cannot enforce an unknown scheme, so the operation may end up unprotected. Define \`${name}\` under ${index.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`'} or fix the name.`,
        });
        continue;
      }
      const declared = declaredScopes(scheme.scheme);
      if (!declared || !Array.isArray(scopes)) continue;
      scopes.forEach((scope, j) => {
        if (typeof scope === 'string' && !declared.has(scope)) {
          report({
            path: [...basePath, i, name, j],
            message: `${where} requires scope \`${scope}\`, which scheme \`${name}\` does not declare: no token can be issued with it, or the check is silently skipped. Declare the scope in the scheme's flows or fix its name.`,
          });
        }
      });
    }
  });
}

export const securitySchemeUndefined: OpenApiRule = {
  id: 'oas-security-scheme-undefined',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-287',
  title: 'Security requirement names an undefined scheme or scope',
  summary:
    'A `security` requirement (document or operation) names a security scheme that is not defined, or an OAuth 2 scope that its scheme does not declare. What the description asks for cannot be enforced.',
  check(index, report) {
    checkRequirements(index, index.root.security, ['security'], 'The document', report);
    for (const op of index.operations) {
      checkRequirements(
        index,
        op.operation.security,
        [...op.jsonPath, 'security'],
        `${op.method.toUpperCase()} ${op.path}`,
        report,
      );
    }
  },
};
