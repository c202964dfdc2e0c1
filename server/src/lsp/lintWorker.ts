// The lint worker thread: owns the engine and a mirror of open documents, lints one job at a time, and stops a
// job early when the main thread flags it cancelled (a newer version of the document is waiting).
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, LintCancelledError, OverlayFileReader, type CancelSignal } from '../engine';
import type { FromWorker, ToWorker, WorkerData } from './workerProtocol';
import type { Finding } from '../engine';
import { encodeFindings } from './findingsDelta';

const port = parentPort;
if (!port) throw new Error('lintWorker must run in a worker thread');

const cancelFlags = new Int32Array((workerData as WorkerData).cancelBuffer);
const overlay = new OverlayFileReader();
const engine = new Engine({ fileReader: overlay, incremental: true });
const send = (message: FromWorker) => port.postMessage(message);
/** The findings last sent for each document: the base of the next delta (the main thread holds the same). */
const lastSent = new Map<string, Finding[]>();

/** Workspace folders: `$ref`s are not followed out of them (none: a lone file, no bound). */
let readRoots: string[] = [];

// Jobs run strictly one after another; messages that arrive meanwhile queue up here.
let chain: Promise<void> = Promise.resolve();

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'overlay-set':
      overlay.set(message.uri, message.text);
      break;
    case 'overlay-delete':
      overlay.delete(message.uri);
      engine.forget(message.uri);
      break;
    case 'read-roots':
      readRoots = message.roots;
      break;
    case 'forget-findings':
      lastSent.delete(message.uri);
      break;
    case 'lint':
      chain = chain.then(() => runJob(message.jobId, message.uri, message.text, message));
      break;
  }
});

async function runJob(
  jobId: number,
  uri: string,
  text: string | undefined,
  message: Extract<ToWorker, { type: 'lint' }>,
) {
  const signal: CancelSignal = {
    get cancelled() {
      return Atomics.load(cancelFlags, 0) === jobId;
    },
  };
  if (signal.cancelled) return send({ type: 'cancelled', jobId });
  try {
    if (text !== undefined) overlay.set(uri, text);
    const source = text ?? overlay.read(uri);
    if (source === undefined) return send({ type: 'failed', jobId, message: `Cannot read ${uri}` });
    const result = await engine.lint({
      uri,
      text: source,
      settings: message.settings,
      signal,
      ...(readRoots.length > 0 ? { readRoots } : {}),
    });
    const findings = encodeFindings(lastSent.get(uri), result.findings);
    lastSent.set(uri, result.findings);
    send({ type: 'result', jobId, result: { ...result, findings: [] }, findings, postedAt: Date.now() });
  } catch (error) {
    if (error instanceof LintCancelledError || signal.cancelled) send({ type: 'cancelled', jobId });
    else
      send({ type: 'failed', jobId, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

send({ type: 'ready' });
