// Main-thread side of the lint worker: a queue of lint jobs (latest per document wins, interactive before
// background), cancellation of a running job that has become stale, and a fresh worker if one dies (after a pause
// that doubles with each crash in a row, so a document that kills every worker cannot make the server spin).
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import type { EngineSettings, LintResult } from '../engine';
import type { FromWorker, TestCrashMode, ToWorker, WorkerData } from './workerProtocol';
import { workerRestartDelayMs } from './workerRestart';
import type { Finding } from '../engine';
import { decodeFindings } from './findingsDelta';

export type JobPriority = 'interactive' | 'background';

export interface LintJob {
  uri: string;
  text?: string;
  settings: EngineSettings;
  priority: JobPriority;
}

export type JobOutcome =
  | { status: 'done'; result: LintResult; transferMs: number }
  | { status: 'cancelled' }
  /** `workerStopped`: the worker died under the job (a fresh one is running now), not the job's own failure. */
  | { status: 'failed'; message: string; workerStopped?: boolean };

interface PendingJob extends LintJob {
  jobId: number;
  resolve: (outcome: JobOutcome) => void;
  /** Run again once already because its result could not be decoded. */
  rerun?: boolean;
}

/** A worker stopped without being asked to (it exited, threw, ran out of memory); a new one starts after `delayMs`. */
export interface WorkerCrash {
  exitCode: number;
  /** The error the worker reported before it stopped (an uncaught exception, ERR_WORKER_OUT_OF_MEMORY). */
  error?: string;
  /** Crashes in a row without a lint completing in between (1 for the first). */
  consecutive: number;
  /** Crashes since the server started. */
  total: number;
  delayMs: number;
}

export interface LintWorkerClientOptions {
  workerScript?: string;
  log?: (message: string) => void;
  onCrash?: (crash: WorkerCrash) => void;
  /** Heap limit of the worker (MB), e.g. for tests that exhaust it; default: Node's own for a worker. */
  maxHeapMb?: number;
  /** Lets the worker act on `test-crash` messages (APIWARDEN_TEST_HOOKS=1 only). */
  testHooks?: boolean;
}

