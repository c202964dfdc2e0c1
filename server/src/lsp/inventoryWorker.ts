// The inventory worker thread: owns the engine's WorkspaceInventory (and the code index and specs it keeps between
// builds) so that building it, seconds on a large workspace the first time, never blocks hovers, code actions or
// diagnostics on the server's main thread. Builds run one at a time, in the order asked.
import { parentPort } from 'node:worker_threads';
import {
  discoverFiles,
  formatInventoryCsv,
  formatInventoryHtml,
  formatInventoryMarkdown,
  inventoryReport,
  OverlayFileReader,
  uriToPath,
  WorkspaceInventory,
  type InventoryResult,
} from '../engine';
import { VERSION } from '../version';
import type { FromInventoryWorker, InventoryReportFormat, ToInventoryWorker } from './inventoryRequest';

const port = parentPort;
if (!port) throw new Error('inventoryWorker must run in a worker thread');

const overlay = new OverlayFileReader();
const inventory = new WorkspaceInventory(overlay);
const send = (message: FromInventoryWorker) => port.postMessage(message);
let chain: Promise<void> = Promise.resolve();

port.on('message', (message: ToInventoryWorker) => {
  // editor buffers first: a build sees every text the main thread had when it asked
  for (const { uri, text } of message.overlays) overlay.set(uri, text);
  for (const uri of message.closed) overlay.delete(uri);
  chain = chain.then(async () => {
    try {
      const files: string[] = [];
      for (const folder of message.folders)
        files.push(...(await discoverFiles([uriToPath(folder)], uriToPath(folder))));
      const result = await inventory.build({
        files: [...new Set(files)],
        workspaceRoots: message.folders,
        ...(message.settings ? { settings: message.settings } : {}),
      });
      send({
        type: 'result',
        id: message.id,
        answer: {
          inventory: result.inventory,
          findings: result.findings,
          durationMs: result.durationMs,
          ...(message.format ? { report: render(result, message.format, message.folders[0]) } : {}),
        },
      });
    } catch (error) {
      send({
        type: 'failed',
        id: message.id,
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
});

/** The report as the CLI writes it in that format, files relative to the first folder. */
function render(result: InventoryResult, format: InventoryReportFormat, folder: string | undefined): string {
  const report = inventoryReport(result, folder ? uriToPath(folder) : process.cwd(), VERSION);
  if (format === 'json') return JSON.stringify(report, null, 2) + '\n';
  if (format === 'csv') return formatInventoryCsv(report);
  if (format === 'markdown') return formatInventoryMarkdown(report);
  return formatInventoryHtml(report);
}
