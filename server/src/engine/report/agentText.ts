// Findings as a coding agent reads them (the MCP server's and the editor's language-model tools): one block per finding with the place, the rule, its OWASP category, the
// explanation and, when the engine has one, the fix, so the agent can act on it without another call.
import * as path from 'node:path';
import { computeFixes } from '../fixes';
import type { Finding } from '../findings';
import { PUBLISHED_RULE_DOCS_URL, ruleDocUrl } from '../rules/ruleDocs';
import { uriToPath } from '../uris';

export interface FindingView {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  ruleId: string;
  owasp?: string;
  message: string;
  docs: string;
  fixes: {
    title: string;
    edits: { startLine: number; startColumn: number; endLine: number; endColumn: number; newText: string }[];
  }[];
}

/** Positions are 1-based, as editors and agents quote them. `textOf` gives a file's text for the fixes. */
export function findingViews(
  findings: readonly Finding[],
  root: string,
  textOf: (uri: string) => string | undefined,
): FindingView[] {
  return findings.map((f) => {
    const text = f.fixable ? textOf(f.uri) : undefined;
    const fixes = text === undefined ? [] : computeFixes(f.ruleId, f.data, text, f.uri);
    return {
      file: displayPath(f.uri, root),
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      severity: f.severity,
      ruleId: f.ruleId,
      ...(f.owasp ? { owasp: f.owasp } : {}),
      message: f.message,
      docs: ruleDocUrl(f.ruleId, PUBLISHED_RULE_DOCS_URL),
      fixes: fixes.map((fix) => ({
        title: fix.title,
        edits: fix.edits.map((e) => ({
          startLine: e.range.start.line + 1,
          startColumn: e.range.start.character + 1,
          endLine: e.range.end.line + 1,
          endColumn: e.range.end.character + 1,
          newText: e.newText,
        })),
      })),
    };
  });
}

export function findingsText(views: readonly FindingView[], subject: string): string {
  if (views.length === 0) return `No problems found in ${subject}.`;
  const counts = new Map<string, number>();
  for (const v of views) counts.set(v.severity, (counts.get(v.severity) ?? 0) + 1);
  const head = `${views.length} problem${views.length === 1 ? '' : 's'} in ${subject} (${[...counts].map(([s, n]) => `${n} ${s}`).join(', ')}):`;
  const blocks = views.map((v) => {
    const lines = [
      `${v.file}:${v.line}:${v.column} ${v.severity} ${v.ruleId}${v.owasp ? ` (OWASP ${v.owasp})` : ''}`,
      `  ${v.message}`,
    ];
    for (const fix of v.fixes)
      lines.push(
        `  fix: ${fix.title}: ${fix.edits.map((e) => `replace ${e.startLine}:${e.startColumn}-${e.endLine}:${e.endColumn} with ${JSON.stringify(e.newText)}`).join('; ')}`,
      );
    return lines.join('\n');
  });
  return [head, ...blocks].join('\n\n');
}

function displayPath(uri: string, root: string): string {
  const file = uri.startsWith('file:') ? uriToPath(uri) : uri;
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