export class LintWorkerClient {
  private worker: Worker | undefined;
  private cancelFlags!: Int32Array;
  private nextJobId = 1;
  private readonly queue: PendingJob[] = [];
  private running: PendingJob | undefined;
  private readonly overlays = new Map<string, string>();
  private readonly dirty = new Map<string, () => string>();
  /** The findings last received for each document: the base the worker's next delta refers to. */
  private readonly lastReceived = new Map<string, Finding[]>();
  private disposed = false;
  private readRoots: string[] = [];
  private readonly workerScript: string;
  private readonly log: (message: string) => void;
  private consecutiveCrashes = 0;
  private totalCrashes = 0;
  private lastWorkerError: string | undefined;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: LintWorkerClientOptions = {}) {
    this.workerScript = options.workerScript ?? path.join(__dirname, 'lintWorker.js');
    this.log = options.log ?? (() => {});
    this.start();
  }

  /** Queues a lint of `uri`; a queued or running job for the same document is superseded. */
  lint(job: LintJob): Promise<JobOutcome> {
    this.supersede(job.uri);
    return new Promise((resolve) => {
      const pending: PendingJob = { ...job, jobId: this.nextJobId++, resolve };
      if (job.priority === 'interactive') {
        const firstBackground = this.queue.findIndex((j) => j.priority === 'background');
        this.queue.splice(firstBackground === -1 ? this.queue.length : firstBackground, 0, pending);
      } else {
        this.queue.push(pending);
      }
      this.pump();
    });
  }

  /** Cancels queued and running jobs for a document (their results would be stale). */
  supersede(uri: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.uri === uri) this.queue.splice(i, 1)[0]!.resolve({ status: 'cancelled' });
    }
    if (this.running?.uri === uri) Atomics.store(this.cancelFlags, 0, this.running.jobId);
  }

  /**
   * An editor buffer changed: its text is mirrored into the worker (so `$ref`s to unsaved files see it) just
   * before the next job starts, once, however many keystrokes came in between.
   */
  markDirty(uri: string, getText: () => string): void {
    this.dirty.set(uri, getText);
    this.pump();
  }

  deleteOverlay(uri: string): void {
    this.dirty.delete(uri);
    this.overlays.delete(uri);
    this.post({ type: 'overlay-delete', uri });
  }

  /** The folders `$ref`s may read files in (the workspace folders); kept for a restarted worker. */
  setReadRoots(roots: string[]): void {
    this.readRoots = [...roots];
    this.post({ type: 'read-roots', roots: this.readRoots });
  }

  /** Drops both sides' copy of a document's findings (it was closed, or linted from disk for the last time). */
  forgetFindings(uri: string): void {
    this.lastReceived.delete(uri);
    this.post({ type: 'forget-findings', uri });
  }

  private flushOverlays(): void {
    for (const [uri, getText] of this.dirty) {
      const text = getText();
      this.overlays.set(uri, text);
      this.post({ type: 'overlay-set', uri, text });
    }
    this.dirty.clear();
  }

  /** A job is running in the worker right now. */
  get linting(): boolean {
    return this.running !== undefined;
  }

  get busy(): boolean {
    return this.running !== undefined || this.queue.length > 0;
  }

  /** Stops the worker as a crash would (tests of the recovery; only reachable with APIWARDEN_TEST_HOOKS=1). */
  async terminateWorkerForTest(): Promise<void> {
    await this.worker?.terminate();
  }

  /** The worker kills itself (exit, uncaught exception, out of memory) when its next lint job starts (tests only). */
  crashNextJobForTest(mode: TestCrashMode): void {
    this.post({ type: 'test-crash', mode });
  }

  /** Heap statistics of the worker after a garbage collection where it can run one (tests only). */
  workerMemoryForTest(): Promise<{ heapUsed: number; gcRan: boolean } | undefined> {
    const worker = this.worker;
    if (!worker) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onMessage = (message: FromWorker) => {
        if (message.type !== 'memory') return;
        worker.off('message', onMessage);
        resolve({ heapUsed: message.heapUsed, gcRan: message.gcRan });
      };
      worker.on('message', onMessage);
      this.post({ type: 'memory' });
    });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.restartTimer);
    for (const job of this.queue.splice(0)) job.resolve({ status: 'cancelled' });
    this.running?.resolve({ status: 'cancelled' });
    this.running = undefined;
    await this.worker?.terminate();
  }

  private start(): void {
    const cancelBuffer = new SharedArrayBuffer(4);
    this.cancelFlags = new Int32Array(cancelBuffer);
    const workerData: WorkerData = { cancelBuffer, testHooks: this.options.testHooks === true };
    const worker = new Worker(this.workerScript, {
      workerData,
      ...(this.options.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb } } : {}),
    });
    this.worker = worker;
    this.lastWorkerError = undefined;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => {
      this.lastWorkerError = (error as NodeJS.ErrnoException).code ?? error.message;
      this.log(`lint worker error: ${error.stack ?? error.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker || this.disposed) return;
      this.worker = undefined;
      this.consecutiveCrashes++;
      this.totalCrashes++;
      const delayMs = workerRestartDelayMs(this.consecutiveCrashes);
      this.log(`lint worker exited with code ${code}; starting a new one in ${delayMs} ms`);
      // The new worker starts with no findings of its own: its first result for each document comes whole.
      this.lastReceived.clear();
      const crashed = this.running;
      this.running = undefined;
      crashed?.resolve({
        status: 'failed',
        message: `The lint worker stopped (exit code ${code}) while linting ${crashed.uri}.`,
        workerStopped: true,
      });
      this.options.onCrash?.({
        exitCode: code,
        ...(this.lastWorkerError ? { error: this.lastWorkerError } : {}),
        consecutive: this.consecutiveCrashes,
        total: this.totalCrashes,
        delayMs,
      });
      this.restartTimer = setTimeout(() => {
        this.restartTimer = undefined;
        if (this.disposed) return;
        this.start();
        this.post({ type: 'read-roots', roots: this.readRoots });
        for (const [uri, text] of this.overlays) this.post({ type: 'overlay-set', uri, text });
        this.pump();
      }, delayMs);
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private pump(): void {
    // No worker: one is about to start after a crash (it pumps when it does).
    if (this.running || this.disposed || !this.worker) return;
    const job = this.queue.shift();
    if (!job) return;
    this.flushOverlays();
    this.running = job;
    this.post({
      type: 'lint',
      jobId: job.jobId,
      uri: job.uri,
      ...(job.text !== undefined ? { text: job.text } : {}),
      settings: job.settings,
    });
  }

  private onMessage(message: FromWorker): void {
    if (message.type === 'ready' || message.type === 'memory') return;
    if (message.type === 'result') {
      // Every result is decoded, even one the caller will drop as stale: the worker's next delta builds on it.
      try {
        message.result.findings = decodeFindings(this.lastReceived.get(message.result.uri), message.findings);
        this.lastReceived.set(message.result.uri, message.result.findings);
      } catch (error) {
        this.log(`lint worker: ${(error as Error).message}; the next result is asked for whole`);
        this.lastReceived.delete(message.result.uri);
        this.post({ type: 'forget-findings', uri: message.result.uri });
        const job = this.running;
        if (job && job.jobId === message.jobId) {
          this.running = undefined;
          // Run it again (its result comes whole now) rather than leave the document without its lint.
          if (job.rerun) job.resolve({ status: 'failed', message: (error as Error).message });
          else this.queue.unshift({ ...job, jobId: this.nextJobId++, rerun: true });
          this.pump();
        }
        return;
      }
    }
    const job = this.running;
    if (!job || job.jobId !== message.jobId) return;
    this.running = undefined;
    if (message.type === 'result') this.consecutiveCrashes = 0;
    if (message.type === 'result')
      job.resolve({ status: 'done', result: message.result, transferMs: Date.now() - message.postedAt });
    else if (message.type === 'cancelled') job.resolve({ status: 'cancelled' });
    else job.resolve({ status: 'failed', message: message.message });
    this.pump();
  }
}
