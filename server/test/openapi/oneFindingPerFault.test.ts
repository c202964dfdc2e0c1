// One finding per fault: an administrative operation without any security is one fault (no authentication),
// reported by oas-operation-without-security alone, not a second time by oas-admin-security-not-distinct at the
// same place (GitHub's `/protection/enforce_admins` operations got both). The admin rule keeps the fault only it
// sees: admin operations secured exactly like ordinary ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../src/engine';

const SPEC = `openapi: 3.0.3
info:
  title: Admin paths
  version: 1.0.0
paths:
  /repos/{repo}/protection/enforce_admins:
    get:
      parameters:
        - { name: repo, in: path, required: true, schema: { type: string, maxLength: 100 } }
      responses:
        '200':
          description: No security anywhere in the document
  /internal/metrics:
    get:
      security: []
      responses:
        '200':
          description: Marked public on an internal path
  /admin/users:
    get:
      security:
        - bearer: []
      responses:
        '200':
          description: Secured like the ordinary operation below
  /users:
    get:
      security:
        - bearer: []
      responses:
        '200':
          description: Users
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
`;

const RULES = ['oas-operation-without-security', 'oas-admin-security-not-distinct'];

test('an admin operation gets one finding per fault from the two security rules', async () => {
  const result = await new Engine().lint({ uri: 'file:///admin-paths.yaml', text: SPEC });
  assert.deepEqual(result.errors, []);
  const byLine = new Map<number, string[]>();
  for (const f of result.findings.filter((f) => RULES.includes(f.ruleId)))
    byLine.set(f.range.start.line + 1, [...(byLine.get(f.range.start.line + 1) ?? []), f.ruleId]);
  assert.deepEqual(Object.fromEntries(byLine), {
    7: ['oas-operation-without-security'], // enforce_admins: no security at all
    14: ['oas-operation-without-security'], // security: [] on an internal path
    20: ['oas-admin-security-not-distinct'], // same requirement as /users
  });
});
