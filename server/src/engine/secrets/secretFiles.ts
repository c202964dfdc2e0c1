// Which files hold secrets by their nature: dotenv files, private-key files, JSON Web Key Sets. Decided from the
// name (cheap, for discovery and classification) and confirmed by a glance at the content. Example and template
// files (`.env.example`) are meant to be committed and hold placeholders: they are not secret files.
import { extensionOf } from '../uris';

export type SecretFileKind = 'dotenv' | 'private-key' | 'jwks';

const EXAMPLE_NAME = /[._-](example|sample|template|tpl|dist|defaults?|schema)([._-]|$)/i;
const DOTENV_NAME = /^\.env(\.[\w.-]+)?$/i;
const KEY_FILE_NAME = /^id_(rsa|dsa|ecdsa|ed25519)$/i;
const KEY_EXTENSIONS = new Set(['.pem', '.key']);
const JWKS_NAME = /(^|[._-])jwks?\.json$|\.jwks?$/i;

/** Glob patterns of the candidates, for workspace discovery (dot files included). */
export const SECRET_FILE_GLOBS = [
  '**/.env',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/id_rsa',
  '**/*.jwk',
  '**/*.jwks',
  '**/*jwks.json',
];

function baseName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** The kind of secret file a name says, or undefined. */
export function secretFileKindOf(uri: string): SecretFileKind | undefined {
  const name = baseName(uri);
  if (EXAMPLE_NAME.test(name)) return undefined;
  if (DOTENV_NAME.test(name)) return 'dotenv';
  if (KEY_EXTENSIONS.has(extensionOf(uri)) || KEY_FILE_NAME.test(name)) return 'private-key';
  if (JWKS_NAME.test(name)) return 'jwks';
  return undefined;
}

/** The kind, when the content agrees: a key file holds a private key block, a JWKS a private member. */
export function detectSecretFile(uri: string, text: string): SecretFileKind | undefined {
  const kind = secretFileKindOf(uri);
  if (kind === 'private-key') return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text) ? kind : undefined;
  if (kind === 'jwks') return /"(d|k)"\s*:/.test(text) ? kind : undefined;
  return kind;
}

/** `.env.test`, `.env.ci`: values for tests, like test code (only real key shapes count there). */
export function isTestEnvFile(uri: string): boolean {
  return /^\.env\.(test|testing|ci|e2e|spec)(\.|$)/i.test(baseName(uri));
}
