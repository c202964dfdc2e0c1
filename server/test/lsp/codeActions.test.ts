// Suppressions and the code actions of every finding, over a real server on stdio: suppressed findings are not
// published and unused suppressions are; "Disable for this line" (a snippet where the client takes snippets),
// "Show documentation", "Fix all <rule> in this file" and `source.fixAll.apiwarden`, each applied and re-linted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, applyEdits } from '../../src/engine';
import { pathToUri } from '../../src/engine/uris';
import { codeActionsFor } from '../../src/lsp/codeActions';
import { toDiagnostic } from '../../src/lsp/diagnostics';
import { SERVER_BUNDLE, TestLspClient } from '../support/lspClient';

const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-lsp-actions-'));
const uriOf = (name: string) => pathToUri(path.join(workspace, name));
let client: TestLspClient;

const SPEC = `openapi: 3.0.3
info:
  title: Servers
  version: 1.0.0
servers:
  - url: http://a.example.com
  - url: http://b.example.com
  # apiwarden-disable-next-line oas-server-plain-http -- TLS ends at the proxy
  - url: http://c.example.com
security:
  - key: []
paths: {}
components:
  securitySchemes:
    key:
      type: apiKey
      in: header
      name: X-API-Key
`;

before(async () => {
  assert.ok(existsSync(SERVER_BUNDLE), `build first: ${SERVER_BUNDLE} is missing (npm run build)`);
  client = new TestLspClient({ rootUri: pathToUri(workspace), settings: { lintDelayMs: 20 }, snippetEdits: true });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(workspace, { recursive: true, force: true });
});

const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

async function actionsFor(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

test(
  'suppressed findings are not published; an unused suppression is, as information',
  { timeout: 60_000 },
  async () => {
    const uri = uriOf('unused.yaml');
    await client.open(uri, SPEC.replace('http://c.example.com', 'https://c.example.com'));
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.equal(byCode(published.diagnostics, 'oas-server-plain-http').length, 2);
    const [unused] = byCode(published.diagnostics, 'apiwarden-unused-suppression');
    assert.equal(unused?.severity, 3, 'information');
    assert.equal(unused?.range.start.line, 7);
  },
);

test(
  '"Disable for this line" inserts the comment as a snippet; the finding is then suppressed',
  { timeout: 60_000 },
  async () => {
    const uri = uriOf('servers.yaml');
    await client.open(uri, SPEC);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const plain = byCode(published.diagnostics, 'oas-server-plain-http');
    assert.deepEqual(
      plain.map((d) => d.range.start.line),
      [5, 6],
      'the one under the comment is not published',
    );
    assert.deepEqual(byCode(published.diagnostics, 'apiwarden-unused-suppression'), []);
    const actions = await actionsFor(uri, [plain[0]!]);
    const disable = actions.find((a) => a.title === 'Disable oas-server-plain-http for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    const change = disable.edit!.documentChanges![0] as TextDocumentEdit;
    const [edit] = change.edits as unknown as { range: TextEdit['range']; snippet: { kind: string; value: string } }[];
    assert.deepEqual(edit!.snippet, {
      kind: 'snippet',
      value: '  # apiwarden-disable-next-line oas-server-plain-http -- ${1:reason}\n',
    });
    const docs = actions.find((a) => a.command?.command === 'apiwarden.showRuleDocumentation');
    assert.equal(docs?.title, 'Show documentation of oas-server-plain-http');
    assert.ok(existsSync(fileURLToPath(docs!.command!.arguments![1] as string)), 'the page exists');
    // What the user ends up with after typing the reason:
    await client.change(uri, 2, [{ range: edit!.range, text: edit!.snippet.value.replace('${1:reason}', 'lab only') }]);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      byCode(after.diagnostics, 'oas-server-plain-http').map((d) => d.range.start.line),
      [7],
    );
  },
);

test(
  '"Fix all <rule> in this file" and source.fixAll.apiwarden; a second fix-all offers nothing',
  { timeout: 60_000 },
  async () => {
    const uri = uriOf('fixall.yaml');
    await client.open(uri, SPEC);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const plain = byCode(published.diagnostics, 'oas-server-plain-http');
    const quick = await actionsFor(uri, [plain[0]!]);
    const fixRule = quick.find((a) => a.title === 'Fix all oas-server-plain-http in this file (2)');
    assert.ok(fixRule, JSON.stringify(quick.map((a) => a.title)));

    const [fixAll, ...others] = await actionsFor(uri, [], ['source.fixAll.apiwarden']);
    assert.equal(others.length, 0);
    assert.equal(fixAll?.kind, 'source.fixAll.apiwarden');
    const edits = fixAll!.edit!.changes![uri] as TextEdit[];
    const fixed = applyEdits(SPEC, edits);
    assert.match(fixed, /- url: https:\/\/a\.example\.com\n {2}- url: https:\/\/b\.example\.com\n/);
    assert.match(fixed, /- url: http:\/\/c\.example\.com/, 'the suppressed finding is not fixed');
    await client.change(
      uri,
      2,
      edits.map((e) => ({ range: e.range, text: e.newText })),
    );
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(byCode(after.diagnostics, 'oas-server-plain-http'), []);
    assert.deepEqual(await actionsFor(uri, [], ['source.fixAll.apiwarden']), [], 'nothing left to fix');
  },
);

test('fix-all on findings of another version of the document returns nothing', async () => {
  const uri = 'file:///tmp/stale/spec.yaml';
  const findings = (await new Engine().lint({ uri, text: SPEC })).findings;
  const current = TextDocument.create(uri, 'yaml', 2, SPEC);
  const params = {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: findings.map(toDiagnostic), only: ['source.fixAll'] },
  };
  const ofVersion = (version: number) =>
    codeActionsFor(current, params, { snippets: false, published: { findings, version } });
  assert.equal(ofVersion(2).length, 1, 'findings of the current version: one fix-all');
  assert.deepEqual(ofVersion(1), [], 'stale findings: nothing');
});
