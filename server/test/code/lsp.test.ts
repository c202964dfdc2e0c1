// Handler code over LSP (the bundled server, stdio): editing a route updates its diagnostics without a save, and
// editing the file that mounts it (unsaved) re-lints the routes file through its dependencies. Tests wait for the
// server's `apiwarden/status` notifications (a lint is done, its diagnostics published), never for time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { pathToUri } from '../../src/engine/uris';
import { SERVER_BUNDLE, TestLspClient } from '../support/lspClient';

const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-lsp-code-'));
const uriOf = (name: string) => pathToUri(path.join(workspace, name));
const write = (name: string, text: string) => {
  mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
  writeFileSync(path.join(workspace, name), text);
};

const AUTH = `import jwt from 'jsonwebtoken';
export function requireAuth(req, res, next) {
  try {
    req.user = jwt.verify(req.headers.authorization?.slice(7), process.env.KEY, { algorithms: ['RS256'] });
    next();
  } catch {
    res.status(401).end();
  }
}
`;
const APP = `import express from 'express';
import { requireAuth } from './auth';
import users from './users';
import items from './items';
const app = express();
app.use('/users', users);
app.use('/api', items);
export default app;
`;
const USERS = `import { Router } from 'express';
import { requireAuth } from './auth';
const router = Router();
router.delete('/:id', requireAuth, (req, res) => res.sendStatus(204));
export default router;
`;
const ITEMS = `import { Router } from 'express';
const router = Router();
router.post('/items', (req, res) => res.status(201).json({}));
export default router;
`;

let client: TestLspClient;

before(async () => {
  assert.ok(existsSync(SERVER_BUNDLE), `build first: ${SERVER_BUNDLE} is missing (npm run build)`);
  write('package.json', '{ "name": "lsp-code", "private": true }');
  write('src/auth.ts', AUTH);
  write('src/app.ts', APP);
  write('src/users.ts', USERS);
  write('src/items.ts', ITEMS);
  write('src/util.ts', 'export const add = (a: number, b: number) => a + b;\n');
  client = new TestLspClient({ rootUri: pathToUri(workspace), settings: { lintDelayMs: 20 } });
  await client.initialize();
});

after(async () => {
  await client.shutdown();
  rmSync(workspace, { recursive: true, force: true });
});

const auth = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'code-route-without-auth');

test('removing the auth middleware from a route reports it without a save; putting it back clears it', async () => {
  const uri = uriOf('src/users.ts');
  await client.open(uri, USERS, 'typescript');
  const { status, published: first } = await client.waitForLintDone(uri, 1);
  assert.equal(status.kind, 'code');
  assert.equal(first.version, 1);
  assert.deepEqual(auth(first.diagnostics), [], JSON.stringify(first.diagnostics));

  // the user deletes "requireAuth, " on line 4
  const line = 3;
  const start = USERS.split('\n')[line]!.indexOf('requireAuth, ');
  await client.change(uri, 2, [
    {
      range: { start: { line, character: start }, end: { line, character: start + 'requireAuth, '.length } },
      text: '',
    },
  ]);
  const { published: second } = await client.waitForLintDone(uri, 2);
  assert.equal(second.version, 2);
  const [diagnostic] = auth(second.diagnostics);
  assert.ok(diagnostic, JSON.stringify(second.diagnostics));
  assert.deepEqual(diagnostic.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 20 } });
  assert.match(diagnostic.message as string, /`DELETE \/users\/:id` has no authentication/);
  assert.equal(diagnostic.severity, 1, 'a write route is an error');

  await client.change(uri, 3, [
    { range: { start: { line, character: start }, end: { line, character: start } }, text: 'requireAuth, ' },
  ]);
  const { published: third } = await client.waitForLintDone(uri, 3);
  assert.equal(third.version, 3);
  assert.deepEqual(auth(third.diagnostics), []);
});

