// Runs the test suite with Node's built-in runner (TypeScript through tsx). Usage:
//   node scripts/run-tests.mjs [filter...]   (filters match test file paths)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const testRoot = path.join(root, 'server', 'test');
const filters = process.argv.slice(2);

function collect(directory) {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return entry === 'support' ? [] : collect(full);
    return entry.endsWith('.test.ts') ? [full] : [];
  });
}

const files = collect(testRoot)
  .sort()
  .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)));
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
