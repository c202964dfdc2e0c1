// What the UI must show, from two independent sources:
//  - the engine itself, through the CLI (`dist/cli.js lint --format json`) on a pristine copy of the workspace:
//    the editor must show exactly what the engine finds, no more, no less;
//  - the scenarios' own fixed expectations (a rule that stops firing fails the run even if CLI and UI agree).
// Rule titles and OWASP ids come from the rule catalog the server uses for hovers.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** CLI findings per workspace-relative path: [{ ruleId, severity, line, column }] with 1-based positions. */
export function cliFindings(root, workspace) {
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'dist', 'cli.js'), 'lint', '.', '--format', 'json', '--fail-on', 'never'],
    {
      cwd: workspace,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const report = JSON.parse(out);
  const byFile = {};
  for (const f of report.findings) {
    const rel = path.relative(workspace, new URL(f.uri).pathname);
    (byFile[rel] ??= []).push({
      ruleId: f.ruleId,
      severity: f.severity,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
    });
  }
  return { byFile, summary: report.summary };
}

/** Title, OWASP and CWE of every rule, as the server's hover shows them. */
export function ruleCatalog(root) {
  const script = `
    const m = await import(${JSON.stringify(path.join(root, 'server/src/engine/rules/catalog.ts'))});
    const RULES = m.RULES ?? m.default.RULES;
    process.stdout.write(JSON.stringify(Object.fromEntries([...RULES].map(([id, r]) => [id, { title: r.title, owasp: r.owasp, cwe: r.cwe }]))));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return JSON.parse(out);
}

export const key = (f) => `${f.ruleId ?? f.code}@${f.line}:${f.column}`;

/** Compares two finding lists by rule id and start position; returns a readable difference or ''. */
export function difference(expected, actual) {
  const e = expected.map(key).sort();
  const a = actual.map(key).sort();
  const missing = e.filter((k) => !a.includes(k));
  const extra = a.filter((k) => !e.includes(k));
  if (missing.length === 0 && extra.length === 0) return '';
  return `missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(extra)}`;
}
