// Rules about routes: authentication, object-level authorisation, mass assignment, SSRF, error details and
// rate limiting. They read the Route model (and the handler's facts), never the syntax tree.
import { allRefsOf, kwarg, localsOf, pathOf, rootOf, type CallFact, type FnFacts, type Span, type Val } from '../facts';
import { WRITE_METHODS, type Route } from '../model';
import { Taint, type TaintSource } from '../taint';
import { isLlmCall } from './llmRules';
import type { CodeRule, CodeRuleContext } from './types';

const PUBLIC_PATH =
  /(^|\/)(health|healthz|healthcheck|ready|readyz|live|livez|ping|status|version|metrics|login|log-in|signin|sign-in|signup|sign-up|register|logout|token|oauth|callback|auth|forgot[-_]?password|reset[-_]?password|password[-_]?reset|verify[-_]?email|public|docs|openapi\.json|swagger|webhooks?|favicon\.ico|robots\.txt)(\/|$|\.)/i;
const SENSITIVE_PATH =
  /(^|\/)(admin|internal|users?|accounts?|payments?|billing|keys?|secrets?|tokens?|settings)(\/|$|:|\{|<)/i;
const ADMIN_PATH = /(^|\/)(admin|internal|debug|manage|management|ops|superuser)(\/|$)/i;

function describe(route: Route): string {
  return `\`${route.method === 'ALL' ? 'ANY' : route.method} ${route.pathTemplate}\``;
}

export const routeWithoutAuth: CodeRule = {
  id: 'code-route-without-auth',
  scope: 'route',
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.authEvidence.length > 0) continue;
      const adminish = ADMIN_PATH.test(route.pathTemplate);
      if ((PUBLIC_PATH.test(route.pathTemplate) || route.pathTemplate === '/') && !adminish) continue;
      if (route.publicMarker) {
        if (!adminish && !(WRITE_METHODS.has(route.method) && SENSITIVE_PATH.test(route.pathTemplate))) continue;
        ctx.report({
          ruleId: this.id,
          span: route.range,
          message: `${describe(route)} is marked public (\`${route.publicMarker}\`) but ${adminish ? 'its path looks administrative or internal' : 'it changes data on a sensitive-looking path'}. Anyone can call it without credentials. Require authentication (and an admin role) here, or move it out of the admin/internal namespace if it really is public.`,
        });
        continue;
      }
      if ((PUBLIC_PATH.test(route.pathTemplate) || route.pathTemplate === '/') && !adminish) continue;
      const write = WRITE_METHODS.has(route.method);
      const notAuth = route.middleware.find((m) => m.notAuth)?.notAuth;
      const parts = [
        `${describe(route)} has no authentication: no middleware, guard, dependency or decorator on the route, its router or the app verifies a token or session.`,
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
        ruleId: this.id,
        span: route.range,
        message: parts.join(' '),
        severity: write || adminish ? 'error' : 'warning',
      });
    }
  },
};

const LOOKUP_METHOD =
  /^(findById|findByPk|findOne|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findOneBy|findOneOrFail|findOneByOrFail|getById|get_by_id|get|get_or_404|get_object_or_404|first_or_404|find_one|filter_by|filter|findByIdAndUpdate|findByIdAndDelete|findByIdAndRemove|findOneAndUpdate|findOneAndDelete|update|destroy|delete|deleteOne|updateOne|where|select|query|execute|fetchrow|fetchone)$/;
const DATA_RECEIVER =
  /(Service|service|Repository|repository|Repo|repo|Model|model|Dao|dao)$|(^|\.)(db|database|prisma|repo|repository|Repository|model|Model|session|objects|query|collection|knex|sequelize|conn|connection|pool|client|em|manager|dataSource|store|dao|cursor|orm|table|supabase|from)\b|(^|\.)[A-Z][A-Za-z0-9]+(\.|$)/;
const ID_SOURCE = /(params|path_params|kwargs|\bid\b|Id\b|_id\b|\bpk\b|slug|uuid|Uuid)/;
const OWNER_KEY = /owner|user|tenant|account|org|organization|company|customer|author|created_?by|member/i;

