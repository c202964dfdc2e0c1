import { describeOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { allowsAnonymous } from '../helpers/operations';

export const objectOperationAnonymous: OpenApiRule = {
  id: 'oas-object-operation-anonymous',
  severity: 'error',
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  title: 'Object-level operation open to anonymous callers',
  summary:
    'An operation on a single object (`/things/{id}`) is marked public with `security: []`, or accepts anonymous callers through an empty `{}` alternative. Without a caller identity the API cannot check that the object belongs to the caller.',
  check(index, report) {
    for (const op of index.operations) {
      if (!op.path.includes('{')) continue;
      const explicitPublic = op.securitySource === 'operation' && op.security !== undefined && op.security.length === 0;
      if (!explicitPublic && !allowsAnonymous(op)) continue;
      report({
        path: op.securitySource === 'document' ? op.jsonPath : [...op.jsonPath, 'security'],
        message: `${describeOperation(op)} addresses one object by id but ${explicitPublic ? 'is public (`security: []`)' : 'also accepts anonymous callers (an empty `{}` requirement)'}: without knowing the caller, the API cannot check that the object is theirs, so anyone can read or change any object by trying ids. Require authentication and check object ownership on the server.`,
      });
    }
  },
};
