// "API Warden: Lint workspace": finds candidate files in every workspace folder, lints the OpenAPI documents and
// handler code files among them in the background, and reports progress to the editor.
import type { Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { readFileSync } from 'node:fs';
import { classifyDocument, discoverFiles, pathToUri, uriToPath } from '../engine';
import type { LintScheduler } from './lintScheduler';

export interface WorkspaceLintSummary {
  /** Files linted, all kinds (`openapiFiles + codeFiles`). */
  filesLinted: number;
  openapiFiles: number;
  codeFiles: number;
  findings: number;
  cancelled: boolean;
}

export const LINT_WORKSPACE_REQUEST = 'apiwarden/lintWorkspace';

export async function lintWorkspace(
  connection: Connection,
  scheduler: LintScheduler,
  folders: string[],
  progress: WorkDoneProgressReporter,
  isCancelled: () => boolean,
): Promise<WorkspaceLintSummary> {
  progress.begin('API Warden: linting workspace', 0, 'Finding files…', true);
  const files: string[] = [];
  for (const folder of folders) files.push(...(await discoverFiles([uriToPath(folder)], uriToPath(folder))));
  const targets: { file: string; kind: 'openapi' | 'code' }[] = [];
  for (const file of files) {
    const kind = kindOf(file);
    if (kind) targets.push({ file, kind });
  }
  let findings = 0;
  const done = { openapi: 0, code: 0 };
  for (const { file, kind } of targets) {
    if (isCancelled()) break;
    const count = done.openapi + done.code;
    progress.report(
      Math.round((count / Math.max(1, targets.length)) * 100),
      `${count}/${targets.length} ${file.split(/[\\/]/).pop()}`,
    );
    findings += (await scheduler.lintNow(pathToUri(file), 'background')).length;
    done[kind]++;
  }
  progress.done();
  const filesLinted = done.openapi + done.code;
  connection.console.info(
    `API Warden: linted ${filesLinted} files in the workspace (${done.openapi} OpenAPI, ${done.code} code), ${findings} findings.`,
  );
  return { filesLinted, openapiFiles: done.openapi, codeFiles: done.code, findings, cancelled: isCancelled() };
}

function kindOf(file: string): 'openapi' | 'code' | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const { kind } = classifyDocument(file, text);
  return kind === 'none' ? undefined : kind;
}
