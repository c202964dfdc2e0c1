// What a function's body shows about auth: it verifies a token or only decodes one, rejects with 401/403, stops the
// request some other way (JS), looks at who the caller is, or leaves the check to a workspace function or a known
// auth name it calls. One analysis per function and lint (AuthAnalyzer turns it into a verdict).
import {
  allCallsOf,
  allCatchesOf,
  allAssignsOf,
  allRaisesOf,
  allRefsOf,
  allReturnsOf,
  localsOf,
  pathOf,
  rootOf,
  walkVal,
  type CallFact,
  type FileFacts,
  type FnFacts,
  type Val,
} from './facts';
import type { AuthEvidence } from './model';
import type { Resolver, Symbol } from './resolve';
import { DECODE_ONLY_CALL, RATE_LIMIT_NAME, isDecodeOnly, randomSecret, rejectStatus, roleRef } from './authSignals';

/** Calls that verify a token's signature (JS: jsonwebtoken, jose, Nest JwtService, Firebase, Cognito…). */
const VERIFY_CALL =
  /(^|\.)(verify|verifyAsync|jwtVerify|verifyIdToken|verifyAccessToken|verifySessionCookie|verifyJwt|verifyJWT|validateJwt|introspect|getSession|getServerSession|authenticate|isAuthenticated|validate_token|verify_jwt_in_request|verify_token|decode_token|check_password_hash|verify_password|authenticate_credentials|get_user_from_token)$/;
// Session stores keyed by the caller's token (`authenticatedUsers.tokenMap[token]`, `sessionStore.get(sid)`; juice-shop's
// `authenticatedUsers`, hand-written session maps) identify the caller as surely as `req.user` does.
const SESSION_STORES = 'authenticatedUsers|loggedInUsers|activeSessions|sessionStore|session_store|tokenMap';
const STORE_WRITES = 'put|set|add|delete|remove|clear';
const IDENTITY_REF = new RegExp(
  String.raw`(^|\.)(${SESSION_STORES}|session|user|currentUser|current_user|is_authenticated|isAuthenticated|is_anonymous|auth|state\.user|principal|apiKey|api_key|x-api-key)(\.|$)|process\.env|os\.environ|getenv|settings\.`,
  'i',
);

/** The caller as a request carries it (`request.user.is_staff`, `req.user`, `request.user.is_authenticated`). */
const CALLER_REF =
  /(^|\.)(user|currentUser|current_user|is_authenticated|isAuthenticated|is_anonymous|principal)(\.|$)/;

export interface FnAuth {
  verifies?: string;
  /** JS: stops a request some other way than a 401/403 (throws, `next(err)`, a verify call that throws). */
  halts?: string;
  /** JS: a read of a server-side session store keyed by the caller's token (`authenticatedUsers.get(req.cookies.token)`). */
  sessionLookup?: string;
  /** JS: passes a new error to `next` outside any catch block (`next(new Error('Blocked'))`): refuses the request. */
  refusesWithError?: string;
  decodeOnly?: string;
  rejects?: string;
  identity?: string;
  rateLimit?: boolean;
  delegated?: AuthEvidence;
  /** It turns away callers by their role or permissions (`req.user.role !== 'admin'` → 403, a guard returning
   * `user.roles.includes(role)`). */
  role?: string;
  /** Its role check compares with roles read from route metadata (Nest `reflector.get('roles', …)`). */
  roleByMetadata?: boolean;
  /** It lets no one through (a token check against a secret no one knows): what it does. */
  deniesAll?: string;
}

/** Judges a name whose definition is not in the workspace (a package export, a well-known auth name). */
export type ExternalNameCheck = (written: string, sym: Symbol) => { evidence?: AuthEvidence };

export class BodyAuthAnalyzer {
  private readonly fnCache = new Map<FnFacts, FnAuth>();

  constructor(
    private readonly resolver: Resolver,
    private readonly byName: ExternalNameCheck,
  ) {}

