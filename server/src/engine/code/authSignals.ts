// Single names and calls that say something about auth wherever they appear: a rate limiter's name, a call that only
// decodes a token (in Python: decodes with verification turned off), a 401/403 rejection. Read by the auth analysis
// (auth.ts, authFromBody.ts) and by the rules and adapters that judge one call.
import { kwarg, lastSegment, pathOf, prop, walkVal, type FileFacts, type Val } from './facts';
import { moduleConstantsOf, resolveConstant, type ModuleConstant } from './moduleConstants';

/** Rate limiters by name (middleware, classes, calls). */
export const RATE_LIMIT_NAME = /rate[-_]?limit|ratelimit|limiter|throttl|slow[-_]?down|brute|RateLimiter|Throttle/i;

/** Calls that only decode a token. */
export const DECODE_ONLY_CALL =
  /(^|\.)(decode|jwtDecode|jwt_decode|decodeJwt|decodeJWT|get_unverified_claims|get_unverified_header|decodeProtectedHeader)$/;

/** `jwt.decode(token)` (JS), `jwt.decode(token, options={"verify_signature": False})` (Python), `jwtDecode(t)`. */
export function isDecodeOnly(
  call: { path: string; method: string; val: Extract<Val, { k: 'call' }> },
  file: FileFacts,
  constants?: ReadonlyMap<string, ModuleConstant>,
): boolean {
  const path = call.path;
  if (!DECODE_ONLY_CALL.test(path)) return false;
  if (
    /base64|b64|Buffer|atob|urlsafe|json|JSON|codecs|bytes|str|\.encode/i.test(path) ||
    (path.endsWith('.decode') && !/jwt|jose|token/i.test(path))
  )
    return false;
  if (file.lang === 'js') return /jwt|jose|token/i.test(path) || call.method !== 'decode';
  if (call.method === 'get_unverified_claims' || call.method === 'get_unverified_header') return true;
  // PyJWT/python-jose decode verifies unless told not to
  return pythonVerificationDisabled(call.val, constants ?? moduleConstantsOf(file)) !== undefined;
}

/**
 * Where a Python jwt.decode call turns verification off (`options={"verify_signature": False}`, `verify=False`),
 * through module constants too (`options=DECODE_OPTIONS`, `verify=VERIFY_SIGNATURE`) when they are given.
 */
export function pythonVerificationDisabled(
  call: Extract<Val, { k: 'call' }>,
  constants?: ReadonlyMap<string, ModuleConstant>,
): string | undefined {
  return pythonVerificationOff(call, constants)?.text;
}

/** The same, with the constant that turned it off (the message can say where it is defined). */
export function pythonVerificationOff(
  call: Extract<Val, { k: 'call' }>,
  constants?: ReadonlyMap<string, ModuleConstant>,
): { text: string; via?: ModuleConstant } | undefined {
  const verify = resolveConstant(kwarg(call, 'verify')?.value, constants);
  if (verify?.value.k === 'bool' && !verify.value.value)
    return verify.via
      ? { text: `verify=${verify.via.name}, which is False`, via: verify.via }
      : { text: 'verify=False' };
  const options = resolveConstant(kwarg(call, 'options')?.value, constants);
  const flag = prop(options?.value, 'verify_signature');
  if (flag?.value.k === 'bool' && !flag.value.value)
    return options?.via
      ? { text: `options=${options.via.name}, which sets "verify_signature": False`, via: options.via }
      : { text: '"verify_signature": False' };
  return undefined;
}

/** 401/403 when a call or exception rejects the request (`res.status(401)`, `abort(403)`, `HTTPException(401)`). */
export function rejectStatus(val: Val): string | undefined {
  if (val.k !== 'call') return undefined;
  const path = pathOf(val.callee);
  const name = lastSegment(path);
  if (
    /^(UnauthorizedException|ForbiddenException|UnauthorizedError|AuthenticationError|AuthenticationFailed|NotAuthenticated|PermissionDenied|Unauthorized|Forbidden|HTTPUnauthorized|HTTPForbidden|AuthError|InvalidTokenError)$/.test(
      name,
    )
  )
    return name;
  let found: string | undefined;
  const check = (v: Val | undefined) => {
    if (!v) return;
    walkVal(v, (x) => {
      if (x.k === 'num' && (x.value === 401 || x.value === 403)) found ??= String(x.value);
      if (x.k === 'member' && /HTTP_40[13]_/.test(x.prop)) found ??= x.prop.slice(5, 8);
      if (x.k === 'member' && /^(UNAUTHORIZED|FORBIDDEN)$/.test(x.prop))
        found ??= x.prop === 'UNAUTHORIZED' ? '401' : '403';
    });
  };
  if (
    /^(status|sendStatus|code|throw|abort|HTTPException|HttpException|createError|httpErrors|Response|JsonResponse|HttpResponse|make_response|jsonify|error|writeHead|assert)$/.test(
      name,
    ) ||
    /^(res|reply|ctx|response)\./.test(path)
  ) {
    val.args.forEach(check);
    val.kwargs.filter((k) => /status/.test(k.name)).forEach((k) => check(k.value));
    // res.status(401).json(...): the status is on the receiver call
    if (val.callee.k === 'member' && val.callee.object.k === 'call') {
      const inner = rejectStatus(val.callee.object);
      if (inner) found ??= inner;
    }
  }
  if (!found && val.callee.k === 'member' && val.callee.object.k === 'call') return rejectStatus(val.callee.object);
  return found ? `${found}` : undefined;
}

