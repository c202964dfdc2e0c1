// code-secret-file-committed: A dotenv file, private-key file or JSON Web Key Set that git does not ignore holds a real secret.
// Doc: docs/rules/code-secret-file-committed.md. Fixtures: test-fixtures/code/secrets/ (marked `code-secret-file-committed`).
//
// Not a check on handler facts: these files are not code. The engine hands them to secrets/scanSecretFile.ts and
// reports with this rule's metadata (checks is empty on purpose).
import type { CodeRule } from './types';

export default {
  id: 'code-secret-file-committed',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-540',
  title: 'Secret in a committed file',
  summary:
    'A `.env` file, a private-key file (`*.pem`, `*.key`, `id_rsa`) or a JSON Web Key Set that `.gitignore` does not exclude holds a secret value, an unencrypted private key or a private JWK: it is (or will be) in the repository for anyone with read access.',
  fixable: false,
  checks: [],
} satisfies CodeRule;

/** The message of a secret found in a file (see secrets/scanSecretFile.ts). */
export function secretFileMessage(what: string, guessable: string | undefined): string {
  const weak = guessable
    ? `, a well-known weak value (\`${guessable}\`) that token-cracking word lists try first,`
    : '';
  return `This file holds ${what}${weak}, and \`.gitignore\` does not exclude it: it is (or will be) committed, and everyone with the repository, its forks and its history has it. Add the file to \`.gitignore\`, remove it from the history, rotate the secret, and commit a \`.env.example\` with placeholders instead.`;
}
