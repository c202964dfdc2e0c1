// The one place that decides what becomes of a rule's report: whether the rule runs at all (a rule set to `off`
// does not run), which severity its findings get, which metadata they carry (OWASP, CWE, from the rule catalog),
// when two findings are the same one, and how a rule that throws is contained. The OpenAPI path, the code path,
// the CLI, the language server's scheduler and the test harness all go through it. Suppressions and baselines
// plug in here too.
import type { EngineSettings, RuleSetting } from './config/settings';
import type { Finding, FixData, Range, Severity } from './findings';
import { ruleMetadata } from './rules/catalog';

/** What a rule reports, before the policy applies settings and metadata. */
export interface FindingInit {
  ruleId: string;
  message: string;
  uri: string;
  range: Range;
  /** The severity the rule chose for this report (e.g. warnings for read routes); else the rule's default. */
  severity?: Severity | undefined;
  dataClasses?: string[] | undefined;
  aiLinked?: boolean | undefined;
  fixable?: boolean;
  data?: FixData | undefined;
}

const policies = new WeakMap<EngineSettings['rules'], FindingPolicy>();

export class FindingPolicy {
  private constructor(private readonly rules: Readonly<Record<string, RuleSetting>>) {}

  /** The policy of a settings object (one per rules map, made once). */
  static of(settings: Pick<EngineSettings, 'rules'>): FindingPolicy {
    let policy = policies.get(settings.rules);
    if (!policy) policies.set(settings.rules, (policy = new FindingPolicy(settings.rules)));
    return policy;
  }

  /** Whether a rule runs: rules set to `off` are not run at all. */
  enabled(ruleId: string): boolean {
    return this.rules[ruleId] !== 'off';
  }

  /** The severity a finding gets: the user's override, else what the rule reported, else its default. */
  severity(ruleId: string, reported?: Severity): Severity {
    const override = this.rules[ruleId];
    if (override && override !== 'off') return override;
    return reported ?? ruleMetadata(ruleId)?.severity ?? 'warning';
  }

  /** The finding for a report, with severity and metadata applied; undefined when the rule is off. */
  finding(init: FindingInit): Finding | undefined {
    if (!this.enabled(init.ruleId)) return undefined;
    const metadata = ruleMetadata(init.ruleId);
    // Optional fields set one by one: thousands of findings per lint on large specs.
    const finding: Finding = {
      ruleId: init.ruleId,
      severity: this.severity(init.ruleId, init.severity),
      message: init.message,
      uri: init.uri,
      range: init.range,
      fixable: init.fixable === true,
    };
    if (metadata?.owasp) finding.owasp = metadata.owasp;
    if (metadata?.cwe) finding.cwe = metadata.cwe;
    if (init.dataClasses && init.dataClasses.length > 0) finding.dataClasses = init.dataClasses;
    if (init.aiLinked) finding.aiLinked = true;
    if (init.data) finding.data = init.data;
    return finding;
  }
}

/**
 * Findings already taken, by start position: the same fault reached through several paths (a shared schema, a
 * fragment referenced from two specs) is one finding. Two findings are the same when file, rule, start and message
 * agree. Thousands are checked per lint on large specs and only a few share a position, so no key string is built.
 */
export class FindingDeduplicator {
  private readonly byPosition = new Map<number, Finding[]>();

  /** Whether the same finding was taken before; records it when not. */
  repeats(finding: Finding): boolean {
    const position = finding.range.start.line * 0x1_0000_0000 + finding.range.start.character;
    const taken = this.byPosition.get(position);
    if (taken?.some((other) => sameFinding(other, finding))) return true;
    if (taken) taken.push(finding);
    else this.byPosition.set(position, [finding]);
    return false;
  }

  /** The findings of a list that were not taken before, in order. */
  keep(findings: Iterable<Finding>): Finding[] {
    const out: Finding[] = [];
    for (const finding of findings) if (!this.repeats(finding)) out.push(finding);
    return out;
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.ruleId === b.ruleId &&
    a.uri === b.uri &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character
  );
}

/**
 * Runs one rule (or one check of a rule), containing its failure: a rule that throws is reported in `errors`
 * (for logs, never as a finding) and skipped; it never aborts the other rules. `rethrow` lets errors that are not
 * the rule's fault (a cancelled lint) through.
 */
export function runGuarded<T>(
  ruleId: string,
  where: string,
  errors: string[],
  run: () => T,
  rethrow?: (error: unknown) => boolean,
): T | undefined {
  try {
    return run();
  } catch (error) {
    if (rethrow?.(error)) throw error;
    errors.push(
      `Rule ${ruleId} failed on ${where} and was skipped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return undefined;
  }
}
