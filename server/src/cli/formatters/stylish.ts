// Human-readable output grouped by file, in the spirit of ESLint's "stylish".
import * as path from 'node:path';
import { uriToPath, type Finding } from '../../engine';
import { summaryLine, type LintedCounts } from './summary';

export interface StylishOptions {
  cwd: string;
  color: boolean;
  linted: LintedCounts;
}

export function formatStylish(findings: readonly Finding[], options: StylishOptions): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const severityLabel = {
    error: paint('31', 'error'),
    warning: paint('33', 'warning'),
    info: paint('36', 'info'),
    hint: paint('2', 'hint'),
  };
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
      out.push(
        `  ${position.padEnd(9)} ${severityLabel[f.severity].padEnd(options.color ? 16 : 7)}  ${f.message}  ${paint('2', f.ruleId)}`,
      );
    }
    out.push('');
  }
  out.push(summaryLine(findings, options.linted));
  return out.join('\n') + '\n';
}
