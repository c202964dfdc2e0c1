// The lint worker thread: owns the engine and a mirror of open documents, lints one job at a time, and stops a
// job early when the main thread flags it cancelled (a newer version of the document is waiting).
import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics } from 'node:v8';
import { Engine, LintCancelledError, OverlayFileReader, type CancelSignal } from '../engine';
import type { FromWorker, TestCrashMode, ToWorker, WorkerData } from './workerProtocol';
import type { Finding } from '../engine';
import { encodeFindings } from './findingsDelta';

const port = parentPort;
if (!port) throw new Error('lintWorker must run in a worker thread');

const { cancelBuffer, testHooks } = workerData as WorkerData;
const cancelFlags = new Int32Array(cancelBuffer);
/** Tests of crash recovery: how the next lint job kills this worker. */
let crashOnNextJob: TestCrashMode | undefined;
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
      chain = chain.then(() => {
        if (crashOnNextJob) return crash(crashOnNextJob);
        return runJob(message.jobId, message.uri, message.text, message);
      });
      break;
    case 'test-crash':
      if (testHooks) crashOnNextJob = message.mode;
      break;
    case 'memory': {
      // `gc` exists when the server runs with --expose-gc (the tests that measure memory start it so).
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      send({ type: 'memory', heapUsed: getHeapStatistics().used_heap_size, gcRan: gc !== undefined });
      break;
    }
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

/**
 * Dies the way a real failure would, outside the job's try/catch so that nothing here can contain it; the job never
 * ends (the worker is gone first).
 */
function crash(mode: TestCrashMode): Promise<void> {
  if (mode === 'exit') process.exit(70);
  if (mode === 'throw')
    setImmediate(() => {
      throw new Error('lint worker test hook: uncaught exception');
    });
  if (mode === 'oom') {
    const hoard: unknown[] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return new Promise(() => {});
}

send({ type: 'ready' });
