// `npm run bench`: measures whatever is in dist/ now (the script builds first) against issue 5's targets.
//   npm run bench                         everything (Spectral + OWASP takes minutes per large spec)
//   npm run bench -- --quick              Spectral + OWASP on the small files only, large files once
//   npm run bench -- --skip-peers         no Redocly, no Spectral
//   npm run bench -- --only=stripe,petstore --sections=lint,typing,workspace
// More: --edits=200 --probe-edits=40 --lint-delay=default,0 --spectral-timeout=600 --timeout=600 --repeat=3
//       --repeat-small=5 --handler-files=1000 --workspace-specs=<names> --keep --results=<file.json>
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  benchCorpus,
  corpusTables,
  corpusTargets,
  networkCheck,
  startupCosts,
  startupTable,
  type FileResult,
  type TargetCheck,
} from './lintCorpus';
import { benchClassifier, classifierLine, type ClassifierResult } from './classifier';
import { fmtMs, fmtS, loadNow, machineInfo, requireGnuTime, table } from './measure';
import { benchTyping, typingTables, type TypingResult } from './typing';
import { benchWorkspace, workspaceTables, type WorkspaceResult } from './workspace';

const REPO = path.resolve(__dirname, '..');
const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus', 'openapi');

interface Args {
  quick: boolean;
  skipPeers: boolean;
  only: string[];
  sections: string[];
  edits: number;
  probeEdits: number;
  lintDelays: (number | undefined)[];
  spectralTimeoutS: number;
  timeoutS: number;
  repeatLarge: number;
  repeatSmall: number;
  handlerFiles: number;
  workspaceSpecs: string[] | undefined;
  typingSessions: string[];
  keep: boolean;
  snapshot: boolean;
  results: string | undefined;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    skipPeers: false,
    only: [],
    sections: ['lint', 'typing', 'workspace'],
    edits: 200,
    probeEdits: 40,
    lintDelays: [undefined, 0],
    spectralTimeoutS: 600,
    timeoutS: 600,
    repeatLarge: 3,
    repeatSmall: 5,
    handlerFiles: 1000,
    workspaceSpecs: undefined,
    typingSessions: ['stripe', 'express'],
    keep: false,
    snapshot: true,
    results: undefined,
  };
  const num = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a number, got ${value}`);
    return n;
  };
  for (const arg of argv) {
    const [name, value = ''] = arg.replace(/^--/, '').split(/=(.*)/s) as [string, string?];
    switch (name) {
      case 'quick':
        args.quick = true;
        break;
      case 'skip-peers':
        args.skipPeers = true;
        break;
      case 'only':
        args.only = value.split(',').filter(Boolean);
        break;
      case 'sections':
        args.sections = value.split(',').filter(Boolean);
        break;
      case 'typing':
        args.typingSessions = value.split(',').filter(Boolean);
        break;
      case 'edits':
        args.edits = num(name, value);
        break;
      case 'probe-edits':
        args.probeEdits = num(name, value);
        break;
      case 'lint-delay':
        args.lintDelays = value.split(',').map((v) => (v === 'default' ? undefined : num(name, v)));
        break;
      case 'spectral-timeout':
        args.spectralTimeoutS = num(name, value);
        break;
      case 'timeout':
        args.timeoutS = num(name, value);
        break;
      case 'repeat':
        args.repeatLarge = Math.max(1, num(name, value));
        break;
      case 'repeat-small':
        args.repeatSmall = Math.max(1, num(name, value));
        break;
      case 'handler-files':
        args.handlerFiles = num(name, value);
        break;
      case 'workspace-specs':
        args.workspaceSpecs = value.split(',').filter(Boolean);
        break;
      case 'keep':
        args.keep = true;
        break;
      case 'no-snapshot':
        args.snapshot = false;
        break;
      case 'results':
        args.results = value;
        break;
      case 'help':
        console.log(readHelp());
        process.exit(0);
      // falls through (unreachable)
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  if (args.quick) args.repeatLarge = 1;
  for (const s of args.sections)
    if (!['lint', 'typing', 'workspace'].includes(s)) throw new Error(`unknown section ${s}: lint, typing, workspace`);
  return args;
}

function readHelp(): string {
  return `npm run bench -- [options]
  --quick                 Spectral + OWASP only on small files (< 200 KB); large files linted once
  --skip-peers            do not run Redocly and Spectral
  --only=<a,b>            corpus files whose name contains one of these (section "lint")
  --sections=<list>       lint,typing,workspace (default: all three)
  --typing=<list>         stripe,express (default: both)
  --edits=N               edits per as-you-type session (200)
  --probe-edits=N         edits of the hover/code-action phase (40)
  --lint-delay=<list>     apiwarden.lintDelayMs per as-you-type run: 'default' sends nothing (the server
                          default applies), a number is sent as the setting (default: default,0)
  --spectral-timeout=S    limit per Spectral + OWASP process (600)
  --timeout=S             limit per other process / workspace request (600)
  --repeat=N              runs per tool on large files (3; Spectral + OWASP runs once there)
  --repeat-small=N        runs per tool on small files (5)
  --handler-files=N       route files in the generated workspace (1000)
  --workspace-specs=<a,b> corpus files copied into the workspace (default: the five smallest)
  --keep                  keep the temp folder (generated inputs, raw outputs)
  --no-snapshot           run dist/ in place instead of a copy taken at the start
  --results=<file>        where to write the JSON results (default bench/results/<date>.json)`;
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** A fingerprint of the bundles in a dist folder. */
function distFingerprint(dist: string): string {
  const hash = createHash('sha256');
  for (const bundle of ['cli.js', 'server.js', 'lintWorker.js']) hash.update(readFileSync(path.join(dist, bundle)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Copies dist/ (bundles and grammars) into the work folder, with docs/ linked beside it as in the repo: the
 * checkout is shared, and a rebuild during a half-hour run must not change what is measured.
 */
function snapshotDist(workDir: string): string {
  const dist = path.join(workDir, 'snapshot', 'dist');
  mkdirSync(dist, { recursive: true });
  for (const file of readdirSync(path.join(REPO, 'dist'))) {
    if (/\.(js|wasm)$/.test(file)) copyFileSync(path.join(REPO, 'dist', file), path.join(dist, file));
  }
  symlinkSync(path.join(REPO, 'docs'), path.join(workDir, 'snapshot', 'docs'));
  return dist;
}

function targetsTable(checks: TargetCheck[]): string {
  return table(
    ['target (issue 5)', 'measured', 'met?'],
    checks.map((c) => [c.target, c.measured, c.met === undefined ? 'n/a' : c.met ? 'yes' : 'NO']),
    ['l', 'l', 'l'],
  );
}

function typingTargets(results: TypingResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const r of results) {
    const limit = r.name.startsWith('Stripe') ? 250 : 50;
    checks.push({
      target: `${r.name}, lint delay ${r.lintDelayMs} ms (${r.lintDelaySource}): edit → diagnostics p95 < ${limit} ms`,
      measured: `p95 ${fmtMs(r.latency.p95, 1)} ms (p50 ${fmtMs(r.latency.p50, 1)}, max ${fmtMs(r.latency.max, 1)})${r.timeouts ? `, ${r.timeouts} timeouts` : ''}`,
      met: r.timeouts === 0 && r.latency.p95 < limit,
    });
    const hover = r.hoverDuringLint;
    const action = r.codeActionDuringLint;
    checks.push({
      target: `${r.name}, lint delay ${r.lintDelayMs} ms: hover and code action < 50 ms while a lint runs`,
      measured: `hover p95 ${fmtMs(hover.p95, 1)} / max ${fmtMs(hover.max, 1)} ms (n=${hover.n}); code action p95 ${fmtMs(action.p95, 1)} / max ${fmtMs(action.max, 1)} ms (n=${action.n})`,
      met:
        hover.n === 0 && action.n === 0
          ? undefined
          : (hover.n === 0 || hover.max < 50) && (action.n === 0 || action.max < 50),
    });
  }
  return checks;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(CORPUS)) {
    throw new Error(
      `The corpus folder ../shared/corpus/openapi is missing (looked for ${CORPUS}). The bench lints the real specs kept there.`,
    );
  }
  for (const bundle of ['cli.js', 'server.js', 'lintWorker.js']) {
    if (!existsSync(path.join(REPO, 'dist', bundle)))
      throw new Error(`dist/${bundle} is missing: run npm run build first (npm run bench does).`);
  }
  requireGnuTime();
  if (!args.skipPeers && args.sections.includes('lint')) {
    for (const bin of [
      'node_modules/@redocly/cli/bin/cli.js',
      'node_modules/@stoplight/spectral-cli/dist/index.js',
      'node_modules/@stoplight/spectral-owasp-ruleset/package.json',
    ]) {
      if (!existsSync(path.join(REPO, bin)))
        throw new Error(`${bin} is missing: run npm ci (the peers are dev dependencies).`);
    }
  }
  const workDir = mkdtempSync(path.join(tmpdir(), 'apiwarden-bench-'));
  const dirty = git('status', '--porcelain', '--', 'server/src', 'rulesets/src', 'scripts', 'package.json') !== '';
  const machine = machineInfo(git('rev-parse', '--short', 'HEAD'), dirty);
  const distAtStart = distFingerprint(path.join(REPO, 'dist'));
  const distDir = args.snapshot ? snapshotDist(workDir) : path.join(REPO, 'dist');
  if (args.snapshot && distFingerprint(distDir) !== distAtStart)
    throw new Error('dist/ changed while it was being copied (a build is running?): try again');
  const report: string[] = [];
  const emit = (text: string) => {
    console.log(text);
    report.push(text);
  };
  const log = (line: string) => console.error(line);
  emit(
    `# API Warden bench — ${machine.date}\n\n` +
      `Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GB, ${machine.platform}; Node ${machine.node}; load average (1/5/15 min) at start ${machine.loadavg.join(' / ')}.\n` +
      `Code: commit ${machine.gitCommit}${machine.gitDirty ? ' plus uncommitted changes under server/src, rulesets/src or scripts (dist/ was built from the working tree)' : ''}; dist bundles ${distAtStart}${args.snapshot ? ', measured from a copy taken at the start' : ', measured in place'}.\n` +
      `Command: npm run bench${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`,
  );
  const results: {
    machine: typeof machine;
    distAtStart: string;
    args: Args;
    corpus?: FileResult[];
    classifier?: ClassifierResult;
    typing?: TypingResult[];
    workspace?: WorkspaceResult;
    loadAtEnd?: string;
  } = { machine, distAtStart, args };
  const checks: TargetCheck[] = [];
  try {
    if (args.sections.includes('lint')) {
      log('== full lint per corpus file');
      if (!args.skipPeers) {
        const probe = path.join(CORPUS, 'petstore-oas3.0.yaml');
        if (existsSync(probe)) {
          const lines: string[] = [];
          for (const tool of ['redocly', 'spectral'] as const) {
            const connects = networkCheck(tool, REPO, probe, workDir);
            lines.push(
              connects === undefined
                ? `${tool}: not checked (no strace)`
                : connects.length === 0
                  ? `${tool}: no network connect() (strace -f -e trace=connect on petstore)`
                  : `${tool}: ${connects.length} network connect() calls: ${connects.slice(0, 3).join(' | ')}`,
            );
          }
          emit(`Offline check: ${lines.join('; ')}.`);
        }
      }
      const startup = await startupCosts({
        repo: REPO,
        distDir,
        workDir,
        skipPeers: args.skipPeers,
        repeatSmall: args.repeatSmall,
      });
      const corpus = await benchCorpus({
        repo: REPO,
        distDir,
        corpusDir: CORPUS,
        workDir,
        only: args.only,
        quick: args.quick,
        skipPeers: args.skipPeers,
        spectralTimeoutS: args.spectralTimeoutS,
        timeoutS: args.timeoutS,
        repeatSmall: args.repeatSmall,
        repeatLarge: args.repeatLarge,
        log,
      });
      results.corpus = corpus;
      const classifier = benchClassifier(args.repeatSmall);
      results.classifier = classifier;
      emit(
        `## 1. Full lint of each corpus file (one process per lint; medians of ${args.repeatSmall} runs for files under 200 KB, ${args.repeatLarge} for larger ones; Spectral + OWASP once on large files)\n\n` +
          corpusTables(corpus, args) +
          `\n\nStart-up alone (medians of ${args.repeatSmall} runs; on the two small files it is most of each lint):\n\n` +
          startupTable(startup) +
          `\n\n${classifierLine(classifier)}`,
      );
      checks.push(...corpusTargets(corpus));
    }
    if (args.sections.includes('typing')) {
      log('== as-you-type over LSP');
      const typing = await benchTyping({
        repo: REPO,
        serverBundle: path.join(distDir, 'server.js'),
        corpusDir: CORPUS,
        workDir,
        edits: args.edits,
        probeEdits: args.probeEdits,
        lintDelays: args.lintDelays,
        sessions: args.typingSessions,
        log,
      });
      results.typing = typing;
      emit(
        `## 2. As you type (LSP over stdio, bundled server, ${args.edits} edits per document, each waited for)\n\n` +
          typingTables(typing),
      );
      checks.push(...typingTargets(typing));
    }
    if (args.sections.includes('workspace')) {
      log('== workspace');
      const specs =
        args.workspaceSpecs ??
        readdirSync(CORPUS)
          .filter((f) => /\.(ya?ml|json)$/.test(f))
          .sort((a, b) => statSync(path.join(CORPUS, a)).size - statSync(path.join(CORPUS, b)).size)
          .slice(0, 5);
      const workspace = await benchWorkspace({
        repo: REPO,
        distDir,
        corpusDir: CORPUS,
        workDir,
        handlerFiles: args.handlerFiles,
        specs,
        timeoutS: args.timeoutS,
        log,
      });
      results.workspace = workspace;
      emit(`## 3. Workspace, cold\n\n` + workspaceTables(workspace));
      checks.push({
        target: `workspace of ${workspace.layout.handlerFiles} handler files + ${specs.length} specs: first complete diagnostics < 20 s (LSP)`,
        measured: `${fmtS(workspace.lsp.allFirstDiagnosticsMs, 1)} s to diagnostics for all ${workspace.lsp.expected} files (request answered in ${fmtS(workspace.lsp.requestMs, 1)} s); CLI ${fmtS(workspace.cli.run.wallMs, 1)} s`,
        met: Number.isFinite(workspace.lsp.allFirstDiagnosticsMs)
          ? workspace.lsp.allFirstDiagnosticsMs < 20_000
          : false,
      });
    }
    results.loadAtEnd = loadNow();
    const distAtEnd = distFingerprint(path.join(REPO, 'dist'));
    if (distAtEnd !== distAtStart) {
      emit(
        args.snapshot
          ? `Note: dist/ was rebuilt during the run (${distAtStart} → ${distAtEnd}); every figure above is of the copy taken at the start (${distAtStart}).`
          : `WARNING: dist/ was rebuilt during the run (${distAtStart} → ${distAtEnd}) and was measured in place: later sections measured other code.`,
      );
    }
    emit(`## Targets\n\n${targetsTable(checks)}\n\nLoad average (1/5/15 min) at the end: ${results.loadAtEnd}.`);
  } finally {
    const out = args.results ?? path.join(REPO, 'bench', 'results', `${machine.date.replace(/[:.]/g, '-')}.json`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(results, (key, value) => (key === 'stderrTail' ? undefined : value), 2) + '\n');
    writeFileSync(out.replace(/\.json$/, '') + '.md', report.join('\n\n') + '\n');
    log(`results: ${path.relative(REPO, out)} (+ .md)`);
    if (args.keep) log(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
