// Secret files found the way the CLI and the workspace lint find them: dot files discovered, `.gitignore`
// honoured up to the repository root (and not above it), example files and test folders left alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { lintPaths } from '../../src/cli/lintFiles';
import { DEFAULT_SETTINGS, uriToPath } from '../../src/engine';
import { SECRET_FILE_GLOBS } from '../../src/engine/secrets/secretFiles';

const RULE = 'code-secret-file-committed';

test('secret files: discovered as dot files, reported unless git ignores them or they are examples or tests', async () => {
  const outer = mkdtempSync(path.join(tmpdir(), 'apiwarden-secret-files-'));
  const write = (relative: string, text: string) => {
    const file = path.join(outer, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  try {
    // a .gitignore above the repository root is not the repository's: it must not hide repo/.env
    write('.gitignore', '.env\n');
    write('repo/.git/HEAD', 'ref: refs/heads/main\n');
    write('repo/.gitignore', '.env.local\n*.secret.pem\n');
    write('repo/.env', 'JWT_SECRET=changeme\n');
    write('repo/.env.local', 'JWT_SECRET=a-local-secret-value\n');
    write('repo/.env.example', 'JWT_SECRET=changeme\n');
    write('repo/deploy/id_rsa', '-----BEGIN OPENSSH PRIVATE KEY-----\nFAKE\n-----END OPENSSH PRIVATE KEY-----\n');
    write('repo/deploy/tls.secret.pem', '-----BEGIN PRIVATE KEY-----\nFAKE\n-----END PRIVATE KEY-----\n');
    write('repo/deploy/ca.pem', '-----BEGIN CERTIFICATE-----\nFAKE\n-----END CERTIFICATE-----\n');
    write('repo/tests/fixtures/server.key', '-----BEGIN PRIVATE KEY-----\nFAKE\n-----END PRIVATE KEY-----\n');
    const result = await lintPaths(['repo'], outer, DEFAULT_SETTINGS);
    const reported = result.findings
      .filter((f) => f.ruleId === RULE)
      .map((f) => path.relative(outer, uriToPath(f.uri)).split(path.sep).join('/'))
      .sort();
    assert.deepEqual(reported, ['repo/.env', 'repo/deploy/id_rsa']);
  } finally {
    rmSync(outer, { recursive: true, force: true });
  }
});

test('the extension sends the same secret-file names to the server as the engine discovers', async () => {
  const { readFileSync } = await import('node:fs');
  const client = readFileSync(path.join(__dirname, '..', '..', '..', 'client', 'src', 'extension.ts'), 'utf8');
  const pattern = /SECRET_FILE_PATTERN = '\*\*\/\{([^}]+)\}'/.exec(client)?.[1];
  assert.ok(pattern, 'client/src/extension.ts declares SECRET_FILE_PATTERN');
  assert.deepEqual(pattern.split(',').sort(), SECRET_FILE_GLOBS.map((g) => g.replace(/^\*\*\//, '')).sort());
});
