// The OpenAPI fixes that choose values from the rest of the document, applied to real findings and re-linted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, applyEdits, computeFixes } from '../../src/engine';

const engine = new Engine();

async function fix(uri: string, text: string, ruleId: string, index = 0) {
  const findings = (await engine.lint({ uri, text })).findings.filter((f) => f.ruleId === ruleId && f.fixable);
  const target = findings[index];
  assert.ok(target, `no fixable ${ruleId}`);
  const fixes = computeFixes(ruleId, target.data, text, uri);
  assert.ok(fixes[0], `no fix for ${ruleId}`);
  const fixed = applyEdits(text, fixes[0].edits);
  const after = (await engine.lint({ uri, text: fixed })).findings.filter((f) => f.ruleId === ruleId);
  return { fixes, fixed, before: findings.length, after: after.length };
}

const HEAD = `openapi: 3.0.3
info:
  title: t
  version: 1.0.0
servers:
  - url: https://api.example.com
`;

test('401/403 are added as $refs to the component responses the document already has', async () => {
  const text = `${HEAD}security:
  - bearer: []
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: OK
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  responses:
    Unauthorized:
      description: No valid token
    Forbidden:
      description: Not allowed
`;
  const { fixed, after } = await fix('file:///v/refs.yaml', text, 'oas-auth-error-responses-missing');
  assert.equal(after, 0);
  assert.match(
    fixed,
    /'200':\n {10}description: OK\n {8}'401':\n {10}\$ref: '#\/components\/responses\/Unauthorized'\n {8}'403':\n {10}\$ref: '#\/components\/responses\/Forbidden'\n/,
  );
});

test('maxLength takes the value a same-named property uses elsewhere; else the default', async () => {
  const text = `${HEAD}security:
  - key: []
paths:
  /users:
    post:
      operationId: createUser
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                email: { type: string }
      responses:
        '201':
          description: Created
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
  schemas:
    Contact:
      type: object
      properties:
        email:
          type: string
          maxLength: 320
`;
  const { fixed, after, fixes } = await fix('file:///v/same.yaml', text, 'oas-string-unbounded');
  assert.equal(after, 0);
  assert.match(fixed, /email: \{ type: string, maxLength: 320 \}/);
  assert.equal(fixes[0]!.edits[0]!.snippet, ', maxLength: 320', 'a known value is no placeholder');
});

test('security is copied from the other operations of the path, in JSON too', async () => {
  const spec = {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/orders': {
        get: {
          operationId: 'list',
          security: [{ oauth: ['orders:read'] }],
          responses: { '200': { description: 'OK' } },
        },
        post: { operationId: 'create', responses: { '201': { description: 'Created' } } },
      },
    },
    components: {
      securitySchemes: {
        oauth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://a.example.com/t', scopes: {} } } },
        key: { type: 'apiKey', in: 'header', name: 'X-Key' },
      },
    },
  };
  const text = JSON.stringify(spec, null, 2);
  const { fixed, after } = await fix('file:///v/neighbours.json', text, 'oas-operation-without-security');
  assert.equal(after, 0);
  assert.match(fixed, /"post": \{\n {8}"security": \[\{ "oauth": \["orders:read"\] \}\],\n {8}"operationId": "create"/);
});
