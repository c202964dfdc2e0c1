// The sensitive-data classifier: precision and recall on the name list (>= 95% each), value detectors, options,
// regulations, and hostile inputs (its cost on many names is measured by the bench).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  atLeast,
  classifyField,
  classifyValue,
  luhnValid,
  normalizeClassifierOptions,
  regulationsFor,
  type DataClass,
} from '@apiwarden/sensitive';
import { NAME_LIST } from './nameList';
import { HOSTILE_INPUTS } from './hostileInputs';

test('the name list is large enough and holds positives and look-alike negatives', () => {
  assert.ok(NAME_LIST.length >= 150, `only ${NAME_LIST.length} names`);
  assert.ok(NAME_LIST.filter(([, e]) => e.length === 0).length >= 50);
  assert.equal(new Set(NAME_LIST.map(([n]) => n)).size, NAME_LIST.length, 'duplicate names in the list');
});

test('classifier precision and recall on the name list are at least 95%', () => {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const mistakes: string[] = [];
  for (const [name, expected] of NAME_LIST) {
    const predicted = new Set(classifyField({ name }).map((m) => m.dataClass));
    for (const dataClass of predicted) {
      if (expected.includes(dataClass)) truePositives++;
      else {
        falsePositives++;
        mistakes.push(`false positive: ${name} -> ${dataClass}`);
      }
    }
    for (const dataClass of expected) {
      if (!predicted.has(dataClass)) {
        falseNegatives++;
        mistakes.push(`false negative: ${name} should be ${dataClass}`);
      }
    }
  }
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  console.log(
    `classifier on ${NAME_LIST.length} names: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%` +
      (mistakes.length ? `\n  ${mistakes.join('\n  ')}` : ''),
  );
  assert.ok(precision >= 0.95, `precision ${precision}`);
  assert.ok(recall >= 0.95, `recall ${recall}`);
});

test('format, description, pattern and example values add evidence', () => {
  const classes = (input: Parameters<typeof classifyField>[0]) =>
    classifyField(input)
      .map((m) => m.dataClass)
      .sort();
  assert.deepEqual(classes({ name: 'contact', format: 'email' }), ['pii']);
  assert.deepEqual(classes({ name: 'value', format: 'password' }), ['credential']);
  assert.deepEqual(classes({ name: 'value', description: "The holder's social security number." }), ['government-id']);
  assert.deepEqual(classes({ name: 'value', description: 'The password policy of the organisation.' }), []);
  assert.deepEqual(classes({ name: 'value', pattern: '^\\d{3}-\\d{2}-\\d{4}$' }), ['government-id']);
  assert.deepEqual(classes({ name: 'value', examples: ['jane@example.com'] }), ['pii']);
  assert.deepEqual(classes({ name: 'number', examples: ['4539 1488 0343 6467'] }), ['pci']);
  assert.deepEqual(classes({ name: 'title', description: 'A title', examples: ['Hello'] }), []);
});

test('a cardholder (the person, or its id) is not card data at reporting confidence; card data fields still are', () => {
  const reported = (input: Parameters<typeof classifyField>[0]) =>
    atLeast(classifyField(input), 'medium')
      .map((m) => m.dataClass)
      .sort();
  // Stripe: `cardholder` is `ich_…` or the expanded Cardholder object.
  assert.deepEqual(
    reported({ name: 'cardholder', description: 'The cardholder to whom this authorization belongs.' }),
    [],
  );
  assert.deepEqual(reported({ name: 'cardholder_id' }), []);
  assert.deepEqual(reported({ name: 'card_holder' }), []);
  assert.deepEqual(reported({ name: 'cardholder', description: 'Name of the cardholder, as printed on the card.' }), [
    'pci',
  ]);
  for (const name of [
    'cardholder_name',
    'cardHolderName',
    'card_number',
    'cvc',
    'pan',
    'cvv',
    'exp_month',
    'cardnumber',
  ])
    assert.deepEqual(reported({ name }), ['pci'], name);
});

