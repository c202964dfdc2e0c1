import { describeOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const operationUnidentified: OpenApiRule = {
  id: 'oas-operation-unidentified',
  severity: 'info',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Operation without operationId or tags',
  summary:
    'An operation has no `operationId` or no `tags`. Without a stable id and an owning group, inventories, gateways and alerting cannot track it, and nobody is clearly responsible for it.',
  check(index, report) {
    for (const op of index.operations) {
      const missing: string[] = [];
      if (typeof op.operation.operationId !== 'string' || op.operation.operationId.trim() === '')
        missing.push('`operationId`');
      if (!Array.isArray(op.operation.tags) || op.operation.tags.length === 0) missing.push('`tags`');
      if (missing.length === 0) continue;
      report({
        path: op.jsonPath,
        message: `${describeOperation(op)} has no ${missing.join(' and no ')}: inventories, gateways and alerts cannot track it and no team clearly owns it. Give it a unique \`operationId\` and a tag naming its area or owner.`,
      });
    }
  },
};
