// Baselines: the findings a project already has, written once (`apiwarden baseline`), so that `lint --baseline`
// reports only new ones. Findings are matched by the SARIF fingerprint (rule, file, JSON path, the flagged line's
// text, the message with digits masked, occurrence), so they stay matched when lines move; files are named relative
// to the baseline file, so it works from any working directory and in any checkout.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { uriToPath, type Finding } from '../engine';
import { fingerprints, lineReader } from './formatters/fingerprints';

export const BASELINE_FILE = '.apiwarden-baseline.json';

export interface BaselineEntry {
  rule: string;
  file: string;
  fingerprint: string;
  /** For readers of the file (reviews of a baseline change); not used to match. */
  line: number;
  message: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

function entries(findings: readonly Finding[], baselineFile: string, readText: (uri: string) => string | undefined) {
  const folder = path.dirname(path.resolve(baselineFile));
  const fileKey = (f: Finding) => path.relative(folder, uriToPath(f.uri)).split(path.sep).join('/');
  const prints = fingerprints(findings, { fileKey, lineText: lineReader(readText) });
  return findings.map((f, i) => ({
    rule: f.ruleId,
    file: fileKey(f),
    fingerprint: prints[i]!,
    line: f.range.start.line + 1,
    message: f.message,
  }));
}

/** The baseline file's text for these findings (sorted: a re-run with the same findings writes the same bytes). */
export function baselineText(
  findings: readonly Finding[],
  baselineFile: string,
  readText: (uri: string) => string | undefined,
): string {
  const sorted = entries(findings, baselineFile, readText).sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule),
  );
  const baseline: Baseline = { version: 1, findings: sorted };
  return JSON.stringify(baseline, null, 2) + '\n';
}

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read the baseline ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BaselineError(`the baseline ${file} is not JSON; write it with \`apiwarden baseline\``);
  }
  const baseline = parsed as Partial<Baseline>;
  if (baseline.version !== 1 || !Array.isArray(baseline.findings))
    throw new BaselineError(
      `the baseline ${file} is not an API Warden baseline (version 1); write it with \`apiwarden baseline\``,
    );
  return baseline as Baseline;
}

/** The findings that are not in the baseline, and how many were. */
export function newFindings(
  findings: readonly Finding[],
  baseline: Baseline,
  baselineFile: string,
  readText: (uri: string) => string | undefined,
): { findings: Finding[]; known: number } {
  const known = new Set(baseline.findings.map((e) => e.fingerprint));
  const current = entries(findings, baselineFile, readText);
  const fresh = findings.filter((_, i) => !known.has(current[i]!.fingerprint));
  return { findings: fresh, known: findings.length - fresh.length };
}
