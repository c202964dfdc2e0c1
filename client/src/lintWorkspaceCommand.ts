// "API Warden: Lint workspace": asks the server to lint every OpenAPI document and API handler code file in the
// workspace, showing its progress in a cancellable notification.
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { workspaceLintMessage, type WorkspaceLintSummary } from './messages';

const LINT_WORKSPACE_REQUEST = 'apiwarden/lintWorkspace';

export function registerLintWorkspaceCommand(
  context: vscode.ExtensionContext,
  getClient: () => LanguageClient | undefined,
): void {
  let counter = 0;
  context.subscriptions.push(
    vscode.commands.registerCommand('apiwarden.lintWorkspace', async () => {
      const client = getClient();
      if (!client) return;
      const workDoneToken = `apiwarden-lint-workspace-${++counter}`;
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'API Warden', cancellable: true },
        async (progress, cancellation) => {
          let last = 0;
          const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
            if (value.kind === 'end') return;
            const percentage = value.percentage ?? last;
            progress.report({ message: value.message ?? '', increment: Math.max(0, percentage - last) });
            last = percentage;
          });
          try {
            return await client.sendRequest<WorkspaceLintSummary>(
              LINT_WORKSPACE_REQUEST,
              { workDoneToken },
              cancellation,
            );
          } finally {
            listener.dispose();
          }
        },
      );
      void vscode.window.showInformationMessage(workspaceLintMessage(summary));
      return summary;
    }),
  );
}
