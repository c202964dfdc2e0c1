// The bundled language server driven over stdio the way an editor drives it: open, edit, diagnostics, hover,
// code actions, settings, multi-file $refs, stale results, the `apiwarden/status` notifications, and a big file that
// must not block the connection. Every wait is for an event (diagnostics, a status), never for time.
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

/** Versions of the `done` statuses received for `uri`, in arrival order. */
const doneVersions = (uri: string) =>
  (client.statuses.get(uri) ?? []).filter((s) => s.state === 'done').map((s) => s.version);

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

test('hover on two findings of one range says each thing once and leaves the messages to the diagnostics', async () => {
  const uri = uriOf('two-servers.yaml');
  await client.open(
    uri,
    'openapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\nservers:\n  - url: http://a.example.com\npaths: {}\n',
  );
  const { published } = await client.waitForLintDone(uri, 1);
  const here = published.diagnostics.filter((d) => d.range.start.line === 5);
  assert.deepEqual(here.map((d) => d.code).sort(), ['oas-server-environment-unclear', 'oas-server-plain-http']);
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 5, character: 12 },
  });
  const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
  // VS Code shows each diagnostic's message in this same hover: ours must not say it again.
  for (const { message } of here) {
    const text = typeof message === 'string' ? message : message.value;
    assert.ok(text.length > 0 && !value.includes(text), `hover repeats: ${value}`);
  }
  const count = (part: string) => value.split(part).length - 1;
  for (const [code, title] of [
    ['oas-server-plain-http', 'Server over plain HTTP'],
    ['oas-server-environment-unclear', 'Server without environment or version'],
  ]) {
    assert.equal(count(`**${title}**`), 1, `${title} once in ${value}`);
    assert.equal(count(`/docs/rules/${code}.md`), 1, `${code} link once in ${value}`);
  }
  assert.match(value, /OWASP API8:2023 · CWE-319/);
  const paragraphs = value.split(/\n\n(?:---\n\n)?/);
  assert.deepEqual(paragraphs, [...new Set(paragraphs)], 'no paragraph twice');
  assert.match(value, /unencrypted HTTP: credentials, tokens and data cross the network/, 'the rule summary');
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
    const { status, published } = await client.waitForLintDone(uri, 1);
    assert.deepEqual([status.kind, status.findings], ['none', 0]);
    assert.equal(published.version, 1, 'its (empty) diagnostics were published before the status');
    assert.deepEqual(
      client.published.get(uri)!.map((p) => [p.version, p.diagnostics.length]),
      [[1, 0]],
    );
  }
});

test('apiwarden/status: linting, then the diagnostics of the version, then done with their count', async () => {
  const uri = uriOf('status.yaml');
  await client.open(uri, USER_SPEC);
  const first = await client.waitForLintDone(uri, 1);
  assert.equal(first.published.version, 1, 'the diagnostics of version 1 arrived before its done');
  assert.equal(first.status.kind, 'openapi');
  assert.equal(first.status.findings, first.published.diagnostics.length);
  assert.equal(byCode(first.published.diagnostics, 'oas-password-readable').length, 1);
  assert.ok(first.status.durationMs >= 0);
  const linting = client.statuses.get(uri)!.find((s) => s.state === 'linting' && s.version === 1);
  assert.ok(linting && linting.seq < first.published.seq, 'linting was announced before the diagnostics');

  const at = USER_SPEC.split('\n').indexOf('        password:');
  await client.change(uri, 2, [
    {
      range: { start: { line: at + 1, character: 0 }, end: { line: at + 1, character: 0 } },
      text: '          writeOnly: true\n',
    },
  ]);
  const second = await client.waitForLintDone(uri, 2);
  assert.equal(second.published.version, 2);
  assert.equal(second.status.findings, second.published.diagnostics.length);
  assert.equal(second.status.findings, first.status.findings - 1, 'the password finding is gone');
  assert.deepEqual(doneVersions(uri), [1, 2]);
});

