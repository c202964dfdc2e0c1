// Name rules: which words and phrases in a field name mean which data class, and which surrounding words turn
// the name into metadata about the data (`passwordPolicy`, `tokenCount`, `cardLayout`, `ssnLast4Masked`) rather
// than the data itself. Names are split into words first (`splitIdentifier`), so every naming style is one case;
// glued lower-case names (`creditcardnumber`, `apikey`) are found through the phrases' compact forms.
import type { Confidence, DataClass } from './types';

export interface NameEntry {
  dataClass: DataClass | null; // null: a neutral phrase that only consumes its words (`page token`, `public key`)
  confidence: Confidence;
  phrase: string;
}

type Row = [phrase: string, dataClass: DataClass | null, confidence: Confidence];

const C = 'credential', P = 'pii', G = 'government-id', K = 'pci', H = 'phi', F = 'financial', L = 'location', B = 'biometric';

// Phrases are written as space-separated lower-case words, as `splitIdentifier` yields them.
export const NAME_ROWS: readonly Row[] = [
  // credentials
  ['password', C, 'high'], ['passwd', C, 'high'], ['pwd', C, 'high'], ['passphrase', C, 'high'], ['passcode', C, 'high'],
  ['pin', C, 'medium'], ['pin code', C, 'high'], ['secret', C, 'high'], ['secrets', C, 'medium'], ['client secret', C, 'high'],
  ['api key', C, 'high'], ['apikey', C, 'high'], ['api token', C, 'high'], ['api secret', C, 'high'], ['access key', C, 'high'],
  ['secret key', C, 'high'], ['secret access key', C, 'high'], ['private key', C, 'high'], ['privatekey', C, 'high'],
  ['signing key', C, 'high'], ['signing secret', C, 'high'], ['encryption key', C, 'high'], ['master key', C, 'high'],
  ['license key', C, 'low'], ['token', C, 'medium'], ['tokens', C, 'medium'], ['access token', C, 'high'],
  ['refresh token', C, 'high'], ['id token', C, 'high'], ['bearer token', C, 'high'], ['auth token', C, 'high'],
  ['authtoken', C, 'high'], ['authentication token', C, 'high'], ['session token', C, 'high'], ['session id', C, 'medium'],
  ['sessionid', C, 'medium'], ['session key', C, 'high'], ['csrf token', C, 'low'], ['otp', C, 'high'],
  ['one time password', C, 'high'], ['one time code', C, 'high'], ['totp', C, 'high'], ['mfa code', C, 'high'],
  ['2fa code', C, 'high'], ['verification code', C, 'medium'], ['recovery code', C, 'high'], ['recovery codes', C, 'high'],
  ['backup code', C, 'high'], ['backup codes', C, 'high'], ['security answer', C, 'high'], ['credential', C, 'high'],
  ['credentials', C, 'high'], ['authorization', C, 'medium'], ['auth code', C, 'medium'], ['authorization code', C, 'medium'],
  ['connection string', C, 'medium'], ['jwt', C, 'medium'], ['access key id', C, 'low'], ['hashed password', C, 'high'],
  // pii
  ['email', P, 'medium'], ['e mail', P, 'medium'], ['email address', P, 'high'], ['emailaddress', P, 'high'],
  ['phone', P, 'medium'], ['phone number', P, 'high'], ['phonenumber', P, 'high'], ['mobile', P, 'medium'],
  ['mobile number', P, 'high'], ['telephone', P, 'medium'], ['fax', P, 'low'], ['msisdn', P, 'high'],
  ['first name', P, 'medium'], ['firstname', P, 'medium'], ['last name', P, 'medium'], ['lastname', P, 'medium'],
  ['full name', P, 'medium'], ['fullname', P, 'medium'], ['given name', P, 'medium'], ['family name', P, 'medium'],
  ['surname', P, 'medium'], ['middle name', P, 'medium'], ['maiden name', P, 'high'], ['display name', P, 'low'],
  ['nickname', P, 'low'], ['username', P, 'medium'], ['user name', P, 'medium'], ['date of birth', P, 'high'],
  ['dob', P, 'high'], ['birth date', P, 'high'], ['birthdate', P, 'high'], ['birthday', P, 'high'], ['birth', P, 'medium'],
  ['gender', P, 'medium'], ['sex', P, 'medium'], ['race', P, 'medium'], ['ethnicity', P, 'high'], ['religion', P, 'high'],
  ['nationality', P, 'medium'], ['citizenship', P, 'medium'], ['marital status', P, 'medium'],
  ['sexual orientation', P, 'high'], ['political affiliation', P, 'high'], ['address', P, 'medium'],
  ['home address', P, 'high'], ['street', P, 'medium'], ['street address', P, 'high'], ['address line', P, 'high'],
  ['address line1', P, 'high'], ['address line2', P, 'high'], ['postal code', P, 'low'], ['postcode', P, 'low'],
  ['zip', P, 'low'], ['zipcode', P, 'low'], ['zip code', P, 'low'], ['ip', P, 'low'], ['ip address', P, 'medium'],
  ['ipaddress', P, 'medium'], ['remote ip', P, 'medium'], ['client ip', P, 'medium'], ['mac address', P, 'low'],
  ['emergency contact', P, 'medium'], ['mothers maiden name', P, 'high'], ['personal email', P, 'high'],
  // government ids
  ['ssn', G, 'high'], ['social security', G, 'high'], ['social security number', G, 'high'], ['national id', G, 'high'],
  ['national identification', G, 'high'], ['national insurance number', G, 'high'], ['nino', G, 'medium'],
  ['passport', G, 'high'], ['passport number', G, 'high'], ['tax id', G, 'high'], ['taxid', G, 'high'],
  ['tax identification', G, 'high'], ['tin', G, 'medium'], ['itin', G, 'high'], ['driver license', G, 'high'],
  ['drivers license', G, 'high'], ['driver s license', G, 'high'], ['driving licence', G, 'high'],
  ['driver licence', G, 'high'], ['drivers licence', G, 'high'], ['license number', G, 'medium'], ['aadhaar', G, 'high'],
  ['cpf', G, 'medium'], ['curp', G, 'medium'], ['id number', G, 'medium'], ['id card', G, 'medium'],
  ['identity card', G, 'high'], ['identity document', G, 'high'], ['government id', G, 'high'], ['voter id', G, 'high'],
  ['social insurance number', G, 'high'], ['personal identification number', G, 'high'],
  // payment cards
  ['card number', K, 'high'], ['cardnumber', K, 'high'], ['card no', K, 'high'], ['card num', K, 'high'],
  ['credit card', K, 'high'], ['creditcard', K, 'high'], ['debit card', K, 'high'], ['cc number', K, 'high'],
  ['ccnum', K, 'high'], ['cc num', K, 'high'], ['pan', K, 'medium'], ['primary account number', K, 'high'],
  ['cvv', K, 'high'], ['cvv2', K, 'high'], ['cvc', K, 'high'], ['cvc2', K, 'high'], ['card security code', K, 'high'],
  ['security code', K, 'medium'], ['card verification', K, 'high'], ['card verification value', K, 'high'],
  ['card expiry', K, 'high'], ['card expiration', K, 'high'], ['exp month', K, 'medium'], ['exp year', K, 'medium'],
  ['expiry month', K, 'medium'], ['expiry year', K, 'medium'], ['expiration month', K, 'medium'],
  ['expiration year', K, 'medium'], ['cardholder', K, 'high'], ['cardholder name', K, 'high'], ['card holder', K, 'high'],
  ['track data', K, 'high'], ['track1', K, 'high'], ['track2', K, 'high'], ['magnetic stripe', K, 'high'],
  ['pin block', K, 'high'], ['card pin', K, 'high'],
  // health
  ['diagnosis', H, 'high'], ['diagnoses', H, 'high'], ['medical record', H, 'high'], ['medical record number', H, 'high'],
  ['mrn', H, 'high'], ['medical history', H, 'high'], ['medical condition', H, 'high'], ['health condition', H, 'high'],
  ['prescription', H, 'high'], ['prescriptions', H, 'high'], ['medication', H, 'high'], ['medications', H, 'high'],
  ['dosage', H, 'medium'], ['allergy', H, 'high'], ['allergies', H, 'high'], ['insurance id', H, 'high'],
  ['insurance number', H, 'high'], ['health insurance', H, 'high'], ['insurance policy number', H, 'high'],
  ['insurance member id', H, 'high'], ['npi', H, 'medium'], ['icd', H, 'medium'], ['icd10', H, 'high'],
  ['icd 10', H, 'high'], ['blood type', H, 'high'], ['blood group', H, 'high'], ['blood pressure', H, 'high'],
  ['heart rate', H, 'medium'], ['lab result', H, 'high'], ['lab results', H, 'high'], ['treatment', H, 'medium'],
  ['symptom', H, 'high'], ['symptoms', H, 'high'], ['patient', H, 'medium'], ['patient id', H, 'high'],
  ['disability', H, 'high'], ['disabilities', H, 'high'], ['vaccination', H, 'high'], ['immunization', H, 'high'],
  ['pregnancy', H, 'high'], ['hiv', H, 'high'], ['mental health', H, 'high'], ['health record', H, 'high'],
  ['health data', H, 'high'], ['clinical notes', H, 'high'], ['procedure code', H, 'medium'],
  // financial
  ['iban', F, 'high'], ['bic', F, 'low'], ['swift code', F, 'low'], ['account number', F, 'high'],
  ['accountnumber', F, 'high'], ['bank account', F, 'high'], ['bank account number', F, 'high'],
  ['routing number', F, 'high'], ['aba number', F, 'high'], ['aba routing', F, 'high'], ['sort code', F, 'high'],
  ['bsb', F, 'medium'], ['salary', F, 'medium'], ['income', F, 'medium'], ['annual income', F, 'high'],
  ['net worth', F, 'high'], ['credit score', F, 'high'], ['tax return', F, 'high'], ['wage', F, 'medium'],
  ['wages', F, 'medium'], ['bank statement', F, 'high'],
  // location
  ['latitude', L, 'medium'], ['longitude', L, 'medium'], ['lat', L, 'medium'], ['lng', L, 'medium'], ['lon', L, 'medium'],
  ['geolocation', L, 'medium'], ['geo location', L, 'medium'], ['geo', L, 'low'], ['gps', L, 'medium'],
  ['coordinates', L, 'medium'], ['coords', L, 'medium'], ['geo point', L, 'medium'], ['geopoint', L, 'medium'],
  ['geohash', L, 'medium'], ['location', L, 'low'], ['current location', L, 'high'], ['home location', L, 'high'],
  ['last known location', L, 'high'],
  // biometric
  ['biometric', B, 'high'], ['biometrics', B, 'high'], ['fingerprint template', B, 'high'], ['fingerprint image', B, 'high'],
  ['fingerprint scan', B, 'high'], ['fingerprint data', B, 'high'], ['face template', B, 'high'], ['face image', B, 'medium'],
  ['facial', B, 'medium'], ['face embedding', B, 'high'], ['face scan', B, 'high'], ['face id', B, 'medium'],
  ['faceprint', B, 'high'], ['retina', B, 'high'], ['retina scan', B, 'high'], ['iris', B, 'medium'], ['iris scan', B, 'high'],
  ['voiceprint', B, 'high'], ['voice print', B, 'high'], ['palm print', B, 'high'], ['palmprint', B, 'high'],
  ['dna', B, 'high'], ['genetic', B, 'high'], ['genetic data', B, 'high'], ['gait', B, 'medium'], ['selfie', B, 'medium'],
  // neutral phrases: they consume their words so that no class is read into them
  ['card token', null, 'low'], ['page token', null, 'low'], ['next page token', null, 'low'], ['sync token', null, 'low'],
  ['continuation token', null, 'low'], ['idempotency key', null, 'low'], ['idempotency token', null, 'low'],
  ['public key', null, 'low'], ['publickey', null, 'low'], ['publishable key', null, 'low'], ['primary key', null, 'low'],
  ['sort key', null, 'low'], ['partition key', null, 'low'], ['foreign key', null, 'low'], ['routing key', null, 'low'],
  ['key id', null, 'low'], ['security code scanning', null, 'low'], ['token type', null, 'low'],
  ['ip allow list', null, 'low'], ['ip allowlist', null, 'low'], ['secret scanning', null, 'low'],
];

