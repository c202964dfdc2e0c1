// Status bar item: how many API Warden findings are open (errors and warnings); a click opens Problems.
import * as vscode from 'vscode';
import { statusBarTooltip } from './messages';

const SOURCE = 'apiwarden';

export class FindingsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('apiwarden.findings', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'API Warden findings';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.update());
    this.update();
    this.item.show();
  }

  private update(): void {
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
    const total = errors + warnings + others;
    this.item.text = `$(shield) API Warden: ${total}`;
    this.item.tooltip = statusBarTooltip({ errors, warnings, others, files });
    this.item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
