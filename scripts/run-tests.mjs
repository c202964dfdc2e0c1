// Runs the test suite with Node's built-in runner (TypeScript through tsx). Usage:
//   node scripts/run-tests.mjs [filter...]   (filters match test file paths)
//   node scripts/run-tests.mjs --stress [filter...]   (`npm run test:stress`: the test files that have a stress
//     variant, i.e. that read APIWARDEN_STRESS, run with APIWARDEN_STRESS=1)
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const testRoot = path.join(root, 'server', 'test');
const stress = process.argv.includes('--stress');
const filters = process.argv.slice(2).filter((arg) => arg !== '--stress');

function collect(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return entry === 'support' ? [] : collect(full);
    return entry.endsWith('.test.ts') ? [full] : [];
  });
}

const files = collect(testRoot)
  .sort()
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)))
  .filter((f) => !stress || readFileSync(f, 'utf8').includes('APIWARDEN_STRESS'));
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
  env: stress ? { ...process.env, APIWARDEN_STRESS: '1' } : process.env,
});
process.exit(result.status ?? 1);
