import type { Finding, Severity } from '../../engine';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** One line for humans, e.g. "3 problems (1 error, 2 warnings) in 2 of 5 files". */
export function summaryLine(findings: readonly Finding[], lintedFiles: number): string {
  const c = countBySeverity(findings);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const files = new Set(findings.map((f) => f.uri)).size;
  if (findings.length === 0) return `No problems found in ${plural(lintedFiles, 'OpenAPI document')}.`;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info) parts.push(plural(c.info, 'info'));
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return `${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${plural(lintedFiles, 'OpenAPI document')} linted.`;
}
