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
