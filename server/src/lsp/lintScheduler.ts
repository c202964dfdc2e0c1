// Decides when each document is linted and what the editor sees: debounces typing, drops results computed for
// an old version, re-lints the specs that `$ref` a file when that file changes, and merges findings from every
// root into per-file diagnostics (a fault in a referenced file shows in that file). Each lint is announced with
// `apiwarden/status` (lintStatus.ts): `linting` when it starts, `done` once its diagnostics were published.
import type { Connection } from 'vscode-languageserver/node';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine';
import { compareFindings, FindingDeduplicator } from '../engine';
import type { LintWorkerClient, JobPriority } from './lintWorkerClient';
import type { SettingsCache } from './settingsCache';
import { toDiagnostic } from './diagnostics';
import { LINT_STATUS_NOTIFICATION, type LintStatusParams } from './lintStatus';

interface RootState {
  /** Findings of the last lint of this root, grouped by the file they belong to. */
  byUri: Map<string, Finding[]>;
  dependencies: string[];
}

/** APIWARDEN_TRACE_TIMINGS=1: log each lint's and each publish's duration (benchmarks, diagnosis). */
const TRACE_TIMINGS = process.env.APIWARDEN_TRACE_TIMINGS === '1';

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly roots = new Map<string, RootState>();
  /** file uri -> roots whose last lint read it. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Roots linted from disk by a workspace lint; kept after their editor closes. */
  private readonly workspaceRoots = new Set<string>();
  private readonly published = new Map<string, Finding[]>();
  private readonly publishedVersions = new Map<string, number | undefined>();
  /** Documents being linted again because the worker died under their lint (once each). */
  private readonly retries = new Map<string, number>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly worker: LintWorkerClient,
    private readonly settings: SettingsCache,
  ) {}

  /** When the editor last changed any document (performance.now()). */
  private lastChangeAt = -Infinity;

  /** Findings currently shown for a file (for hovers). */
  findingsFor(uri: string): readonly Finding[] {
    return this.published.get(uri) ?? [];
  }

  /** Findings shown for a linted document with the version they are of (fix-all acts only on current ones). */
  publishedFor(uri: string): { findings: readonly Finding[]; version: number | undefined } {
    return { findings: this.published.get(uri) ?? [], version: this.publishedVersions.get(uri) };
  }

  opened(document: TextDocument): void {
    this.worker.markDirty(document.uri, () => document.getText());
    this.schedule(document.uri, 0);
  }

  async changed(document: TextDocument): Promise<void> {
    this.worker.markDirty(document.uri, () => document.getText());
    this.worker.supersede(document.uri);
    const settings = await this.settings.get(document.uri);
    // The first keystroke after a pause is linted at once; while typing goes on (a lint running or waiting),
    // the delay gathers keystrokes into one lint. The pause is the editor's, not the file's: edits to many files
    // at once (an assistant applying a patch) are one burst, linted once per file when it settles.
    const now = performance.now();
    const idle = !this.timers.has(document.uri) && !this.worker.busy && now - this.lastChangeAt >= settings.lintDelayMs;
    this.lastChangeAt = now;
    this.schedule(document.uri, idle ? 0 : settings.lintDelayMs);
    // Specs that `$ref` this file are linted again with its new text.
    for (const root of this.dependents.get(document.uri) ?? [])
      if (root !== document.uri) this.schedule(root, settings.lintDelayMs);
  }

  closed(uri: string): void {
    this.clearTimer(uri);
    this.worker.supersede(uri);
    this.worker.deleteOverlay(uri);
    if (this.workspaceRoots.has(uri)) {
      void this.lintNow(uri, 'background');
    } else {
      this.updateRoot(uri, undefined);
      this.worker.forgetFindings(uri);
    }
    // Specs that reference this file now read it from disk again.
    for (const root of this.dependents.get(uri) ?? []) if (root !== uri) this.schedule(root, 0);
  }

  /** Settings changed: every open document is linted again with its new settings. */
  relintAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
    for (const uri of this.workspaceRoots) if (!this.documents.get(uri)) void this.lintNow(uri, 'background');
  }

  /** Lints a file now (workspace lint): open documents use their buffer, others are read from disk. */
  async lintNow(uri: string, priority: JobPriority): Promise<Finding[]> {
    const document = this.documents.get(uri);
    const version = document?.version;
    const versioned = version !== undefined ? { uri, version } : { uri };
    this.sendStatus({ ...versioned, state: 'linting' });
    const settings = await this.settings.get(uri);
    // Open documents are linted from their mirrored buffer (sent once per job, see markDirty), others from disk.
    const outcome = await this.worker.lint({ uri, settings, priority });
    if (outcome.status === 'failed') {
      this.connection.console.error(`API Warden could not lint ${uri}: ${outcome.message}`);
      // A worker that died is replaced at once: lint again rather than leave the document without diagnostics.
      if (outcome.workerStopped && (this.retries.get(uri) ?? 0) < 1) {
        this.retries.set(uri, (this.retries.get(uri) ?? 0) + 1);
        return this.lintNow(uri, priority);
      }
      this.retries.delete(uri);
      this.sendStatus({ ...versioned, state: 'failed' });
      return [];
    }
    this.retries.delete(uri);
    // Cancelled or stale: a newer version is scheduled already (and reports its own status), or the document was
    // closed meanwhile (closing cleared or re-linted it). Either way, nothing of this lint is shown.
    if (outcome.status === 'cancelled') return [];
    const current = this.documents.get(uri);
    if (current !== document || current?.version !== version) return [];
    const { result } = outcome;
    if (TRACE_TIMINGS)
      this.connection.console.log(
        `lint ${uri} v${version ?? '-'}: ${result.durationMs.toFixed(1)} ms in the worker ${JSON.stringify(result.timings ?? {})}, ${outcome.transferMs} ms to the main thread`,
      );
    for (const error of result.errors) this.connection.console.warn(`API Warden: ${error}`);
    if (!document && result.kind !== 'none') this.workspaceRoots.add(uri);
    this.updateRoot(uri, result.kind === 'none' ? undefined : result.findings, result.dependencies, version);
    // After the publishDiagnostics above (same connection, sent in order): a client that sees `done` has them.
    this.sendStatus({
      ...versioned,
      state: 'done',
      kind: result.kind,
      findings: this.published.get(uri)?.length ?? 0,
      durationMs: Math.round(result.durationMs * 10) / 10,
    });
    return result.findings;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(uri: string, delayMs: number): void {
    this.clearTimer(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.lintNow(uri, 'interactive');
      }, delayMs),
    );
  }

  private clearTimer(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private updateRoot(
    root: string,
    findings: Finding[] | undefined,
    dependencies: string[] = [],
    version?: number,
  ): void {
    const previous = this.roots.get(root);
    for (const dep of previous?.dependencies ?? []) this.dependents.get(dep)?.delete(root);
    const affected = new Set<string>(previous ? previous.byUri.keys() : []);
    if (findings === undefined) {
      this.roots.delete(root);
      this.workspaceRoots.delete(root);
    } else {
      const byUri = new Map<string, Finding[]>();
      for (const finding of findings) {
        let list = byUri.get(finding.uri);
        if (!list) byUri.set(finding.uri, (list = []));
        list.push(finding);
        affected.add(finding.uri);
      }
      this.roots.set(root, { byUri, dependencies });
      for (const dep of dependencies) {
        let set = this.dependents.get(dep);
        if (!set) this.dependents.set(dep, (set = new Set()));
        set.add(root);
      }
    }
    affected.add(root);
    for (const uri of affected) this.publish(uri, uri === root ? version : undefined);
  }

  private publish(uri: string, version: number | undefined): void {
    const started = performance.now();
    const contributions: Finding[][] = [];
    for (const state of this.roots.values()) {
      const list = state.byUri.get(uri);
      if (list && list.length > 0) contributions.push(list);
    }
    let merged: Finding[];
    if (contributions.length <= 1) merged = [...(contributions[0] ?? [])];
    else {
      // The same fragment reached from two specs yields the same finding twice.
      merged = new FindingDeduplicator().keep(contributions.flat());
    }
    merged.sort(compareFindings);
    this.published.set(uri, merged);
    this.publishedVersions.set(uri, version);
    const diagnostics = merged.map(toDiagnostic);
    const converted = performance.now();
    void this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
    if (TRACE_TIMINGS) {
      this.connection.console.log(
        `publish ${uri} v${version ?? '-'}: ${merged.length} diagnostics, merged+converted in ${(converted - started).toFixed(1)} ms, sent in ${(performance.now() - converted).toFixed(1)} ms`,
      );
    }
  }

  private sendStatus(params: LintStatusParams): void {
    void this.connection.sendNotification(LINT_STATUS_NOTIFICATION, params);
  }
}
