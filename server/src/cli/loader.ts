// The `apiwarden` command. Loads the CLI bundle (dist/cliMain.js, a few megabytes) through V8's code cache:
// compiling it is a good part of a short lint (a small spec lints in less time than Node takes to compile the
// bundle), so the compiled code is kept per user and reused while the bundle is unchanged. Any problem with the
// cache (read-only home, a rejected cache, APIWARDEN_NO_COMPILE_CACHE=1) just means compiling as usual.
import Module, { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { constants as vmConstants, Script } from 'node:vm';

const bundle = path.join(__dirname, 'cliMain.js');
const source = readFileSync(bundle, 'utf8');

function cacheFile(): string | undefined {
  if (process.env.APIWARDEN_NO_COMPILE_CACHE === '1') return undefined;
  try {
    const stat = statSync(bundle);
    const base = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
    return path.join(
      base,
      'apiwarden',
      `cli-${process.version}-${process.arch}-${stat.size}-${Math.floor(stat.mtimeMs)}.v8cache`,
    );
  } catch {
    return undefined;
  }
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    // Only a cache this user wrote is trusted: it holds compiled code.
    const stat = statSync(file);
    if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Caches of earlier builds (or Node versions) would pile up, one per build: only the newest few are kept (two
 * installs used in turn, a global one and a project's, keep theirs).
 */
function removeStaleCaches(current: string, keep = 4): void {
  const folder = path.dirname(current);
  const caches = readdirSync(folder)
    .filter((name) => /^cli-.*\.v8cache$/.test(name) && name !== path.basename(current))
    .map((name) => {
      try {
        return { name, mtime: statSync(path.join(folder, name)).mtimeMs };
      } catch {
        return { name, mtime: 0 };
      }
    })
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of caches.slice(keep - 1)) {
    try {
      unlinkSync(path.join(folder, name));
    } catch {
      // another process's, or already gone
    }
  }
}

const file = cacheFile();
const cachedData = readCache(file);
// The bundle uses import() (web-tree-sitter loads `module` that way): resolve it as Node's own loader would.
const script = new Script(Module.wrap(source), {
  filename: bundle,
  importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  ...(cachedData ? { cachedData } : {}),
});

if (file && (!cachedData || script.cachedDataRejected)) {
  // Written at exit, so that the functions compiled while linting are in it too.
  process.once('exit', () => {
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
      renameSync(temporary, file);
      removeStaleCaches(file);
    } catch {
      // no cache this time
    }
  });
}

const moduleObject = { exports: {} };
const run = script.runInThisContext() as (
  exports: unknown,
  require: NodeRequire,
  module: unknown,
  filename: string,
  dirname: string,
) => void;
run.call(moduleObject.exports, moduleObject.exports, createRequire(bundle), moduleObject, bundle, path.dirname(bundle));
