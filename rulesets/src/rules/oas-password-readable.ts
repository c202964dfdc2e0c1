import { schemaTypes } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { splitIdentifier } from '../sensitive/words';

const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'passcode']);
// Words that make a password-named property describe the password (a policy, a date, a flag) rather than hold it.
const METADATA_WORDS = new Set([
  'policy',
  'policies',
  'expires',
  'expiry',
  'expiration',
  'expired',
  'changed',
  'updated',
  'created',
  'required',
  'strength',
  'length',
  'min',
  'max',
  'rules',
  'rule',
  'enabled',
  'set',
  'last',
  'at',
  'date',
  'time',
  'count',
  'attempts',
  'age',
  'hint',
  'is',
  'has',
  'needs',
  'must',
  'type',
  'format',
  'url',
  'link',
  'reset',
]);

// A description that calls the password short-lived ("The temporary password that the username will use"): a
// credential the API issues to the caller (TURN/ICE credentials, one-time codes), not a stored password.
const ISSUED_CREDENTIAL = /\b(?:temporary|ephemeral|one-time|single-use|short-lived)\b/i;

export function isPasswordLikeName(name: string): boolean {
  const words = splitIdentifier(name);
  if (!words.some((w) => PASSWORD_WORDS.has(w))) return false;
  return !words.some((w) => METADATA_WORDS.has(w));
}

export const passwordReadable: OpenApiRule = {
  id: 'oas-password-readable',
  severity: 'error',
  owasp: 'API3:2023',
  cwe: 'CWE-200',
  title: 'Password readable in responses',
  summary:
    'A password-like property appears in a response schema and is not `writeOnly`, so the description allows the API to send passwords (or their hashes) back to clients. ' +
    'A password described as temporary, ephemeral, one-time or short-lived is a credential the API issues, and is not reported.',
  fixable: true,
  check(index, report) {
    for (const entry of index.schemasByUsage('response')) {
      const { schema, propertyName } = entry;
      if (propertyName === undefined || !isPasswordLikeName(propertyName)) continue;
      if (schema.writeOnly === true) continue;
      if (typeof schema.description === 'string' && ISSUED_CREDENTIAL.test(schema.description)) continue;
      const types = schemaTypes(schema);
      if (types.length > 0 && !types.includes('string')) continue;
      report({
        path: entry.jsonPath,
        message:
          index.version === '2.0'
            ? `Property \`${propertyName}\` is returned in a response: passwords and their hashes must never leave the server. Remove it from response schemas (Swagger 2.0 has no \`writeOnly\`).`
            : `Property \`${propertyName}\` can be returned in responses: passwords and their hashes must never leave the server. Mark it \`writeOnly: true\` or remove it from response schemas.`,
      });
    }
  },
};
