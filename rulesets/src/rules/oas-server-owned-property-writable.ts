import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';

// Properties the server owns: identity, timestamps, ownership and privileges.
const SERVER_OWNED = new Set([
  'id',
  'uuid',
  'created',
  'createdat',
  'createdon',
  'createddate',
  'creationdate',
  'updated',
  'updatedat',
  'updatedon',
  'modified',
  'modifiedat',
  'lastmodified',
  'owner',
  'ownerid',
  'createdby',
  'role',
  'roles',
  'isadmin',
  'admin',
  'permissions',
  'issuperuser',
  'superuser',
  'isverified',
  'verified',
  'balance',
  'credits',
]);

export function isServerOwnedName(name: string): boolean {
  return SERVER_OWNED.has(splitIdentifier(name).join(''));
}

export const serverOwnedPropertyWritable: OpenApiRule = {
  id: 'oas-server-owned-property-writable',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-915',
  title: 'Server-owned property writable in requests',
  fixable: true,
  summary:
    'A schema used by both requests and responses has a property the server should own (`id`, `createdAt`, `owner`, `role`, `isAdmin`, `balance`…) that is not `readOnly`, so the description lets clients set it: the classic mass-assignment hole.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const entry of index.schemasByUsage('request')) {
      const name = entry.propertyName;
      if (name === undefined || entry.schema.readOnly === true || !isServerOwnedName(name)) continue;
      if (!index.schemaIsUsedIn(entry.schema, 'response')) continue;
      report({
        path: entry.jsonPath,
        message: `Property \`${name}\` is owned by the server but this schema, shared by requests and responses, lets clients send it: a client could set its own id, owner, role or timestamps (mass assignment). Mark it \`readOnly: true\` and make the server ignore it on input, or use separate request and response schemas.`,
      });
    }
  },
};
