// `apiwarden mcp` as an agent meets it: the bundled CLI started as a subprocess, driven by the MCP SDK's own client
// over stdio. Every tool is listed and called; a path outside the roots is refused and its file is never read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, ROOT } from './runCli';

const WORKSPACE = path.join(ROOT, 'test-fixtures', 'workspaces', 'bookshop-api');

interface TextResult {
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

async function connect(roots: string[]): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', ...roots],
    stderr: 'pipe',
    env: { ...process.env, NO_COLOR: '1' } as Record<string, string>,
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const client = new Client({ name: 'apiwarden-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<TextResult> {
  return (await client.callTool({ name, arguments: args })) as TextResult;
}

const textOf = (r: TextResult) => r.content.map((c) => c.text ?? '').join('\n');

test(
  'apiwarden mcp: lists its tools and answers each over stdio, only inside its roots',
  { timeout: 120_000 },
  async () => {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-mcp-')));
    cpSync(WORKSPACE, path.join(root, 'bookshop'), { recursive: true });
    const outside = realpathSync(mkdtempSync(path.join(tmpdir(), 'apiwarden-outside-')));
    // a spec that would have a finding if it were read
    writeFileSync(
      path.join(outside, 'open.yaml'),
      'openapi: 3.0.3\ninfo: { title: t, version: "1" }\nservers: [{ url: "http://api.example.com" }]\npaths: {}\n',
    );
    const { client, stderr } = await connect([path.join(root, 'bookshop')]);
    try {
      const tools = (await client.listTools()).tools.map((t) => t.name).sort();
      assert.deepEqual(tools, ['explain_rule', 'lint_file', 'lint_snippet', 'list_endpoints', 'suggest_fix']);

      // a spec: the plain-HTTP server of bookshop.yaml is found, with its place, rule and fix
      const spec = await call(client, 'lint_file', { path: 'openapi/bookshop.yaml' });
      assert.equal(spec.isError, undefined, textOf(spec));
      assert.match(textOf(spec), /openapi\/bookshop\.yaml:9:10 error oas-server-plain-http \(OWASP API8:2023\)/);
      assert.match(textOf(spec), /fix: Use https:\/\/ for this server: replace 9:10-9:17 with "https:\/\/"/);
      const findings = spec.structuredContent!.findings as { ruleId: string; line: number }[];
      assert.ok(findings.some((f) => f.ruleId === 'oas-password-readable'));

      // a folder: code and specs together; the unauthenticated admin route of src/server.ts is among them
      const folder = await call(client, 'lint_file', { path: '.' });
      assert.match(textOf(folder), /src\/server\.ts:15:9 error code-route-without-auth/);

      // a snippet placed in the project: its auth middleware is read from src/middleware/auth.ts
      const snippet = await call(client, 'lint_snippet', {
        language: 'typescript',
        path: 'src/routes/refunds.ts',
        text: [
          "import { Router } from 'express';",
          'const router = Router();',
          "router.post('/refunds/:id', async (req, res) => {",
          "  const r = await fetch(req.body.callbackUrl, { method: 'POST' });",
          '  res.json({ ok: r.ok });',
          '});',
          'export default router;',
        ].join('\n'),
      });
      assert.match(textOf(snippet), /code-ssrf/);
      assert.match(textOf(snippet), /^src\/routes\/refunds\.ts:4:\d+ error code-ssrf/m);
      const clean = await call(client, 'lint_snippet', {
        language: 'openapi-yaml',
        text: 'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: {}\n',
      });
      assert.doesNotMatch(textOf(clean), /oas-server-plain-http/);

      // the inventory: the admin export is documented and served, with no auth; DELETE /v1/customers/{id} is a shadow
      const endpoints = await call(client, 'list_endpoints', {});
      assert.match(textOf(endpoints), /^GET +\/v1\/admin\/orders\/export +ok +none /m);
      assert.match(textOf(endpoints), /^DELETE +\/v1\/customers\/\{customerId\} +shadow +required /m);
      const listed = endpoints.structuredContent!.endpoints as unknown[];
      assert.equal(listed.length, 8);
      const outsideList = await call(client, 'list_endpoints', { path: '..' });
      assert.equal(outsideList.isError, true);

      const rule = await call(client, 'explain_rule', { id: 'code-route-without-auth' });
      assert.match(
        textOf(rule),
        /^code-route-without-auth: Route without authentication \(default severity error, OWASP API2:2023, CWE-306/,
      );
      assert.match(textOf(rule), /## How to fix/);
      const unknown = await call(client, 'explain_rule', { id: 'route-without-auth' });
      assert.equal(unknown.isError, true);
      assert.match(textOf(unknown), /Did you mean `code-route-without-auth`/);
      const traversal = await call(client, 'explain_rule', { id: '../../package' });
      assert.equal(traversal.isError, true);

      const fix = await call(client, 'suggest_fix', { path: 'openapi/bookshop.yaml', line: 9 });
      assert.match(textOf(fix), /oas-server-plain-http\n {2}Use https:\/\//);
      const advice = await call(client, 'suggest_fix', { path: 'src/server.ts', ruleId: 'code-route-without-auth' });
      assert.match(textOf(advice), /No automatic fix; what to do: /);

      // outside the roots: refused before anything is read, absolute or through ..
      for (const p of [path.join(outside, 'open.yaml'), `../../${path.basename(outside)}/open.yaml`, outside]) {
        const refused = await call(client, 'lint_file', { path: p });
        assert.equal(refused.isError, true, p);
        assert.match(textOf(refused), /is outside the folders this server may read/);
        assert.doesNotMatch(textOf(refused), /plain HTTP/);
      }
      const snippetOutside = await call(client, 'lint_snippet', {
        language: 'python',
        text: 'x = 1',
        path: '../elsewhere.py',
      });
      assert.equal(snippetOutside.isError, true);
    } finally {
      await client.close();
    }
    assert.match(stderr(), /apiwarden mcp .*: serving over stdio; roots: /);
    assert.doesNotMatch(stderr(), /Error|warning/i);
  },
);
