// Messages between the language server's main thread and its lint worker thread.
import type { EngineSettings, LintResult } from '../engine';
import type { FindingsDelta } from './findingsDelta';

export interface LintJobMessage {
  type: 'lint';
  jobId: number;
  uri: string;
  /** Text to lint; when absent the worker reads the file from its overlay or the disk. */
  text?: string;
  settings: EngineSettings;
}

export type ToWorker =
  | LintJobMessage
  | { type: 'overlay-set'; uri: string; text: string }
  | { type: 'overlay-delete'; uri: string }
  /** The workspace folders (uris): `$ref`s are not followed out of them; empty: no folder, no bound. */
  | { type: 'read-roots'; roots: string[] }
  /** The main thread dropped its copy of a document's findings: the next result is sent whole. */
  | { type: 'forget-findings'; uri: string }
  /** Tests only (WorkerData.testHooks): the worker kills itself this way when its next lint job starts. */
  | { type: 'test-crash'; mode: TestCrashMode }
  /** Tests only: the worker answers with its heap use (`memory`), after a garbage collection where it can. */
  | { type: 'memory' };

/** How a test makes the worker die: `process.exit`, an uncaught exception, or exhausting its heap. */
export type TestCrashMode = 'exit' | 'throw' | 'oom';

export type FromWorker =
  | { type: 'ready' }
  | {
      type: 'result';
      jobId: number;
      /** The result without its findings: they come as a delta against the previous result for the document. */
      result: LintResult;
      findings: FindingsDelta;
      /** Date.now() when posted (transfer timing). */
      postedAt: number;
    }
  | { type: 'cancelled'; jobId: number }
  | { type: 'memory'; heapUsed: number; gcRan: boolean }
  | { type: 'failed'; jobId: number; message: string };

export interface WorkerData {
  /** Int32Array over a SharedArrayBuffer: slot 0 holds the id of the job the main thread wants cancelled. */
  cancelBuffer: SharedArrayBuffer;
  /** APIWARDEN_TEST_HOOKS=1: act on `test-crash` messages. */
  testHooks: boolean;
}
