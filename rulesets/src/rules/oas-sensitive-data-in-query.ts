import type { OpenApiRule } from '../ruleTypes';
import { atLeast, classifyField } from '../sensitive';
import { describeClasses } from '../helpers/sensitive';
import { uniqueParameters } from '../helpers/operations';

export const sensitiveDataInQuery: OpenApiRule = {
  id: 'oas-sensitive-data-in-query',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-598',
  title: 'Sensitive data in the URL',
  summary:
    'A query or path parameter carries personal, government-id, card, health, financial, location or biometric data. URLs are written to access logs, proxy logs, browser history and analytics, far from the protections the data needs.',
  check(index, report, context) {
    for (const { parameter, jsonPath, name } of uniqueParameters(index, ['query', 'path'])) {
      const field = { name, ...(typeof parameter.format === 'string' ? { format: parameter.format } : {}) };
      const classes = atLeast(classifyField(field, context.sensitiveData), 'medium')
        .map((m) => m.dataClass)
        .filter((c) => c !== 'credential'); // oas-credential-in-url reports credentials
      if (classes.length === 0) continue;
      report({
        path: [...jsonPath, 'name'],
        message: `${parameter.in === 'query' ? 'Query' : 'Path'} parameter \`${name}\` puts ${describeClasses(classes)} data in the URL, which access logs, proxies, browser history and analytics record. Send it in the request body (e.g. a POST search) or replace it with an opaque reference.`,
        dataClasses: classes,
      });
    }
  },
};
