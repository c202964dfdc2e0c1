// Section 1: a full lint of each corpus file, one process per lint, by our CLI and, in the same run and
// interleaved, by Redocly's CLI (`lint --extends recommended`), Spectral's CLI (spectral:oas + OWASP ruleset) and
// the parse floor (Spectral's own parser alone).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fmtMb, fmtRatio, fmtS, median, runTimed, table, type ProcessRun, type RunStatus } from './measure';

export type ToolId = 'ours' | 'redocly' | 'spectral' | 'floor';

export const TOOL_NAMES: Record<ToolId, string> = {
  ours: 'API Warden CLI',
  redocly: 'Redocly CLI (recommended)',
  spectral: 'Spectral CLI (oas + OWASP)',
  floor: 'parse floor (Spectral parser)',
};

export interface CorpusOptions {
  repo: string;
  /** Our bundles (a snapshot of dist/). */
  distDir: string;
  corpusDir: string;
  workDir: string;
  only: string[];
  quick: boolean;
  skipPeers: boolean;
  /** Time limit per process (s): Spectral + OWASP, and the others. */
  spectralTimeoutS: number;
  timeoutS: number;
  /** Repetitions for small files (< SMALL_BYTES) and large files; Spectral + OWASP on a large file runs once. */
  repeatSmall: number;
  repeatLarge: number;
  log: (line: string) => void;
}

export const SMALL_BYTES = 200_000;

export interface ToolResult {
  tool: ToolId;
  runs: ProcessRun[];
  status: RunStatus;
  wallMs: number;
  cpuMs: number;
  maxRssBytes: number;
  findings: number | undefined;
  /** Parse floor only: the in-process parse time (ms, median). */
  parseMs?: number;
  note?: string;
}

export interface FileResult {
  file: string;
  bytes: number;
  load1AtStart: number;
  tools: Partial<Record<ToolId, ToolResult>>;
}

export const REDOCLY_ENV = {
  // Documented switches: no usage telemetry, no update check / notifications (the update check asks the npm registry).
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
};

