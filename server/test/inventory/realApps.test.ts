// The inventory of the real apps in ../shared/corpus/apps/ that ship a spec: juice-shop (Express; swagger.yml documents
// only its B2B API, under /b2b/v2) and spring-petclinic-rest (Java, which the code path does not read yet: its spec's
// operations are spec-only). Neither gets cross-check findings: juice-shop's REST API lies outside the spec's base
// path, and petclinic has no code routes in scope.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { uriToPath } from '../../src/engine';
import { APPS_ROOT } from '../support/realApps';
import { inventoryOf } from '../support/inventoryFixtures';

test(
  'juice-shop: the B2B order endpoint is matched to its route, the rest is outside the spec',
  { timeout: 120_000 },
  async () => {
    const root = path.join(APPS_ROOT, 'express-juice-shop');
    const { inventory, findings } = await inventoryOf(root);
    const documented = inventory.endpoints.filter((e) => e.documented);
    assert.deepEqual(
      documented.map((e) => [
        e.method,
        e.path,
        e.auth.mode,
        e.codeRoutes.map((r) => path.relative(root, uriToPath(r.uri)) + ':' + (r.range.start.line + 1)),
      ]),
      [['POST', '/b2b/v2/orders', 'required', ['server.ts:648']]],
    );
    assert.ok(inventory.endpoints.length > 140, `${inventory.endpoints.length} endpoints`);
    assert.ok(inventory.endpoints.filter((e) => !e.documented).every((e) => e.outsideSpecs));
    assert.deepEqual(findings, []);
  },
);

test(
  'spring-petclinic-rest: 37 operations under /petclinic/api, no code in scope, no findings',
  { timeout: 120_000 },
  async () => {
    const { inventory, findings } = await inventoryOf(path.join(APPS_ROOT, 'spring-petclinic-rest'));
    assert.equal(inventory.endpoints.length, 37);
    assert.ok(inventory.endpoints.every((e) => e.documented && !e.served && e.path.startsWith('/petclinic/api/')));
    assert.deepEqual(
      inventory.specs.map((s) => s.basePaths),
      [['/petclinic/api']],
    );
    assert.deepEqual(findings, []);
  },
);
