// The sensitive-data classifier: one for spec fields, code objects and example values.
//   classifyField({ name, description, format, pattern, examples }, options) -> DataClassMatch[]
//   classifyValue(value) -> DataClassMatch[]
// Names carry most of the signal; `format`, example values and a few unambiguous description phrases add to it.
// Everything that can be compiled is compiled once (module constants, or once per options object).
import { compiledOptions } from './config';
import { matchName } from './nameMatcher';
import { GLOBAL_NEGATORS } from './nameRules';
import { splitIdentifier } from './words';
import { detectValue, type ValueDetection } from './valueDetectors';
import {
  CONFIDENCE_RANK,
  type ClassifierOptions,
  type Confidence,
  type DataClass,
  type DataClassMatch,
  type FieldInput,
} from './types';

const FORMAT_CLASSES: Readonly<Record<string, [DataClass, Confidence]>> = {
  email: ['pii', 'high'],
  'idn-email': ['pii', 'high'],
  password: ['credential', 'high'],
  ipv4: ['pii', 'low'],
  ipv6: ['pii', 'low'],
  phone: ['pii', 'high'],
  'phone-number': ['pii', 'high'],
  tel: ['pii', 'high'],
  e164: ['pii', 'high'],
  'credit-card': ['pci', 'high'],
  creditcard: ['pci', 'high'],
  'card-number': ['pci', 'high'],
  iban: ['financial', 'high'],
  ssn: ['government-id', 'high'],
  jwt: ['credential', 'high'],
};

// Description phrases, with the confidence a mention in prose deserves. Generic words (`password`, `email`) are
// low: prose mentions them for many reasons ("Whether an email is sent").
const DESCRIPTION_PHRASES: Readonly<Record<string, [DataClass, Confidence]>> = {
  'social security number': ['government-id', 'medium'],
  'passport number': ['government-id', 'medium'],
  "driver's license number": ['government-id', 'medium'],
  'national identification number': ['government-id', 'medium'],
  'tax identification number': ['government-id', 'medium'],
  'credit card number': ['pci', 'medium'],
  'card verification value': ['pci', 'medium'],
  'primary account number': ['pci', 'medium'],
  'cardholder name': ['pci', 'medium'],
  "cardholder's name": ['pci', 'medium'],
  'name of the cardholder': ['pci', 'medium'],
  'date of birth': ['pii', 'medium'],
  'home address': ['pii', 'medium'],
  'email address': ['pii', 'low'],
  'phone number': ['pii', 'low'],
  'ip address': ['pii', 'low'],
  'medical record': ['phi', 'medium'],
  diagnosis: ['phi', 'medium'],
  'protected health information': ['phi', 'medium'],
  'health insurance': ['phi', 'low'],
  'bank account number': ['financial', 'medium'],
  'routing number': ['financial', 'medium'],
  iban: ['financial', 'medium'],
  'private key': ['credential', 'medium'],
  'api key': ['credential', 'low'],
  'access token': ['credential', 'low'],
  'client secret': ['credential', 'medium'],
  password: ['credential', 'low'],
  biometric: ['biometric', 'medium'],
  'precise location': ['location', 'medium'],
  geolocation: ['location', 'low'],
};
const DESCRIPTION_REGEX = new RegExp(
  `\\b(${Object.keys(DESCRIPTION_PHRASES)
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\']/g, '\\$&'))
    .join('|')})\\b`,
  'gi',
);
// A description phrase followed by one of these describes a rule about the data, not the data.
const DESCRIPTION_NEGATION =
  /^\s*(?:policy|policies|requirements?|rules?|strength|length|reset|hint|format|validation|verification|expir\w*)\b/i;
const MAX_DESCRIPTION_SCAN = 2000;
const MAX_EXAMPLES = 8;

// Name results are cached per compiled options (names repeat a lot across a large spec).
const NAME_CACHE_LIMIT = 50_000;

function add(out: Map<DataClass, DataClassMatch>, match: DataClassMatch): void {
  const previous = out.get(match.dataClass);
  if (!previous || CONFIDENCE_RANK[match.confidence] > CONFIDENCE_RANK[previous.confidence])
    out.set(match.dataClass, match);
}

