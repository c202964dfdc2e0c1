// Headless Neovim as a second real LSP client: the bundled server over stdio, diagnostics with our rule ids and
// doc links, and a quick-fix applied through textDocument/codeAction and written to disk.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check } from './common.mjs';
import { difference, key } from '../lib/expectations.mjs';
import { designed, SPEC } from './openapi.mjs';

const FIX_RULE = 'oas-password-readable';
const FIX_TITLE = 'Mark the property writeOnly (never returned in responses)';

function runNvim(t, env, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'nvim',
      ['--headless', '--clean', '-u', 'NONE', '-S', path.join(t.root, 'e2e/nvim/apiwarden_check.lua')],
      {
        cwd: t.ws,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true, // own process group: a hang is ended with the server it started
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new Error(`nvim did not finish within ${timeoutMs} ms; output:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group already gone */
      }
      resolve({ code, stdout, stderr });
    });
  });
}

export const scenarios = [
  {
    id: 'nvim-openapi',
    group: 'nvim',
    kind: 'nvim',
    title: 'Neovim: diagnostics with rule ids and doc links, quick-fix applied and saved',
    async run(t) {
      const file = path.join(t.ws, SPEC);
      const before = fs.readFileSync(file, 'utf8');
      const expected = t.expected.byFile[SPEC];
      const d = designed(t);
      for (const f of [d.staging, d.adminExport, d.password]) {
        check(
          expected.some((e) => key(e) === key(f)),
          `the engine (CLI) does not report ${key(f)}, which the workspace was written to show`,
        );
      }
      const server = path.join(t.root, 'dist', 'server.js');
      const result = await t.step('nvim --headless with the server over stdio', () =>
        runNvim(
          t,
          {
            APIWARDEN_SERVER: server,
            APIWARDEN_FILE: file,
            APIWARDEN_EXPECT: expected.map(key).join(','),
            APIWARDEN_FIX: FIX_RULE,
            APIWARDEN_FIX_TITLE: FIX_TITLE,
          },
          90_000,
        ),
      );
      fs.writeFileSync(path.join(t.artifacts, 'nvim-output.txt'), result.stdout + result.stderr);
      for (const line of result.stdout.split('\n').filter((l) => l.startsWith('E2E'))) t.log(line.slice(0, 200));
      check(
        result.code === 0 && result.stdout.includes('E2E-OK'),
        `nvim exited with ${result.code}: ${(result.stdout.split('\n').find((l) => l.startsWith('E2E-FAIL')) ?? result.stderr).slice(0, 500)}`,
      );

      const events = result.stdout
        .split('\n')
        .filter((l) => l.startsWith('E2E '))
        .map((l) => {
          const [, event, ...rest] = l.split(' ');
          return { event, value: JSON.parse(rest.join(' ')) };
        });
      const diagnostics = events.filter((e) => e.event === 'diagnostic').map((e) => e.value);
      const shown = diagnostics.map((d) => ({ ruleId: d.code, line: d.line, column: d.col }));
      check(
        difference(expected, shown) === '',
        `Neovim received ${JSON.stringify(shown.map(key))}; the engine finds ${JSON.stringify(expected.map(key))}`,
      );
      for (const d of diagnostics) {
        check(d.source === 'apiwarden', `diagnostic ${d.code} has source ${d.source}`);
        check(
          typeof d.href === 'string' && d.href.endsWith(`/docs/rules/${d.code}.md`),
          `diagnostic ${d.code} links to ${d.href}`,
        );
        check(fs.existsSync(new URL(d.href).pathname), `doc link target ${d.href} does not exist`);
      }
      const vimCount = events.find((e) => e.event === 'vim-diagnostic-count')?.value;
      check(vimCount === expected.length, `vim.diagnostic holds ${vimCount} diagnostics, expected ${expected.length}`);
      const after = events.find((e) => e.event === 'after-fix-codes')?.value ?? [];
      const expectedAfter = expected
        .filter((f) => f.ruleId !== FIX_RULE)
        .map((f) => (f.line > d.password.line ? key({ ...f, line: f.line + 1 }) : key(f)))
        .sort();
      check(
        JSON.stringify([...after].sort()) === JSON.stringify(expectedAfter),
        `after the fix: ${JSON.stringify(after)}, expected ${JSON.stringify(expectedAfter)}`,
      );

      const was = before.split('\n');
      const now = fs.readFileSync(file, 'utf8').split('\n');
      const added = now.findIndex((l, i) => l !== was[i]);
      check(
        now.length === was.length + 1 && added === d.password.line && now[added] === '          writeOnly: true',
        `file on disk after the fix: ${JSON.stringify(now.slice(Math.max(0, added - 1), added + 2))}`,
      );
      t.log(
        `first diagnostics after ${events.find((e) => e.event === 'first-diagnostics-ms')?.value} ms, whole client run ${events.find((e) => e.event === 'total-ms')?.value} ms`,
      );
    },
  },
];
