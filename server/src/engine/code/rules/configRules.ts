// Rules about configuration written in code, wherever it appears in a handler file: CORS, JWT handling,
// hard-coded secrets, TLS verification and debug mode.
import { splitIdentifier } from '@apiwarden/sensitive';
import { isDecodeOnly, pythonVerificationDisabled } from '../auth';
import {
  allRefsOf,
  kwarg,
  pathOf,
  prop,
  rootOf,
  strValue,
  walkVal,
  type CallFact,
  type FileFacts,
  type FnFacts,
  type Span,
  type Val,
} from '../facts';
import { Taint } from '../taint';
import type { CodeRule, CodeRuleContext } from './types';

// --- CORS ------------------------------------------------------------------------------------------------

export const corsAnyOriginWithCredentials: CodeRule = {
  id: 'code-cors-any-origin-with-credentials',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    const report = (span: Span, message: string) => ctx.report({ ruleId: this.id, span, message });
    for (const call of file.allCalls) {
      const imp = file.importsByLocal.get(rootOf(call.val.callee) ?? '');
      const module = imp?.module ?? '';
      // cors(opts) (express/cors, @koa/cors), app.enableCors(opts), fastify.register(cors, opts)
      let opts: Val | undefined;
      let koa = false;
      if (/^(cors|@koa\/cors|koa-cors|@fastify\/cors|fastify-cors)$/.test(module) && call.val.callee.k === 'ref') {
        opts = call.val.args[0];
        koa = /koa/.test(module);
      } else if (call.method === 'enableCors') opts = call.val.args[0];
      else if (
        call.method === 'register' &&
        call.val.args[0]?.k === 'ref' &&
        /cors/.test(file.importsByLocal.get(call.val.args[0].name)?.module ?? '')
      )
        opts = call.val.args[1];
      else if (call.method === 'create' && /NestFactory/.test(call.path)) opts = prop(call.val.args[1], 'cors')?.value;
      if (opts !== undefined || koa) {
        const credentials = prop(opts, 'credentials');
        if (credentials?.value.k === 'bool' && credentials.value.value) {
          const origin = prop(opts, 'origin');
          const problem = origin
            ? anyOrigin(origin.value)
            : koa
              ? 'reflects the request Origin by default (no `origin` option)'
              : undefined;
          if (problem)
            report(
              origin?.value.span ?? credentials.value.span,
              `CORS ${problem} and allows credentials, so any website can send requests with your users' cookies/tokens and read the responses. Allow an explicit list of trusted origins.`,
            );
        }
        continue;
      }
      // Python: CORS(app, supports_credentials=True, origins=…), add_middleware(CORSMiddleware, …)
      if (
        call.method === 'CORS' ||
        (call.method === 'add_middleware' && call.val.args.some((a) => pathOf(a) === 'CORSMiddleware'))
      ) {
        const creds = kwarg(call.val, call.method === 'CORS' ? 'supports_credentials' : 'allow_credentials');
        if (creds?.value.k !== 'bool' || !creds.value.value) continue;
        const origins =
          kwarg(call.val, call.method === 'CORS' ? 'origins' : 'allow_origins') ?? kwarg(call.val, 'resources');
        const regex = kwarg(call.val, 'allow_origin_regex');
        const problem =
          regex && /^(\.\*|\.\+|\^\.\*\$?|.*\.\*)$/.test(strValue(regex.value) ?? '')
            ? 'accepts every origin by regex'
            : origins
              ? anyOrigin(origins.value)
              : call.method === 'CORS'
                ? 'allows every origin (Flask-CORS default `*`)'
                : undefined;
        if (problem)
          report(
            (origins ?? regex ?? creds).value.span,
            `CORS ${problem} and allows credentials, so any website can call the API as the signed-in user and read the responses. List the trusted origins explicitly.`,
          );
      }
    }
    // Django settings: CORS_ALLOW_ALL_ORIGINS = True with CORS_ALLOW_CREDENTIALS = True
    const all = file.assigns.find(
      (a) => /^(CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)$/.test(a.target) && a.value.k === 'bool' && a.value.value,
    );
    const creds = ctx.wholeFile.assigns.find(
      (a) => a.target === 'CORS_ALLOW_CREDENTIALS' && a.value.k === 'bool' && a.value.value,
    );
    if (all && creds)
      report(
        all.value.span,
        `\`${all.target} = True\` together with \`CORS_ALLOW_CREDENTIALS = True\` lets any website make credentialed requests and read the responses. Use \`CORS_ALLOWED_ORIGINS\` with the trusted origins.`,
      );
    // Access-Control-Allow-Origin set from the request
    for (const fn of file.allFunctions) {
      if (
        !fn.calls.some((c) => HEADER_SETTERS.test(c.method)) &&
        !fn.assigns.some((a) => /access-control-allow-origin/i.test(a.target))
      )
        continue;
      const req = fn.params[0]?.name;
      const members = new Set(['headers', 'get', 'header']);
      const taint = new Taint(fn, {
        whole: new Set(),
        members: new Map([
          ...(req ? [[req, members] as const] : []),
          ['request', new Set(['headers'])],
          ['ctx', new Set(['headers', 'get', 'header', 'request'])],
        ]),
        identity: [],
      });
      for (const call of fn.calls) {
        if (!HEADER_SETTERS.test(call.method)) continue;
        if (strValue(call.val.args[0])?.toLowerCase() !== 'access-control-allow-origin') continue;
        const source = taint.sourceOf(call.val.args[1]);
        if (source)
          report(
            call.val.args[1]!.span,
            `\`Access-Control-Allow-Origin\` is set from \`${source.text}\` (the request), which trusts every origin that asks. Compare the Origin with an allow-list and echo it only when it matches.`,
          );
      }
      for (const a of fn.assigns) {
        if (!/access-control-allow-origin/i.test(a.target)) continue;
        const source = taint.sourceOf(a.value);
        if (source)
          report(
            a.value.span,
            `\`Access-Control-Allow-Origin\` is set from \`${source.text}\` (the request), which trusts every origin that asks. Compare the Origin with an allow-list and echo it only when it matches.`,
          );
      }
    }
  },
};

