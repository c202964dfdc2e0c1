// `apiwarden/inventory` over a real LSP connection (the bundled server, stdio): removing an operation from the open
// spec (didChange, unsaved) makes the matching route a shadow endpoint in the next answer, and deleting a handler
// file on disk drops its routes, without reopening anything.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToUri } from '../../src/engine';
import { INVENTORY_REQUEST, type InventoryAnswer } from '../../src/lsp/inventoryRequest';
import type { InventoryAnswer as ClientInventoryAnswer } from '../../../client/src/protocol';
import { TestLspClient } from '../support/lspClient';
import { WORKSPACES_ROOT } from '../support/inventoryFixtures';

const endpoint = (answer: InventoryAnswer, method: string, p: string) =>
  answer.inventory.endpoints.find((e) => e.method === method && e.path === p);

test(
  'removing an operation from the spec makes its route a shadow endpoint; deleting a handler file drops its routes',
  { timeout: 120_000 },
  async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-lsp-'));
    cpSync(path.join(WORKSPACES_ROOT, 'inventory-express'), root, { recursive: true });
    const client = new TestLspClient({ rootUri: pathToUri(root) });
    try {
      await client.initialize();
      const ask = () => client.connection.sendRequest<InventoryAnswer>(INVENTORY_REQUEST, {});
      const before = await ask();
      // the client's mirror of the answer accepts what the server sends (compile-time)
      const mirrored: ClientInventoryAnswer = before;
      assert.equal(mirrored.inventory.endpoints.length, 13);
      const user = endpoint(before, 'GET', '/api/users/{userId}')!;
      assert.equal(user.documented, true);
      assert.equal(user.served, true);
      assert.ok(!before.findings.some((f) => f.ruleId === 'xref-shadow-endpoint' && f.uri.endsWith('/users.ts')));

      // delete the /users/{userId} path item in the editor, unsaved
      const specPath = path.join(root, 'openapi.yaml');
      const specUri = pathToUri(specPath);
      const text = readFileSync(specPath, 'utf8');
      await client.open(specUri, text);
      const lines = text.split('\n');
      const start = lines.indexOf('  /users/{userId}:');
      const end = lines.indexOf('  /orders:');
      assert.ok(start > 0 && end > start);
      await client.change(specUri, 2, [
        { range: { start: { line: start, character: 0 }, end: { line: end, character: 0 } }, text: '' },
      ]);
      const after = await ask();
      const shadow = endpoint(after, 'GET', '/api/users/{id}')!;
      assert.equal(shadow.documented, false);
      assert.equal(shadow.served, true);
      assert.deepEqual(
        after.findings.filter((f) => f.uri.endsWith('/users.ts')).map((f) => [f.ruleId, f.range.start.line + 1]),
        [
          ['xref-shadow-endpoint', 12],
          ['xref-shadow-endpoint', 23],
        ],
      );

      // delete a handler file on disk: its routes are gone, the operations it served are served nowhere
      assert.equal(endpoint(after, 'GET', '/api/orders')!.served, true);
      rmSync(path.join(root, 'src', 'routes', 'orders.ts'));
      const deleted = await ask();
      assert.equal(endpoint(deleted, 'GET', '/api/orders')!.served, false);
      assert.equal(endpoint(deleted, 'GET', '/api/internal/debug/orders'), undefined);
      assert.ok(
        deleted.findings.some((f) => f.ruleId === 'xref-unserved-operation' && f.message.includes('`GET /api/orders`')),
      );

      // the report rendered as the CLI writes it, for an export command
      const html = await client.connection.sendRequest<InventoryAnswer>(INVENTORY_REQUEST, { format: 'html' });
      assert.match(
        html.report ?? '',
        /^<!doctype html>[\s\S]*<tr data-status="unserved"[^>]*><td class="method">GET<\/td><td class="path"><code>\/api\/orders</,
      );
      assert.equal((await ask()).report, undefined);
    } finally {
      await client.shutdown();
      rmSync(root, { recursive: true, force: true });
    }
  },
);
