// Precision on real specs: every error-level finding on Stripe, GitHub, OpenAI and Twilio is triaged in
// test-fixtures/real-specs/<spec>.errors.yaml (true or false, with why), no finding triaged false is reported, and
// every finding triaged true still is. One lint per spec. Twilio (vendored) runs in the default suite; the large
// specs from ../shared/corpus/openapi run with `npm run test:corpus` (APIWARDEN_CORPUS=all), as in corpus.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFindings, readTriage, toPointer } from '../support/realSpecs';

const DEFAULT = [{ triage: 'twilio.errors.yaml' }];
const LARGE = [{ triage: 'stripe.errors.yaml' }, { triage: 'openai.errors.yaml' }, { triage: 'github.errors.yaml' }];
const all = process.env.APIWARDEN_CORPUS === 'all';

for (const { triage: triageFile } of all ? [...DEFAULT, ...LARGE] : DEFAULT) {
  const { spec, triage } = readTriage(triageFile);
  test(`real spec ${spec}: error findings triaged, no false ones, true ones still found`, async () => {
    const key = (rule: string, pointer: string) => `${rule} ${pointer}`;
    const byKey = new Map(triage.map((t) => [key(t.rule, t.pointer), t]));
    assert.equal(byKey.size, triage.length, `duplicate entries in ${triageFile}`);
    const { errors } = await errorFindings(spec);
    const untriaged: string[] = [];
    const falseAlarms: string[] = [];
    for (const f of errors) {
      const entry = byKey.get(key(f.rule, f.pointer));
      if (!entry)
        untriaged.push(
          `- rule: ${f.rule}\n    pointer: ${f.pointer}\n    # line ${f.line}: ${f.message.slice(0, 140)}`,
        );
      else if (!entry.verdict) falseAlarms.push(`${f.rule} ${f.pointer} (line ${f.line}): ${entry.why}`);
    }
    assert.deepEqual(
      untriaged,
      [],
      `error findings without a triage entry in ${triageFile} (read the spec, add a verdict)`,
    );
    assert.deepEqual(falseAlarms, [], 'findings triaged false are reported again');
    const reported = new Set(errors.map((f) => key(f.rule, f.pointer)));
    const lost = triage
      .filter((t) => t.verdict && !reported.has(key(t.rule, t.pointer)))
      .map((t) => `${t.rule} ${t.pointer}: ${t.why}`);
    assert.deepEqual(lost, [], 'findings triaged true are no longer reported as errors');
  });
}

test('triage pointers: RFC 6901 escaping of path keys', () => {
  assert.equal(
    toPointer(['paths', '/v1/tokens/{token}', 'get', 'parameters', 1, 'name']),
    '/paths/~1v1~1tokens~1{token}/get/parameters/1/name',
  );
  assert.equal(toPointer(['a~b']), '/a~0b');
});
