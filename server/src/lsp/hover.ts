// Hover on a flagged range: what the editor's diagnostic display lacks, once per rule: the rule's title and id,
// OWASP and CWE ids, what the rule means, the data classes involved and a link to the full rule page. The
// finding's message is not repeated: VS Code already shows each diagnostic's message in the same hover, and other
// editors show diagnostics on their own.
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { rangeContains } from '../engine';
import { ruleMetadata } from '../engine';
import { ruleDocUrl } from '../engine';

export function hoverFor(findings: readonly Finding[], position: Position): Hover | null {
  const hits = findings.filter((f) => rangeContains(f.range, position));
  if (hits.length === 0) return null;
  const byRule = new Map<string, Finding[]>();
  for (const finding of hits) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const sections = [...byRule].map(([ruleId, ruleHits]) => ruleSection(ruleId, ruleHits));
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: hits[0]!.range };
}

/** One rule's section, for all its findings under the cursor (the same rule may report overlapping ranges). */
function ruleSection(ruleId: string, findings: readonly Finding[]): string {
  const rule = ruleMetadata(ruleId);
  const first = findings[0]!;
  const ids = [
    first.owasp ? `OWASP ${first.owasp}` : undefined,
    first.cwe,
    findings.some((f) => f.aiLinked) ? 'AI-linked' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [`**${rule?.title ?? ruleId}** (\`${ruleId}\`)${ids ? ` — ${ids}` : ''}`];
  if (rule?.summary) lines.push('', rule.summary);
  const dataClasses = [...new Set(findings.flatMap((f) => f.dataClasses ?? []))];
  if (dataClasses.length) lines.push('', `Data classes: ${dataClasses.join(', ')}`);
  lines.push('', `[Rule documentation](${ruleDocUrl(ruleId)})`);
  return lines.join('\n');
}
