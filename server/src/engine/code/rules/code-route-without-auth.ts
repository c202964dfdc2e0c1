// code-route-without-auth: Routes that nothing authenticates: no middleware, guard, dependency or decorator on the route, its router, its mount or the app.
// Doc: docs/rules/code-route-without-auth.md. Fixtures: test-fixtures/code/*/ (marked `code-route-without-auth`).

import { WRITE_METHODS, describeRoute, type Route } from '../model';
import { codeRule } from './types';

// Rules about routes: authentication, object-level authorisation, mass assignment, SSRF, error details and
// rate limiting. They read the Route model (and the handler's facts), never the syntax tree.
const PUBLIC_PATH =
  /(^|\/)(health|healthz|healthcheck|health[-_]check|ready|readyz|live|livez|ping|status|version|metrics|login|log-in|signin|sign-in|signup|sign-up|register|logout|token|oauth|callback|auth|forgot[-_]?password|reset[-_]?password|password[-_]?reset|password[-_]?recovery|recover[-_]?password|password\/(?:reset|forgot|recover|recovery)|verify[-_]?email|security[-_]?(?:questions?|answers?)|(?:image[-_])?captchas?|public|docs|api[-_]docs|openapi\.json|swagger(?:[-_](?:json|html|ui))?|webhooks?|favicon\.ico|robots\.txt)(\/|$|\.)/i;

