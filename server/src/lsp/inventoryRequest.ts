// `apiwarden/inventory`: the API inventory of the workspace folders (endpoints from every spec and every handler
// file, matched) and the cross-check (`xref-…`) findings. The engine's WorkspaceInventory does the work, in a worker
// thread of its own (inventoryWorker.ts, started on the first request) that keeps what it computed between requests.
// Each request finds the files again and reads them through the open editor buffers (sent along with the request:
// those changed since the last one) over the disk, so files created, changed or deleted on disk and edits not yet
// saved are both in the next answer, without reopening anything.
// client/src/protocol.ts mirrors the request's name and shapes (the client imports nothing from server/).
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EngineSettings, Finding, Inventory } from '../engine';
import type { SettingsCache } from './settingsCache';

export const INVENTORY_REQUEST = 'apiwarden/inventory';

export const INVENTORY_REPORT_FORMATS = ['json', 'csv', 'markdown', 'html'] as const;
export type InventoryReportFormat = (typeof INVENTORY_REPORT_FORMATS)[number];

export interface InventoryParams {
  /** Folders (uris) to take the inventory of; default: the workspace folders. */
  folders?: string[];
  /** Also render the report as `apiwarden inventory --format <format>` writes it (files relative to the first
   * folder): for an export command. */
  format?: InventoryReportFormat;
}

export interface InventoryAnswer {
  inventory: Inventory;
  findings: Finding[];
  durationMs: number;
  /** The rendered report, when a format was asked for. */
  report?: string;
}

/** Main thread -> inventory worker: build for these folders, with these editor buffers. */
export interface ToInventoryWorker {
  id: number;
  folders: string[];
  format?: InventoryReportFormat;
  settings?: EngineSettings;
  /** Open documents whose text the worker has not seen yet. */
  overlays: { uri: string; text: string }[];
  /** Documents closed since the last request: the disk counts again. */
  closed: string[];
}

export type FromInventoryWorker =
  { type: 'result'; id: number; answer: InventoryAnswer } | { type: 'failed'; id: number; message: string };

export class InventoryService {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: InventoryAnswer) => void; reject: (e: Error) => void }>();
  /** The version of each open document the worker has. */
  private readonly sent = new Map<string, number>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
    private readonly log: (message: string) => void,
    private readonly workerScript = path.join(__dirname, 'inventoryWorker.js'),
  ) {}

  async answer(folders: string[], format?: InventoryReportFormat): Promise<InventoryAnswer> {
    if (format !== undefined && !INVENTORY_REPORT_FORMATS.includes(format))
      throw new Error(`Unknown inventory report format ${String(format)}: ${INVENTORY_REPORT_FORMATS.join(', ')}.`);
    const settings = folders[0] ? await this.settings.get(folders[0]) : undefined;
    const overlays: { uri: string; text: string }[] = [];
    const open = new Set<string>();
    for (const document of this.documents.all()) {
      open.add(document.uri);
      if (this.sent.get(document.uri) === document.version) continue;
      overlays.push({ uri: document.uri, text: document.getText() });
      this.sent.set(document.uri, document.version);
    }
    const closed = [...this.sent.keys()].filter((uri) => !open.has(uri));
    closed.forEach((uri) => this.sent.delete(uri));
    const id = this.nextId++;
    const message: ToInventoryWorker = {
      id,
      folders,
      overlays,
      closed,
      ...(settings ? { settings } : {}),
      ...(format ? { format } : {}),
    };
    return new Promise<InventoryAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.workerNow().postMessage(message);
    });
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private workerNow(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerScript);
    this.worker = worker;
    worker.on('message', (message: FromInventoryWorker) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'result') waiting?.resolve(message.answer);
      else waiting?.reject(new Error(`The inventory failed: ${message.message}`));
    });
    worker.on('error', (error) => this.log(`inventory worker error: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      // a new worker (on the next request) starts from nothing: it must get every open document again
      this.worker = undefined;
      this.sent.clear();
      for (const { reject } of this.pending.values())
        reject(new Error(`The inventory worker stopped (exit code ${code}); ask again.`));
      this.pending.clear();
    });
    return worker;
  }
}
