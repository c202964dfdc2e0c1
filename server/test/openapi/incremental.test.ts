// Incremental linting (the editor path: unchanged parts of a spec are not parsed again) must give exactly the
// findings of a from-scratch lint, after every edit of randomised edit sequences on real specs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine, pathToUri, type Finding } from '../../src/engine';
import { applyTextEdit, randomEdit, seededRandom, undoOf } from '../support/randomEdits';
import { corpusFile } from '../support/corpus';

const SPECS: { file: string; edits: number }[] = [
  { file: 'petstore-oas3.0.yaml', edits: 25 },
  { file: 'museum-oas3.1.yaml', edits: 25 },
  { file: 'twilio-api-v2010-oas3.0.yaml', edits: 12 },
];

function canonical(findings: Finding[]): string[] {
  return findings
    .map((f) => JSON.stringify([f.uri, f.ruleId, f.range, f.message, f.severity, f.fixable, f.data ?? null]))
    .sort();
}

export async function checkIncrementalEqualsScratch(
  file: string,
  edits: number,
  seed: number,
): Promise<{ kinds: string[]; chunkedLints: number; reparsed: number[] }> {
  const uri = pathToUri(corpusFile(file));
  let text = readFileSync(corpusFile(file), 'utf8');
  const incremental = new Engine({ incremental: true });
  const random = seededRandom(seed);
  const kinds: string[] = [];
  const reparsed: number[] = [];
  let chunkedLints = 0;
  await incremental.lint({ uri, text });
  for (let i = 0; i < edits; i++) {
    const edit = randomEdit(text, random);
    const before = text;
    text = applyTextEdit(text, edit);
    kinds.push(edit.kind);
    const fromScratch = await new Engine().lint({ uri, text });
    const fromCache = await incremental.lint({ uri, text });
    assert.deepEqual(
      canonical(fromCache.findings),
      canonical(fromScratch.findings),
      `${file}, seed ${seed}, edit ${i + 1} (${edit.kind}) changed the result`,
    );
    if (fromCache.parse?.mode === 'chunked') {
      chunkedLints++;
      reparsed.push(fromCache.parse.reparsed);
    }
    if (edit.kind.startsWith('delete the space')) {
      text = applyTextEdit(text, undoOf(before, edit));
      const repairedScratch = await new Engine().lint({ uri, text });
      const repairedCache = await incremental.lint({ uri, text });
      assert.deepEqual(
        canonical(repairedCache.findings),
        canonical(repairedScratch.findings),
        `${file}, seed ${seed}, after repairing edit ${i + 1}`,
      );
    }
  }
  return { kinds, chunkedLints, reparsed };
}

for (const { file, edits } of SPECS) {
  test(`incremental lint equals a from-scratch lint after random edits: ${file}`, async () => {
    const { kinds, chunkedLints, reparsed } = await checkIncrementalEqualsScratch(file, edits, 7 + file.length);
    assert.ok(new Set(kinds).size >= 3, `the edit sequence should mix kinds of edits: ${kinds.join(', ')}`);
    // The cache was really used: most lints re-parsed a few entries, not the document.
    assert.ok(chunkedLints >= edits / 2, `only ${chunkedLints} of ${edits} lints were incremental`);
    assert.ok(
      reparsed.filter((n) => n <= 2).length >= chunkedLints / 2,
      `re-parsed entries per lint: ${reparsed.join(', ')}`,
    );
  });
}
