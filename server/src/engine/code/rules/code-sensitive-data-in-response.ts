// code-sensitive-data-in-response: Responses that send classified-sensitive properties, whole user-like records or the process environment.
// Doc: docs/rules/code-sensitive-data-in-response.md. Fixtures: test-fixtures/code/*/ (marked `code-sensitive-data-in-response`).

import { atLeast, classifyField, type ClassifierOptions, type DataClass } from '@apiwarden/sensitive';
import { codeRule } from './types';
import { allReturnsOf, localsOf, pathOf, type FnFacts, type Val } from '../facts';
import { type Route } from '../model';

// Sensitive data in responses, with the shared sensitive-data classifier (`@apiwarden/sensitive`, rulesets/src/sensitive/):
// response objects whose property names it marks (credentials, government ids, card data, health data),
// whole database records of user-like entities, and the process environment.
const REPORTED_CLASSES = new Set<DataClass>(['credential', 'government-id', 'pci', 'phi', 'biometric']);

const RECORD_LOOKUP =
  /(^|\.)(findById|findByPk|findOne|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findOneBy|findOneOrFail|find|findAll|findMany|get|get_or_404|first|first_or_404|one|one_or_none|scalar_one|scalar_one_or_none|all|get_object_or_404|fetchone|fetchall)$/;

const PERSON_ENTITY =
  /user|account|customer|patient|member|employee|profile|person|admin|client|staff|student|applicant|subscriber|owner|author/i;

const TOKEN_ROUTE =
  /(^|\/)(login|signin|sign-in|token|tokens|refresh|oauth|auth|register|signup|sign-up|session|sessions|api-?keys?)(\/|$)/i;

const SAFE_WRAPPER =
  /^(mask|redact|omit|pick|sanitize|serialize|toPublic|toDTO|toDto|plainToInstance|plainToClass|model_validate|from_orm|dump|to_public|public_view)$/i;

export default codeRule({
  id: 'code-sensitive-data-in-response',
  severity: 'warning',
  owasp: 'API3:2023',
  cwe: 'CWE-213',
  title: 'Sensitive data in a response',
  summary:
    'A response sends a whole database record, properties the sensitive-data classifier marks (password hashes, tokens, SSNs, card numbers, health data), or the process environment.',
  fixable: false,
  scope: 'route',
  reads: {
    route: ['handler', 'responseExpressions', 'method', 'pathTemplate', 'helperCalls'],
    settings: ['sensitiveData'],
  },
  check(ctx) {
    const options: ClassifierOptions | undefined = ctx.classifierOptions;
    const seen = new Set<number>();
    for (const route of ctx.routes) {
      if (!route.handler) continue;
      for (const response of route.responseExpressions) {
        inspect(resolve(response.val, route.handler), route, 0);
      }
    }
    /** `elements`: the parameters of the `.map` callbacks `val` sits in, bound to the records they stand for. */
    function inspect(val: Val, route: Route, depth: number, elements?: Map<string, Val>): void {
      if (depth > 4 || seen.has(val.span.start)) return;
      if (val.k === 'ref' && elements?.has(val.name)) return inspect(elements.get(val.name)!, route, depth + 1);
      // `users.map((u) => ({ ...u }))`, `rows.map((r) => ({ id: r.id, password: r.password }))`: each element of
      // the collection is sent as the callback builds it
      const mapped = mapCallback(val);
      if (mapped) {
        const collection = resolve(mapped.collection, route.handler!);
        const bound = new Map(elements);
        if (mapped.element) bound.set(mapped.element, { ...collection, span: mapped.collection.span });
        for (const returned of mapped.fn.returns) inspect(resolve(returned, route.handler!), route, depth + 1, bound);
        return;
      }
      if (val.k === 'obj') {
        for (const p of val.props) {
          const classes = atLeast(classifyField({ name: p.key }, options), 'medium').filter((m) =>
            REPORTED_CLASSES.has(m.dataClass),
          );
          if (classes.length === 0) {
            inspect(resolve(p.value, route.handler!), route, depth + 1, elements);
            continue;
          }
          if (
            classes.every((c) => c.dataClass === 'credential') &&
            TOKEN_ROUTE.test(route.pathTemplate) &&
            /token|key|session/i.test(p.key) &&
            !/password|secret|hash|salt/i.test(p.key)
          )
            continue;
          if (p.value.k === 'call' && SAFE_WRAPPER.test(pathOf(p.value.callee).split('.').pop() ?? '')) continue;
          if (p.value.k === 'null' || p.value.k === 'bool') continue;
          seen.add(p.keySpan.start);
          ctx.report({
            span: p.keySpan,
            file: route.handlerFile,
            message: `The response of \`${route.method} ${route.pathTemplate}\` includes \`${p.key}\` (${classes.map((c) => c.dataClass).join(', ')}: ${classes[0]!.reason}). Anyone who can call this endpoint receives it, and it ends up in logs, caches and browser storage. Leave it out of the response, or mask it.`,
            dataClasses: classes.map((c) => c.dataClass),
          });
        }
        for (const s of val.spreads) inspect(resolve(s, route.handler!), route, depth + 1, elements);
        return;
      }
      if (val.k === 'spread') return inspect(resolve(val.value, route.handler!), route, depth + 1, elements);
      // `[{"id": u.id, "password_hash": u.password_hash} for u in users]`: the objects a comprehension builds
      if (val.k === 'other' && val.text === 'comprehension' && val.parts[0])
        return inspect(resolve(val.parts[0], route.handler!), route, depth + 1, elements);
      const path = pathOf(val);
      if (
        /^(process\.env|os\.environ)$/.test(path) ||
        (val.k === 'call' &&
          /^(dict|Object\.assign|Object\.entries|JSON\.stringify)$/.test(pathOf(val.callee)) &&
          val.args.some((a) => /^(process\.env|os\.environ)$/.test(pathOf(a))))
      ) {
        seen.add(val.span.start);
        ctx.report({
          span: val.span,
          file: route.handlerFile,
          message: `The response of \`${route.method} ${route.pathTemplate}\` sends the process environment, which holds database passwords, API keys and signing secrets. Return only the specific, non-secret values the client needs.`,
          dataClasses: ['credential'],
        });
        return;
      }
      // `res.json(await getUser(id))`: what the project function returns, when it returns a stored record as is
      const helper =
        val.k === 'call'
          ? route.helperCalls?.find((h) => !h.via && h.call.val.span.start === val.span.start)
          : undefined;
      if (helper) {
        for (const returned of allReturnsOf(helper.fn)) {
          const record = resolve(returned, helper.fn);
          if (record.k !== 'call' || !RECORD_LOOKUP.test(pathOf(record.callee)) || !wholeRecord(record)) continue;
          seen.add(val.span.start);
          ctx.report({
            span: val.span,
            file: route.handlerFile,
            message: `The response of \`${route.method} ${route.pathTemplate}\` sends what \`${helper.fn.name}(…)\` (line ${ctx.line(helper.fn.span, helper.file)}) returns: a whole \`${entityOf(record)}\` record as stored (\`${pathOf(record.callee).replace(/\(\)/g, '()')}\`), including fields such as password hashes, tokens or internal flags. Return an explicit DTO/serializer with only the fields the client needs.`,
            dataClasses: ['credential', 'pii'],
          });
          return;
        }
      }
      if (val.k === 'call' && RECORD_LOOKUP.test(pathOf(val.callee)) && wholeRecord(val)) {
        seen.add(val.span.start);
        ctx.report({
          span: val.span,
          file: route.handlerFile,
          message: `The response of \`${route.method} ${route.pathTemplate}\` sends a whole \`${entityOf(val)}\` record as stored (\`${pathOf(val.callee).replace(/\(\)/g, '()')}\`), including fields such as password hashes, tokens or internal flags. Return an explicit DTO/serializer with only the fields the client needs.`,
          dataClasses: ['credential', 'pii'],
        });
      }
    }
  },
});

