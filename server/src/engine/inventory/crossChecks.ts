// Runs the cross-check rules (`xref-…`, rules/) over an inventory and turns their reports into Findings through
// the finding policy (rules that are off do not run; severities as configured). They apply only where a project
// has both a spec and code in scope: a project without a spec gets no shadow findings, one without code no
// "served nowhere" findings.
import type { EngineSettings } from '../config/settings';
import { FindingDeduplicator, FindingPolicy, runGuarded } from '../findingPolicy';
import { compareFindings, type Finding } from '../findings';
import type { Endpoint, Inventory } from './model';
import { XREF_RULES } from './rules/index.generated';

export function crossCheck(inventory: Inventory, settings: EngineSettings, errors: string[] = []): Finding[] {
  const policy = FindingPolicy.of(settings);
  const both = new Set(inventory.projects.filter((p) => p.specs > 0 && p.routes > 0).map((p) => p.uri));
  const findings: Finding[] = [];
  const seen = new FindingDeduplicator();
  for (const rule of XREF_RULES) {
    if (!policy.enabled(rule.id)) continue;
    runGuarded(rule.id, 'the inventory', errors, () =>
      rule.check({
        inventory,
        crossCheckable: (endpoint: Endpoint) => both.has(endpoint.project),
        report: (r) => {
          const finding = policy.finding({
            ruleId: rule.id,
            severity: r.severity ?? rule.severity,
            message: r.message,
            uri: r.uri,
            range: r.range,
            ...(r.dataClasses?.length ? { dataClasses: r.dataClasses } : {}),
            ...(r.aiLinked ? { aiLinked: true } : {}),
          });
          if (finding && !seen.repeats(finding)) findings.push(finding);
        },
      }),
    );
  }
  return findings.sort(compareFindings);
}
