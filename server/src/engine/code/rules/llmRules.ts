// Rules about LLM API calls: output token limits, request data in prompts, and model output reaching
// dangerous sinks. LLM calls are recognised by their API shape and by an import of an LLM SDK in the file.
import {
  allCallsOf,
  kwarg,
  localsOf,
  pathOf,
  walkVal,
  type CallFact,
  type FileFacts,
  type FnFacts,
  type Val,
} from '../facts';
import { Taint, type TaintSource } from '../taint';
import type { CodeRule } from './types';

const LLM_MODULE =
  /^(openai|@anthropic-ai\/sdk|anthropic|@google\/generative-ai|@google\/genai|google\.generativeai|google\.genai|google|vertexai|ai|@ai-sdk\/[\w-]+|langchain[\w.]*|@langchain\/[\w-]+|langchain_\w+|@azure\/openai|cohere|cohere-ai|mistralai|@mistralai\/[\w-]+|groq-sdk|groq|litellm|llama_index[\w.]*|ollama)(\.|$)/;
const LLM_METHOD_PATH =
  /(chat\.completions\.create|chat\.completions\.stream|completions\.create|responses\.create|responses\.stream|messages\.create|messages\.stream|generateContent|generate_content|generateContentStream|generateText|streamText|generateObject|streamObject|ChatCompletion\.create|Completion\.create|createChatCompletion|createCompletion|getChatCompletions|litellm\.completion|acompletion|ollama\.chat|ollama\.generate)$/;
const LANGCHAIN_CTOR =
  /^(ChatOpenAI|ChatAnthropic|ChatGoogleGenerativeAI|ChatVertexAI|AzureChatOpenAI|ChatMistralAI|ChatGroq|OpenAI|ChatOllama)$/;
const TOKEN_LIMIT_KEYS =
  /^(max_tokens|max_completion_tokens|max_output_tokens|maxTokens|maxOutputTokens|maxCompletionTokens|max_new_tokens|num_predict|maxRetries_never)$/;

const usesLlm = new WeakMap<FileFacts, boolean>();

export function fileUsesLlm(file: FileFacts): boolean {
  let known = usesLlm.get(file);
  if (known === undefined) usesLlm.set(file, (known = file.imports.some((i) => LLM_MODULE.test(i.module))));
  return known;
}

export function isLlmCall(call: CallFact, file: FileFacts): boolean {
  if (!fileUsesLlm(file)) return false;
  const path = call.path.replace(/\(\)/g, '');
  if (/embeddings?|moderations?|images|audio|files|models\.list/.test(path)) return false;
  return LLM_METHOD_PATH.test(path);
}

function hasTokenLimit(call: CallFact): boolean {
  if (call.val.kwargs.some((k) => TOKEN_LIMIT_KEYS.test(k.name))) return true;
  if (
    call.val.kwargs.some(
      (k) =>
        /generation_config|config/.test(k.name) &&
        JSON.stringify(keysOf(k.value)).match(/max_output_tokens|maxOutputTokens/),
    )
  )
    return true;
  for (const a of call.val.args) {
    const keys = keysOf(a);
    if (keys.some((k) => TOKEN_LIMIT_KEYS.test(k))) return true;
  }
  return false;
}

function keysOf(val: Val): string[] {
  const keys: string[] = [];
  walkVal(val, (v) => {
    if (v.k === 'obj') keys.push(...v.props.map((p) => p.key));
  });
  return keys;
}

