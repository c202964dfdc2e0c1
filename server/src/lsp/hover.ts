// Hover on a flagged range: the rule's title, OWASP and CWE ids, what it means, this finding's message and a
// link to the full rule page.
import type { Hover, Position } from 'vscode-languageserver/node';
import type { Finding } from '../engine';
import { rangeContains } from '../engine';
import { ruleMetadata } from '../engine';
import { ruleDocUrl } from '../engine';

export function hoverFor(findings: readonly Finding[], position: Position): Hover | null {
  const hits = findings.filter((f) => rangeContains(f.range, position));
  if (hits.length === 0) return null;
  const sections = hits.map((finding) => {
    const rule = ruleMetadata(finding.ruleId);
    const ids = [
      finding.owasp ? `OWASP ${finding.owasp}` : undefined,
      finding.cwe,
      finding.aiLinked ? 'AI-linked' : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const lines = [
      `**${rule?.title ?? finding.ruleId}** (\`${finding.ruleId}\`)${ids ? ` — ${ids}` : ''}`,
      '',
      finding.message,
    ];
    if (finding.dataClasses?.length) lines.push('', `Data classes: ${finding.dataClasses.join(', ')}`);
    if (rule?.summary) lines.push('', rule.summary);
    lines.push('', `[Rule documentation](${ruleDocUrl(finding.ruleId)})`);
    return lines.join('\n');
  });
  const range = hits[0]!.range;
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range };
}
