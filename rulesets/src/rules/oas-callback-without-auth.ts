import type { OpenApiRule } from '../ruleTypes';
import { isObject, type IndexedCallbackOperation } from '../index/openapiIndex';
import { splitIdentifier } from '../sensitive/words';

const SIGNATURE_WORDS = new Set(['signature', 'signed', 'hmac', 'sig', 'authorization']);

function documentsVerification(callback: IndexedCallbackOperation): boolean {
  const op = callback.operation;
  if (Array.isArray(op.security) && op.security.some((r) => isObject(r) && Object.keys(r).length > 0)) return true;
  if (Array.isArray(op.parameters)) {
    for (const parameter of op.parameters) {
      if (
        isObject(parameter) &&
        parameter.in === 'header' &&
        typeof parameter.name === 'string' &&
        splitIdentifier(parameter.name).some((w) => SIGNATURE_WORDS.has(w))
      )
        return true;
    }
  }
  const text = `${typeof op.description === 'string' ? op.description : ''} ${typeof op.summary === 'string' ? op.summary : ''}`;
  return /\b(?:signature|signed|HMAC|mTLS|mutual TLS)\b/i.test(text);
}

export const callbackWithoutAuth: OpenApiRule = {
  id: 'oas-callback-without-auth',
  severity: 'warning',
  owasp: 'API10:2023',
  cwe: 'CWE-345',
  title: 'Callback or webhook without signature or authentication',
  summary:
    'A callback (OAS 3) or webhook (OAS 3.1) request documents no way for its receiver to verify it came from the API: no security requirement, no signature header, no signing described. Receivers then trust whatever reaches their endpoint, and forged events drive their business logic.',
  versions: ['3.0', '3.1', '3.2'],
  check(index, report) {
    for (const callback of index.callbacks) {
      if (documentsVerification(callback)) continue;
      const what =
        callback.kind === 'webhook'
          ? `Webhook \`${callback.name}\``
          : `Callback \`${callback.name}\` of ${callback.owner!.method.toUpperCase()} ${callback.owner!.path}`;
      report({
        path: callback.jsonPath,
        message: `${what} (${callback.method.toUpperCase()}) documents no signature or authentication: receivers cannot tell real events from forged ones and will act on whatever reaches their URL. Sign each delivery (e.g. an HMAC \`X-Signature\` header with a timestamp), document the header, and tell receivers to verify it.`,
      });
    }
  },
};
