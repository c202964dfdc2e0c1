// Value detectors: what a single example or default value reveals. Every regular expression is a module
// constant, anchored, with bounded or linear quantifiers only (no nested repetition), so a 10 MB spec full of
// examples costs one cheap test per string. Strings longer than MAX_VALUE_LENGTH are only checked for
// private-key blocks.
import type { DataClassMatch } from './types';

const MAX_VALUE_LENGTH = 4096;

const JWT = /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,1024}$/;
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/;
const SSN = /^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const CARD_CANDIDATE = /^\d(?:[ -]?\d){12,18}$/;
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})$/;
const PHONE_E164 = /^\+[1-9]\d{7,14}$/;
const PHONE_FORMATTED = /^\+?\d{1,3}?[ .-]?\(?\d{2,4}\)?[ .-]\d{3,4}[ .-]\d{3,4}$/;
const NON_DIGITS = /\D/g;

interface SecretShape {
  re: RegExp;
  what: string;
}

// Well-known credential formats (public documentation of each provider's key prefixes).
const SECRET_SHAPES: readonly SecretShape[] = [
  { re: /^(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/, what: 'an AWS access key id' },
  { re: /^AIza[0-9A-Za-z_-]{35}$/, what: 'a Google Cloud API key' },
  { re: /^ya29\.[0-9A-Za-z_-]{20,}$/, what: 'a Google OAuth access token' },
  {
    re: /^DefaultEndpointsProtocol=https?;AccountName=[^;]{1,64};AccountKey=[A-Za-z0-9+/=]{40,}/,
    what: 'an Azure storage connection string',
  },
  { re: /^(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,}$/, what: 'a Stripe secret key' },
  { re: /^whsec_[0-9A-Za-z]{20,}$/, what: 'a Stripe webhook signing secret' },
  { re: /^gh[pousr]_[A-Za-z0-9]{36,}$/, what: 'a GitHub token' },
  { re: /^github_pat_[A-Za-z0-9_]{40,}$/, what: 'a GitHub fine-grained token' },
  { re: /^sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}$/, what: 'an OpenAI API key' },
  { re: /^xox[abposr]-[A-Za-z0-9-]{10,}$/, what: 'a Slack token' },
  {
    re: /^https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,}\/B[A-Z0-9]{6,}\/[A-Za-z0-9]{16,}$/,
    what: 'a Slack webhook URL',
  },
  { re: /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/, what: 'a SendGrid API key' },
  { re: /^glpat-[A-Za-z0-9_-]{20,}$/, what: 'a GitLab token' },
];

// The shapes by first character, so that an ordinary string costs one map look-up instead of a dozen regex tests.
const SHAPES_BY_FIRST_CHAR = new Map<string, SecretShape[]>();
for (const shape of SECRET_SHAPES) {
  const first = shape.re.source.startsWith('^(?:')
    ? shape.re.source
        .slice(4)
        .split('|')
        .map((alt) => alt.replace(/^\(?:/, '')[0]!)
    : [shape.re.source[1]!];
  for (const ch of new Set(first)) {
    const list = SHAPES_BY_FIRST_CHAR.get(ch) ?? [];
    list.push(shape);
    SHAPES_BY_FIRST_CHAR.set(ch, list);
  }
}

// Domains reserved for documentation (RFC 2606/6761) and obvious placeholders: an address there is not real.
const PLACEHOLDER_EMAIL_DOMAINS =
  /(?:^|\.)(?:example\.(?:com|org|net|edu)|example|test|invalid|localhost|domain\.com|email\.com|acme\.(?:com|corp|org)|company\.com|yourcompany\.com|foo\.com|bar\.com|mail\.com)$/i;
const PLACEHOLDER_LOCAL_PART =
  /^(?:user|username|name|email|test|foo|bar|someone|somebody|jdoe|john\.doe|jane\.doe|johndoe|janedoe|me|you|your\.?name|first\.last|noreply|no-reply)$/i;

/** What a value is, when it is something sensitive. `placeholder` marks shapes that are clearly made up. */
export interface ValueDetection extends DataClassMatch {
  placeholder: boolean;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer prefixes of the major card networks (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay). */
function hasCardIssuerPrefix(digits: string): boolean {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  return (
    digits[0] === '4' ||
    (two >= 51 && two <= 55) ||
    (four >= 2221 && four <= 2720) ||
    two === 34 ||
    two === 37 ||
    digits.startsWith('6011') ||
    digits.startsWith('65') ||
    (four >= 3528 && four <= 3589) ||
    two === 36 ||
    two === 38 ||
    (two === 30 && Number(digits[2]) <= 5) ||
    digits.startsWith('62')
  );
}

export function ibanValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

// Test card numbers the networks and processors publish for sandboxes: shaped like cards, never real.
const TEST_CARD_NUMBERS: ReadonlySet<string> = new Set([
  '4242424242424242',
  '4111111111111111',
  '4012888888881881',
  '4000056655665556',
  '5555555555554444',
  '5105105105105100',
  '2223003122003222',
  '378282246310005',
  '371449635398431',
  '6011111111111117',
  '6011000990139424',
  '3056930009020004',
  '36227206271667',
  '3566002020360505',
  '6200000000000005',
]);

function repetitive(digits: string): boolean {
  return /^(\d)\1+$/.test(digits) || '0123456789012345678'.includes(digits) || '9876543210987654321'.includes(digits);
}

/** Detects sensitive values; placeholders (documentation addresses, 555 numbers) are returned marked as such. */
export function detectValue(value: unknown, out: ValueDetection[] = []): ValueDetection[] {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value > 0) detectString(String(value), out);
    return out;
  }
  if (typeof value !== 'string' || value.length < 4) return out;
  if (value.length > MAX_VALUE_LENGTH) {
    if (value.includes('-----BEGIN') && PRIVATE_KEY_BLOCK.test(value)) out.push(privateKey());
    return out;
  }
  detectString(value.trim(), out);
  return out;
}

