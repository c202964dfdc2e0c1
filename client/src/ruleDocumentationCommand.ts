// "Show documentation of <rule>" (a code action of every finding): the server names the rule and its page; a page
// shipped with the extension (a file: URL) opens in the Markdown preview, a published one in the browser.
import * as vscode from 'vscode';

export const SHOW_DOCUMENTATION_COMMAND = 'apiwarden.showRuleDocumentation';

export function registerRuleDocumentationCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_DOCUMENTATION_COMMAND, async (_ruleId: unknown, url: unknown) => {
      if (typeof url !== 'string') return;
      const uri = vscode.Uri.parse(url);
      if (uri.scheme === 'file') await vscode.commands.executeCommand('markdown.showPreview', uri);
      else await vscode.env.openExternal(uri);
    }),
  );
}
