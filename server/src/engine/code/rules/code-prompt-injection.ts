// code-prompt-injection: Request data in a system prompt, or concatenated into a prompt without delimiters.
// Doc: docs/rules/code-prompt-injection.md. Fixtures: test-fixtures/code/*/ (marked `code-prompt-injection`).

import { Taint } from '../taint';
import { codeRule } from './types';
import { fileUsesLlm } from '../llm';
import { allCallsOf } from '../facts';
import { llmCall, promptProblems } from '../promptParts';
import { taintedHelpers } from '../helperTaint';

export default codeRule({
  id: 'code-prompt-injection',
  severity: 'warning',
  owasp: 'API10:2023',
  cwe: 'CWE-1427',
  title: 'Request data in an LLM prompt',
  summary:
    'Request data is placed in a system/developer prompt, or concatenated into a prompt without delimiting it, so callers can override the instructions.',
  fixable: false,
  scope: 'route',
  reads: { file: ['imports'], route: ['handler', 'handlerFile', 'calls', 'request', 'helperCalls'] },
  check(ctx) {
    const seen = new Set<number>();
    for (const route of ctx.routes) {
      // The handler's own module decides which calls are LLM calls (it may be imported from another file).
      const file = route.handlerFile ?? ctx.file;
      if (!route.handler) continue;
      const taint = new Taint(route.handler, route.request);
      // the request text handed to a project function that builds the prompt (`summarize(req.body.text)`)
      for (const { helper, taint: inner, fedFrom, chain } of taintedHelpers(route, taint)) {
        if (!fileUsesLlm(helper.file) || seen.has(chain[0]!.call.val.span.start)) continue;
        const sink = allCallsOf(helper.fn).find((c) => llmCall(c, helper.file));
        const finding = sink && promptProblems(sink, (v) => inner.sourceOf(v), helper.fn)[0];
        if (!sink || !finding) continue;
        seen.add(chain[0]!.call.val.span.start);
        const from = fedFrom.get(finding.source.text)?.text ?? finding.source.text;
        const path = chain.map((h) => `\`${h.fn.name}(…)\` (line ${ctx.line(h.fn.span, h.file)})`).join(' → ');
        const sinkName = `\`${sink.path.replace(/\(\)/g, '()')}\``;
        ctx.report({
          span: chain[0]!.call.nameSpan,
          file: route.handlerFile,
          message:
            finding.kind === 'system'
              ? `\`${from}\` (from the request) flows through ${path} into the system/developer prompt of ${sinkName}. Callers can rewrite the model's instructions. Keep system prompts constant and pass user input only as a user message.`
              : `\`${from}\` (from the request) flows through ${path} and is concatenated into the prompt of ${sinkName} without delimiting it, so it reads as instructions. Put user input in its own user message, or wrap it in clear delimiters (e.g. <user_input>…</user_input>) and tell the model to treat it as data.`,
          aiLinked: true,
        });
      }
      if (!fileUsesLlm(file)) continue;
      for (const call of route.calls) {
        if (!llmCall(call, file)) continue;
        for (const finding of promptProblems(call, (v) => taint.sourceOf(v), route.handler)) {
          if (seen.has(finding.span.start)) continue;
          seen.add(finding.span.start);
          ctx.report({
            span: finding.span,
            file: route.handlerFile,
            message:
              finding.kind === 'system'
                ? `\`${finding.source.text}\` (from the request) flows into the system/developer prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span, route.handlerFile)}. Callers can rewrite the model's instructions. Keep system prompts constant and pass user input only as a user message.`
                : `\`${finding.source.text}\` (from the request) is concatenated into the prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span, route.handlerFile)} without delimiting it, so it reads as instructions. Put user input in its own user message, or wrap it in clear delimiters (e.g. <user_input>…</user_input>) and tell the model to treat it as data.`,
            aiLinked: true,
          });
        }
      }
    }
  },
});
