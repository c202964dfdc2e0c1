// The bundled language server driven over stdio the way an editor drives it: open, edit, diagnostics, hover,
// code actions, settings, multi-file $refs, stale results, and a big file that must not block the connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { parseWithPointers } from '@stoplight/yaml';
import { applyEdits } from '../../src/engine/fixes';
import { pathToUri } from '../../src/engine/uris';
import { SERVER_BUNDLE, TestLspClient } from '../support/lspClient';
import { generateLargeSpec } from '../support/generatedSpecs';

const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-lsp-'));
const uriOf = (name: string) => pathToUri(path.join(workspace, name));

const USER_SPEC = `openapi: 3.0.3
info:
  title: Users
  version: 1.0.0
servers:
  - url: https://api.example.com
security:
  - bearer: []
paths:
  /users/{id}:
    get:
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
            format: uuid
      responses:
        '200':
          description: A user
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/User'
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  schemas:
    User:
      type: object
      properties:
        # the password must never be returned
        password:
          type: string
`;

let client: TestLspClient;

before(async () => {
  assert.ok(existsSync(SERVER_BUNDLE), `build first: ${SERVER_BUNDLE} is missing (npm run build)`);
  client = new TestLspClient({
    rootUri: pathToUri(workspace),
    // Per-document settings: everything under quiet/ turns one rule off.
    settings: (scopeUri?: string) =>
      scopeUri?.includes('/quiet/')
        ? { rules: { 'oas-password-readable': 'off' }, lintDelayMs: 20 }
        : { lintDelayMs: 20 },
  });
  const init = await client.initialize();
  assert.equal(init.capabilities.hoverProvider, true);
  assert.equal((init.capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
});

after(async () => {
  await client.shutdown();
  rmSync(workspace, { recursive: true, force: true });
});

function byCode(diagnostics: Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

test('diagnostics carry the rule id, an exact range, a doc link and the source', async () => {
  const uri = uriOf('users.yaml');
  await client.open(uri, USER_SPEC);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const [diagnostic] = byCode(published.diagnostics, 'oas-password-readable');
  assert.ok(diagnostic, `expected oas-password-readable, got ${JSON.stringify(published.diagnostics)}`);
  assert.equal(diagnostic.source, 'apiwarden');
  assert.deepEqual(diagnostic.range, { start: { line: 35, character: 8 }, end: { line: 35, character: 16 } });
  const href = diagnostic.codeDescription?.href;
  assert.ok(href?.endsWith('/docs/rules/oas-password-readable.md'), href);
  assert.ok(existsSync(fileURLToPath(href!)), 'the doc link points at an existing page');
});

test('hover on a flagged range explains the rule with its OWASP id', async () => {
  const uri = uriOf('users.yaml');
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 35, character: 10 },
  });
  const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
  assert.match(value, /Password readable in responses/);
  assert.match(value, /OWASP API3:2023/);
  assert.match(value, /oas-password-readable\.md/);
  const nothing = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 2, character: 3 },
  });
  assert.equal(nothing, null, 'no hover away from findings');
});

test('the writeOnly quick-fix removes the finding and keeps the file valid YAML with its comment', async () => {
  const uri = uriOf('users.yaml');
  const current = client.latest(uri)!;
  const [diagnostic] = byCode(current.diagnostics, 'oas-password-readable');
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic!.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
  const fix = actions.find((a) => /writeOnly/.test(a.title));
  assert.ok(fix, `expected a writeOnly fix, got ${JSON.stringify(actions.map((a) => a.title))}`);
  const edits = fix.edit!.changes![uri] as TextEdit[];
  const fixed = applyEdits(USER_SPEC, edits);
  assert.equal(parseWithPointers(fixed).diagnostics.filter((d) => d.severity === 0).length, 0, 'still parses');
  assert.match(fixed, /# the password must never be returned\n {8}password:\n {10}writeOnly: true\n {10}type: string/);
  // The editor applies the edit incrementally; the server re-lints the new version.
  await client.change(
    uri,
    2,
    edits.map((e) => ({ range: e.range, text: e.newText })),
  );
  const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(byCode(after.diagnostics, 'oas-password-readable'), []);
});

test('typing a plain-HTTP server adds a finding without saving, and the https fix removes it', async () => {
  const uri = uriOf('users.yaml');
  // Incremental edit: insert a second server after line 5 ("  - url: https://api.example.com").
  await client.change(uri, 3, [
    {
      range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } },
      text: '  - url: http://legacy.example.com\n',
    },
  ]);
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 3);
  const [diagnostic] = byCode(published.diagnostics, 'oas-server-plain-http');
  assert.ok(diagnostic);
  assert.deepEqual(diagnostic.range, { start: { line: 6, character: 9 }, end: { line: 6, character: 34 } });
  const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  const edits = actions.find((a) => /https/.test(a.title))!.edit!.changes![uri] as TextEdit[];
  await client.change(
    uri,
    4,
    edits.map((e) => ({ range: e.range, text: e.newText })),
  );
  const after = await client.waitForDiagnostics(uri, (p) => p.version === 4);
  assert.deepEqual(byCode(after.diagnostics, 'oas-server-plain-http'), []);
});

