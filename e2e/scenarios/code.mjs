// Handler-code scenarios (issue 4: code analysis, rule ids `code-…`) on the Express/TypeScript files of
// test-fixtures/workspaces/bookshop-api. Group "code": run with `npm run test:e2e -- --groups=openapi,nvim,code`
// (or `--with-code`). Off by default until the code analysis ships in the extension; when it is off the run
// reports these scenarios as NOT RUN, never as passed.
import { check, checkDocLinks, ours, readFile } from './common.mjs';

const SERVER = 'src/server.ts';
const RULE = 'code-route-without-auth';
const EXPORT_ROUTE_LINE = 15; // app.get('/v1/admin/orders/export', async (_req, res) => {   (no auth middleware)
const DELETE_ROUTE_LINE = 20; // app.delete('/v1/customers/:customerId', requireAuth, ...)  (authenticated)

export const scenarios = [
  {
    id: 'code-diagnostics',
    group: 'code',
    title: 'an Express route without authentication is flagged in the editor, Problems panel and hover',
    async run(t) {
      await t.step(`open ${SERVER}`, () => t.wb.openFile(SERVER));
      const rows = await t.step(`${RULE} on the admin export route (Ln ${EXPORT_ROUTE_LINE})`, () =>
        t.wb.waitForProblems((all) => ours(all, 'server.ts').some((r) => r.code === RULE && r.line === EXPORT_ROUTE_LINE), `${RULE} at Ln ${EXPORT_ROUTE_LINE} of server.ts`));
      const mine = ours(rows, 'server.ts');
      check(!mine.some((r) => r.code === RULE && r.line === DELETE_ROUTE_LINE), `${RULE} reported on Ln ${DELETE_ROUTE_LINE}, a route protected by requireAuth`);
      checkDocLinks(t, mine);
      const row = mine.find((r) => r.code === RULE && r.line === EXPORT_ROUTE_LINE);
      check(row.severity === 'error' || row.severity === 'warning', `unexpected severity ${row.severity}`);
      await t.step('squiggle drawn in the editor', () =>
        t.wb.editor().locator(`.view-overlays .squiggly-${row.severity}`).first().waitFor({ state: 'attached', timeout: 10_000 }));
      await t.shot('code-diagnostics', { doc: 'code-diagnostics.png' });
      await t.step(`cursor to the finding (Ln ${row.line}, Col ${row.column})`, () => t.wb.goTo(row.line, row.column));
      const rule = t.catalog[RULE];
      check(rule, `${RULE} is not in the server's rule catalog`);
      const hover = await t.step('hover (Ctrl+K Ctrl+I) shows the rule', () => t.wb.hoverAtCursor(rule.title));
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      for (const part of [rule.title, RULE, ...(rule.owasp ? [`OWASP ${rule.owasp}`] : []), 'Rule documentation']) {
        check(text.includes(part), `hover text lacks ${JSON.stringify(part)}: ${text}`);
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
      await t.step('existing finding shown (the server has linted the file)', () =>
        t.wb.waitForProblems((all) => ours(all, 'server.ts').some((r) => r.code === RULE && r.line === EXPORT_ROUTE_LINE), `${RULE} at Ln ${EXPORT_ROUTE_LINE}`));
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
        ));
      await t.step(`new ${RULE} on the pasted route (Ln ${listenLine})`, () =>
        t.wb.waitForProblems((all) => ours(all, 'server.ts').some((r) => r.code === RULE && r.line === listenLine), `${RULE} at Ln ${listenLine} (pasted route)`));
      check(await t.wb.isDirty('server.ts'), 'the editor is not dirty after pasting');
      check(readFile(t, SERVER) === onDisk, 'the file on disk changed although it was not saved');
      await t.shot('code-typing', { doc: 'code-typing.png' });
    },
  },
];
