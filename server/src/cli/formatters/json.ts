// Machine-readable output: every finding with its rule metadata and documentation link.
import * as path from 'node:path';
import { ruleDocUrl, uriToPath, type Finding } from '../../engine';
import { countBySeverity, type LintedCounts } from './summary';

export interface JsonReport {
  tool: { name: string; version: string };
  /** `files`: every file linted; `openapiFiles` + `codeFiles`: the same, by kind. */
  summary: { files: number; openapiFiles: number; codeFiles: number; findings: number } & ReturnType<
    typeof countBySeverity
  >;
  findings: (Finding & { path: string; docUrl: string })[];
}

export function formatJson(
  findings: readonly Finding[],
  options: { cwd: string; linted: LintedCounts; version: string },
): string {
  const report: JsonReport = {
    tool: { name: 'API Warden', version: options.version },
    summary: {
      files: options.linted.openapi + options.linted.code,
      openapiFiles: options.linted.openapi,
      codeFiles: options.linted.code,
      findings: findings.length,
      ...countBySeverity(findings),
    },
    findings: findings.map((f) => ({
      ...f,
      path: path.relative(options.cwd, uriToPath(f.uri)) || uriToPath(f.uri),
      docUrl: ruleDocUrl(f.ruleId),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
