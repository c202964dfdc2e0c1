// xref-shadow-endpoint: a route the code serves that no spec in its project documents.
// Doc: docs/rules/xref-shadow-endpoint.md. Fixtures: test-fixtures/xref/ (marked `xref-shadow-endpoint`).
import { describeEndpoint, specName, xrefRule } from './types';
import { otherMethodsDocumented } from './xref-method-mismatch';

export const xrefShadowEndpoint = xrefRule({
  id: 'xref-shadow-endpoint',
  severity: 'warning',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Shadow endpoint: served but not documented',
  summary:
    'A route the code serves is documented in no OpenAPI document of its project (also routes left out of the generated docs, such as FastAPI `include_in_schema=False`).',
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (!endpoint.served || endpoint.documented || endpoint.ambiguous || endpoint.outsideSpecs) continue;
      if (!ctx.crossCheckable(endpoint)) continue;
      // the path is documented with other methods: xref-method-mismatch says so
      if (otherMethodsDocumented(ctx.inventory, endpoint).length > 0) continue;
      const specs = ctx.inventory.specs.filter((s) => s.project === endpoint.project).map((s) => specName(s.uri));
      for (const route of endpoint.codeRoutes) {
        const hidden = route.hiddenFromDocs
          ? ` It is also left out of the generated docs (\`${route.hiddenFromDocs}\`).`
          : '';
        ctx.report({
          uri: route.uri,
          range: route.range,
          message: `${describeEndpoint(endpoint)} is served here but documented in no spec of this project (${specs.join(', ')}).${hidden} Undocumented endpoints escape review, security testing and gateway policies, and nobody retires them. Document it in the spec, or remove the route if nothing should call it.`,
          dataClasses: endpoint.dataClasses,
          aiLinked: endpoint.aiLinked,
        });
      }
    }
  },
});
