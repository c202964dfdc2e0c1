// Auth evidence: does a middleware, guard, dependency or decorator actually authenticate? Decided by what it
// does where it is defined in the workspace (verifies a token, checks a session or user and rejects with
// 401/403, is a guard/permission that does so), and by a list of well-known auth names only when the
// definition is not in the workspace (a package). Decoding a token without verifying it is not auth.
import {
  allCallsOf,
  allAssignsOf,
  allRaisesOf,
  allRefsOf,
  allReturnsOf,
  kwarg,
  lastSegment,
  pathOf,
  prop,
  rootOf,
  walkVal,
  resolveConstant,
  moduleConstantsOf,
  type ModuleConstant,
  type CallFact,
  type ClassFacts,
  type FileFacts,
  type FnFacts,
  type Val,
} from './facts';
import type { AuthEvidence } from './model';
import type { Resolver, Symbol } from './resolve';
import { FRAMEWORK_HINTS } from './frameworks/hints.generated';

export { KNOWN_AUTH_NAMES } from './authNames';

// Packages whose middleware/guards authenticate or limit rates: each framework adapter names its own
// (hints.generated.ts); identity providers used with any framework are listed here.
const AUTH_PACKAGES = new RegExp(
  `^(${[...FRAMEWORK_HINTS.authPackages, '@clerk\\/', '@auth0\\/', '@supabase\\/auth', 'firebase-admin\\/auth'].join('|')})`,
);

const RATE_LIMIT_NAME = /rate[-_]?limit|ratelimit|limiter|throttl|slow[-_]?down|brute|RateLimiter|Throttle/i;
const RATE_LIMIT_PACKAGES = new RegExp(`^(${FRAMEWORK_HINTS.rateLimitPackages.join('|')})`);

/** Calls that verify a token's signature (JS: jsonwebtoken, jose, Nest JwtService, Firebase, Cognito…). */
const VERIFY_CALL =
  /(^|\.)(verify|verifyAsync|jwtVerify|verifyIdToken|verifyAccessToken|verifySessionCookie|verifyJwt|verifyJWT|validateJwt|introspect|getSession|getServerSession|authenticate|isAuthenticated|validate_token|verify_jwt_in_request|verify_token|decode_token|check_password_hash|verify_password|authenticate_credentials|get_user_from_token)$/;
/** Calls that only decode a token. */
const DECODE_ONLY_CALL =
  /(^|\.)(decode|jwtDecode|jwt_decode|decodeJwt|decodeJWT|get_unverified_claims|get_unverified_header|decodeProtectedHeader)$/;
const IDENTITY_REF =
  /(^|\.)(session|user|currentUser|current_user|is_authenticated|isAuthenticated|is_anonymous|auth|state\.user|principal|apiKey|api_key|x-api-key)(\.|$)|process\.env|os\.environ|getenv|settings\./i;

export interface AuthVerdict {
  evidence?: AuthEvidence;
  /** Why something that looks like auth is not. */
  notAuth?: string;
  rateLimit?: boolean;
  /** An explicit public marker (`AllowAny`, `@Public()`). */
  publicMarker?: string;
}

export class AuthAnalyzer {
  private readonly fnCache = new Map<FnFacts, FnAuth>();
  /** Other files where `fastify.decorate('authenticate', …)` may be defined (the project's mount files). */
  decorationFiles: FileFacts[] = [];

  constructor(
    private readonly resolver: Resolver,
    private readonly authNames: Set<string>,
  ) {}