  async analyze(fn: FnFacts, file: FileFacts, depth: number, isGuard: boolean): Promise<FnAuth> {
    const cached = this.fnCache.get(fn);
    if (cached) return cached;
    const result: FnAuth = {};
    this.fnCache.set(fn, result); // recursion guard
    const calls = allCallsOf(fn);
    noteCalls(result, calls, file);
    noteRejections(result, fn, isGuard);
    if (file.lang === 'js') {
      noteHalts(result, fn, calls, file);
      noteSessionLookup(result, fn, calls);
    }
    const identity = identityCheck(fn, isGuard);
    if (identity) result.identity = identity;
    if (!result.verifies && depth < 4) await this.noteDelegation(result, fn, calls, file, depth);
    if (result.verifies) delete result.decodeOnly;
    noteRoleCheck(result, fn, calls, isGuard);
    for (const call of calls) result.deniesAll ??= randomSecret(call.val);
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
        const inner = await this.analyze(sym.fn, sym.file, depth + 1, false);
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

/** A role or permission read and a way of turning the caller away (401/403, a throw, a guard's verdict). */
function noteRoleCheck(result: FnAuth, fn: FnFacts, calls: CallFact[], isGuard: boolean): void {
  const role = roleRef([...allRefsOf(fn), ...calls.map((c) => c.path)]);
  if (!role) return;
  const refusal = result.rejects ?? (isGuard ? 'decides whether the guard lets the request through' : result.halts);
  if (!refusal) return;
  result.role = `checks \`${role}\` and ${refusal}`;
  if (calls.some((c) => /(^|\.)reflector\.(get|getAllAndOverride|getAllAndMerge)$/i.test(c.path)))
    result.roleByMetadata = true;
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
      !definedInFile(call, file) &&
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

/** `verify(file, res, next)` calling a function of this file: what it does is judged from its body (delegation), not
 * from its name. */
function definedInFile(call: CallFact, file: FileFacts): boolean {
  if (call.val.callee.k !== 'ref' || file.importsByLocal.has(call.path)) return false;
  return file.functionsByName.has(call.path) || file.allFunctions.some((f) => f.name === call.path);
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
    if (isGuard && answersWithCallerCheck(ret)) result.rejects ??= 'returns false (403) unless the caller passes it';
    if (
      ret.k === 'call' &&
      /redirect/i.test(pathOf(ret.callee)) &&
      JSON.stringify(ret.args.map((a) => (a.k === 'str' ? a.value : pathOf(a)))).match(/login|signin|sign_in|auth/i)
    )
      result.rejects ??= 'redirects to the login page';
  }
}

/** A guard's answer that is a check of the caller (`return request.user.is_authenticated and request.user.is_admin`,
 * `return bool(request.user and request.user.is_staff)`, `return !!req.user`): false, that is DRF's 403 or Nest's
 * ForbiddenException, when it fails. Not another call's result (what a called function decides is judged where it
 * is defined). */
function answersWithCallerCheck(ret: Val): boolean {
  if (ret.k === 'call' && /^(bool|Boolean)$/.test(pathOf(ret.callee)) && ret.args[0]) ret = ret.args[0];
  if (ret.k !== 'member' && ret.k !== 'ref' && ret.k !== 'other' && ret.k !== 'or') return false;
  let found = false;
  walkVal(ret, (v) => {
    if ((v.k === 'member' || v.k === 'ref') && CALLER_REF.test(pathOf(v))) found = true;
  });
  return found;
}

/** Whether the function looks at who the caller is (a session, the user, an API key, the credentials a guard reads). */
function identityCheck(fn: FnFacts, isGuard: boolean): string | undefined {
  const refs = allRefsOf(fn);
  const readsStore = [...refs].some((r) => STORE_READ.test(r));
  for (const ref of refs)
    if (IDENTITY_REF.test(ref) && !(SESSION_STORE.test(ref) && !readsStore) && !isLookedUpRecord(ref, fn))
      return `checks \`${ref}\``;
  if (!isGuard) return undefined;
  // a guard that reads the request's credentials (headers/cookies) and compares them: the last such ref, as before
  let found: string | undefined;
  for (const ref of refs) if (/headers|authorization|cookies|token/i.test(ref)) found = `checks \`${ref}\``;
  return found;
}

/** `const user = await UserModel.findByPk(data.UserId)`, `const user = toJson(rowFoundByEmailAndPassword)`: a local named
 * like the caller that holds a record looked up from something else than the request's credentials (a login or
 * password-reset handler checking the account it found). Checking it is no check of who is calling. */
function isLookedUpRecord(ref: string, fn: FnFacts): boolean {
  const values = localsOf(fn, ref.split('.')[0]!);
  if (!values || values.length === 0) return false;
  return values.every((value) => {
    if (value.k !== 'call' && !(value.k === 'other' && value.parts.some((p) => p.k === 'call'))) return false;
    let fromCredentials = false;
    walkVal(value, (v) => {
      if (v.k !== 'ref' && v.k !== 'member') return;
      const path = pathOf(v);
      if (IDENTITY_REF.test(path) || CREDENTIAL_SOURCE.test(path)) fromCredentials = true;
    });
    return !fromCredentials;
  });
}

/** Where a request carries who is calling (as opposed to the body, path and query it sends). */
const CREDENTIAL_SOURCE =
  /headers|cookies|authorization|token|jwt|(^|\.)sid$|^(req|request|ctx)\.(?!body|params|query|files?\b)\w+/i;

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

const SESSION_STORE = new RegExp(String.raw`(^|\.)(${SESSION_STORES})\b`);
const STORE_WRITE = new RegExp(String.raw`\.(${STORE_WRITES})$`);
/** `authenticatedUsers.get(…)`, `.from(req)`, `.tokenMap[…]`: a read of the store (a login only `put`s into it). */
const STORE_READ = new RegExp(String.raw`(^|\.)(${SESSION_STORES})\.(?!(${STORE_WRITES})$)\w+`);

function noteSessionLookup(result: FnAuth, fn: FnFacts, calls: CallFact[]): void {
  const lookup = calls.find((c) => SESSION_STORE.test(c.path) && !STORE_WRITE.test(c.path));
  if (lookup) result.sessionLookup = `looks the caller up in \`${lookup.path.replace(/\.[^.]*$/, '')}\``;
  const handler = handlerOf(fn);
  const next = handler.params[2]?.name;
  const catches = allCatchesOf(fn);
  for (const call of calls) {
    const arg = call.val.args[0];
    if (
      next &&
      call.path === next &&
      arg?.k === 'call' &&
      arg.isNew &&
      !catches.some((c) => c.span.start <= call.val.span.start && call.val.span.end <= c.span.end)
    )
      result.refusesWithError ??= `passes a new error to \`${next}()\``;
  }
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
export function isMiddlewareFn(factoryOrFn: FnFacts): boolean {
  const fn = handlerOf(factoryOrFn);
  const names = fn.params.map((p) => p.name);
  const next = names.find((n) => n === 'next') ?? names[2];
  return Boolean(next && allCallsOf(fn).some((c) => c.path === next));
}

/** Whether a function stores who the caller is on the request or response (`req.user = …`, `res.locals.user`). */
export function recordsCaller(fn: FnFacts): boolean {
  return allAssignsOf(fn).some((a) =>
    /^\w+\.(user|auth|currentUser|identity|claims|session|state\.user|locals\.(user|auth))(\.|$)/.test(a.target),
  );
}
