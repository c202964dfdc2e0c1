// xref-method-mismatch: the code serves a method on a path that the spec documents only with other methods.
// Doc: docs/rules/xref-method-mismatch.md. Fixtures: test-fixtures/xref/ (marked `xref-method-mismatch`).
import type { Endpoint, Inventory } from '../model';
import { pathKey } from '../paths';
import { describeEndpoint, xrefRule } from './types';

/** The methods the spec documents on the same path in the same project (other than the endpoint's own). */
export function otherMethodsDocumented(inventory: Inventory, endpoint: Endpoint): string[] {
  const key = pathKey(endpoint.path);
  const methods = inventory.endpoints
    .filter((e) => e !== endpoint && e.documented && e.project === endpoint.project && pathKey(e.path) === key)
    .map((e) => e.method);
  return [...new Set(methods)].filter((m) => m !== endpoint.method).sort();
}

export const xrefMethodMismatch = xrefRule({
  id: 'xref-method-mismatch',
  severity: 'warning',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Method served but not documented',
  summary:
    'The code serves a method on a path that the spec documents only with other methods (the spec has GET, the code also answers DELETE).',
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (!endpoint.served || endpoint.documented || endpoint.ambiguous || !ctx.crossCheckable(endpoint)) continue;
      if (endpoint.method === 'ALL') continue;
      const documented = otherMethodsDocumented(ctx.inventory, endpoint);
      if (documented.length === 0) continue;
      for (const route of endpoint.codeRoutes)
        ctx.report({
          uri: route.uri,
          range: route.range,
          message: `${describeEndpoint(endpoint)} is served here, but the spec documents only ${documented.join(', ')} on this path. An undocumented method (often a write or a delete) is missed by reviews, tests and gateway rules written from the spec. Document ${endpoint.method} in the spec, or remove the route.`,
          dataClasses: endpoint.dataClasses,
          aiLinked: endpoint.aiLinked,
        });
    }
  },
});
