import { describeOperation, responseHeaders, responsesOf } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';

const REMOVAL_TEXT =
  /\b(?:sunset|removed?|removal|retire[ds]?|decommission|end[- ]of[- ]life|EOL|will be (?:deleted|disabled|shut))\b|\b\d{4}-\d{2}-\d{2}\b/i;

export const deprecatedWithoutSunset: OpenApiRule = {
  id: 'oas-deprecated-without-sunset',
  severity: 'warning',
  owasp: 'API9:2023',
  cwe: 'CWE-1059',
  title: 'Deprecated operation without a sunset',
  summary:
    'An operation is `deprecated: true` but says nothing about when it goes away: no `x-sunset` extension, no `Sunset` response header, no removal date or plan in its description. Deprecated endpoints without an end date live forever as unpatched "zombie" APIs.',
  check(index, report) {
    for (const op of index.operations) {
      if (op.operation.deprecated !== true) continue;
      if (op.operation['x-sunset'] !== undefined || op.operation['x-sunset-date'] !== undefined) continue;
      const text = `${typeof op.operation.description === 'string' ? op.operation.description : ''} ${typeof op.operation.summary === 'string' ? op.operation.summary : ''}`;
      if (REMOVAL_TEXT.test(text)) continue;
      if (responsesOf(op.operation, op.jsonPath).some((r) => responseHeaders(r).has('sunset'))) continue;
      report({
        path: [...op.jsonPath, 'deprecated'],
        message: `${describeOperation(op)} is deprecated with no removal date: deprecated endpoints without an end stay reachable, unmaintained and unmonitored (zombie APIs). Add \`x-sunset: <date>\` and a \`Sunset\` response header (RFC 8594), name the replacement in the description, and remove it when the date passes.`,
      });
    }
  },
};
