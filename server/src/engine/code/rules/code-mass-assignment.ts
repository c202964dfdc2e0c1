// code-mass-assignment: The whole request body written into a model: ORM calls and constructors in handlers, DRF serializers with every field, Pydantic request models with privileged fields.
// Doc: docs/rules/code-mass-assignment.md. Fixtures: test-fixtures/code/*/ (marked `code-mass-assignment`).

import { Taint, type TaintSource } from '../taint';
import { WRITE_METHODS, describeRoute, type Route } from '../model';
import { allCallsOf, localsOf, rootOf, type FnFacts, type Val } from '../facts';
import { type CodeCheck, type CodeRule, type CodeRuleContext } from './types';

const MASS_SINK =
  /^(create|insert|insertOne|insertMany|update|updateOne|updateMany|findByIdAndUpdate|findOneAndUpdate|upsert|save|build|bulkCreate|assign|merge|set|patch|update_or_create|get_or_create|create_user|from_orm|model_validate|parse_obj|extend)$/;

const wholeBodyWritten: CodeCheck = {
  scope: 'route',
  reads: { route: ['handler', 'calls', 'request', 'method', 'pathTemplate', 'helperCalls'] },
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
              span: call.nameSpan,
              file: route.handlerFile,
              message: `\`setattr\` writes attribute names taken from the request (\`${src.text}\`) onto a model on line ${ctx.line(call.val.span, route.handlerFile)} in ${describeRoute(route)}, so clients can set any field, including \`is_admin\` or \`role\`. Copy only an explicit list of allowed fields.`,
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
            span: call.nameSpan,
            file: route.handlerFile,
            message: `The whole request body (\`${whole.text}\`) is written into a model by \`${call.path}\` on line ${ctx.line(call.val.span, route.handlerFile)} in ${describeRoute(route)}, so clients can set fields they should not (\`role\`, \`isAdmin\`, \`ownerId\`, prices). Pick the allowed fields explicitly (destructure them, or validate with a schema that lists only writable fields).`,
          });
          break;
        }
      }
      helperWrites(ctx, route, taint);
    }
  },
};

/** The whole body handed to a project function that writes it into a model (`updateUser(id, req.body)`). */
function helperWrites(ctx: CodeRuleContext, route: Route, taint: Taint): void {
  for (const helper of route.helperCalls ?? []) {
    if (helper.via) continue; // one level: the function the handler calls
    const params = helper.fn.params.map((p) => p.name).filter((n) => n !== 'self' && n !== 'cls');
    const bodyParams = new Map<string, TaintSource>();
    helper.call.val.args.forEach((arg, i) => {
      const whole = taint.isWholeBody(arg);
      if (whole && params[i]) bodyParams.set(params[i], whole);
    });
    if (bodyParams.size === 0) continue;
    for (const call of allCallsOf(helper.fn)) {
      if (!MASS_SINK.test(call.method) && !call.val.isNew) continue;
      if (/^(res|reply|ctx|response|headers|map|params|cache|redis|crypto|hash|hmac|Set|Map)\b/.test(call.path))
        continue;
      const args =
        call.method === 'assign' && call.path.startsWith('Object.')
          ? call.val.args.slice(1)
          : [...call.val.args, ...call.val.kwargs.map((k) => k.value)];
      const param = args.map((a) => paramWritten(a, bodyParams)).find((n) => n !== undefined);
      if (!param) continue;
      ctx.report({
        span: helper.call.nameSpan,
        file: route.handlerFile,
        message: `The whole request body (\`${bodyParams.get(param)!.text}\`) is passed to \`${helper.fn.name}(…)\` (line ${ctx.line(helper.fn.span, helper.file)}), which writes it into a model with \`${call.path}\`, in ${describeRoute(route)}: clients can set fields they should not (\`role\`, \`isAdmin\`, \`ownerId\`, prices). Pick the allowed fields explicitly before the call, or in the helper.`,
      });
      return;
    }
  }
}

/** A parameter that holds the whole body, written as the value itself, spread into it or as its `data`. */
function paramWritten(arg: Val, names: ReadonlyMap<string, unknown>): string | undefined {
  if (arg.k === 'ref' && names.has(arg.name)) return arg.name;
  if (arg.k === 'spread') return paramWritten(arg.value, names);
  if (arg.k === 'obj') {
    for (const spread of arg.spreads) {
      const n = paramWritten(spread, names);
      if (n) return n;
    }
    for (const p of arg.props)
      if (/^(data|values|attributes|fields|update|\$set|set)$/.test(p.key)) {
        const n = paramWritten(p.value, names);
        if (n) return n;
      }
  }
  return undefined;
}

const serializerAcceptsAllFields: CodeCheck = {
  scope: 'statement',
  check(ctx) {
    drfAllFields(ctx);
  },
};

const privilegedFieldsInRequestModels: CodeCheck = {
  scope: 'file',
  check(ctx) {
    pydanticPrivilegeFields(ctx);
  },
};

export default {
  id: 'code-mass-assignment',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-915',
  title: 'Mass assignment from the request body',
  summary:
    'The whole request body is written into a model (ORM create/update, `Object.assign`, `Model(**data)`, serializer with `fields = "__all__"`), so clients can set fields such as `role` or `isAdmin`.',
  fixable: false,
  checks: [wholeBodyWritten, serializerAcceptsAllFields, privilegedFieldsInRequestModels],
} satisfies CodeRule;

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
