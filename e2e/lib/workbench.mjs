// Playwright helpers for the VS Code workbench served by code-server. Everything waits for a condition with a
// timeout (never a fixed sleep) and fails with a message that says what was expected and what was seen.

const STATUS_ITEM = '[id="apiwarden.api-warden.apiwarden.findings"]';

export class ExpectationError extends Error {}

/** Polls `probe` until `accept(value)` holds; throws with `describe(lastValue)` on timeout. */
export async function waitUntil(
  probe,
  accept,
  { timeout = 20_000, interval = 100, what = 'condition', describe = (v) => JSON.stringify(v) } = {},
) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `error: ${lastError.message.split('\n')[0]}` : describe(last);
      throw new ExpectationError(`timed out after ${timeout} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, log) {
    this.page = page;
    this.log = log;
  }

  async open(url, folder) {
    await this.page.goto(`${url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60_000 });
  }

  /** Quick Open (Ctrl+P) a workspace-relative path; waits until it is the active editor. */
  async openFile(relPath) {
    const name = relPath.split('/').pop();
    await this.quickInput('Control+P', relPath, (row) => row.includes(name));
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    await this.editor().locator('.view-lines').waitFor({ timeout: 20_000 });
  }

  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async quickInput(key, text, rowMatches) {
    const input = this.page.locator('.quick-input-widget input');
    await this.page.keyboard.press(key);
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    // Typed, not filled: the widget may already hold a mode prefix (">" for commands, ":" for Go to Line).
    await this.page.keyboard.type(text);
    if (rowMatches) {
      const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await waitUntil(
        async () => (await rows.first().innerText({ timeout: 1_000 })).replace(/\s+/g, ' '),
        (first) => rowMatches(first),
        { timeout: 15_000, what: `a quick input row matching "${text}"`, describe: (v) => JSON.stringify(v) },
      );
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Moves the cursor with Ctrl+G (1-based line and column) and waits for the status bar to agree. */
  async goTo(line, column = 1) {
    await this.quickInput('Control+G', `${line}:${column}`);
    await waitUntil(
      () => this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText(),
      (t) => t.includes(`Ln ${line}, Col ${column}`),
      { timeout: 5_000, what: `cursor at Ln ${line}, Col ${column}` },
    );
  }

  /** Runs a command from the Command Palette by its label, e.g. "API Warden: Lint workspace". */
  async runCommand(label) {
    await this.quickInput('F1', label, (row) => row.includes(label));
  }

  async showProblems() {
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await this.page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /**
   * The marker rows of the Problems panel: file, message, source, code, doc link, 1-based line/column, severity.
   * The panel is a virtual list (only visible rows exist in the DOM), so this scrolls it through with the mouse
   * wheel, collecting rows by index, and scrolls back to the top.
   */
  async problems() {
    const list = this.page.locator('.markers-panel .monaco-list').first();
    const state = () =>
      list.evaluate((el) => {
        const rowsEl = el.querySelector('.monaco-list-rows');
        const translate = /translate3d\([^,]+,\s*(-?[\d.]+)px/.exec(rowsEl?.style.transform ?? '');
        const scroll = -parseFloat(rowsEl?.style.top || '0') - (translate ? parseFloat(translate[1]) : 0);
        const rows = [...el.querySelectorAll('.monaco-list-row')].map((row) => {
          const index = Number(row.getAttribute('data-index'));
          const message = row.querySelector('.marker-message');
          if (!message) return { index, fileRow: row.querySelector('.label-name')?.textContent ?? '' };
          const where = /\[Ln (\d+), Col (\d+)\]/.exec(row.querySelector('.marker-line')?.textContent ?? '');
          const icon = row.querySelector('.marker-icon');
          return {
            index,
            message: message.textContent ?? '',
            source: row.querySelector('.marker-source')?.textContent ?? '',
            code: row.querySelector('.marker-code')?.textContent ?? '',
            href: row.querySelector('a.monaco-link')?.getAttribute('href') ?? '',
            line: where ? Number(where[1]) : 0,
            column: where ? Number(where[2]) : 0,
            severity: icon ? (['error', 'warning', 'info'].find((s) => icon.classList.contains(s)) ?? '') : '',
          };
        });
        return {
          scroll: Math.round(scroll),
          total: Math.round(parseFloat(rowsEl?.style.height || '0')),
          viewport: el.clientHeight,
          rows,
        };
      });
    const collected = new Map();
    let s = await state();
    for (const r of s.rows) collected.set(r.index, r);
    const brief = (st) => `scroll ${st?.scroll} of ${st?.total} px, viewport ${st?.viewport} px`;
    // One wheel event moves the list by at most ~50 px, so scroll step by step, each time waiting for the move.
    // The mouse rests on the rows' indent area (no tooltips there); if a step does not move the list (something
    // took the wheel event), the mouse is moved back and the step repeated, up to 3 times.
    const box = await list.boundingBox();
    const scrollTo = async (atEnd, towardsEnd) => {
      let stuck = 0;
      while (!atEnd(s)) {
        const before = s.scroll;
        await this.page.mouse.move(box.x + 4, box.y + Math.min(box.height / 2, 60));
        await this.page.mouse.wheel(0, towardsEnd ? 100 : -100);
        try {
          s = await waitUntil(state, (st) => st.scroll !== before, {
            timeout: 2_000,
            what: 'the Problems list to scroll',
            describe: brief,
          });
          stuck = 0;
        } catch (e) {
          if (++stuck >= 3) throw e;
          s = await state();
        }
        for (const r of s.rows) collected.set(r.index, r);
      }
    };
    if (s.total > s.viewport + 1) {
      await scrollTo((st) => st.scroll <= 0, false);
      await scrollTo((st) => st.scroll + st.viewport >= st.total - 1, true);
      await scrollTo((st) => st.scroll <= 0, false);
      await this.page.mouse.move(2, 300);
    }
    const sorted = [...collected.values()].sort((a, b) => a.index - b.index);
    if (sorted.some((r, i) => r.index !== i))
      throw new Error('Problems list changed while it was read (gap in row indices)');
    let file = '';
    const out = [];
    for (const r of sorted) {
      if ('fileRow' in r) file = r.fileRow;
      else out.push({ file, ...r });
    }
    return out;
  }

  /** Waits until the Problems panel rows satisfy `accept`; `explain(rows)` says what is wrong on timeout. */
  async waitForProblems(accept, what, timeout = 30_000, explain = () => '') {
    await this.showProblems();
    return waitUntil(() => this.problems(), accept, {
      timeout,
      what,
      describe: (rows) => `${explain(rows ?? [])}${formatProblems(rows ?? [])}`,
    });
  }

  async statusBarText() {
    return (await this.page.locator(STATUS_ITEM).innerText({ timeout: 2_000 })).replace(/\s+/g, ' ').trim();
  }

  async waitForStatusBar(expected, timeout = 20_000) {
    return waitUntil(
      () => this.statusBarText(),
      (t) => t === expected,
      { timeout, what: `status bar item "${expected}"` },
    );
  }

  /** The rendered token in the visible editor lines whose text is exactly `text` (the n-th one). */
  token(text, nth = 0) {
    return this.editor()
      .locator('.view-lines .view-line span span')
      .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .nth(nth);
  }

  /** Moves the mouse onto a token and waits for a hover containing `contains`. */
  async hover(tokenLocator, contains, timeout = 15_000) {
    await tokenLocator.waitFor({ state: 'visible', timeout: 10_000 });
    const box = await tokenLocator.boundingBox();
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = this.page.locator('.monaco-hover').filter({ hasText: contains });
    await hover.first().waitFor({ state: 'visible', timeout });
    return hover.first();
  }

  /** Shows the hover at the cursor with the keyboard (Ctrl+K Ctrl+I) and waits for one containing `contains`. */
  async hoverAtCursor(contains, timeout = 15_000) {
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover').filter({ hasText: contains });
    await hover.first().waitFor({ state: 'visible', timeout });
    return hover.first();
  }

  async dismissHover() {
    await this.page.mouse.move(2, 300);
    await this.page.keyboard.press('Escape');
    await this.page
      .locator('.monaco-hover')
      .filter({ visible: true })
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => {});
  }

  /**
   * Ctrl+. with the cursor on a finding: waits for the light bulb (code actions are known for the cursor
   * position), opens the menu and waits for the action titled `title`. Returns the menu item.
   */
  async openQuickFixMenu(title) {
    await this.editor().locator('.lightBulbWidget').waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Control+.');
    const item = this.page.locator('.action-widget .monaco-list-row').filter({ hasText: title });
    await this.page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 10_000 });
    await waitUntil(
      () => this.page.locator('.action-widget').first().innerText(),
      (t) => t.includes(title),
      { timeout: 10_000, what: `quick fix "${title}" in the Ctrl+. menu`, describe: (t) => JSON.stringify(t) },
    );
    return item.first();
  }

  /** Pastes text at the cursor the way the browser delivers a clipboard paste to the editor. */
  async paste(text) {
    const target = await this.page.evaluate((t) => {
      const el = document.activeElement;
      if (!el || !el.closest('.monaco-editor')) return `not an editor: ${el?.tagName}.${el?.className}`;
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      return 'ok';
    }, text);
    if (target !== 'ok') throw new ExpectationError(`cannot paste: focus is ${target}`);
  }

  /** The text of the visible editor lines (a window of the document, as rendered). */
  async visibleText() {
    return (await this.editor().locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
  }

  async isDirty(name) {
    const tab = this.page.locator('.tabs-container .tab', { hasText: name }).first();
    return (await tab.getAttribute('class'))?.split(/\s+/).includes('dirty') ?? false;
  }

  async save(name) {
    await this.page.keyboard.press('Control+S');
    await waitUntil(
      () => this.isDirty(name),
      (dirty) => dirty === false,
      { timeout: 10_000, what: `${name} saved (tab not dirty)` },
    );
  }
}

export function formatProblems(rows) {
  if (rows.length === 0) return '(no problems)';
  return rows
    .map(
      (r) =>
        `\n    ${r.file} [Ln ${r.line}, Col ${r.column}] ${r.severity} ${r.source}(${r.code}) ${r.message.slice(0, 70)}`,
    )
    .join('');
}
