// code-hardcoded-secret: Signing keys, API keys, passwords and connection strings written in the code, or as an environment fallback.
// Doc: docs/rules/code-hardcoded-secret.md. Fixtures: test-fixtures/code/*/ (marked `code-hardcoded-secret`).

import { codeRule } from './types';
import { kwarg, lastSegment, pathOf, strValue, type Val } from '../facts';
import {
  ANY_SECRET_SHAPE,
  GUESSABLE_KEYS,
  KNOWN_SECRET_SHAPES,
  isLiteralKey,
  isSecretName,
  isSigningKeyName,
  looksLikeSecretValue,
} from '../secretValues';

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