export const objectLookupWithoutOwnership: CodeRule = {
  id: 'code-object-lookup-without-ownership',
  scope: 'route',
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.authEvidence.length === 0 || !route.handler) continue;
      const handler = route.handler;
      if (usesIdentity(handler, route)) continue;
      const taint = new Taint(handler, route.request);
      for (const call of route.calls) {
        if (!LOOKUP_METHOD.test(call.method) && !/get_object_or_404/.test(call.path)) continue;
        const receiver = call.path.replace(/\.[^.]*$/, '');
        if (!DATA_RECEIVER.test(receiver) && !/get_object_or_404/.test(call.path)) continue;
        if (
          /^(req|request|res|ctx|reply|headers|os\.environ|process|requests|httpx|axios|http|https|session\.(get|post))\b/.test(
            call.path,
          ) ||
          /\b(headers|cookies|query_params|args|form|params|environ|config|settings|cache|redis)\.\w+$/.test(call.path)
        )
          continue;
        const args = [...call.val.args, ...call.val.kwargs.map((k) => k.value)];
        if (args.some((a) => mentionsOwner(a))) continue;
        let source: TaintSource | undefined;
        for (const a of args) {
          source = taint.sourceOf(a);
          if (source) break;
        }
        // Model.query.filter(Model.id == item_id): the comparison is the argument
        if (!source || !ID_SOURCE.test(source.text)) continue;
        ctx.report({
          ruleId: this.id,
          span: call.nameSpan,
          message: `\`${call.path.replace(/\(\)/g, '()')}\` loads a record by \`${source.text}\` (from the request, line ${ctx.line(source.span)}) on line ${ctx.line(call.val.span)}, but nothing in this handler of ${describe(route)} ties it to the signed-in user or tenant. Any authenticated caller can read or change other users' objects by changing the id. Add an owner/tenant condition to the lookup (e.g. \`{ id, ownerId: user.id }\`) or check ownership before using the record.`,
        });
        break;
      }
    }
  },
};

function usesIdentity(fn: FnFacts, route: Route): boolean {
  const refs = allRefsOf(fn);
  for (const ref of refs) {
    if (route.request.identity.some((id) => ref === id || ref.startsWith(id + '.'))) return true;
    if (/^(user|currentUser|current_user|me|principal|identity|claims|session|tenant)(\.|$)/.test(ref)) return true;
    if (
      /(^|\.)(userId|user_id|tenantId|tenant_id|accountId|account_id|ownerId|owner_id|sub)$/.test(ref) &&
      !/^(req|request|ctx)\.(params|query|body|request)\./.test(ref)
    )
      return true;
  }
  return false;
}

function mentionsOwner(val: Val): boolean {
  let found = false;
  const visit = (v: Val) => {
    if (found) return;
    if (v.k === 'obj' && v.props.some((p) => OWNER_KEY.test(p.key))) found = true;
    if ((v.k === 'ref' || v.k === 'member') && OWNER_KEY.test(pathOf(v)) && !/params|query|body/.test(pathOf(v)))
      found = true;
    if (v.k === 'obj') v.props.forEach((p) => visit(p.value));
    if (v.k === 'call') [...v.args, ...v.kwargs.map((k) => k.value)].forEach(visit);
    if (v.k === 'other' || v.k === 'arr') (v.k === 'other' ? v.parts : v.items).forEach(visit);
  };
  visit(val);
  return found;
}

const MASS_SINK =
  /^(create|insert|insertOne|insertMany|update|updateOne|updateMany|findByIdAndUpdate|findOneAndUpdate|upsert|save|build|bulkCreate|assign|merge|set|patch|update_or_create|get_or_create|create_user|from_orm|model_validate|parse_obj|extend)$/;