  /** Evaluates a middleware / dependency / guard / decorator value written in `file`. */
  async evaluate(file: FileFacts, val: Val, depth = 0): Promise<AuthVerdict> {
    if (depth > 5) return {};
    const written = pathOf(val.k === 'call' ? val.callee : val);
    const name = lastSegment(written);
    if (RATE_LIMIT_NAME.test(written)) return { rateLimit: true };
    if (/^(AllowAny|Public|SkipAuth|AllowAnonymous|IsPublic|allow_any|public_route)$/.test(name))
      return { publicMarker: written };

    if (val.k === 'arr') {
      let verdict: AuthVerdict = {};
      for (const item of val.items) verdict = merge(verdict, await this.evaluate(file, item, depth + 1));
      return verdict;
    }
    if (val.k === 'call') {
      // jwt({ … }).unless({ path: […] }) (koa-unless / express-unless): the middleware before `.unless`; the routes
      // it skips are left out by the router analysis
      if (val.callee.k === 'member' && val.callee.prop === 'unless' && val.callee.object.k === 'call')
        return this.evaluate(file, val.callee.object, depth + 1);
      // Wrappers whose arguments are the real middleware/dependency: Depends(x), Security(x), fastify.auth([a, b]),
      // UseGuards(A, B), compose([a, b]), permission_classes([...]).
      if (
        /^(Depends|Security|UseGuards|compose|auth|permission_classes|authentication_classes|and_|or_|Annotated)$/.test(
          name,
        ) ||
        written.endsWith('.auth')
      ) {
        let verdict: AuthVerdict = {};
        for (const arg of [...val.args, ...val.kwargs.filter((k) => k.name === 'dependency').map((k) => k.value)])
          verdict = merge(verdict, await this.evaluate(file, arg, depth + 1));
        if (verdict.evidence || verdict.notAuth || verdict.rateLimit || verdict.publicMarker || name !== 'auth')
          return verdict;
      }
      const sym = await this.resolver.valueSymbol(file, val.callee);
      if (sym && sym.kind !== 'external') {
        // A factory in the workspace (`requireRole('admin')`, `new JwtAuthGuard()`): what it builds decides.
        const verdict = await this.evaluateSymbol(sym, written, depth + 1);
        if (sym.kind === 'fn' && !verdict.evidence && !verdict.notAuth) {
          const product = await this.factoryProduct(sym.fn, sym.file, val, written, depth + 1);
          if (product) return product;
        }
        return verdict;
      }
      const verdict = this.byName(written, sym);
      return wantsOptional(val) ? optionalVerdict(verdict) : verdict;
    }
    if (val.k === 'ref' || val.k === 'member') {
      const sym = await this.resolver.valueSymbol(file, val);
      if (!sym && val.k === 'member') {
        // fastify.authenticate: find fastify.decorate('authenticate', fn) in this file
        for (const f of [file, ...this.decorationFiles]) {
          const decorated = findDecoration(f, val.prop);
          if (decorated) return this.evaluate(f, decorated, depth + 1);
        }
      }
      if (sym && sym.kind !== 'external') return this.evaluateSymbol(sym, written, depth + 1);
      return this.byName(written, sym);
    }
    if (val.k === 'fn') return this.fromFn(val.fn, file, written === '?' ? '(inline middleware)' : written, depth + 1);
    return {};
  }

  /** A factory returning one of several dependencies (`return _user if required else _user_optional`): the one the
   * call's flags ask for (`required=False`, `optional=True` pick an optional one). */
  private async factoryProduct(
    fn: FnFacts,
    file: FileFacts,
    call: Extract<Val, { k: 'call' }>,
    written: string,
    depth: number,
  ): Promise<AuthVerdict | undefined> {
    const products = fn.returns
      .flatMap((r) => (r.k === 'or' ? r.items : [r]))
      .filter((r) => r.k === 'ref' || r.k === 'member' || r.k === 'fn');
    const verdicts: AuthVerdict[] = [];
    for (const product of products) {
      const verdict = await this.evaluate(file, product, depth + 1);
      if (verdict.evidence) verdicts.push(verdict);
    }
    if (verdicts.length === 0) return undefined;
    const optional = wantsOptional(call);
    const pick = verdicts.find((v) => Boolean(v.evidence!.optional) === optional) ?? verdicts[0]!;
    const evidence: AuthEvidence = { ...pick.evidence!, name: written };
    if (optional) evidence.optional = true;
    return { ...pick, evidence };
  }

