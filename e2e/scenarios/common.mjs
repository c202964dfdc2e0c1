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
 * Waits until the Problems panel's rows for `relPath` satisfy: exactly `exact` (if given), every finding of
 * `present`, none of `absent` (findings compared by rule id and start line/column). Returns our rows.
 */
export async function waitForFindings(t, relPath, { exact, present = [], absent = [] }, what) {
  const name = relPath.split('/').pop();
  const keys = (all) => asFindings(ours(all, name)).map(key);
  const problems = (all) => {
    const shown = keys(all);
    const out = [];
    if (exact) {
      const diff = difference(exact, asFindings(ours(all, name)));
      if (diff) out.push(diff);
    }
    const missing = present.map(key).filter((k) => !shown.includes(k));
    if (missing.length) out.push(`missing ${JSON.stringify(missing)}`);
    const still = absent.map(key).filter((k) => shown.includes(k));
    if (still.length) out.push(`still shown ${JSON.stringify(still)}`);
    return out.join('; ');
  };
  const rows = await t.wb.waitForProblems(
    (all) => problems(all) === '',
    what,
    30_000,
    (all) => `${problems(all)}; Problems rows:`,
  );
  return ours(rows, name);
}

/** Waits until the Problems panel shows, for `relPath`, exactly the findings `expected`. */
export function waitForExactFindings(t, relPath, expected, what) {
  return waitForFindings(
    t,
    relPath,
    { exact: expected },
    what ?? `the Problems panel to show exactly the ${expected.length} engine findings for ${relPath}`,
  );
}

/** 1-based line and column of `needle` in `text` (the first occurrence after the line holding `after`). */
export function locate(text, needle, after) {
  const lines = text.split('\n');
  let from = 0;
  if (after !== undefined) {
    from = lines.findIndex((l) => l.includes(after));
    if (from < 0) throw new Error(`fixture has no line containing ${JSON.stringify(after)}`);
  }
  for (let i = from; i < lines.length; i++) {
    const column = lines[i].indexOf(needle);
    if (column >= 0) return { line: i + 1, column: column + 1 };
  }
  throw new Error(`fixture has no ${JSON.stringify(needle)}${after ? ` after ${JSON.stringify(after)}` : ''}`);
}

/** Findings with lines moved by `delta` for every finding at or after `fromLine`. */
export function shift(findings, fromLine, delta) {
  return findings.map((f) => (f.line >= fromLine ? { ...f, line: f.line + delta } : f));
}

/** Every row's rule id links to the rule's page, and that page is shipped inside the installed extension. */
export function checkDocLinks(t, rows) {
  for (const row of rows) {
    check(
      row.href.endsWith(`/docs/rules/${row.code}.md`),
      `Problems row ${row.code}: doc link ${JSON.stringify(row.href)} does not point at docs/rules/${row.code}.md`,
    );
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
      const boxes = await squiggles.evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }),
      );
      return boxes.some(
        (b) => b.x <= tb.x + 1 && b.x + b.width >= tb.x + tb.width - 1 && Math.abs(b.y - tb.y) < tb.height,
      );
    },
    (hit) => hit === true,
    { timeout, what: `a ${kind} squiggle under the token` },
  );
}

export function readFile(t, relPath) {
  return fs.readFileSync(`${t.ws}/${relPath}`, 'utf8');
}