export const massAssignment: CodeRule = {
  id: 'code-mass-assignment',
  scope: 'route',
  check(ctx) {
    const seen = new Set<number>();
    for (const route of ctx.routes) {
      if (!route.handler) continue;
      const taint = new Taint(route.handler, route.request);
      for (const call of route.calls) {
        if (seen.has(call.val.span.start)) continue;
        const ctor =
          call.val.isNew ||
          (ctx.file.lang === 'py' && /^[A-Z]/.test(call.method) && call.val.args.some((a) => a.k === 'spread'));
        const setattr = call.path === 'setattr';
        if (!ctor && !MASS_SINK.test(call.method) && !setattr) continue;
        if (
          /^(res|reply|ctx|response|headers|map|params|searchParams|cache|redis|crypto|hash|hmac|Set|Map|URLSearchParams|FormData)\b/.test(
            call.path,
          ) ||
          /\.(headers|cookies|session)\./.test(call.path)
        )
          continue;
        if (call.method === 'set' && !/^[A-Z]|model|doc|entity|record|user|item/i.test(rootOf(call.val.callee) ?? ''))
          continue;
        if (setattr) {
          const key = call.val.args[1];
          const src = key ? taint.sourceOf(key) : undefined;
          if (src) {
            seen.add(call.val.span.start);
            ctx.report({
              ruleId: this.id,
              span: call.nameSpan,
              message: `\`setattr\` writes attribute names taken from the request (\`${src.text}\`) onto a model on line ${ctx.line(call.val.span)} in ${describe(route)}, so clients can set any field, including \`is_admin\` or \`role\`. Copy only an explicit list of allowed fields.`,
            });
          }
          continue;
        }
        const args =
          call.method === 'assign' && call.path.startsWith('Object.')
            ? call.val.args.slice(1)
            : [...call.val.args, ...call.val.kwargs.map((k) => k.value)];
        for (const arg of args) {
          const whole = wholeBodyIn(arg, taint, route.handler);
          if (!whole) continue;
          seen.add(call.val.span.start);
          ctx.report({
            ruleId: this.id,
            span: call.nameSpan,
            message: `The whole request body (\`${whole.text}\`) is written into a model by \`${call.path}\` on line ${ctx.line(call.val.span)} in ${describe(route)}, so clients can set fields they should not (\`role\`, \`isAdmin\`, \`ownerId\`, prices). Pick the allowed fields explicitly (destructure them, or validate with a schema that lists only writable fields).`,
          });
          break;
        }
      }
    }
  },
};

/** DRF serializers accepting every field: per statement. */
export const massAssignmentSerializers: CodeRule = {
  id: 'code-mass-assignment',
  scope: 'statement',
  check(ctx) {
    drfAllFields(ctx);
  },
};

/** Pydantic request models of write routes with privileged fields: needs the file's routes and classes. */
export const massAssignmentModels: CodeRule = {
  id: 'code-mass-assignment',
  check(ctx) {
    pydanticPrivilegeFields(ctx);
  },
};

function wholeBodyIn(arg: Val, taint: Taint, fn: FnFacts): TaintSource | undefined {
  const direct = taint.isWholeBody(arg);
  if (direct) return direct;
  let v = arg;
  if (v.k === 'ref') {
    const local = localsOf(fn, v.name);
    if (local && local.length > 0) v = local[local.length - 1]!;
  }
  if (v.k === 'obj') {
    for (const s of v.spreads) {
      const w = taint.isWholeBody(s);
      if (w) return w;
    }
    for (const p of v.props) {
      if (!/^(data|values|attributes|fields|update|\$set|set)$/.test(p.key)) continue;
      const w = taint.isWholeBody(p.value) ?? (p.value.k === 'obj' ? wholeBodyIn(p.value, taint, fn) : undefined);
      if (w) return w;
    }
  }
  if (v.k === 'spread') return taint.isWholeBody(v.value);
  return undefined;
}

const PRIVILEGE_FIELD =
  /^(role|roles|is_?admin|isAdmin|is_?staff|isStaff|is_?superuser|isSuperuser|permissions|scopes|is_?verified|isVerified|email_?verified|balance|credits|owner_?id|ownerId|tenant_?id|tenantId|account_?id|plan|tier|approved|status)$/;

