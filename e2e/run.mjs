#!/usr/bin/env node
// End-to-end tests of API Warden in real editors: the VS Code workbench (code-server, driven by Playwright with
// Debian's Chromium) and headless Neovim. See docs/e2e.md.
//
//   node e2e/run.mjs                      setup + build + package + all groups (openapi, code, extension, nvim)
//   node e2e/run.mjs --only=openapi-hover run one scenario (comma-separate several)
//   node e2e/run.mjs --groups=openapi,nvim run some groups only (openapi, code, extension, nvim)
//   node e2e/run.mjs --screenshots        run the scenarios that take README images, copy them to docs/images/
//   --no-setup, --no-build                skip e2e/setup.sh, skip `npm run build && npm run package`
//   --built                               dist/ is fresh: package it, do not build again
//   --keep                                keep profiles and workspaces of passing attempts too
// Environment: APIWARDEN_E2E_SETTINGS='{"apiwarden.rules": {...}}' is merged into the VS Code user settings.
// Each scenario runs at most twice (one retry, reported). Exit code 0 only if every selected scenario passed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodeServer, tail } from './lib/codeServer.mjs';
import { cliFindings, ruleCatalog } from './lib/expectations.mjs';
import { Workbench } from './lib/workbench.mjs';
import { scenarios as openapiScenarios } from './scenarios/openapi.mjs';
import { scenarios as codeScenarios } from './scenarios/code.mjs';
import { scenarios as nvimScenarios } from './scenarios/nvim.mjs';
import { scenarios as extensionScenarios } from './scenarios/extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = process.env.APIWARDEN_E2E_CACHE ?? path.join(ROOT, '.e2e');
const ARTIFACTS = path.join(CACHE, 'artifacts');
const WORKSPACE = path.join(ROOT, 'test-fixtures', 'workspaces', 'bookshop-api');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const DEFAULT_GROUPS = ['openapi', 'code', 'extension', 'nvim'];
const SCENARIO_TIMEOUT_MS = 180_000;
const VIEWPORT = { width: 1280, height: 800 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ALL = [...openapiScenarios, ...codeScenarios, ...extensionScenarios, ...nvimScenarios];

// ---- arguments ------------------------------------------------------------------------------------------------
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const unknown = args.filter(
  (a) =>
    !/^--(only|groups)=/.test(a) &&
    !['--screenshots', '--no-setup', '--no-build', '--built', '--keep', '--help'].includes(a),
);
if (flag('help') || unknown.length > 0) {
  if (unknown.length) console.error(`unknown arguments: ${unknown.join(' ')}`);
  console.error(
    fs
      .readFileSync(fileURLToPath(import.meta.url), 'utf8')
      .split('\n')
      .slice(1, 12)
      .map((l) => l.replace(/^\/\/ ?/, ''))
      .join('\n'),
  );
  console.error(`scenarios: ${ALL.map((s) => `${s.id} (${s.group})`).join(', ')}`);
  process.exit(unknown.length ? 2 : 0);
}
const screenshots = flag('screenshots');
let groups = option('groups')?.split(',').filter(Boolean) ?? [...DEFAULT_GROUPS];
if (screenshots && !option('groups')) groups = groups.filter((g) => g !== 'nvim');
const only = option('only')?.split(',').filter(Boolean);
for (const id of only ?? [])
  if (!ALL.some((s) => s.id === id)) {
    console.error(`no scenario "${id}"; known: ${ALL.map((s) => s.id).join(', ')}`);
    process.exit(2);
  }
const selected = ALL.filter((s) => (only ? only.includes(s.id) : groups.includes(s.group)));
const notRun = ALL.filter((s) => !selected.includes(s));

// ---- logging --------------------------------------------------------------------------------------------------
const T0 = Date.now();
const stamp = () => `[${((Date.now() - T0) / 1000).toFixed(1).padStart(6)}s]`;
const log = (m) => console.log(`${stamp()} ${m}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(cmd, cmdArgs, what) {
  const t = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    log(`FAILED: ${what} (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  log(`TIMING ${what}: ${seconds(Date.now() - t)}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function withTimeout(promise, ms, onTimeout) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => {
        onTimeout?.();
        reject(new Error(`scenario timed out after ${ms / 1000} s`));
      }, ms);
    }),
  ]);
}

// ---- one attempt ----------------------------------------------------------------------------------------------
async function attempt(scenario, n, shared) {
  const dir = path.join(ARTIFACTS, scenario.id, `attempt-${n}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const ws = path.join(dir, 'ws', 'bookshop-api');
  fs.cpSync(WORKSPACE, ws, { recursive: true });
  const shots = [];
  let shotNo = 0;
  const prefix = `  ${scenario.id}#${n}`;
  const t = {
    root: ROOT,
    ws,
    artifacts: dir,
    expected: shared.expected,
    catalog: shared.catalog,
    log: (m) => log(`${prefix}   ${m}`),
    async step(name, fn) {
      const s = Date.now();
      try {
        const value = await fn();
        log(`${prefix} ✓ ${name} (${seconds(Date.now() - s)})`);
        return value;
      } catch (e) {
        log(`${prefix} ✗ ${name} (${seconds(Date.now() - s)})`);
        e.message = `step "${name}": ${e.message}`;
        throw e;
      }
    },
    async shot(name, { doc } = {}) {
      if (!t.page) return;
      const file = path.join(dir, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
      await t.page.screenshot({ path: file });
      shots.push({ file, doc });
      log(`${prefix}   screenshot ${path.relative(ROOT, file)}${doc ? ` (docs/images/${doc})` : ''}`);
    },
  };

  let cs;
  let context;
  const consoleErrors = [];
  try {
    if (scenario.kind !== 'nvim') {
      cs = new CodeServer({
        cacheDir: CACHE,
        runDir: dir,
        vsix: shared.vsix,
        port: await freePort(),
        settings: shared.settings,
        log: t.log,
      });
      cs.prepareProfile();
      t.extDir = fs.realpathSync(
        path.join(
          cs.extDir,
          fs.readdirSync(cs.extDir).find((d) => d.startsWith('apiwarden.api-warden')),
        ),
      );
      await cs.start();
      context = await shared.browser.newContext({ viewport: VIEWPORT });
      t.page = await context.newPage();
      t.page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text().split('\n')[0]);
      });
      t.page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message.split('\n')[0]}`));
      t.wb = new Workbench(t.page, t.log);
      await t.step('workbench loaded', () => t.wb.open(cs.url, ws));
    }
    await withTimeout(scenario.run(t), SCENARIO_TIMEOUT_MS, () => {
      void context?.close().catch(() => {});
    });
    return { ok: true, dir, shots };
  } catch (error) {
    const file = path.join(dir, 'failure.png');
    if (t.page)
      await t.page
        .screenshot({ path: file })
        .then(() => log(`${prefix}   failure screenshot ${path.relative(ROOT, file)}`))
        .catch(() => {});
    const details = [
      `${scenario.id} attempt ${n}: ${error.stack ?? error}`,
      consoleErrors.length ? `\nbrowser console errors:\n  ${consoleErrors.slice(0, 20).join('\n  ')}` : '',
      cs ? `\ncode-server log (tail):\n${tail(cs.logFile, 30)}` : '',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'failure.txt'), details);
    const message = String(error.message ?? error).split('\n')[0];
    return {
      ok: false,
      dir,
      shots,
      error: message.length > 400 ? `${message.slice(0, 400)}… (full text in failure.txt)` : message,
    };
  } finally {
    await context?.close().catch(() => {});
    await cs?.stop();
  }
}

// ---- main -----------------------------------------------------------------------------------------------------
log(`API Warden e2e: ${selected.length} scenario(s): ${selected.map((s) => s.id).join(', ')}`);
if (notRun.length) log(`not selected: ${notRun.map((s) => `${s.id} (${s.group})`).join(', ')}`);
if (!flag('no-setup')) run('bash', [path.join(ROOT, 'e2e', 'setup.sh')], 'setup');
if (!flag('no-build')) {
  // --built: dist/ was just built (by `npm test` in .ci/run), so only the .vsix is packaged from it.
  if (!flag('built')) run('npm', ['run', '--silent', 'build'], 'npm run build');
  run('npm', ['run', '--silent', 'package'], 'npm run package');
}

fs.rmSync(ARTIFACTS, { recursive: true, force: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });
const vsix = path.join(ARTIFACTS, 'api-warden.vsix');
fs.copyFileSync(path.join(ROOT, 'dist', 'api-warden.vsix'), vsix); // a snapshot: dist/ may be rebuilt meanwhile

const pristine = path.join(ARTIFACTS, 'expected', 'bookshop-api');
fs.cpSync(WORKSPACE, pristine, { recursive: true });
const settings = {
  ...JSON.parse(fs.readFileSync(path.join(ROOT, 'e2e', 'code-server-settings.json'), 'utf8')),
  ...(process.env.APIWARDEN_E2E_SETTINGS ? JSON.parse(process.env.APIWARDEN_E2E_SETTINGS) : {}),
};
if (process.env.APIWARDEN_E2E_SETTINGS) log(`extra VS Code settings: ${process.env.APIWARDEN_E2E_SETTINGS}`);
const shared = { vsix, settings, expected: cliFindings(ROOT, pristine), catalog: ruleCatalog(ROOT) };
log(
  `engine (CLI) findings in the workspace: ${shared.expected.summary.findings} in ${shared.expected.summary.files} files`,
);

const needsBrowser = selected.some((s) => s.kind !== 'nvim');
if (needsBrowser) {
  const { chromium } = await import('playwright-core');
  shared.browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

const results = [];
try {
  for (const scenario of selected) {
    log(`▶ ${scenario.id}: ${scenario.title}`);
    const started = Date.now();
    const first = await attempt(scenario, 1, shared);
    let final = first;
    if (!first.ok) {
      log(`  ${scenario.id}: attempt 1 FAILED (${first.error}); retrying once`);
      final = await attempt(scenario, 2, shared);
    }
    const result = {
      id: scenario.id,
      group: scenario.group,
      status: final.ok ? (first.ok ? 'passed' : 'passed after 1 retry') : 'FAILED',
      retries: first.ok ? 0 : 1,
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
      firstFailure: first.ok ? undefined : first.error,
      error: final.ok ? undefined : final.error,
      artifacts: path.relative(ROOT, final.dir),
      shots: final.shots,
    };
    results.push(result);
    log(`${final.ok ? '✔' : '✘'} ${scenario.id}: ${result.status} in ${result.seconds} s`);
    if (final.ok && !flag('keep')) {
      for (const d of [first.dir, final.dir])
        for (const sub of ['cs-ext', 'cs-data', 'ws']) fs.rmSync(path.join(d, sub), { recursive: true, force: true });
    }
  }
} finally {
  await shared.browser?.close();
}

// ---- summary --------------------------------------------------------------------------------------------------
const failed = results.filter((r) => r.status === 'FAILED');
const retried = results.filter((r) => r.retries > 0);
console.log('\n==== API Warden e2e summary ====');
for (const r of results) {
  console.log(
    `  ${r.status.padEnd(22)} ${r.id.padEnd(22)} ${String(r.seconds).padStart(6)} s  ${r.status === 'FAILED' ? `${r.error}\n${' '.repeat(26)}see ${r.artifacts}/${fs.existsSync(path.join(ROOT, r.artifacts, 'failure.png')) ? 'failure.png, ' : ''}failure.txt` : ''}`,
  );
  if (r.firstFailure) console.log(`${' '.repeat(26)}retry reason: ${r.firstFailure}`);
}
for (const s of notRun)
  console.log(
    `  ${'NOT RUN'.padEnd(22)} ${s.id.padEnd(22)} ${only ? 'not selected (--only)' : `group "${s.group}" not selected`}`,
  );
console.log(
  `  ${results.length - failed.length}/${results.length} passed, ${retried.length} retried, ${failed.length} failed, ${notRun.length} not run; total ${seconds(Date.now() - T0)}`,
);
fs.writeFileSync(
  path.join(ARTIFACTS, 'summary.json'),
  JSON.stringify(
    { results, notRun: notRun.map((s) => ({ id: s.id, group: s.group })), seconds: (Date.now() - T0) / 1000 },
    null,
    2,
  ),
);

if (screenshots) {
  if (failed.length > 0) {
    console.log('screenshots: not copied to docs/images because scenarios failed');
  } else {
    fs.mkdirSync(DOC_IMAGES, { recursive: true });
    for (const r of results)
      for (const s of r.shots.filter((x) => x.doc)) {
        fs.copyFileSync(s.file, path.join(DOC_IMAGES, s.doc));
        console.log(`screenshots: docs/images/${s.doc} <- ${path.relative(ROOT, s.file)}`);
      }
  }
}
process.exitCode = failed.length > 0 || results.length === 0 ? 1 : 0;
