// Auth evidence: does a middleware, guard, dependency or decorator actually authenticate? Decided by what it
// does where it is defined in the workspace (verifies a token, checks a session or user and rejects with
// 401/403, is a guard/permission that does so), and by a list of well-known auth names only when the
// definition is not in the workspace (a package). Decoding a token without verifying it is not auth.
// The parts: authFromBody.ts (what a function body does), authSignals.ts (single names and calls: rate limiters,
// decode-only calls, 401/403 rejections), authNames.ts (names trusted when the definition is a package's).
import { lastSegment, pathOf, type ClassFacts, type FileFacts, type FnFacts, type Val } from './facts';
import type { AuthEvidence } from './model';
import type { Resolver, Symbol } from './resolve';
import { FRAMEWORK_HINTS } from './frameworks/hints.generated';
import { BodyAuthAnalyzer, isMiddlewareFn, recordsCaller } from './authFromBody';
import { RATE_LIMIT_NAME, ROLE_CHECK_NAME, randomSecret } from './authSignals';

export { KNOWN_AUTH_NAMES } from './authNames';

// Packages whose middleware/guards authenticate or limit rates: each framework adapter names its own
// (hints.generated.ts); identity providers used with any framework are listed here.
const AUTH_PACKAGES = new RegExp(
  `^(${[...FRAMEWORK_HINTS.authPackages, '@clerk\\/', '@auth0\\/', '@supabase\\/auth', 'firebase-admin\\/auth'].join('|')})`,
);

const RATE_LIMIT_PACKAGES = new RegExp(`^(${FRAMEWORK_HINTS.rateLimitPackages.join('|')})`);

export interface AuthVerdict {
  evidence?: AuthEvidence;
  /** Why something that looks like auth is not. */
  notAuth?: string;
  rateLimit?: boolean;
  /** An explicit public marker (`AllowAny`, `@Public()`). */
  publicMarker?: string;
  /** It demands a role or permission beyond being signed in: what it checks. */
  role?: string;
  /** Its role check reads the roles the route declares (Nest guards reading `@Roles()` metadata). */
  roleByMetadata?: boolean;
  /** It lets no one through: what it does (a token check against a random secret). */
  deniesAll?: string;
}

export class AuthAnalyzer {
  private readonly body: BodyAuthAnalyzer;
  /** Other files where `fastify.decorate('authenticate', …)` may be defined (the project's mount files). */
  decorationFiles: FileFacts[] = [];

  constructor(
    private readonly resolver: Resolver,
    private readonly authNames: Set<string>,
  ) {
    // names a body calls that are not defined in the workspace are judged here, by name
    this.body = new BodyAuthAnalyzer(resolver, (written, sym) => this.byName(written, sym));
  }

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
        // Security(get_current_user, scopes=["items:write"]): the dependency checks the scopes it is given
        const scopes = val.kwargs.find((k) => k.name === 'scopes')?.value;
        if (name === 'Security' && scopes?.k === 'arr' && scopes.items.length > 0)
          verdict.role ??= `demands the scopes ${scopes.items.map((i) => (i.k === 'str' ? `"${i.value}"` : pathOf(i))).join(', ')}`;
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
      const deniesAll = randomSecret(val);
      if (deniesAll) verdict.deniesAll = deniesAll;
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
    const verdict = this.authByName(written, sym);
    // role/permission checks of packages (`roles_required`, `IsAdminUser`, `requireRole` from a package)
    // (`passport.authorize()` links an account to a provider: no role)
    if (
      ROLE_CHECK_NAME.test(lastSegment(written)) &&
      !written.startsWith('passport.') &&
      (!sym || sym.kind === 'external')
    )
      verdict.role = `a well-known role/permission check${sym?.kind === 'external' ? ` from ${sym.module}` : ' (definition not in the workspace)'}`;
    return verdict;
  }

  private authByName(written: string, sym: Symbol | undefined): AuthVerdict {
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
    let baseRole: string | undefined;
    for (let i = 0; i < cls.bases.length; i++) {
      const base = cls.bases[i]!;
      const baseName = lastSegment(pathOf(base.k === 'call' ? base.callee : base));
      if (ROLE_CHECK_NAME.test(baseName)) baseRole ??= `extends ${cls.basesText[i]}`;
    }
    const verdict = await this.authFromClass(cls, file, written, depth);
    if (baseRole) verdict.role ??= baseRole;
    return verdict;
  }

  private async authFromClass(cls: ClassFacts, file: FileFacts, written: string, depth: number): Promise<AuthVerdict> {
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
    const verdict = await this.authFromFn(fn, file, written, depth, isGuard);
    const analysis = await this.body.analyze(fn, file, depth, isGuard);
    if (analysis.role) {
      verdict.role = analysis.role;
      if (analysis.roleByMetadata) verdict.roleByMetadata = true;
    }
    if (analysis.deniesAll) verdict.deniesAll = analysis.deniesAll;
    return verdict;
  }

  private async authFromFn(
    fn: FnFacts,
    file: FileFacts,
    written: string,
    depth: number,
    isGuard: boolean,
  ): Promise<AuthVerdict> {
    const analysis = await this.body.analyze(fn, file, depth, isGuard);
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
    // a handler that finds no session for the caller's token and refuses with an error (juice-shop's
    // `if (!authenticatedUsers.get(req.cookies.token)) next(new Error('Blocked illegal activity'))`). One that only
    // reads the session and answers anyway is not counted: whether it personalises the answer (optional auth) or only
    // does bookkeeping cannot be told from here.
    if (analysis.sessionLookup && analysis.refusesWithError)
      return {
        evidence: {
          kind: 'rejects-unauthenticated',
          name: written,
          detail: `${analysis.sessionLookup} and ${analysis.refusesWithError} when there is none`,
          definedIn: file.uri,
        },
      };
    if (analysis.delegated) return { evidence: { ...analysis.delegated, name: written } };
    if (analysis.rejects)
      return { notAuth: `\`${written}\` ${analysis.rejects} but checks no credential, session or user` };
    return {};
  }
}

function merge(a: AuthVerdict, b: AuthVerdict): AuthVerdict {
  const out = { ...a };
  if (b.evidence && !out.evidence) out.evidence = b.evidence;
  if (b.notAuth && !out.notAuth) out.notAuth = b.notAuth;
  if (b.rateLimit) out.rateLimit = true;
  if (b.publicMarker && !out.publicMarker) out.publicMarker = b.publicMarker;
  if (b.deniesAll && !out.deniesAll) out.deniesAll = b.deniesAll;
  if (b.role && !out.role) {
    out.role = b.role;
    if (b.roleByMetadata) out.roleByMetadata = true;
  }
  return out;
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
