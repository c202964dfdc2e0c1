// Broken YAML/JSON at every prefix (issue 18): real specs cut at seeded random offsets give diagnostics only
// (no exception, no hang), through the editor's incremental engine and from scratch, and the next valid version
// (the whole spec again) lints exactly as a fresh lint of it. 20 cuts per run; APIWARDEN_STRESS=1: 200, over
// the shared corpus' big specs too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Engine, pathToUri, type Finding } from '../../src/engine';
import { corpusFile } from '../support/corpus';
import { seededRandom } from '../support/randomEdits';

const STRESS = process.env.APIWARDEN_STRESS === '1';
const CUTS = STRESS ? 200 : 20;
const SMALL = ['petstore-oas3.0.yaml', 'museum-oas3.1.yaml', 'twilio-api-v2010-oas3.0.yaml'];
const LARGE = ['slack-web-swagger2.0.json', 'openai-oas3.1.yaml', 'stripe-spec3-oas3.0.yaml', 'github-api-oas3.0.json'];
const SPECS = [...SMALL, ...(STRESS ? LARGE : [])].filter((name) => existsSync(corpusFile(name)));

function canonical(findings: Finding[]): string[] {
  return findings.map((f) => JSON.stringify([f.uri, f.ruleId, f.range, f.message, f.severity])).sort();
}

test(
  `${CUTS} truncated corpus specs give diagnostics only, and the whole spec lints normally after`,
  {
    timeout: STRESS ? 3_600_000 : 300_000,
  },
  async () => {
    const random = seededRandom(18);
    const scratchOfWhole = new Map<string, string[]>();
    const editors = new Map<string, Engine>();
    for (let cut = 0; cut < CUTS; cut++) {
      const name = SPECS[cut % SPECS.length]!;
      const file = corpusFile(name);
      const uri = pathToUri(file);
      const whole = readFileSync(file, 'utf8');
      // the twilio spec is 1.5 MB: cut it in its first 100 KB in the default run, anywhere under stress
      const span = STRESS || whole.length < 100_000 ? whole.length : 100_000;
      const offset = Math.floor(random() * span);
      const truncated = whole.slice(0, offset);
      const label = `${name} cut at ${offset}`;
      const scratch = await new Engine().lint({ uri, text: truncated });
      assert.ok(Array.isArray(scratch.findings), label);
      let editor = editors.get(name);
      if (!editor) {
        editors.set(name, (editor = new Engine({ incremental: true })));
        await editor.lint({ uri, text: whole });
      }
      const edited = await editor.lint({ uri, text: truncated });
      assert.deepEqual(canonical(edited.findings), canonical(scratch.findings), `${label}: incremental = from scratch`);
      const repaired = await editor.lint({ uri, text: whole });
      let expected = scratchOfWhole.get(name);
      if (!expected)
        scratchOfWhole.set(name, (expected = canonical((await new Engine().lint({ uri, text: whole })).findings)));
      assert.deepEqual(canonical(repaired.findings), expected, `${label}: the repaired spec lints as from scratch`);
      assert.deepEqual(repaired.errors, [], label);
    }
  },
);
