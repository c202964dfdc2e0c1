// Section 2: as-you-type over a real LSP connection to the bundled server (dist/server.js --stdio). Each edit is
// an incremental didChange; the latency is from sending it to receiving the publishDiagnostics of that version.
// A second phase times hovers and code actions sent while the lint of an edit is running.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { pathToUri } from '../server/src/engine/uris';
import {
  applyTextEdit,
  breaksSyntax,
  expressFile,
  randomCodeEdit,
  randomEdit,
  seededRandom,
  undoOf,
  writeExpressProject,
  type TextEdit,
} from './generators';
import { TestLspClient } from '../server/test/support/lspClient';
import { fmtMb, fmtMs, fmtS, loadNow, percentile, procStats, table } from './measure';

export interface TypingOptions {
  repo: string;
  /** The server bundle to run (a snapshot of dist/server.js). */
  serverBundle: string;
  corpusDir: string;
  workDir: string;
  edits: number;
  /** Edits of the hover/code-action phase. */
  probeEdits: number;
  /** Each session runs once per value; undefined: the server's default `apiwarden.lintDelayMs` (no value sent). */
  lintDelays: (number | undefined)[];
  /** Which sessions: 'stripe', 'express'. */
  sessions: string[];
  log: (line: string) => void;
}

export interface EditSample {
  kind: string;
  ms: number;
  diagnostics: number;
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface TypingResult {
  name: string;
  file: string;
  probeEdits: number;
  lines: number;
  bytes: number;
  lintDelayMs: number;
  lintDelaySource: string;
  openMs: number;
  openDiagnostics: number;
  samples: EditSample[];
  timeouts: number;
  latency: Stats;
  byKind: { kind: string; stats: Stats }[];
  hoverAfterEdit: Stats;
  hoverDuringLint: Stats;
  hoverAll: Stats;
  codeActionDuringLint: Stats;
  codeActionAll: Stats;
  codeActionsReturned: number;
  codeActionTarget: string;
  serverPeakRssBytes: number;
  serverCpuMs: number;
  /** The server's resident memory (MB) after opening and after every 50 edits. */
  rssTrace: string[];
  loadBefore: string;
  loadAfter: string;
}

export function stats(values: number[]): Stats {
  const finite = values.filter((v) => Number.isFinite(v));
  return {
    n: finite.length,
    p50: percentile(finite, 50),
    p95: percentile(finite, 95),
    max: finite.length ? Math.max(...finite) : NaN,
  };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

function toChange(text: string, edit: TextEdit) {
  const starts = lineStarts(text);
  return {
    range: { start: positionAt(starts, edit.offset), end: positionAt(starts, edit.offset + edit.length) },
    text: edit.text,
  };
}

/**
 * The server's default lint delay: DEFAULT_LINT_DELAY_MS in server/src/lsp/settingsCache.ts (what applies when the
 * client sends no value), checked against the default the extension contributes in package.json.
 */
export function defaultLintDelay(repo: string): { ms: number; note: string } {
  const source = readFileSync(path.join(repo, 'server', 'src', 'lsp', 'settingsCache.ts'), 'utf8');
  const fromServer = Number(/DEFAULT_LINT_DELAY_MS\s*=\s*(\d+)/.exec(source)?.[1] ?? NaN);
  const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const contributed = pkg.contributes.configuration.properties['apiwarden.lintDelayMs']?.default;
  const note =
    contributed === fromServer ? 'server default' : `server default; package.json contributes ${String(contributed)}`;
  return { ms: fromServer, note };
}

interface SessionSpec {
  name: string;
  file: string;
  rootDir: string;
  languageId: string;
  text: string;
  nextEdit: (text: string, random: () => number) => TextEdit;
  /** An edit made before the probe phase so that a diagnostic with a quick-fix exists (optional). */
  prepareFix?: (text: string) => TextEdit | undefined;
}

async function runSession(
  spec: SessionSpec,
  options: TypingOptions & { lintDelayMs: number | undefined },
): Promise<TypingResult> {
  const serverDefault = defaultLintDelay(options.repo);
  const delay = options.lintDelayMs ?? serverDefault.ms;
  const settings = options.lintDelayMs === undefined ? {} : { lintDelayMs: options.lintDelayMs };
  const client = new TestLspClient({ serverBundle: options.serverBundle, rootUri: pathToUri(spec.rootDir), settings });
  const pid = client.process.pid ?? -1;
  const rssTrace: string[] = [];
  const sampleRss = (label: string) => {
    const now = procStats(pid);
    if (now) rssTrace.push(`${label}: ${fmtMb(now.rssBytes)}`);
  };
  const uri = pathToUri(spec.file);
  const loadBefore = loadNow();
  let text = spec.text;
  let version = 1;
  const trim = () => client.trim(uri);
  try {
    await client.initialize();
    const opened = performance.now();
    await client.open(uri, text, spec.languageId, version);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1, 600_000);
    const openMs = first.receivedAt - opened;
    options.log(
      `  ${spec.name}: didOpen → first diagnostics ${fmtMs(openMs)} ms (${first.diagnostics.length} diagnostics)`,
    );
    trim();
    sampleRss('open');

    const random = seededRandom(42);
    const samples: EditSample[] = [];
    let timeouts = 0;
    let previous: { before: string; edit: TextEdit } | undefined;
    const nextEdit = (): TextEdit => {
      // A syntax-breaking edit is repaired by the next one, as a person does.
      const edit =
        previous && breaksSyntax(previous.edit) ? undoOf(previous.before, previous.edit) : spec.nextEdit(text, random);
      previous = { before: text, edit };
      return edit;
    };
    for (let i = 0; i < options.edits; i++) {
      const edit = nextEdit();
      const change = toChange(text, edit);
      text = applyTextEdit(text, edit);
      version++;
      const sent = performance.now();
      await client.change(uri, version, [change]);
      const v = version;
      try {
        const published = await client.waitForDiagnostics(uri, (p) => p.version === v, 120_000);
        samples.push({
          kind: edit.kind.replace(/^(add property|rename) .*/, '$1'),
          ms: published.receivedAt - sent,
          diagnostics: published.diagnostics.length,
        });
      } catch {
        timeouts++;
        samples.push({ kind: edit.kind, ms: NaN, diagnostics: -1 });
        if (timeouts >= 3) throw new Error(`${spec.name}: no diagnostics for 3 edits (2 minutes each); stopping`);
      }
      trim();
      if ((i + 1) % 50 === 0) sampleRss(`${i + 1} edits`);
      if ((i + 1) % 50 === 0)
        options.log(
          `  ${spec.name}: ${i + 1}/${options.edits} edits, last ${fmtMs(samples[samples.length - 1]!.ms)} ms, load ${loadNow()}`,
        );
    }

    // Probe phase: hovers every 20 ms while the lint of an edit runs, one code action per edit.
    const prepare = spec.prepareFix?.(text);
    if (prepare) {
      const change = toChange(text, prepare);
      text = applyTextEdit(text, prepare);
      version++;
      await client.change(uri, version, [change]);
      const v = version;
      await client.waitForDiagnostics(uri, (p) => p.version === v, 120_000);
      trim();
    }
    const hoverAfterEdit: number[] = [];
    const hoverDuring: number[] = [];
    const hoverAll: number[] = [];
    const actionDuring: number[] = [];
    const actionAll: number[] = [];
    let actionsReturned = 0;
    let target: Diagnostic | undefined;
    for (let i = 0; i < options.probeEdits; i++) {
      const latest = client.latest(uri)?.diagnostics ?? [];
      target = latest.find((d) => (d.data as { fix?: unknown } | undefined)?.fix !== undefined) ?? latest[0];
      const position = target
        ? { line: target.range.start.line, character: target.range.start.character + 1 }
        : { line: 0, character: 0 };
      const edit = nextEdit();
      const change = toChange(text, edit);
      text = applyTextEdit(text, edit);
      version++;
      const v = version;
      const pending: Promise<void>[] = [];
      const probes: { kind: 'hover' | 'hover0' | 'action'; sent: number; answered: number }[] = [];
      const probe = (kind: 'hover' | 'hover0' | 'action') => {
        const sent = performance.now();
        const request =
          kind === 'action'
            ? client.connection.sendRequest<unknown[] | null>('textDocument/codeAction', {
                textDocument: { uri },
                range: target?.range ?? { start: position, end: position },
                context: { diagnostics: target ? [target] : [], only: ['quickfix'] },
              })
            : client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
        pending.push(
          request.then((answer) => {
            probes.push({ kind, sent, answered: performance.now() });
            if (kind === 'action' && Array.isArray(answer) && answer.length > 0) actionsReturned++;
          }),
        );
      };
      // Even edits: hovers only; odd edits: one code action only (a code action that parses the document would
      // otherwise hold up the hovers queued behind it, and the figures would mix the two).
      const hovers = i % 2 === 0;
      const sent = performance.now();
      await client.change(uri, v, [change]);
      if (hovers) probe('hover0');
      let arrived = false;
      const interval = setInterval(() => {
        if (!arrived && hovers) probe('hover');
      }, 20);
      const actionTimer = setTimeout(() => {
        if (!hovers) probe('action');
      }, 5);
      const published = await client
        .waitForDiagnostics(uri, (p) => p.version === v, 120_000)
        .finally(() => {
          arrived = true;
          clearInterval(interval);
        });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, sent + 10 - performance.now())));
      clearTimeout(actionTimer);
      await Promise.all(pending);
      // The server lints an edit that follows a pause at once (the lint delay only gathers keystrokes that arrive
      // while a lint runs or waits), and every probed edit follows a pause: it is sent after the previous edit's
      // diagnostics arrived. So the lint starts when the edit arrives, whatever the delay.
      const lintStart = sent;
      for (const p of probes) {
        const ms = p.answered - p.sent;
        const during = p.sent >= lintStart && p.answered <= published.receivedAt;
        if (p.kind === 'hover0') hoverAfterEdit.push(ms);
        if (p.kind !== 'action') hoverAll.push(ms);
        if (p.kind !== 'action' && during) hoverDuring.push(ms);
        if (p.kind === 'action') {
          actionAll.push(ms);
          if (during) actionDuring.push(ms);
        }
      }
      trim();
    }
    sampleRss(`${options.edits} edits + ${options.probeEdits} probe edits`);
    const server = procStats(pid);
    const latency = stats(samples.map((s) => s.ms));
    const kinds = [...new Set(samples.map((s) => s.kind))];
    const result: TypingResult = {
      name: spec.name,
      file: path.basename(spec.file),
      probeEdits: options.probeEdits,
      lines: spec.text.split('\n').length,
      bytes: Buffer.byteLength(spec.text),
      lintDelayMs: delay,
      lintDelaySource: options.lintDelayMs === undefined ? serverDefault.note : 'set',
      rssTrace,
      openMs,
      openDiagnostics: first.diagnostics.length,
      samples,
      timeouts,
      latency,
      byKind: kinds
        .map((kind) => ({ kind, stats: stats(samples.filter((s) => s.kind === kind).map((s) => s.ms)) }))
        .sort((a, b) => b.stats.n - a.stats.n),
      hoverAfterEdit: stats(hoverAfterEdit),
      hoverDuringLint: stats(hoverDuring),
      hoverAll: stats(hoverAll),
      codeActionDuringLint: stats(actionDuring),
      codeActionAll: stats(actionAll),
      codeActionsReturned: actionsReturned,
      codeActionTarget: target
        ? `${String(target.code)}${(target.data as { fix?: unknown } | undefined)?.fix ? ' (has a quick-fix)' : ' (no quick-fix)'}`
        : 'none',
      serverPeakRssBytes: server?.peakRssBytes ?? NaN,
      serverCpuMs: server?.cpuMs ?? NaN,
      loadBefore,
      loadAfter: loadNow(),
    };
    options.log(
      `  ${spec.name}: p50 ${fmtMs(latency.p50)} ms, p95 ${fmtMs(latency.p95)} ms, max ${fmtMs(latency.max)} ms; hover during lint p95 ${fmtMs(result.hoverDuringLint.p95, 1)} ms (n=${result.hoverDuringLint.n})`,
    );
    return result;
  } finally {
    await client.shutdown();
  }
}

