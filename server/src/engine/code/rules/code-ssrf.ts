// code-ssrf: Outbound HTTP requests whose URL or host comes from the request.
// Doc: docs/rules/code-ssrf.md. Fixtures: test-fixtures/code/*/ (marked `code-ssrf`).

import { Taint, type TaintSource } from '../taint';
import { codeRule } from './types';
import { describeRoute } from '../model';
import { allCallsOf, kwarg, localsOf, pathOf, rootOf, type CallFact, type FnFacts, type Val } from '../facts';
import { taintedHelpers } from '../helperTaint';
import { llmSource } from '../llm';

const HTTP_SINK =
  /^(fetch|axios|got|request|needle|superagent|ky|undici\.request|undici\.fetch|http\.get|http\.request|https\.get|https\.request|axios\.(get|post|put|patch|delete|head|request)|got\.(get|post|put|patch|delete|head)|ky\.(get|post|put|patch|delete)|superagent\.(get|post|put|delete)|needle\.(get|post)|requests\.(get|post|put|patch|delete|head|request)|httpx\.(get|post|put|patch|delete|head|request|stream)|urllib\.request\.urlopen|urlopen|urllib3\.request|aiohttp\.request)$/;

const CLIENT_METHOD = /^(get|post|put|patch|delete|head|request|stream|fetch|urlopen)$/;

const CLIENT_CTOR =
  /(httpx\.(Client|AsyncClient)|aiohttp\.ClientSession|requests\.Session|axios\.create|ClientSession|AsyncClient|Session)$/;

export default codeRule({
  id: 'code-ssrf',
  severity: 'error',
  owasp: 'API7:2023',
  cwe: 'CWE-918',
  title: 'Server-side request forgery',
  summary:
    'An outbound HTTP request (fetch, axios, got, requests, httpx, urllib\u2026) goes to a URL or host taken from the request.',
  fixable: false,
  scope: 'route',
  reads: { file: ['imports'], route: ['handler', 'calls', 'request', 'method', 'pathTemplate', 'helperCalls'] },
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
        // a URL the model wrote (from a prompt with request text in it) is code-llm-output-unvalidated's finding
        if (llmSource(target, route.handler, route.handlerFile ?? ctx.file, 0, new Set())) continue;
        seen.add(call.val.span.start);
        ctx.report({
          span: target.span,
          file: route.handlerFile,
          message: `\`${source.text}\` flows to \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span, route.handlerFile)}: the request decides where this server sends an HTTP request (${describeRoute(route)}). Attackers can reach internal services and cloud metadata (169.254.169.254). Allow only known hosts (an allow-list), or map a request value to a fixed URL.`,
        });
      }
      // the URL handed to a project function that makes the request (`fetchPreview(req.body.url)`)
      for (const { helper, taint: inner, fedFrom, chain } of taintedHelpers(route, taint)) {
        const sink = allCallsOf(helper.fn).find((c) => isHttpCall(c, helper.fn));
        const target = sink && urlArgument(sink);
        const param = target && hostControlled(target, inner, helper.fn);
        if (!sink || !param || seen.has(chain[0]!.call.val.span.start)) continue;
        seen.add(chain[0]!.call.val.span.start);
        const from = fedFrom.get(param.text)?.text ?? param.text;
        const path = chain.map((h) => `\`${h.fn.name}(…)\` (line ${ctx.line(h.fn.span, h.file)})`).join(' → ');
        ctx.report({
          span: chain[0]!.call.nameSpan,
          file: route.handlerFile,
          message: `\`${from}\` flows through ${path} to \`${sink.path.replace(/\(\)/g, '()')}\`: the request decides where this server sends an HTTP request (${describeRoute(route)}). Attackers can reach internal services and cloud metadata (169.254.169.254). Allow only known hosts (an allow-list) in the helper, or map a request value to a fixed URL.`,
        });
      }
    }
  },
});

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
