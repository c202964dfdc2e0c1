import { describeOperation, isObject, type IndexedOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { pathWords } from '../helpers/operations';
import { isAdminOperation } from './oas-admin-security-not-distinct';

// Path words that suggest an operation touches accounts, money, secrets or administration: an explicit
// `security: []` on such a path is more likely a mistake than a deliberate public endpoint.
const SENSITIVE_PATH_WORDS = new Set([
  'admin',
  'admins',
  'administrator',
  'internal',
  'manage',
  'management',
  'private',
  'user',
  'users',
  'account',
  'accounts',
  'me',
  'profile',
  'profiles',
  'payment',
  'payments',
  'billing',
  'invoice',
  'invoices',
  'order',
  'orders',
  'token',
  'tokens',
  'key',
  'keys',
  'apikey',
  'apikeys',
  'secret',
  'secrets',
  'password',
  'passwords',
  'credential',
  'credentials',
  'settings',
  'config',
  'configuration',
  'export',
  'exports',
  'customer',
  'customers',
  'patient',
  'patients',
  'transfer',
  'transfers',
  'wallet',
  'wallets',
  'role',
  'roles',
  'permission',
  'permissions',
  'debug',
]);

export function pathLooksSensitive(path: string): boolean {
  return pathWords(path).some((word) => SENSITIVE_PATH_WORDS.has(word));
}

function isExplicitlyPublic(op: IndexedOperation): boolean {
  return op.securitySource === 'operation' && op.security !== undefined && op.security.length === 0;
}

export const operationWithoutSecurity: OpenApiRule = {
  id: 'oas-operation-without-security',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Operation without security',
  summary:
    'The operation has no security requirement of its own and none from the document root, so the description says anyone may call it. ' +
    'An explicit `security: []` is accepted as a deliberate public endpoint, except on paths that look sensitive or administrative.',
  fixable: true,
  check(index, report) {
    const unsecured = index.operations.filter((op) => !isExplicitlyPublic(op) && !op.security?.length);
    // A document that defines no scheme and requires none anywhere says one thing, not one thing per operation
    // (GitHub's spec: 1,223 identical errors); one finding on `paths` says it once.
    const declaresNoSecurity =
      unsecured.length > 1 &&
      index.securitySchemes.size === 0 &&
      index.operations.every((op) => !op.security?.length) &&
      isObject(index.root.paths);
    if (declaresNoSecurity) {
      const examples = unsecured.slice(0, 3).map(describeOperation).join(', ');
      const more = unsecured.length > 3 ? ` and ${unsecured.length - 3} more` : '';
      const schemes = index.version === '2.0' ? '`securityDefinitions`' : '`components.securitySchemes`';
      report({
        path: ['paths'],
        message: `The document defines no security scheme and none of its ${unsecured.length} operations requires one (${examples}${more}): the description says anyone can call every operation, and gateways, clients and tests cannot tell how to authenticate. Define the schemes the API uses (${schemes}), require them at the root (\`security:\`), and mark public operations with \`security: []\`.`,
      });
    }
    for (const op of index.operations) {
      const name = describeOperation(op);
      if (isExplicitlyPublic(op)) {
        // Administrative paths too: oas-admin-security-not-distinct leaves unsecured admin operations to this rule.
        if (pathLooksSensitive(op.path) || isAdminOperation(op)) {
          report({
            path: op.jsonPath,
            message: `${name} is marked public with \`security: []\`, but its path looks sensitive: anyone could call it without credentials. Require a security scheme unless the data is truly public.`,
          });
        }
        continue;
      }
      if (!declaresNoSecurity && (op.security === undefined || op.security.length === 0)) {
        report({
          path: op.jsonPath,
          message: `${name} has no security requirement (none on the operation, none at the document root): anyone can call it. Add \`security\` to the operation or the root, or \`security: []\` to mark it public on purpose.`,
        });
      }
    }
  },
};
