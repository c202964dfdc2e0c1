// code-tls-verification-disabled: TLS certificate verification switched off for outbound calls.
// Doc: docs/rules/code-tls-verification-disabled.md. Fixtures: test-fixtures/code/*/ (marked `code-tls-verification-disabled`).

import { codeRule } from './types';
import { pathOf, strValue, type Span } from '../facts';

export default codeRule({
  id: 'code-tls-verification-disabled',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-295',
  title: 'TLS certificate verification disabled',
  summary:
    'Certificate verification is switched off (`rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `verify=False`, `CERT_NONE`), so outbound calls can be intercepted.',
  fixable: true,
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    const seen = new Set<number>();
    const flag = (span: Span, what: string) => {
      if (seen.has(span.start)) return;
      seen.add(span.start);
      ctx.report({
        span,
        message: `${what} turns off TLS certificate verification, so anyone on the network path can impersonate the server and read or change the traffic (tokens, personal data). Keep verification on; for private CAs pass the CA bundle (\`ca\`, \`verify='/path/ca.pem'\`).`,
      });
    };
    for (const p of file.props) {
      if (p.key === 'rejectUnauthorized' && p.value.k === 'bool' && !p.value.value)
        flag(p.value.span, '`rejectUnauthorized: false`');
      if (p.key === 'checkServerIdentity' && p.value.k === 'fn' && p.value.fn.returns.every((r) => r.k === 'null'))
        flag(p.value.span, 'A `checkServerIdentity` that accepts everything');
      if (
        (p.key === 'verify' || p.key === 'ssl_verify' || p.key === 'verify_ssl') &&
        p.value.k === 'bool' &&
        !p.value.value
      )
        flag(p.value.span, `\`${p.key}: False\``);
    }
    for (const call of file.allCalls) {
      for (const k of call.val.kwargs) {
        if (/^(verify|ssl_verify|verify_ssl|ssl)$/.test(k.name) && k.value.k === 'bool' && !k.value.value)
          flag(k.value.span, `\`${k.name}=False\``);
        if (k.name === 'cert_reqs' && /CERT_NONE/.test(pathOf(k.value) + strValue(k.value)))
          flag(k.value.span, '`cert_reqs=CERT_NONE`');
      }
      if (/_create_unverified_context$/.test(call.path.replace(/\(\)/g, '')))
        flag(call.nameSpan, '`ssl._create_unverified_context()`');
    }
    for (const a of file.allAssigns) {
      if (
        /NODE_TLS_REJECT_UNAUTHORIZED$/.test(a.target) &&
        ((a.value.k === 'str' && a.value.value === '0') || (a.value.k === 'num' && a.value.value === 0))
      )
        flag(a.value.span, '`NODE_TLS_REJECT_UNAUTHORIZED = 0`');
      if (/\.check_hostname$/.test(a.target) && a.value.k === 'bool' && !a.value.value)
        flag(a.value.span, '`check_hostname = False`');
      if (/\.verify_mode$/.test(a.target) && /CERT_NONE/.test(pathOf(a.value)))
        flag(a.value.span, '`verify_mode = CERT_NONE`');
      if (/\.verify$/.test(a.target) && a.value.k === 'bool' && !a.value.value)
        flag(a.value.span, '`session.verify = False`');
    }
  },
});
