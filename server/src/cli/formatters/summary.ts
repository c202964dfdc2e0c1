import type { Finding, Severity } from '../../engine';

export type SeverityCounts = Record<Severity, number>;

/** How many files of each kind were linted. */
export interface LintedCounts {
  openapi: number;
  code: number;
}

/** Findings left out of the report by `--min-severity` / `--quiet` (they still count for `--fail-on`). */
export interface NotShown {
  count: number;
  minSeverity: Severity;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "12 files linted (5 OpenAPI, 7 code)". */
export function lintedText(linted: LintedCounts): string {
  return `${plural(linted.openapi + linted.code, 'file')} linted (${linted.openapi} OpenAPI, ${linted.code} code)`;
}

/**
 * One line for humans, e.g. "3 problems (1 error, 2 warnings) in 2 files; 12 files linted (5 OpenAPI, 7 code)."
 * Findings silenced by suppression comments or `x-apiwarden-ignore` are counted at the end ("; 2 suppressed…").
 * The files with problems may include files that were not linted themselves (fragments a spec `$ref`s).
 */
export function summaryLine(
  findings: readonly Finding[],
  linted: LintedCounts,
  notShown?: NotShown,
  suppressed = 0,
): string {
  const hidden =
    (notShown?.count ? `; ${plural(notShown.count, 'problem')} below ${notShown.minSeverity} not shown` : '') +
    (suppressed ? `; ${suppressed} suppressed in the source` : '');
  if (findings.length === 0) {
    const none = notShown?.count ? `No problems at ${notShown.minSeverity} or above` : 'No problems found';
    return `${none}; ${lintedText(linted)}${hidden}.`;
  }
  const c = countBySeverity(findings);
  const files = new Set(findings.map((f) => f.uri)).size;
  const parts = [plural(c.error, 'error'), plural(c.warning, 'warning')];
  if (c.info) parts.push(plural(c.info, 'info'));
  if (c.hint) parts.push(plural(c.hint, 'hint'));
  return `${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${plural(files, 'file')}; ${lintedText(linted)}${hidden}.`;
}
