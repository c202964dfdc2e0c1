import { isObject, schemaTypes } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { classesOf, classifySchemaEntry, describeClasses } from '../helpers/sensitive';
import { isPasswordLikeName } from './oas-password-readable';

export const sensitiveDataInResponse: OpenApiRule = {
  id: 'oas-sensitive-data-in-response',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-213',
  title: 'Sensitive data in a response',
  summary:
    'A response schema has a property that holds sensitive data (personal, government id, card, health, financial, location, biometric data or credentials), judged by its name, format, description and examples. Each such field widens what a leak or an over-broad response exposes and brings regulatory duties.',
  check(index, report, context) {
    for (const entry of index.schemasByUsage('response')) {
      if (entry.propertyName === undefined || entry.schema.writeOnly === true) continue;
      if (isPasswordLikeName(entry.propertyName)) continue; // oas-password-readable reports these
      // Credentials are scalar values; an object or list named `secrets` or `tokens` holds their metadata.
      const container =
        isObject(entry.schema.properties) ||
        entry.schema.items !== undefined ||
        schemaTypes(entry.schema).some((t) => t === 'object' || t === 'array');
      const matches = classifySchemaEntry(entry, context.sensitiveData).filter(
        (m) => !(container && m.dataClass === 'credential'),
      );
      if (matches.length === 0) continue;
      const classes = classesOf(matches);
      report({
        path: entry.jsonPath,
        message: `Response property \`${entry.propertyName}\` holds ${describeClasses(classes)} data (${matches[0]!.reason}): every response that includes it exposes it to the caller, caches and logs. Return it only to callers entitled to it, mask or drop it where it is not needed, or allow-list the name (\`apiwarden.sensitiveData.allowNames\`) if it is not sensitive.`,
        dataClasses: classes,
      });
    }
  },
};
