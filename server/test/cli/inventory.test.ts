// `apiwarden inventory`: the bundled CLI over the fixture workspaces, in every format; the JSON report against its
// published schema; the HTML report self-contained (no network resources) with its charts, table and filter.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ROOT, runCli } from './runCli';

const EXPRESS = path.join(ROOT, 'test-fixtures', 'workspaces', 'inventory-express');
const SCHEMA = path.join(ROOT, 'docs', 'schemas', 'apiwarden-inventory.schema.json');

test(
  'json: validates against docs/schemas/apiwarden-inventory.schema.json and lists endpoints and xref findings',
  { timeout: 60_000 },
  () => {
    const { code, stdout, stderr } = runCli(['inventory', '--format', 'json', '.'], EXPRESS);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout) as {
      summary: { endpoints: number; byStatus: Record<string, number>; byAuth: Record<string, number> };
      endpoints: { method: string; path: string; status: string; codeRoutes: { file: string; line: number }[] }[];
      findings: { ruleId: string; file: string; line: number }[];
    };
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
    assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
    assert.equal(report.summary.endpoints, 13);
    assert.deepEqual(report.summary.byStatus, {
      ok: 6,
      shadow: 2,
      undocumented: 1,
      zombie: 3,
      unserved: 1,
      'spec-only': 0,
      ambiguous: 0,
    });
    const shadow = report.endpoints.find((e) => e.path === '/api/internal/debug/orders')!;
    assert.equal(shadow.status, 'shadow');
    assert.deepEqual(
      shadow.codeRoutes.map((r) => `${r.file}:${r.line}`),
      ['src/routes/orders.ts:21'],
    );
    assert.ok(
      report.findings.some(
        (f) => f.ruleId === 'xref-shadow-endpoint' && f.file === 'src/routes/orders.ts' && f.line === 21,
      ),
    );
    // the schema is not vacuous
    assert.equal(validate({ ...report, endpoints: [{ ...report.endpoints[0], status: 'weird' }] }), false);
    assert.match(stderr, /13 endpoints, 2 shadow, 3 zombie, 12 cross-check findings/);
  },
);

test(
  'table, csv and markdown name every endpoint; --fail-on turns xref errors into exit 1',
  { timeout: 60_000 },
  () => {
    const table = runCli(['inventory'], EXPRESS);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /^METHOD +PATH/);
    assert.match(table.stdout, /GET +\/api\/internal\/debug\/orders +shadow +none/);
    const csv = runCli(['inventory', '-f', 'csv'], EXPRESS);
    const lines = csv.stdout.trimEnd().split('\r\n');
    assert.equal(
      lines[0],
      'method,path,status,auth,dataClasses,aiLinked,deprecated,documented,served,owner,project,spec,code',
    );
    assert.equal(lines.length, 14);
    assert.ok(
      lines.includes(
        'GET,/api/v1/orders,zombie,none,,false,true,true,true,orders,.,openapi.yaml#/paths/~1v1~1orders/get,src/routes/orders.ts:12',
      ),
    );
    const markdown = runCli(['inventory', '-f', 'markdown'], EXPRESS);
    assert.match(markdown.stdout, /^# API inventory/);
    assert.match(markdown.stdout, /\| DELETE \| `\/api\/users\/\{id\}` \| shadow \|/);
    assert.match(markdown.stdout, /## Cross-check findings/);
    assert.equal(runCli(['inventory', '--fail-on', 'error'], EXPRESS).code, 1);
    assert.equal(runCli(['inventory', '--fail-on', 'error', '-r', 'xref-auth-mismatch=off'], EXPRESS).code, 0);
    const missing = runCli(['inventory', 'no-such-folder'], EXPRESS);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: no-such-folder/);
  },
);

test(
  'html: one self-contained file with summary charts, the endpoint table and its filter',
  { timeout: 60_000 },
  () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-inventory-html-'));
    try {
      const out = path.join(dir, 'inventory.html');
      const { code, stderr } = runCli(['inventory', '-f', 'html', '-o', out], EXPRESS);
      assert.equal(code, 0, stderr);
      const html = readFileSync(out, 'utf8');
      assert.match(html, /^<!doctype html>/);
      // nothing is fetched: no external scripts, styles, images or fonts
      assert.doesNotMatch(
        html,
        /<script[^>]+src=|<link[^>]+href=|<img[^>]+src=|url\(|@import|https?:\/\/(?!www\.w3\.org)/i,
      );
      assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
      for (const id of ['chart-auth', 'chart-data', 'chart-status'])
        assert.match(html, new RegExp(`<figure class="chart" id="${id}"><figcaption>[^<]+</figcaption><svg`));
      assert.equal((html.match(/<tr data-status=/g) ?? []).length, 13);
      assert.match(
        html,
        /<tr data-status="shadow" data-auth="none"[^>]*><td class="method">GET<\/td><td class="path"><code>\/api\/internal\/debug\/orders<\/code>/,
      );
      assert.match(html, /<input type="search" id="q"/);
      assert.match(html, /<script>[\s\S]*querySelectorAll\('#endpoints tbody tr'\)[\s\S]*<\/script>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'lint --cross-check adds the xref findings to the lint report; without it there are none',
  { timeout: 60_000 },
  () => {
    const xrefOf = (stdout: string) =>
      (JSON.parse(stdout) as { findings: { ruleId: string; path: string; line: number }[] }).findings
        .filter((f) => f.ruleId.startsWith('xref-'))
        .map((f) => `${f.ruleId} ${f.path}:${f.line}`);
    const plain = runCli(['lint', '-f', 'json', '.'], EXPRESS);
    assert.deepEqual(xrefOf(plain.stdout), []);
    const crossChecked = runCli(['lint', '--cross-check', '-f', 'json', '.'], EXPRESS);
    const xref = xrefOf(crossChecked.stdout);
    assert.equal(xref.length, 12, xref.join('\n'));
    assert.ok(xref.includes('xref-shadow-endpoint src/routes/orders.ts:21'));
    assert.ok(xref.includes('xref-unserved-operation openapi.yaml:72'));
  },
);
