// Human-readable output grouped by file, in the spirit of ESLint's "stylish", then the findings per rule and the
// summary line (the last line, where CI logs are read).
import * as path from 'node:path';
import { uriToPath, type Finding, type Severity } from '../../engine';
import { ruleTable } from './ruleTable';
import { summaryLine, type LintedCounts, type NotShown } from './summary';

export interface StylishOptions {
  cwd: string;
  color: boolean;
  linted: LintedCounts;
  notShown?: NotShown;
  /** How many findings suppressions silenced (counted in the summary line, not listed). */
  suppressed?: number;
}

const SEVERITY_COLOR: Record<Severity, string> = { error: '31', warning: '33', info: '36', hint: '2' };

function painter(color: boolean) {
  return (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
}

export function formatStylish(findings: readonly Finding[], options: StylishOptions): string {
  const paint = painter(options.color);
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byFile.get(f.uri) ?? [];
    list.push(f);
    byFile.set(f.uri, list);
  }
  const out: string[] = [];
  for (const [uri, list] of byFile) {
    out.push(paint('4', path.relative(options.cwd, uriToPath(uri)) || uriToPath(uri)));
    for (const f of list) {
      const position = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = paint(SEVERITY_COLOR[f.severity], f.severity) + ' '.repeat(7 - f.severity.length);
      out.push(`  ${position.padEnd(9)} ${severity}  ${f.message}  ${paint('2', f.ruleId)}`);
    }
    out.push('');
  }
  return (out.length ? out.join('\n') + '\n' : '') + formatSummary(findings, options);
}

/** `--format summary`: the findings per rule and the summary line, without the findings themselves. */
export function formatSummary(findings: readonly Finding[], options: Omit<StylishOptions, 'cwd'>): string {
  const paint = painter(options.color);
  const table = ruleTable(findings, (s) => paint(SEVERITY_COLOR[s], s));
  return (
    [
      ...table,
      ...(table.length ? [''] : []),
      summaryLine(findings, options.linted, options.notShown, options.suppressed),
    ].join('\n') + '\n'
  );
}
