// The server's own notifications the client listens to. The client imports nothing from server/ (ESLint holds it),
// so this mirrors server/src/lsp/lintStatus.ts; server/test/client/protocol.test.ts checks that the two agree.

/** `apiwarden/status`: a document's lint started (`linting`) or ended (`done` once its diagnostics are published). */
export const LINT_STATUS_NOTIFICATION = 'apiwarden/status';

export type LintStatus =
  | { uri: string; version?: number; state: 'linting' }
  | {
      uri: string;
      version?: number;
      state: 'done';
      kind: 'openapi' | 'code' | 'none';
      findings: number;
      durationMs: number;
    }
  | { uri: string; version?: number; state: 'failed' };