test('adding auth to the mount in app.ts (unsaved) re-lints the routes file it mounts', async () => {
  const items = uriOf('src/items.ts');
  await client.open(items, ITEMS, 'typescript');
  const { published: before } = await client.waitForLintDone(items, 1);
  assert.equal(auth(before.diagnostics).length, 1, JSON.stringify(before.diagnostics));
  assert.match(auth(before.diagnostics)[0]!.message as string, /`POST \/api\/items`/);

  const app = uriOf('src/app.ts');
  await client.open(app, APP, 'typescript');
  await client.waitForLintDone(app, 1);
  const mark = client.lastSeq;
  const line = APP.split('\n').findIndex((l) => l.startsWith("app.use('/api'"));
  const at = "app.use('/api', ".length;
  await client.change(app, 2, [
    { range: { start: { line, character: at }, end: { line, character: at } }, text: 'requireAuth, ' },
  ]);
  // items.ts is linted again as a dependent of app.ts (its own version is still 1), with the unsaved mount.
  const { status, published: after } = await client.waitForLintDone(items, 1, { after: mark });
  assert.ok(after.seq > mark, 'the diagnostics came from the lint after the edit');
  assert.equal(status.findings, after.diagnostics.length);
  assert.deepEqual(auth(after.diagnostics), []);
});

test('a TypeScript file that is not handler code is not claimed', async () => {
  const uri = uriOf('src/util.ts');
  await client.open(uri, 'export const add = (a: number, b: number) => a + b;\n', 'typescript');
  const { status, published } = await client.waitForLintDone(uri, 1);
  assert.deepEqual([status.kind, status.findings], ['none', 0]);
  // What was published for it: version 1, no diagnostics, once.
  assert.deepEqual(
    (client.published.get(uri) ?? []).map((p) => ({ version: p.version, diagnostics: p.diagnostics })),
    [{ version: 1, diagnostics: [] }],
  );
  assert.equal(published.version, 1);
});

test('"Lint workspace" lints OpenAPI documents and handler code and counts them by kind', async () => {
  write(
    'openapi.yaml',
    'openapi: 3.0.3\ninfo: { title: Demo, version: 1.0.0 }\npaths:\n  /users:\n    get:\n      responses:\n        "200": { description: ok }\n',
  );
  const summary = await client.connection.sendRequest<{
    filesLinted: number;
    openapiFiles: number;
    codeFiles: number;
    findings: number;
    cancelled: boolean;
  }>('apiwarden/lintWorkspace', {});
  // openapi.yaml; src/auth.ts, app.ts, users.ts, items.ts (package.json and src/util.ts are neither).
  assert.deepEqual(
    { ...summary, findings: summary.findings > 0 },
    { filesLinted: 5, openapiFiles: 1, codeFiles: 4, findings: true, cancelled: false },
  );
  // Files linted from disk report their own status (no version), after their diagnostics.
  const { status, published: spec } = await client.waitForLintDone(uriOf('openapi.yaml'), undefined);
  assert.equal(status.kind, 'openapi');
  assert.equal(status.findings, spec.diagnostics.length);
  assert.ok(spec.diagnostics.some((d) => d.code === 'oas-operation-without-security'));
  const authFile = await client.waitForLintDone(uriOf('src/auth.ts'), undefined);
  assert.equal(authFile.status.kind, 'code');
});

test('editing the config module a constant is imported from (unsaved) re-lints the file that imports it', async () => {
  const CONFIG = 'export const corsOptions = { origin: true, credentials: true };\n';
  const SERVER = `import express from 'express';
import cors from 'cors';
import { corsOptions } from './config/cors';
const app = express();
app.use(cors(corsOptions));
export default app;
`;
  write('src/config/cors.ts', CONFIG);
  write('src/server.ts', SERVER);
  const cors = (diagnostics: Diagnostic[]) =>
    diagnostics.filter((d) => d.code === 'code-cors-any-origin-with-credentials');
  const server = uriOf('src/server.ts');
  await client.open(server, SERVER, 'typescript');
  const { published: before } = await client.waitForLintDone(server, 1);
  const [finding] = cors(before.diagnostics);
  assert.ok(finding, JSON.stringify(before.diagnostics));
  assert.match(finding.message as string, /\(`corsOptions`, defined on line 1 of config\/cors\.ts\)/);
  assert.deepEqual(finding.range.start, { line: 4, character: 13 });

  const config = uriOf('src/config/cors.ts');
  await client.open(config, CONFIG, 'typescript');
  await client.waitForLintDone(config, 1);
  const mark = client.lastSeq;
  const at = CONFIG.indexOf('true');
  await client.change(config, 2, [
    {
      range: { start: { line: 0, character: at }, end: { line: 0, character: at + 4 } },
      text: "['https://app.example.com']",
    },
  ]);
  // server.ts is linted again as a dependent of config/cors.ts (its own version is still 1) and sees the new value.
  const { published: after } = await client.waitForLintDone(server, 1, { after: mark });
  assert.deepEqual(cors(after.diagnostics), []);
});