  private byName(written: string, sym: Symbol | undefined): AuthVerdict {
    const name = lastSegment(written);
    const external = sym?.kind === 'external' ? sym : undefined;
    if (external && RATE_LIMIT_PACKAGES.test(external.module)) return { rateLimit: true };
    if (
      external &&
      AUTH_PACKAGES.test(external.module) &&
      !/^(decode|sign|encode|JwtModule|PassportModule|JWTManager|LoginManager|UserMixin|login_user|logout_user)$|^(create|set|unset|get)_\w*(token|cookies|jwt|identity)\w*$/.test(
        name,
      )
    ) {
      const evidence: AuthEvidence = { kind: 'known-name', name: written, detail: `comes from ${external.module}` };
      if (/optional/i.test(name)) evidence.optional = true;
      return { evidence };
    }
    if (this.authNames.has(name) || this.authNames.has(written))
      return {
        evidence: {
          kind: 'known-name',
          name: written,
          detail: 'a well-known authentication name (definition not in the workspace)',
        },
      };
    return {};
  }

  async evaluateSymbol(sym: Symbol, written: string, depth: number): Promise<AuthVerdict> {
    switch (sym.kind) {
      case 'fn':
        return this.fromFn(sym.fn, sym.file, written, depth);
      case 'class':
        return this.fromClass(sym.cls, sym.file, written, depth);
      case 'value':
        return this.evaluate(sym.file, sym.val, depth + 1);
      case 'external':
        return this.byName(written, sym);
      default:
        return {};
    }
  }

  private async fromClass(cls: ClassFacts, file: FileFacts, written: string, depth: number): Promise<AuthVerdict> {
    if (RATE_LIMIT_NAME.test(cls.name) || cls.basesText.some((b) => RATE_LIMIT_NAME.test(b)))
      return { rateLimit: true };
    // Nest guards extending AuthGuard('jwt'), DRF permissions/authentication classes, Django mixins.
    for (let i = 0; i < cls.bases.length; i++) {
      const base = cls.bases[i]!;
      const baseName = lastSegment(pathOf(base.k === 'call' ? base.callee : base));
      if (
        /^(AuthGuard|LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|IsAuthenticated|IsAdminUser)$/.test(
          baseName,
        )
      )
        return {
          evidence: { kind: 'guard', name: written, detail: `extends ${cls.basesText[i]}`, definedIn: file.uri },
        };
    }
    const methods = [
      'canActivate',
      'has_permission',
      'has_object_permission',
      'authenticate',
      '__call__',
      'dispatch',
      'use',
      'intercept',
    ];
    let verdict: AuthVerdict = {};
    for (const methodName of methods) {
      const member = cls.members.find((m) => m.name === methodName && m.fn);
      if (!member?.fn) continue;
      const v = await this.fromFn(
        member.fn,
        file,
        written,
        depth + 1,
        methodName === 'canActivate' || methodName === 'has_permission',
      );
      verdict = merge(verdict, v);
    }
    if (verdict.evidence) verdict.evidence = { ...verdict.evidence, definedIn: file.uri };
    return verdict;
  }

  private async fromFn(
    fn: FnFacts,
    file: FileFacts,
    written: string,
    depth: number,
    isGuard = false,
  ): Promise<AuthVerdict> {
    const analysis = await this.analyzeFn(fn, file, depth, isGuard);
    if (analysis.rateLimit) return { rateLimit: true };
    if (analysis.verifies) {
      const evidence: AuthEvidence = {
        kind: 'verifies-token',
        name: written,
        detail: analysis.verifies,
        definedIn: file.uri,
      };
      // Python: identifies the caller when it can, returns None otherwise (an optional-user dependency)
      if (file.lang === 'py' && !analysis.rejects && fn.returns.some((r) => r.k === 'null')) {
        evidence.optional = true;
        evidence.detail += '; returns None when no credential is sent';
      }
      // JS: verifies when a token is sent but turns no one away (no 401/403, throw or next(err); the verify
      // callback ignores failures): a middleware that records no caller on the request is not auth, anything
      // else identifies the caller optionally
      if (file.lang === 'js' && !analysis.rejects && !analysis.halts) {
        if (isMiddlewareFn(fn) && !recordsCaller(fn))
          return {
            notAuth: `\`${written}\` ${analysis.verifies} but lets every request through and records no caller on the request`,
          };
        evidence.optional = true;
        evidence.detail += '; lets requests without a valid token through';
      }
      return { evidence };
    }
    if (analysis.decodeOnly)
      return {
        notAuth: `\`${written}\` ${analysis.decodeOnly} but never verifies its signature, so any forged token passes`,
      };
    if (analysis.rejects && analysis.identity)
      return {
        evidence: {
          kind: isGuard ? 'guard' : 'rejects-unauthenticated',
          name: written,
          detail: `${analysis.identity} and ${analysis.rejects}`,
          definedIn: file.uri,
        },
      };
    if (analysis.delegated) return { evidence: { ...analysis.delegated, name: written } };
    if (analysis.rejects)
      return { notAuth: `\`${written}\` ${analysis.rejects} but checks no credential, session or user` };
    return {};
  }

