// Smoke test of the bench's inputs (bench/generators.ts), not of speed: the generated Express file and workspace
// are handler code the analyzer understands (routes found, auth seen through mounts), and the edit generators
// keep producing edits that apply. Performance targets are measured by `npm run bench`, never by tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/engine';
import { lintPaths } from '../../src/cli/lintFiles';
import {
  applyTextEdit,
  breaksSyntax,
  expressFile,
  randomCodeEdit,
  seededRandom,
  undoOf,
  writeExpressProject,
  writeWorkspace,
} from '../../../bench/generators';

test('bench: the 2,000-line Express file has routes with and without auth, and its edits apply and repair', async () => {
  const text = expressFile(2000);
  const lines = text.split('\n').length;
  assert.ok(lines >= 2000 && lines < 2100, `${lines} lines`);
  const routes = text.match(/^router\.(get|post|patch|delete)\(/gm)?.length ?? 0;
  const authed = text.match(/^router\.\w+\('[^']*', requireAuth, /gm)?.length ?? 0;
  assert.ok(routes > 200 && authed > routes / 2 && authed < routes, `${authed} of ${routes} routes authenticated`);

  let current = text;
  const random = seededRandom(1);
  const kinds = new Set<string>();
  for (let i = 0; i < 60; i++) {
    const edit = randomCodeEdit(current, random);
    assert.ok(edit.offset >= 0 && edit.offset + edit.length <= current.length, `edit ${i} (${edit.kind}) out of range`);
    kinds.add(edit.kind);
    const before = current;
    current = applyTextEdit(current, edit);
    if (breaksSyntax(edit)) {
      current = applyTextEdit(current, undoOf(before, edit));
      assert.equal(current, before, 'the undo restores the text');
    }
  }
  assert.ok(kinds.size >= 5, [...kinds].join(', '));

  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-bench-smoke-'));
  try {
    const file = writeExpressProject(dir, text);
    const result = await lintPaths([file], dir, DEFAULT_SETTINGS);
    assert.deepEqual(result.lintedByKind, { openapi: 0, code: 1 });
    const unauthenticated = result.findings.filter((f) => f.ruleId === 'code-route-without-auth').length;
    assert.ok(
      unauthenticated > 0 && unauthenticated < routes - authed + 1,
      `${unauthenticated} routes without auth reported`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bench: a small generated workspace is all handler code, mounted with and without auth', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'apiwarden-bench-smoke-'));
  try {
    const layout = writeWorkspace(dir, 40, []);
    assert.equal(layout.routeFiles.length, 40);
    const result = await lintPaths(['.'], dir, DEFAULT_SETTINGS);
    const linted = new Set(result.linted);
    for (const file of [...layout.routeFiles, ...layout.appFiles])
      assert.ok(linted.has(file), `${path.relative(dir, file)} was not linted as handler code`);
    const byExtension = new Map<string, number>();
    for (const finding of result.findings.filter((f) => f.ruleId === 'code-route-without-auth')) {
      const ext = path.extname(finding.uri);
      byExtension.set(ext, (byExtension.get(ext) ?? 0) + 1);
    }
    // Route files mounted without auth (every tenth) have unauthenticated routes in both languages.
    assert.ok((byExtension.get('.ts') ?? 0) + (byExtension.get('.js') ?? 0) > 0, JSON.stringify([...byExtension]));
    assert.ok((byExtension.get('.py') ?? 0) > 0, JSON.stringify([...byExtension]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
