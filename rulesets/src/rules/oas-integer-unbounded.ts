import { schemaTypes, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isPaginationName } from './oas-pagination-unbounded';

function hasBound(schema: JsonObject, which: 'minimum' | 'maximum'): boolean {
  const exclusive = which === 'minimum' ? schema.exclusiveMinimum : schema.exclusiveMaximum;
  return typeof schema[which] === 'number' || typeof exclusive === 'number';
}

export const integerUnbounded: OpenApiRule = {
  id: 'oas-integer-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Unbounded integer input',
  summary:
    'An integer accepted from clients has no `minimum` and/or `maximum` (nor `enum`/`const`). Huge or negative numbers reach quantities, offsets and loop counts: resource exhaustion, overflow and negative-amount bugs.',
  fixable: true,
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      if (!schemaTypes(schema).includes('integer') || Array.isArray(schema.enum) || schema.const !== undefined)
        continue;
      if (parameterName !== undefined && isPaginationName(parameterName)) continue; // oas-pagination-unbounded says more
      const missing = (['minimum', 'maximum'] as const).filter((bound) => !hasBound(schema, bound));
      if (missing.length === 0) continue;
      const what = propertyName
        ? `Integer property \`${propertyName}\``
        : parameterName
          ? `Integer parameter \`${parameterName}\``
          : 'This request integer';
      report({
        path: [...entry.jsonPath, 'type'],
        message: `${what} has no ${missing.map((m) => `\`${m}\``).join(' or ')}: callers can send huge or negative values that drive loops, allocations and amounts. Add the bounds the operation really accepts.`,
      });
    }
  },
};
