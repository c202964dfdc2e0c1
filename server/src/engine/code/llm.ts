// Is this call an LLM API call? Recognised by the API's shape (`chat.completions.create`, `generateContent`…) in a
// file that imports an LLM SDK. Shared by the LLM rules and the rate-limit rule (a route that calls a model costs money).
import type { CallFact, FileFacts } from './facts';

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
