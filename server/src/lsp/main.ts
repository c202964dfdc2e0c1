// The API Warden language server. The transport (--stdio, --node-ipc, --socket=N) comes from the command line,
// so the same bundle serves VS Code (IPC) and any other editor (stdio). Linting runs in a worker thread; this
// thread only keeps documents, answers hovers and code actions, and publishes diagnostics.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { inspect } from 'node:util';
import { LintWorkerClient } from './lintWorkerClient';
import { workerCrashMessage } from './workerRestart';
import { LintScheduler } from './lintScheduler';
import { SettingsCache } from './settingsCache';
import { hoverFor } from './hover';
import { CODE_ACTION_KINDS, codeActionsFor } from './codeActions';
import { lintWorkspace, LINT_WORKSPACE_REQUEST } from './workspaceLint';
import { InventoryService, INVENTORY_REQUEST, type InventoryParams } from './inventoryRequest';
import { FrameResyncStream } from './frameResync';
import type { TestCrashMode } from './workerProtocol';

const connection = createStdioOrArgvConnection();
// A rejected promise nobody awaited (a notification to a client that went away, a request the client does not
// support) is logged, not fatal: Node would otherwise end the server and every open document's diagnostics with it.
process.on('unhandledRejection', (reason) => {
  connection.console.error(
    `API Warden: unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
  );
});
const documents = new TextDocuments(TextDocument);
const settings = new SettingsCache(connection);
const TEST_HOOKS = process.env.APIWARDEN_TEST_HOOKS === '1';
const workerHeapMb = Number(process.env.APIWARDEN_WORKER_MAX_HEAP_MB);
const worker = new LintWorkerClient({
  log: (message) => connection.console.error(message),
  onCrash: (crash) => {
    // Every crash is in the log; the user is told once per session, not at each crash of a crash loop.
    // A notification, not `window.showWarningMessage` (a request that fails in clients without
    // window/showMessageRequest, such as the tests' and some editors').
    if (crash.total === 1)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: workerCrashMessage(crash),
      });
  },
  testHooks: TEST_HOOKS,
  ...(workerHeapMb > 0 ? { maxHeapMb: workerHeapMb } : {}),
});
const scheduler = new LintScheduler(connection, documents, worker, settings);
let workspaceFolders: string[] = [];
let snippetEdits = false;
const inventory = new InventoryService(documents, settings, (message) => connection.console.error(message));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  settings.configure(params.capabilities.workspace?.configuration === true, params.initializationOptions);
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  snippetEdits = params.capabilities.workspace?.workspaceEdit?.snippetEditSupport === true;
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  worker.setReadRoots(workspaceFolders);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: false },
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
  return document
    ? codeActionsFor(document, params, {
        snippets: snippetEdits,
        published: scheduler.publishedFor(document.uri),
      })
    : [];
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

// Only for tests (crash recovery, memory over a long session).
if (TEST_HOOKS) {
  // Once a lint is under way, stops the lint worker the way a crash would.
  connection.onRequest('apiwarden/test/terminateWorker', async () => {
    while (!worker.linting) await new Promise((resolve) => setTimeout(resolve, 5));
    await worker.terminateWorkerForTest();
  });
  // The worker dies (`exit`, `throw`, `oom`) when its next lint job starts.
  connection.onRequest('apiwarden/test/crashWorker', (params: { mode: TestCrashMode }) => {
    worker.crashNextJobForTest(params.mode);
  });
  // Heap used by this thread and the worker, after a garbage collection where --expose-gc allows one.
  connection.onRequest('apiwarden/test/memory', async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    return { server: process.memoryUsage().heapUsed, worker: await worker.workerMemoryForTest(), gcRan: !!gc };
  });
}

connection.onShutdown(async () => {
  scheduler.dispose();
  await Promise.all([worker.dispose(), inventory.dispose()]);
});

documents.listen(connection);
connection.listen();

/**
 * Over stdio, input passes through the framing guard (frameResync.ts) so that one badly framed message cannot
 * stop the server hearing every later one; console output goes to the client's log, as the library does for
 * `--stdio` (stdout is the protocol). IPC (VS Code) and sockets are set up from the command line by the library.
 */
function createStdioOrArgvConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // The guard reports through the connection, which is created after it.
  const reportTo: { connection?: Connection } = {};
  const framed = new FrameResyncStream((bytes, reason) =>
    reportTo.connection?.console.error(`API Warden: dropped ${bytes} bytes of input: a message whose ${reason}.`),
  );
  process.stdin.pipe(framed);
  const created = createConnection(ProposedFeatures.all, framed, process.stdout);
  reportTo.connection = created;
  const logger = created.console;
  const serialize = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.debug = (...args: unknown[]) => logger.log(serialize(args));
  console.info = (...args: unknown[]) => logger.info(serialize(args));
  console.warn = (...args: unknown[]) => logger.warn(serialize(args));
  console.error = (...args: unknown[]) => logger.error(serialize(args));
  return created;
}
