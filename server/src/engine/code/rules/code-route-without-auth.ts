// code-route-without-auth: Routes that nothing authenticates: no middleware, guard, dependency or decorator on the route, its router, its mount or the app.
// Doc: docs/rules/code-route-without-auth.md. Fixtures: test-fixtures/code/*/ (marked `code-route-without-auth`).

import { WRITE_METHODS, describeRoute, type Route } from '../model';
import { codeRule } from './types';

// Rules about routes: authentication, object-level authorisation, mass assignment, SSRF, error details and
// rate limiting. They read the Route model (and the handler's facts), never the syntax tree.
const PUBLIC_PATH =
  /(^|\/)(health|healthz|healthcheck|health[-_]check|ready|readyz|live|livez|ping|status|version|metrics|login|log-in|signin|sign-in|signup|sign-up|register|logout|token|oauth|callback|auth|forgot[-_]?password|reset[-_]?password|password[-_]?reset|password[-_]?recovery|recover[-_]?password|password\/(?:reset|forgot|recover|recovery)|verify[-_]?email|public|docs|api[-_]docs|openapi\.json|swagger(?:[-_](?:json|html|ui))?|webhooks?|favicon\.ico|robots\.txt)(\/|$|\.)/i;

const SENSITIVE_PATH =
  /(^|\/)(admin|internal|users?|accounts?|payments?|billing|keys?|secrets?|tokens?|settings)(\/|$|:|\{|<)/i;

const ADMIN_PATH = /(^|\/)(admin|internal|debug|manage|management|ops|superuser)(\/|$)/i;

export default codeRule({
  id: 'code-route-without-auth',
  severity: 'error',
  owasp: 'API2:2023',
  cwe: 'CWE-306',
  title: 'Route without authentication',
  summary:
    'A route that no middleware, guard, dependency or decorator authenticates, once mounts, router/app-level middleware and global guards are taken into account. Write routes and admin/internal paths are errors, read routes warnings.',
  fixable: false,
  scope: 'route',
  reads: {
    route: [
      'authEvidence',
      'pathTemplate',
      'publicMarker',
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
      if (route.publicMarker) {
        if (!adminish && !(WRITE_METHODS.has(route.method) && SENSITIVE_PATH.test(route.pathTemplate))) continue;
        ctx.report({
          span: route.range,
          message: `${describeRoute(route)} is marked public (\`${route.publicMarker}\`) but ${adminish ? 'its path looks administrative or internal' : 'it changes data on a sensitive-looking path'}. Anyone can call it without credentials. Require authentication (and an admin role) here, or move it out of the admin/internal namespace if it really is public.`,
        });
        continue;
      }
      if ((PUBLIC_PATH.test(route.pathTemplate) || route.pathTemplate === '/') && !adminish) continue;
      const write = WRITE_METHODS.has(route.method);
      // a read that answers a constant and calls nothing (`return 'Hello World!'`) serves nothing to protect
      if (!write && !adminish && constantAnswer(route)) continue;
      const notAuth = route.middleware.find((m) => m.notAuth)?.notAuth;
      const parts = [
        `${describeRoute(route)} has no authentication: no middleware, guard, dependency or decorator on the route, its router or the app verifies a token or session.`,
      ];
      if (notAuth) parts.push(`${notAuth}.`);
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
        severity: write || adminish ? 'error' : 'warning',
      });
    }
  },
});

function constantAnswer(route: Route): boolean {
  return (
    route.handler !== undefined &&
    route.calls.length === 0 &&
    route.responseExpressions.length > 0 &&
    route.responseExpressions.every((r) => r.val.k === 'str' || r.val.k === 'num' || r.val.k === 'bool')
  );
}
