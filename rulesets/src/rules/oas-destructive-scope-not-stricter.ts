import { describeOperation, type IndexedOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isUnsecured, scopesByScheme } from '../helpers/operations';

const DESTRUCTIVE = new Set(['delete', 'put', 'patch']);

/** True when every scheme of `write` is used by `read` with a superset of the scopes `write` needs. */
function notStricter(write: IndexedOperation, read: IndexedOperation): boolean {
  const writeScopes = scopesByScheme(write.security);
  const readScopes = scopesByScheme(read.security);
  if (writeScopes.size === 0) return false;
  let anyScopes = false;
  for (const [scheme, scopes] of writeScopes) {
    const readSet = readScopes.get(scheme);
    if (!readSet) return false;
    if (scopes.size > 0 || readSet.size > 0) anyScopes = true;
    for (const scope of scopes) if (!readSet.has(scope)) return false;
  }
  return anyScopes; // without scopes on either side there is nothing to compare
}

export const destructiveScopeNotStricter: OpenApiRule = {
  id: 'oas-destructive-scope-not-stricter',
  severity: 'warning',
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  title: 'Write operation needs no stricter scope than reads',
  summary:
    'A DELETE, PUT or PATCH operation requires no scope beyond what the GET of the same path requires, so every token that can read a resource can also change or delete it.',
  check(index, report) {
    const reads = new Map<string, IndexedOperation>();
    for (const op of index.operations) if (op.method === 'get' && !isUnsecured(op)) reads.set(op.path, op);
    for (const op of index.operations) {
      if (!DESTRUCTIVE.has(op.method) || isUnsecured(op)) continue;
      const read = reads.get(op.path);
      if (!read || !notStricter(op, read)) continue;
      report({
        path: op.securitySource === 'operation' ? [...op.jsonPath, 'security'] : op.jsonPath,
        message: `${describeOperation(op)} requires no scope beyond those of GET ${op.path}: any token that can read the resource can also ${op.method === 'delete' ? 'delete' : 'change'} it. Require a write or admin scope (e.g. \`things:write\`) for ${op.method.toUpperCase()}.`,
      });
    }
  },
};
