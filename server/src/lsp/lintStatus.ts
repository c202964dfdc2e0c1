// `apiwarden/status`: the server's notification that a document's lint started or ended. The VS Code client shows
// it in the status bar (client/src/protocol.ts mirrors these declarations: the client imports nothing from
// server/; server/test/client/protocol.test.ts checks that the two agree), tests wait for it instead of sleeping.
import type { DocumentKind } from '../engine';

export const LINT_STATUS_NOTIFICATION = 'apiwarden/status';

interface LintStatusBase {
  uri: string;
  /** The editor's version of the document linted; absent for a file linted from disk (workspace lint). */
  version?: number;
}

/** A lint of the document was requested (after the pause in typing); a `done` or `failed` for it follows. */
export interface LintStatusLinting extends LintStatusBase {
  state: 'linting';
}

/**
 * The lint of this version ended and its diagnostics were published (sent just before this notification, so a
 * client that receives it has the document's current diagnostics). Sent for documents that are not ours too
 * (`kind: 'none'`, their diagnostics cleared), never for a result dropped as stale: the newer version's lint
 * reports instead.
 */
export interface LintStatusDone extends LintStatusBase {
  state: 'done';
  kind: DocumentKind;
  /** Diagnostics now published for this document (from every spec that reaches it). */
  findings: number;
  /** Time the engine spent on the lint, in the worker (ms). */
  durationMs: number;
}

/** The lint failed (the log says why); the diagnostics shown before are kept. */
export interface LintStatusFailed extends LintStatusBase {
  state: 'failed';
}

export type LintStatusParams = LintStatusLinting | LintStatusDone | LintStatusFailed;