const HEADER_SETTERS = /^(setHeader|header|set|append|writeHead)$/;

function anyOrigin(val: Val): string | undefined {
  if (val.k === 'bool' && val.value) return 'reflects every request origin (`origin: true`)';
  if (val.k === 'str' && val.value === '*') return "allows every origin (`'*'`)";
  if (val.k === 'arr' && val.items.some((i) => strValue(i) === '*')) return "allows every origin (`'*'`)";
  if (val.k === 'other' && val.text && /^\/(\.\*|\.\+|\^\.\*\$?)\/[a-z]*$/.test(val.text))
    return 'accepts every origin by regex';
  if (
    val.k === 'obj' &&
    val.props.some((p) => /^(\/\*|\.\*|r".\*"|\*)$/.test(p.key) || strValue(prop(p.value, 'origins')?.value) === '*')
  )
    return 'allows every origin';
  if (val.k === 'fn') {
    // (origin, cb) => cb(null, true) with no comparison: every origin
    const refs = allRefsOf(val.fn);
    const compares = [...refs].some((r) =>
      /includes|indexOf|has|test|match|allow|whitelist|startsWith|endsWith/i.test(r),
    );
    const acceptsAll =
      val.fn.calls.some((c) => c.val.args[1]?.k === 'bool' && c.val.args[1].value) ||
      val.fn.returns.some((r) => r.k === 'bool' && r.value);
    if (acceptsAll && !compares) return 'accepts every origin (the origin callback always allows)';
  }
  return undefined;
}

// --- JWT -------------------------------------------------------------------------------------------------

function jwtModule(call: CallFact, file: FileFacts): string | undefined {
  const root = rootOf(call.val.callee) ?? '';
  const imp = file.importsByLocal.get(root);
  if (imp) return imp.module;
  return undefined;
}