  private async analyzeFn(fn: FnFacts, file: FileFacts, depth: number, isGuard: boolean): Promise<FnAuth> {
    const cached = this.fnCache.get(fn);
    if (cached) return cached;
    const result: FnAuth = {};
    this.fnCache.set(fn, result); // recursion guard
    const calls = allCallsOf(fn);
    noteCalls(result, calls, file);
    noteRejections(result, fn, isGuard);
    if (file.lang === 'js') noteHalts(result, fn, calls, file);
    const identity = identityCheck(fn, isGuard);
    if (identity) result.identity = identity;
    if (!result.verifies && depth < 4) await this.noteDelegation(result, fn, calls, file, depth);
    if (result.verifies) delete result.decodeOnly;
    return result;
  }

  /** Calls to workspace functions that verify (`await verifySession(req)`), or to known auth names. */
  private async noteDelegation(
    result: FnAuth,
    fn: FnFacts,
    calls: CallFact[],
    file: FileFacts,
    depth: number,
  ): Promise<void> {
    for (const call of calls) {
      if (call.val.callee.k !== 'ref' && call.val.callee.k !== 'member') continue;
      const root = pathOf(call.val.callee).split('.')[0]!;
      if (
        call.val.callee.k === 'member' &&
        !file.importsByLocal.has(root) &&
        !file.functionsByName.has(root) &&
        !file.classesByName.has(root)
      ) {
        // method on a local object (this.jwtService.verifyAsync is handled above by name)
        continue;
      }
      const sym = await this.resolver.valueSymbol(file, call.val.callee);
      if (!sym) continue;
      if (sym.kind === 'fn' && sym.fn !== fn) {
        const inner = await this.analyzeFn(sym.fn, sym.file, depth + 1, false);
        if (inner.verifies) {
          result.verifies = `calls \`${call.path}\`, which ${inner.verifies}`;
          // what the helper does on a bad token is what this function does, unless it catches
          if (inner.rejects) result.rejects ??= inner.rejects;
          if (inner.halts && fn.catches.length === 0) result.halts ??= inner.halts;
          return;
        }
        if (inner.decodeOnly && !result.decodeOnly)
          result.decodeOnly = `calls \`${call.path}\`, which ${inner.decodeOnly}`;
      } else if (sym.kind === 'external') {
        const byName = this.byName(call.path.replace(/\(\)/g, ''), sym);
        if (byName.evidence && !DECODE_ONLY_CALL.test(call.path))
          result.delegated ??= {
            kind: 'known-name',
            name: call.path,
            detail: `calls \`${call.path}\` (${byName.evidence.detail})`,
          };
      }
    }
  }
}

/** What a function's own calls show: token verification, decoding only, a rate limiter, a 401/403 response. */
function noteCalls(result: FnAuth, calls: CallFact[], file: FileFacts): void {
  for (const call of calls) {
    const path = call.path;
    if (RATE_LIMIT_NAME.test(path) && /limit|consume|throttle/i.test(call.method)) result.rateLimit = true;
    if (isDecodeOnly(call, file)) {
      result.decodeOnly ??= `decodes the token with \`${path}\``;
      continue;
    }
    if (
      VERIFY_CALL.test(path.replace(/\(\)/g, '')) &&
      !/^(crypto|hmac|bcrypt)\./.test(path) &&
      !(file.lang === 'js' && path === 'jwt.decode')
    ) {
      result.verifies ??= `calls \`${path}\``;
    }
    if (file.lang === 'py' && /(^|\.)decode$/.test(path) && /jwt|jose/i.test(path) && !isDecodeOnly(call, file))
      result.verifies ??= `verifies the token with \`${path}\``;
    const status = rejectStatus(call.val);
    if (status) result.rejects ??= `responds ${status} (\`${path}\`)`;
  }
}

