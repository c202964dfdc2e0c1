import { describeOperation, type IndexedOperation } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { documentsRateLimiting, isAiLinked, isUnsecured } from '../helpers/operations';

// Reading, listing or deleting stored results (`GET /chat/completions/{id}`) spends no model tokens.
const READ_OR_DELETE = new Set(['get', 'head', 'options', 'trace', 'delete']);

/**
 * Can a call run the model? Not a read or delete, nor a write to one stored object (`POST /chat/completions/{id}`
 * updates its metadata); an action on it (`POST /videos/{id}/remix`) can.
 */
function mayInvokeModel(op: IndexedOperation): boolean {
  if (READ_OR_DELETE.has(op.method)) return false;
  return !/\/\{[^}/]+\}\/?$/.test(op.path);
}

export const aiEndpointUnprotected: OpenApiRule = {
  id: 'oas-ai-endpoint-unprotected',
  severity: 'error',
  owasp: 'API10:2023',
  cwe: 'CWE-770',
  title: 'AI-linked operation without authentication or rate limits',
  summary:
    "An operation that calls or proxies an LLM/AI API (chat, completions, prompts, embeddings, agents) is public or documents no rate limiting. Every call spends model tokens on the provider's bill and passes untrusted input to a third party: anonymous or unlimited access means cost exhaustion and abuse of the model through you. Reads, deletes and updates of one stored object (`GET /chat/completions`, `POST /chat/completions/{id}`) run no model and are left to the general rules.",
  check(index, report) {
    for (const op of index.operations) {
      if (!mayInvokeModel(op) || !isAiLinked(op)) continue;
      const problems: string[] = [];
      if (isUnsecured(op)) problems.push('no authentication');
      if (!documentsRateLimiting(op)) problems.push('no documented rate limit (429 or rate-limit headers)');
      if (problems.length === 0) continue;
      report({
        path: op.jsonPath,
        message: `${describeOperation(op)} is AI-linked (it calls or proxies a model) with ${problems.join(' and ')}: each call spends model tokens and forwards untrusted input to a third party, so anonymous or unlimited use means runaway cost and abuse of the model through your API. Require authentication, limit requests and tokens per caller, and document the \`429\` response.`,
        aiLinked: true,
      });
    }
  },
};