/** A readable `password` property in the first schema with properties: oas-password-readable offers writeOnly. */
function addReadablePassword(text: string): TextEdit | undefined {
  const schemas = text.indexOf('\n  schemas:\n');
  if (schemas === -1) return undefined;
  const match = /\n( +)properties:\n/.exec(text.slice(schemas));
  if (!match) return undefined;
  const at = schemas + match.index + match[0].length;
  const pad = `${match[1]}  `;
  return {
    offset: at,
    length: 0,
    text: `${pad}password:\n${pad}  type: string\n${pad}  maxLength: 64\n`,
    kind: 'add a readable password property',
  };
}

export async function benchTyping(options: TypingOptions): Promise<TypingResult[]> {
  const results: TypingResult[] = [];
  for (const lintDelayMs of options.lintDelays) {
    const run = { ...options, lintDelayMs };
    if (options.sessions.includes('stripe')) {
      const dir = path.join(options.workDir, 'typing-spec');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'stripe-spec3-oas3.0.yaml');
      copyFileSync(path.join(options.corpusDir, 'stripe-spec3-oas3.0.yaml'), file);
      results.push(
        await runSession(
          {
            name: 'Stripe spec (YAML)',
            file,
            rootDir: dir,
            languageId: 'yaml',
            text: readFileSync(file, 'utf8'),
            nextEdit: randomEdit,
            prepareFix: addReadablePassword,
          },
          run,
        ),
      );
    }
    if (options.sessions.includes('express')) {
      const dir = path.join(options.workDir, 'typing-express');
      const text = expressFile(2000);
      const file = writeExpressProject(dir, text);
      results.push(
        await runSession(
          {
            name: 'Express routes (TypeScript)',
            file,
            rootDir: dir,
            languageId: 'typescript',
            text,
            nextEdit: randomCodeEdit,
          },
          run,
        ),
      );
    }
  }
  return results;
}

