// Findings counted per rule, most frequent first: which rules to look at (or tune) first.
import { SEVERITY_ORDER, type Finding, type Severity } from '../../engine';

export interface RuleCount {
  ruleId: string;
  severity: Severity;
  count: number;
}

/** One row per rule and severity (a rule reports at one severity unless a finding sets its own). */
export function countByRule(findings: readonly Finding[]): RuleCount[] {
  const rows = new Map<string, RuleCount>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.severity}`;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { ruleId: f.ruleId, severity: f.severity, count: 1 });
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.count - a.count ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** The table as lines: `rule  severity  count`, columns aligned; no lines when there are no findings. */
export function ruleTable(findings: readonly Finding[], paintSeverity: (s: Severity) => string = (s) => s): string[] {
  const rows = countByRule(findings);
  if (rows.length === 0) return [];
  const idWidth = Math.max('rule'.length, ...rows.map((r) => r.ruleId.length));
  const countWidth = Math.max('count'.length, ...rows.map((r) => String(r.count).length));
  const severityWidth = 'severity'.length;
  return [
    `${'rule'.padEnd(idWidth)}  ${'severity'.padEnd(severityWidth)}  ${'count'.padStart(countWidth)}`,
    ...rows.map(
      (r) =>
        // Padding is computed on the plain word: color codes would count as characters.
        `${r.ruleId.padEnd(idWidth)}  ${paintSeverity(r.severity)}${' '.repeat(severityWidth - r.severity.length)}  ${String(r.count).padStart(countWidth)}`,
    ),
  ];
}