test('value detectors: cards, SSNs, IBANs, JWTs, cloud keys, private keys, emails, phones', () => {
  const first = (value: unknown) => classifyValue(value)[0]?.dataClass;
  assert.ok(luhnValid('4539148803436467'));
  assert.ok(!luhnValid('4539148803436468'));
  assert.equal(first('4539 1488 0343 6467'), 'pci');
  assert.equal(first('4539-1488-0343-6467'), 'pci');
  assert.equal(first('4539148803436468'), undefined, 'not Luhn-valid');
  assert.equal(first('4242424242424242'), undefined, 'published test card');
  assert.equal(first('1234567890123456'), undefined);
  assert.equal(first('219-09-9999'), 'government-id');
  assert.equal(first('000-12-3456'), undefined);
  assert.equal(first('GB82WEST12345698765432'), 'financial');
  assert.equal(first('GB82WEST12345698765431'), undefined, 'bad IBAN checksum');
  assert.equal(
    first(
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    ),
    'credential',
  );
  assert.equal(first('AKIAIOSFODNN7EXAMPLE'), 'credential');
  assert.equal(first('AIzaSyA-1234567890abcdefghijklmnopqrstu'), 'credential');
  assert.equal(
    first(
      'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=' +
        'a'.repeat(86) +
        '==;EndpointSuffix=core.windows.net',
    ),
    'credential',
  );
  assert.equal(first('sk_live_4eC39HqLyjWDarjtT1zdp7dc'), 'credential');
  assert.equal(first('ghp_' + 'A1b2C3d4E5'.repeat(4)), 'credential');
  assert.equal(first('sk-proj-' + 'abcDEF123_'.repeat(4)), 'credential');
  assert.equal(first('xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'), 'credential');
  assert.equal(first('-----BEGIN RSA PRIVATE KEY-----\nMIIEow...\n-----END RSA PRIVATE KEY-----'), 'credential');
  assert.equal(first('-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----'), undefined);
  assert.equal(first('maria.garcia@gmail.com'), 'pii');
  assert.equal(first('user@example.com'), undefined, 'documentation domain');
  assert.equal(first('+442071838750'), 'pii');
  assert.equal(first('+1 (415) 555-0132'), undefined, 'fictional 555 number');
  for (const harmless of [
    '2023-08-16',
    '2023-08-16T10:00:00Z',
    '1.2.3',
    'hello world',
    'acct_1032D82eZvKYlo2C',
    123,
    true,
    null,
    { a: 1 },
  ]) {
    assert.deepEqual(classifyValue(harmless), [], String(harmless));
  }
});

test('options: extra names per class and allow-listed names, normalised from settings', () => {
  const options = normalizeClassifierOptions({
    extraNames: { pii: ['loyaltyNumber', 'member ref'], bogus: ['x'], phi: 'not-a-list' },
    allowNames: ['session_id', 42],
  })!;
  assert.deepEqual(options, { extraNames: { pii: ['loyaltyNumber', 'member ref'] }, allowNames: ['session_id'] });
  assert.deepEqual(
    classifyField({ name: 'loyalty_number' }, options).map((m) => m.dataClass),
    ['pii'],
  );
  assert.deepEqual(
    classifyField({ name: 'memberRef' }, options).map((m) => m.dataClass),
    ['pii'],
  );
  assert.deepEqual(classifyField({ name: 'sessionId' }, options), []);
  assert.deepEqual(
    classifyField({ name: 'sessionId' }).map((m) => m.dataClass),
    ['credential'],
  );
  assert.equal(normalizeClassifierOptions({}), undefined);
  assert.equal(normalizeClassifierOptions('nonsense'), undefined);
});

test('regulations per class', () => {
  assert.deepEqual(regulationsFor(['pci']), ['PCI DSS']);
  assert.deepEqual(regulationsFor(['phi', 'pii']), ['HIPAA', 'GDPR', 'CCPA']);
  const all: DataClass[] = ['credential', 'pii', 'government-id', 'pci', 'phi', 'financial', 'location', 'biometric'];
  for (const dataClass of all) assert.ok(regulationsFor([dataClass]).length > 0, dataClass);
});

// Its cost on many fields is a bench figure (npm run bench, section 1), not a test: here only what it answers.
test('a neutral description, examples and a numeric suffix do not change what a name is classified as', () => {
  const classes = (field: Parameters<typeof classifyField>[0]) => classifyField(field).map((m) => m.dataClass);
  for (const [name] of NAME_LIST) {
    for (const variant of [name, `${name}7`]) {
      assert.deepEqual(
        classes({
          name: variant,
          description: 'A value the caller sent with its request, kept for thirty days.',
          examples: ['abc', 42],
        }),
        classes({ name: variant }),
        variant,
      );
    }
  }
});

test('hostile inputs (long runs that backtracking patterns choke on) return and hold no data class', () => {
  for (const value of HOSTILE_INPUTS) {
    const what = `${JSON.stringify(value.slice(0, 12))}… (${value.length} characters)`;
    assert.deepEqual(classifyValue(value), [], what);
    assert.deepEqual(
      classifyField({
        name: value.slice(0, 2000),
        description: value,
        pattern: value.slice(0, 400),
        examples: [value],
      }),
      [],
      what,
    );
  }
});
