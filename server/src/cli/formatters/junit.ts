// JUnit XML, for CI systems that show test reports (GitLab's `artifacts:reports:junit`, Jenkins, Azure Pipelines):
// one test suite per linted file, one failing test case per finding, a passing case for a file without findings.
import * as path from 'node:path';
import { uriToPath, type Finding } from '../../engine';

const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot carry at all
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export interface JunitOptions {
  cwd: string;
  /** Every file linted (absolute paths): files without findings are passing suites. */
  linted: readonly string[];
}

export function formatJunit(findings: readonly Finding[], options: JunitOptions): string {
  const relative = (file: string) => path.relative(options.cwd, file).split(path.sep).join('/') || file;
  const byFile = new Map<string, Finding[]>();
  for (const file of options.linted) byFile.set(relative(file), []);
  for (const f of findings) {
    const file = relative(uriToPath(f.uri));
    const list = byFile.get(file) ?? [];
    list.push(f);
    byFile.set(file, list);
  }
  const suites = [...byFile].map(([file, list]) => {
    const cases =
      list.length === 0
        ? [`    <testcase name="no API security findings" classname="${escapeXml(file)}"/>`]
        : list.map((f) => {
            const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
            const body = `${f.severity} at ${file}:${at}${f.owasp ? ` (OWASP ${f.owasp})` : ''}\n${f.message}`;
            return [
              `    <testcase name="${escapeXml(`${f.ruleId} ${at}`)}" classname="${escapeXml(file)}" file="${escapeXml(file)}" line="${f.range.start.line + 1}">`,
              `      <failure type="${escapeXml(f.ruleId)}" message="${escapeXml(f.message)}">${escapeXml(body)}</failure>`,
              '    </testcase>',
            ].join('\n');
          });
    return [
      `  <testsuite name="${escapeXml(file)}" tests="${Math.max(1, list.length)}" failures="${list.length}" errors="0" skipped="0">`,
      ...cases,
      '  </testsuite>',
    ].join('\n');
  });
  const tests = [...byFile.values()].reduce((n, list) => n + Math.max(1, list.length), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="API Warden" tests="${tests}" failures="${findings.length}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
