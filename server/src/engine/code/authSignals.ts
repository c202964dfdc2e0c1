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