/** Whether the function turns callers away: raises or sets 401/403, returns false (guards), redirects to login. */
function noteRejections(result: FnAuth, fn: FnFacts, isGuard: boolean): void {
  for (const raised of allRaisesOf(fn)) {
    const status = rejectStatus(raised);
    if (status) result.rejects ??= `raises ${status}`;
  }
  for (const assign of allAssignsOf(fn)) {
    if (
      /\.status$|status_code$/.test(assign.target) &&
      (assign.value.k === 'num' ? assign.value.value === 401 || assign.value.value === 403 : false)
    )
      result.rejects ??= `sets status ${assign.value.k === 'num' ? assign.value.value : ''}`;
  }
  for (const ret of allReturnsOf(fn)) {
    if (ret.k === 'arr' && ret.items.some((i) => i.k === 'num' && (i.value === 401 || i.value === 403)))
      result.rejects ??= 'returns 401/403';
    if (isGuard && ret.k === 'bool' && !ret.value) result.rejects ??= 'returns false (403)';
    if (
      ret.k === 'call' &&
      /redirect/i.test(pathOf(ret.callee)) &&
      JSON.stringify(ret.args.map((a) => (a.k === 'str' ? a.value : pathOf(a)))).match(/login|signin|sign_in|auth/i)
    )
      result.rejects ??= 'redirects to the login page';
  }
}

/** Whether the function looks at who the caller is (a session, the user, an API key, the credentials a guard reads). */
function identityCheck(fn: FnFacts, isGuard: boolean): string | undefined {
  const refs = allRefsOf(fn);
  for (const ref of refs) if (IDENTITY_REF.test(ref)) return `checks \`${ref}\``;
  if (!isGuard) return undefined;
  // a guard that reads the request's credentials (headers/cookies) and compares them: the last such ref, as before
  let found: string | undefined;
  for (const ref of refs) if (/headers|authorization|cookies|token/i.test(ref)) found = `checks \`${ref}\``;
  return found;
}

interface FnAuth {
  verifies?: string;
  /** JS: stops a request some other way than a 401/403 (throws, `next(err)`, a verify call that throws). */
  halts?: string;
  decodeOnly?: string;
  rejects?: string;
  identity?: string;
  rateLimit?: boolean;
  delegated?: AuthEvidence;
}

/** Verify calls that throw (or reject) on a bad token when no callback is given; `jws.verify` returns a boolean. */
const THROWING_VERIFY = /(^|\.)(verify|verifyAsync|jwtVerify|verifyIdToken|verifyAccessToken|verifySessionCookie)$/;

/** The request-handling function itself: `fn`, or what a factory (`() => (req, res, next) => …`) returns. */
function handlerOf(fn: FnFacts): FnFacts {
  if (fn.params.length > 0) return fn;
  const made = fn.returns.find((r) => r.k === 'fn');
  return made?.k === 'fn' ? made.fn : fn;
}

/** A call to a function of the workspace (defined in this file or imported from a relative module): what it does is
 * read from its definition, not guessed from its name. */
function isWorkspaceCall(call: CallFact, file: FileFacts): boolean {
  const root = call.path.split('.')[0]!;
  if (file.functionsByName.has(root)) return true;
  const imported = file.importsByLocal.get(root);
  return Boolean(imported && imported.module.startsWith('.'));
}

