// The API Warden language server. The transport (--stdio, --node-ipc, --socket=N) comes from the command line,
// so the same bundle serves VS Code (IPC) and any other editor (stdio). Linting runs in a worker thread; this
// thread only keeps documents, answers hovers and code actions, and publishes diagnostics.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LintWorkerClient } from './lintWorkerClient';
import { LintScheduler } from './lintScheduler';
import { SettingsCache } from './settingsCache';
import { hoverFor } from './hover';
import { codeActionsFor } from './codeActions';
import { lintWorkspace, LINT_WORKSPACE_REQUEST } from './workspaceLint';
import { InventoryService, INVENTORY_REQUEST, type InventoryParams } from './inventoryRequest';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const worker = new LintWorkerClient(undefined, (message) => connection.console.error(message));
const scheduler = new LintScheduler(connection, documents, worker, settings);
let workspaceFolders: string[] = [];
const inventory = new InventoryService(documents, settings, (message) => connection.console.error(message));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  settings.configure(params.capabilities.workspace?.configuration === true, params.initializationOptions);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  worker.setReadRoots(workspaceFolders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'API Warden', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  connection.workspace.onDidChangeWorkspaceFolders?.((event) => {
    const removed = new Set(event.removed.map((f) => f.uri));
    workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri)];
    worker.setReadRoots(workspaceFolders);
  });
});

connection.onDidChangeConfiguration((change) => {
  settings.clear(change.settings);
  scheduler.relintAll();
});

// TextDocuments fires onDidChangeContent right after onDidOpen; the open handler already covers that one.
const justOpened = new Set<string>();
documents.onDidOpen((event) => {
  justOpened.add(event.document.uri);
  scheduler.opened(event.document);
});
documents.onDidChangeContent((event) => {
  if (justOpened.delete(event.document.uri)) return;
  void scheduler.changed(event.document);
});
documents.onDidClose((event) => scheduler.closed(event.document.uri));

connection.onHover((params) => hoverFor(scheduler.findingsFor(params.textDocument.uri), params.position));

connection.onCodeAction((params) => {
  const document = documents.get(params.textDocument.uri);
  return document ? codeActionsFor(document, params) : [];
});

connection.onRequest(LINT_WORKSPACE_REQUEST, async (params: { workDoneToken?: string | number } | undefined, token) => {
  // Report on the client's token when it sent one (VS Code shows it in its notification), else create our own.
  const progress =
    params?.workDoneToken !== undefined
      ? connection.window.attachWorkDoneProgress(params.workDoneToken)
      : await connection.window.createWorkDoneProgress();
  const progressToken = 'token' in progress ? (progress.token as { isCancellationRequested: boolean }) : undefined;
  return lintWorkspace(
    connection,
    scheduler,
    workspaceFolders,
    progress,
    () => token.isCancellationRequested || progressToken?.isCancellationRequested === true,
  );
});

connection.onRequest(INVENTORY_REQUEST, (params: InventoryParams | undefined) =>
  inventory.answer(params?.folders ?? workspaceFolders, params?.format),
);

// Only for tests of crash recovery: once a lint is under way, stops the lint worker the way a crash would.
if (process.env.APIWARDEN_TEST_HOOKS === '1') {
  connection.onRequest('apiwarden/test/terminateWorker', async () => {
    while (!worker.linting) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.terminateWorkerForTest();
  });
}

connection.onShutdown(async () => {
  scheduler.dispose();
  await Promise.all([worker.dispose(), inventory.dispose()]);
});

documents.listen(connection);
connection.listen();
