// code-debug-mode-enabled: The framework running in debug mode.
// Doc: docs/rules/code-debug-mode-enabled.md. Fixtures: test-fixtures/code/*/ (marked `code-debug-mode-enabled`).

import { codeRule } from './types';
import { kwarg, pathOf, strValue, type Span } from '../facts';

export default codeRule({
  id: 'code-debug-mode-enabled',
  severity: 'warning',
  owasp: 'API8:2023',
  cwe: 'CWE-489',
  title: 'Debug mode enabled',
  summary:
    'The framework runs in debug mode (`debug=True`, `DEBUG = True`), which exposes stack traces, settings and sometimes an interactive console.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'djangoSettings'] },
  check(ctx) {
    const file = ctx.file;
    const flag = (span: Span, what: string) =>
      ctx.report({
        span,
        message: `${what} runs the application in debug mode: errors show stack traces, settings and source to every client${what.includes('run') ? ', and the Werkzeug debugger allows running code' : ''}. Read it from the environment and keep it off in production.`,
      });
    for (const call of file.allCalls) {
      const debug = kwarg(call.val, 'debug');
      if (
        debug?.value.k === 'bool' &&
        debug.value.value &&
        (/^(run|FastAPI|Starlette|Flask|Quart|uvicorn\.run)$/.test(call.method) || /\.run$/.test(call.path))
      )
        flag(debug.value.span, `\`${call.path.replace(/\(\)/g, '()')}(debug=True)\``);
      if (call.method === 'set' && strValue(call.val.args[0]) === 'env' && strValue(call.val.args[1]) === 'development')
        flag(call.val.args[1]!.span, "`app.set('env', 'development')`");
      if (
        call.method === 'use' &&
        call.val.args[0]?.k === 'call' &&
        /^errorhandler$/.test(pathOf(call.val.args[0].callee)) &&
        file.imports.some((i) => i.module === 'errorhandler')
      )
        flag(call.val.args[0].span, 'The `errorhandler` middleware (development only)');
    }
    const django = ctx.fileContext.djangoSettings === true;
    for (const a of file.allAssigns) {
      const isDebug = /^DEBUG$/.test(a.target)
        ? django
        : /\.(debug|DEBUG)$/.test(a.target) && /^(app|application|server)\b/.test(a.target);
      if (isDebug && a.value.k === 'bool' && a.value.value) flag(a.value.span, `\`${a.target} = True\``);
      if (/config\.DEBUG$/.test(a.target) && a.value.k === 'bool' && a.value.value)
        flag(a.value.span, `\`${a.target} = True\``);
    }
  },
});
