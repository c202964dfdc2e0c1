// Measuring helpers: external processes under GNU time (wall, user+sys CPU, peak RSS) with a time limit, the
// load average, medians and percentiles, and plain Markdown tables for the report.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const GNU_TIME = '/usr/bin/time';

export type RunStatus = 'ok' | 'timeout' | 'oom' | 'failed';

export interface ProcessRun {
  status: RunStatus;
  /** Wall time measured around the process (ms), CPU time user + system (ms), peak resident set (bytes). */
  wallMs: number;
  userMs: number;
  sysMs: number;
  cpuMs: number;
  maxRssBytes: number;
  exitCode: number;
  /** 1-minute load average when the run started. */
  load1: number;
  stderrTail: string;
}

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutS: number;
  /** Where stdout goes (parsed by the caller afterwards). */
  stdoutFile: string;
  /** Exit codes that mean success (a linter exits 1 when it found problems). */
  okExitCodes?: number[];
}

export function requireGnuTime(): void {
  if (!existsSync(GNU_TIME)) {
    throw new Error(
      `${GNU_TIME} (GNU time) is missing: it measures CPU time and peak memory of each process. Install it with: apt-get install time`,
    );
  }
}

/**
 * Runs `command` under GNU time and `timeout` (SIGTERM at the limit, SIGKILL 10 s later). GNU time reports the
 * rusage of `timeout`'s children, so the figures are the linter's own. Never throws for the command's failure.
 */
export async function runTimed(command: string[], options: ProcessOptions): Promise<ProcessRun> {
  const timeFile = `${options.stdoutFile}.time`;
  const out = openSync(options.stdoutFile, 'w');
  const load1 = os.loadavg()[0]!;
  const started = performance.now();
  const stderrChunks: Buffer[] = [];
  let stderrBytes = 0;
  const exitCode = await new Promise<number>((resolve) => {
    const child = spawn(
      GNU_TIME,
      ['-f', 'BENCH %e %U %S %M %x', '-o', timeFile, 'timeout', '-k', '10', String(options.timeoutS), ...command],
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        stdio: ['ignore', out, 'pipe'],
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderrChunks.push(chunk);
      stderrBytes += chunk.length;
      while (stderrBytes > 64_000 && stderrChunks.length > 1) stderrBytes -= stderrChunks.shift()!.length;
    });
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? -1));
  });
  const wallMs = performance.now() - started;
  closeSync(out);
  const stderr = Buffer.concat(stderrChunks).toString();
  let userMs = NaN;
  let sysMs = NaN;
  let maxRssBytes = NaN;
  try {
    const line = readFileSync(timeFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('BENCH '));
    if (line) {
      const [, , user, sys, rss] = line.split(' ');
      userMs = Number(user) * 1000;
      sysMs = Number(sys) * 1000;
      maxRssBytes = Number(rss) * 1024;
    }
    rmSync(timeFile, { force: true });
  } catch {
    // no time file: the process could not be started
  }
  let status: RunStatus = (options.okExitCodes ?? [0]).includes(exitCode) ? 'ok' : 'failed';
  if (exitCode === 124 || exitCode === 137) status = 'timeout';
  if (/heap out of memory|Allocation failed|ENOMEM|Cannot allocate memory/i.test(stderr) || exitCode === 134)
    status = 'oom';
  return {
    status,
    wallMs,
    userMs,
    sysMs,
    cpuMs: userMs + sysMs,
    maxRssBytes,
    exitCode,
    load1,
    stderrTail: stderr.slice(-2000),
  };
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function fmtS(ms: number, digits = 2): string {
  return Number.isFinite(ms) ? (ms / 1000).toFixed(digits) : '—';
}

export function fmtMs(ms: number, digits = 0): string {
  return Number.isFinite(ms) ? ms.toFixed(digits) : '—';
}

export function fmtMb(bytes: number): string {
  return Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(0) : '—';
}

export function fmtRatio(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

export function table(header: string[], rows: string[][], align?: ('l' | 'r')[]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const cell = (text: string, i: number) =>
    (align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
  const line = (cells: string[]) => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  platform: string;
  loadavg: number[];
  date: string;
  gitCommit: string;
  gitDirty: boolean;
}

export function machineInfo(gitCommit: string, gitDirty: boolean): MachineInfo {
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100),
    date: new Date().toISOString(),
    gitCommit,
    gitDirty,
  };
}

export function loadNow(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
}

/** Reads peak RSS (VmHWM) and CPU time (utime + stime) of a live process from /proc, where there is one. */
export function procStats(pid: number): { peakRssBytes: number; rssBytes: number; cpuMs: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[11] and [12] are utime and stime (fields 14 and 15 of proc(5)), in clock ticks (100 per second on Linux)
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      peakRssBytes: hwm ? Number(hwm[1]) * 1024 : NaN,
      rssBytes: rss ? Number(rss[1]) * 1024 : NaN,
      cpuMs: ticks * 10,
    };
  } catch {
    return undefined;
  }
}

export function relative(from: string, to: string): string {
  return path.relative(from, to) || '.';
}
