// Our built-in ruleset definition must pass Spectral's own schema check: the bundles skip that check at run time
// for it (it costs ~100 ms per process, see prevalidatedRulesets in scripts/build.mjs), so this test is where it
// happens. A team's ruleset is still checked by Spectral in the bundles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { assertValidRuleset } from '@stoplight/spectral-core';
import { recommendedRules, toSpectralRuleset } from '@apiwarden/rulesets';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test("the built-in ruleset definition passes Spectral's ruleset schema check, with and without rule options", () => {
  assert.doesNotThrow(() => assertValidRuleset(toSpectralRuleset(recommendedRules) as never, 'js'));
  assert.doesNotThrow(() =>
    assertValidRuleset(
      toSpectralRuleset(recommendedRules.slice(0, 5), {
        context: { sensitiveData: { sensitiveNames: { pii: ['nickname'] } } } as never,
        documentationBaseUrl: 'https://example.com/api-warden/blob/main/docs/rules/',
      }) as never,
      'js',
    ),
  );
  // The check is real: a broken definition is refused.
  assert.throws(() => assertValidRuleset({ rules: { broken: { given: 42, then: {} } } } as never, 'js'));
});

test('the bundles skip the check only for definitions the engine registered as built in', () => {
  for (const bundle of ['cliMain.js', 'lintWorker.js']) {
    const source = readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
    const guarded =
      source.match(
        /"apiwarden\.prevalidatedRulesets"\)\]\?\.has\(maybeDefinition\) \? \(\) => void 0 : index_1\.assertValidRuleset\)\(/g,
      ) ?? [];
    assert.doesNotMatch(source, /\(0, index_1\.assertValidRuleset\)\(/, `${bundle}: no unguarded check left`);
    assert.equal(guarded.length, 2, `${bundle}: both checks in Spectral's Ruleset constructor are guarded`);
  }
});

test('the bundles build the Ajv instance for custom function options on first use, not when Spectral is loaded', () => {
  // See lazyFunctionOptionsAjv in scripts/build.mjs: the eager instance cost ~30 ms per process.
  for (const bundle of ['cliMain.js', 'lintWorker.js']) {
    const source = readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
    assert.equal(
      source.split('functionOptionsAjv().compile(').length - 1,
      2,
      `${bundle}: both compiles go through the lazy instance`,
    );
    assert.doesNotMatch(
      source,
      /\b(const|let|var) ajv = new ajv_1\.default\(\{ allErrors: true, allowUnionTypes: true/,
      `${bundle}: no eager instance left`,
    );
    assert.match(
      source,
      /apiwardenAjv = new ajv_1\.default\(\{ allErrors: true, allowUnionTypes: true, strict: true/,
      `${bundle}: the lazy instance has Spectral's options`,
    );
  }
});
