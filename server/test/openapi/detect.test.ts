// OpenAPI documents are recognised by their root key only, wherever it is, in YAML and JSON; nothing else
// is claimed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectOpenApi } from '../../src/engine/openapi/detect';
import { classifyDocument } from '../../src/engine/classify';

test('YAML root keys: first line, last line, quoted, every version', () => {
  assert.deepEqual(detectOpenApi('openapi: 3.0.3\ninfo: {}\n', '.yaml'), {
    version: '3.0',
    declared: '3.0.3',
    syntax: 'yaml',
  });
  assert.deepEqual(detectOpenApi('info:\n  title: x\npaths: {}\nopenapi: "3.1.0"\n', '.yml'), {
    version: '3.1',
    declared: '3.1.0',
    syntax: 'yaml',
  });
  assert.deepEqual(detectOpenApi("'swagger': '2.0'\n", '.yaml'), { version: '2.0', declared: '2.0', syntax: 'yaml' });
  assert.equal(detectOpenApi('openapi: 3.2.0\n', '.yaml')?.version, '3.2');
  // A look-alike key before the real one does not hide it.
  assert.equal(detectOpenApi('openapiTools: yes\ninfo: {}\nopenapi: 3.0.0\n', '.yaml')?.declared, '3.0.0');
});

test('JSON root keys at depth one only, also after other keys', () => {
  assert.equal(
    detectOpenApi('{"info": {"openapi": "3.0.0"}, "paths": {}, "openapi": "3.0.1"}', '.json')?.declared,
    '3.0.1',
  );
  assert.equal(detectOpenApi('{"info": {"openapi": "3.0.0"}}', '.json'), null);
  assert.equal(detectOpenApi('{ "swagger": "2.0", "paths": {} }', '.json')?.version, '2.0');
});

test('other YAML and JSON files are not OpenAPI', () => {
  assert.equal(detectOpenApi('services:\n  web:\n    image: nginx\n', '.yml'), null);
  assert.equal(detectOpenApi('  openapi: 3.0.0\n', '.yaml'), null, 'indented: not a root key');
  assert.equal(detectOpenApi('{"name": "x", "version": "1.0.0"}', '.json'), null);
  assert.equal(detectOpenApi('swagger: "1.2"\n', '.yaml'), null, 'Swagger 1.x is not supported');
  assert.equal(detectOpenApi('openapi: four\n', '.yaml'), null);
});

test('manifests and lock files are never specs, whatever keys they hold; the same text under another name is', () => {
  const text = '{ "name": "x", "openapi": "3.0.0" }';
  assert.equal(classifyDocument('file:///w/package.json', text).kind, 'none');
  assert.equal(classifyDocument('file:///w/sub/TSCONFIG.json', text).kind, 'none');
  assert.equal(classifyDocument('file:///w/docker-compose.yml', 'openapi: 3.0.0\n').kind, 'none');
  assert.equal(classifyDocument('file:///w/api.json', text).kind, 'openapi');
});
