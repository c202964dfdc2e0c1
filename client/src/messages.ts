// Texts the extension shows, kept free of `vscode` imports so tests can check them (server/test/client/).

/** What the server answers to `apiwarden/lintWorkspace` (server/src/lsp/workspaceLint.ts). */
export interface WorkspaceLintSummary {
  /** Files linted, all kinds. */
  filesLinted: number;
  /** By kind; absent when an older server answered. */
  openapiFiles?: number;
  codeFiles?: number;
  findings: number;
  cancelled: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "API Warden: 5 files linted (2 OpenAPI, 3 code), 17 findings." */
export function workspaceLintMessage(summary: WorkspaceLintSummary): string {
  const byKind =
    summary.openapiFiles !== undefined && summary.codeFiles !== undefined
      ? ` (${summary.openapiFiles} OpenAPI, ${summary.codeFiles} code)`
      : '';
  return `API Warden${summary.cancelled ? ' (cancelled)' : ''}: ${plural(summary.filesLinted, 'file')} linted${byKind}, ${plural(summary.findings, 'finding')}.`;
}

/** "API Warden: 1 error, 2 warnings, 0 other findings in 1 file. Click to open Problems." */
export function statusBarTooltip(counts: { errors: number; warnings: number; others: number; files: number }): string {
  const { errors, warnings, others, files } = counts;
  return `API Warden: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(others, 'other finding')} in ${plural(files, 'file')}. Click to open Problems.`;
}

/** Status bar item text (after its icon): "API Warden: 3". */
export function statusBarText(total: number): string {
  return `API Warden: ${total}`;
}

/** Status bar item text while a lint has been running for a while: "API Warden: linting…". */
export const STATUS_BAR_LINTING_TEXT = 'API Warden: linting…';

/** "API Warden: linting users.yaml…" (one file), "API Warden: linting 3 files…" (several). */
export function statusBarLintingTooltip(fileNames: string[]): string {
  return `API Warden: linting ${fileNames.length === 1 ? fileNames[0] : plural(fileNames.length, 'file')}…`;
}
