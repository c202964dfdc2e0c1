// GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding, which the Actions runner
// turns into annotations on the pull request's diff (no SARIF upload or code-scanning licence needed).
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
import * as path from 'node:path';
import { uriToPath, type Finding, type Severity } from '../../engine';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Message data: `%`, CR and LF are escaped. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** Property values: also `:` and `,`, which separate properties. */
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(findings: readonly Finding[], options: { cwd: string }): string {
  const lines = findings.map((f) => {
    const file = path.relative(options.cwd, uriToPath(f.uri)).split(path.sep).join('/') || uriToPath(f.uri);
    const properties = [
      `file=${escapeProperty(file)}`,
      `line=${f.range.start.line + 1}`,
      `endLine=${f.range.end.line + 1}`,
      `col=${f.range.start.character + 1}`,
      ...(f.range.end.line === f.range.start.line ? [`endColumn=${f.range.end.character + 1}`] : []),
      `title=${escapeProperty(`${f.ruleId}${f.owasp ? ` (OWASP ${f.owasp})` : ''}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}