const SENSITIVE_PATH =
  /(^|\/)(admin|internal|users?|accounts?|payments?|billing|keys?|secrets?|tokens?|settings)(\/|$|:|\{|<)/i;

/**
 * Where an unauthenticated read is worth a finding: a path that names people, accounts, money, credentials,
 * configuration or logs. Other reads (a catalogue, tags, a captcha, a static page) are public on most APIs by
 * design; reporting every one of them buried the real findings (49 of 67 on the real-apps corpus were such reads
 * or public-by-design writes). The inventory still lists them with their auth.
 */
const PROTECTED_READ_PATH =
  /(^|[/_-])(admin|internal|private|debug|users?|accounts?|me|profiles?|customers?|members?|employees?|patients?|orders?|addresses|payments?|billing|invoices?|cards?|wallets?|transactions?|keys?|secrets?|tokens?|credentials?|passwords?|sessions?|settings|config|configuration|env|logs?|audit|backups?|exports?|uploads?|files?)(\/|$|:|\{|<|\.|-|_)/i;

/**
 * Sign-up by REST convention: a POST to a bare user/account collection (`POST /api/users`), as the RealWorld
 * spec and most tutorials write registration. Not when the path says it is private, internal or administrative.
 */
const SIGN_UP_PATH = /\/(users?|accounts?|members?|customers?)\/?$/i;
const NOT_SIGN_UP_PATH = /(^|\/)(admin|internal|private|manage|management|staff)(\/|$)|[:{<*]/i;

/** Data-changing calls: a GET handler that makes one changes state (and is a write for this rule). */
const WRITE_CALL =
  /^(create|save|insert|insertOne|insertMany|update|updateOne|updateMany|upsert|delete|deleteOne|deleteMany|destroy|remove|bulk_create|bulkCreate|commit|persist|increment|decrement)$|^(create|insert|update|delete|remove|destroy)_|_(create|insert|update|delete|remove|destroy)$/;

/** Receivers whose `update`/`remove`/`delete` change nothing stored: hashes, in-memory collections, the response. */
const NOT_A_STORE =
  /^(res|response|reply|ctx|req|request)\b|(hash|hmac|crypto|cipher|digest|signer|verifier)[^.]*\.\w+$|(^|\.)(set|map|list|array|cache|headers|cookies|params|query_params|searchParams|classList|emitter|events?)(\(\))?\.\w+$/i;

const CAPTCHA = /captcha|turnstile/i;

const ADMIN_PATH = /(^|\/)(admin|internal|debug|manage|management|ops|superuser)(\/|$)/i;

export default codeRule({
  id: 'code-route-without-auth',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Route without authentication',
  summary:
    'A route that no middleware, guard, dependency or decorator authenticates, once mounts, router/app-level middleware and global guards are taken into account. Writes (and reads that change stored data) and admin/internal paths are errors; reads are reported, as warnings, when their path names people, accounts, money, credentials, configuration or logs.',
  fixable: false,
  scope: 'route',
  reads: {
    route: [
      'authEvidence',
      'pathTemplate',
      'publicMarker',
      'hiddenFromDocs',
      'method',
      'middleware',
      'unmounted',
      'mountedVia',
      'handler',
      'calls',
      'responseExpressions',
    ],
  },
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.authEvidence.length > 0) continue;
      const adminish = ADMIN_PATH.test(route.pathTemplate);
      if ((PUBLIC_PATH.test(route.pathTemplate) || route.pathTemplate === '/') && !adminish) continue;
      const publicMarker = route.publicMarker ?? captchaCheck(route);
      if (publicMarker) {
        if (!adminish && !(WRITE_METHODS.has(route.method) && SENSITIVE_PATH.test(route.pathTemplate))) continue;
        ctx.report({
          span: route.range,
          subject: describeRoute(route),
          message: `${describeRoute(route)} is marked public (\`${publicMarker}\`) but ${adminish ? 'its path looks administrative or internal' : 'it changes data on a sensitive-looking path'}. Anyone can call it without credentials. Require authentication (and an admin role) here, or move it out of the admin/internal namespace if it really is public.`,
        });
        continue;
      }
      if (
        route.method === 'POST' &&
        SIGN_UP_PATH.test(route.pathTemplate) &&
        !NOT_SIGN_UP_PATH.test(route.pathTemplate)
      )
        continue;
      const writeMethod = WRITE_METHODS.has(route.method);
      const storeWrite = writeMethod
        ? undefined
        : route.calls.find((c) => WRITE_CALL.test(c.method) && !NOT_A_STORE.test(c.path));
      const write = writeMethod || storeWrite !== undefined;
      // a read that answers a constant and calls nothing (`return 'Hello World!'`) serves nothing to protect
      if (!write && !adminish && constantAnswer(route)) continue;
      // a read kept out of the API docs is one its authors did not mean for everyone
      if (!write && !adminish && !route.hiddenFromDocs && !PROTECTED_READ_PATH.test(route.pathTemplate)) continue;
      const notAuth = route.middleware.find((m) => m.notAuth)?.notAuth;
      const parts = [
        `${describeRoute(route)} has no authentication: no middleware, guard, dependency or decorator on the route, its router or the app verifies a token or session.`,
      ];
      if (notAuth) parts.push(`${notAuth}.`);
      if (route.hiddenFromDocs)
        parts.push(
          `It is left out of the API docs (\`${route.hiddenFromDocs}\`): that hides it from readers of the docs, not from callers.`,
        );
      if (storeWrite)
        parts.push(`It answers ${route.method} but changes stored data (\`${storeWrite.path}\`), so it is a write.`);
      if (route.unmounted)
        parts.push(
          'Its router is not mounted anywhere in this project, so app-level middleware could not be taken into account.',
        );
      else if (route.mountedVia.length > 0)
        parts.push(
          `Mounted via ${route.mountedVia.map((v) => `\`${v.length > 90 ? v.slice(0, 90) + '…' : v}\``).join(' → ')}.`,
        );
      parts.push(
        write || adminish
          ? 'Anyone can call this write/admin endpoint. Add your auth middleware/guard/dependency to the route or to the router or app that mounts it.'
          : 'Anyone can read what it returns. Add authentication, or mark it public explicitly if it really is public.',
      );
      ctx.report({
        span: route.range,
        message: parts.join(' '),
        subject: describeRoute(route),
        severity: write || adminish ? 'error' : 'warning',
      });
    }
  },
});

/** A CAPTCHA in the chain or the handler (`verifyCaptcha()`, `recaptcha.verify(…)`, Turnstile): the route is meant for
 * anonymous people, with bots kept out (a feedback or contact form), which is a public marker of its own. */
function captchaCheck(route: Route): string | undefined {
  const middleware = route.middleware.find((m) => CAPTCHA.test(m.name));
  if (middleware) return middleware.name;
  return route.calls.find((c) => CAPTCHA.test(c.path))?.path;
}

function constantAnswer(route: Route): boolean {
  return (
    route.handler !== undefined &&
    route.calls.length === 0 &&
    route.responseExpressions.length > 0 &&
    route.responseExpressions.every((r) => r.val.k === 'str' || r.val.k === 'num' || r.val.k === 'bool')
  );
}
