// code-llm-unbounded-tokens: LLM calls without an output token limit.
// Doc: docs/rules/code-llm-unbounded-tokens.md. Fixtures: test-fixtures/code/*/ (marked `code-llm-unbounded-tokens`).

import { codeRule } from './types';
import { fileUsesLlm, isLlmCall } from '../llm';
import { walkVal, type CallFact, type Val } from '../facts';

const LANGCHAIN_CTOR =
  /^(ChatOpenAI|ChatAnthropic|ChatGoogleGenerativeAI|ChatVertexAI|AzureChatOpenAI|ChatMistralAI|ChatGroq|OpenAI|ChatOllama)$/;

const TOKEN_LIMIT_KEYS =
  /^(max_tokens|max_completion_tokens|max_output_tokens|maxTokens|maxOutputTokens|maxCompletionTokens|max_new_tokens|num_predict|maxRetries_never)$/;

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

export default codeRule({
  id: 'code-llm-unbounded-tokens',
  severity: 'warning',
  owasp: 'API4:2023',
  cwe: 'CWE-770',
  title: 'LLM call without an output token limit',
  summary:
    'A call to an LLM API sets no `max_tokens` / `max_output_tokens` / `maxTokens`, so one request can consume an unbounded amount of tokens and money.',
  fixable: true,
  scope: 'statement',
  reads: { file: ['imports'] },
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
        span: call.nameSpan,
        message: `\`${call.path.replace(/\(\)/g, '()')}\` on line ${ctx.line(call.val.span)} sets no output token limit (\`max_tokens\` / \`max_output_tokens\` / \`maxTokens\`), so a single request can generate as many tokens as the model allows and cost accordingly. Set a limit that fits the feature.`,
        aiLinked: true,
        fixSpan: call.val.span,
      });
    }
  },
});
