// `apiwarden lint <folder>` over a project with a spec and handler code: both are linted in one run, files that
// are neither are skipped, dependency folders are never entered. Runs the bundled CLI (dist/cli.js), which
// loads the tree-sitter .wasm files from beside itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

test('the CLI lints a whole project folder: OpenAPI documents and handler code together', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-cli-code-'));
  const write = (name: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  };
  try {
    write('package.json', '{ "name": "demo", "private": true }');
    write(
      'openapi.yaml',
      'openapi: 3.0.3\ninfo: { title: Demo, version: 1.0.0 }\npaths:\n  /users:\n    get:\n      responses:\n        "200": { description: ok }\n',
    );
    write(
      'src/app.js',
      "const express = require('express');\nconst app = express();\napp.delete('/users/:id', (req, res) => res.end());\nmodule.exports = app;\n",
    );
    write('src/util.js', 'module.exports.add = (a, b) => a + b;\n');
    write(
      'api/main.py',
      'from fastapi import FastAPI\napp = FastAPI()\n\n@app.post("/items")\ndef create():\n    return {}\n',
    );
    write('node_modules/express/index.js', "app.delete('/x', (req, res) => res.end());\n");
    const result = spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'json', '--fail-on', 'never'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as {
      summary: { files: number; openapiFiles: number; codeFiles: number; findings: number };
      findings: { ruleId: string; path: string; range: { start: { line: number } } }[];
    };
    const byFile = (file: string) =>
      report.findings.filter((f) => f.path.replace(/\\/g, '/').endsWith(file)).map((f) => f.ruleId);
    assert.ok(byFile('openapi.yaml').includes('oas-operation-without-security'), JSON.stringify(report.findings));
    assert.deepEqual(byFile('src/app.js'), ['code-route-without-auth']);
    assert.deepEqual(byFile('api/main.py'), ['code-route-without-auth']);
    assert.deepEqual(byFile('src/util.js'), []);
    assert.ok(!report.findings.some((f) => f.path.includes('node_modules')), 'node_modules is never linted');
    // Counted by kind: openapi.yaml; src/app.js and api/main.py (package.json and src/util.js are skipped).
    assert.deepEqual(
      {
        files: report.summary.files,
        openapiFiles: report.summary.openapiFiles,
        codeFiles: report.summary.codeFiles,
        findings: report.summary.findings,
      },
      { files: 3, openapiFiles: 1, codeFiles: 2, findings: report.findings.length },
    );
    const files = new Set(report.findings.map((f) => f.path)).size;
    assert.match(
      result.stderr,
      new RegExp(
        `^${report.findings.length} problems \\(.*\\) in ${files} files; 3 files linted \\(1 OpenAPI, 2 code\\)\\.$`,
        'm',
      ),
    );
    const stylish = spawnSync(process.execPath, [CLI, 'lint', '.', '--fail-on', 'never'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.match(stylish.stdout, /; 3 files linted \(1 OpenAPI, 2 code\)\.\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--auth-name trusts a middleware from a package as authentication', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-cli-auth-name-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), '{ "name": "demo", "private": true }');
    writeFileSync(
      path.join(dir, 'app.js'),
      "const express = require('express');\nconst { requireTenantUser } = require('@acme/auth');\nconst app = express();\napp.delete('/users/:id', requireTenantUser, (req, res) => res.end());\n",
    );
    const routesWithoutAuth = (args: string[]) => {
      const result = spawnSync(
        process.execPath,
        [CLI, 'lint', '.', '--format', 'json', '--fail-on', 'never', ...args],
        { cwd: dir, encoding: 'utf8' },
      );
      assert.equal(result.status, 0, result.stderr);
      return (JSON.parse(result.stdout) as { findings: { ruleId: string }[] }).findings.filter(
        (f) => f.ruleId === 'code-route-without-auth',
      ).length;
    };
    assert.equal(routesWithoutAuth([]), 1, 'an unknown name from a package is not trusted');
    assert.equal(routesWithoutAuth(['--auth-name', 'requireTenantUser']), 0);
    assert.equal(
      routesWithoutAuth(['--auth-name', 'somethingElse', '--auth-name', 'requireTenantUser']),
      0,
      'the flag is repeatable',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
