// code-missing-rate-limit: Login, token, OTP and sign-up routes, and routes that call an LLM, without a rate limiter.
// Doc: docs/rules/code-missing-rate-limit.md. Fixtures: test-fixtures/code/*/ (marked `code-missing-rate-limit`).

import { codeRule } from './types';
import { describeRoute } from '../model';
import { isLlmCall } from '../llm';

const AUTH_FLOW_PATH =
  /(^|\/)(login|log-in|signin|sign-in|sign_in|signup|sign-up|sign_up|register|token|tokens|oauth\/token|password|passwords|forgot[-_]?password|reset[-_]?password|password[-_]?reset|otp|2fa|mfa|verify[-_]?(otp|code|phone|email)?|magic[-_]?link|sessions?)(\/|$|\.)/i;

export default codeRule({
  id: 'code-missing-rate-limit',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'Sensitive route without rate limiting',
  summary:
    'A login, token, password-reset, sign-up or OTP route, or a route that calls an LLM API, has no rate limiting at route, router or app level: brute force and cost exhaustion are unbounded.',
  fixable: false,
  scope: 'route',
  reads: { file: ['imports'], route: ['rateLimited', 'pathTemplate', 'method', 'calls', 'handlerFile'] },
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.rateLimited) continue;
      const authFlow = AUTH_FLOW_PATH.test(route.pathTemplate) && route.method !== 'GET';
      const llm = route.calls.find((c) => isLlmCall(c, route.handlerFile ?? ctx.file));
      if (!authFlow && !llm) continue;
      const why = authFlow
        ? 'Without a limit attackers can try passwords, tokens or codes as fast as the server answers (credential stuffing, OTP brute force).'
        : `It calls an LLM API (\`${llm!.path.replace(/\(\)/g, '()')}\`, line ${ctx.line(llm!.val.span, route.handlerFile)}), so every request costs money: without a limit one client can run up the bill or exhaust your quota.`;
      ctx.report({
        span: route.range,
        message: `${describeRoute(route)} has no rate limiting at route, router or app level. ${why} Add a rate limiter (express-rate-limit, @fastify/rate-limit, @nestjs/throttler, slowapi, Flask-Limiter, DRF throttles) to this route.`,
        ...(llm && !authFlow ? { aiLinked: true } : {}),
      });
    }
  },
});