/**
 * Middleware, guards, decorators, dependencies and permission classes that demand a role or permission, trusted by
 * name when their definition is not in the workspace (`requireRole('admin')` from a package, Flask-Security's
 * `@roles_required`, DRF's `IsAdminUser`, Django's `@staff_member_required`). Workspace definitions are judged by
 * their body (`roleRef` and a rejection, authFromBody.ts).
 */
export const ROLE_CHECK_NAME =
  /^(requireRoles?|requireAdmin|requirePermissions?|requireScopes?|requireSuperuser|hasRoles?|hasPermissions?|hasScopes?|hasAnyRole|checkRoles?|checkPermissions?|checkScopes?|checkAdmin|isAdmin|ensureAdmin|adminOnly|onlyAdmin|verifyAdmin|authorize|authorizeRoles?|permit|allowRoles?|restrictTo|roles_required|roles_accepted|admin_required|superuser_required|staff_required|permission_required|permissions_required|staff_member_required|superuser_member_required|user_passes_test|requires_roles?|requires_permissions?|require_roles?|require_permissions?|require_admin|require_superuser|get_current_active_superuser|get_current_superuser|get_current_admin|get_admin_user|IsAdminUser|IsSuperUser|IsStaff|DjangoModelPermissions|DjangoModelPermissionsOrAnonReadOnly|DjangoObjectPermissions|PermissionRequiredMixin|UserPassesTestMixin|RolesGuard|RoleGuard|AdminGuard|PermissionsGuard|PermissionGuard|PoliciesGuard|ScopesGuard|AclGuard|CaslGuard)$/;

/** A value read in a body that says what role or permission the caller has (`req.user.role`, `roles.includes`,
 * `current_user.is_superuser`, `request.user.is_staff`, `user.has_perm`, token scopes). */
const ROLE_SEGMENT =
  /^(roles?|user_?roles?|userRoles?|permissions?|perms|scopes?|privileges?|authorities|is_?admin|isSuperAdmin|is_?superuser|isSuperuser|is_?staff|isStaff|superuser|access_?level|accessLevel|user_?type|userType|has_?perms?|hasPerms?|has_?role|hasRole|has_?permission|hasPermission|has_?scope|hasScope)$/i;

/** Where the caller's identity is held: `req.user`, `current_user`, `request.user`, decoded token claims. */
const CALLER_ROOT =
  /^(req|request|ctx|context)\.|(^|\.)(user|currentUser|current_user|principal|identity|claims|decoded\w*|payload|token)\./i;

/** The ref of `refs` that reads the caller's role or permissions, as written: one on the caller (`req.user.role`)
 * before another member (`roles.includes`), before a bare name (`roles`, often the list a factory was given). */
export function roleRef(refs: Iterable<string>): string | undefined {
  let member: string | undefined;
  let bare: string | undefined;
  for (const ref of refs)
    if (ref.split('.').some((part) => ROLE_SEGMENT.test(part))) {
      if (CALLER_ROOT.test(ref)) return ref;
      if (ref.includes('.')) member ??= ref;
      else bare ??= ref;
    }
  return member ?? bare;
}

/**
 * A token check configured with a secret made up at random when the server starts (juice-shop's
 * `expressJwt({ secret: '' + Math.random() })`): no token can match it, so it refuses every caller. What it says, or
 * undefined.
 */
export function randomSecret(call: Extract<Val, { k: 'call' }>): string | undefined {
  const options = call.args.find((a) => a.k === 'obj');
  const secret = prop(options, 'secret')?.value ?? kwarg(call, 'secret')?.value;
  let random: string | undefined;
  walkVal(secret, (v) => {
    if (v.k === 'call' && /^(Math\.random|crypto\.random\w*|randomBytes|randomUUID)$/.test(pathOf(v.callee)))
      random ??= pathOf(v.callee);
  });
  return random
    ? `verifies tokens against a secret made with \`${random}()\` at start-up, so it refuses every caller`
    : undefined;
}