export function classifyName(name: string, options?: ClassifierOptions): DataClassMatch[] {
  const compiled = compiledOptions(options);
  const cached = compiled.nameCache.get(name);
  if (cached) return cached;
  const result = compiled.isAllowed(name) ? [] : matchName(name, compiled.tables);
  if (compiled.nameCache.size >= NAME_CACHE_LIMIT) compiled.nameCache.clear();
  compiled.nameCache.set(name, result);
  return result;
}

function classifyDescription(description: string, out: Map<DataClass, DataClassMatch>): void {
  const text = description.length > MAX_DESCRIPTION_SCAN ? description.slice(0, MAX_DESCRIPTION_SCAN) : description;
  DESCRIPTION_REGEX.lastIndex = 0;
  for (let m = DESCRIPTION_REGEX.exec(text); m; m = DESCRIPTION_REGEX.exec(text)) {
    if (DESCRIPTION_NEGATION.test(text.slice(m.index + m[0].length, m.index + m[0].length + 24))) continue;
    const [dataClass, confidence] = DESCRIPTION_PHRASES[m[1]!.toLowerCase()]!;
    add(out, { dataClass, confidence, reason: `description mentions "${m[1]!.toLowerCase()}"` });
  }
}

function classifyPattern(pattern: string, out: Map<DataClass, DataClassMatch>): void {
  if (pattern.includes('{3}-') && pattern.includes('{2}-') && pattern.includes('{4}')) {
    add(out, { dataClass: 'government-id', confidence: 'medium', reason: 'pattern has the shape of a US SSN' });
  } else if (pattern.includes('{13,19}') || pattern.includes('{13,16}')) {
    add(out, { dataClass: 'pci', confidence: 'medium', reason: 'pattern has the length of a card number' });
  } else if (pattern.includes('@') && pattern.includes('\\.')) {
    add(out, { dataClass: 'pii', confidence: 'low', reason: 'pattern matches email addresses' });
  }
}

function namesMetadata(name: string): boolean {
  return splitIdentifier(name).some((word) => GLOBAL_NEGATORS.has(word));
}

/** Classes of data a field (property, parameter, header, variable) holds, best confidence per class. */
export function classifyField(input: FieldInput, options?: ClassifierOptions): DataClassMatch[] {
  const out = new Map<DataClass, DataClassMatch>();
  const nameAllowed = input.name !== undefined && compiledOptions(options).isAllowed(input.name);
  if (input.name) for (const match of classifyName(input.name, options)) add(out, match);
  if (nameAllowed) return [];
  if (typeof input.format === 'string') {
    const byFormat = FORMAT_CLASSES[input.format.toLowerCase()];
    if (byFormat) add(out, { dataClass: byFormat[0], confidence: byFormat[1], reason: `format: ${input.format}` });
  }
  if (typeof input.pattern === 'string' && input.pattern.length < 500) classifyPattern(input.pattern, out);
  // A name that says it holds metadata (`last4`, `count`, `policy`) is not turned sensitive by its description,
  // which naturally talks about the data it describes ("last four digits of the bank account number").
  if (
    typeof input.description === 'string' &&
    input.description.length > 0 &&
    !(input.name && namesMetadata(input.name))
  ) {
    classifyDescription(input.description, out);
  }
  if (Array.isArray(input.examples)) {
    const detections: ValueDetection[] = [];
    for (const example of input.examples.slice(0, MAX_EXAMPLES)) detectValue(example, detections);
    // A placeholder still shows what the field holds (an example.com address says "email"): keep it as evidence.
    for (const d of detections)
      add(out, { dataClass: d.dataClass, confidence: d.placeholder ? 'medium' : d.confidence, reason: d.reason });
  }
  return [...out.values()];
}

/** Classes a value itself reveals (a real-looking card number, key, email…); made-up placeholders are ignored. */
export function classifyValue(value: unknown): DataClassMatch[] {
  return detectValue(value)
    .filter((d) => !d.placeholder)
    .map(({ dataClass, confidence, reason }) => ({ dataClass, confidence, reason }));
}

/** Matches at or above a confidence. */
export function atLeast(matches: readonly DataClassMatch[], confidence: Confidence): DataClassMatch[] {
  return matches.filter((m) => CONFIDENCE_RANK[m.confidence] >= CONFIDENCE_RANK[confidence]);
}
