// `apiwarden/inventory`: the API inventory of the workspace folders (endpoints from every spec and every handler
// file, matched) and the cross-check (`xref-…`) findings. The engine's WorkspaceInventory does the work and keeps
// what it computed between requests; each request finds the files again and reads them through the open editor
// buffers (unsaved text counts) over the disk, so files created, changed or deleted on disk and edits not yet
// saved are both in the next answer, without reopening anything. Requests run one at a time.
// client/src/protocol.ts mirrors the request's name and shapes (the client imports nothing from server/).
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  discoverFiles,
  diskFileReader,
  uriToPath,
  WorkspaceInventory,
  type FileReader,
  type Finding,
  type Inventory,
} from '../engine';
import type { SettingsCache } from './settingsCache';

export const INVENTORY_REQUEST = 'apiwarden/inventory';

export interface InventoryParams {
  /** Folders (uris) to take the inventory of; default: the workspace folders. */
  folders?: string[];
}

export interface InventoryAnswer {
  inventory: Inventory;
  findings: Finding[];
  durationMs: number;
}

export class InventoryService {
  private readonly inventory: WorkspaceInventory;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsCache,
  ) {
    const reader: FileReader = { read: (uri) => documents.get(uri)?.getText() ?? diskFileReader.read(uri) };
    this.inventory = new WorkspaceInventory(reader);
  }

  answer(folders: string[]): Promise<InventoryAnswer> {
    const next = this.queue.then(() => this.build(folders));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async build(folders: string[]): Promise<InventoryAnswer> {
    const files: string[] = [];
    for (const folder of folders) files.push(...(await discoverFiles([uriToPath(folder)], uriToPath(folder))));
    const settings = folders[0] ? await this.settings.get(folders[0]) : undefined;
    const result = await this.inventory.build({
      files: [...new Set(files)],
      workspaceRoots: folders,
      ...(settings ? { settings } : {}),
    });
    return { inventory: result.inventory, findings: result.findings, durationMs: result.durationMs };
  }
}
