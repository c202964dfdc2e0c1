import { schemaTypes, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isUploadSchema } from './oas-upload-unbounded';

// Formats whose values have a fixed, small length.
const BOUNDED_FORMATS = new Set(['date', 'date-time', 'time', 'uuid', 'ipv4', 'ipv6', 'duration', 'int32', 'int64']);

/** A pattern anchored at both ends with only bounded quantifiers limits the length by itself. */
export function patternBoundsLength(pattern: unknown): boolean {
  if (typeof pattern !== 'string') return false;
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) return false;
  const withoutEscapes = pattern.replace(/\\./g, 'x');
  return !/[*+]|\{\d*,\}/.test(withoutEscapes);
}

export function stringIsBounded(schema: JsonObject): boolean {
  return (
    typeof schema.maxLength === 'number' ||
    Array.isArray(schema.enum) ||
    schema.const !== undefined ||
    (typeof schema.format === 'string' && (BOUNDED_FORMATS.has(schema.format) || schema.format === 'binary')) ||
    patternBoundsLength(schema.pattern)
  );
}

export const stringUnbounded: OpenApiRule = {
  id: 'oas-string-unbounded',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Unbounded string input',
  summary:
    'A string accepted from clients (parameter or request body) has no `maxLength`, `enum`, `const` or anchored pattern, so callers may send arbitrarily large values that cost memory, storage and CPU.',
  fixable: true,
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const { schema, propertyName, parameterName } = entry;
      if (!schemaTypes(schema).includes('string') || stringIsBounded(schema) || isUploadSchema(schema)) continue; // uploads: oas-upload-unbounded
      const what = propertyName
        ? `String property \`${propertyName}\``
        : parameterName
          ? `String parameter \`${parameterName}\``
          : 'This request string';
      report({
        path: [...entry.jsonPath, 'type'],
        message: `${what} has no maximum length: clients can send arbitrarily large values. Add \`maxLength\` (or an \`enum\`, or an anchored \`pattern\`).`,
      });
    }
  },
};
