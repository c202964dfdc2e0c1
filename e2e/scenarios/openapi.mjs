// OpenAPI scenarios in the real VS Code workbench (code-server), on test-fixtures/workspaces/bookshop-api.
import { check, checkDocLinks, readFile, waitForExactFindings, waitForSquiggleUnder } from './common.mjs';
import { difference, key } from '../lib/expectations.mjs';
import { waitUntil } from '../lib/workbench.mjs';

const SPEC = 'openapi/bookshop.yaml';
const WEBHOOKS = 'openapi/partner-webhooks.yaml';

/** What the workspace was written to show (independent of the engine: a rule that stops firing fails here). */
export const DESIGNED = {
  [SPEC]: [
    { ruleId: 'oas-server-plain-http', line: 9, column: 10 }, // http://staging.bookshop.example/v1
    { ruleId: 'oas-operation-without-security', line: 84, column: 5 }, // GET /admin/orders/export, security: []
    { ruleId: 'oas-password-readable', line: 128, column: 9 }, // Customer.password
  ],
  [WEBHOOKS]: [{ ruleId: 'oas-http-basic-auth', line: 34, column: 15 }],
};

const WRITE_ONLY_FIX = 'Mark the property writeOnly (never returned in responses)';
const HTTPS_FIX = 'Use https:// for this server';

