// Half-typed handler code (issue 18): every code fixture (JavaScript, TypeScript, Python) cut at seeded random
// offsets gives findings or nothing, never an exception or an internal error, through the editor's incremental
// engine and from scratch alike; and the whole file afterwards lints exactly as a fresh lint of it. 60 cuts per run;
// APIWARDEN_STRESS=1: 600.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Engine, pathToUri, type Finding } from '../../src/engine';
import { FIXTURES_ROOT } from '../support/fixtureRunner';
import { seededRandom } from '../support/randomEdits';

const STRESS = process.env.APIWARDEN_STRESS === '1';
const CUTS = STRESS ? 600 : 60;

function codeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return codeFiles(full);
    return /\.(js|ts|py)$/.test(entry) ? [full] : [];
  });
}

const canonical = (findings: Finding[]) =>
  findings.map((f) => JSON.stringify([f.uri, f.ruleId, f.range, f.message, f.severity])).sort();

test(
  `${CUTS} truncated handler files lint without errors, and the whole file lints normally after`,
  { timeout: STRESS ? 1_800_000 : 300_000 },
  async () => {
    const files = codeFiles(path.join(FIXTURES_ROOT, 'code')).sort();
    for (const language of ['.js', '.ts', '.py'])
      assert.ok(
        files.some((f) => f.endsWith(language)),
        `fixtures in ${language}`,
      );
    const random = seededRandom(1812);
    const editor = new Engine({ incremental: true });
    const scratchOfWhole = new Map<string, string[]>();
    for (let cut = 0; cut < CUTS; cut++) {
      const file = files[Math.floor(random() * files.length)]!;
      const uri = pathToUri(file);
      const whole = readFileSync(file, 'utf8');
      const offset = Math.floor(random() * whole.length);
      const label = `${path.relative(FIXTURES_ROOT, file)} cut at ${offset}`;
      const truncated = whole.slice(0, offset);
      const scratch = await new Engine().lint({ uri, text: truncated });
      assert.deepEqual(scratch.errors, [], `${label}: from scratch`);
      await editor.lint({ uri, text: whole });
      const edited = await editor.lint({ uri, text: truncated });
      assert.deepEqual(edited.errors, [], `${label}: in the editor`);
      // No equality with the scratch lint here, on purpose: while a file does not parse, the editor's engine lets the
      // exports of its last version that did stand in (workspace.ts, lastGoodFacts), so a half-typed routes file stays
      // mounted behind its app's auth instead of flashing "no authentication" at every keystroke; a fresh engine has
      // no such version. The repaired file must lint exactly as from scratch:
      const repaired = await editor.lint({ uri, text: whole });
      let expected = scratchOfWhole.get(file);
      if (!expected)
        scratchOfWhole.set(file, (expected = canonical((await new Engine().lint({ uri, text: whole })).findings)));
      assert.deepEqual(canonical(repaired.findings), expected, `${label}: the repaired file lints as from scratch`);
    }
  },
);
