// $refs a hostile or broken repository can write (issue 18): cycles in one file and across files, targets that
// are missing, folders or binary files, files outside the workspace, remote URLs. Each ends in a diagnostic at
// the $ref (or a clean resolution of the cycle), never an exception or a hang; a file outside the roots and a
// remote URL that is not allowed are never read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diskFileReader, Engine, normalizeSettings, pathToUri, type FileReader, type Finding } from '../../src/engine';

const HANG = { timeout: 60_000 };

function spec(schemas: Record<string, string>): string {
  return [
    'openapi: 3.0.0',
    "info: {title: t, version: '1'}",
    'paths: {}',
    'components:',
    '  schemas:',
    ...Object.entries(schemas).map(([name, value]) => `    ${name}: ${value}`),
    '',
  ].join('\n');
}

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-refs-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A disk reader that records what it was asked to read. */
function recordingReader(): FileReader & { reads: string[] } {
  const reads: string[] = [];
  return { reads, read: (uri) => (reads.push(uri), diskFileReader.read(uri)) };
}

async function lintFile(file: string, options: { readRoots?: string[]; allowRemoteRefs?: boolean } = {}) {
  const reader = recordingReader();
  const { readFileSync } = await import('node:fs');
  const result = await new Engine({ fileReader: reader }).lint({
    uri: pathToUri(file),
    text: readFileSync(file, 'utf8'),
    settings: normalizeSettings({ allowRemoteRefs: options.allowRemoteRefs === true }),
    ...(options.readRoots ? { readRoots: options.readRoots.map(pathToUri) } : {}),
  });
  return { findings: result.findings, reads: reader.reads };
}

const unresolved = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'oas-unresolved-ref');

test('circular $refs (self, mutual, through two files) resolve without a hang or an error', HANG, async () => {
  const dir = folder({
    'root.yaml': spec({
      Self: "{type: object, properties: {me: {$ref: '#/components/schemas/Self'}}}",
      A: "{type: object, properties: {b: {$ref: '#/components/schemas/B'}}}",
      B: "{type: object, properties: {a: {$ref: '#/components/schemas/A'}}}",
      C: "{$ref: './one.yaml#/One'}",
      Direct: "{$ref: '#/components/schemas/Direct'}",
    }),
    'one.yaml': "One: {type: object, properties: {two: {$ref: './two.yaml#/Two'}}}\n",
    'two.yaml': "Two: {type: object, properties: {one: {$ref: './one.yaml#/One'}}}\n",
  });
  const { findings } = await lintFile(path.join(dir, 'root.yaml'));
  assert.deepEqual(unresolved(findings), []);
  assert.ok(!findings.some((f) => f.ruleId === 'oas-syntax-error'));
});

test('$refs to a missing file, a folder and a binary file are unresolved refs at the $ref', HANG, async () => {
  const png = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff,
  ]);
  const dir = folder({
    'root.yaml': spec({
      Missing: "{$ref: './nowhere.yaml#/X'}",
      Folder: "{$ref: './sub'}",
      Binary: "{$ref: './image.yaml'}",
    }),
    'sub/placeholder.txt': 'x',
    'image.yaml': png,
  });
  const { findings } = await lintFile(path.join(dir, 'root.yaml'));
  const refs = unresolved(findings);
  assert.equal(refs.length, 3, JSON.stringify(findings, null, 1));
  assert.ok(refs.every((f) => f.uri === pathToUri(path.join(dir, 'root.yaml'))));
  assert.ok(refs.every((f) => /does not exist or cannot be read/.test(f.message)));
  assert.ok(!findings.some((f) => f.uri !== pathToUri(path.join(dir, 'root.yaml'))));
});

test('a $ref to a file outside the read roots is refused and the file is never read', HANG, async () => {
  // The outside file has a syntax error: read, it would be an oas-syntax-error finding in that file.
  const outside = folder({ 'secret.yaml': 'Leak: {type: [unclosed\n' });
  const project = mkdtempSync(path.join(tmpdir(), 'apiwarden-project-'));
  const root = path.join(project, 'api', 'root.yaml');
  mkdirSync(path.dirname(root));
  const relative = path.relative(path.dirname(root), path.join(outside, 'secret.yaml'));
  writeFileSync(
    root,
    spec({
      Outside: `{$ref: '${path.join(outside, 'secret.yaml')}#/Leak'}`,
      Relative: `{$ref: '${relative}#/Leak'}`,
    }),
  );
  const secretUri = pathToUri(path.join(outside, 'secret.yaml'));
  // Without roots (as before): read, and its fault reported in it.
  const unbounded = await lintFile(root);
  assert.ok(unbounded.reads.includes(secretUri));
  assert.ok(unbounded.findings.some((f) => f.uri === secretUri));
  // With the project as the root: refused at the $ref, never read.
  const bounded = await lintFile(root, { readRoots: [project] });
  assert.ok(!bounded.reads.includes(secretUri), JSON.stringify(bounded.reads));
  assert.ok(!bounded.findings.some((f) => f.uri === secretUri));
  const refs = unresolved(bounded.findings);
  assert.ok(refs.length >= 1);
  assert.ok(
    refs.every((f) => /outside the workspace folders/.test(f.message)),
    JSON.stringify(refs),
  );
});

test(
  'remote $refs are not fetched unless allowed (a local HTTP server sees no request), then they are',
  HANG,
  async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'application/yaml');
      response.end('Remote: {type: object, properties: {id: {type: string}}}\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const dir = folder({ 'root.yaml': spec({ R: `{$ref: 'http://127.0.0.1:${port}/common.yaml#/Remote'}` }) });
      const root = path.join(dir, 'root.yaml');
      const refused = await lintFile(root);
      assert.equal(requests.length, 0);
      assert.match(unresolved(refused.findings)[0]?.message ?? '', /was not fetched/);
      const allowed = await lintFile(root, { allowRemoteRefs: true });
      assert.deepEqual(requests, ['/common.yaml']);
      assert.deepEqual(unresolved(allowed.findings), []);
    } finally {
      server.close();
    }
  },
);
