// OpenAPI scenarios in the real VS Code workbench (code-server), on test-fixtures/workspaces/bookshop-api.
import {
  check,
  checkDocLinks,
  locate,
  readFile,
  shift,
  waitForExactFindings,
  waitForFindings,
  waitForSquiggleUnder,
} from './common.mjs';
import { key } from '../lib/expectations.mjs';
import { waitUntil } from '../lib/workbench.mjs';

export const SPEC = 'openapi/bookshop.yaml';
const WEBHOOKS = 'openapi/partner-webhooks.yaml';

/**
 * The problems the workspace was written to show, located in the fixture text. These are checked on their own
 * (a rule that stops firing fails the run even when the CLI and the editor agree); everything else the engine
 * reports must be shown too.
 */
export function designed(t) {
  const spec = readFile(t, SPEC);
  const webhooks = readFile(t, WEBHOOKS);
  return {
    staging: { ruleId: 'oas-server-plain-http', ...locate(spec, 'http://staging.bookshop.example/v1') },
    adminExport: { ruleId: 'oas-operation-without-security', ...locate(spec, 'get:', '/admin/orders/export:') },
    password: { ruleId: 'oas-password-readable', ...locate(spec, 'password:', 'Customer:') },
    basicAuth: { ruleId: 'oas-http-basic-auth', ...locate(webhooks, 'basic', 'partnerBasic:') },
  };
}

const WRITE_ONLY_FIX = 'Mark the property writeOnly (never returned in responses)';
const HTTPS_FIX = 'Use https:// for this server';

/** The engine's (CLI) findings for a file, after checking they include the designed ones. */
function engineFindings(t, relPath, designedOnes) {
  const engine = t.expected.byFile[relPath] ?? [];
  for (const d of designedOnes) {
    check(
      engine.some((f) => key(f) === key(d)),
      `the engine (CLI) does not report ${key(d)} in ${relPath}, which the workspace was written to show; it reports ${JSON.stringify(engine.map(key))}`,
    );
  }
  return engine;
}

async function openSpec(t) {
  await t.step(`open ${SPEC}`, () => t.wb.openFile(SPEC));
}