function noteHalts(result: FnAuth, fn: FnFacts, calls: CallFact[], file: FileFacts): void {
  if (allRaisesOf(fn).length > 0) result.halts ??= 'throws';
  const next = handlerOf(fn).params[2]?.name;
  for (const call of calls) {
    if (next && call.path === next && call.val.args.length > 0) result.halts ??= `passes an error to \`${next}()\``;
    if (
      THROWING_VERIFY.test(call.path) &&
      !/^(jws|crypto|hmac|bcrypt)\./.test(call.path) &&
      !isWorkspaceCall(call, file) &&
      !call.val.args.some((a) => a.k === 'fn') &&
      fn.catches.length === 0
    )
      result.halts ??= `\`${call.path}\` throws on an invalid token`;
  }
  // try { await request.jwtVerify() } catch (err) { reply.send(err) }: the failure is answered, the handler never runs
  const res = handlerOf(fn).params[1]?.name;
  for (const c of fn.catches)
    for (const call of calls)
      if (
        call.val.span.start >= c.span.start &&
        call.val.span.end <= c.span.end &&
        /^(send|json|end|throw)$/.test(call.method) &&
        (rootOf(call.val.callee) === res || rootOf(call.val.callee) === 'ctx') &&
        // it sends the failure (`reply.send(err)`), not a normal answer for anonymous callers (`res.json({ user: {} })`)
        (!c.name || call.val.args.some((a) => rootOf(a) === c.name))
      )
        result.halts ??= `answers the request itself (\`${call.path}\`) when verification fails`;
}

/** An Express/Koa-style middleware: `(req, res, next)` or `(ctx, next)` calling `next`. */
function isMiddlewareFn(factoryOrFn: FnFacts): boolean {
  const fn = handlerOf(factoryOrFn);
  const names = fn.params.map((p) => p.name);
  const next = names.find((n) => n === 'next') ?? names[2];
  return Boolean(next && allCallsOf(fn).some((c) => c.path === next));
}

/** Whether a function stores who the caller is on the request or response (`req.user = …`, `res.locals.user`). */
function recordsCaller(fn: FnFacts): boolean {
  return allAssignsOf(fn).some((a) =>
    /^\w+\.(user|auth|currentUser|identity|claims|session|state\.user|locals\.(user|auth))(\.|$)/.test(a.target),
  );
}

function merge(a: AuthVerdict, b: AuthVerdict): AuthVerdict {
  const out = { ...a };
  if (b.evidence && !out.evidence) out.evidence = b.evidence;
  if (b.notAuth && !out.notAuth) out.notAuth = b.notAuth;
  if (b.rateLimit) out.rateLimit = true;
  if (b.publicMarker && !out.publicMarker) out.publicMarker = b.publicMarker;
  return out;
}

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
  const verify = resolveConstant(kwarg(call, 'verify')?.value, constants);
  if (verify?.value.k === 'bool' && !verify.value.value)
    return verify.via ? `verify=${verify.via.name}, which is False` : 'verify=False';
  const options = resolveConstant(kwarg(call, 'options')?.value, constants);
  const flag = prop(options?.value, 'verify_signature');
  if (flag?.value.k === 'bool' && !flag.value.value)
    return options?.via
      ? `options=${options.via.name}, which sets "verify_signature": False`
      : '"verify_signature": False';
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

/** `fastify.decorate('authenticate', fn)` / `app.decorate(...)` in a file: the decorated value. */
export function findDecoration(file: FileFacts, name: string): Val | undefined {
  for (const call of file.allCalls) {
    if (call.method === 'decorate' && call.val.args[0]?.k === 'str' && call.val.args[0].value === name)
      return call.val.args[1];
  }
  return undefined;
}

/** `jwt_required(optional=True)`, `get_current_user(required=False)`, `HTTPBearer(auto_error=False)`; JS options
 * `expressjwt({ credentialsRequired: false })`, koa-jwt `jwt({ passthrough: true })`. */
function wantsOptional(call: Val): boolean {
  if (call.k !== 'call') return false;
  const options = call.args[0];
  if (
    options?.k === 'obj' &&
    options.props.some(
      (p) =>
        p.value.k === 'bool' &&
        ((p.key === 'credentialsRequired' && !p.value.value) || (p.key === 'passthrough' && p.value.value)),
    )
  )
    return true;
  return call.kwargs.some(
    (k) =>
      k.value.k === 'bool' &&
      ((/^(required|auto_error|strict)$/.test(k.name) && !k.value.value) ||
        (/^(optional|allow_anonymous)$/.test(k.name) && k.value.value)),
  );
}

function optionalVerdict(verdict: AuthVerdict): AuthVerdict {
  return verdict.evidence ? { ...verdict, evidence: { ...verdict.evidence, optional: true } } : verdict;
}
