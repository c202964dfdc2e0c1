// SARIF 2.1.0, for code scanning dashboards (GitHub, Azure DevOps, GitLab). Locations are relative to
// %SRCROOT% (the working directory) so results line up with the repository.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { ruleDocUrl, ruleMetadata, uriToPath, type Finding, type Severity } from '../../engine';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
// GitHub code scanning ranks security results by this property (0-10).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '3.0', hint: '1.0' };

export function formatSarif(findings: readonly Finding[], options: { cwd: string; version: string }): string {
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const meta = ruleMetadata(id);
    const tags = ['security', ...(meta?.owasp ? [`OWASP-${meta.owasp}`] : []), ...(meta?.cwe ? [meta.cwe] : [])];
    return {
      id,
      name: meta?.title ?? id,
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta?.summary ?? id },
      helpUri: ruleDocUrl(id),
      help: { text: `${meta?.summary ?? ''} See ${ruleDocUrl(id)}` },
      defaultConfiguration: { level: LEVEL[meta?.severity ?? 'warning'] },
      properties: { tags, 'security-severity': SECURITY_SEVERITY[meta?.severity ?? 'warning'] },
    };
  });
  const root = pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep).href;
  const results: Result[] = findings.map((f) => {
    const file = uriToPath(f.uri);
    const relative = path.relative(options.cwd, file);
    const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: inside
              ? { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }
              : { uri: f.uri },
            region: {
              startLine: f.range.start.line + 1,
              startColumn: f.range.start.character + 1,
              endLine: f.range.end.line + 1,
              endColumn: f.range.end.character + 1,
            },
          },
        },
      ],
      ...(f.owasp || f.dataClasses
        ? {
            properties: {
              ...(f.owasp ? { owasp: f.owasp } : {}),
              ...(f.dataClasses ? { dataClasses: f.dataClasses } : {}),
            },
          }
        : {}),
    };
  });
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: {
          driver: {
            name: 'API Warden',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://example.invalid/api-warden',
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
