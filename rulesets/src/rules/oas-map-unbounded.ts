import { isObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const mapUnbounded: OpenApiRule = {
  id: 'oas-map-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Unbounded map input',
  summary:
    'A request object takes arbitrary keys (`additionalProperties` or `patternProperties` with a value schema) but has no `maxProperties`, so one request can carry any number of entries.',
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName } = entry;
      if (typeof schema.maxProperties === 'number') continue;
      const key =
        isObject(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0
          ? 'additionalProperties'
          : isObject(schema.patternProperties) && Object.keys(schema.patternProperties).length > 0
            ? 'patternProperties'
            : undefined;
      if (!key) continue;
      report({
        path: [...entry.jsonPath, key],
        message: `${propertyName ? `Map property \`${propertyName}\`` : 'This request map'} accepts any number of keys (\`${key}\` without \`maxProperties\`): a single request can carry millions of entries. Add \`maxProperties\`.`,
      });
    }
  },
};