/** The findings the editor must show for a file: the engine's (CLI), which must include the designed ones. */
function expectedFor(t, relPath) {
  const engine = t.expected.byFile[relPath] ?? [];
  const missing = difference(DESIGNED[relPath], engine.filter((f) => DESIGNED[relPath].some((d) => key(d) === key(f))));
  check(missing === '', `the engine (CLI) no longer reports what ${relPath} was written to show: ${missing}`);
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
      const expected = expectedFor(t, SPEC);
      await openSpec(t);
      await t.step('squiggle under the plain-HTTP server URL', () =>
        waitForSquiggleUnder(t, t.wb.token('http://staging.bookshop.example/v1'), 'error'));
      const rows = await t.step('Problems panel lists exactly the engine findings', () =>
        waitForExactFindings(t, SPEC, expected));
      await t.step('rows carry source, severity and a doc link to a shipped rule page', () => {
        for (const row of rows) {
          const e = expected.find((f) => key(f) === key({ ruleId: row.code, line: row.line, column: row.column }));
          check(row.severity === e.severity, `${key(e)}: severity ${row.severity} in Problems, ${e.severity} from the engine`);
        }
        checkDocLinks(t, rows);
      });
      t.log(`problems: ${rows.map((r) => `${r.code} [Ln ${r.line}, Col ${r.column}]`).join('; ')}`);
      await t.shot('diagnostics', { doc: 'diagnostics.png' });
    },
  },
  {
    id: 'openapi-hover',
    group: 'openapi',
    title: 'hover on a finding explains the rule (title, OWASP id, summary, doc link)',
    async run(t) {
      expectedFor(t, SPEC);
      await openSpec(t);
      await t.step('cursor to Customer.password (Ln 128)', () => t.wb.goTo(128, 9));
      const token = t.wb.token('password');
      await t.step('squiggle under `password`', () => waitForSquiggleUnder(t, token, 'error'));
      const rule = t.catalog['oas-password-readable'];
      const hover = await t.step('hover shows the rule', () => t.wb.hover(token, rule.title));
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      t.log(`hover: ${text.slice(0, 300)}`);
      for (const part of [rule.title, 'oas-password-readable', `OWASP ${rule.owasp}`, rule.cwe, 'Mark it writeOnly: true', 'Rule documentation']) {
        check(text.includes(part), `hover text lacks ${JSON.stringify(part)}: ${text}`);
      }
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
      const expected = expectedFor(t, SPEC);
      const before = readFile(t, SPEC);
      await openSpec(t);
      await t.step('all findings shown', () => waitForExactFindings(t, SPEC, expected));

      // 1. writeOnly for the readable password.
      await t.step('cursor to Customer.password (Ln 128)', () => t.wb.goTo(128, 9));
      await t.step('squiggle under `password`', () => waitForSquiggleUnder(t, t.wb.token('password'), 'error'));
      const item = await t.step(`Ctrl+. offers "${WRITE_ONLY_FIX}"`, () => t.wb.openQuickFixMenu(WRITE_ONLY_FIX));
      await t.shot('quick-fix-menu', { doc: 'quick-fix-menu.png' });
      await t.step('apply it', async () => {
        await item.click();
        await t.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
      });
      const afterPassword = expected.filter((f) => f.ruleId !== 'oas-password-readable');
      await t.step('oas-password-readable disappears, the other findings stay', () =>
        waitForExactFindings(t, SPEC, afterPassword));
      await t.step('editor shows writeOnly: true', () =>
        waitUntil(() => t.wb.visibleText(), (text) => /password:\s*\n\s*writeOnly: true/.test(text), { timeout: 10_000, what: 'writeOnly: true under password:' }));
      await t.step('save', () => t.wb.save('bookshop.yaml'));
      await t.step('file on disk: exactly one line added, `writeOnly: true` in the password schema', () => {
        const was = before.split('\n');
        const now = readFile(t, SPEC).split('\n');
        check(now.length === was.length + 1, `expected one added line, file went from ${was.length} to ${now.length} lines`);
        const added = now.findIndex((line, i) => line !== was[i]);
        check(was[added - 1] === '        password:', `the fix changed line ${added + 1}, not the password schema (line above: ${JSON.stringify(now[added - 1])})`);
        check(now[added] === '          writeOnly: true', `added line is ${JSON.stringify(now[added])}, expected "          writeOnly: true"`);
        check(now.slice(added + 1).join('\n') === was.slice(added).join('\n'), 'the fix changed more than one line');
      });
      await t.shot('after-fix', { doc: 'after-fix.png' });

      // 2. https:// for the staging server.
      await t.step('cursor to the staging server URL (Ln 9)', () => t.wb.goTo(9, 10));
      const https = await t.step(`Ctrl+. offers "${HTTPS_FIX}"`, () => t.wb.openQuickFixMenu(HTTPS_FIX));
      await t.step('apply it', async () => {
        await https.click();
        await t.page.locator('.action-widget').first().waitFor({ state: 'hidden', timeout: 10_000 });
      });
      const afterHttps = afterPassword.filter((f) => f.ruleId !== 'oas-server-plain-http');
      await t.step('oas-server-plain-http disappears', () => waitForExactFindings(t, SPEC, afterHttps));
      await t.step('save', () => t.wb.save('bookshop.yaml'));
      await t.step('file on disk: the staging URL uses https://', () => {
        const line = readFile(t, SPEC).split('\n')[8];
        check(line === '  - url: https://staging.bookshop.example/v1', `line 9 is ${JSON.stringify(line)}`);
      });
      await t.shot('after-https-fix');
    },
  },
  {
    id: 'openapi-typing',
    group: 'openapi',
    title: 'pasting and typing insecure spec text produces diagnostics without saving',
    async run(t) {
      const expected = expectedFor(t, SPEC);
      const onDisk = readFile(t, SPEC);
      await openSpec(t);
      await t.step('all findings shown', () => waitForExactFindings(t, SPEC, expected));

      // An operation pasted the way an assistant's suggestion is pasted: public, on a sensitive path.
      await t.step('cursor to the end of paths (Ln 96)', () => t.wb.goTo(96, 1));
      await t.step('paste a public password-reset operation', () =>
        t.wb.paste(
          '  /customers/{customerId}/password-reset:\n' +
          '    post:\n' +
          '      tags: [customers]\n' +
          '      summary: Send a password reset e-mail\n' +
          '      security: []\n' +
          '      responses:\n' +
          "        '204':\n" +
          '          description: Reset e-mail sent\n',
        ));
      const pasted = { ruleId: 'oas-operation-without-security', line: 97, column: 5 };
      const shifted = expected.map((f) => (f.line >= 96 ? { ...f, line: f.line + 8 } : f));
      const rows = await t.step('new oas-operation-without-security on the pasted operation', () =>
        waitForExactFindings(t, SPEC, [...shifted, pasted]));
      const row = rows.find((r) => r.line === 97);
      check(row.message.includes('/customers/{customerId}/password-reset'), `message does not name the pasted path: ${row.message}`);
      check(await t.wb.isDirty('bookshop.yaml'), 'the editor is not dirty after pasting');
      check(readFile(t, SPEC) === onDisk, 'the file on disk changed although it was not saved');
      await t.shot('typing', { doc: 'typing.png' });

      // Real keystrokes: turn the production server's https:// into http://.
      await t.step('cursor to the production server URL (Ln 7)', () => t.wb.goTo(7, 10));
      await t.step('type over "https" with "http"', async () => {
        for (let i = 0; i < 5; i++) await t.page.keyboard.press('Shift+ArrowRight');
        await t.page.keyboard.type('http', { delay: 30 });
      });
      await t.step('new oas-server-plain-http on the production server', () =>
        waitForExactFindings(t, SPEC, [...shifted, pasted, { ruleId: 'oas-server-plain-http', line: 7, column: 10 }]));
      check(readFile(t, SPEC) === onDisk, 'the file on disk changed although it was not saved');
      await t.shot('typing-keystrokes');
    },
  },
  {
    id: 'status-bar',
    group: 'openapi',
    title: 'status bar item counts findings; "Lint workspace" adds the closed files; click opens Problems',
    async run(t) {
      const specFindings = expectedFor(t, SPEC);
      expectedFor(t, WEBHOOKS);
      await openSpec(t);
      await t.step(`status bar shows ${specFindings.length} for the open spec`, () =>
        t.wb.waitForStatusBar(`API Warden: ${specFindings.length}`));
      const total = t.expected.summary.findings;
      await t.step('run "API Warden: Lint workspace"', () => t.wb.runCommand('API Warden: Lint workspace'));
      const toast = t.page.locator('.notifications-toasts .notification-toast').filter({ hasText: 'OpenAPI documents linted' });
      await t.step('notification reports the workspace totals', async () => {
        await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
        const text = (await toast.first().innerText()).replace(/\s+/g, ' ');
        t.log(`notification: ${text}`);
        check(text.includes(`${t.expected.summary.files} OpenAPI documents linted, ${total} findings`), `notification says ${JSON.stringify(text)}, the CLI found ${total} findings in ${t.expected.summary.files} documents`);
      });
      await t.step(`status bar shows ${total}`, () => t.wb.waitForStatusBar(`API Warden: ${total}`));
      await t.step('the progress notification closes', () =>
        t.page.locator('.notifications-toasts .notification-toast').filter({ has: t.page.getByRole('button', { name: 'Cancel' }) }).first().waitFor({ state: 'hidden', timeout: 30_000 }));
      await t.step('Problems panel has the closed file\'s findings too', async () => {
        await waitForExactFindings(t, WEBHOOKS, t.expected.byFile[WEBHOOKS]);
        const rows = await t.wb.problems();
        check(rows.filter((r) => r.source === 'apiwarden').length === total, `Problems lists ${rows.filter((r) => r.source === 'apiwarden').length} API Warden rows, the status bar says ${total}`);
      });
      await t.shot('status-bar', { doc: 'status-bar.png' });
      await t.step('close the panel, click the status bar item: Problems opens', async () => {
        await t.wb.runCommand('View: Toggle Panel Visibility');
        await t.page.locator('.markers-panel').waitFor({ state: 'hidden', timeout: 10_000 });
        await t.page.locator('[id="apiwarden.api-warden.apiwarden.findings"]').click();
        await t.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
      });
      const tooltip = await t.page.locator('[id="apiwarden.api-warden.apiwarden.findings"]').getAttribute('aria-label');
      t.log(`status bar item label: ${tooltip}`);
    },
  },
];

