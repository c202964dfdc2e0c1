// code-jwt-unsafe-verification: JWT verification without an algorithm allow-list, with `none` allowed, or with expiry checks off.
// Doc: docs/rules/code-jwt-unsafe-verification.md. Fixtures: test-fixtures/code/*/ (marked `code-jwt-unsafe-verification`).

import { codeRule, type CodeRuleContext } from './types';
import { kwarg, prop, walkVal, moduleOfCall, type Span, type Val } from '../facts';
import { definedAt, resolveConstant, type ResolvedValue } from '../moduleConstants';
import { pythonVerificationDisabled } from '../authSignals';

export default codeRule({
  id: 'code-jwt-unsafe-verification',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-347',
  title: 'JWT verified unsafely',
  summary:
    'A JWT is verified without an algorithm allow-list, with `none` allowed, or with expiry checks switched off, so forged or expired tokens may pass.',
  fixable: true,
  scope: 'statement',
  reads: { file: ['imports', 'moduleConstants'] },
  check(ctx) {
    const file = ctx.file;
    for (const call of file.allCalls) {
      const module = moduleOfCall(call, file) ?? '';
      if (file.lang === 'js' && /^(jsonwebtoken)$/.test(module) && call.method === 'verify') {
        const written = call.val.args[2];
        const resolved = resolveConstant(written, ctx.fileContext.moduleConstants);
        const options = resolved?.value;
        const at = (span: Span) => (resolved?.via ? written!.span : span);
        const algorithms = prop(options, 'algorithms');
        const ignoreExp = prop(options, 'ignoreExpiration');
        if (algorithms && algorithmsAllowNone(algorithms.value))
          report(
            ctx,
            at(algorithms.value.span),
            `\`jwt.verify\` accepts the \`none\` algorithm${origin(ctx, resolved, "sets `algorithms` with 'none'")}, so unsigned tokens pass verification. Allow only the algorithm you sign with (e.g. \`['RS256']\`).`,
          );
        else if (!algorithms && !(options?.k === 'ref'))
          report(
            ctx,
            call.nameSpan,
            `\`jwt.verify\` on line ${ctx.line(call.val.span)} has no \`algorithms\` allow-list, so the token's header chooses the algorithm (algorithm-confusion attacks: an RS256 public key used as an HS256 secret). Pass \`{ algorithms: ['RS256'] }\` (or the one algorithm you use).`,
            call.val.span,
          );
        if (ignoreExp?.value.k === 'bool' && ignoreExp.value.value)
          report(
            ctx,
            at(ignoreExp.value.span),
            `\`ignoreExpiration: true\`${origin(ctx, resolved, 'sets it')} accepts expired tokens forever, so a leaked token never stops working. Remove it and keep token lifetimes short.`,
          );
      }
      if (
        file.lang === 'py' &&
        /^(jwt|jose|jose\.jwt|authlib\.jose)$/.test(module) &&
        call.method === 'decode' &&
        !pythonVerificationDisabled(call.val, ctx.fileContext.moduleConstants)
      ) {
        const algorithms = kwarg(call.val, 'algorithms');
        if (algorithms && algorithmsAllowNone(algorithms.value))
          report(
            ctx,
            algorithms.value.span,
            'The allowed algorithms include `none`, so unsigned tokens pass. Allow only the algorithm you sign with.',
          );
        else if (!algorithms && call.val.args.length >= 2)
          report(
            ctx,
            call.nameSpan,
            `\`${call.path}\` on line ${ctx.line(call.val.span)} has no \`algorithms=[…]\` allow-list, so the token header picks the algorithm. Pass \`algorithms=["HS256"]\` (or the one algorithm you use).`,
            call.val.span,
          );
        const options = kwarg(call.val, 'options')?.value;
        const exp = prop(options, 'verify_exp');
        if (exp?.value.k === 'bool' && !exp.value.value)
          report(
            ctx,
            exp.value.span,
            '`"verify_exp": False` accepts expired tokens forever. Remove it and keep token lifetimes short.',
          );
      }
    }
  },
});

function algorithmsAllowNone(val: Val): boolean {
  let found = false;
  walkVal(val, (v) => {
    if (v.k === 'str' && v.value.toLowerCase() === 'none') found = true;
  });
  return found;
}

/** ` (\`options\`, line 12, sets …)` when the value came from a module constant; nothing when written inline. */
function origin(ctx: CodeRuleContext, resolved: ResolvedValue | undefined, what: string): string {
  const via = resolved?.via;
  return via ? ` (${definedAt(ctx, via)}, ${what})` : ' here';
}

/** `fixSpan`: the call the quick-fix adds `algorithms` to. */
function report(ctx: CodeRuleContext, span: Span, message: string, fixSpan?: Span): void {
  ctx.report(fixSpan ? { span, message, fixSpan } : { span, message });
}
