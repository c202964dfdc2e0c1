// code-error-details-exposed: Stack traces, raw exception messages or error objects sent to clients.
// Doc: docs/rules/code-error-details-exposed.md. Fixtures: test-fixtures/code/*/ (marked `code-error-details-exposed`).

import { codeRule } from './types';
import { pathOf, rootOf, type Span, type Val } from '../facts';

const RESPONSE_CALL =
  /^(json|send|end|write|jsonp|render|jsonify|JsonResponse|JSONResponse|Response|HTTPException|HttpException|make_response|abort)$/;

export default codeRule({
  id: 'code-error-details-exposed',
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-209',
  title: 'Error details sent to clients',
  summary:
    'A response carries a stack trace, a raw exception message or the error object itself, which tells attackers about internals.',
  fixable: false,
  scope: 'statement',
  check(ctx) {
    const seen = new Set<number>();
    for (const fn of ctx.file.allFunctions) {
      const errorNames = new Set(fn.catches.map((c) => c.name).filter(Boolean));
      // Express/Koa error handlers: (err, req, res, next)
      if (fn.params.length === 4 && /^(err|error|e|ex|exception)$/.test(fn.params[0]!.name))
        errorNames.add(fn.params[0]!.name);
      // FastAPI/Flask exception handlers: (request, exc) / (e)
      if (fn.decorators.some((d) => /exception_handler|errorhandler/.test(pathOf(d.k === 'call' ? d.callee : d))))
        for (const p of fn.params) if (/^(exc|e|err|error|exception)$/.test(p.name)) errorNames.add(p.name);
      const candidates: { val: Val; span: Span; via: string }[] = [];
      for (const call of fn.calls)
        if (RESPONSE_CALL.test(call.method))
          for (const a of [
            ...call.val.args,
            ...call.val.kwargs.filter((k) => /detail|message|error|content|body/.test(k.name)).map((k) => k.value),
          ])
            candidates.push({ val: a, span: call.nameSpan, via: call.path });
      for (const r of [...fn.returns, ...fn.raises]) candidates.push({ val: r, span: r.span, via: '' });
      for (const a of fn.assigns)
        if (/\.body$/.test(a.target)) candidates.push({ val: a.value, span: a.targetSpan, via: a.target });
      for (const c of candidates) {
        const leak = leakedError(c.val, errorNames);
        if (!leak || seen.has(leak.span.start)) continue;
        seen.add(leak.span.start);
        ctx.report({
          span: leak.span,
          message: `\`${leak.text}\` is sent to the client (${c.via ? `through \`${c.via}\`` : 'returned or raised by the handler'}) on line ${ctx.line(leak.span)}. ${leak.stack ? 'Stack traces reveal' : 'Raw exception messages reveal'} file paths, library versions, SQL and internal state. Log the error on the server and return a generic message with a correlation id.`,
          ...(leak.stack ? { severity: 'error' as const } : {}),
        });
      }
    }
  },
});

function leakedError(val: Val, errorNames: Set<string>): { text: string; stack: boolean; span: Span } | undefined {
  let found: { text: string; stack: boolean; span: Span } | undefined;
  const visit = (v: Val) => {
    if (found) return;
    if (v.k === 'call' && /traceback\.(format_exc|format_exception|print_exc)/.test(pathOf(v.callee))) {
      found = { text: pathOf(v.callee) + '()', stack: true, span: v.span };
      return;
    }
    if (
      v.k === 'member' &&
      errorNames.has(rootOf(v) ?? '') &&
      /\.(stack|message|msg|args|detail|sqlMessage|sql|errors)$/.test(pathOf(v))
    ) {
      found = { text: pathOf(v), stack: /stack/.test(pathOf(v)), span: v.span };
      return;
    }
    if (v.k === 'ref' && errorNames.has(v.name)) {
      found = { text: v.name, stack: false, span: v.span };
      return;
    }
    if (
      v.k === 'call' &&
      /^(str|repr|String|format|f)$/.test(pathOf(v.callee)) &&
      v.args[0]?.k === 'ref' &&
      errorNames.has(v.args[0].name)
    ) {
      found = { text: `${pathOf(v.callee)}(${v.args[0].name})`, stack: false, span: v.span };
      return;
    }
    switch (v.k) {
      case 'obj':
        v.props.forEach((p) => visit(p.value));
        v.spreads.forEach(visit);
        break;
      case 'arr':
        v.items.forEach(visit);
        break;
      case 'tmpl':
        v.parts.forEach(visit);
        break;
      case 'call':
        if (/^(console|logger|log|logging)\b/.test(pathOf(v.callee))) break;
        v.args.forEach(visit);
        v.kwargs.forEach((k) => visit(k.value));
        break;
      case 'or':
        v.items.forEach(visit);
        break;
    }
  };
  visit(val);
  return found;
}
