// The bundled server started the way VS Code's language client starts it (forked, Node IPC, stderr piped): its
// stderr goes to the API Warden output channel as `[error]` lines, so linting a spec must leave it free of
// deprecation warnings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { pathToUri } from '../../src/engine/uris';
import { SERVER_BUNDLE } from '../support/lspClient';

const SPEC = 'openapi: 3.0.3\ninfo:\n  title: x\n  version: "1"\nservers:\n  - url: http://a.example.com\npaths: {}\n';

// Node 20 prints DEP0040 (the `punycode` built-in) only under --pending-deprecation, Node 21+ always: the flag
// makes the check hold on every Node. DEP0111 is lodash probing `process.binding('util')`, a warning no Node
// version prints without that flag.
const PENDING_ONLY = new Set(['DEP0111']);

test('linting a spec over IPC writes no deprecation warning to stderr (the output channel)', async () => {
  assert.ok(existsSync(SERVER_BUNDLE), `build first: ${SERVER_BUNDLE} is missing (npm run build)`);
  const workspace = mkdtempSync(path.join(tmpdir(), 'apiwarden-stderr-'));
  const server = fork(SERVER_BUNDLE, ['--node-ipc', `--clientProcessId=${process.pid}`], {
    silent: true,
    execArgv: ['--pending-deprecation'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const connection = createProtocolConnection(new IPCMessageReader(server), new IPCMessageWriter(server));
  try {
    const uri = pathToUri(path.join(workspace, 'api.yaml'));
    const published = new Promise<PublishDiagnosticsParams>((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri === uri) resolve(params);
      }),
    );
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToUri(workspace),
      capabilities: {},
      initializationOptions: { settings: { lintDelayMs: 0 } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: SPEC },
    });
    const { diagnostics } = await published;
    assert.ok(
      diagnostics.some((d) => d.code === 'oas-server-plain-http'),
      'the spec was linted (Spectral and its dependencies loaded)',
    );
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    await exited;
  } finally {
    connection.dispose();
    server.kill();
    rmSync(workspace, { recursive: true, force: true });
  }
  const codes = [...stderr.matchAll(/\[(DEP\d+)\] DeprecationWarning/g)].map((m) => m[1]!);
  assert.equal(stderr.split('DeprecationWarning').length - 1, codes.length, `a warning without a code:\n${stderr}`);
  assert.deepEqual(
    codes.filter((code) => !PENDING_ONLY.has(code)),
    [],
    `deprecation warnings on stderr:\n${stderr}`,
  );
});
