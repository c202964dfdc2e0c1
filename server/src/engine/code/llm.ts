// Is this call an LLM API call? Recognised by the API's shape (`chat.completions.create`, `generateContent`…) in a
// file that imports an LLM SDK. Shared by the LLM rules and the rate-limit rule (a route that calls a model costs money).
import { localsOf, pathOf, type CallFact, type FileFacts, type FnFacts, type Val } from './facts';

// Rules about LLM API calls: output token limits, request data in prompts, and model output reaching
// dangerous sinks. LLM calls are recognised by their API shape and by an import of an LLM SDK in the file.
const LLM_MODULE =
  /^(openai|@anthropic-ai\/sdk|anthropic|@google\/generative-ai|@google\/genai|google\.generativeai|google\.genai|google|vertexai|ai|@ai-sdk\/[\w-]+|langchain[\w.]*|@langchain\/[\w-]+|langchain_\w+|@azure\/openai|cohere|cohere-ai|mistralai|@mistralai\/[\w-]+|groq-sdk|groq|litellm|llama_index[\w.]*|ollama)(\.|$)/;

export const LLM_METHOD_PATH =
  /(chat\.completions\.create|chat\.completions\.stream|completions\.create|responses\.create|responses\.stream|messages\.create|messages\.stream|generateContent|generate_content|generateContentStream|generateText|streamText|generateObject|streamObject|ChatCompletion\.create|Completion\.create|createChatCompletion|createCompletion|getChatCompletions|litellm\.completion|acompletion|ollama\.chat|ollama\.generate)$/;

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

/** The model output a value is made of, as written (`completion`, `chat.completions.create()`), if any. */
export function llmSource(
  val: Val,
  fn: FnFacts,
  file: FileFacts,
  depth: number,
  seen: Set<string>,
): string | undefined {
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
