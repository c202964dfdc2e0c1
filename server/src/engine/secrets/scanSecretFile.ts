// Finds the secrets in a dotenv, private-key or JWKS file: each a finding of code-secret-file-committed at the
// value, the key block or the private JWK member. A file git ignores yields none (see gitIgnore.ts).
import { LineIndex } from '../positions';
import type { Range } from '../findings';
import {
  GUESSABLE_KEYS,
  KNOWN_SECRET_SHAPES,
  isLiteralKey,
  isSecretName,
  isSigningKeyName,
  looksLikeSecretValue,
} from '../code/secretValues';
import { isTestEnvFile, type SecretFileKind } from './secretFiles';

export interface SecretInFile {
  range: Range;
  /** What the secret is, for the message (`` `JWT_SECRET` ``, "a private key"). */
  what: string;
  /** A well-known weak value, named in the message. */
  guessable?: string;
}

const DOTENV_LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*)$/;

/** A dotenv value without its quotes or its trailing comment, and where it starts in the line. */
function dotenvValue(raw: string): { value: string; offset: number } {
  if (raw.startsWith('#')) return { value: '', offset: 0 }; // `KEY= # comment`: an empty value
  const quote = raw[0];
  if (quote === '"' || quote === "'" || quote === '`') {
    const end = raw.indexOf(quote, 1);
    return { value: raw.slice(1, end === -1 ? undefined : end), offset: 1 };
  }
  const comment = raw.search(/[ \t]#/);
  return { value: (comment === -1 ? raw : raw.slice(0, comment)).trimEnd(), offset: 0 };
}

function shapeOf(value: string): string | undefined {
  return KNOWN_SECRET_SHAPES.find(([re]) => re.test(value))?.[1];
}

function scanDotenv(text: string, uri: string, lines: LineIndex, inTests: boolean): SecretInFile[] {
  const out: SecretInFile[] = [];
  const testValues = inTests || isTestEnvFile(uri);
  let offset = 0;
  for (const line of text.split('\n')) {
    const match = DOTENV_LINE.exec(line.replace(/\r$/, ''));
    if (match) {
      const [, name, raw] = match as unknown as [string, string, string];
      const { value, offset: inner } = dotenvValue(raw);
      const start = offset + line.indexOf(raw, line.indexOf('=')) + inner;
      const range = lines.rangeOf(start, start + value.length);
      const shape = value.length >= 16 ? shapeOf(value) : undefined;
      if (shape) out.push({ range, what: `${shape} (\`${name}\`)` });
      else if (!testValues && isSecretName(name)) {
        const signingKey = isSigningKeyName(name);
        if (signingKey ? isLiteralKey(value) : looksLikeSecretValue(value))
          out.push({
            range,
            what: `${signingKey ? 'a signing key' : 'a secret'} (\`${name}\`)`,
            ...(GUESSABLE_KEYS.test(value.trim()) ? { guessable: value.trim() } : {}),
          });
      }
    }
    offset += line.length + 1;
  }
  return out;
}

function scanPrivateKey(text: string, lines: LineIndex): SecretInFile[] {
  const out: SecretInFile[] = [];
  for (const match of text.matchAll(/-----BEGIN ([A-Z ]*)PRIVATE KEY-----/g)) {
    const block = text.slice(match.index, text.indexOf('-----END', match.index));
    // an encrypted key is useless without its passphrase
    if (/ENCRYPTED/.test(match[1]!) || /Proc-Type:\s*4,ENCRYPTED/.test(block)) continue;
    out.push({ range: lines.rangeOf(match.index, match.index + match[0].length), what: 'a private key' });
  }
  return out;
}

function scanJwks(text: string, lines: LineIndex): SecretInFile[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const keys = Array.isArray((parsed as { keys?: unknown })?.keys) ? (parsed as { keys: unknown[] }).keys : [parsed];
  const privateKeys = keys.filter(
    (k) => k !== null && typeof k === 'object' && ('d' in k || ((k as { kty?: unknown }).kty === 'oct' && 'k' in k)),
  );
  if (privateKeys.length === 0) return [];
  // one finding per private member, in text order (the parse only says that there are some)
  const out: SecretInFile[] = [];
  for (const match of text.matchAll(/"(d|k)"\s*:/g)) {
    out.push({
      range: lines.rangeOf(match.index, match.index + 3),
      what: match[1] === 'd' ? 'the private part of a JSON Web Key (`d`)' : 'a symmetric JSON Web Key (`k`)',
    });
    if (out.length >= privateKeys.length) break;
  }
  return out;
}

/** `inTests`: the file is in a test folder, where only real key shapes count. */
export function scanSecretFile(kind: SecretFileKind, uri: string, text: string, inTests = false): SecretInFile[] {
  const lines = new LineIndex(text);
  if (kind === 'dotenv') return scanDotenv(text, uri, lines, inTests);
  if (kind === 'private-key') return scanPrivateKey(text, lines);
  return scanJwks(text, lines);
}