export const scenarios = [
  {
    id: 'openapi-diagnostics',
    group: 'openapi',
    title: 'diagnostics in the editor and the Problems panel, with rule ids and doc links',
    async run(t) {
      const d = designed(t);
      const expected = t.expected.byFile[SPEC] ?? [];
      await openSpec(t);
      await t.step('squiggle under the plain-HTTP server URL', () =>
        waitForSquiggleUnder(t, t.wb.token('http://staging.bookshop.example/v1'), 'error'),
      );
      const rows = await t.step(`Problems panel lists exactly the engine's ${expected.length} findings`, () =>
        waitForExactFindings(t, SPEC, expected),
      );
      await t.step('rows carry source, severity and a doc link to a shipped rule page', () => {
        for (const row of rows) {
          const e = expected.find((f) => key(f) === key({ ruleId: row.code, line: row.line, column: row.column }));
          check(
            row.severity === e.severity,
            `${key(e)}: severity ${row.severity} in Problems, ${e.severity} from the engine`,
          );
        }
        checkDocLinks(t, rows);
      });
      t.log(`problems: ${rows.map((r) => `${r.code} [Ln ${r.line}, Col ${r.column}]`).join('; ')}`);
      await t.step('the problems the workspace was written to show are among them', () => {
        for (const f of [d.staging, d.adminExport, d.password]) {
          check(
            rows.some((r) => r.code === f.ruleId && r.line === f.line && r.column === f.column),
            `${key(f)} is not in the Problems panel (nor reported by the engine/CLI)`,
          );
        }
      });
      await t.shot('diagnostics', { doc: 'diagnostics.png' });
    },
  },
  {
    id: 'openapi-hover',
    group: 'openapi',
    title: 'hover on a finding explains the rule (title, OWASP id, summary, doc link)',
    async run(t) {
      const { password } = designed(t);
      await openSpec(t);
      engineFindings(t, SPEC, [password]);
      await t.step(`cursor to Customer.password (Ln ${password.line})`, () =>
        t.wb.goTo(password.line, password.column),
      );
      const token = t.wb.token('password');
      await t.step('squiggle under `password`', () => waitForSquiggleUnder(t, token, 'error'));
      const rule = t.catalog['oas-password-readable'];
      const hover = await t.step('hover shows the rule', () => t.wb.hover(token, rule.title));
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      t.log(`hover: ${text.slice(0, 300)}`);
      for (const part of [rule.title, 'oas-password-readable', `OWASP ${rule.owasp}`, rule.cwe, 'Rule documentation']) {
        check(text.includes(part), `hover text lacks ${JSON.stringify(part)}: ${text}`);
      }
      // The finding's message comes from VS Code's own diagnostic hover (plain text, backticks kept); ours does not
      // repeat it, so it is there exactly once.
      const message = text.match(/Mark it `?writeOnly: true`?/g) ?? [];
      check(message.length === 1, `hover shows the message ${message.length} times: ${text}`);
      const link = hover.locator('a', { hasText: 'Rule documentation' });
      const href = (await link.getAttribute('data-href')) ?? (await link.getAttribute('href'));
      check(href?.endsWith('/docs/rules/oas-password-readable.md'), `hover "Rule documentation" link is ${href}`);
      await t.shot('hover', { doc: 'hover.png' });
    },
  },
  {
    id: 'openapi-quickfix',
    group: 'openapi',
    title: 'Ctrl+. quick-fixes change the file as expected and the findings disappear',
    async run(t) {
      const { password, staging } = designed(t);
      const before = readFile(t, SPEC);
      await openSpec(t);
      const expected = engineFindings(t, SPEC, [password, staging]);
      await t.step('all findings shown', () => waitForExactFindings(t, SPEC, expected));

      // 1. writeOnly for the readable password.
      await t.step(`cursor to Customer.password (Ln ${password.line})`, () =>
        t.wb.goTo(password.line, password.column),
      );
      await t.step('squiggle under `password`', () => waitForSquiggleUnder(t, t.wb.token('password'), 'error'));
      const item = await t.step(`Ctrl+. offers "${WRITE_ONLY_FIX}"`, () => t.wb.openQuickFixMenu(WRITE_ONLY_FIX));
      await t.shot('quick-fix-menu', { doc: 'quick-fix-menu.png' });
      await t.step('apply it', async () => {
        await item.click();
        await t.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
      });
      // The fix inserts one line under `password:`; the other findings stay (those below move down a line).
      const others = shift(
        expected.filter((f) => key(f) !== key(password)),
        password.line + 1,
        1,
      );
      await t.step('oas-password-readable disappears, the other findings stay', () =>
        waitForFindings(
          t,
          SPEC,
          { present: others, absent: [password] },
          `${key(password)} gone, ${others.length} others still shown`,
        ),
      );
      await t.step('editor shows writeOnly: true', () =>
        waitUntil(
          () => t.wb.visibleText(),
          (text) => /password:\s*\n\s*writeOnly: true/.test(text),
          { timeout: 10_000, what: 'writeOnly: true under password:' },
        ),
      );
      await t.step('save', () => t.wb.save('bookshop.yaml'));
      await t.step('file on disk: exactly one line added, `writeOnly: true` in the password schema', () => {
        const was = before.split('\n');
        const now = readFile(t, SPEC).split('\n');
        check(
          now.length === was.length + 1,
          `expected one added line, file went from ${was.length} to ${now.length} lines`,
        );
        const added = now.findIndex((line, i) => line !== was[i]);
        check(
          added === password.line,
          `the fix changed line ${added + 1}, not the one under password: (Ln ${password.line})`,
        );
        check(
          now[added] === '          writeOnly: true',
          `added line is ${JSON.stringify(now[added])}, expected "          writeOnly: true"`,
        );
        check(now.slice(added + 1).join('\n') === was.slice(added).join('\n'), 'the fix changed more than one line');
      });
      await t.shot('after-fix', { doc: 'after-fix.png' });

      // 2. https:// for the staging server.
      await t.step(`cursor to the staging server URL (Ln ${staging.line})`, () =>
        t.wb.goTo(staging.line, staging.column),
      );
      const https = await t.step(`Ctrl+. offers "${HTTPS_FIX}"`, () => t.wb.openQuickFixMenu(HTTPS_FIX));
      await t.step('apply it', async () => {
        await https.click();
        await t.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
      });
      const rest = others.filter((f) => key(f) !== key(staging));
      await t.step('oas-server-plain-http disappears, the other findings stay', () =>
        waitForFindings(
          t,
          SPEC,
          { present: rest, absent: [staging] },
          `${key(staging)} gone, ${rest.length} others still shown`,
        ),
      );
      await t.step('save', () => t.wb.save('bookshop.yaml'));
      await t.step('file on disk: the staging URL uses https://', () => {
        const line = readFile(t, SPEC).split('\n')[staging.line - 1];
        check(
          line === '  - url: https://staging.bookshop.example/v1',
          `line ${staging.line} is ${JSON.stringify(line)}`,
        );
      });
      await t.shot('after-https-fix');
    },
  },
  {
    id: 'openapi-typing',
    group: 'openapi',
    title: 'pasting and typing insecure spec text produces diagnostics without saving',
    async run(t) {
      const { adminExport } = designed(t);
      const onDisk = readFile(t, SPEC);
      await openSpec(t);
      const expected = engineFindings(t, SPEC, [adminExport]);
      await t.step('all findings shown', () => waitForExactFindings(t, SPEC, expected));

      // An operation pasted the way an assistant's suggestion is pasted: public, on a sensitive path, right
      // before `components:` (the end of `paths`).
      const at = locate(onDisk, 'components:').line;
      const pasted = [
        '  /customers/{customerId}/password-reset:',
        '    post:',
        '      operationId: resetPassword',
        '      tags: [customers]',
        '      summary: Send a password reset e-mail',
        '      security: []',
        '      responses:',
        "        '204':",
        '          description: Reset e-mail sent',
      ];
      await t.step(`cursor to the end of paths (Ln ${at})`, () => t.wb.goTo(at, 1));
      await t.step('paste a public password-reset operation', () => t.wb.paste(`${pasted.join('\n')}\n`));
      const newFinding = { ruleId: 'oas-operation-without-security', line: at + 1, column: 5 };
      const moved = shift(expected, at, pasted.length);
      const rows = await t.step(`new ${key(newFinding)} on the pasted operation; earlier findings stay`, () =>
        waitForFindings(
          t,
          SPEC,
          { present: [...moved, newFinding] },
          `${key(newFinding)} plus the ${moved.length} earlier findings`,
        ),
      );
      const row = rows.find((r) => key({ ruleId: r.code, line: r.line, column: r.column }) === key(newFinding));
      check(
        row.message.includes('/customers/{customerId}/password-reset'),
        `message does not name the pasted path: ${row.message}`,
      );
      check(await t.wb.isDirty('bookshop.yaml'), 'the editor is not dirty after pasting');
      check(readFile(t, SPEC) === onDisk, 'the file on disk changed although it was not saved');
      await t.step(`reveal the pasted operation (Ln ${at})`, () => t.wb.goTo(at + 1, 5));
      await t.shot('typing', { doc: 'typing.png' });

      // Real keystrokes: turn the production server's https:// into http://.
      const production = locate(onDisk, 'https://api.bookshop.example/v1');
      await t.step(`cursor to the production server URL (Ln ${production.line})`, () =>
        t.wb.goTo(production.line, production.column),
      );
      await t.step('type over "https" with "http"', async () => {
        for (let i = 0; i < 'https'.length; i++) await t.page.keyboard.press('Shift+ArrowRight');
        await t.page.keyboard.type('http', { delay: 30 });
      });
      const typed = { ruleId: 'oas-server-plain-http', ...production };
      await t.step(`new ${key(typed)} while typing`, () =>
        waitForFindings(t, SPEC, { present: [...moved, newFinding, typed] }, `${key(typed)} plus the earlier findings`),
      );
      check(readFile(t, SPEC) === onDisk, 'the file on disk changed although it was not saved');
      await t.shot('typing-keystrokes');
    },
  },
  {
    id: 'status-bar',
    group: 'openapi',
    title: 'status bar item counts findings; "Lint workspace" adds the closed files; click opens Problems',
    async run(t) {
      const d = designed(t);
      await openSpec(t);
      const specFindings = engineFindings(t, SPEC, [d.staging, d.adminExport, d.password]);
      const webhookFindings = engineFindings(t, WEBHOOKS, [d.basicAuth]);
      await t.step(`status bar shows ${specFindings.length} for the open spec`, () =>
        t.wb.waitForStatusBar(`API Warden: ${specFindings.length}`),
      );
      const total = t.expected.summary.findings;
      await t.step('run "API Warden: Lint workspace"', () => t.wb.runCommand('API Warden: Lint workspace'));
      const { files, openapiFiles, codeFiles } = t.expected.summary;
      const filesText = `${files} file${files === 1 ? '' : 's'} linted (${openapiFiles} OpenAPI, ${codeFiles} code)`;
      const findingsText = `${total} finding${total === 1 ? '' : 's'}`;
      const toast = t.page
        .locator('.notifications-toasts .notification-toast')
        .filter({ hasText: / linted \(\d+ OpenAPI, \d+ code\)/ });
      await t.step('notification reports the workspace totals', async () => {
        await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
        const text = (await toast.first().innerText()).replace(/\s+/g, ' ');
        t.log(`notification: ${text}`);
        check(
          text.includes(`${filesText}, ${findingsText}`),
          `notification says ${JSON.stringify(text)}, the CLI found ${findingsText} in ${filesText}`,
        );
      });
      await t.step(`status bar shows ${total}`, () => t.wb.waitForStatusBar(`API Warden: ${total}`));
      await t.step('the progress notification closes', () =>
        t.page
          .locator('.notifications-toasts .notification-toast')
          .filter({ has: t.page.getByRole('button', { name: 'Cancel' }) })
          .first()
          .waitFor({ state: 'hidden', timeout: 30_000 }),
      );
      await t.step(
        "Problems panel lists the closed file's findings too, as many rows as the status bar says",
        async () => {
          await waitForExactFindings(t, WEBHOOKS, webhookFindings);
          const rows = (await t.wb.problems()).filter((r) => r.source === 'apiwarden');
          check(rows.length === total, `Problems lists ${rows.length} API Warden rows, the status bar says ${total}`);
        },
      );
      await t.shot('status-bar', { doc: 'status-bar.png' });
      await t.step('hide the panel, click the status bar item: Problems opens', async () => {
        await t.wb.runCommand('View: Toggle Panel Visibility');
        await t.page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
        await t.page.locator('[id="apiwarden.api-warden.apiwarden.findings"]').click();
        await t.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
      });
      const label = await t.page.locator('[id="apiwarden.api-warden.apiwarden.findings"]').getAttribute('aria-label');
      t.log(`status bar item label: ${label}`);
    },
  },
];