/** DRF ModelSerializer with `fields = '__all__'` and no read-only fields. */
function drfAllFields(ctx: CodeRuleContext): void {
  for (const cls of ctx.file.classes) {
    if (!cls.basesText.some((b) => /ModelSerializer$/.test(b))) continue;
    const meta = cls.innerClasses.find((c) => c.name === 'Meta');
    const fields = meta?.members.find((m) => m.name === 'fields');
    if (!meta || fields?.value?.k !== 'str' || fields.value.value !== '__all__') continue;
    if (meta.members.some((m) => m.name === 'read_only_fields' && m.value?.k === 'arr' && m.value.items.length > 0))
      continue;
    ctx.report({
      ruleId: 'code-mass-assignment',
      span: fields.value.span,
      message: `\`${cls.name}\` serializes and accepts every model field (\`fields = '__all__'\`) with no \`read_only_fields\`, so clients can write fields such as \`is_staff\`, \`owner\` or prices. List the writable fields explicitly and mark the rest read-only.`,
    });
  }
}

/** Pydantic request models with privilege fields, used as the body of a write route. */
function pydanticPrivilegeFields(ctx: CodeRuleContext): void {
  const bodyTypes = new Set<string>();
  for (const route of ctx.routes) {
    if (!WRITE_METHODS.has(route.method) || !route.handler || route.framework !== 'fastapi') continue;
    for (const p of route.handler.params)
      if (p.typeText && route.request.whole.has(p.name)) bodyTypes.add(p.typeText.replace(/\s/g, ''));
  }
  for (const cls of ctx.file.classes) {
    if (!bodyTypes.has(cls.name) || !cls.basesText.some((b) => /BaseModel|Schema|SQLModel/.test(b))) continue;
    for (const m of cls.members) {
      if (!PRIVILEGE_FIELD.test(m.name) || m.fn) continue;
      ctx.report({
        ruleId: 'code-mass-assignment',
        span: m.nameSpan,
        message: `\`${cls.name}.${m.name}\` is a privileged field in a model that clients send to a write route, so any caller can set it. Remove it from the request model (keep it in a separate internal/response model) and set it on the server.`,
      });
    }
  }
}

// --- SSRF ------------------------------------------------------------------------------------------------

const HTTP_SINK =
  /^(fetch|axios|got|request|needle|superagent|ky|undici\.request|undici\.fetch|http\.get|http\.request|https\.get|https\.request|axios\.(get|post|put|patch|delete|head|request)|got\.(get|post|put|patch|delete|head)|ky\.(get|post|put|patch|delete)|superagent\.(get|post|put|delete)|needle\.(get|post)|requests\.(get|post|put|patch|delete|head|request)|httpx\.(get|post|put|patch|delete|head|request|stream)|urllib\.request\.urlopen|urlopen|urllib3\.request|aiohttp\.request)$/;
const CLIENT_METHOD = /^(get|post|put|patch|delete|head|request|stream|fetch|urlopen)$/;
const CLIENT_CTOR =
  /(httpx\.(Client|AsyncClient)|aiohttp\.ClientSession|requests\.Session|axios\.create|ClientSession|AsyncClient|Session)$/;

export const ssrf: CodeRule = {
  id: 'code-ssrf',
  scope: 'route',
  check(ctx) {
    const seen = new Set<number>();
    for (const route of ctx.routes) {
      if (!route.handler) continue;
      const taint = new Taint(route.handler, route.request);
      for (const call of route.calls) {
        if (seen.has(call.val.span.start) || !isHttpCall(call, route.handler)) continue;
        const target = urlArgument(call);
        if (!target) continue;
        const source = hostControlled(target, taint, route.handler);
        if (!source) continue;
        seen.add(call.val.span.start);
        ctx.report({
          ruleId: this.id,
          span: target.span,
          message: `\`${source.text}\` flows to \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)}: the request decides where this server sends an HTTP request (${describe(route)}). Attackers can reach internal services and cloud metadata (169.254.169.254). Allow only known hosts (an allow-list), or map a request value to a fixed URL.`,
        });
      }
    }
  },
};

