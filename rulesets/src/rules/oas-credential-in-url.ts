import type { OpenApiRule } from '../ruleTypes';
import { atLeast, classifyField } from '../sensitive';
import { uniqueParameters } from '../helpers/operations';
import { cannotHoldSecret, identifiesResource } from '../helpers/parameterValues';

export const credentialInUrl: OpenApiRule = {
  id: 'oas-credential-in-url',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-598',
  title: 'Credential in a URL parameter',
  summary:
    'A query or path parameter carries a credential (password, token, API key, secret). URLs end up in server and proxy logs, browser history and Referer headers, so the credential leaks with them. ' +
    'A path parameter that identifies an object of the collection before it (`/tokens/{token}`, `/sessions/{session_id}`) or is described as an identifier, and a boolean or `enum` parameter, are not credentials.',
  check(index, report, context) {
    for (const { parameter, jsonPath, name, op } of uniqueParameters(index, ['query', 'path'])) {
      const match = atLeast(classifyField({ name }, context.sensitiveData), 'medium').find(
        (m) => m.dataClass === 'credential',
      );
      if (!match || cannotHoldSecret(parameter) || identifiesResource(op.path, parameter)) continue;
      report({
        path: [...jsonPath, 'name'],
        message: `${parameter.in === 'query' ? 'Query' : 'Path'} parameter \`${name}\` carries a credential in the URL, where logs, browser history and Referer headers keep it. Send it in a header (e.g. \`Authorization\`) or the request body instead.`,
        dataClasses: ['credential'],
      });
    }
  },
};
