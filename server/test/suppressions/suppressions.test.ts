// Suppressions through the real engine: comments with reasons in specs and code, `x-apiwarden-ignore` in YAML and
// JSON and in `$ref`'d files, unused suppressions, and the "Disable for this line" edit, applied and linted again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine, applyEdits, disableForLineFix, pathToUri, type Finding } from '../../src/engine';

const SPEC = `openapi: 3.0.3
info:
  title: Suppressions
  version: 1.0.0
servers:
  - url: http://a.example.com
  - url: http://b.example.com
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

async function lint(uri: string, text: string) {
  return new Engine().lint({ uri, text });
}

const rules = (findings: Finding[], ruleId: string) => findings.filter((f) => f.ruleId === ruleId);

test('a comment with a reason silences the finding of the next line; it is kept with its justification', async () => {
  const text = SPEC.replace(
    '  - url: http://a.example.com',
    '  # apiwarden-disable-next-line oas-server-plain-http -- TLS ends at the proxy\n  - url: http://a.example.com',
  );
  const result = await lint('file:///tmp/s/spec.yaml', text);
  assert.equal(rules(result.findings, 'oas-server-plain-http').length, 1, 'the other server is still reported');
  const [suppressed] = result.suppressed;
  assert.equal(suppressed?.ruleId, 'oas-server-plain-http');
  assert.deepEqual(suppressed?.suppression, { kind: 'comment', justification: 'TLS ends at the proxy' });
  assert.equal(suppressed?.range.start.line, 6);
  assert.deepEqual(rules(result.findings, 'apiwarden-unused-suppression'), []);
});

test('a suppression that silences nothing is reported as info at the comment; off rules are not judged', async () => {
  const text = SPEC.replace('paths: {}', '# apiwarden-disable-next-line oas-server-plain-http -- stale\npaths: {}');
  const result = await lint('file:///tmp/s/spec.yaml', text);
  const [unused] = rules(result.findings, 'apiwarden-unused-suppression');
  assert.equal(unused?.severity, 'info');
  assert.deepEqual(unused?.range.start, { line: 9, character: 0 });
  const off = await new Engine().lint({
    uri: 'file:///tmp/s/spec.yaml',
    text,
    settings: { ...(await import('../../src/engine')).DEFAULT_SETTINGS, rules: { 'oas-server-plain-http': 'off' } },
  });
  assert.deepEqual(rules(off.findings, 'apiwarden-unused-suppression'), []);
});

test('x-apiwarden-ignore works in JSON specs and in $ref-ed files, for the node and below', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-ignore-'));
  try {
    mkdirSync(path.join(dir, 'paths'));
    writeFileSync(
      path.join(dir, 'paths', 'signup.json'),
      JSON.stringify({
        post: {
          'x-apiwarden-ignore': [{ rule: 'oas-operation-unidentified', reason: 'generated clients skip it' }],
          responses: { '201': { description: 'Created' } },
        },
      }),
    );
    const spec = {
      openapi: '3.0.3',
      info: { title: 'x', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      security: [{ key: [] }],
      paths: {
        '/signup': { $ref: './paths/signup.json' },
        '/other': { post: { responses: { '201': { description: 'Created' } } } },
      },
      components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
    };
    const file = path.join(dir, 'spec.json');
    const text = JSON.stringify(spec, null, 2);
    writeFileSync(file, text);
    const result = await lint(pathToUri(file), text);
    const inFragment = result.suppressed.filter((f) => f.uri.endsWith('signup.json'));
    assert.deepEqual(
      inFragment.map((f) => [f.ruleId, f.suppression]),
      [['oas-operation-unidentified', { kind: 'x-apiwarden-ignore', justification: 'generated clients skip it' }]],
    );
    assert.equal(rules(result.findings, 'oas-operation-unidentified').length, 1, '/other is still reported');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('code: comments in JS; a handler module without routes does not judge route rules', async () => {
  const js = `const express = require('express');
const app = express();
// apiwarden-disable-next-line code-route-without-auth -- public status page
app.delete('/items/:id', (req, res) => res.sendStatus(204));
app.delete('/orders/:id', (req, res) => res.sendStatus(204));
module.exports = app;
`;
  const result = await lint('file:///tmp/code/app.js', js);
  assert.deepEqual(
    result.suppressed.map((f) => [f.ruleId, f.range.start.line, f.suppression?.justification]),
    [['code-route-without-auth', 3, 'public status page']],
  );
  assert.ok(rules(result.findings, 'code-route-without-auth').some((f) => f.range.start.line === 4));
  const handlers = `// apiwarden-disable-next-line code-route-without-auth -- mounted behind the gateway
exports.list = (req, res) => res.json([]);
`;
  const alone = await lint('file:///tmp/code/handlers.js', handlers);
  assert.deepEqual(rules(alone.findings, 'apiwarden-unused-suppression'), [], 'not judged without routes');
});

test('"Disable for this line": a comment above with the indentation, or a rule added to one; then suppressed', async () => {
  const uri = 'file:///tmp/s/spec.yaml';
  const first = await lint(uri, SPEC);
  const target = rules(first.findings, 'oas-server-plain-http')[0]!;
  const fix = disableForLineFix(target, SPEC, uri)!;
  assert.equal(fix.edits[0]!.snippet, '  # apiwarden-disable-next-line oas-server-plain-http -- ${1:reason}\n');
  const once = applyEdits(SPEC, fix.edits);
  assert.equal(
    once,
    SPEC.replace(
      '  - url: http://a',
      '  # apiwarden-disable-next-line oas-server-plain-http -- <reason>\n  - url: http://a',
    ),
  );
  const after = await lint(uri, once);
  assert.equal(after.suppressed.length, 1);
  // A second rule on the same line joins the existing directive.
  const again = disableForLineFix(
    { ruleId: 'oas-server-environment-unclear', range: after.suppressed[0]!.range },
    once,
    uri,
  )!;
  assert.match(
    applyEdits(once, again.edits),
    /apiwarden-disable-next-line oas-server-plain-http, oas-server-environment-unclear -- <reason>/,
  );
});

test('"Disable for this node" in a JSON spec adds x-apiwarden-ignore, and the finding is suppressed', async () => {
  const uri = 'file:///tmp/s/spec.json';
  const text = `{
  "openapi": "3.0.3",
  "info": { "title": "x", "version": "1" },
  "servers": [
    { "url": "http://a.example.com" }
  ],
  "security": [{ "key": [] }],
  "paths": {},
  "components": { "securitySchemes": { "key": { "type": "apiKey", "in": "header", "name": "X-Key" } } }
}
`;
  const before = await lint(uri, text);
  const target = rules(before.findings, 'oas-server-plain-http')[0]!;
  const fix = disableForLineFix({ ...target, path: target.data?.path }, text, uri)!;
  const fixed = applyEdits(text, fix.edits);
  assert.doesNotThrow(() => JSON.parse(fixed));
  assert.match(
    fixed,
    /\{ "x-apiwarden-ignore": \[\{ "rule": "oas-server-plain-http", "reason": "<reason>" \}\], "url"/,
  );
  const after = await lint(uri, fixed);
  assert.deepEqual(rules(after.findings, 'oas-server-plain-http'), []);
  assert.equal(after.suppressed[0]?.suppression?.kind, 'x-apiwarden-ignore');
});