/** `xs.map((x) => …)` / `xs.flatMap(…)`: the collection, the callback and the name its element is bound to. */
function mapCallback(val: Val): { collection: Val; fn: FnFacts; element?: string } | undefined {
  if (val.k !== 'call' || val.callee.k !== 'member' || !/^(map|flatMap)$/.test(val.callee.prop)) return undefined;
  const callback = val.args[0];
  if (callback?.k !== 'fn') return undefined;
  return { collection: val.callee.object, fn: callback.fn, element: callback.fn.params[0]?.name };
}

function resolve(val: Val, fn: FnFacts, depth = 0): Val {
  if (val.k === 'ref' && depth < 4) {
    const values = localsOf(fn, val.name);
    if (values && values.length > 0) {
      const last = values[values.length - 1]!;
      // keep the variable's span: findings land where the value is sent
      const inner = resolve(last, fn, depth + 1);
      return inner.k === 'call' || inner.k === 'obj'
        ? { ...inner, span: inner.k === 'obj' ? inner.span : val.span }
        : inner;
    }
  }
  return val;
}

function entityOf(call: Extract<Val, { k: 'call' }>): string {
  const path = pathOf(call.callee).replace(/\(\)/g, '');
  const modelArg = call.args[0];
  const parts = path.split('.');
  const named =
    parts.find((p) => PERSON_ENTITY.test(p)) ??
    (modelArg && PERSON_ENTITY.test(pathOf(modelArg)) ? pathOf(modelArg) : undefined);
  return named ?? parts[parts.length - 2] ?? path;
}

function wholeRecord(call: Extract<Val, { k: 'call' }>): boolean {
  const path = pathOf(call.callee);
  // a service method's return value is unknown (it may map to a DTO); data-layer calls return stored records
  if (/(Service|service|Controller|controller|Client|client|Api|api)\.[^.]+$/.test(path)) return false;
  if (
    /select|attributes|projection|only|values|exclude/.test(
      JSON.stringify(call.args.map((a) => (a.k === 'obj' ? a.props.map((p) => p.key) : []))),
    )
  )
    return false;
  if (/\.(select|only|values|values_list|lean\(\)\.select|project)\(\)/.test(path)) return false;
  const modelArg = call.args[0];
  return (
    PERSON_ENTITY.test(path.split('.').slice(0, -1).join('.')) ||
    (modelArg !== undefined &&
      /get_object_or_404|session\.get|db\.get/.test(path) &&
      PERSON_ENTITY.test(pathOf(modelArg)))
  );
}