export const llmUnboundedTokens: CodeRule = {
  id: 'code-llm-unbounded-tokens',
  scope: 'statement',
  check(ctx) {
    if (!fileUsesLlm(ctx.file)) return;
    for (const call of ctx.file.allCalls) {
      const isCtor =
        LANGCHAIN_CTOR.test(call.method) &&
        (call.val.isNew || ctx.file.lang === 'py') &&
        ctx.file.imports.some((i) => /langchain/.test(i.module) && i.local === call.method);
      if (!isCtor && !isLlmCall(call, ctx.file)) continue;
      // Options passed by spreading a shared config object cannot be checked
      if (call.val.args.some((a) => a.k === 'spread' || (a.k === 'obj' && a.spreads.length > 0))) continue;
      if (call.val.args.some((a) => a.k === 'ref') && !isCtor && ctx.file.lang === 'js') {
        // client.chat.completions.create(params): look at the local object when it is one
        continue;
      }
      if (hasTokenLimit(call)) continue;
      ctx.report({
        ruleId: this.id,
        span: call.nameSpan,
        message: `\`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)} sets no output token limit (\`max_tokens\` / \`max_output_tokens\` / \`maxTokens\`), so a single request can generate as many tokens as the model allows and cost accordingly. Set a limit that fits the feature.`,
        aiLinked: true,
      });
    }
  },
};