test('other YAML and JSON files are not claimed', async () => {
  const compose = uriOf('docker-compose.yml');
  await client.open(compose, 'services:\n  web:\n    image: nginx\n    environment:\n      password: hunter2\n');
  const pkg = uriOf('package.json');
  await client.open(pkg, '{ "name": "x", "openapi": "3.0.0" }', 'json');
  for (const uri of [compose, pkg]) {
    const published = await client.waitForDiagnostics(uri, () => true);
    assert.deepEqual(published.diagnostics, []);
  }
});

test('a burst of edits publishes only the newest version, never an older one after it', async () => {
  const uri = uriOf('burst.yaml');
  let text = USER_SPEC;
  await client.open(uri, text);
  for (let version = 2; version <= 12; version++) {
    text = text.replace(/title: Users[^\n]*/, `title: Users ${version}`);
    await client.change(uri, version, [{ text }]);
  }
  await client.waitForDiagnostics(uri, (p) => p.version === 12);
  // Give a stale run the chance to publish late, then check the order of what was published.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const versions = client.published.get(uri)!.map((p) => p.version!);
  assert.equal(versions[versions.length - 1], 12, `last published ${versions}`);
  for (let i = 1; i < versions.length; i++)
    assert.ok(versions[i]! >= versions[i - 1]!, `versions went backwards: ${versions}`);
  assert.ok(versions.length < 12, `debounce should merge the burst, published ${versions}`);
});

test('settings are per document: a folder can turn a rule off', async () => {
  const quiet = pathToUri(path.join(workspace, 'quiet', 'users.yaml'));
  await client.open(quiet, USER_SPEC);
  const published = await client.waitForDiagnostics(quiet, (p) => p.version === 1);
  assert.deepEqual(byCode(published.diagnostics, 'oas-password-readable'), []);
  const loud = client.latest(uriOf('burst.yaml'))!;
  assert.equal(byCode(loud.diagnostics, 'oas-password-readable').length, 1);
});

test('a fault in a $ref-ed file is shown in that file, and editing the file re-lints its spec', async () => {
  mkdirSync(path.join(workspace, 'multi', 'schemas'), { recursive: true });
  const fragmentText = 'Account:\n  type: object\n  properties:\n    pwd:\n      type: string\n';
  writeFileSync(path.join(workspace, 'multi', 'schemas', 'account.yaml'), fragmentText);
  const root = pathToUri(path.join(workspace, 'multi', 'api.yaml'));
  const fragment = pathToUri(path.join(workspace, 'multi', 'schemas', 'account.yaml'));
  await client.open(
    root,
    USER_SPEC.replace("$ref: '#/components/schemas/User'", "$ref: './schemas/account.yaml#/Account'"),
  );
  const published = await client.waitForDiagnostics(
    fragment,
    (p) => byCode(p.diagnostics, 'oas-password-readable').length === 1,
  );
  assert.deepEqual(byCode(published.diagnostics, 'oas-password-readable')[0]!.range.start, { line: 3, character: 4 });
  // Open the fragment and rename the property without saving: the root is linted again with the buffer.
  await client.open(fragment, fragmentText);
  await client.change(fragment, 2, [{ text: fragmentText.replace('pwd:', 'nickname:') }]);
  await client.waitForDiagnostics(fragment, (p) => byCode(p.diagnostics, 'oas-password-readable').length === 0);
});

test('a 1 MB spec: the server answers a hover while linting it, then publishes its diagnostics', async () => {
  const uri = uriOf('large.yaml');
  const text = generateLargeSpec(1024 * 1024);
  assert.ok(text.length >= 1024 * 1024);
  await client.open(uri, text);
  const hoverSent = performance.now();
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 10, character: 6 },
  });
  const hoverAnswered = performance.now();
  assert.equal(hover, null, 'no findings yet, so no hover');
  assert.equal(client.published.get(uri), undefined, 'the hover was answered before the lint finished');
  const published = await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
  assert.ok(published.receivedAt > hoverAnswered, 'diagnostics came after the hover answer');
  assert.ok(byCode(published.diagnostics, 'oas-password-readable').length > 0);
  // And the hover works on the big file once its findings are in.
  const first = byCode(published.diagnostics, 'oas-password-readable')[0]!;
  const later = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: first.range.start,
  });
  assert.ok(later);
  void hoverSent;
});

test('an edit during a long lint cancels it: only the new version is published', async () => {
  const uri = uriOf('large2.yaml');
  const text = generateLargeSpec(1024 * 1024);
  await client.open(uri, text);
  await client.change(uri, 2, [{ text: text.replace('title: Generated large API', 'title: Edited') }]);
  await client.waitForDiagnostics(uri, (p) => p.version === 2, 120_000);
  const versions = client.published.get(uri)!.map((p) => p.version);
  assert.deepEqual(versions, [2]);
});