export const jwtUnsafeVerification: CodeRule = {
  id: 'code-jwt-unsafe-verification',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    for (const call of file.allCalls) {
      const module = jwtModule(call, file) ?? '';
      if (file.lang === 'js' && /^(jsonwebtoken)$/.test(module) && call.method === 'verify') {
        const options = call.val.args[2];
        const algorithms = prop(options, 'algorithms');
        const ignoreExp = prop(options, 'ignoreExpiration');
        if (algorithms && algorithmsAllowNone(algorithms.value))
          report(
            ctx,
            this.id,
            algorithms.value.span,
            `\`jwt.verify\` accepts the \`none\` algorithm here, so unsigned tokens pass verification. Allow only the algorithm you sign with (e.g. \`['RS256']\`).`,
          );
        else if (!algorithms && !(options?.k === 'ref'))
          report(
            ctx,
            this.id,
            call.nameSpan,
            `\`jwt.verify\` on line ${ctx.line(call.val.span)} has no \`algorithms\` allow-list, so the token's header chooses the algorithm (algorithm-confusion attacks: an RS256 public key used as an HS256 secret). Pass \`{ algorithms: ['RS256'] }\` (or the one algorithm you use).`,
          );
        if (ignoreExp?.value.k === 'bool' && ignoreExp.value.value)
          report(
            ctx,
            this.id,
            ignoreExp.value.span,
            '`ignoreExpiration: true` accepts expired tokens forever, so a leaked token never stops working. Remove it and keep token lifetimes short.',
          );
      }
      if (
        file.lang === 'py' &&
        /^(jwt|jose|jose\.jwt|authlib\.jose)$/.test(module) &&
        call.method === 'decode' &&
        !pythonVerificationDisabled(call.val)
      ) {
        const algorithms = kwarg(call.val, 'algorithms');
        if (algorithms && algorithmsAllowNone(algorithms.value))
          report(
            ctx,
            this.id,
            algorithms.value.span,
            'The allowed algorithms include `none`, so unsigned tokens pass. Allow only the algorithm you sign with.',
          );
        else if (!algorithms && call.val.args.length >= 2)
          report(
            ctx,
            this.id,
            call.nameSpan,
            `\`${call.path}\` on line ${ctx.line(call.val.span)} has no \`algorithms=[…]\` allow-list, so the token header picks the algorithm. Pass \`algorithms=["HS256"]\` (or the one algorithm you use).`,
          );
        const options = kwarg(call.val, 'options')?.value;
        const exp = prop(options, 'verify_exp');
        if (exp?.value.k === 'bool' && !exp.value.value)
          report(
            ctx,
            this.id,
            exp.value.span,
            '`"verify_exp": False` accepts expired tokens forever. Remove it and keep token lifetimes short.',
          );
      }
    }
  },
};

function algorithmsAllowNone(val: Val): boolean {
  let found = false;
  walkVal(val, (v) => {
    if (v.k === 'str' && v.value.toLowerCase() === 'none') found = true;
  });
  return found;
}

export const jwtDecodeWithoutVerify: CodeRule = {
  id: 'code-jwt-decode-without-verify',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    for (const fn of file.allFunctions) {
      for (const call of fn.calls) {
        if (!isDecodeOnly(call, file)) continue;
        const module = jwtModule(call, file) ?? '';
        if (file.lang === 'js' && !/jsonwebtoken|jwt-decode|jose/.test(module) && !/jwt|jose/i.test(call.path))
          continue;
        if (file.lang === 'py' && !/jwt|jose/.test(module + call.path)) continue;
        const explicit = file.lang === 'py' ? pythonVerificationDisabled(call.val) : undefined;
        if (!explicit && !decidesAuth(fn, file)) continue;
        report(
          ctx,
          this.id,
          call.nameSpan,
          `\`${call.path}\` on line ${ctx.line(call.val.span)} reads the token's claims without verifying its signature${explicit ? ` (\`${explicit}\`)` : ''}, and this code decides who the caller is. Anyone can forge a token with any user id or role. Use the verifying call (\`jwt.verify(token, key, { algorithms })\` / \`jwt.decode(token, key, algorithms=[…])\`).`,
        );
      }
    }
  },
};

/** A function that handles requests or produces the caller's identity. */
function decidesAuth(fn: FnFacts, file: FileFacts): boolean {
  if (fn.params.some((p) => /^(req|request|ctx|context)$/.test(p.name))) return true;
  if (fn.assigns.some((a) => /\.(user|auth|state\.user|currentUser)$/.test(a.target))) return true;
  if (/user|auth|principal|identity|session|current|verify|claims/i.test(fn.name ?? '')) return true;
  if (fn.params.some((p) => /^(token|credentials|authorization|bearer|access_token|accessToken|jwt)$/.test(p.name))) {
    // a helper given a token decides identity when it hands back the claims (or who they name), not e.g. only `exp`
    return fn.returns.some(
      (r) =>
        r.k === 'call' ||
        r.k === 'ref' ||
        r.k === 'obj' ||
        (r.k === 'member' && /^(sub|id|user|userId|user_id|role|roles|email|uid|username)$/.test(r.prop)),
    );
  }
  return (
    file.lang === 'py' &&
    fn.params.some((p) => p.defaultVal?.k === 'call' && /Depends|Security/.test(pathOf(p.defaultVal.callee)))
  );
}

