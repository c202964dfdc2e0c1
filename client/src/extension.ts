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
import { ServerRestartPolicy } from './restartPolicy';

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
const restartPolicy = new ServerRestartPolicy();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('API Warden', { log: true });
  context.subscriptions.push(output);
  client = createClient(context, output);
  context.subscriptions.push(new FindingsStatusBar(client));
  registerLintWorkspaceCommand(context, () => client);
  registerRuleDocumentationCommand(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('apiwarden.restartServer', async () => {
      restartPolicy.reset();
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
    errorHandler: restartingErrorHandler(output, restartPolicy),
  };
  return new LanguageClient('apiwarden', 'API Warden', serverOptions, clientOptions);
}

/** Restarts a crashed server with back-off, tells the user once, gives up after repeated crashes (restartPolicy.ts). */
function restartingErrorHandler(output: vscode.OutputChannel, policy: ServerRestartPolicy): ErrorHandler {
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: async () => {
      const decision = policy.closed(Date.now());
      output.appendLine(decision.log);
      if (decision.notify) void vscode.window.showWarningMessage(decision.notify);
      if (!decision.restart) return { action: CloseAction.DoNotRestart, handled: true };
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
