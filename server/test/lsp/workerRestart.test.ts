// The lint worker's restart pause (server/src/lsp/workerRestart.ts): at once after a one-off crash, then doubling for
// crashes in a row, capped; and the one message the user sees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { workerCrashMessage, workerRestartDelayMs } from '../../src/lsp/workerRestart';

test('restart pauses: 0, then 100 ms doubling, capped at 30 s', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 10, 20, 1000].map(workerRestartDelayMs),
    [0, 100, 200, 400, 800, 25_600, 30_000, 30_000],
  );
});

test('the crash message names the cause', () => {
  assert.match(workerCrashMessage({ exitCode: 1, error: 'ERR_WORKER_OUT_OF_MEMORY' }), /ERR_WORKER_OUT_OF_MEMORY/);
  assert.match(workerCrashMessage({ exitCode: 70 }), /exit code 70/);
});
