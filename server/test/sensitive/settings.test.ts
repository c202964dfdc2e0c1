// apiwarden.sensitiveData reaches the OpenAPI rules through the engine's settings: extra names add classes,
// allow-listed names are never reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, normalizeSettings } from '../../src/engine';

const SPEC = `openapi: 3.0.3
info: {title: t, version: '1'}
security: [{bearer: []}]
paths:
  /members/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        '200':
          description: A member
          content:
            application/json:
              schema:
                type: object
                properties:
                  loyaltyNumber: {type: string}
                  email: {type: string}
                  session_id: {type: string}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
`;

async function reported(raw: unknown): Promise<Map<string, string[] | undefined>> {
  const result = await new Engine().lint({
    uri: 'file:///tmp/apiwarden-settings-test/members.yaml',
    text: SPEC,
    settings: normalizeSettings(raw),
  });
  assert.deepEqual(result.errors, []);
  const out = new Map<string, string[] | undefined>();
  for (const f of result.findings) {
    if (f.ruleId !== 'oas-sensitive-data-in-response') continue;
    out.set(/`([^`]+)`/.exec(f.message)![1]!, f.dataClasses);
  }
  return out;
}

test('without settings: built-in names only', async () => {
  const found = await reported({});
  assert.deepEqual([...found.keys()].sort(), ['email', 'session_id']);
  assert.deepEqual(found.get('email'), ['pii']);
  assert.deepEqual(found.get('session_id'), ['credential']);
});

test('extraNames adds a class, allowNames silences a name', async () => {
  const found = await reported({
    sensitiveData: { extraNames: { pii: ['loyalty number'] }, allowNames: ['sessionId'] },
  });
  assert.deepEqual([...found.keys()].sort(), ['email', 'loyaltyNumber']);
  assert.deepEqual(found.get('loyaltyNumber'), ['pii']);
});