/**
 * Words that, next to a matched phrase, make the name describe the data (a policy, a count, a flag, a URL, a
 * date) rather than hold it. Applied to every class; `CLASS_NEGATORS` adds per-class words.
 */
export const GLOBAL_NEGATORS: ReadonlySet<string> = new Set([
  'policy', 'policies', 'hint', 'hints', 'strength', 'length', 'count', 'counts', 'max', 'maximum', 'min', 'minimum',
  'limit', 'limits', 'rule', 'rules', 'format', 'formats', 'type', 'types', 'kind', 'layout', 'style', 'color', 'colour',
  'enabled', 'disabled', 'enable', 'required', 'require', 'requires', 'requirement', 'requirements', 'is', 'has',
  'should', 'can', 'allow', 'allowed', 'needs', 'must', 'template', 'templates', 'schema', 'regex', 'pattern', 'label',
  'placeholder', 'validation', 'valid', 'verified', 'verification', 'confirmed', 'changed', 'updated', 'created',
  'modified', 'expires', 'expired', 'expiry', 'expiration', 'ttl', 'lifetime', 'at', 'on', 'date', 'time', 'url', 'uri',
  'urls', 'link', 'endpoint', 'path', 'header', 'field', 'fields', 'column', 'status', 'state', 'mode', 'provider',
  'providers', 'options', 'settings', 'config', 'configuration', 'preference', 'preferences', 'visibility', 'visible',
  'redacted', 'masked', 'mask', 'last4', 'last', 'four', 'prefix', 'suffix', 'truncated', 'obfuscated', 'tokenized',
  'provided', 'present', 'exists', 'supported', 'available', 'error', 'errors', 'message', 'reason', 'description',
  'index', 'idx', 'offset', 'sort', 'page', 'pagination', 'cursor', 'next', 'previous', 'prev', 'continuation', 'sync',
  'usage', 'used', 'input', 'output', 'prompt', 'completion', 'completions', 'total', 'budget', 'cost', 'price', 'rate',
  'ratio', 'percent', 'protected', 'protection', 'scanning', 'alert', 'alerts', 'detection', 'notification',
  'notifications', 'subject', 'body', 'domain', 'domains', 'range', 'ranges', 'cidr', 'subnet', 'server', 'servers',
  'host', 'hosts', 'allowlist', 'whitelist', 'blocklist', 'blacklist', 'version', 'cached', 'reasoning', 'audio',
  'text', 'logprob', 'logprobs', 'probability', 'check', 'checks', 'probe', 'issuer', 'issued', 'country', 'photo',
  'eight', 'scope', 'scopes',
]);

