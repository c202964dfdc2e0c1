// The extension's decisions when the language server dies (client/src/restartPolicy.ts): restart with a pause that
// doubles, the user told once, no restart after too many crashes in the window, and a fresh count after a quiet spell
// or a restart by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerRestartPolicy } from '../../../client/src/restartPolicy';

test('crashes in a row: restarted after 0.5, 1, 2, 4, 8 s; the user is told at the first only', () => {
  const policy = new ServerRestartPolicy();
  const decisions = [0, 1, 2, 3, 4].map((i) => policy.closed(1_000 + i * 1_000));
  assert.deepEqual(
    decisions.map((d) => d.delayMs),
    [500, 1_000, 2_000, 4_000, 8_000],
  );
  assert.ok(decisions.every((d) => d.restart));
  assert.deepEqual(
    decisions.map((d) => d.notify !== undefined),
    [true, false, false, false, false],
  );
  assert.match(decisions[0]!.notify!, /stopped unexpectedly and is being restarted/);
  assert.ok(decisions.every((d) => /restarting it in \d+ ms/.test(d.log)));
});

test('a sixth crash within 3 minutes: not restarted, and the user is told why and what to do', () => {
  const policy = new ServerRestartPolicy();
  for (let i = 0; i < 5; i++) policy.closed(i * 10_000);
  const sixth = policy.closed(60_000);
  assert.equal(sixth.restart, false);
  assert.match(sixth.notify!, /crashed 6 times in 3 minutes.*Restart language server/);
});

test('crashes spread out are each a first crash again (the pause does not grow), but the user is told once', () => {
  const policy = new ServerRestartPolicy();
  const first = policy.closed(0);
  const later = policy.closed(10 * 60_000);
  const evenLater = policy.closed(20 * 60_000);
  assert.deepEqual(
    [first, later, evenLater].map((d) => [d.restart, d.delayMs]),
    [
      [true, 500],
      [true, 500],
      [true, 500],
    ],
  );
  assert.equal(later.notify, undefined);
});

test('the pause is capped, and a restart by hand clears the count', () => {
  const policy = new ServerRestartPolicy({ maxCrashes: 20, maxDelayMs: 16_000 });
  let last = policy.closed(0);
  for (let i = 1; i < 10; i++) last = policy.closed(i);
  assert.equal(last.delayMs, 16_000);
  policy.reset();
  assert.equal(policy.closed(100).delayMs, 500);
});
