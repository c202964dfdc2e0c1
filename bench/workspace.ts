// Section 3: a generated workspace of handler files plus copies of corpus specs, linted cold: over LSP with the
// `apiwarden/lintWorkspace` request (a fresh server), and by the CLI on the folder (a fresh process).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToUri } from '../server/src/engine/uris';
import { writeWorkspace, type WorkspaceLayout } from './generators';
import { TestLspClient } from '../server/test/support/lspClient';
import { fmtMb, fmtS, loadNow, procStats, runTimed, table, type ProcessRun } from './measure';

export interface WorkspaceOptions {
  repo: string;
  /** The bundles to run (a snapshot of dist/). */
  distDir: string;
  corpusDir: string;
  workDir: string;
  handlerFiles: number;
  specs: string[];
  timeoutS: number;
  log: (line: string) => void;
}

export interface WorkspaceResult {
  layout: { handlerFiles: number; appFiles: number; specs: string[]; lines: number };
  lsp: {
    requestMs: number;
    allFirstDiagnosticsMs: number;
    expected: number;
    published: number;
    missing: string[];
    summary: { filesLinted: number; findings: number; cancelled: boolean } | undefined;
    error?: string;
    serverPeakRssBytes: number;
    serverCpuMs: number;
    load: string;
  };
  cli: { run: ProcessRun; files?: number; openapiFiles?: number; codeFiles?: number; findings?: number };
}

export async function benchWorkspace(options: WorkspaceOptions): Promise<WorkspaceResult> {
  const dir = path.join(options.workDir, 'workspace');
  const layout: WorkspaceLayout = writeWorkspace(
    dir,
    options.handlerFiles,
    options.specs.map((s) => path.join(options.corpusDir, s)),
  );
  options.log(
    `  generated ${layout.routeFiles.length} route files + ${layout.appFiles.length} app files (${layout.lines} lines) and ${layout.specFiles.length} specs in ${dir}`,
  );
  const expected = [...layout.routeFiles, ...layout.appFiles, ...layout.specFiles].map((f) => pathToUri(f));

  // LSP: a fresh server, no open documents, one lintWorkspace request.
  const client = new TestLspClient({
    serverBundle: path.join(options.distDir, 'server.js'),
    rootUri: pathToUri(dir),
    settings: {},
  });
  const pid = client.process.pid ?? -1;
  let lsp: WorkspaceResult['lsp'];
  const load = loadNow();
  try {
    await client.initialize();
    const started = performance.now();
    let summary: WorkspaceResult['lsp']['summary'];
    let error: string | undefined;
    try {
      summary = await Promise.race([
        client.connection.sendRequest<{ filesLinted: number; findings: number; cancelled: boolean }>(
          'apiwarden/lintWorkspace',
          {},
        ),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${options.timeoutS} s`)), options.timeoutS * 1000),
        ),
      ]);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const requestMs = performance.now() - started;
    // Diagnostics published before the answer are still in flight on the pipe: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const firsts = expected.map((uri) => client.published.get(uri)?.[0]?.receivedAt);
    const missing = expected.filter((_, i) => firsts[i] === undefined);
    const server = procStats(pid);
    lsp = {
      requestMs,
      allFirstDiagnosticsMs: missing.length === 0 ? Math.max(...firsts.map((t) => t! - started)) : NaN,
      expected: expected.length,
      published: expected.length - missing.length,
      missing: missing.slice(0, 10),
      summary,
      ...(error ? { error } : {}),
      serverPeakRssBytes: server?.peakRssBytes ?? NaN,
      serverCpuMs: server?.cpuMs ?? NaN,
      load: `${load} → ${loadNow()}`,
    };
    options.log(
      `  LSP lintWorkspace: answered in ${fmtS(requestMs)} s, ${lsp.published}/${lsp.expected} files with diagnostics${error ? `, error: ${error}` : ''}`,
    );
  } finally {
    await client.shutdown();
  }

  // CLI on the folder.
  const stdoutFile = path.join(options.workDir, 'workspace-cli.json');
  const run = await runTimed(
    [process.execPath, path.join(options.distDir, 'cli.js'), 'lint', dir, '--format', 'json', '--fail-on', 'never'],
    {
      cwd: dir,
      timeoutS: options.timeoutS,
      stdoutFile,
    },
  );
  const cli: WorkspaceResult['cli'] = { run };
  try {
    const summary = (
      JSON.parse(readFileSync(stdoutFile, 'utf8')) as {
        summary: { files: number; openapiFiles: number; codeFiles: number; findings: number };
      }
    ).summary;
    Object.assign(cli, {
      files: summary.files,
      openapiFiles: summary.openapiFiles,
      codeFiles: summary.codeFiles,
      findings: summary.findings,
    });
  } catch {
    // reported as a failed run below
  }
  options.log(
    `  CLI lint <dir>: ${run.status}, wall ${fmtS(run.wallMs)} s, CPU ${fmtS(run.cpuMs)} s, RSS ${fmtMb(run.maxRssBytes)} MB`,
  );
  return {
    layout: {
      handlerFiles: layout.routeFiles.length,
      appFiles: layout.appFiles.length,
      specs: options.specs,
      lines: layout.lines,
    },
    lsp,
    cli,
  };
}

export function workspaceTables(r: WorkspaceResult): string {
  const head = `Workspace: ${r.layout.handlerFiles} route files (Express TS/JS, FastAPI) + ${r.layout.appFiles} app files that mount them (${r.layout.lines} lines in all) + ${r.layout.specs.length} specs (${r.layout.specs.join(', ')}).`;
  const rows = [
    [
      'LSP `apiwarden/lintWorkspace` (fresh server)',
      fmtS(r.lsp.requestMs),
      fmtS(r.lsp.allFirstDiagnosticsMs),
      fmtS(r.lsp.serverCpuMs),
      fmtMb(r.lsp.serverPeakRssBytes),
      `${r.lsp.published}/${r.lsp.expected}`,
      r.lsp.summary ? `${r.lsp.summary.filesLinted} files, ${r.lsp.summary.findings} findings` : (r.lsp.error ?? '—'),
      r.lsp.load,
    ],
    [
      'CLI `lint <dir>` (fresh process)',
      r.cli.run.status === 'ok' ? fmtS(r.cli.run.wallMs) : `${r.cli.run.status} (${fmtS(r.cli.run.wallMs)})`,
      '—',
      fmtS(r.cli.run.cpuMs),
      fmtMb(r.cli.run.maxRssBytes),
      '—',
      r.cli.files !== undefined
        ? `${r.cli.files} files (${r.cli.openapiFiles} OpenAPI, ${r.cli.codeFiles} code), ${r.cli.findings} findings`
        : '—',
      r.cli.run.load1.toFixed(2),
    ],
  ];
  const missing =
    r.lsp.missing.length > 0
      ? `\n\nFiles without diagnostics after the request (first 10): ${r.lsp.missing.join(', ')}`
      : '';
  return (
    head +
    '\n\n' +
    table(
      [
        'how',
        'wall s (request → answer)',
        'all files have diagnostics after s',
        'CPU s',
        'peak RSS MB',
        'files published',
        'result',
        'load avg',
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l'],
    ) +
    missing
  );
}
