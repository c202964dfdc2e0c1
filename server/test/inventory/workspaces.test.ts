// The inventory of the fixture workspaces (Express + spec, FastAPI + Swagger 2.0, two services with three specs):
// the endpoints, how they were matched (base paths, mount prefixes, a gateway prefix, an ambiguous route), and the
// cross-check findings against the expectations written in the fixtures (`// expect: xref-…`, `# ok: xref-…`).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES, uriToPath, type Finding } from '../../src/engine';
import { compareWithExpectations } from '../support/fixtureRunner';
import { compact, inventoryOf, WORKSPACES_ROOT } from '../support/inventoryFixtures';

const WORKSPACES = ['inventory-express', 'inventory-fastapi', 'inventory-two-services'];
const XREF_RULES = [...RULES.keys()].filter((id) => id.startsWith('xref-'));

for (const name of WORKSPACES) {
  const root = path.join(WORKSPACES_ROOT, name);

  test(`${name}: the inventory is the expected one`, { timeout: 60_000 }, async () => {
    const { inventory } = await inventoryOf(root);
    assert.deepEqual(inventory.errors, []);
    const expected = JSON.parse(readFileSync(path.join(root, 'inventory.expected.json'), 'utf8')) as unknown;
    if (process.env.APIWARDEN_WRITE_EXPECTED === '1')
      writeFileSync(
        path.join(root, 'inventory.expected.json'),
        JSON.stringify(compact(root, inventory.endpoints), null, 2) + '\n',
      );
    assert.deepEqual(compact(root, inventory.endpoints), expected);
  });

  test(`${name}: the xref findings are the ones the fixtures expect`, { timeout: 60_000 }, async () => {
    const { findings } = await inventoryOf(root);
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) byFile.set(uriToPath(f.uri), [...(byFile.get(uriToPath(f.uri)) ?? []), f]);
    assert.deepEqual(compareWithExpectations(root, byFile, new Set(XREF_RULES)), []);
  });
}

test('a project with code and no spec gets an inventory and no cross-check findings', { timeout: 60_000 }, async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-'));
  try {
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'package.json'), '{"name":"nospec","dependencies":{"express":"4"}}');
    writeFileSync(
      path.join(root, 'src', 'app.js'),
      "const express = require('express');\nconst app = express();\napp.get('/admin/debug', (req, res) => res.json({}));\napp.listen(3000);\n",
    );
    const { inventory, findings } = await inventoryOf(root);
    assert.deepEqual(
      inventory.endpoints.map((e) => [e.method, e.path, e.served, e.documented, e.auth.mode]),
      [['GET', '/admin/debug', true, false, 'none']],
    );
    assert.deepEqual(findings, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a spec with no code in scope gets no "served nowhere" findings', { timeout: 60_000 }, async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-'));
  try {
    writeFileSync(
      path.join(root, 'openapi.yaml'),
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /pets:\n    get:\n      responses:\n        "200": { description: ok }\n',
    );
    const { inventory, findings } = await inventoryOf(root);
    assert.deepEqual(
      inventory.endpoints.map((e) => [e.method, e.path, e.served, e.documented]),
      [['GET', '/pets', false, true]],
    );
    assert.deepEqual(findings, []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test(
  'a spec with a base path claims only the routes under it (juice-shop: the B2B spec beside the REST API)',
  { timeout: 60_000 },
  async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-'));
    try {
      writeFileSync(path.join(root, 'package.json'), '{"name":"b2b","dependencies":{"express":"4"}}');
      writeFileSync(
        path.join(root, 'swagger.yml'),
        'openapi: 3.0.0\nservers:\n  - url: /b2b/v2\ninfo: { title: B2B, version: "2" }\npaths:\n  /orders:\n    post:\n      responses:\n        "200": { description: ok }\n',
      );
      writeFileSync(
        path.join(root, 'server.js'),
        "const express = require('express');\nconst app = express();\napp.post('/b2b/v2/orders', (req, res) => res.json({}));\napp.get('/b2b/v2/secret', (req, res) => res.json({}));\napp.get('/rest/products', (req, res) => res.json([]));\napp.listen(3000);\n",
      );
      const { inventory, findings } = await inventoryOf(root);
      assert.deepEqual(
        inventory.endpoints.map((e) => [e.method, e.path, e.documented, e.served, e.outsideSpecs ?? false]),
        [
          ['POST', '/b2b/v2/orders', true, true, false],
          ['GET', '/b2b/v2/secret', false, true, false],
          ['GET', '/rest/products', false, true, true],
        ],
      );
      assert.deepEqual(
        findings.map((f) => [f.ruleId, f.range.start.line + 1]),
        [['xref-shadow-endpoint', 4]],
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
);

test('files that .gitignore excludes are left out of the inventory', { timeout: 60_000 }, async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-'));
  try {
    writeFileSync(path.join(root, 'package.json'), '{"name":"ignored","dependencies":{"express":"4"}}');
    writeFileSync(path.join(root, '.gitignore'), 'legacy/\n');
    const app = (route: string) =>
      `const express = require('express');\nconst app = express();\napp.get('${route}', (req, res) => res.json({}));\napp.listen(3000);\n`;
    for (const [folder, route] of [
      ['src', '/kept'],
      ['legacy', '/ignored'],
    ]) {
      mkdirSync(path.join(root, folder));
      writeFileSync(path.join(root, folder, 'app.js'), app(route));
    }
    const { inventory } = await inventoryOf(root);
    assert.deepEqual(
      inventory.endpoints.map((e) => e.path),
      ['/kept'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
