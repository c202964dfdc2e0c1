// Handler-code scenarios (issue 4: code analysis, rule ids `code-…`) on the Express/TypeScript files of
// test-fixtures/workspaces/bookshop-api. Group "code" (in the default run; `--groups=openapi,nvim` leaves it
// out, and the summary then lists these scenarios as NOT RUN, never as passed).
import { check, checkDocLinks, locate, ours, readFile, waitForExactFindings } from './common.mjs';
import { key } from '../lib/expectations.mjs';

const SERVER = 'src/server.ts';
const RULE = 'code-route-without-auth';

export const scenarios = [
  {
    id: 'code-diagnostics',
    group: 'code',
    title: 'an Express route without authentication is flagged in the editor, Problems panel and hover',
    async run(t) {
      const text = readFile(t, SERVER);
      // app.get('/v1/admin/orders/export', async (_req, res) => {   (no auth middleware)
      const exportLine = locate(text, "app.get('/v1/admin/orders/export'").line;
      // app.delete('/v1/customers/:customerId', requireAuth, ...)   (authenticated)
      const deleteLine = locate(text, "app.delete('/v1/customers/:customerId', requireAuth").line;
      const expected = t.expected.byFile[SERVER] ?? [];
      check(
        expected.some((f) => f.ruleId === RULE && f.line === exportLine),
        `the engine (CLI) does not report ${RULE} on Ln ${exportLine} of ${SERVER}; it reports ${JSON.stringify(expected.map(key))}`,
      );
      check(
        !expected.some((f) => f.ruleId === RULE && f.line === deleteLine),
        `the engine (CLI) reports ${RULE} on Ln ${deleteLine}, a route protected by requireAuth`,
      );
      await t.step(`open ${SERVER}`, () => t.wb.openFile(SERVER));
      const mine = await t.step(
        `Problems panel lists exactly the engine's findings, incl. ${RULE} on the admin export route (Ln ${exportLine})`,
        () => waitForExactFindings(t, SERVER, expected),
      );
      checkDocLinks(t, mine);
      const row = mine.find((r) => r.code === RULE && r.line === exportLine);
      check(row.severity === 'error' || row.severity === 'warning', `unexpected severity ${row.severity}`);
      await t.step('squiggle drawn in the editor', () =>
        t.wb
          .editor()
          .locator(`.view-overlays .squiggly-${row.severity}`)
          .first()
          .waitFor({ state: 'attached', timeout: 10_000 }),
      );
      await t.shot('code-diagnostics', { doc: 'code-diagnostics.png' });
      await t.step(`cursor to the finding (Ln ${row.line}, Col ${row.column})`, () => t.wb.goTo(row.line, row.column));
      const rule = t.catalog[RULE];
      check(rule, `${RULE} is not in the server's rule catalog`);
      const hover = await t.step('hover (Ctrl+K Ctrl+I) shows the rule', () => t.wb.hoverAtCursor(rule.title));
      const hoverText = (await hover.innerText()).replace(/\s+/g, ' ');
      for (const part of [rule.title, RULE, ...(rule.owasp ? [`OWASP ${rule.owasp}`] : []), 'Rule documentation']) {
        check(hoverText.includes(part), `hover text lacks ${JSON.stringify(part)}: ${hoverText}`);
      }
      await t.shot('code-hover', { doc: 'code-hover.png' });
    },
  },
  {
    id: 'code-typing',
    group: 'code',
    title: 'pasting an insecure Express route produces a diagnostic without saving',
    async run(t) {
      const onDisk = readFile(t, SERVER);
      await t.step(`open ${SERVER}`, () => t.wb.openFile(SERVER));
      const exportLine = locate(onDisk, "app.get('/v1/admin/orders/export'").line;
      await t.step('existing finding shown (the server has linted the file)', () =>
        t.wb.waitForProblems(
          (all) => ours(all, 'server.ts').some((r) => r.code === RULE && r.line === exportLine),
          `${RULE} at Ln ${exportLine}`,
        ),
      );
      const listenLine = onDisk.split('\n').findIndex((l) => l.startsWith('app.listen(')) + 1;
      await t.step(`cursor before app.listen (Ln ${listenLine})`, () => t.wb.goTo(listenLine, 1));
      await t.step('paste a refund route without auth middleware', () =>
        t.wb.paste(
          "app.post('/v1/admin/refunds', async (req, res) => {\n" +
            '  const order = await db.orders.findOne({ id: req.body.orderId });\n' +
            "  if (!order) return res.status(404).json({ error: 'no such order' });\n" +
            "  res.status(201).json({ orderId: order.id, status: 'refunded' });\n" +
            '});\n' +
            '\n',
        ),
      );
      await t.step(`new ${RULE} on the pasted route (Ln ${listenLine})`, () =>
        t.wb.waitForProblems(
          (all) => ours(all, 'server.ts').some((r) => r.code === RULE && r.line === listenLine),
          `${RULE} at Ln ${listenLine} (pasted route)`,
        ),
      );
      check(await t.wb.isDirty('server.ts'), 'the editor is not dirty after pasting');
      check(readFile(t, SERVER) === onDisk, 'the file on disk changed although it was not saved');
      await t.shot('code-typing', { doc: 'code-typing.png' });
    },
  },
];
