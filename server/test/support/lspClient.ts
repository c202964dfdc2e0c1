// A small LSP client for tests and the bench: starts the bundled server (dist/server.js, or the bench's snapshot of
// it) over stdio, the way an editor other than VS Code does, and speaks plain JSON-RPC to it. Tests wait for events
// (diagnostics, the server's `apiwarden/status` notifications), never for time: the timeouts below only turn a hang
// into a failure that says what was awaited and what came instead.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { LINT_STATUS_NOTIFICATION, type LintStatusDone, type LintStatusParams } from '../../src/lsp/lintStatus';

export const SERVER_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface PublishedDiagnostics {
  version: number | undefined;
  diagnostics: Diagnostic[];
  receivedAt: number;
  /** Arrival order among all the notifications the client received (diagnostics and statuses). */
  seq: number;
}

/** An `apiwarden/status` notification as received. */
export type ReceivedStatus = LintStatusParams & { seq: number };

/** A `done` status and the diagnostics for its document received just before it. */
export interface LintDone {
  status: LintStatusDone & { seq: number };
  /** The last publication for the document before the status (the server publishes before it reports done). */
  published: PublishedDiagnostics;
}

/** Hang guard of the waits (ms): generous, a wait that ends normally ends on an event long before. */
const HANG_GUARD_MS = 60_000;

export interface TestClientOptions {
  /** The server bundle to start (default: dist/server.js). */
  serverBundle?: string;
  rootUri?: string;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** Node options for the server process (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** Settings returned for `workspace/configuration` (per scope URI when a function). */
  settings?: unknown | ((scopeUri: string | undefined) => unknown);
  /** Declare LSP 3.18 snippet edits in workspace edits (VS Code does). */
  snippetEdits?: boolean;
}

export class TestLspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcessWithoutNullStreams;
  /** Every publishDiagnostics notification, in arrival order, per URI. */
  readonly published = new Map<string, PublishedDiagnostics[]>();
  /** Every `apiwarden/status` notification, in arrival order, per URI. */
  readonly statuses = new Map<string, ReceivedStatus[]>();
  private readonly waiters: (() => void)[] = [];
  private seq = 0;
  readonly stderr: string[] = [];
  readonly logMessages: string[] = [];
  /** `window/showMessage` notifications (what an editor shows the user). */
  readonly shownMessages: { type: number; message: string }[] = [];
  configurationRequests = 0;

  constructor(private readonly options: TestClientOptions = {}) {
    this.process = spawn(
      process.execPath,
      [...(options.nodeArgs ?? []), options.serverBundle ?? SERVER_BUNDLE, '--stdio'],
      {
        stdio: 'pipe',
        env: { ...process.env, ...options.env },
      },
    );
    this.process.stderr.on('data', (chunk: Buffer) => {
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 1000) this.stderr.shift(); // a long bench session logs on
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(this.process.stdout),
      new StreamMessageWriter(this.process.stdin),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push({
        version: params.version,
        diagnostics: params.diagnostics,
        receivedAt: performance.now(),
        seq: ++this.seq,
      });
      this.published.set(params.uri, list);
      this.wake();
    });
    this.connection.onNotification(LINT_STATUS_NOTIFICATION, (params: LintStatusParams) => {
      const list = this.statuses.get(params.uri) ?? [];
      list.push({ ...params, seq: ++this.seq });
      this.statuses.set(params.uri, list);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logMessages.push(params.message);
      if (this.logMessages.length > 5000) this.logMessages.shift(); // a long session logs on
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.shownMessages.push(params);
    });
    this.connection.onRequest(
      'workspace/configuration',
      (params: { items: { scopeUri?: string; section?: string }[] }) => {
        this.configurationRequests++;
        return params.items.map((item) =>
          typeof this.options.settings === 'function'
            ? (this.options.settings as (u?: string) => unknown)(item.scopeUri)
            : (this.options.settings ?? {}),
        );
      },
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onNotification('$/progress', () => {});
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: this.options.rootUri ?? null,
      workspaceFolders: this.options.rootUri ? [{ uri: this.options.rootUri, name: 'workspace' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          ...(this.options.snippetEdits ? { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } : {}),
        },
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
    return result;
  }

  open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(
    uri: string,
    version: number,
    changes: ({ text: string } | { range: Diagnostic['range']; text: string })[],
  ): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  latest(uri: string): PublishedDiagnostics | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /** Keeps only the newest publication and status for `uri` (a 4 MB spec's diagnostics add up over hundreds of edits). */
  trim(uri: string): void {
    for (const list of [this.published.get(uri), this.statuses.get(uri)])
      if (list && list.length > 1) list.splice(0, list.length - 1);
  }

  /** Sequence number of the last notification received (to tell what came after a point). */
  get lastSeq(): number {
    return this.seq;
  }

  /** Resolves with the first published diagnostics for `uri` (checking past ones too) that satisfy `predicate`. */
  waitForDiagnostics(
    uri: string,
    predicate: (p: PublishedDiagnostics) => boolean,
    timeoutMs = HANG_GUARD_MS,
  ): Promise<PublishedDiagnostics> {
    return this.waitFor(
      () => this.published.get(uri) ?? [],
      predicate,
      timeoutMs,
      (list) =>
        `No matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(list.map((p) => ({ v: p.version, n: p.diagnostics.length })))}`,
    );
  }

  /** Resolves with the first `apiwarden/status` for `uri` (checking past ones too) that satisfies `predicate`. */
  waitForStatus(
    uri: string,
    predicate: (s: ReceivedStatus) => boolean,
    timeoutMs = HANG_GUARD_MS,
  ): Promise<ReceivedStatus> {
    return this.waitFor(
      () => this.statuses.get(uri) ?? [],
      predicate,
      timeoutMs,
      (list) =>
        `No matching apiwarden/status for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(list.map(({ seq: _, ...s }) => s))}`,
    );
  }

  /**
   * Waits for the lint of `version` of `uri` to be done (`undefined`: a lint from disk, such as a workspace lint's);
   * with `after`, only a status received after that sequence number counts. Returns the status and the diagnostics
   * published for the document before it, which the server sends first (it fails if none came).
   */
  async waitForLintDone(
    uri: string,
    version: number | undefined,
    options: { after?: number; timeoutMs?: number } = {},
  ): Promise<LintDone> {
    const status = (await this.waitForStatus(
      uri,
      (s) => s.state === 'done' && s.version === version && s.seq > (options.after ?? 0),
      options.timeoutMs,
    )) as LintDone['status'];
    const before = (this.published.get(uri) ?? []).filter((p) => p.seq < status.seq);
    const published = before[before.length - 1];
    if (!published) throw new Error(`apiwarden/status done for ${uri} v${version} came before any diagnostics for it`);
    return { status, published };
  }

  /** Resolves with the first item of `items()` that satisfies `predicate`, looking again on each notification. */
  private async waitFor<T>(
    items: () => T[],
    predicate: (item: T) => boolean,
    timeoutMs: number,
    describe: (items: T[]) => string,
  ): Promise<T> {
    const deadline = performance.now() + timeoutMs;
    let checked = 0;
    for (;;) {
      const list = items();
      if (checked > list.length) checked = 0; // trimmed meanwhile
      for (; checked < list.length; checked++) if (predicate(list[checked]!)) return list[checked]!;
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Error(`${describe(list)}\nserver stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 3000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // the process may already be gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill('SIGKILL');
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}
