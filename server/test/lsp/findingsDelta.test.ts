// The worker sends findings as a delta against the previous result: decoding must give exactly the new list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFindings, encodeFindings } from '../../src/lsp/findingsDelta';
import type { Finding } from '../../src/engine/findings';

function finding(
  line: number,
  ruleId = 'oas-string-unbounded',
  message = `m${line}`,
  extra: Partial<Finding> = {},
): Finding {
  return {
    ruleId,
    severity: 'warning',
    message,
    uri: 'file:///a.yaml',
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
    fixable: false,
    ...extra,
  };
}

test('an unchanged list travels as references only', () => {
  const base = [finding(1), finding(5), finding(9)];
  const next = base.map((f) => ({ ...f, range: structuredClone(f.range) }));
  const delta = encodeFindings(base, next);
  assert.equal(delta.fresh.length, 0);
  assert.deepEqual(decodeFindings(base, delta), next);
});

test('findings moved by added lines keep their identity; changed and new ones are sent', () => {
  const base = [
    finding(1),
    finding(5, 'oas-password-readable', 'pw', {
      fixable: true,
      data: { path: ['a'], valueRange: { start: { line: 5, character: 4 }, end: { line: 7, character: 0 } } },
    }),
    finding(9),
    finding(12),
  ];
  const next = [
    finding(1),
    finding(3, 'oas-api-key-in-query', 'new'), // added
    finding(7, 'oas-password-readable', 'pw', {
      fixable: true,
      data: { path: ['a'], valueRange: { start: { line: 7, character: 4 }, end: { line: 9, character: 0 } } },
    }), // moved by 2
    finding(11, 'oas-string-unbounded', 'm9'), // moved by 2
    // m12 removed
  ];
  const delta = encodeFindings(base, next);
  assert.deepEqual(
    delta.fresh.map((f) => f.message),
    ['new'],
  );
  assert.deepEqual(decodeFindings(base, delta), next);
});

test('a wrong base is refused rather than decoded into the wrong findings', () => {
  const delta = encodeFindings([finding(1)], [finding(1)]);
  assert.throws(() => decodeFindings([], delta), /base of 1/);
});

test('no base: everything is fresh', () => {
  const next = [finding(2), finding(4)];
  const delta = encodeFindings(undefined, next);
  assert.equal(delta.fresh.length, 2);
  assert.deepEqual(decodeFindings(undefined, delta), next);
});

test('every field counts, including fields Finding may gain later: a changed one is sent, ranges in it move', () => {
  // A field this module has never heard of (cast: it is not in Finding today).
  const withExtra = (line: number, extra: unknown) =>
    ({ ...finding(line, 'code-route-without-auth', 'open'), later: extra }) as unknown as Finding;
  const base = [
    withExtra(2, { route: 'GET /a', at: { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } } }),
    withExtra(4, { route: 'GET /b' }),
    finding(6, 'oas-string-unbounded', 'm6', { dataClasses: ['pii'] }),
  ];
  const next = [
    withExtra(5, { route: 'GET /a', at: { start: { line: 5, character: 0 }, end: { line: 5, character: 3 } } }), // moved
    withExtra(7, { route: 'GET /b-changed' }), // moved, and its new field changed: must be sent
    finding(9, 'oas-string-unbounded', 'm6', { dataClasses: ['pii', 'health'] }), // a known field changed
  ];
  const delta = encodeFindings(base, next);
  assert.deepEqual(Array.from(delta.from), [0, -1, -1]);
  assert.deepEqual(decodeFindings(base, delta), next, 'the moved finding carries its field with the range in it moved');
  // A field present on one side only is a change too.
  const gained = encodeFindings([finding(1)], [{ ...finding(1), owasp: 'API3:2023' }]);
  assert.equal(gained.fresh.length, 1);
});
