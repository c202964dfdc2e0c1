import { describeOperation, isObject, type IndexedOperation, type OpenApiIndex } from '../index/openapiIndex';
import type { OpenApiRule } from '../ruleTypes';
import { hasAnyWord, pathWords } from '../helpers/operations';
import { splitIdentifier } from '../sensitive/words';

// Flows where a human should be behind each call; money flows are covered by rate limits and idempotency.
const HUMAN_FLOW_WORDS = new Set([
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
  'referral',
  'referrals',
  'invite',
  'invites',
  'invitation',
  'invitations',
  'review',
  'reviews',
  'comment',
  'comments',
  'booking',
  'bookings',
  'reservation',
  'reservations',
  'reserve',
  'ticket',
  'tickets',
  'bid',
  'bids',
  'checkout',
]);
const SIGNAL_WORDS = new Set([
  'captcha',
  'recaptcha',
  'hcaptcha',
  'turnstile',
  'challenge',
  'attestation',
  'integrity',
  'devicecheck',
  'appcheck',
  'proof',
  'pow',
  'fingerprint',
  'botd',
  'bot',
]);

function humanFlowWord(op: IndexedOperation): string | undefined {
  if (op.method !== 'post' && op.method !== 'put' && op.method !== 'patch') return undefined;
  const words = pathWords(op.path);
  return (
    hasAnyWord(words, HUMAN_FLOW_WORDS) ?? (words.includes('sign') && words.includes('up') ? 'sign-up' : undefined)
  );
}

function hasSignal(index: OpenApiIndex, op: IndexedOperation): boolean {
  for (const key of Object.keys(op.operation)) if (/^x-(?:anti-?automation|captcha|bot)/i.test(key)) return true;
  const named = (name: unknown) => typeof name === 'string' && splitIdentifier(name).some((w) => SIGNAL_WORDS.has(w));
  if (op.parameters.some(({ parameter }) => named(parameter.name))) return true;
  for (const entry of index.operationSchemas(op, 'request')) if (named(entry.propertyName)) return true;
  const body = op.operation.requestBody;
  return (
    isObject(body) &&
    typeof body.description === 'string' &&
    /captcha|proof[- ]of[- ]work|attestation/i.test(body.description)
  );
}

export const businessFlowWithoutAntiAutomation: OpenApiRule = {
  id: 'oas-business-flow-without-anti-automation',
  severity: 'info',
  owasp: 'API6:2023',
  cwe: 'CWE-799',
  title: 'Human-only flow without anti-automation',
  summary:
    'A flow meant for people (sign-up, vote, review, OTP, coupon redemption, booking, checkout) takes no anti-automation signal: no CAPTCHA/challenge token, device attestation or proof-of-work in its parameters or body, and no `x-anti-automation` note.',
  check(index, report) {
    for (const op of index.operations) {
      const word = humanFlowWord(op);
      if (!word || hasSignal(index, op)) continue;
      report({
        path: op.jsonPath,
        message: `${describeOperation(op)} is a flow meant for people ("${word}") but takes no anti-automation signal: scripts can create accounts, votes, reviews or bookings in bulk. Require a challenge token (CAPTCHA, device attestation or proof-of-work) in the request, or document the server-side bot defence with \`x-anti-automation\`.`,
      });
    }
  },
};