export const CLASS_NEGATORS: Readonly<Record<DataClass, ReadonlySet<string>>> = {
  credential: new Set(['id', 'ids', 'name', 'names', 'public', 'publishable', 'method', 'methods', 'rotation', 'scan']),
  pii: new Set(['server', 'hosts']),
  'government-id': new Set(['expiry', 'issuer']),
  pci: new Set(['id', 'ids', 'name', 'zoom', 'image', 'title', 'brand', 'fingerprint', 'funding', 'network', 'wallet']),
  phi: new Set(['check', 'endpoint']),
  financial: new Set(['id', 'ids', 'name', 'bank']),
  location: new Set(['id', 'ids', 'name', 'type', 'code', 'api', 'region']),
  biometric: new Set(['color', 'value']),
};

/** Negators that do not negate a class: a card's expiry date is card data. */
export const CLASS_NEGATOR_EXEMPTIONS: Readonly<Partial<Record<DataClass, ReadonlySet<string>>>> = {
  pci: new Set(['expiry', 'expiration', 'expires', 'date', 'time']),
  phi: new Set(['status']),
};

export function isNegated(dataClass: DataClass, context: readonly string[]): boolean {
  const exempt = CLASS_NEGATOR_EXEMPTIONS[dataClass];
  const own = CLASS_NEGATORS[dataClass];
  for (const word of context) {
    if (exempt?.has(word)) continue;
    if (GLOBAL_NEGATORS.has(word) || own.has(word)) return true;
  }
  return false;
}
