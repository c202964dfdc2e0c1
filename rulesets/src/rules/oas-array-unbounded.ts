import { schemaTypes } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const arrayUnbounded: OpenApiRule = {
  id: 'oas-array-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Unbounded array input',
  summary:
    'An array accepted from clients (parameter or request body) has no `maxItems`, so one request may carry millions of items, each costing memory, validation and database work.',
  fixable: true,
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      if (!schemaTypes(schema).includes('array') || typeof schema.maxItems === 'number') continue;
      const what = propertyName
        ? `Array property \`${propertyName}\``
        : parameterName
          ? `Array parameter \`${parameterName}\``
          : 'This request array';
      report({
        path: [...entry.jsonPath, 'type'],
        message: `${what} has no \`maxItems\`: a single request may carry any number of items, each costing memory and processing. Add \`maxItems\` with the largest number the operation really needs.`,
      });
    }
  },
};
