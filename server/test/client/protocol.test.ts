// The client's mirror of the server's `apiwarden/status` declarations (client/src/protocol.ts mirrors
// server/src/lsp/lintStatus.ts, since the client imports nothing from server/) agrees with them: the same method
// name, and every status the server can send type-checks as the client's type (tsc checks this file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  INVENTORY_REQUEST as CLIENT_INVENTORY_REQUEST,
  LINT_STATUS_NOTIFICATION as CLIENT_METHOD,
  type LintStatus,
} from '../../../client/src/protocol';
import { INVENTORY_REQUEST as SERVER_INVENTORY_REQUEST } from '../../src/lsp/inventoryRequest';
import { LINT_STATUS_NOTIFICATION as SERVER_METHOD, type LintStatusParams } from '../../src/lsp/lintStatus';

test('the client listens to the notification the server sends, with a type that accepts every status', () => {
  assert.equal(CLIENT_METHOD, SERVER_METHOD);
  const sent: LintStatusParams[] = [
    { uri: 'file:///a.yaml', version: 3, state: 'linting' },
    { uri: 'file:///a.yaml', version: 3, state: 'done', kind: 'openapi', findings: 2, durationMs: 4.5 },
    { uri: 'file:///b.ts', state: 'failed' },
  ];
  const received: LintStatus[] = sent; // compile-time: server statuses are client statuses
  // ...and the other way round, so the mirror does not drift wider either.
  const back: LintStatusParams[] = received;
  assert.deepEqual(
    back.map((s) => s.state),
    ['linting', 'done', 'failed'],
  );
});

test('the client asks for the inventory under the name the server answers (its shape: inventory/lsp.test.ts)', () => {
  assert.equal(CLIENT_INVENTORY_REQUEST, SERVER_INVENTORY_REQUEST);
});
