// Checks shared by the scenarios.
import fs from 'node:fs';
import { ExpectationError, waitUntil } from '../lib/workbench.mjs';
import { difference, key } from '../lib/expectations.mjs';

export function check(condition, message) {
  if (!condition) throw new ExpectationError(message);
}

/** Our rows (source "apiwarden") for one file name in the Problems panel. */
export function ours(rows, fileName) {
  return rows.filter((r) => r.source === 'apiwarden' && r.file === fileName);
}

/** Problems rows → the finding keys the expectations use. */
export function asFindings(rows) {
  return rows.map((r) => ({ ruleId: r.code, line: r.line, column: r.column }));
}

/**
 * Waits until the Problems panel shows, for `relPath`, exactly the findings `expected` (rule id and start).
 * Returns our rows for that file.
 */
export async function waitForExactFindings(t, relPath, expected, what) {
  const name = relPath.split('/').pop();
  const rows = await t.wb.waitForProblems((all) => difference(expected, asFindings(ours(all, name))) === '', what ?? `Problems panel showing exactly ${expected.map(key).join(', ')} for ${name}`);
  return ours(rows, name);
}

/** Every row's rule id links to the rule's page, and that page is shipped inside the installed extension. */
export function checkDocLinks(t, rows) {
  for (const row of rows) {
    check(row.href.endsWith(`/docs/rules/${row.code}.md`), `Problems row ${row.code}: doc link ${JSON.stringify(row.href)} does not point at docs/rules/${row.code}.md`);
    const file = decodeURIComponent(new URL(row.href).pathname);
    check(file.startsWith(t.extDir), `doc link ${row.href} is not inside the installed extension (${t.extDir})`);
    check(fs.existsSync(file), `doc link target ${file} does not exist in the installed extension`);
  }
}

/** Waits until a squiggle of `kind` (error/warning/info) is drawn under the token. */
export async function waitForSquiggleUnder(t, token, kind = 'error', timeout = 30_000) {
  await token.waitFor({ state: 'visible', timeout: 10_000 });
  const squiggles = t.wb.editor().locator(`.view-overlays .squiggly-${kind}`);
  return waitUntil(
    async () => {
      const tb = await token.boundingBox();
      const boxes = await squiggles.evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
      return boxes.some((b) => b.x <= tb.x + 1 && b.x + b.width >= tb.x + tb.width - 1 && Math.abs(b.y - tb.y) < tb.height);
    },
    (hit) => hit === true,
    { timeout, what: `a ${kind} squiggle under the token` },
  );
}

export function readFile(t, relPath) {
  return fs.readFileSync(`${t.ws}/${relPath}`, 'utf8');
}
