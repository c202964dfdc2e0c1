// Status bar item: how many API Warden findings are open (errors and warnings); a click opens Problems. While a
// lint has been running for a moment (a large spec), it says "linting…" instead, from the server's
// `apiwarden/status` notifications; quick lints while typing leave the count in place, so it does not flicker.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { STATUS_BAR_LINTING_TEXT, statusBarLintingTooltip, statusBarText, statusBarTooltip } from './messages';
import { LINT_STATUS_NOTIFICATION, type LintStatus } from './protocol';

const SOURCE = 'apiwarden';
/** A lint shorter than this never shows "linting…". */
const LINTING_SHOWN_AFTER_MS = 300;

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apiwarden.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Documents whose lint is under way -> when it started (Date.now()). */
  private readonly linting = new Map<string, number>();
  private lintingTimer: NodeJS.Timeout | undefined;

  constructor(client: LanguageClient) {
    this.item.name = 'API Warden findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      client.onNotification(LINT_STATUS_NOTIFICATION, (status: LintStatus) => this.onStatus(status)),
      // A closed document's lint is dropped by the server without a word; a stopped server lints nothing.
      vscode.workspace.onDidCloseTextDocument((document) => this.lintEnded(document.uri.toString())),
      client.onDidChangeState((event) => {
        if (event.newState !== State.Running) {
          this.linting.clear();
          this.update();
        }
      }),
    );
    this.update();
    this.item.show();
  }

  private onStatus(status: LintStatus): void {
    if (status.state !== 'linting') return this.lintEnded(status.uri);
    // A newer version of a document still being linted keeps the start of its first lint.
    if (!this.linting.has(status.uri)) this.linting.set(status.uri, Date.now());
    this.update();
  }

  private lintEnded(uri: string): void {
    if (this.linting.delete(uri)) this.update();
  }

  private update(): void {
    if (this.lintingTimer) clearTimeout(this.lintingTimer);
    this.lintingTimer = undefined;
    const now = Date.now();
    const longRunning: string[] = [];
    let nextDueMs = Infinity;
    for (const [uri, started] of this.linting) {
      const dueIn = started + LINTING_SHOWN_AFTER_MS - now;
      if (dueIn <= 0) longRunning.push(uri);
      else nextDueMs = Math.min(nextDueMs, dueIn);
    }
    if (Number.isFinite(nextDueMs)) this.lintingTimer = setTimeout(() => this.update(), nextDueMs);
    if (longRunning.length > 0) {
      this.item.text = `$(sync~spin) ${STATUS_BAR_LINTING_TEXT}`;
      this.item.tooltip = statusBarLintingTooltip(longRunning.map((uri) => fileName(uri)));
      this.item.backgroundColor = undefined;
      return;
    }
    let errors = 0;
    let warnings = 0;
    let others = 0;
    let files = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      const ours = diagnostics.filter((d) => d.source === SOURCE);
      if (ours.length > 0) files++;
      for (const d of ours) {
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
        else others++;
      }
    }
    this.item.text = `$(shield) ${statusBarText(errors + warnings + others)}`;
    this.item.tooltip = statusBarTooltip({ errors, warnings, others, files });
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    if (this.lintingTimer) clearTimeout(this.lintingTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}

function fileName(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
