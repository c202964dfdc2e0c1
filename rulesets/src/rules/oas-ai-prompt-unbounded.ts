import { describeOperation, schemaTypes } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { isAiLinked } from '../helpers/operations';
import { splitIdentifier } from '../sensitive/words';

const PROMPT_WORDS = new Set([
  'prompt',
  'prompts',
  'messages',
  'message',
  'content',
  'input',
  'inputs',
  'query',
  'question',
  'instructions',
  'instruction',
  'system',
  'text',
  'context',
  'documents',
]);

export const aiPromptUnbounded: OpenApiRule = {
  id: 'oas-ai-prompt-unbounded',
  severity: 'warning',
  owasp: 'API10:2023',
  cwe: 'CWE-770',
  title: 'Unbounded prompt input to an AI-linked operation',
  summary:
    'A prompt-like request field (`prompt`, `messages`, `input`, `instructions`, `context`…) of an AI-linked operation has no `maxLength` (strings) or `maxItems` (arrays). Model cost grows with input size, and long inputs are how context-stuffing and prompt-injection payloads get in.',
  check(index, report) {
    const seen = new Set<object>(); // a schema shared by several operations is reported once
    for (const op of index.operations) {
      if (!isAiLinked(op)) continue;
      for (const entry of index.operationSchemas(op, 'request')) {
        const { schema, propertyName, parameterName } = entry;
        if (seen.has(schema)) continue;
        seen.add(schema);
        const name = propertyName ?? parameterName;
        if (name === undefined || !splitIdentifier(name).some((w) => PROMPT_WORDS.has(w))) continue;
        const types = schemaTypes(schema);
        const unboundedString =
          types.includes('string') && typeof schema.maxLength !== 'number' && !Array.isArray(schema.enum);
        const unboundedArray = types.includes('array') && typeof schema.maxItems !== 'number';
        if (!unboundedString && !unboundedArray) continue;
        report({
          path: entry.jsonPath,
          message: `Prompt field \`${name}\` of AI-linked ${describeOperation(op)} has no ${unboundedArray ? '`maxItems`' : '`maxLength`'}: model cost grows with every token sent, and oversized inputs carry context-stuffing and prompt-injection payloads to the model. Bound it (${unboundedArray ? '`maxItems`, and `maxLength` on each item' : '`maxLength`'}) and enforce a token budget per caller.`,
          aiLinked: true,
        });
      }
    }
  },
};
