import type { OpenApiRule } from '../ruleTypes';
import { atLeast, classifyField } from '../../../server/src/engine/sensitive';
import { describeClasses } from '../helpers/sensitive';

export const sensitiveDataInQuery: OpenApiRule = {
  id: 'oas-sensitive-data-in-query',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-598',
  title: 'Sensitive data in the URL',
  summary:
    'A query or path parameter carries personal, government-id, card, health, financial, location or biometric data. URLs are written to access logs, proxy logs, browser history and analytics, far from the protections the data needs.',
  check(index, report, context) {
    const seen = new Set<object>();
    for (const op of index.operations) {
      for (const { parameter, jsonPath } of op.parameters) {
        if ((parameter.in !== 'query' && parameter.in !== 'path') || typeof parameter.name !== 'string' || seen.has(parameter)) continue;
        seen.add(parameter);
        const classes = atLeast(classifyField({ name: parameter.name, ...(typeof parameter.format === 'string' ? { format: parameter.format } : {}) }, context.sensitiveData), 'medium')
          .map((m) => m.dataClass)
          .filter((c) => c !== 'credential'); // oas-credential-in-url reports credentials
        if (classes.length === 0) continue;
        report({
          path: [...jsonPath, 'name'],
          message: `${parameter.in === 'query' ? 'Query' : 'Path'} parameter \`${parameter.name}\` puts ${describeClasses(classes)} data in the URL, which access logs, proxies, browser history and analytics record. Send it in the request body (e.g. a POST search) or replace it with an opaque reference.`,
          dataClasses: classes,
        });
      }
    }
  },
};