function isHttpCall(call: CallFact, fn: FnFacts): boolean {
  if (HTTP_SINK.test(call.path)) return true;
  if (!CLIENT_METHOD.test(call.method) || call.val.callee.k !== 'member') return false;
  const root = rootOf(call.val.callee);
  if (!root) return false;
  const values = localsOf(fn, root);
  return (values ?? []).some((v) => v.k === 'call' && CLIENT_CTOR.test(pathOf(v.callee)));
}

function urlArgument(call: CallFact): Val | undefined {
  const kw = kwarg(call.val, 'url');
  if (kw) return kw.value;
  const first = call.val.args[0];
  if (first?.k === 'obj') {
    const u = first.props.find(
      (p) => p.key === 'url' || p.key === 'host' || p.key === 'hostname' || p.key === 'baseURL',
    );
    return u?.value;
  }
  if (call.method === 'request' && call.val.args.length >= 2 && call.val.args[0]?.k === 'str') return call.val.args[1];
  return first;
}

/** The request controls the scheme/host of the URL (not just a path or query part after a fixed host). */
function hostControlled(val: Val, taint: Taint, fn: FnFacts, depth = 0): TaintSource | undefined {
  if (depth > 6) return undefined;
  if (val.k === 'tmpl') {
    const first = val.parts[0];
    if (first?.k === 'str' && /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+[/?#]/i.test(first.value)) return undefined; // fixed host
    if (first?.k === 'str' && /^\//.test(first.value)) return undefined; // relative path
    for (const part of val.parts.slice(0, 2)) {
      const s = taint.sourceOf(part);
      if (s) return s;
    }
    return undefined;
  }
  if (val.k === 'ref') {
    if (taint.sourceOf({ k: 'ref', name: val.name, span: val.span }) === undefined) return undefined;
    const values = localsOf(fn, val.name);
    if (values && values.length > 0) {
      for (const v of values) {
        const s = hostControlled(v, taint, fn, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    return taint.sourceOf(val);
  }
  if (val.k === 'call' && val.isNew && /URL$/.test(pathOf(val.callee))) {
    // new URL(path, base): the base decides the host when present
    const base = val.args[1];
    if (base && taint.sourceOf(base) === undefined) return undefined;
    return taint.sourceOf(val);
  }
  return taint.sourceOf(val);
}

// --- error details ---------------------------------------------------------------------------------------

const RESPONSE_CALL =
  /^(json|send|end|write|jsonp|render|jsonify|JsonResponse|JSONResponse|Response|HTTPException|HttpException|make_response|abort)$/;

export const errorDetailsExposed: CodeRule = {
  id: 'code-error-details-exposed',
  scope: 'statement',
  check(ctx) {
    const seen = new Set<number>();
    for (const fn of ctx.file.allFunctions) {
      const errorNames = new Set(fn.catches.map((c) => c.name).filter(Boolean));
      // Express/Koa error handlers: (err, req, res, next)
      if (fn.params.length === 4 && /^(err|error|e|ex|exception)$/.test(fn.params[0]!.name))
        errorNames.add(fn.params[0]!.name);
      // FastAPI/Flask exception handlers: (request, exc) / (e)
      if (fn.decorators.some((d) => /exception_handler|errorhandler/.test(pathOf(d.k === 'call' ? d.callee : d))))
        for (const p of fn.params) if (/^(exc|e|err|error|exception)$/.test(p.name)) errorNames.add(p.name);
      const candidates: { val: Val; span: Span; via: string }[] = [];
      for (const call of fn.calls)
        if (RESPONSE_CALL.test(call.method))
          for (const a of [
            ...call.val.args,
            ...call.val.kwargs.filter((k) => /detail|message|error|content|body/.test(k.name)).map((k) => k.value),
          ])
            candidates.push({ val: a, span: call.nameSpan, via: call.path });
      for (const r of [...fn.returns, ...fn.raises]) candidates.push({ val: r, span: r.span, via: '' });
      for (const a of fn.assigns)
        if (/\.body$/.test(a.target)) candidates.push({ val: a.value, span: a.targetSpan, via: a.target });
      for (const c of candidates) {
        const leak = leakedError(c.val, errorNames);
        if (!leak || seen.has(leak.span.start)) continue;
        seen.add(leak.span.start);
        ctx.report({
          ruleId: this.id,
          span: leak.span,
          message: `\`${leak.text}\` is sent to the client (${c.via ? `through \`${c.via}\`` : 'returned or raised by the handler'}) on line ${ctx.line(leak.span)}. ${leak.stack ? 'Stack traces reveal' : 'Raw exception messages reveal'} file paths, library versions, SQL and internal state. Log the error on the server and return a generic message with a correlation id.`,
          ...(leak.stack ? { severity: 'error' as const } : {}),
        });
      }
    }
  },
};

function leakedError(val: Val, errorNames: Set<string>): { text: string; stack: boolean; span: Span } | undefined {
  let found: { text: string; stack: boolean; span: Span } | undefined;
  const visit = (v: Val) => {
    if (found) return;
    if (v.k === 'call' && /traceback\.(format_exc|format_exception|print_exc)/.test(pathOf(v.callee))) {
      found = { text: pathOf(v.callee) + '()', stack: true, span: v.span };
      return;
    }
    if (
      v.k === 'member' &&
      errorNames.has(rootOf(v) ?? '') &&
      /\.(stack|message|msg|args|detail|sqlMessage|sql|errors)$/.test(pathOf(v))
    ) {
      found = { text: pathOf(v), stack: /stack/.test(pathOf(v)), span: v.span };
      return;
    }
    if (v.k === 'ref' && errorNames.has(v.name)) {
      found = { text: v.name, stack: false, span: v.span };
      return;
    }
    if (
      v.k === 'call' &&
      /^(str|repr|String|format|f)$/.test(pathOf(v.callee)) &&
      v.args[0]?.k === 'ref' &&
      errorNames.has(v.args[0].name)
    ) {
      found = { text: `${pathOf(v.callee)}(${v.args[0].name})`, stack: false, span: v.span };
      return;
    }
    switch (v.k) {
      case 'obj':
        v.props.forEach((p) => visit(p.value));
        v.spreads.forEach(visit);
        break;
      case 'arr':
        v.items.forEach(visit);
        break;
      case 'tmpl':
        v.parts.forEach(visit);
        break;
      case 'call':
        if (/^(console|logger|log|logging)\b/.test(pathOf(v.callee))) break;
        v.args.forEach(visit);
        v.kwargs.forEach((k) => visit(k.value));
        break;
      case 'or':
        v.items.forEach(visit);
        break;
    }
  };
  visit(val);
  return found;
}

// --- rate limiting ---------------------------------------------------------------------------------------

const AUTH_FLOW_PATH =
  /(^|\/)(login|log-in|signin|sign-in|sign_in|signup|sign-up|sign_up|register|token|tokens|oauth\/token|password|passwords|forgot[-_]?password|reset[-_]?password|password[-_]?reset|otp|2fa|mfa|verify[-_]?(otp|code|phone|email)?|magic[-_]?link|sessions?)(\/|$|\.)/i;

export const missingRateLimit: CodeRule = {
  id: 'code-missing-rate-limit',
  scope: 'route',
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.rateLimited) continue;
      const authFlow = AUTH_FLOW_PATH.test(route.pathTemplate) && route.method !== 'GET';
      const llm = route.calls.find((c) => isLlmCall(c, ctx.file));
      if (!authFlow && !llm) continue;
      const why = authFlow
        ? 'Without a limit attackers can try passwords, tokens or codes as fast as the server answers (credential stuffing, OTP brute force).'
        : `It calls an LLM API (\`${llm!.path.replace(/\(\)/g, '()')}\`, line ${ctx.line(llm!.val.span)}), so every request costs money: without a limit one client can run up the bill or exhaust your quota.`;
      ctx.report({
        ruleId: this.id,
        span: route.range,
        message: `${describe(route)} has no rate limiting at route, router or app level. ${why} Add a rate limiter (express-rate-limit, @fastify/rate-limit, @nestjs/throttler, slowapi, Flask-Limiter, DRF throttles) to this route.`,
        ...(llm && !authFlow ? { aiLinked: true } : {}),
      });
    }
  },
};
