import type { OpenApiRule } from '../ruleTypes';
import { atLeast, classifyField } from '../../../server/src/engine/sensitive';

export const credentialInUrl: OpenApiRule = {
  id: 'oas-credential-in-url',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-598',
  title: 'Credential in a URL parameter',
  summary:
    'A query or path parameter carries a credential (password, token, API key, secret). URLs end up in server and proxy logs, browser history and Referer headers, so the credential leaks with them.',
  check(index, report, context) {
    const seen = new Set<object>();
    for (const op of index.operations) {
      for (const { parameter, jsonPath } of op.parameters) {
        if ((parameter.in !== 'query' && parameter.in !== 'path') || typeof parameter.name !== 'string' || seen.has(parameter)) continue;
        seen.add(parameter);
        const match = atLeast(classifyField({ name: parameter.name }, context.sensitiveData), 'medium').find((m) => m.dataClass === 'credential');
        if (!match) continue;
        report({
          path: [...jsonPath, 'name'],
          message: `${parameter.in === 'query' ? 'Query' : 'Path'} parameter \`${parameter.name}\` carries a credential in the URL, where logs, browser history and Referer headers keep it. Send it in a header (e.g. \`Authorization\`) or the request body instead.`,
          dataClasses: ['credential'],
        });
      }
    }
  },
};
