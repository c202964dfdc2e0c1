// code-object-lookup-without-ownership: An authenticated handler loads a record by an id from the request without tying it to the caller (BOLA).
// Doc: docs/rules/code-object-lookup-without-ownership.md. Fixtures: test-fixtures/code/*/ (marked `code-object-lookup-without-ownership`).

import { Taint, type TaintSource } from '../taint';
import { allCallsOf, allRefsOf, pathOf, type CallFact, type FnFacts, type Val } from '../facts';
import { codeRule, type CodeRuleContext } from './types';
import { describeRoute, type Route } from '../model';
import { taintedHelpers } from '../helperTaint';

const LOOKUP_METHOD =
  /^(findById|findByPk|findOne|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findOneBy|findOneOrFail|findOneByOrFail|getById|get_by_id|get|get_or_404|get_object_or_404|first_or_404|find_one|filter_by|filter|findByIdAndUpdate|findByIdAndDelete|findByIdAndRemove|findOneAndUpdate|findOneAndDelete|update|destroy|delete|deleteOne|updateOne|where|select|query|execute|fetchrow|fetchone)$/;

const DATA_RECEIVER =
  /(Service|service|Repository|repository|Repo|repo|Model|model|Dao|dao)$|(^|\.)(db|database|prisma|repo|repository|Repository|model|Model|session|objects|query|collection|knex|sequelize|conn|connection|pool|client|em|manager|dataSource|store|dao|cursor|orm|table|supabase|from)\b|(^|\.)[A-Z][A-Za-z0-9]+(\.|$)/;

const ID_SOURCE = /(params|path_params|kwargs|\bid\b|Id\b|_id\b|\bpk\b|slug|uuid|Uuid)/;

/**
 * `POST /articles/:slug/comments`: creating an item of a sub-collection looks the parent up first, and the parent
 * is usually one the caller may see (anyone may comment on an article). The last segment is a plural noun, not an
 * action (`POST /orders/:id/refund` stays reported).
 */
function createsChildOfParent(route: Route): boolean {
  if (route.method !== 'POST') return false;
  const last = route.pathTemplate.replace(/\/+$/, '').split('/').pop() ?? '';
  return /^[a-z][a-z_-]*[a-rt-z]s$/i.test(last) && !/(status|access|address|process|progress|alias)$/i.test(last);
}

const OWNER_KEY = /owner|user|tenant|account|org|organization|company|customer|author|created_?by|member/i;

export default codeRule({
  id: 'code-object-lookup-without-ownership',
  severity: 'warning',
  owasp: 'API1:2023',
  cwe: 'CWE-639',
  title: 'Object looked up by request id without an ownership check',
  summary:
    'An authenticated route loads a record by an id taken from the request, and nothing in the handler ties the record to the signed-in user or tenant (BOLA/IDOR hint).',
  fixable: false,
  scope: 'route',
  reads: { route: ['authEvidence', 'handler', 'calls', 'request', 'method', 'pathTemplate', 'helperCalls'] },
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.authEvidence.length === 0 || !route.handler || createsChildOfParent(route)) continue;
      const handler = route.handler;
      if (usesIdentity(handler, route)) continue;
      const taint = new Taint(handler, route.request);
      const own = unownedLookup(route.calls, taint, route);
      if (own) {
        ctx.report({
          span: own.call.nameSpan,
          file: route.handlerFile,
          message: `\`${own.call.path.replace(/\(\)/g, '()')}\` loads a record by \`${own.source.text}\` (from the request, line ${ctx.line(own.source.span, route.handlerFile)}) on line ${ctx.line(own.call.val.span, route.handlerFile)}, but nothing in this handler of ${describeRoute(route)} ties it to the signed-in user or tenant. Any authenticated caller can read or change other users' objects by changing the id. Add an owner/tenant condition to the lookup (e.g. \`{ id, ownerId: user.id }\`) or check ownership before using the record.`,
        });
        continue;
      }
      reportHelperLookup(ctx, route, taint);
    }
  },
});

/**
 * A lookup in the calls of one function by an id the taint traces to its inputs, with no owner condition; the one
 * by the route's own (last) path parameter when there are several (`/articles/:slug/comments/:id`: the comment).
 */
function unownedLookup(
  calls: readonly CallFact[],
  taint: Taint,
  route: Route,
): { call: CallFact; source: TaintSource } | undefined {
  const last = /[:{<]([A-Za-z_]\w*)[}>]?[^:{<]*$/.exec(route.pathTemplate)?.[1];
  let first: { call: CallFact; source: TaintSource } | undefined;
  for (const found of unownedLookups(calls, taint)) {
    if (last && new RegExp(`(^|\\.)${last}$`).test(found.source.text)) return found;
    first ??= found;
  }
  return first;
}

function* unownedLookups(calls: readonly CallFact[], taint: Taint): Generator<{ call: CallFact; source: TaintSource }> {
  for (const call of calls) {
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
    if (source && ID_SOURCE.test(source.text)) yield { call, source };
  }
}

/**
 * The handler passes a request id to a project function (`getOrder(req.params.id)`) that looks the record up by
 * it without an owner condition: reported at the handler's call, with the path the id takes.
 */
function reportHelperLookup(ctx: CodeRuleContext, route: Route, taint: Taint): void {
  for (const { helper, taint: inner, chain } of taintedHelpers(route, taint, (s) => ID_SOURCE.test(s.text))) {
    if (usesIdentity(helper.fn, route)) continue;
    const lookup = unownedLookup(allCallsOf(helper.fn), inner, route);
    if (!lookup) continue;
    const path = chain.map((h) => `\`${h.fn.name}(…)\` (line ${ctx.line(h.fn.span, h.file)})`).join(' → ');
    ctx.report({
      span: chain[0]!.call.nameSpan,
      file: route.handlerFile,
      message: `This handler of ${describeRoute(route)} passes a request id to ${path}, which loads a record by \`${lookup.source.text}\` with \`${lookup.call.path.replace(/\(\)/g, '()')}\` and no owner or tenant condition. Any authenticated caller can read or change other users' objects by changing the id. Pass the signed-in user to the lookup (e.g. \`{ id, ownerId: user.id }\`) or check ownership before using the record.`,
    });
    return;
  }
}

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
