// `npm run demo`: build, lint test-fixtures/ with the CLI (findings counted per rule, not listed: the fixtures hold
// well over a thousand on purpose), package the extension, and end with what came of it: how many files and
// findings, and where the .vsix is. A failing step shows its output and stops the demo.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** `npm run <script>` with the npm that runs this script (npm_execpath), or the one on PATH. */
function npmRun(script, capture) {
  const npm = process.env.npm_execpath;
  const [command, args] = npm
    ? [process.execPath, [npm, 'run', '--silent', script]]
    : ['npm', ['run', '--silent', script]];
  return step(command, args, capture);
}

function step(command, args, capture) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    shell: process.platform === 'win32' && command === 'npm',
  });
  if (result.status !== 0) {
    if (capture) process.stderr.write(result.stdout + result.stderr);
    console.error(`demo: ${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
  return result;
}

npmRun('build', false);
const lint = step(
  process.execPath,
  ['dist/cli.js', 'lint', 'test-fixtures', '--format', 'summary', '--fail-on', 'never'],
  true,
);
// The table per rule now; its summary line (the last) closes the demo.
const lintLines = lint.stdout.trimEnd().split('\n');
process.stdout.write(lintLines.slice(0, -1).join('\n') + '\n');
const packaging = npmRun('package', true);
// vsce: " DONE  Packaged: dist/api-warden.vsix (85 files, 2.13 MB)"
const packaged = /Packaged: (\S+) \(([^)]*)\)/.exec(packaging.stdout + packaging.stderr);
console.log(`test-fixtures/: ${lintLines.at(-1)}`);
console.log(
  packaged
    ? `Extension: ${packaged[1]} (${packaged[2]}); install it with \`code --install-extension ${packaged[1]}\`.`
    : `Extension packaged: ${packaging.stdout.trim().split('\n').at(-1)}`,
);