function privateKey(): ValueDetection {
  return {
    dataClass: 'credential',
    confidence: 'high',
    reason: 'value contains a private key block',
    placeholder: false,
  };
}

function detectString(s: string, out: ValueDetection[]): void {
  const first = s.charCodeAt(0);
  if (s.includes('-----BEGIN') && PRIVATE_KEY_BLOCK.test(s)) {
    out.push(privateKey());
    return;
  }
  if (first === 101 /* e */ && JWT.test(s)) {
    out.push({ dataClass: 'credential', confidence: 'high', reason: 'value looks like a JWT', placeholder: false });
    return;
  }
  for (const shape of SHAPES_BY_FIRST_CHAR.get(s[0]!) ?? []) {
    if (shape.re.test(s)) {
      out.push({
        dataClass: 'credential',
        confidence: 'high',
        reason: `value looks like ${shape.what}`,
        placeholder: false,
      });
      return;
    }
  }
  if (s.includes('@')) {
    const m = EMAIL.exec(s);
    if (m) {
      const placeholder =
        PLACEHOLDER_EMAIL_DOMAINS.test(m[1]!) || PLACEHOLDER_LOCAL_PART.test(s.slice(0, s.indexOf('@')));
      out.push({
        dataClass: 'pii',
        confidence: placeholder ? 'low' : 'medium',
        reason: 'value looks like an email address',
        placeholder,
      });
    }
    return;
  }
  if (SSN.test(s)) {
    const placeholder = s === '123-45-6789' || s.startsWith('078-05-');
    out.push({
      dataClass: 'government-id',
      confidence: placeholder ? 'low' : 'medium',
      reason: 'value has the shape of a US SSN',
      placeholder,
    });
    return;
  }
  if (first >= 65 && first <= 90) {
    const compact = s.length <= 42 ? s.replace(/ /g, '') : '';
    if (IBAN.test(compact) && ibanValid(compact)) {
      out.push({ dataClass: 'financial', confidence: 'high', reason: 'value is a valid IBAN', placeholder: false });
    }
    return;
  }
  if (CARD_CANDIDATE.test(s)) {
    const digits = s.replace(NON_DIGITS, '');
    if (digits.length >= 13 && hasCardIssuerPrefix(digits) && luhnValid(digits) && !repetitive(digits)) {
      const placeholder = TEST_CARD_NUMBERS.has(digits);
      out.push({
        dataClass: 'pci',
        confidence: placeholder ? 'low' : 'high',
        reason: placeholder ? 'value is a published test card number' : 'value is a Luhn-valid card number',
        placeholder,
      });
      return;
    }
  }
  if (
    (first === 43 /* + */ || first === 40 /* ( */ || (first >= 48 && first <= 57)) &&
    (PHONE_E164.test(s) || PHONE_FORMATTED.test(s))
  ) {
    const digits = s.replace(NON_DIGITS, '');
    if (digits.length < 8 || digits.length > 15 || repetitive(digits) || repetitive(digits.slice(-7))) return;
    // North American 555-01xx numbers are reserved for fiction; so is a 555 exchange in general use.
    const placeholder = /555\d{4}$/.test(digits) || /^1?\d{3}5550\d{3}$/.test(digits);
    out.push({
      dataClass: 'pii',
      confidence: placeholder ? 'low' : 'medium',
      reason: 'value looks like a phone number',
      placeholder,
    });
  }
}
