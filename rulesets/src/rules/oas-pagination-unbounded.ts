import { isObject, schemaTypes, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../../../server/src/engine/sensitive/words';

const PAGINATION_NAMES = new Set(['limit', 'perpage', 'pagesize', 'size', 'count', 'maxresults', 'top', 'first', 'last', 'take', 'pagelimit', 'maxitems', 'maxpagesize', 'resultsperpage', 'n']);

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
    'A page-size query parameter (`limit`, `per_page`, `pageSize`, `top`…) has no `maximum`, so one request can ask for the whole table: slow queries, huge responses and easy scraping.',
  check(index, report) {
    const seen = new Set<object>();
    for (const op of index.operations) {
      for (const { parameter, jsonPath } of op.parameters) {
        if (parameter.in !== 'query' || typeof parameter.name !== 'string' || seen.has(parameter) || !isPaginationName(parameter.name)) continue;
        seen.add(parameter);
        const schema: JsonObject = index.version === '2.0' ? parameter : isObject(parameter.schema) ? parameter.schema : {};
        const types = schemaTypes(schema);
        if (types.length > 0 && !types.includes('integer') && !types.includes('number')) continue;
        if (typeof schema.maximum === 'number' || typeof schema.exclusiveMaximum === 'number' || Array.isArray(schema.enum)) continue;
        report({
          path: [...jsonPath, 'name'],
          message: `Page-size parameter \`${parameter.name}\` of ${op.method.toUpperCase()} ${op.path} has no \`maximum\`: one request can ask for every record, costing database time and memory and making scraping easy. Add a \`maximum\` (and a \`default\`) and cap it on the server.`,
        });
      }
    }
  },
};
