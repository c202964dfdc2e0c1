import { isObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

export const requestAdditionalProperties: OpenApiRule = {
  id: 'oas-request-additional-properties',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-915',
  title: 'Request object open to unknown properties',
  summary:
    'A request schema explicitly allows any additional property (`additionalProperties: true` or `{}`, or `unevaluatedProperties: true` in 3.1). Servers that bind request bodies to models then accept fields the API never meant clients to set (mass assignment).',
  fixable: true,
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      for (const key of ['additionalProperties', 'unevaluatedProperties'] as const) {
        const value = entry.schema[key];
        const open = value === true || (isObject(value) && Object.keys(value).length === 0);
        if (!open) continue;
        report({
          path: [...entry.jsonPath, key],
          message: `This request object sets \`${key}: ${value === true ? 'true' : '{}'}\`, so clients may send any extra field; a server that binds the body to its model will store fields such as \`role\` or \`isAdmin\` (mass assignment). List the accepted properties and set \`${key}: false\`, or bound a map with a value schema and \`maxProperties\`.`,
        });
      }
    }
  },
};
