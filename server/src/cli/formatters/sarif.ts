// SARIF 2.1.0, for code scanning dashboards (GitHub, Azure DevOps, GitLab). Locations of files under the working
// directory are relative to %SRCROOT% so results line up with the repository wherever it was checked out; files
// outside it keep their absolute file URI. Help links point at the published rule docs (--docs-base-url).
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { REPOSITORY_URL, ruleDocUrl, ruleMetadata, uriToPath, type Finding, type Severity } from '../../engine';
import { FINGERPRINT_KEY, fingerprints, lineReader } from './fingerprints';

const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
// GitHub code scanning ranks security results by this property (0-10).
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '3.0', hint: '1.0' };
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  cwd: string;
  version: string;
  /** Where rule pages are: `<docsBaseUrl><rule-id>.md`. */
  docsBaseUrl: string;
  /** A document's text (for fingerprints), or undefined when it cannot be read. */
  readText: (uri: string) => string | undefined;
  /** Findings suppressions silenced: listed as results with `suppressions` (kind inSource, the reason). */
  suppressed?: readonly Finding[];
}

type ArtifactLocation = { uri: string; uriBaseId?: string };

function artifactLocation(uri: string, cwd: string): ArtifactLocation {
  const relative = path.relative(cwd, uriToPath(uri));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT } : { uri };
}

export function formatSarif(shown: readonly Finding[], options: SarifOptions): string {
  const findings = options.suppressed?.length ? [...shown, ...options.suppressed] : shown;
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules: ReportingDescriptor[] = ruleIds.map((id) => {
    const meta = ruleMetadata(id);
    const tags = ['security', ...(meta?.owasp ? [`OWASP-${meta.owasp}`] : []), ...(meta?.cwe ? [meta.cwe] : [])];
    const helpUri = ruleDocUrl(id, options.docsBaseUrl);
    return {
      id,
      name: meta?.title ?? id,
      shortDescription: { text: meta?.title ?? id },
      fullDescription: { text: meta?.summary ?? id },
      helpUri,
      help: { text: `${meta?.summary ?? ''} See ${helpUri}` },
      defaultConfiguration: { level: LEVEL[meta?.severity ?? 'warning'] },
      properties: { tags, 'security-severity': SECURITY_SEVERITY[meta?.severity ?? 'warning'] },
    };
  });
  const locations = new Map<string, ArtifactLocation>();
  const locationOf = (uri: string) => {
    let location = locations.get(uri);
    if (!location) locations.set(uri, (location = artifactLocation(uri, options.cwd)));
    return location;
  };
  const prints = fingerprints(findings, {
    fileKey: (f) => locationOf(f.uri).uri,
    lineText: lineReader(options.readText),
  });
  const results: Result[] = findings.map((f, i) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: locationOf(f.uri),
          region: {
            startLine: f.range.start.line + 1,
            startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: prints[i]! },
    ...(f.suppression
      ? {
          suppressions: [
            {
              kind: 'inSource' as const,
              ...(f.suppression.justification ? { justification: f.suppression.justification } : {}),
              properties: { via: f.suppression.kind },
            },
          ],
        }
      : {}),
    ...(f.owasp || f.dataClasses
      ? {
          properties: {
            ...(f.owasp ? { owasp: f.owasp } : {}),
            ...(f.dataClasses ? { dataClasses: f.dataClasses } : {}),
          },
        }
      : {}),
  }));
  const root = pathToFileURL(options.cwd.endsWith(path.sep) ? options.cwd : options.cwd + path.sep).href;
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
            informationUri: REPOSITORY_URL,
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: root } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
