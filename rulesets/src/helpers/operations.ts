// Facts about operations that several rules share: is it secured, what does its path say it does, does it
// document rate limiting. Word lists are module constants; paths are split into words once per operation.
import { splitIdentifier } from '../sensitive/words';
import {
  hasResponse,
  isObject,
  responseHeaders,
  responsesOf,
  type IndexedOperation,
  type JsonObject,
  type JsonPath,
  type OpenApiIndex,
} from '../index/openapiIndex';

const pathWordCache = new Map<string, string[]>();

/** The words of a path's literal segments (`/v1/users/{id}/password-reset` -> v1 users password reset). */
export function pathWords(path: string): string[] {
  let words = pathWordCache.get(path);
  if (!words) {
    words = path
      .split('/')
      .filter((segment) => segment.length > 0 && !segment.startsWith('{'))
      .flatMap((segment) => splitIdentifier(segment.replace(/\{[^}]*\}/g, ' ')));
    if (pathWordCache.size > 20_000) pathWordCache.clear();
    pathWordCache.set(path, words);
  }
  return words;
}

/** Words of the operation's path, operationId and summary (what the operation says it does). */
export function operationWords(op: IndexedOperation): string[] {
  const words = [...pathWords(op.path)];
  if (typeof op.operation.operationId === 'string') words.push(...splitIdentifier(op.operation.operationId));
  if (typeof op.operation.summary === 'string' && op.operation.summary.length < 200)
    words.push(...splitIdentifier(op.operation.summary));
  return words;
}

export function hasAnyWord(words: readonly string[], set: ReadonlySet<string>): string | undefined {
  return words.find((w) => set.has(w));
}

/** No requirement, or an explicit `security: []`: anyone may call it. */
export function isUnsecured(op: IndexedOperation): boolean {
  return op.security === undefined || op.security.length === 0;
}

/** A response with a body schema (Swagger 2.0: `schema`; OAS 3: a media type with `schema`). */
export function hasBodySchema(response: unknown, swagger2: boolean): boolean {
  if (!isObject(response)) return false;
  return swagger2
    ? isObject(response.schema)
    : isObject(response.content) && Object.values(response.content).some((m) => isObject(m) && isObject(m.schema));
}

/**
 * A `default` response with a body schema: it documents the error shape of every status not declared, 4xx
 * included (Stripe's spec answers every error this way).
 */
export function documentsDefaultError(op: IndexedOperation, swagger2: boolean): boolean {
  return isObject(op.operation.responses) && hasBodySchema(op.operation.responses.default, swagger2);
}

/** Some alternative of the requirements is `{}`: authentication is optional. */
export function allowsAnonymous(op: { security: JsonObject[] | undefined }): boolean {
  return op.security !== undefined && op.security.some((requirement) => Object.keys(requirement).length === 0);
}

const RATE_LIMIT_HEADERS = new Set([
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-rate-limit-limit',
  'x-rate-limit-remaining',
  'x-rate-limit-reset',
  'retry-after',
]);

// Headers that tell clients their budget (a limit or policy), not only what remains or when it resets.
const BUDGET_HEADERS = new Set([
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'x-ratelimit-limit',
  'x-rate-limit-limit',
]);

export function isRateLimitBudgetHeader(name: string): boolean {
  return BUDGET_HEADERS.has(name.toLowerCase());
}

/** A 429 response, a rate-limit header on any response, or an `x-rate-limit`/`x-ratelimit` extension. */
export function documentsRateLimiting(op: IndexedOperation): boolean {
  if (hasResponse(op.operation, '429', '4XX')) return true;
  for (const key of Object.keys(op.operation)) if (/^x-rate-?limit/i.test(key)) return true;
  for (const response of responsesOf(op.operation, op.jsonPath)) {
    for (const name of responseHeaders(response).keys()) if (RATE_LIMIT_HEADERS.has(name)) return true;
  }
  return false;
}

/** Each query/path/header/cookie parameter object once (path-level parameters are shared by operations). */
export function* uniqueParameters(
  index: OpenApiIndex,
  locations: readonly string[],
): Generator<{ parameter: JsonObject; jsonPath: JsonPath; op: IndexedOperation; name: string }> {
  const seen = new Set<object>();
  for (const op of index.operations) {
    for (const { parameter, jsonPath } of op.parameters) {
      if (typeof parameter.name !== 'string' || !locations.includes(String(parameter.in)) || seen.has(parameter))
        continue;
      seen.add(parameter);
      yield { parameter, jsonPath, op, name: parameter.name };
    }
  }
}

/** A canonical text of a requirement list, to compare two operations' security. */
export function securityKey(security: JsonObject[] | undefined): string {
  if (!security || security.length === 0) return '';
  return security
    .map((requirement) =>
      Object.keys(requirement)
        .sort()
        .map(
          (name) =>
            `${name}[${(Array.isArray(requirement[name]) ? (requirement[name] as unknown[]).map(String).sort() : []).join(',')}]`,
        )
        .join('+'),
    )
    .sort()
    .join('|');
}

