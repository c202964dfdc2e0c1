// xref-auth-mismatch: the spec and the code disagree on whether an endpoint needs authentication.
// Doc: docs/rules/xref-auth-mismatch.md. Fixtures: test-fixtures/xref/ (marked `xref-auth-mismatch`).
import { describeEndpoint, specName, xrefRule } from './types';

export const xrefAuthMismatch = xrefRule({
  id: 'xref-auth-mismatch',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Spec and code disagree on authentication',
  summary:
    'The spec requires security on an operation but the route that serves it shows no authentication (error), lets anonymous callers through or checks none of the scopes or roles the spec demands (warning), or the route authenticates while the spec says the operation is public (info).',
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (!endpoint.served || !endpoint.documented || !ctx.crossCheckable(endpoint)) continue;
      const secured = endpoint.specOperations.find((o) => o.security === 'required');
      const open = endpoint.specOperations.find((o) => o.security === 'none');
      for (const route of endpoint.codeRoutes) {
        if (secured && route.auth === 'none' && !route.unmounted) {
          ctx.report({
            uri: route.uri,
            range: route.range,
            message: `${specName(secured.specUri)} requires ${secured.schemes.join(' or ') || 'security'} for ${describeEndpoint(endpoint)}, but this route shows no authentication${route.publicMarker ? ` (it is marked public: \`${route.publicMarker}\`)` : ''}: anyone can call it. Add the auth middleware, guard or dependency the rest of the API uses, or correct the spec if the endpoint is meant to be public.`,
            dataClasses: endpoint.dataClasses,
            aiLinked: endpoint.aiLinked,
          });
        } else if (secured && route.auth === 'optional') {
          ctx.report({
            uri: route.uri,
            range: route.range,
            severity: 'warning',
            message: `${specName(secured.specUri)} requires ${secured.schemes.join(' or ') || 'security'} for ${describeEndpoint(endpoint)}, but this route's authentication is optional (${route.authEvidence.join('; ')}): anonymous callers get through. Make the credential required, or document the optional security (\`security: [{}, …]\`).`,
            dataClasses: endpoint.dataClasses,
            aiLinked: endpoint.aiLinked,
          });
        } else if (secured && secured.scopes.length > 0 && route.auth === 'required' && route.roleChecks.length === 0) {
          ctx.report({
            uri: route.uri,
            range: route.range,
            severity: 'warning',
            message: `${specName(secured.specUri)} demands ${secured.scopes.map((s) => `\`${s}\``).join(' or ')} for ${describeEndpoint(endpoint)}, but this route checks no role, scope or permission, only that the caller is signed in: any authenticated user may call it. Check the scope or role in the route (a middleware, guard or decorator), or take it out of the spec if every user may call it.`,
            dataClasses: endpoint.dataClasses,
            aiLinked: endpoint.aiLinked,
          });
        } else if (open && !secured && route.auth === 'required') {
          ctx.report({
            uri: route.uri,
            range: route.range,
            severity: 'info',
            message: `This route authenticates callers (${route.authEvidence.join('; ')}), but ${specName(open.specUri)} documents ${describeEndpoint(endpoint)} with no security requirement. Clients and generated SDKs will call it without a credential and fail; security reviews from the spec see it as public. Add the security requirement to the operation.`,
          });
        }
      }
    }
  },
});
