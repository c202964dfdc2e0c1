import { isObject, schemaTypes, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';
import { uniqueParameters } from '../helpers/operations';

const PAGINATION_NAMES = new Set([
  'limit',
  'perpage',
  'pagesize',
  'size',
  'count',
  'maxresults',
  'top',
  'first',
  'last',
  'take',
  'pagelimit',
  'maxitems',
  'maxpagesize',
  'resultsperpage',
  'n',
]);

export function isPaginationName(name: string): boolean {
  return PAGINATION_NAMES.has(splitIdentifier(name).join(''));
}

export const paginationUnbounded: OpenApiRule = {
  id: 'oas-pagination-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Page size without a maximum',
  summary:
    'A page-size query parameter (`limit`, `per_page`, `pageSize`, `top`…) has no `maximum` (one request can ask for the whole table: slow queries, huge responses, easy scraping) or no `minimum` (negative sizes such as `LIMIT -1` mean "no limit" to some databases).',
  check(index, report) {
    for (const { parameter, jsonPath, op, name } of uniqueParameters(index, ['query'])) {
      if (!isPaginationName(name)) continue;
      const schema: JsonObject =
        index.version === '2.0' ? parameter : isObject(parameter.schema) ? parameter.schema : {};
      const types = schemaTypes(schema);
      if (types.length > 0 && !types.includes('integer') && !types.includes('number')) continue;
      if (Array.isArray(schema.enum) || schema.const !== undefined) continue;
      const hasMax = typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number';
      const hasMin = typeof schema.minimum === 'number' || typeof schema.exclusiveMinimum === 'number';
      if (hasMax && hasMin) continue;
      report({
        path: [...jsonPath, 'name'],
        message: hasMax
          ? `Page-size parameter \`${name}\` of ${op.method.toUpperCase()} ${op.path} has no \`minimum\`: zero or negative sizes reach the query, and some databases read \`LIMIT -1\` as "no limit". Add \`minimum: 1\` and check it on the server.`
          : `Page-size parameter \`${name}\` of ${op.method.toUpperCase()} ${op.path} has no \`maximum\`: one request can ask for every record, costing database time and memory and making scraping easy. Add a \`maximum\` (with \`minimum: 1\` and a \`default\`) and cap it on the server.`,
      });
    }
  },
};
