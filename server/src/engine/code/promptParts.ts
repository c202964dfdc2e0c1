// Where text lands in an LLM call's prompt: in a system/developer prompt, or concatenated into a prompt without
// delimiters. Shared by code-prompt-injection (text from the request) and code-prompt-indirect-injection (stored or
// fetched content); each passes its own `sourceOf`.
import { isLlmCall } from './llm';
import { pathOf, resolveLocal, type CallFact, type FileFacts, type FnFacts, type Val } from './facts';
import type { TaintSource } from './taint';

const SYSTEM_KEYS = /^(system|instructions|system_instruction|systemInstruction|system_prompt|systemPrompt)$/;

const PROMPT_KEYS = /^(prompt|input|content|contents|messages|text|query|question)$/;

const DELIMITED = /```|<\/?[a-z_-]+>|"""|'''|---|\[\[|\]\]|<<<|>>>|\{\{|\}\}|#{3}|["'`]\s*$|^\s*["'`]/i;

export type SourceOf = (val: Val) => TaintSource | undefined;

/** An LLM SDK call, or a LangChain runnable's `invoke`/`stream`/… in a module that imports LangChain. */
export function llmCall(call: CallFact, file: FileFacts): boolean {
  if (isLlmCall(call, file)) return true;
  return (
    /\.(invoke|ainvoke|stream|call|predict|run)$/.test(call.path.replace(/\(\)/g, '')) &&
    file.imports.some((i) => /langchain/.test(i.module))
  );
}

export interface PromptProblem {
  kind: 'system' | 'concat';
  span: Val['span'];
  source: TaintSource;
}

export function promptProblems(call: CallFact, sourceOf: SourceOf, fn: FnFacts): PromptProblem[] {
  const out: PromptProblem[] = [];
  const inspectMessage = (msg: Val) => {
    const m = resolveLocal(msg, fn);
    if (m.k !== 'obj') return;
    const role = m.props.find((p) => p.key === 'role');
    const content = m.props.find((p) => p.key === 'content' || p.key === 'parts' || p.key === 'text');
    if (!content) return;
    const roleValue = role?.value.k === 'str' ? role.value.value : '';
    const source = sourceOf(content.value);
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
        const source = sourceOf(p.value);
        if (source) out.push({ kind: 'system', span: p.value.span, source });
      } else if (p.key === 'messages' || p.key === 'contents') inspectMessages(p.value);
      else if (PROMPT_KEYS.test(p.key)) {
        const source = sourceOf(p.value);
        if (source && undelimited(p.value, fn)) out.push({ kind: 'concat', span: p.value.span, source });
      }
    }
  };
  for (const a of call.val.args) {
    const v = resolveLocal(a, fn);
    if (v.k === 'obj') inspectProps(v.props);
    else if (v.k === 'arr') inspectMessages(v);
    else {
      const source = sourceOf(v);
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
