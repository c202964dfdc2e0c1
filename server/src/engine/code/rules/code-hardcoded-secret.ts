// code-hardcoded-secret: Signing keys, API keys, passwords and connection strings written in the code, or as an environment fallback.
// Doc: docs/rules/code-hardcoded-secret.md. Fixtures: test-fixtures/code/*/ (marked `code-hardcoded-secret`).

import { splitIdentifier } from '@apiwarden/sensitive';
import { codeRule } from './types';
import { kwarg, lastSegment, pathOf, strValue, type Val } from '../facts';

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

const KNOWN_SECRET_SHAPES: [RegExp, string][] = [
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

const ANY_SECRET_SHAPE = /AKIA|_live_|sk-|gh[pousr]_|xox[baprs]-|AIza|PRIVATE KEY|:\/\/[^:/@\s]+:[^@\s]+@/;

const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<.*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|your[-_ ].*|.*example.*|test|dummy|none|null|undefined|true|false|[A-Z][A-Z0-9_]+)$/i;

const secretNameCache = new Map<string, boolean>();

function isSecretName(name: string): boolean {
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
const GUESSABLE_KEYS =
  /^(secret|secretkey|changeme|change[-_ ]?me|random|keyboard cat|password|passw0rd|test|testing|dev|development|key|mysecret|supersecret|topsecret|shhh+|jwt[-_ ]?secret|your[-_ ]?secret([-_ ]?key)?|default|s3cr3t|123456|abc123|qwerty)$/i;

function isSigningKeyName(name: string): boolean {
  return SIGNING_KEY_NAMES.test(splitIdentifier(name).join(''));
}

/** A literal in a signing-key position: anything but an empty string or a template/placeholder syntax. */
function isLiteralKey(value: string): boolean {
  const v = value.trim();
  // UPPER_SNAKE names are the name of a variable to read (`secretOrKeyProvider: 'JWT_SECRET'`), not the key.
  return v !== '' && !/^(<.*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|[A-Z][A-Z0-9]*(_[A-Z0-9]+)+)$/.test(v);
}

function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || PLACEHOLDER.test(value.trim())) return false;
  if (/\s{2,}|^\s|\s$/.test(value) || value.split(' ').length > 3) return false; // prose, messages
  if (/^(https?:)?\/\//.test(value) && !/:[^@/]+@/.test(value)) return false;
  return true;
}

export default codeRule({
  id: 'code-hardcoded-secret',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-798',
  title: 'Hard-coded secret',
  summary:
    'A signing key, API key, password or connection string with a password is written in the code, or used as the fallback when an environment variable is missing.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['testCode'] },
  check(ctx) {
    const file = ctx.file;
    // In test code only real key shapes (part 3) are reported: its passwords and keys are fixtures.
    const testCode = ctx.fileContext.testCode === true;
    const reported = new Set<number>();
    const flag = (lit: Extract<Val, { k: 'str' }>, why: string) => {
      if (reported.has(lit.span.start)) return;
      reported.add(lit.span.start);
      const guessable = GUESSABLE_KEYS.test(lit.value.trim())
        ? ` and is a well-known weak key (\`${lit.value.trim()}\`) that token-cracking word lists try first`
        : '';
      ctx.report({
        span: lit.span,
        message: `${why} is written in the code${guessable}. Anyone with the source (repository, build artefacts, a leaked image) has it, and it cannot be rotated without a deploy. Load it from the environment or a secret manager, and fail at start-up when it is missing instead of falling back to a literal.`,
      });
    };
    // 1. values assigned to secret-looking names
    const named = (name: string, val: Val) => {
      const last = lastSegment(name);
      if (!isSecretName(last)) return;
      const signingKey = isSigningKeyName(last);
      if (val.k === 'str' && (signingKey ? isLiteralKey(val.value) : looksLikeSecretValue(val.value)))
        flag(val, signingKey ? `A signing key (\`${name}\`)` : `A secret (\`${name}\`)`);
      if (val.k === 'or') envFallback(val, name);
    };
    // 2. process.env.X || 'literal', os.environ.get('X', 'literal'), os.getenv('X', 'literal')
    const envFallback = (val: Val, name: string) => {
      if (val.k !== 'or') return;
      const env = val.items.find(
        (i) =>
          /^process\.env\./.test(pathOf(i)) ||
          (i.k === 'call' && /^(os\.environ\.get|os\.getenv|getenv|config|env)$/.test(pathOf(i.callee))),
      );
      const lit = val.items.find((i): i is Extract<Val, { k: 'str' }> => i.k === 'str');
      if (!env || !lit) return;
      const envName = lastSegment(pathOf(env));
      const signingKey = isSigningKeyName(lastSegment(name)) || isSigningKeyName(envName);
      if (
        (signingKey ? isLiteralKey(lit.value) : looksLikeSecretValue(lit.value)) &&
        (isSecretName(lastSegment(name)) || isSecretName(envName))
      )
        flag(lit, `The fallback value of a secret (\`${pathOf(env)}\`)`);
    };
    // 3. well-known key shapes in any string literal
    function scanKeyShapes() {
      for (const lit of file.strings) {
        if (lit.value.length < 16 || !ANY_SECRET_SHAPE.test(lit.value)) continue;
        for (const [re, what] of KNOWN_SECRET_SHAPES)
          if (re.test(lit.value)) flag(lit, `${what[0]!.toUpperCase()}${what.slice(1)}`);
      }
    }
    scanKeyShapes();
    if (testCode) return;
    for (const b of file.bindings) named(b.name, b.value);
    for (const a of file.allAssigns) named(a.target, a.value);
    for (const fn of file.allFunctions) for (const [name, values] of fn.locals) for (const v of values) named(name, v);
    for (const call of file.allCalls) {
      // os.environ.get('JWT_SECRET', 'dev-secret') / os.getenv(…)
      if (/^(os\.environ\.get|os\.getenv|getenv|environ\.get)$/.test(call.path.replace(/\(\)/g, ''))) {
        const key = strValue(call.val.args[0]);
        const fallback = call.val.args[1] ?? kwarg(call.val, 'default')?.value;
        const acceptable = key && isSigningKeyName(key) ? isLiteralKey : looksLikeSecretValue;
        if (key && fallback?.k === 'str' && isSecretName(key) && acceptable(fallback.value))
          flag(fallback, `The fallback value of a secret (\`${key}\`)`);
      }
      // jwt.sign(payload, 'secret'), jwt.encode(payload, 'secret'), jwt.verify(token, 'secret')
      if (/^(sign|verify|encode|decode)$/.test(call.method) && /jwt|jose|token/i.test(call.path)) {
        const key = call.val.args[1] ?? kwarg(call.val, 'key')?.value;
        if (key?.k === 'str' && isLiteralKey(key.value)) flag(key, `The JWT signing key passed to \`${call.path}\``);
        if (key?.k === 'or') envFallback(key, 'secret');
      }
      for (const k of call.val.kwargs) named(k.name, k.value);
    }
    // options objects: session({ secret: '…' }), expressjwt({ secret }), JwtModule.register({ secret })
    for (const p of file.props) named(p.key, p.value);
    for (const cls of file.classes) for (const m of cls.members) if (m.value) named(m.name, m.value);
  },
});
