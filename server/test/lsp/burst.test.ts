// An assistant applies a patch to twenty files at once: each file is linted once, after the burst settles, not once
// per edit (only the very first edit starts a lint at once, superseded before it publishes), and no diagnostics are
// published for text that no longer exists (counted through apiwarden/status).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TestLspClient } from '../support/lspClient';

const SPEC = (n: number, title: string) =>
  `openapi: 3.0.3\ninfo:\n  title: ${title}\n  version: "1"\nservers:\n  - url: http://api${n}.example.com\npaths: {}\n`;

const CODE = (n: number, route: string) =>
  [
    "const express = require('express');",
    'const app = express();',
    `app.delete('/api/${route}/:id', (req, res) => res.sendStatus(204));`,
    `module.exports = app; // file ${n}`,
    '',
  ].join('\n');

test(
  'a burst of edits to 20 files is linted once per file, for the final text only',
  { timeout: 120_000 },
  async () => {
    const client = new TestLspClient({ settings: { lintDelayMs: 150 } });
    try {
      await client.initialize();
      const docs = Array.from({ length: 20 }, (_, i) =>
        i % 2 === 0
          ? { uri: `file:///virtual/burst/spec${i}.yaml`, languageId: 'yaml', text: (t: string) => SPEC(i, t) }
          : { uri: `file:///virtual/burst/app${i}.js`, languageId: 'javascript', text: (t: string) => CODE(i, t) },
      );
      for (const doc of docs) await client.open(doc.uri, doc.text('first'), doc.languageId, 1);
      for (const doc of docs) await client.waitForLintDone(doc.uri, 1);

      // the patch: five quick edits per file, all files interleaved, as a multi-file apply sends them
      const burstStart = client.lastSeq;
      for (let version = 2; version <= 6; version++)
        for (const doc of docs) await client.change(doc.uri, version, [{ text: doc.text(`edit${version}`) }]);

      for (const doc of docs) {
        const { published } = await client.waitForLintDone(doc.uri, 6, { after: burstStart });
        assert.ok(published.diagnostics.length > 0, `${doc.uri}: findings of the final text`);
      }
      for (const [i, doc] of docs.entries()) {
        const after = (client.statuses.get(doc.uri) ?? []).filter((s) => s.seq > burstStart);
        // the first edit after a pause is linted at once (typing feels instant); the burst then supersedes that
        // lint before it publishes, and every other file waits for the burst to settle
        const started = after.filter((s) => s.state === 'linting').map((s) => s.version);
        const done = after.filter((s) => s.state === 'done').map((s) => s.version);
        if (i === 0) {
          // its v2 lint may end before v3 arrives: then it was the text on screen when it was published
          assert.ok(
            [[2, 6], [6]].some((l) => l.join() === started.join()),
            `${doc.uri}: lints started ${started}`,
          );
          assert.ok(
            [[2, 6], [6]].some((l) => l.join() === done.join()),
            `${doc.uri}: lints done ${done}`,
          );
        } else {
          assert.deepEqual(started, [6], `${doc.uri}: one lint started after the burst, of the final version`);
          assert.deepEqual(done, [6], `${doc.uri}: one lint done, of the final version`);
        }
        const stale = (client.published.get(doc.uri) ?? []).filter(
          (p) => p.seq > burstStart && p.version !== 6 && !(i === 0 && p.version === 2),
        );
        assert.deepEqual(stale, [], `${doc.uri}: nothing published for text that no longer exists`);
      }
    } finally {
      await client.shutdown();
    }
  },
);
