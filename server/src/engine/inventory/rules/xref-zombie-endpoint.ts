// xref-zombie-endpoint: an operation the spec deprecates (or whose x-sunset date has passed) that the code still serves.
// Doc: docs/rules/xref-zombie-endpoint.md. Fixtures: test-fixtures/xref/ (marked `xref-zombie-endpoint`).
import { describeEndpoint, specName, xrefRule } from './types';

export const xrefZombieEndpoint = xrefRule({
  id: 'xref-zombie-endpoint',
  severity: 'warning',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Zombie endpoint: deprecated but still served',
  summary:
    'An operation the spec marks `deprecated: true`, or whose `x-sunset` date has passed, is still served by the code; or an old version (`/v1/x`) is still served, not deprecated, beside a newer one (`/v2/x`).',
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (!endpoint.served || !ctx.crossCheckable(endpoint)) continue;
      if (!endpoint.deprecated) {
        const newer = endpoint.supersededBy;
        if (!newer) continue;
        for (const route of endpoint.codeRoutes)
          ctx.report({
            uri: route.uri,
            range: route.range,
            message: `${describeEndpoint(endpoint)} is still served here beside \`${newer}\`, and nothing marks it deprecated. Superseded versions keep the flaws the new one fixed and fall out of view. Retire it, or mark the operation \`deprecated: true\` (with an \`x-sunset\` date) so that its clients are told to move.`,
            dataClasses: endpoint.dataClasses,
            aiLinked: endpoint.aiLinked,
          });
        continue;
      }
      const op = endpoint.specOperations.find((o) => o.deprecated)!;
      const why = op.sunset ? `its sunset date (${op.sunset}) has passed` : 'it is deprecated';
      for (const route of endpoint.codeRoutes)
        ctx.report({
          uri: route.uri,
          range: route.range,
          message: `${describeEndpoint(endpoint)} is still served here, but ${specName(op.specUri)} says ${why}. Old versions keep old flaws (weaker auth, more data) and stop getting attention. Remove the route, or take the deprecation out of the spec if it is meant to stay.`,
          dataClasses: endpoint.dataClasses,
          aiLinked: endpoint.aiLinked,
        });
    }
  },
});
