// code-admin-route-without-role: An authenticated route on a privileged function (admin/internal paths, user
// management, refunds, exports of all data) that checks no role or permission, in a project that checks roles elsewhere.
// Doc: docs/rules/code-admin-route-without-role.md. Fixtures: test-fixtures/code/*/ (marked `code-admin-route-without-role`).

import { WRITE_METHODS, describeRoute, type Route } from '../model';
import { codeRule } from './types';

/** Administrative namespaces: `/admin/…`, `/internal/…`, `/manage…`, `/backoffice`. */
const ADMIN_SEGMENT =
  /^(admin|admins|administration|administrators?|admin[-_]\w+|internal|manage|management|manage[-_]\w+|backoffice|back[-_]office|superusers?|sysadmin)$/i;

/** People whose accounts an administrator manages. */
const ACCOUNT_COLLECTION = /^(users?|accounts?|members?|customers?|employees?|staff|profiles?)$/i;

/** What only an administrator changes about someone else's account. */
const ACCOUNT_ADMIN_ACTION =
  /^(roles?|permissions?|privileges?|groups?|status|ban|unban|block|unblock|suspend|unsuspend|activate|deactivate|enable|disable|promote|demote|lock|unlock|grant|revoke|impersonate|approve)$/i;

/** The caller's own account (`/users/me/…`): not someone else's. */
const SELF_SEGMENT = /^(me|self|current|my|profile)$/i;

const EXPORT_SEGMENT = /^(export|exports|export[-_]\w+|dump|backup|backups)$/i;

/** What privileged function a route serves, in words for the message; undefined when it serves none. */
export function privilegedFunction(route: Route): string | undefined {
  const segments = route.pathTemplate.split('/').filter(Boolean);
  const admin = segments.find((s) => ADMIN_SEGMENT.test(s));
  if (admin) return `an administrative endpoint (\`/${admin}\` in its path)`;
  const write = WRITE_METHODS.has(route.method);
  for (let i = 0; i + 1 < segments.length; i++) {
    if (!ACCOUNT_COLLECTION.test(segments[i]!) || !isParameter(segments[i + 1]!)) continue;
    const action = segments[i + 2];
    if (write && action && ACCOUNT_ADMIN_ACTION.test(action))
      return `user management (it changes another account's ${action.toLowerCase()})`;
    if (route.method === 'DELETE' && action === undefined) return 'user management (it deletes another account)';
  }
  if (write && segments.some((s) => /^refunds?$/i.test(s))) return 'a refund';
  const exported = segments.find((s) => EXPORT_SEGMENT.test(s));
  if (exported) return `an export of the application's data (\`/${exported}\`)`;
  for (let i = 0; i + 1 < segments.length; i++)
    if (/^reports?$/i.test(segments[i]!) && /^all$/i.test(segments[i + 1]!))
      return 'a report over all the data (`/reports/all`)';
  return undefined;
}

/** `:id`, `{user_id}`, `<int:pk>`, `(?P<pk>…)`: a path parameter, but not one naming the caller (`me`). */
function isParameter(segment: string): boolean {
  return /^(:|\{|<|\(\?P<|\*)/.test(segment) && !SELF_SEGMENT.test(segment.replace(/[^A-Za-z]/g, ''));
}

export default codeRule({
  id: 'code-admin-route-without-role',
  severity: 'warning',
  owasp: 'API5:2023',
  cwe: 'CWE-285',
  title: 'Privileged route without a role check',
  summary:
    'An authenticated route serving a privileged function (an admin/internal path, changing or deleting other users, refunds, exports of all data) checks no role or permission, although other routes of the project do: any signed-in user may call it.',
  fixable: false,
  scope: 'route',
  reads: { route: ['authEvidence', 'roleChecks', 'roleModel', 'middleware', 'pathTemplate', 'method', 'publicMarker'] },
  check(ctx) {
    for (const route of ctx.routes) {
      const auth = route.authEvidence.find((e) => !e.optional);
      if (!auth || route.roleChecks.length > 0 || !route.roleModel || route.publicMarker) continue;
      // a guard that lets no one through (juice-shop's `denyAll()`) is stricter than any role
      if (route.middleware.some((m) => m.deniesAll)) continue;
      const what = privilegedFunction(route);
      if (!what) continue;
      const model = route.roleModel;
      ctx.report({
        span: route.range,
        message: `${describeRoute(route)} is ${what}, and it is authenticated (\`${auth.name}\`) but checks no role or permission: any signed-in user may call it. The project does check roles elsewhere: \`${model.name}\` on line ${ctx.line(model.span, model.file)} ${model.detail.replace(/^a well-known/, 'is a well-known')}. Add the role or permission check this function needs (the admin role, a permission) to the route, its router or controller, or refuse callers without it at the top of the handler.`,
      });
    }
  },
});
