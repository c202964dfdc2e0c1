// A client that misbehaves (a buggy editor plugin, a proxy that cuts a message, a fuzzer) gets the right error or
// is ignored, and the server keeps serving: after each abuse a normal edit is linted as usual. Raw bytes go
// straight into the server's stdin, next to the messages of a real LSP connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';

const SPEC = (title: string) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: "1"\nservers:\n  - url: http://api.example.com\npaths: {}\n`;
const SPEC_URI = 'file:///virtual/abuse/api.yaml';

let client: TestLspClient;
let version = 1;

before(async () => {
  client = new TestLspClient({ settings: { lintDelayMs: 0 } });
  await client.initialize();
  await client.open(SPEC_URI, SPEC('v1'));
  await client.waitForLintDone(SPEC_URI, 1);
});

after(async () => {
  await client.shutdown();
});

/** Raw bytes on the server's stdin, as one write (the connection's own messages are whole writes too). */
function raw(bytes: string): void {
  client.process.stdin.write(bytes);
}
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

/** The server still lints: an edit to the spec is linted and its diagnostics published. */
async function stillServing(): Promise<void> {
  version++;
  await client.change(SPEC_URI, version, [{ text: SPEC(`v${version}`) }]);
  const { published } = await client.waitForLintDone(SPEC_URI, version, { timeoutMs: 30_000 });
  assert.ok(published.diagnostics.some((d) => d.code === 'oas-server-plain-http'));
}

test('a frame whose body is not JSON is dropped', { timeout: 60_000 }, async () => {
  raw(frame('{"jsonrpc": "2.0", "method": '));
  await stillServing();
});

test(
  'a Content-Length shorter than the body: the rest is skipped up to the next message',
  { timeout: 60_000 },
  async () => {
    const body = '{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///x"}}}';
    raw(`Content-Length: 10\r\n\r\n${body}`);
    await stillServing();
    await stillServing();
  },
);

test('a Content-Length longer than the body: the next message is still read', { timeout: 60_000 }, async () => {
  raw('Content-Length: 4000\r\n\r\n{"jsonrpc":"2.0","method":"x"}');
  await stillServing();
});

test('a header without Content-Length, and bytes that are no header at all', { timeout: 60_000 }, async () => {
  raw('Content-Type: application/json\r\n\r\n{}');
  await stillServing();
  raw('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await stillServing();
  raw('Content-Length: -5\r\n\r\n');
  await stillServing();
});

test('JSON that is not a JSON-RPC message, and a response to a request never made', { timeout: 60_000 }, async () => {
  raw(frame('[1,2,3]'));
  raw(frame('{"hello":"world"}'));
  raw(frame('{"jsonrpc":"2.0","id":987654,"result":null}'));
  raw(frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":424242}}'));
  await stillServing();
});

test(
  'an unknown request is answered MethodNotFound; an unknown notification is ignored',
  { timeout: 60_000 },
  async () => {
    await assert.rejects(
      client.connection.sendRequest('apiwarden/noSuchRequest', { a: 1 }),
      (error: { code: number }) => {
        assert.equal(error.code, -32601);
        return true;
      },
    );
    await client.connection.sendNotification('apiwarden/noSuchNotification', { a: 1 });
    await client.connection.sendNotification('$/noSuchNotification');
    await stillServing();
  },
);

test('didChange of a document never opened, didClose twice: ignored', { timeout: 60_000 }, async () => {
  const ghost = 'file:///virtual/abuse/never-opened.yaml';
  await client.change(ghost, 2, [
    { range: { start: { line: 5, character: 0 }, end: { line: 9, character: 3 } }, text: 'x' },
  ]);
  const closing = 'file:///virtual/abuse/closed-twice.yaml';
  await client.open(closing, SPEC('closing'));
  await client.waitForLintDone(closing, 1);
  await client.close(closing);
  await client.close(closing);
  await client.close(ghost);
  await stillServing();
  assert.equal(client.published.get(ghost), undefined, 'nothing published for a document never opened');
  assert.deepEqual(client.latest(closing)?.diagnostics, [], 'the closed document was cleared');
});

test(
  'hover and code actions for unknown documents, and requests with malformed params',
  { timeout: 60_000 },
  async () => {
    const unknown = 'file:///virtual/abuse/unknown.yaml';
    const position = { line: 3, character: 4 };
    const range = { start: position, end: position };
    assert.equal(
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: unknown }, position }),
      null,
    );
    assert.deepEqual(
      await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: unknown },
        range,
        context: { diagnostics: [] },
      }),
      [],
    );
    // Params missing or of the wrong shape: an error answer (or an empty one), never a dead server.
    for (const [method, params] of [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri: SPEC_URI }, position: 'top' }],
      ['textDocument/codeAction', { textDocument: { uri: SPEC_URI } }],
      ['textDocument/codeAction', { textDocument: { uri: SPEC_URI }, range, context: { diagnostics: [{ data: 7 }] } }],
    ] as const) {
      await client.connection.sendRequest(method, params).catch((error: { code: number }) => {
        assert.equal(typeof error.code, 'number', `${method} answered with an error code`);
      });
    }
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 42 } });
    await client.connection.sendNotification('textDocument/didChange', { contentChanges: 'nope' });
    await stillServing();
  },
);

test('a 50 MB didOpen gets the size limit diagnostic, and the server goes on', { timeout: 120_000 }, async () => {
  const huge = 'file:///virtual/abuse/huge.yaml';
  const text = `${SPEC('huge')}# ${'x'.repeat(50 * 1024 * 1024)}\n`;
  await client.open(huge, text);
  const { published } = await client.waitForLintDone(huge, 1, { timeoutMs: 110_000 });
  assert.deepEqual(
    published.diagnostics.map((d) => d.code),
    ['oas-file-too-large'],
  );
  await client.close(huge);
  client.trim(huge);
  await stillServing();
});

test('nothing of this reached stderr as an error', () => {
  assert.doesNotMatch(client.stderr.join(''), /Error|Unhandled/, client.stderr.join(''));
  assert.ok(
    client.logMessages.some((m) => /dropped \d+ bytes of input/.test(m)),
    'the dropped input is logged',
  );
});