test('a burst of edits ends with a done for its last version once that is published; nothing goes backwards', async () => {
  const uri = uriOf('burst.yaml');
  let text = USER_SPEC;
  await client.open(uri, text);
  for (let version = 2; version <= 12; version++) {
    text = text.replace(/title: Users[^\n]*/, `title: Users ${version}`);
    await client.change(uri, version, [{ text }]);
  }
  const { status, published } = await client.waitForLintDone(uri, 12);
  assert.equal(published.version, 12, 'the diagnostics of version 12 came before its done');
  assert.equal(status.findings, published.diagnostics.length);
  // The server publishes a version only while it is the document's current one and lints one job at a time, so by
  // the done of the newest version every older lint has ended: what was received up to now is all there will be.
  const versions = client.published.get(uri)!.map((p) => p.version!);
  assert.equal(versions[versions.length - 1], 12, `last published ${versions}`);
  for (let i = 1; i < versions.length; i++)
    assert.ok(versions[i]! >= versions[i - 1]!, `versions went backwards: ${versions}`);
  assert.ok(versions.length < 12, `debounce should merge the burst, published ${versions}`);
  // A lint dropped as stale says nothing: every done is for a version whose diagnostics were published before it.
  const dones = client.statuses.get(uri)!.filter((s) => s.state === 'done');
  assert.equal(dones[dones.length - 1]!.version, 12);
  for (const done of dones) {
    const own = client.published.get(uri)!.filter((p) => p.version === done.version && p.seq < done.seq);
    assert.ok(own.length > 0, `done for v${done.version} without its diagnostics: ${versions}`);
  }
  const doneList = dones.map((s) => s.version!);
  assert.deepEqual(
    doneList,
    [...new Set(doneList)].sort((a, b) => a - b),
    `dones out of order: ${doneList}`,
  );
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
  // The fragment alone is not ours; its diagnostics are the root's findings in it.
  const opened = await client.waitForLintDone(fragment, 1);
  assert.deepEqual([opened.status.kind, opened.status.findings], ['none', 1]);
  const mark = client.lastSeq;
  await client.change(fragment, 2, [{ text: fragmentText.replace('pwd:', 'nickname:') }]);
  // The root is linted again as a dependent of the fragment and reports its own done.
  await client.waitForLintDone(root, 1, { after: mark });
  assert.deepEqual(byCode(client.latest(fragment)!.diagnostics, 'oas-password-readable'), []);
});

test('a 1 MB spec: the server answers a hover while linting it, then publishes its diagnostics', async () => {
  const uri = uriOf('large.yaml');
  const text = generateLargeSpec(1024 * 1024);
  assert.ok(text.length >= 1024 * 1024);
  await client.open(uri, text);
  const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 10, character: 6 },
  });
  const hoverAnswered = client.lastSeq;
  assert.equal(hover, null, 'no findings yet, so no hover');
  assert.equal(client.published.get(uri), undefined, 'the hover was answered before the lint finished');
  const { published } = await client.waitForLintDone(uri, 1, { timeoutMs: 120_000 });
  assert.equal(published.version, 1, 'the diagnostics of version 1 came before its done');
  assert.ok(published.seq > hoverAnswered, 'diagnostics came after the hover answer');
  assert.ok(byCode(published.diagnostics, 'oas-password-readable').length > 0);
  // And the hover works on the big file once its findings are in.
  const first = byCode(published.diagnostics, 'oas-password-readable')[0]!;
  const later = await client.connection.sendRequest<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: first.range.start,
  });
  assert.ok(later);
});

test('an edit during a long lint cancels it: only the new version is published', async () => {
  const uri = uriOf('large2.yaml');
  const text = generateLargeSpec(1024 * 1024);
  await client.open(uri, text);
  await client.change(uri, 2, [{ text: text.replace('title: Generated large API', 'title: Edited') }]);
  await client.waitForLintDone(uri, 2, { timeoutMs: 120_000 });
  const versions = client.published.get(uri)!.map((p) => p.version);
  assert.deepEqual(versions, [2]);
  assert.deepEqual(doneVersions(uri), [2], 'the cancelled lint of version 1 reported no done');
});
