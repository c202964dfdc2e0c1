// code-jwt-decode-without-verify: Code that decides who the caller is reads JWT claims without verifying the signature.
// Doc: docs/rules/code-jwt-decode-without-verify.md. Fixtures: test-fixtures/code/*/ (marked `code-jwt-decode-without-verify`).

import { codeRule, type CodeRuleContext } from './types';
import { isDecodeOnly, pythonVerificationOff } from '../authSignals';
import { definedAt } from '../moduleConstants';
import { moduleOfCall, pathOf, type FileFacts, type FnFacts, type Span } from '../facts';

export default codeRule({
  id: 'code-jwt-decode-without-verify',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-347',
  title: 'JWT decoded without verifying its signature',
  summary:
    'Code that decides who the caller is decodes a JWT without verifying its signature (`jwt.decode`, `verify_signature: False`), so anyone can forge a token.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'moduleConstants'] },
  check(ctx) {
    const file = ctx.file;
    for (const fn of file.allFunctions) {
      for (const call of fn.calls) {
        if (!isDecodeOnly(call, file, ctx.fileContext.moduleConstants)) continue;
        const module = moduleOfCall(call, file) ?? '';
        if (file.lang === 'js' && !/jsonwebtoken|jwt-decode|jose/.test(module) && !/jwt|jose/i.test(call.path))
          continue;
        if (file.lang === 'py' && !/jwt|jose/.test(module + call.path)) continue;
        const off = file.lang === 'py' ? pythonVerificationOff(call.val, ctx.fileContext.moduleConstants) : undefined;
        const explicit = off && `\`${off.text}\`${off.via ? `; ${definedAt(ctx, off.via)}` : ''}`;
        if (!explicit && !decidesAuth(fn, file)) continue;
        report(
          ctx,
          call.nameSpan,
          `\`${call.path}\` on line ${ctx.line(call.val.span)} reads the token's claims without verifying its signature${explicit ? ` (${explicit})` : ''}, and this code decides who the caller is. Anyone can forge a token with any user id or role. Use the verifying call (\`jwt.verify(token, key, { algorithms })\` / \`jwt.decode(token, key, algorithms=[…])\`).`,
        );
      }
    }
  },
});

function decidesAuth(fn: FnFacts, file: FileFacts): boolean {
  if (fn.params.some((p) => /^(req|request|ctx|context)$/.test(p.name))) return true;
  if (fn.assigns.some((a) => /\.(user|auth|state\.user|currentUser)$/.test(a.target))) return true;
  if (/user|auth|principal|identity|session|current|verify|claims/i.test(fn.name ?? '')) return true;
  if (fn.params.some((p) => /^(token|credentials|authorization|bearer|access_token|accessToken|jwt)$/.test(p.name))) {
    // a helper given a token decides identity when it hands back the claims (or who they name), not e.g. only `exp`
    return fn.returns.some(
      (r) =>
        r.k === 'call' ||
        r.k === 'ref' ||
        r.k === 'obj' ||
        (r.k === 'member' && /^(sub|id|user|userId|user_id|role|roles|email|uid|username)$/.test(r.prop)),
    );
  }
  return (
    file.lang === 'py' &&
    fn.params.some((p) => p.defaultVal?.k === 'call' && /Depends|Security/.test(pathOf(p.defaultVal.callee)))
  );
}

function report(ctx: CodeRuleContext, span: Span, message: string): void {
  ctx.report({ span, message });
}
