// What a secret looks like, by name and by value: shared by code-hardcoded-secret (literals in code) and
// code-secret-file-committed (.env files, key files). Names are split into words (`JWT_SECRET` -> jwt secret).
import { splitIdentifier } from '@apiwarden/sensitive';

const SECRET_WORDS = new Set([
  'secret',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'token',
  'privatekey',
  'credential',
  'credentials',
  'signingkey',
  'clientsecret',
  'accesskey',
  'secretkey',
  'jwtsecret',
  'sessionsecret',
  'dsn',
]);

const SECRET_PAIRS = [
  ['api', 'key'],
  ['private', 'key'],
  ['signing', 'key'],
  ['client', 'secret'],
  ['access', 'key'],
  ['secret', 'key'],
  ['auth', 'token'],
  ['access', 'token'],
  ['encryption', 'key'],
  ['master', 'key'],
  ['app', 'key'],
];

export const KNOWN_SECRET_SHAPES: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bsk_live_[0-9a-zA-Z]{16,}/, 'a Stripe live secret key'],
  [/\brk_live_[0-9a-zA-Z]{16,}/, 'a Stripe restricted key'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/, 'an Anthropic API key'],
  [/\bsk-(proj-)?[A-Za-z0-9_-]{32,}/, 'an OpenAI API key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/, 'a private key'],
  [
    /\b(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|redis|amqps?|mssql):\/\/[^:/@\s]+:[^@\s$<{]{3,}@/,
    'a connection string with a password',
  ],
];

export const ANY_SECRET_SHAPE = /AKIA|_live_|sk-|gh[pousr]_|xox[baprs]-|AIza|PRIVATE KEY|:\/\/[^:/@\s]+:[^@\s]+@/;

export const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<.*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|your[-_ ].*|.*example.*|test|dummy|none|null|undefined|true|false|[A-Z][A-Z0-9_]+)$/i;

const secretNameCache = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let known = secretNameCache.get(name);
  if (known === undefined) {
    known = computeIsSecretName(name);
    if (secretNameCache.size > 20_000) secretNameCache.clear();
    secretNameCache.set(name, known);
  }
  return known;
}

function computeIsSecretName(name: string): boolean {
  const words = splitIdentifier(name);
  const joined = words.join('');
  if (
    /^(is|has|use|enable|show|min|max|reset|forgot|change|confirm|verify|new|old)/.test(joined) &&
    words.length > 1 &&
    !SECRET_WORDS.has(joined)
  )
    return false;
  if (
    words.some((w) =>
      /^(url|uri|path|file|header|name|field|length|len|type|expires?|ttl|endpoint|label|placeholder|regex|pattern|policy|hint|prompt|message|question|input|param|route|id)$/.test(
        w,
      ),
    )
  )
    return false;
  if (SECRET_WORDS.has(joined) || words.some((w) => SECRET_WORDS.has(w))) return true;
  for (const [a, b] of SECRET_PAIRS) {
    const i = words.indexOf(a!);
    if (i !== -1 && words[i + 1] === b) return true;
  }
  return false;
}

// Keys that sign or encrypt tokens and sessions: a literal there is the key itself, however short or guessable
// (`'secret'`, `'changeme'`, `'dev'` are the worst keys, not harmless placeholders).
const SIGNING_KEY_NAMES =
  /^(secret|secretkey|jwtsecret|jwtsecretkey|jwtkey|jwtsigningkey|signingkey|sessionsecret|cookiesecret|tokensecret|appsecret|appsecretkey|flasksecretkey|djangosecretkey|secretkeybase|encryptionkey)$/;

/** Well-known weak keys, named in the message so the reader sees why a short word is a finding. */
export const GUESSABLE_KEYS =
  /^(secret|secretkey|changeme|change[-_ ]?me|random|keyboard cat|password|passw0rd|test|testing|dev|development|key|mysecret|supersecret|topsecret|shhh+|jwt[-_ ]?secret|your[-_ ]?secret([-_ ]?key)?|default|s3cr3t|123456|abc123|qwerty)$/i;

export function isSigningKeyName(name: string): boolean {
  return SIGNING_KEY_NAMES.test(splitIdentifier(name).join(''));
}

/** A literal in a signing-key position: anything but an empty string or a template/placeholder syntax. */
export function isLiteralKey(value: string): boolean {
  const v = value.trim();
  // UPPER_SNAKE names are the name of a variable to read (`secretOrKeyProvider: 'JWT_SECRET'`), not the key.
  return v !== '' && !/^(<.*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)$/.test(v);
}

export function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || PLACEHOLDER.test(value.trim())) return false;
  if (/\s{2,}|^\s|\s$/.test(value) || value.split(' ').length > 3) return false; // prose, messages
  if (/^(https?:)?\/\//.test(value) && !/:[^@/]+@/.test(value)) return false;
  return true;
}
