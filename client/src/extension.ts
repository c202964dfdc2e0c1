// The VS Code side of API Warden: starts the bundled language server, keeps it running, and adds the status bar
// item and commands. All analysis happens in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { FindingsStatusBar } from './statusBar';
import { registerLintWorkspaceCommand } from './lintWorkspaceCommand';
import { registerRuleDocumentationCommand } from './ruleDocumentationCommand';

/** The names engine/secrets/secretFiles.ts treats as secret files (kept in step with its SECRET_FILE_GLOBS). */
const SECRET_FILE_PATTERN = '**/{.env,.env.*,*.pem,*.key,id_rsa,*.jwk,*.jwks,*jwks.json}';

const DOCUMENT_LANGUAGES = [
  'yaml',
  'json',
  'jsonc',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('API Warden', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  context.subscriptions.push(new FindingsStatusBar(client));
  registerLintWorkspaceCommand(context, () => client);
  registerRuleDocumentationCommand(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('apiwarden.restartServer', async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand('apiwarden.showOutput', () => output.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...DOCUMENT_LANGUAGES.map((language) => ({ scheme: 'file', language })),
      // dotenv, key and JWKS files, whatever language mode an editor gives them (plaintext, properties, dotenv)
      { scheme: 'file', pattern: SECRET_FILE_PATTERN },
    ],
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: { configurationSection: 'apiwarden' },
    errorHandler: restartingErrorHandler(output),
  };
  return new LanguageClient('apiwarden', 'API Warden', serverOptions, clientOptions);
}

/** Restarts a crashed server, but gives up (and says so) after 5 crashes within 3 minutes. */
function restartingErrorHandler(output: vscode.OutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && now - crashes[0]! > 3 * 60_000) crashes.shift();
      if (crashes.length > 5) {
        output.appendLine(
          'The API Warden server crashed 5 times in 3 minutes; it will not be restarted. Run "API Warden: Restart language server" to try again.',
        );
        return {
          action: CloseAction.DoNotRestart,
          message: 'API Warden server stopped after repeated crashes. See the API Warden output.',
        };
      }
      output.appendLine('The API Warden server stopped unexpectedly; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
