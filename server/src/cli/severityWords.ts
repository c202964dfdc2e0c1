// The words for severities on the command line, the same for every flag (`--rule`, `--fail-on`, `--min-severity`).
// `warn` stays accepted for `warning`: earlier versions documented `--fail-on warn`.
import { SEVERITY_ORDER, type Finding, type Severity } from '../engine';

export const SEVERITY_WORDS: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const ALIASES: Readonly<Record<string, Severity>> = { warn: 'warning' };

/** The severity a word names, or undefined. */
export function severityOf(word: string): Severity | undefined {
  return (SEVERITY_WORDS as readonly string[]).includes(word) ? (word as Severity) : ALIASES[word];
}

/** Whether a finding is at `threshold` or more severe. */
export function atLeast(finding: Finding, threshold: Severity): boolean {
  return SEVERITY_ORDER[finding.severity] <= SEVERITY_ORDER[threshold];
}
