// The language server on hostile input (issue 18), over a real stdio connection: an alias bomb and a 100,000-deep
// document get their one finding and the server keeps serving the other documents; a $ref out of the workspace
// folder is refused, and the file it names is never read (no diagnostics for it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToUri } from '../../src/engine/uris';
import { SERVER_BUNDLE, TestLspClient } from '../support/lspClient';
import { billionLaughs, deeplyNested } from '../support/hostileSpecs';

const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-lsp-hostile-'));
const outside = mkdtempSync(path.join(tmpdir(), 'apiwarden-lsp-outside-'));
const uriOf = (name: string) => pathToUri(path.join(workspace, name));
let client: TestLspClient;

before(async () => {
  assert.ok(existsSync(SERVER_BUNDLE), `build first: ${SERVER_BUNDLE} is missing (npm run build)`);
  client = new TestLspClient({ rootUri: pathToUri(workspace), settings: { lintDelayMs: 20 } });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
});

const NORMAL = `openapi: 3.0.3
info: {title: t, version: '1'}
servers:
  - url: http://api.example.com
paths: {}
`;

test(
  'hostile documents get their one finding and the server goes on serving the others',
  { timeout: 60_000 },
  async () => {
    const docs = [
      ['laughs.yaml', billionLaughs('schema'), 'oas-alias-expansion-limit'],
      ['deep.yaml', deeplyNested('flow', 100_000), 'oas-nesting-too-deep'],
      ['deep.json', deeplyNested('json', 100_000), 'oas-nesting-too-deep'],
    ] as const;
    for (const [name, text, rule] of docs) {
      await client.open(uriOf(name), text, name.endsWith('.json') ? 'json' : 'yaml');
      const { published } = await client.waitForLintDone(uriOf(name), 1);
      assert.deepEqual(
        published.diagnostics.map((d) => d.code),
        [rule],
      );
    }
    await client.open(uriOf('normal.yaml'), NORMAL);
    const { published } = await client.waitForLintDone(uriOf('normal.yaml'), 1);
    assert.ok(published.diagnostics.some((d) => d.code === 'oas-server-plain-http'));
  },
);

test(
  'a $ref out of the workspace folder is refused and the file it names is never read',
  { timeout: 60_000 },
  async () => {
    writeFileSync(path.join(outside, 'leak.yaml'), 'Leak: {type: [unclosed\n');
    mkdirSync(path.join(workspace, 'api'), { recursive: true });
    const text = `openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Leak: {$ref: '${path.join(outside, 'leak.yaml')}#/Leak'}
`;
    const uri = uriOf('api/root.yaml');
    await client.open(uri, text);
    const { published } = await client.waitForLintDone(uri, 1);
    const refs = published.diagnostics.filter((d) => d.code === 'oas-unresolved-ref');
    assert.equal(refs.length, 1, JSON.stringify(published.diagnostics));
    assert.match(String(refs[0]!.message), /outside the workspace folders/);
    assert.equal(client.published.get(pathToUri(path.join(outside, 'leak.yaml'))), undefined);
  },
);
