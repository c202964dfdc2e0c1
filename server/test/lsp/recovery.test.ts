// A lint worker that dies (out of memory, a bug in a dependency) is replaced: the document being linted gets its
// diagnostics anyway, and later edits are linted as usual.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';
import { generateLargeSpec } from '../support/generatedSpecs';

test('the worker dies during a lint: a new one lints the document, and the next edit too', async () => {
  const client = new TestLspClient({ env: { APIWARDEN_TEST_HOOKS: '1' }, settings: { lintDelayMs: 0 } });
  try {
    await client.initialize();
    const uri = 'file:///virtual/recovery/large.yaml';
    const text = generateLargeSpec(1024 * 1024);
    await client.open(uri, text);
    // The lint of a 1 MB spec takes a while: stop the worker under it.
    await client.connection.sendRequest('apiwarden/test/terminateWorker');
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, 120_000);
    assert.ok(first.diagnostics.some((d) => d.code === 'oas-password-readable'));
    await client.change(uri, 2, [{ text: text.replace('title: Generated large API', 'title: After the crash') }]);
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2, 120_000);
    assert.equal(second.diagnostics.length, first.diagnostics.length);
    // The lint under way was lost with the worker and was run again on the new one.
    assert.ok(
      client.logMessages.some((m) => /lint worker stopped \(exit code/.test(m)),
      `the crash is logged: ${client.logMessages.join(' | ')}`,
    );
  } finally {
    await client.shutdown();
  }
});

const SPEC = (title: string) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: "1"\nservers:\n  - url: http://api.example.com\npaths: {}\n`;
const HANDLER = (route: string) =>
  `const express = require('express');\nconst app = express();\napp.delete('${route}', (req, res) => res.send('gone'));\napp.listen(3000);\n`;

test(
  'the worker exits, throws or runs out of memory mid-lint: it is restarted, the lint re-run, the user told once',
  { timeout: 180_000 },
  async () => {
    const client = new TestLspClient({
      // A small heap makes the out-of-memory crash quick; the documents here need far less.
      env: { APIWARDEN_TEST_HOOKS: '1', APIWARDEN_WORKER_MAX_HEAP_MB: '256' },
      settings: { lintDelayMs: 0 },
    });
    try {
      await client.initialize();
      const spec = 'file:///virtual/recovery/api.yaml';
      const handler = 'file:///virtual/recovery/app.js';
      await client.open(spec, SPEC('v1'));
      await client.open(handler, HANDLER('/users/:id'), 'javascript');
      const specBefore = (await client.waitForLintDone(spec, 1)).published.diagnostics;
      const handlerBefore = (await client.waitForLintDone(handler, 1)).published.diagnostics;
      assert.ok(specBefore.some((d) => d.code === 'oas-server-plain-http'));
      assert.ok(handlerBefore.length > 0, 'the handler has findings');
      let version = 1;
      for (const mode of ['exit', 'throw', 'oom'] as const) {
        await client.connection.sendRequest('apiwarden/test/crashWorker', { mode });
        version++;
        // This edit's lint is the job the worker dies in; it is run again on the new worker.
        await client.change(spec, version, [{ text: SPEC(`after ${mode}`) }]);
        const { published } = await client.waitForLintDone(spec, version, { timeoutMs: 120_000 });
        assert.deepEqual(published.diagnostics, specBefore, `the spec's diagnostics after the ${mode} crash`);
        // The other document keeps being served by the new worker.
        await client.change(handler, version, [{ text: HANDLER(`/items/:id${mode}`) }]);
        const handlerAfter = await client.waitForLintDone(handler, version, { timeoutMs: 120_000 });
        assert.equal(handlerAfter.published.diagnostics.length, handlerBefore.length, `handler after ${mode}`);
      }
      const crashes = client.logMessages.filter((m) => /lint worker exited with code/.test(m));
      assert.equal(crashes.length, 3, client.logMessages.join('\n'));
      assert.ok(
        client.logMessages.some((m) => /ERR_WORKER_OUT_OF_MEMORY/.test(m)),
        'the out-of-memory crash is named in the log',
      );
      assert.equal(client.shownMessages.length, 1, JSON.stringify(client.shownMessages));
      assert.match(client.shownMessages[0]!.message, /lint worker stopped unexpectedly/);
      assert.equal(client.shownMessages[0]!.type, 2, 'a warning');
      assert.doesNotMatch(client.stderr.join(''), /Error/, 'nothing unhandled on stderr');
    } finally {
      await client.shutdown();
    }
  },
);
