// Packs the npm package `apiwarden` (scripts/npmPackage.mjs, from the built dist/) for the tests that install it,
// and runs npm hermetically: offline, with a cache of its own, without the npm_* variables of an outer `npm run`.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BOOKSHOP = path.join(ROOT, 'test-fixtures', 'workspaces', 'bookshop-api');

/** Packs the package into `outDir`; returns the tarball's path. */
export function packNpmPackage(outDir: string): string {
  const pack = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'npmPackage.mjs'), '--out', outDir], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(pack.status, 0, `scripts/npmPackage.mjs failed: ${pack.stderr}`);
  const tarballs = readdirSync(outDir).filter((f) => /^apiwarden-.*\.tgz$/.test(f));
  assert.equal(tarballs.length, 1, `expected one tarball in ${outDir}: ${tarballs.join(', ')}`);
  return path.join(outDir, tarballs[0]!);
}

/** The environment npm runs in: no registry access, its own cache, no update check. */
export function offlineNpmEnv(cache: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return {
    ...env,
    npm_config_offline: 'true',
    npm_config_cache: cache,
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NO_COLOR: '1',
  };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}
