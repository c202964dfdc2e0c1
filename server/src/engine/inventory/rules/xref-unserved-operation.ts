// xref-unserved-operation: an operation the spec documents that no route of its project serves.
// Doc: docs/rules/xref-unserved-operation.md. Fixtures: test-fixtures/xref/ (marked `xref-unserved-operation`).
import { describeEndpoint, xrefRule } from './types';

export const xrefUnservedOperation = xrefRule({
  id: 'xref-unserved-operation',
  severity: 'warning',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Documented but served nowhere',
  summary:
    'An operation the spec documents is served by no route of the code in its project: a removed endpoint still documented, or a handler that lives elsewhere.',
  fixable: false,
  check(ctx) {
    for (const endpoint of ctx.inventory.endpoints) {
      if (endpoint.served || !endpoint.documented || endpoint.ambiguous || !ctx.crossCheckable(endpoint)) continue;
      for (const op of endpoint.specOperations)
        ctx.report({
          uri: op.specUri,
          range: op.range,
          message: `${describeEndpoint(endpoint)} is documented here, but no route of the code in this project serves it. Clients and gateways trust the spec: a stale operation hides what is really exposed. If the handler lives elsewhere (another service, a framework API Warden does not read), ignore this; otherwise remove the operation, or mark it \`deprecated: true\` while clients move off.`,
          dataClasses: endpoint.dataClasses,
          aiLinked: endpoint.aiLinked,
        });
    }
  },
});
