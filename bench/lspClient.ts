// A minimal LSP client for the bench, like server/test/support/lspClient.ts but for any server bundle (the bench
// runs a snapshot of dist/ so that a rebuild during the run does not change what is measured).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export interface Published {
  version: number | undefined;
  diagnostics: Diagnostic[];
  receivedAt: number;
}

export class BenchLspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** publishDiagnostics per URI, in arrival order (callers trim what they no longer need). */
  readonly published = new Map<string, Published[]>();
  private readonly waiters: (() => void)[] = [];
  private readonly stderr: string[] = [];

  constructor(
    serverBundle: string,
    private readonly rootUri: string,
    private readonly settings: unknown,
  ) {
    this.process = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 200) this.stderr.shift();
    });
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({ version: params.version, diagnostics: params.diagnostics, receivedAt: performance.now() });
      this.published.set(params.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('$/progress', () => {});
    this.connection.listen();
  }

  async initialize(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.rootUri,
      workspaceFolders: [{ uri: this.rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
        },
        window: { workDoneProgress: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
  }

  open(uri: string, text: string, languageId: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: { range: Diagnostic['range']; text: string }[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  latest(uri: string): Published | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /** Keeps only the newest publication for `uri` (a 4 MB spec's diagnostics add up over hundreds of edits). */
  trim(uri: string): void {
    const list = this.published.get(uri);
    if (list && list.length > 1) list.splice(0, list.length - 1);
  }

  /** The first publication for `uri` (past ones included) that satisfies `predicate`. */
  async waitFor(uri: string, predicate: (p: Published) => boolean, timeoutMs: number): Promise<Published> {
    const deadline = performance.now() + timeoutMs;
    let checked = 0;
    for (;;) {
      const list = this.published.get(uri) ?? [];
      if (checked > list.length) checked = 0; // trimmed meanwhile
      for (; checked < list.length; checked++) if (predicate(list[checked]!)) return list[checked]!;
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; server stderr: ${this.stderr.join('').slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 5000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
