// A Markdown summary for people: a pull-request comment or a CI job summary (`>> $GITHUB_STEP_SUMMARY`). Counts by
// severity, the rules most often hit, then the findings themselves (the first 100; the rest are counted).
import * as path from 'node:path';
import { ruleMetadata, uriToPath, type Finding } from '../../engine';
import { countByRule } from './ruleTable';
import { countBySeverity, lintedText, plural, type LintedCounts } from './summary';

const MAX_LISTED = 100;
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function formatMarkdown(
  findings: readonly Finding[],
  options: { cwd: string; linted: LintedCounts; docUrl: (ruleId: string) => string },
): string {
  const counts = countBySeverity(findings);
  const out = ['## API Warden', ''];
  if (findings.length === 0) {
    out.push(`No API security problems found; ${lintedText(options.linted)}.`, '');
    return out.join('\n');
  }
  out.push(
    `**${plural(findings.length, 'problem')}** (${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.hint} hint); ${lintedText(options.linted)}.`,
    '',
    '| rule | OWASP | severity | count |',
    '|---|---|---|---:|',
    ...countByRule(findings).map((r) => {
      const meta = ruleMetadata(r.ruleId);
      return `| [${r.ruleId}](${options.docUrl(r.ruleId)}) ${cell(meta?.title ?? '')} | ${meta?.owasp ?? ''} | ${r.severity} | ${r.count} |`;
    }),
    '',
    '| | where | rule | finding |',
    '|---|---|---|---|',
  );
  const icon = { error: '🔴', warning: '🟠', info: '🔵', hint: '⚪' } as const;
  for (const f of findings.slice(0, MAX_LISTED)) {
    const file = path.relative(options.cwd, uriToPath(f.uri)).split(path.sep).join('/');
    out.push(
      `| ${icon[f.severity]} ${f.severity} | \`${cell(file)}:${f.range.start.line + 1}\` | ${f.ruleId} | ${cell(f.message)} |`,
    );
  }
  if (findings.length > MAX_LISTED) out.push('', `…and ${findings.length - MAX_LISTED} more (see the full report).`);
  out.push('');
  return out.join('\n');
}