export function toolCommand(tool: ToolId, repo: string, file: string, distDir = path.join(repo, 'dist')): string[] {
  const node = process.execPath;
  switch (tool) {
    case 'ours':
      return [node, path.join(distDir, 'cli.js'), 'lint', file, '--format', 'json', '--fail-on', 'never'];
    case 'redocly':
      return [
        node,
        path.join(repo, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'),
        'lint',
        '--extends',
        'recommended',
        '--format',
        'json',
        '--max-problems',
        '10000000',
        file,
      ];
    case 'spectral':
      return [
        node,
        path.join(repo, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js'),
        'lint',
        '-r',
        path.join(repo, 'bench', 'spectral-oas-owasp.mjs'),
        '-f',
        'json',
        '--quiet',
        file,
      ];
    case 'floor':
      return [node, path.join(repo, 'bench', 'parseFloor.mjs'), file];
  }
}

function toolEnv(tool: ToolId): NodeJS.ProcessEnv {
  return tool === 'redocly' ? { ...process.env, ...REDOCLY_ENV } : process.env;
}

/** Findings counted from each tool's JSON output. */
function countFindings(tool: ToolId, stdoutFile: string): { findings?: number; parseMs?: number } {
  try {
    const text = readFileSync(stdoutFile, 'utf8');
    if (tool === 'floor') return { parseMs: (JSON.parse(text) as { parseMs: number }).parseMs };
    const json = JSON.parse(text) as unknown;
    if (tool === 'ours') return { findings: (json as { summary: { findings: number } }).summary.findings };
    if (tool === 'redocly') return { findings: (json as { problems: unknown[] }).problems.length };
    return { findings: (json as unknown[]).length };
  } catch {
    return {};
  }
}

function summarize(tool: ToolId, runs: ProcessRun[], counts: { findings?: number; parseMs?: number }[]): ToolResult {
  const ok = runs.filter((r) => r.status === 'ok');
  const bad = runs.find((r) => r.status !== 'ok');
  const use = ok.length > 0 ? ok : runs;
  const result: ToolResult = {
    tool,
    runs,
    status: ok.length > 0 ? 'ok' : (bad?.status ?? 'failed'),
    wallMs: median(use.map((r) => r.wallMs)),
    cpuMs: median(use.map((r) => r.cpuMs)),
    maxRssBytes: median(use.map((r) => r.maxRssBytes)),
    findings: counts.find((c) => c.findings !== undefined)?.findings,
  };
  const parse = counts.map((c) => c.parseMs).filter((v): v is number => v !== undefined);
  if (parse.length > 0) result.parseMs = median(parse);
  if (bad)
    result.note = `${runs.filter((r) => r.status !== 'ok').length}/${runs.length} runs ${bad.status} (exit ${bad.exitCode})${bad.status === 'failed' ? `: ${bad.stderrTail.trim().split('\n').slice(-3).join(' ').slice(0, 300)}` : ''}`;
  return result;
}

export function corpusFiles(corpusDir: string, only: string[]): string[] {
  const files = readdirSync(corpusDir).filter((f) => /\.(ya?ml|json)$/.test(f));
  const selected = only.length === 0 ? files : files.filter((f) => only.some((o) => f.includes(o)));
  return selected.sort((a, b) => statSync(path.join(corpusDir, a)).size - statSync(path.join(corpusDir, b)).size);
}

export async function benchCorpus(options: CorpusOptions): Promise<FileResult[]> {
  const files = corpusFiles(options.corpusDir, options.only);
  if (files.length === 0)
    throw new Error(`No corpus file matches --only=${options.only.join(',')} in ${options.corpusDir}`);
  const results: FileResult[] = [];
  for (const name of files) {
    const file = path.join(options.corpusDir, name);
    const bytes = statSync(file).size;
    const small = bytes < SMALL_BYTES;
    const tools: ToolId[] = ['ours', 'floor'];
    if (!options.skipPeers) {
      tools.push('redocly');
      if (!options.quick || small) tools.push('spectral');
    }
    const reps = small ? options.repeatSmall : options.repeatLarge;
    const runs = new Map<ToolId, ProcessRun[]>(tools.map((t) => [t, []]));
    const counts = new Map<ToolId, { findings?: number; parseMs?: number }[]>(tools.map((t) => [t, []]));
    const fileResult: FileResult = { file: name, bytes, load1AtStart: os.loadavg()[0]!, tools: {} };
    for (let rep = 0; rep < reps; rep++) {
      for (const tool of tools) {
        // Spectral + OWASP on a large file takes minutes: once is enough, and a timeout or OOM is not repeated.
        if (tool === 'spectral' && rep > 0 && (!small || runs.get(tool)!.some((r) => r.status !== 'ok'))) continue;
        const stdoutFile = path.join(options.workDir, `${tool}-${name}.out`);
        const run = await runTimed(toolCommand(tool, options.repo, file, options.distDir), {
          cwd: options.workDir,
          env: toolEnv(tool),
          timeoutS: tool === 'spectral' ? options.spectralTimeoutS : options.timeoutS,
          stdoutFile,
          okExitCodes: tool === 'ours' || tool === 'floor' ? [0] : [0, 1],
        });
        runs.get(tool)!.push(run);
        counts.get(tool)!.push(run.status === 'ok' ? countFindings(tool, stdoutFile) : {});
        options.log(
          `  ${name} ${TOOL_NAMES[tool]} run ${rep + 1}/${tool === 'spectral' && !small ? 1 : reps}: ${run.status}, wall ${fmtS(run.wallMs)} s, CPU ${fmtS(run.cpuMs)} s, RSS ${fmtMb(run.maxRssBytes)} MB, load ${run.load1.toFixed(2)}`,
        );
      }
    }
    for (const tool of tools) fileResult.tools[tool] = summarize(tool, runs.get(tool)!, counts.get(tool)!);
    results.push(fileResult);
  }
  return results;
}

/**
 * Runs a peer once under `strace -f -e trace=connect` and lists the connect() calls that are not to a local
 * socket (AF_UNIX): with the settings above there must be none. Skipped (undefined) without strace.
 */
export function networkCheck(tool: ToolId, repo: string, file: string, workDir: string): string[] | undefined {
  if (!existsSync('/usr/bin/strace')) return undefined;
  const traceFile = path.join(workDir, `strace-${tool}.txt`);
  try {
    execFileSync('/usr/bin/strace', ['-f', '-e', 'trace=connect', '-o', traceFile, ...toolCommand(tool, repo, file)], {
      cwd: workDir,
      env: toolEnv(tool),
      stdio: 'ignore',
      timeout: 120_000,
    });
  } catch {
    // a linter exits 1 when it finds problems
  }
  if (!existsSync(traceFile)) return undefined;
  return readFileSync(traceFile, 'utf8')
    .split('\n')
    .filter((line) => line.includes('connect(') && !line.includes('AF_UNIX'));
}

function cellFor(result: ToolResult | undefined, timeoutS: number): [string, string, string, string] {
  if (!result) return ['skipped', '', '', ''];
  const wall =
    result.status === 'timeout'
      ? `timeout (>${timeoutS} s)`
      : result.status === 'oom'
        ? `OOM after ${fmtS(result.wallMs, 0)} s`
        : result.status === 'failed'
          ? 'failed'
          : fmtS(result.wallMs);
  return [
    wall,
    fmtS(result.cpuMs),
    fmtMb(result.maxRssBytes),
    result.findings === undefined ? '—' : String(result.findings),
  ];
}

export function corpusTables(
  results: FileResult[],
  options: Pick<CorpusOptions, 'spectralTimeoutS' | 'timeoutS'>,
): string {
  const sections: string[] = [];
  const rows: string[][] = [];
  for (const file of results) {
    for (const tool of ['ours', 'redocly', 'spectral', 'floor'] as ToolId[]) {
      const r = file.tools[tool];
      if (!r) continue;
      const [wall, cpu, rss, findings] = cellFor(r, tool === 'spectral' ? options.spectralTimeoutS : options.timeoutS);
      rows.push([
        file.file,
        TOOL_NAMES[tool],
        wall,
        cpu,
        rss,
        tool === 'floor' ? `(parse ${fmtS(r.parseMs ?? NaN)} s)` : findings,
        String(r.runs.length),
        r.runs.map((x) => x.load1.toFixed(2)).join(' '),
      ]);
    }
  }
  sections.push(
    table(
      [
        'file',
        'tool',
        'wall s (median)',
        'CPU s (user+sys)',
        'peak RSS MB',
        'findings',
        'runs',
        'load avg (1 min) at each run',
      ],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    ),
  );
  const notes = results.flatMap((f) =>
    Object.values(f.tools)
      .filter((t) => t?.note)
      .map((t) => `- ${f.file}, ${TOOL_NAMES[t!.tool]}: ${t!.note}`),
  );
  if (notes.length > 0) sections.push(notes.join('\n'));

  const ratio = (peer: ToolResult | undefined, ours: ToolResult | undefined, key: 'wallMs' | 'cpuMs'): string => {
    if (!peer || !ours || ours.status !== 'ok') return '—';
    if (peer.status === 'timeout') return `> ${fmtRatio(peer[key] / ours[key])} (peer timed out)`;
    if (peer.status === 'oom') return `> ${fmtRatio(peer[key] / ours[key])} (peer OOM)`;
    if (peer.status !== 'ok') return '—';
    return fmtRatio(peer[key] / ours[key]);
  };
  const ratioRows = results.map((f) => [
    f.file,
    ratio(f.tools.redocly, f.tools.ours, 'wallMs'),
    ratio(f.tools.redocly, f.tools.ours, 'cpuMs'),
    ratio(f.tools.spectral, f.tools.ours, 'wallMs'),
    ratio(f.tools.spectral, f.tools.ours, 'cpuMs'),
    f.tools.ours && f.tools.floor ? fmtRatio(f.tools.ours.wallMs / f.tools.floor.wallMs) : '—',
  ]);
  sections.push(
    'Ratios: peer time ÷ our time (above 1× = we are faster); the last column is our time ÷ the parse floor process.\n\n' +
      table(
        [
          'file',
          'Redocly ÷ ours (wall)',
          'Redocly ÷ ours (CPU)',
          'Spectral+OWASP ÷ ours (wall)',
          'Spectral+OWASP ÷ ours (CPU)',
          'ours ÷ parse floor (wall)',
        ],
        ratioRows,
      ),
  );
  return sections.join('\n\n');
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | undefined;
}

export function corpusTargets(results: FileResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const failedNote = (files: FileResult[], tool: ToolId) =>
    files.length > 0
      ? `; ${TOOL_NAMES[tool]} failed on ${files.map((f) => f.file).join(', ')} (no comparison there)`
      : '';
  const withRedocly = results.filter((f) => f.tools.ours && f.tools.redocly);
  if (withRedocly.length > 0) {
    const failed = withRedocly.filter((f) => f.tools.redocly!.status === 'failed');
    const compared = withRedocly.filter((f) => f.tools.redocly!.status !== 'failed');
    const slower = compared.filter(
      (f) => !(f.tools.ours!.status === 'ok' && f.tools.ours!.wallMs < f.tools.redocly!.wallMs),
    );
    checks.push({
      target: 'faster than Redocly on every corpus file (wall)',
      measured:
        (slower.length === 0
          ? `faster on all ${compared.length} files`
          : `faster on ${compared.length - slower.length} of ${compared.length}; not on ${slower.map((f) => `${f.file} (${fmtS(f.tools.ours!.wallMs)} vs ${fmtS(f.tools.redocly!.wallMs)} s)`).join(', ')}`) +
        failedNote(failed, 'redocly'),
      met: slower.length === 0 && failed.length === 0 ? true : slower.length > 0 ? false : undefined,
    });
  }
  const withSpectral = results.filter((f) => f.tools.ours && f.tools.spectral);
  if (withSpectral.length > 0) {
    const failed = withSpectral.filter((f) => f.tools.spectral!.status === 'failed');
    const compared = withSpectral.filter((f) => f.tools.spectral!.status !== 'failed');
    // A Spectral timeout or OOM is a lower bound of its time: the ratio is at least what was measured.
    const under = compared.filter(
      (f) => f.tools.ours!.status !== 'ok' || f.tools.spectral!.wallMs / f.tools.ours!.wallMs < 20,
    );
    checks.push({
      target: '≥ 20× faster than Spectral + OWASP (wall)',
      measured:
        (under.length === 0
          ? `met on all ${compared.length} files compared`
          : `met on ${compared.length - under.length} of ${compared.length}; below 20× on ${under.map((f) => `${f.file} (${fmtRatio(f.tools.spectral!.wallMs / f.tools.ours!.wallMs)})`).join(', ')}`) +
        failedNote(failed, 'spectral'),
      met: under.length === 0 && failed.length === 0 ? true : under.length > 0 ? false : undefined,
    });
  }
  const github = results.find((f) => f.file.startsWith('github'));
  if (github?.tools.ours) {
    const rss = github.tools.ours.maxRssBytes;
    checks.push({
      target: 'GitHub spec: peak memory < 1 GB (CLI process)',
      measured: `${fmtMb(rss)} MB`,
      met: rss < 1024 ** 3,
    });
  }
  return checks;
}

/** Start-up cost of each CLI (`--version`, no linting): what every small-file lint pays first. */
export async function startupCosts(
  options: Pick<CorpusOptions, 'repo' | 'distDir' | 'workDir' | 'skipPeers' | 'repeatSmall'>,
): Promise<{ tool: ToolId; run: ToolResult }[]> {
  const commands: [ToolId, string[]][] = [
    ['ours', [process.execPath, path.join(options.distDir, 'cli.js'), '--version']],
    ['floor', [process.execPath, '-e', "require('@stoplight/spectral-core'); require('@stoplight/spectral-parsers')"]],
  ];
  if (!options.skipPeers) {
    commands.push([
      'redocly',
      [process.execPath, path.join(options.repo, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), '--version'],
    ]);
    commands.push([
      'spectral',
      [
        process.execPath,
        path.join(options.repo, 'node_modules', '@stoplight', 'spectral-cli', 'dist', 'index.js'),
        '--version',
      ],
    ]);
  }
  const out: { tool: ToolId; run: ToolResult }[] = [];
  for (const [tool, command] of commands) {
    const runs: ProcessRun[] = [];
    for (let i = 0; i < options.repeatSmall; i++) {
      runs.push(
        await runTimed(command, {
          cwd: options.repo,
          env: toolEnv(tool),
          timeoutS: 60,
          stdoutFile: path.join(options.workDir, `startup-${tool}.out`),
        }),
      );
    }
    out.push({ tool, run: summarize(tool, runs, []) });
  }
  return out;
}

export function startupTable(rows: { tool: ToolId; run: ToolResult }[]): string {
  return table(
    ['start-up only', 'command', 'wall s (median)', 'CPU s', 'peak RSS MB', 'runs'],
    rows.map(({ tool, run }) => [
      TOOL_NAMES[tool],
      tool === 'floor' ? 'node -e "require(spectral-core, spectral-parsers)"' : '--version',
      run.status === 'ok' ? fmtS(run.wallMs) : run.status,
      fmtS(run.cpuMs),
      fmtMb(run.maxRssBytes),
      String(run.runs.length),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r'],
  );
}
