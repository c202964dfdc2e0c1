// "API Warden: Lint workspace": finds candidate files in every workspace folder, lints the OpenAPI documents and
// handler code files among them in the background, and reports progress to the editor.
import type { Connection, WorkDoneProgressReporter } from 'vscode-languageserver/node';
import { readFileSync } from 'node:fs';
import { discoverFiles } from '../engine/workspace/discoverFiles';
import { detectOpenApi } from '../engine/openapi/detect';
import { isCodeOfInterest } from '../engine/code/lintCode';
import { extensionOf, pathToUri, uriToPath } from '../engine/uris';
import type { LintScheduler } from './lintScheduler';

export interface WorkspaceLintSummary {
  filesLinted: number;
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
  const specs = files.filter((file) => {
    try {
      const text = readFileSync(file, 'utf8');
      return detectOpenApi(text, extensionOf(file)) !== null || isCodeOfInterest(file, text);
    } catch {
      return false;
    }
  });
  let findings = 0;
  let done = 0;
  for (const file of specs) {
    if (isCancelled()) break;
    progress.report(Math.round((done / Math.max(1, specs.length)) * 100), `${done}/${specs.length} ${file.split(/[\\/]/).pop()}`);
    findings += (await scheduler.lintNow(pathToUri(file), 'background')).length;
    done++;
  }
  progress.done();
  connection.console.info(`API Warden: linted ${done} OpenAPI documents and handler files in the workspace, ${findings} findings.`);
  return { filesLinted: done, findings, cancelled: isCancelled() };
}
