// code-cors-any-origin-with-credentials: CORS that accepts every origin (or reflects it) while allowing credentials.
// Doc: docs/rules/code-cors-any-origin-with-credentials.md. Fixtures: test-fixtures/code/*/ (marked `code-cors-any-origin-with-credentials`).

import { Taint } from '../taint';
import {
  allRefsOf,
  kwarg,
  pathOf,
  prop,
  rootOf,
  strValue,
  type CallFact,
  type FnFacts,
  type Span,
  type Val,
} from '../facts';
import { definedAt, resolveConstant } from '../moduleConstants';
import { codeRule, type CodeRuleContext } from './types';

export default codeRule({
  id: 'code-cors-any-origin-with-credentials',
  severity: 'error',
  owasp: 'API8:2023',
  cwe: 'CWE-942',
  title: 'CORS allows any origin with credentials',
  summary:
    'CORS accepts every origin (`*`, `origin: true`, a match-all regex or a reflected `Origin` header) while allowing credentials, or sets `Access-Control-Allow-Origin` from the request: any website can call the API as the signed-in user.',
  fixable: false,
  scope: 'statement',
  reads: { file: ['imports', 'corsAllowCredentials', 'moduleConstants'] },
  check(ctx) {
    for (const call of ctx.file.allCalls) {
      if (!jsCorsOptions(ctx, call)) pythonCors(ctx, call);
    }
    djangoCorsSettings(ctx);
    for (const fn of ctx.file.allFunctions) originFromRequest(ctx, fn);
  },
});

type Report = (span: Span, message: string) => void;
const reporter =
  (ctx: CodeRuleContext): Report =>
  (span, message) =>
    ctx.report({ span, message });

/** cors(opts) (express/cors, @koa/cors), app.enableCors(opts), fastify.register(cors, opts), NestFactory.create(…,
 * { cors }). Returns whether the call was a CORS set-up of a JS framework. */
function jsCorsOptions(ctx: CodeRuleContext, call: CallFact): boolean {
  const file = ctx.file;
  const imp = file.importsByLocal.get(rootOf(call.val.callee) ?? '');
  const module = imp?.module ?? '';
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
  if (opts === undefined && !koa) return false;
  // `cors(corsOptions)` with `const corsOptions = { … }` above: the options are the constant's value.
  const written = opts;
  const resolved = resolveConstant(opts, ctx.fileContext.moduleConstants);
  opts = resolved?.value;
  const credentials = prop(opts, 'credentials');
  if (credentials?.value.k === 'bool' && credentials.value.value) {
    const origin = prop(opts, 'origin');
    const problem = origin
      ? anyOrigin(origin.value)
      : koa
        ? 'reflects the request Origin by default (no `origin` option)'
        : undefined;
    const via = resolved?.via ? ` (${definedAt(ctx, resolved.via)})` : '';
    if (problem)
      reporter(ctx)(
        via ? written!.span : (origin?.value.span ?? credentials.value.span),
        `CORS${via} ${problem} and allows credentials, so any website can send requests with your users' cookies/tokens and read the responses. Allow an explicit list of trusted origins.`,
      );
  }
  return true;
}

/** Python: CORS(app, supports_credentials=True, origins=…), add_middleware(CORSMiddleware, …). */
function pythonCors(ctx: CodeRuleContext, call: CallFact): void {
  const flask = call.method === 'CORS';
  if (!flask && !(call.method === 'add_middleware' && call.val.args.some((a) => pathOf(a) === 'CORSMiddleware')))
    return;
  const constants = ctx.fileContext.moduleConstants;
  const creds = kwarg(call.val, flask ? 'supports_credentials' : 'allow_credentials');
  const credsValue = resolveConstant(creds?.value, constants)?.value;
  if (!creds || credsValue?.k !== 'bool' || !credsValue.value) return;
  const originsArg = kwarg(call.val, flask ? 'origins' : 'allow_origins') ?? kwarg(call.val, 'resources');
  // `allow_origins=ORIGINS` with `ORIGINS = ["*"]` at module level (or imported): judged on the constant's value.
  const resolvedOrigins = originsArg && resolveConstant(originsArg.value, constants);
  const origins = originsArg && { ...originsArg, value: resolvedOrigins!.value };
  const regex = kwarg(call.val, 'allow_origin_regex');
  const byRegex = regex && /^(\.\*|\.\+|\^\.\*\$?|.*\.\*)$/.test(strValue(regex.value) ?? '');
  const byOrigins = !byRegex && origins ? anyOrigin(origins.value) : undefined;
  const problem = byRegex
    ? 'accepts every origin by regex'
    : origins
      ? byOrigins
      : flask
        ? 'allows every origin (Flask-CORS default `*`)'
        : undefined;
  const via = byOrigins && resolvedOrigins?.via ? ` (${definedAt(ctx, resolvedOrigins.via)})` : '';
  if (problem)
    reporter(ctx)(
      (originsArg ?? regex ?? creds).value.span,
      `CORS${via} ${problem} and allows credentials, so any website can call the API as the signed-in user and read the responses. List the trusted origins explicitly.`,
    );
}

/** Django settings: CORS_ALLOW_ALL_ORIGINS = True with CORS_ALLOW_CREDENTIALS = True. */
function djangoCorsSettings(ctx: CodeRuleContext): void {
  const all = ctx.file.assigns.find(
    (a) => /^(CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)$/.test(a.target) && a.value.k === 'bool' && a.value.value,
  );
  if (all && ctx.fileContext.corsAllowCredentials === true)
    reporter(ctx)(
      all.value.span,
      `\`${all.target} = True\` together with \`CORS_ALLOW_CREDENTIALS = True\` lets any website make credentialed requests and read the responses. Use \`CORS_ALLOWED_ORIGINS\` with the trusted origins.`,
    );
}

/** `Access-Control-Allow-Origin` set from the request (the Origin header echoed without a check). */
function originFromRequest(ctx: CodeRuleContext, fn: FnFacts): void {
  if (
    !fn.calls.some((c) => HEADER_SETTERS.test(c.method)) &&
    !fn.assigns.some((a) => /access-control-allow-origin/i.test(a.target))
  )
    return;
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
  const report = (span: Span, source: string) =>
    reporter(ctx)(
      span,
      `\`Access-Control-Allow-Origin\` is set from \`${source}\` (the request), which trusts every origin that asks. Compare the Origin with an allow-list and echo it only when it matches.`,
    );
  for (const call of fn.calls) {
    if (!HEADER_SETTERS.test(call.method)) continue;
    if (strValue(call.val.args[0])?.toLowerCase() !== 'access-control-allow-origin') continue;
    const source = taint.sourceOf(call.val.args[1]);
    if (source) report(call.val.args[1]!.span, source.text);
  }
  for (const a of fn.assigns) {
    if (!/access-control-allow-origin/i.test(a.target)) continue;
    const source = taint.sourceOf(a.value);
    if (source) report(a.value.span, source.text);
  }
}

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
