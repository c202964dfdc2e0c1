// Machine-readable output: every finding with its rule metadata and documentation link. The shape is
// docs/schemas/apiwarden-lint-output.schema.json. `range` is the engine's (zero-based, as in LSP: the same as the
// language server's diagnostics); `line`/`column`/`endLine`/`endColumn` are one-based, as stylish and SARIF print.
import * as path from 'node:path';
import { REPOSITORY_URL, ruleDocUrl, uriToPath, type Finding } from '../../engine';
import { countBySeverity, type LintedCounts, type NotShown } from './summary';

export interface JsonFinding extends Finding {
  /** The file, relative to the working directory when under it. */
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  docUrl: string;
}

export interface JsonReport {
  tool: { name: string; version: string; informationUri: string };
  /**
   * `files`: every file linted; `openapiFiles` + `codeFiles`: the same, by kind; `findings` and the counts per
   * severity: the findings listed; `notShown`: findings below `--min-severity`, not listed.
   */
  summary: { files: number; openapiFiles: number; codeFiles: number; findings: number; notShown: number } & ReturnType<
    typeof countBySeverity
  >;
  findings: JsonFinding[];
}

export function formatJson(
  findings: readonly Finding[],
  options: { cwd: string; linted: LintedCounts; version: string; docsBaseUrl: string; notShown?: NotShown },
): string {
  const report: JsonReport = {
    tool: { name: 'API Warden', version: options.version, informationUri: REPOSITORY_URL },
    summary: {
      files: options.linted.openapi + options.linted.code,
      openapiFiles: options.linted.openapi,
      codeFiles: options.linted.code,
      findings: findings.length,
      ...countBySeverity(findings),
      notShown: options.notShown?.count ?? 0,
    },
    findings: findings.map((f) => ({
      ...f,
      path: path.relative(options.cwd, uriToPath(f.uri)) || uriToPath(f.uri),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      docUrl: ruleDocUrl(f.ruleId, options.docsBaseUrl),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
