// Role and permission checks of routes, filled in after the adapters so every framework gets them the same way:
// which routes demand a role or permission beyond being signed in (from the middleware, guards, dependencies and
// decorators the adapters evaluated, or a check in the handler's own body), and, for the others, evidence that the
// project has a role model all the same (a route of the file that checks one, a role-checking function the file
// imports or defines, one the project's mount files apply, a guard that enforces declared roles). A rule can then
// tell a privileged route that forgot its role check from a project where every signed-in user may do everything.
import { allCallsOf, allRaisesOf, allRefsOf, allReturnsOf, type FileFacts, type FnFacts, type Val } from './facts';
import { rejectStatus, roleRef } from './authSignals';
import type { AdapterContext } from './frameworks/context';
import type { RoleEvidence, Route } from './model';

/** Names worth asking the auth analysis about when looking for a role model (it then judges their definition). */
const ROLE_LIKE_NAME = /role|perm|admin|superuser|staff|scope|polic|authori[sz]|permit|acl|casl|privilege/i;

export async function noteRoleChecks(ctx: AdapterContext, routes: Route[]): Promise<void> {
  for (const route of routes) {
    for (const ref of route.middleware) {
      if (!ref.role || ref.roleByMetadata) continue;
      const file = ref.uri === ctx.file.uri ? ctx.file : await ctx.resolver.facts(ref.uri);
      if (file) route.roleChecks.push({ name: ref.name, detail: ref.role, file, span: ref.val.span });
    }
    if (route.roleChecks.length === 0 && route.handler) {
      const own = handlerRoleCheck(route.handler, route.handlerFile ?? ctx.file);
      if (own) route.roleChecks.push(own);
    }
  }
  let elsewhere: Promise<RoleEvidence | undefined> | undefined;
  for (const route of routes) {
    if (route.roleChecks.length > 0) continue;
    const sibling = siblingCheck(routes);
    const model = sibling ?? (await metadataGuard(ctx, route)) ?? (await (elsewhere ??= roleFunctionNearby(ctx)));
    if (model) route.roleModel = model;
  }
}

/** The first role check of a route of the file; a check in a handler is named by its route. */
function siblingCheck(routes: Route[]): RoleEvidence | undefined {
  const route = routes.find((r) => r.roleChecks.length > 0);
  const check = route?.roleChecks[0];
  if (!route || !check) return undefined;
  return check.name === HANDLER_ITSELF
    ? { ...check, name: `the handler of ${route.method} ${route.pathTemplate}` }
    : check;
}

const HANDLER_ITSELF = 'the handler itself';

/**
 * A check at the handler's own level: it reads the caller's role or permissions and refuses with 403
 * (`if (!req.user.isAdmin) return res.status(403)…`, `if not current_user.is_superuser: raise HTTPException(403)`).
 * A 401 is about being signed in, not about a role, so only 403 (or a Forbidden/PermissionDenied error) counts.
 */
export function handlerRoleCheck(fn: FnFacts, file: FileFacts): RoleEvidence | undefined {
  const calls = allCallsOf(fn);
  const role = roleRef([...allRefsOf(fn), ...calls.map((c) => c.path)]);
  if (!role) return undefined;
  const refusal =
    allRaisesOf(fn).find((r) => forbids(rejectStatus(r))) ??
    calls.find((c) => forbids(rejectStatus(c.val)))?.val ??
    allReturnsOf(fn).find((r) => r.k === 'arr' && r.items.some((i) => i.k === 'num' && i.value === 403));
  if (!refusal) return undefined;
  return {
    name: HANDLER_ITSELF,
    detail: `checks \`${role}\` and refuses with 403`,
    file,
    span: refusal.span,
  };
}

function forbids(status: string | undefined): boolean {
  return status !== undefined && (status === '403' || /Forbidden|PermissionDenied/.test(status));
}

/** A guard on the route that enforces the roles routes declare (Nest's RolesGuard): the project has a role model,
 * but this route declares no roles, so the guard lets every signed-in caller through. */
async function metadataGuard(ctx: AdapterContext, route: Route): Promise<RoleEvidence | undefined> {
  const guard = route.middleware.find((m) => m.role && m.roleByMetadata);
  if (!guard) return undefined;
  const file = guard.uri === ctx.file.uri ? ctx.file : await ctx.resolver.facts(guard.uri);
  if (!file) return undefined;
  return {
    name: guard.name,
    detail: `${guard.role}, which enforces only the roles a route declares (this one declares none)`,
    file,
    span: guard.val.span,
  };
}

/** A role-checking function the file imports or defines, or one the project's mount files apply
 * (`app.use('/admin', requireRole('admin'), adminRouter)`), judged by its definition like any middleware. */
async function roleFunctionNearby(ctx: AdapterContext): Promise<RoleEvidence | undefined> {
  const file = ctx.file;
  for (const imp of file.imports) {
    if (!ROLE_LIKE_NAME.test(imp.local)) continue;
    const found = await roleOf(
      ctx,
      file,
      { k: 'ref', name: imp.local, span: imp.span },
      imp.local,
      `imported from ${imp.module}`,
    );
    if (found) return found;
  }
  for (const fn of file.allFunctions) {
    if (!fn.name || !ROLE_LIKE_NAME.test(fn.name)) continue;
    const found = await roleOf(
      ctx,
      file,
      { k: 'ref', name: fn.name, span: fn.nameSpan ?? fn.span },
      fn.name,
      'defined here',
    );
    if (found) return found;
  }
  for (const mountFile of await ctx.mountFiles()) {
    for (const call of mountFile.allCalls) {
      for (const arg of call.val.args) {
        const callee = arg.k === 'call' ? arg.callee : arg;
        if (
          (callee.k !== 'ref' && callee.k !== 'member') ||
          !ROLE_LIKE_NAME.test(callee.k === 'ref' ? callee.name : callee.prop)
        )
          continue;
        const written = mountFile.text.slice(arg.span.start, arg.span.end).replace(/\s+/g, ' ');
        const found = await roleOf(ctx, mountFile, arg, written, `applied in ${ctx.relative(mountFile.uri)}`);
        if (found) return found;
      }
    }
  }
  return undefined;
}

async function roleOf(
  ctx: AdapterContext,
  file: FileFacts,
  val: Val,
  name: string,
  where: string,
): Promise<RoleEvidence | undefined> {
  const verdict = await ctx.auth.evaluate(file, val);
  if (!verdict.role) return undefined;
  return {
    name: name.length > 60 ? `${name.slice(0, 60)}…` : name,
    detail: `${verdict.role}, ${where}`,
    file,
    span: val.span,
  };
}