function report(ctx: CodeRuleContext, ruleId: string, span: Span, message: string): void {
  ctx.report({ ruleId, span, message });
}

// --- hard-coded secrets ----------------------------------------------------------------------------------

const SECRET_WORDS = new Set([
  'secret',
  'password',
  'passwd',
  'pwd',
  'apikey',
  'token',
  'privatekey',
  'credential',
  'credentials',
  'signingkey',
  'clientsecret',
  'accesskey',
  'secretkey',
  'jwtsecret',
  'sessionsecret',
  'dsn',
]);
const SECRET_PAIRS = [
  ['api', 'key'],
  ['private', 'key'],
  ['signing', 'key'],
  ['client', 'secret'],
  ['access', 'key'],
  ['secret', 'key'],
  ['auth', 'token'],
  ['access', 'token'],
  ['encryption', 'key'],
  ['master', 'key'],
  ['app', 'key'],
];
const KNOWN_SECRET_SHAPES: [RegExp, string][] = [
  [/\bAKIA[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bsk_live_[0-9a-zA-Z]{16,}/, 'a Stripe live secret key'],
  [/\brk_live_[0-9a-zA-Z]{16,}/, 'a Stripe restricted key'],
  [/\bsk-ant-[A-Za-z0-9_-]{20,}/, 'an Anthropic API key'],
  [/\bsk-(proj-)?[A-Za-z0-9_-]{32,}/, 'an OpenAI API key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bxox[baprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY-----/, 'a private key'],
  [
    /\b(postgres(ql)?|mysql|mariadb|mongodb(\+srv)?|redis|amqps?|mssql):\/\/[^:/@\s]+:[^@\s$<{]{3,}@/,
    'a connection string with a password',
  ],
];
const ANY_SECRET_SHAPE = /AKIA|_live_|sk-|gh[pousr]_|xox[baprs]-|AIza|PRIVATE KEY|:\/\/[^:/@\s]+:[^@\s]+@/;
const PLACEHOLDER =
  /^(|x+|\*+|\.+|-+|<.*>|\$\{.*\}|\{\{.*\}\}|%\(.*\)s|your[-_ ].*|.*example.*|test|dummy|none|null|undefined|true|false|[A-Z][A-Z0-9_]+)$/i;

const secretNameCache = new Map<string, boolean>();

function isSecretName(name: string): boolean {
  let known = secretNameCache.get(name);
  if (known === undefined) {
    known = computeIsSecretName(name);
    if (secretNameCache.size > 20_000) secretNameCache.clear();
    secretNameCache.set(name, known);
  }
  return known;
}

function computeIsSecretName(name: string): boolean {
  const words = splitIdentifier(name);
  const joined = words.join('');
  if (
    /^(is|has|use|enable|show|min|max|reset|forgot|change|confirm|verify|new|old)/.test(joined) &&
    words.length > 1 &&
    !SECRET_WORDS.has(joined)
  )
    return false;
  if (
    words.some((w) =>
      /^(url|uri|path|file|header|name|field|length|len|type|expires?|ttl|endpoint|label|placeholder|regex|pattern|policy|hint|prompt|message|question|input|param|route|id)$/.test(
        w,
      ),
    )
  )
    return false;
  if (SECRET_WORDS.has(joined) || words.some((w) => SECRET_WORDS.has(w))) return true;
  for (const [a, b] of SECRET_PAIRS) {
    const i = words.indexOf(a!);
    if (i !== -1 && words[i + 1] === b) return true;
  }
  return false;
}

function looksLikeSecretValue(value: string): boolean {
  if (value.length < 6 || PLACEHOLDER.test(value.trim())) return false;
  if (/\s{2,}|^\s|\s$/.test(value) || value.split(' ').length > 3) return false; // prose, messages
  if (/^(https?:)?\/\//.test(value) && !/:[^@/]+@/.test(value)) return false;
  return true;
}

export const hardcodedSecret: CodeRule = {
  id: 'code-hardcoded-secret',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    const reported = new Set<number>();
    const flag = (lit: Extract<Val, { k: 'str' }>, why: string) => {
      if (reported.has(lit.span.start)) return;
      reported.add(lit.span.start);
      ctx.report({
        ruleId: this.id,
        span: lit.span,
        message: `${why} is written in the code. Anyone with the source (repository, build artefacts, a leaked image) has it, and it cannot be rotated without a deploy. Load it from the environment or a secret manager, and fail at start-up when it is missing instead of falling back to a literal.`,
      });
    };
    // 1. values assigned to secret-looking names
    const named = (name: string, val: Val) => {
      if (!isSecretName(name.split('.').pop() ?? name)) return;
      if (val.k === 'str' && looksLikeSecretValue(val.value)) flag(val, `A secret (\`${name}\`)`);
      if (val.k === 'or') envFallback(val, name);
    };
    // 2. process.env.X || 'literal', os.environ.get('X', 'literal'), os.getenv('X', 'literal')
    const envFallback = (val: Val, name: string) => {
      if (val.k !== 'or') return;
      const env = val.items.find(
        (i) =>
          /^process\.env\./.test(pathOf(i)) ||
          (i.k === 'call' && /^(os\.environ\.get|os\.getenv|getenv|config|env)$/.test(pathOf(i.callee))),
      );
      const lit = val.items.find((i): i is Extract<Val, { k: 'str' }> => i.k === 'str');
      if (
        env &&
        lit &&
        looksLikeSecretValue(lit.value) &&
        (isSecretName(name) || isSecretName(pathOf(env).split('.').pop() ?? ''))
      )
        flag(lit, `The fallback value of a secret (\`${pathOf(env)}\`)`);
    };
    for (const b of file.bindings) named(b.name, b.value);
    for (const a of file.allAssigns) named(a.target, a.value);
    for (const fn of file.allFunctions) for (const [name, values] of fn.locals) for (const v of values) named(name, v);
    for (const call of file.allCalls) {
      // os.environ.get('JWT_SECRET', 'dev-secret') / os.getenv(…)
      if (/^(os\.environ\.get|os\.getenv|getenv|environ\.get)$/.test(call.path.replace(/\(\)/g, ''))) {
        const key = strValue(call.val.args[0]);
        const fallback = call.val.args[1] ?? kwarg(call.val, 'default')?.value;
        if (key && fallback?.k === 'str' && isSecretName(key) && looksLikeSecretValue(fallback.value))
          flag(fallback, `The fallback value of a secret (\`${key}\`)`);
      }
      // jwt.sign(payload, 'secret'), jwt.encode(payload, 'secret'), jwt.verify(token, 'secret')
      if (/^(sign|verify|encode|decode)$/.test(call.method) && /jwt|jose|token/i.test(call.path)) {
        const key = call.val.args[1] ?? kwarg(call.val, 'key')?.value;
        if (key?.k === 'str' && looksLikeSecretValue(key.value))
          flag(key, `The JWT signing key passed to \`${call.path}\``);
        if (key?.k === 'or') envFallback(key, 'secret');
      }
      for (const k of call.val.kwargs) named(k.name, k.value);
    }
    // options objects: session({ secret: '…' }), expressjwt({ secret }), JwtModule.register({ secret })
    for (const p of file.props) named(p.key, p.value);
    // 3. well-known key shapes in any string literal
    for (const lit of file.strings) {
      if (lit.value.length < 16 || !ANY_SECRET_SHAPE.test(lit.value)) continue;
      for (const [re, what] of KNOWN_SECRET_SHAPES)
        if (re.test(lit.value)) flag(lit, `${what[0]!.toUpperCase()}${what.slice(1)}`);
    }
    for (const cls of file.classes) for (const m of cls.members) if (m.value) named(m.name, m.value);
  },
};

// --- TLS -------------------------------------------------------------------------------------------------

export const tlsVerificationDisabled: CodeRule = {
  id: 'code-tls-verification-disabled',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    const seen = new Set<number>();
    const flag = (span: Span, what: string) => {
      if (seen.has(span.start)) return;
      seen.add(span.start);
      ctx.report({
        ruleId: this.id,
        span,
        message: `${what} turns off TLS certificate verification, so anyone on the network path can impersonate the server and read or change the traffic (tokens, personal data). Keep verification on; for private CAs pass the CA bundle (\`ca\`, \`verify='/path/ca.pem'\`).`,
      });
    };
    for (const p of file.props) {
      if (p.key === 'rejectUnauthorized' && p.value.k === 'bool' && !p.value.value)
        flag(p.value.span, '`rejectUnauthorized: false`');
      if (p.key === 'checkServerIdentity' && p.value.k === 'fn' && p.value.fn.returns.every((r) => r.k === 'null'))
        flag(p.value.span, 'A `checkServerIdentity` that accepts everything');
      if (
        (p.key === 'verify' || p.key === 'ssl_verify' || p.key === 'verify_ssl') &&
        p.value.k === 'bool' &&
        !p.value.value
      )
        flag(p.value.span, `\`${p.key}: False\``);
    }
    for (const call of file.allCalls) {
      for (const k of call.val.kwargs) {
        if (/^(verify|ssl_verify|verify_ssl|ssl)$/.test(k.name) && k.value.k === 'bool' && !k.value.value)
          flag(k.value.span, `\`${k.name}=False\``);
        if (k.name === 'cert_reqs' && /CERT_NONE/.test(pathOf(k.value) + strValue(k.value)))
          flag(k.value.span, '`cert_reqs=CERT_NONE`');
      }
      if (/_create_unverified_context$/.test(call.path.replace(/\(\)/g, '')))
        flag(call.nameSpan, '`ssl._create_unverified_context()`');
    }
    for (const a of file.allAssigns) {
      if (
        /NODE_TLS_REJECT_UNAUTHORIZED$/.test(a.target) &&
        ((a.value.k === 'str' && a.value.value === '0') || (a.value.k === 'num' && a.value.value === 0))
      )
        flag(a.value.span, '`NODE_TLS_REJECT_UNAUTHORIZED = 0`');
      if (/\.check_hostname$/.test(a.target) && a.value.k === 'bool' && !a.value.value)
        flag(a.value.span, '`check_hostname = False`');
      if (/\.verify_mode$/.test(a.target) && /CERT_NONE/.test(pathOf(a.value)))
        flag(a.value.span, '`verify_mode = CERT_NONE`');
      if (/\.verify$/.test(a.target) && a.value.k === 'bool' && !a.value.value)
        flag(a.value.span, '`session.verify = False`');
    }
  },
};

// --- debug mode ------------------------------------------------------------------------------------------

export const debugModeEnabled: CodeRule = {
  id: 'code-debug-mode-enabled',
  scope: 'statement',
  check(ctx) {
    const file = ctx.file;
    const flag = (span: Span, what: string) =>
      ctx.report({
        ruleId: this.id,
        span,
        message: `${what} runs the application in debug mode: errors show stack traces, settings and source to every client${what.includes('run') ? ', and the Werkzeug debugger allows running code' : ''}. Read it from the environment and keep it off in production.`,
      });
    for (const call of file.allCalls) {
      const debug = kwarg(call.val, 'debug');
      if (
        debug?.value.k === 'bool' &&
        debug.value.value &&
        (/^(run|FastAPI|Starlette|Flask|Quart|uvicorn\.run)$/.test(call.method) || /\.run$/.test(call.path))
      )
        flag(debug.value.span, `\`${call.path.replace(/\(\)/g, '()')}(debug=True)\``);
      if (call.method === 'set' && strValue(call.val.args[0]) === 'env' && strValue(call.val.args[1]) === 'development')
        flag(call.val.args[1]!.span, "`app.set('env', 'development')`");
      if (
        call.method === 'use' &&
        call.val.args[0]?.k === 'call' &&
        /^errorhandler$/.test(pathOf(call.val.args[0].callee)) &&
        file.imports.some((i) => i.module === 'errorhandler')
      )
        flag(call.val.args[0].span, 'The `errorhandler` middleware (development only)');
    }
    const django = isDjangoSettings(ctx.wholeFile);
    for (const a of file.allAssigns) {
      const isDebug = /^DEBUG$/.test(a.target)
        ? django
        : /\.(debug|DEBUG)$/.test(a.target) && /^(app|application|server)\b/.test(a.target);
      if (isDebug && a.value.k === 'bool' && a.value.value) flag(a.value.span, `\`${a.target} = True\``);
      if (/config\.DEBUG$/.test(a.target) && a.value.k === 'bool' && a.value.value)
        flag(a.value.span, `\`${a.target} = True\``);
    }
  },
};

/** Django settings (or a module importing Django): `DEBUG = True` there is the framework's debug switch. */
export function isDjangoSettings(file: FileFacts): boolean {
  return (
    file.imports.some((i) => /^django/.test(i.module)) ||
    file.bindings.some((b) => /^(INSTALLED_APPS|ROOT_URLCONF|MIDDLEWARE)$/.test(b.name))
  );
}

export type { FnFacts };