export function typingTables(results: TypingResult[]): string {
  const out: string[] = [];
  const s = (x: Stats, digits = 0) => `${fmtMs(x.p50, digits)} / ${fmtMs(x.p95, digits)} / ${fmtMs(x.max, digits)}`;
  out.push(
    table(
      [
        'document',
        'size',
        'lint delay',
        'didOpen → diagnostics',
        'edits',
        'edit → diagnostics p50 / p95 / max (ms)',
        'timeouts',
        'server peak RSS MB',
        'server CPU s',
        'load avg before → after',
      ],
      results.map((r) => [
        r.name,
        `${r.lines} lines, ${(r.bytes / 1e6).toFixed(2)} MB`,
        `${r.lintDelayMs} ms (${r.lintDelaySource})`,
        `${fmtMs(r.openMs)} ms`,
        String(r.samples.length),
        s(r.latency),
        String(r.timeouts),
        fmtMb(r.serverPeakRssBytes),
        fmtS(r.serverCpuMs, 1),
        `${r.loadBefore} → ${r.loadAfter}`,
      ]),
    ),
  );
  out.push(
    'Server resident memory (MB) during each session: ' +
      results.map((r) => `${r.name}, delay ${r.lintDelayMs} ms — ${r.rssTrace.join(', ')}`).join('; ') +
      '.',
  );
  out.push(
    `Requests while linting (ms, p50 / p95 / max, n), over ${results[0]?.probeEdits ?? 0} more edits: on half of them a hover right after the edit and hovers every 20 ms until the diagnostics arrived; on the other half one code action 5 ms after the edit, on the diagnostic named (with a quick-fix where one exists). "During lint": sent after the edit (whose lint starts at once: it follows a pause) and answered before its diagnostics.\n\n` +
      table(
        [
          'document',
          'lint delay',
          'hover right after edit',
          'hover during lint',
          'code action during lint',
          'code action (all)',
          'code action target',
          'actions returned',
        ],
        results.map((r) => [
          r.name,
          `${r.lintDelayMs} ms`,
          `${s(r.hoverAfterEdit, 1)} (${r.hoverAfterEdit.n})`,
          `${s(r.hoverDuringLint, 1)} (${r.hoverDuringLint.n})`,
          `${s(r.codeActionDuringLint, 1)} (${r.codeActionDuringLint.n})`,
          `${s(r.codeActionAll, 1)} (${r.codeActionAll.n})`,
          r.codeActionTarget,
          String(r.codeActionsReturned),
        ]),
      ),
  );
  for (const r of results) {
    out.push(
      `Edit → diagnostics by kind of edit, ${r.name}, lint delay ${r.lintDelayMs} ms (ms):\n\n` +
        table(
          ['edit', 'n', 'p50', 'p95', 'max'],
          r.byKind.map((k) => [k.kind, String(k.stats.n), fmtMs(k.stats.p50), fmtMs(k.stats.p95), fmtMs(k.stats.max)]),
        ),
    );
  }
  return out.join('\n\n');
}