/** Scopes required per scheme, merged over the alternatives. */
export function scopesByScheme(security: JsonObject[] | undefined): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const requirement of security ?? []) {
    for (const [name, scopes] of Object.entries(requirement)) {
      const set = out.get(name) ?? new Set<string>();
      if (Array.isArray(scopes)) for (const scope of scopes) if (typeof scope === 'string') set.add(scope);
      out.set(name, set);
    }
  }
  return out;
}

// ---- what an operation is about -------------------------------------------------------------------------------

const AUTH_WORDS = new Set([
  'login',
  'logon',
  'signin',
  'sign',
  'authenticate',
  'authentication',
  'token',
  'tokens',
  'oauth',
  'oauth2',
  'password',
  'passwords',
  'reset',
  'forgot',
  'otp',
  'mfa',
  '2fa',
  'totp',
  'session',
  'sessions',
  'auth',
  'verify',
  'passcode',
]);
const AUTH_STRONG = new Set([
  'login',
  'logon',
  'signin',
  'authenticate',
  'token',
  'tokens',
  'oauth',
  'oauth2',
  'password',
  'passwords',
  'forgot',
  'otp',
  'mfa',
  '2fa',
  'totp',
  'passcode',
]);

/** Operations that check credentials or hand out tokens: the targets of credential stuffing and brute force. */
export function isAuthenticationOperation(op: IndexedOperation): boolean {
  if (op.method !== 'post' && op.method !== 'put') return false;
  const words = pathWords(op.path);
  if (words.some((w) => AUTH_STRONG.has(w))) return true;
  // `sign in`, `auth/session` and the like need two of the weaker words.
  return (
    words.filter((w) => AUTH_WORDS.has(w)).length >= 2 ||
    (words.includes('sign') && (words.includes('in') || words.includes('on')))
  );
}

const BUSINESS_FLOW_WORDS = new Set([
  'checkout',
  'purchase',
  'purchases',
  'buy',
  'order',
  'orders',
  'payment',
  'payments',
  'pay',
  'transfer',
  'transfers',
  'payout',
  'payouts',
  'withdraw',
  'withdrawal',
  'withdrawals',
  'charge',
  'charges',
  'signup',
  'register',
  'registration',
  'vote',
  'votes',
  'voting',
  'poll',
  'otp',
  'redeem',
  'redemption',
  'coupon',
  'coupons',
  'voucher',
  'vouchers',
  'promo',
  'gift',
  'giftcard',
  'referral',
  'referrals',
  'invite',
  'invites',
  'invitation',
  'invitations',
  'booking',
  'bookings',
  'reservation',
  'reservations',
  'reserve',
  'ticket',
  'tickets',
  'review',
  'reviews',
  'comment',
  'comments',
  'bid',
  'bids',
  'subscribe',
  'subscription',
  'subscriptions',
  'cart',
  'donate',
  'donation',
  'donations',
  'sms',
  'verify',
  'verification',
]);

/** A state-changing operation of a flow that attackers automate (buying, transferring, signing up, voting, OTPs). */
export function businessFlowWord(op: IndexedOperation): string | undefined {
  if (
    op.method === 'get' ||
    op.method === 'head' ||
    op.method === 'options' ||
    op.method === 'delete' ||
    op.method === 'trace'
  )
    return undefined;
  const words = pathWords(op.path);
  const found = hasAnyWord(words, BUSINESS_FLOW_WORDS);
  if (found) return found;
  if (words.includes('sign') && words.includes('up')) return 'sign-up';
  return undefined;
}

// Words that name model calls on their own, and weaker ones that need a second AI word (`/chat.postMessage` is
// Slack messaging, `/agents/...` may be CI agents, `/models` is common in any API).
const AI_STRONG = new Set([
  'completion',
  'completions',
  'prompt',
  'prompts',
  'embedding',
  'embeddings',
  'llm',
  'llms',
  'gpt',
  'inference',
  'rag',
  'genai',
  'openai',
  'anthropic',
  'claude',
  'gemini',
  'assistant',
  'assistants',
  'chatbot',
]);
const AI_WEAK = new Set(['chat', 'agent', 'ai', 'model', 'moderation', 'response', 'conversation']); // singular forms
const AI_DESCRIPTION =
  /\b(?:LLM|large language model|language model|GPT-?\d|OpenAI|Anthropic|Claude|Gemini|chat completions?|embeddings?|prompts?|generative AI|AI agents?|AI assistant)\b/i;

/** Operations that call, proxy or expose LLM/AI APIs. */
export function isAiLinked(op: IndexedOperation): boolean {
  const words = operationWords(op);
  if (words.some((w) => AI_STRONG.has(w))) return true;
  if (new Set(words.map((w) => (w.endsWith('s') ? w.slice(0, -1) : w)).filter((w) => AI_WEAK.has(w))).size >= 2)
    return true;
  const description = op.operation.description;
  return typeof description === 'string' && description.length < 4000 && AI_DESCRIPTION.test(description);
}
