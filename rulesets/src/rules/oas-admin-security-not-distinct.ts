import { describeOperation, type IndexedOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { hasAnyWord, isUnsecured, pathWords, securityKey } from '../helpers/operations';

const ADMIN_WORDS = new Set([
  'admin',
  'admins',
  'administrator',
  'administration',
  'internal',
  'manage',
  'management',
  'superuser',
  'sudo',
  'backoffice',
  'staff',
  'ops',
  'operator',
  'debug',
  'actuator',
  'maintenance',
]);

export function isAdminOperation(op: IndexedOperation): string | undefined {
  return hasAnyWord(pathWords(op.path), ADMIN_WORDS);
}

export const adminSecurityNotDistinct: OpenApiRule = {
  id: 'oas-admin-security-not-distinct',
  severity: 'error',
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  title: 'Administrative operation secured like ordinary ones',
  summary:
    'An operation on an administrative or internal path (`/admin`, `/internal`, `/management`…) has no security, or exactly the same security requirements (schemes and scopes) as ordinary operations, so any authenticated user is allowed to call it.',
  check(index, report) {
    const ordinaryKeys = new Set<string>();
    for (const op of index.operations)
      if (!isAdminOperation(op) && !isUnsecured(op)) ordinaryKeys.add(securityKey(op.security));
    for (const op of index.operations) {
      const word = isAdminOperation(op);
      if (!word) continue;
      const unsecured = isUnsecured(op);
      if (!unsecured && !ordinaryKeys.has(securityKey(op.security))) continue;
      report({
        path: op.jsonPath,
        message: unsecured
          ? `${describeOperation(op)} is an administrative operation ("${word}") without any security: anyone who finds the path can call it. Require a dedicated admin scheme or an admin-only scope.`
          : `${describeOperation(op)} is an administrative operation ("${word}") with the same security as ordinary operations: any authenticated user passes the documented check. Require an admin-only scope or role (and enforce it on the server).`,
      });
    }
  },
};
