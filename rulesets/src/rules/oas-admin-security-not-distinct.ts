import { describeOperation, type IndexedOperation, type JsonObject } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { hasAnyWord, isUnsecured, pathWords, securityKey } from '../helpers/operations';
import { splitIdentifier } from '../sensitive/words';

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

/**
 * Every alternative names a scheme or scope for administrators (`AdminApiKeyAuth`, `admin:org`): a dedicated
 * admin credential, even when ordinary-looking paths (`/organization/users`) require it too.
 */
export function requiresAdminCredential(security: JsonObject[]): boolean {
  return security.every((requirement) =>
    Object.entries(requirement).some(
      ([scheme, scopes]) =>
        hasAnyWord(splitIdentifier(scheme), ADMIN_WORDS) !== undefined ||
        (Array.isArray(scopes) &&
          scopes.some((s) => typeof s === 'string' && hasAnyWord(splitIdentifier(s), ADMIN_WORDS))),
    ),
  );
}

export const adminSecurityNotDistinct: OpenApiRule = {
  id: 'oas-admin-security-not-distinct',
  severity: 'error',
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  title: 'Administrative operation secured like ordinary ones',
  summary:
    'An operation on an administrative or internal path (`/admin`, `/internal`, `/management`…) has exactly the same security requirements (schemes and scopes) as ordinary operations, so any authenticated user is allowed to call it. ' +
    'Requirements naming an admin scheme or scope count as distinct; an admin operation without any security is reported once, by `oas-operation-without-security`.',
  check(index, report) {
    const ordinaryKeys = new Set<string>();
    for (const op of index.operations)
      if (!isAdminOperation(op) && !isUnsecured(op)) ordinaryKeys.add(securityKey(op.security));
    for (const op of index.operations) {
      const word = isAdminOperation(op);
      if (!word) continue;
      // No security at all is one fault, reported by oas-operation-without-security at the same place.
      if (isUnsecured(op) || !ordinaryKeys.has(securityKey(op.security))) continue;
      if (requiresAdminCredential(op.security!)) continue;
      report({
        path: op.jsonPath,
        message: `${describeOperation(op)} is an administrative operation ("${word}") with the same security as ordinary operations: any authenticated user passes the documented check. Require an admin-only scope or role (and enforce it on the server).`,
      });
    }
  },
};