const SYSTEM_KEYS = /^(system|instructions|system_instruction|systemInstruction|system_prompt|systemPrompt)$/;
const PROMPT_KEYS = /^(prompt|input|content|contents|messages|text|query|question)$/;
const DELIMITED = /```|<\/?[a-z_-]+>|"""|'''|---|\[\[|\]\]|<<<|>>>|\{\{|\}\}|#{3}|["'`]\s*$|^\s*["'`]/i;

export const promptInjection: CodeRule = {
  id: 'code-prompt-injection',
  scope: 'route',
  check(ctx) {
    if (!fileUsesLlm(ctx.file)) return;
    const seen = new Set<number>();
    for (const route of ctx.routes) {
      if (!route.handler) continue;
      const taint = new Taint(route.handler, route.request);
      for (const call of route.calls) {
        if (
          !isLlmCall(call, ctx.file) &&
          !/\.(invoke|ainvoke|stream|call|predict|run)$/.test(call.path.replace(/\(\)/g, ''))
        )
          continue;
        if (!isLlmCall(call, ctx.file) && !ctx.file.imports.some((i) => /langchain/.test(i.module))) continue;
        for (const finding of promptProblems(call, taint, route.handler)) {
          if (seen.has(finding.span.start)) continue;
          seen.add(finding.span.start);
          ctx.report({
            ruleId: this.id,
            span: finding.span,
            message:
              finding.kind === 'system'
                ? `\`${finding.source.text}\` (from the request) flows into the system/developer prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)}. Callers can rewrite the model's instructions. Keep system prompts constant and pass user input only as a user message.`
                : `\`${finding.source.text}\` (from the request) is concatenated into the prompt of \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)} without delimiting it, so it reads as instructions. Put user input in its own user message, or wrap it in clear delimiters (e.g. <user_input>…</user_input>) and tell the model to treat it as data.`,
            aiLinked: true,
          });
        }
      }
    }
  },
};

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

function resolveLocal(val: Val, fn: FnFacts): Val {
  if (val.k !== 'ref') return val;
  const values = localsOf(fn, val.name);
  return values && values.length > 0 ? values[values.length - 1]! : val;
}

/** A template/concatenation that mixes instruction text and request data with no delimiters around it. */
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

// --- model output to sinks -------------------------------------------------------------------------------

const OUTPUT_SINKS: [RegExp, string][] = [
  [/(^|\.)(query|execute|executemany|raw|\$queryRawUnsafe|\$executeRawUnsafe|executescript)$/, 'SQL'],
  [
    /(^|\.)(exec|execSync|spawn|spawnSync|execFile|system|popen|Popen|run|call|check_output|check_call)$/,
    'a shell command',
  ],
  [/^(eval|Function|exec|vm\.runInNewContext|vm\.runInThisContext)$/, 'eval'],
  [/(^|\.)(redirect|RedirectResponse|HttpResponseRedirect)$/, 'a redirect'],
  [/(^|\.)(render_template_string|Markup|mark_safe|HTMLResponse|send|write)$/, 'HTML'],
];

export const llmOutputUnvalidated: CodeRule = {
  id: 'code-llm-output-unvalidated',
  scope: 'statement',
  check(ctx) {
    if (!fileUsesLlm(ctx.file)) return;
    const seen = new Set<number>();
    for (const fn of ctx.file.allFunctions) {
      const calls = allCallsOf(fn);
      if (!calls.some((c) => isLlmCall(c, ctx.file))) continue;
      for (const call of calls) {
        const path = call.path.replace(/\(\)/g, '');
        const sink = OUTPUT_SINKS.find(([re]) => re.test(path));
        if (!sink || isLlmCall(call, ctx.file) || seen.has(call.val.span.start)) continue;
        if (
          sink[1] === 'a shell command' &&
          !/child_process|subprocess|os\.|exec|spawn|shell/.test(path) &&
          !/^(exec|execSync|spawn|spawnSync|execFile)$/.test(path)
        )
          continue;
        if (sink[1] === 'HTML' && /^(send|write)$/.test(call.method) && !/^(res|response|reply)\b/.test(path)) continue;
        if (sink[1] === 'SQL' && /^(requests|httpx|axios|fetch)\b/.test(path)) continue;
        const arg = call.val.args[0] ?? call.val.kwargs[0]?.value;
        if (!arg) continue;
        const source = llmSource(arg, fn, ctx.file, 0, new Set());
        if (!source) continue;
        if (sink[1] === 'HTML' && /^(send|write)$/.test(call.method) && !htmlLike(arg, fn)) continue;
        seen.add(call.val.span.start);
        ctx.report({
          ruleId: this.id,
          span: call.nameSpan,
          message: `Model output (\`${source}\`) flows to \`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)} and is used as ${sink[1]} without validation. A prompt injection in any text the model read becomes ${sink[1] === 'HTML' ? 'cross-site scripting' : sink[1] === 'a redirect' ? 'an open redirect' : 'code execution'}. Parse the output into a strict structure, validate it against an allow-list, and use parameterised queries / argument arrays / escaping.`,
          aiLinked: true,
        });
      }
    }
  },
};

function llmSource(val: Val, fn: FnFacts, file: FileFacts, depth: number, seen: Set<string>): string | undefined {
  if (depth > 10) return undefined;
  switch (val.k) {
    case 'call': {
      const path = pathOf(val.callee).replace(/\(\)/g, '');
      if (LLM_METHOD_PATH.test(path) && fileUsesLlm(file)) return path + '()';
      for (const a of val.args) {
        const s = llmSource(a, fn, file, depth + 1, seen);
        if (s) return s;
      }
      return val.callee.k === 'member' ? llmSource(val.callee.object, fn, file, depth + 1, seen) : undefined;
    }
    case 'member':
    case 'index':
      return llmSource(val.object, fn, file, depth + 1, seen);
    case 'ref': {
      if (seen.has(val.name)) return undefined;
      seen.add(val.name);
      for (const v of localsOf(fn, val.name) ?? []) {
        const s = llmSource(v, fn, file, depth + 1, seen);
        if (s) return val.name;
      }
      return undefined;
    }
    case 'tmpl':
    case 'or':
    case 'arr':
    case 'other': {
      const parts = val.k === 'tmpl' ? val.parts : val.k === 'or' ? val.items : val.k === 'arr' ? val.items : val.parts;
      for (const p of parts) {
        const s = llmSource(p, fn, file, depth + 1, seen);
        if (s) return s;
      }
      return undefined;
    }
    case 'obj':
      for (const p of val.props) {
        const s = llmSource(p.value, fn, file, depth + 1, seen);
        if (s) return s;
      }
      return undefined;
    default:
      return undefined;
  }
}

function htmlLike(val: Val, fn: FnFacts): boolean {
  const v = resolveLocal(val, fn);
  return v.k === 'tmpl' && v.parts.some((p) => p.k === 'str' && /<[a-z]/i.test(p.value));
}

export { kwarg };
