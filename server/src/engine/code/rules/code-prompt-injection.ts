// code-prompt-injection: Request data in a system prompt, or concatenated into a prompt without delimiters.
// Doc: docs/rules/code-prompt-injection.md. Fixtures: test-fixtures/code/*/ (marked `code-prompt-injection`).

import { Taint, type TaintSource } from '../taint';
import { codeRule } from './types';
import { fileUsesLlm, isLlmCall } from '../llm';
import { allCallsOf, pathOf, resolveLocal, type CallFact, type FileFacts, type FnFacts, type Val } from '../facts';
import { taintedHelpers } from '../helperTaint';

const SYSTEM_KEYS = /^(system|instructions|system_instruction|systemInstruction|system_prompt|systemPrompt)$/;

const PROMPT_KEYS = /^(prompt|input|content|contents|messages|text|query|question)$/;

const DELIMITED = /```|<\/?[a-z_-]+>|"""|'''|---|\[\[|\]\]|<<<|>>>|\{\{|\}\}|#{3}|["'`]\s*$|^\s*["'`]/i;

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
        const finding = sink && promptProblems(sink, inner, helper.fn)[0];
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
        for (const finding of promptProblems(call, taint, route.handler)) {
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

/** An LLM SDK call, or a LangChain runnable's `invoke`/`stream`/… in a module that imports LangChain. */
function llmCall(call: CallFact, file: FileFacts): boolean {
  if (isLlmCall(call, file)) return true;
  return (
    /\.(invoke|ainvoke|stream|call|predict|run)$/.test(call.path.replace(/\(\)/g, '')) &&
    file.imports.some((i) => /langchain/.test(i.module))
  );
}

interface PromptProblem {
  kind: 'system' | 'concat';
  span: Val['span'];
  source: TaintSource;
}

function promptProblems(call: CallFact, taint: Taint, fn: FnFacts): PromptProblem[] {
  const out: PromptProblem[] = [];
  const inspectMessage = (msg: Val) => {
    const m = resolveLocal(msg, fn);
    if (m.k !== 'obj') return;
    const role = m.props.find((p) => p.key === 'role');
    const content = m.props.find((p) => p.key === 'content' || p.key === 'parts' || p.key === 'text');
    if (!content) return;
    const roleValue = role?.value.k === 'str' ? role.value.value : '';
    const source = taint.sourceOf(content.value);
    if (!source) return;
    if (/^(system|developer)$/.test(roleValue)) out.push({ kind: 'system', span: content.value.span, source });
    else if (undelimited(content.value, fn)) out.push({ kind: 'concat', span: content.value.span, source });
  };
  const inspectMessages = (val: Val) => {
    const v = resolveLocal(val, fn);
    if (v.k === 'arr') v.items.forEach(inspectMessage);
  };
  const inspectProps = (props: { key: string; value: Val }[]) => {
    for (const p of props) {
      if (SYSTEM_KEYS.test(p.key)) {
        const source = taint.sourceOf(p.value);
        if (source) out.push({ kind: 'system', span: p.value.span, source });
      } else if (p.key === 'messages' || p.key === 'contents') inspectMessages(p.value);
      else if (PROMPT_KEYS.test(p.key)) {
        const source = taint.sourceOf(p.value);
        if (source && undelimited(p.value, fn)) out.push({ kind: 'concat', span: p.value.span, source });
      }
    }
  };
  for (const a of call.val.args) {
    const v = resolveLocal(a, fn);
    if (v.k === 'obj') inspectProps(v.props);
    else if (v.k === 'arr') inspectMessages(v);
    else {
      const source = taint.sourceOf(v);
      if (source && undelimited(v, fn)) out.push({ kind: 'concat', span: a.span, source });
    }
  }
  inspectProps(call.val.kwargs.map((k) => ({ key: k.name, value: k.value })));
  return out;
}

function undelimited(val: Val, fn: FnFacts): boolean {
  const v = resolveLocal(val, fn);
  if (v.k !== 'tmpl') return false;
  const literals = v.parts.filter((p): p is Extract<Val, { k: 'str' }> => p.k === 'str').map((p) => p.value);
  if (literals.join('').trim().length < 8) return false; // just the input, nothing to confuse it with
  return (
    !literals.some((l) => DELIMITED.test(l)) &&
    !v.parts.some((p) => p.k === 'call' && /JSON\.stringify|json\.dumps|escape/.test(pathOf(p.callee)))
  );
}
