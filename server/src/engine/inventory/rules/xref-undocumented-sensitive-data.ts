// xref-undocumented-sensitive-data: a route returns a field classified sensitive that the documented response
// schema of its operation does not declare.
// Doc: docs/rules/xref-undocumented-sensitive-data.md. Fixtures: test-fixtures/workspaces/inventory-*/ (marked `xref-undocumented-sensitive-data`).
import { splitIdentifier } from '@apiwarden/sensitive';
import { describeEndpoint, specName, xrefRule } from './types';

/** `user_email`, `userEmail` and `UserEmail` are one name. */
const nameKey = (name: string) => splitIdentifier(name).join('');

export const xrefUndocumentedSensitiveData = xrefRule({
  id: 'xref-undocumented-sensitive-data',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-213',
  title: 'Sensitive field served but not documented',
  summary:
    "A route's response carries a field the sensitive-data classifier marks (an SSN, a password hash, a card number…) that the response schema of the matching spec operation does not declare.",
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (!endpoint.served || !endpoint.documented || !ctx.crossCheckable(endpoint)) continue;
      const documented = endpoint.specOperations.map((o) => o.responseProperties);
      // an operation with no declared properties makes no claim about what its responses hold
      if (documented.some((names) => names === undefined)) continue;
      const declared = new Set(documented.flatMap((names) => names!.map(nameKey)));
      const op = endpoint.specOperations[0]!;
      for (const route of endpoint.codeRoutes)
        for (const field of route.responseFields) {
          if (!field.dataClasses?.length || declared.has(nameKey(field.name))) continue;
          ctx.report({
            uri: field.uri,
            range: field.range,
            message: `The response of ${describeEndpoint(endpoint)} includes \`${field.name}\` (${field.dataClasses.join(', ')}), which its response schema in ${specName(op.specUri)} does not declare. Data the spec does not show escapes privacy reviews, contract tests and the gateway's response filtering. Leave it out of the response, or document it (and who may see it).`,
            dataClasses: field.dataClasses,
          });
        }
    }
  },
});
