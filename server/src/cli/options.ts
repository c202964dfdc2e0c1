// Parsers of the `lint` command's option values: each turns what was typed into a value or a usage error
// (commander prints it and the CLI exits 2).
import { InvalidArgumentError } from 'commander';
import { DATA_CLASSES, isDataClass, RULES, type DataClass, type RuleSetting, type Severity } from '../engine';
import { SEVERITY_WORDS, severityOf } from './severityWords';
import { similarNames } from './suggest';

export type FailOn = Severity | 'never';

const SEVERITY_HELP = `${SEVERITY_WORDS.join('|')} (warn = warning)`;

export function choice<T extends string>(allowed: readonly T[]) {
  return (value: string): T => {
    if (!(allowed as readonly string[]).includes(value))
      throw new InvalidArgumentError(`Allowed: ${allowed.join(', ')}.`);
    return value as T;
  };
}

export function parseSeverity(value: string): Severity {
  const severity = severityOf(value);
  if (!severity) throw new InvalidArgumentError(`Allowed: ${SEVERITY_HELP}.`);
  return severity;
}

export function parseFailOn(value: string): FailOn {
  if (value === 'never') return value;
  const severity = severityOf(value);
  if (!severity) throw new InvalidArgumentError(`Allowed: ${SEVERITY_HELP}, never.`);
  return severity;
}

/** `<rule-id>=<severity|off>`, repeatable; the id must be one the engine knows. */
export function collectRuleSetting(value: string, previous: Record<string, RuleSetting>): Record<string, RuleSetting> {
  const { settings } = collectLintRule(value, { settings: previous, only: [] }, false);
  return settings;
}

/** What `lint --rule` collects: severities per rule, and the bare ids (`--fix --rule <id>`: fix only these rules). */
export interface RuleOptions {
  settings: Record<string, RuleSetting>;
  only: string[];
}

/** `<rule-id>=<severity|off>`, or (`lint`, for `--fix`) a bare `<rule-id>`; repeatable; the id must be known. */
export function collectLintRule(
  value: string,
  previous: RuleOptions = { settings: {}, only: [] },
  allowBare = true,
): RuleOptions {
  const bare = allowBare && /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(value);
  const match = bare ? undefined : /^([^=\s]+)=(.*)$/.exec(value);
  const setting = match && (match[2] === 'off' ? 'off' : severityOf(match[2]!));
  if (!bare && (!match || !setting))
    throw new InvalidArgumentError(
      `Use <rule-id>=off|${SEVERITY_HELP}${allowBare ? ' (or, with --fix, a rule id alone)' : ''}.`,
    );
  const ruleId = bare ? value : match![1]!;
  if (!RULES.has(ruleId)) {
    const similar = similarNames(ruleId, RULES.keys());
    throw new InvalidArgumentError(
      `Unknown rule id "${ruleId}".${similar.length ? ` Did you mean ${similar.join(', ')}?` : ''} The rules are listed in docs/rules/README.md.`,
    );
  }
  return bare
    ? { settings: previous.settings, only: [...previous.only, ruleId] }
    : { settings: { ...previous.settings, [ruleId]: setting! }, only: previous.only };
}

export function collectString(value: string, previous: string[] = []): string[] {
  if (value.trim() === '') throw new InvalidArgumentError('Give a non-empty name.');
  return [...previous, value.trim()];
}

export function collectSensitiveName(
  value: string,
  previous: Partial<Record<DataClass, string[]>> = {},
): Partial<Record<DataClass, string[]>> {
  const match = /^([a-z-]+)=(.+)$/.exec(value);
  if (!match || !isDataClass(match[1]) || match[2]!.trim() === '')
    throw new InvalidArgumentError(`Use <class>=<name>, class one of ${DATA_CLASSES.join(', ')}.`);
  const dataClass = match[1];
  return { ...previous, [dataClass]: [...(previous[dataClass] ?? []), match[2]!.trim()] };
}

/** An absolute URL the rule pages are under; a trailing `/` is added so `<base><rule-id>.md` is the page. */
export function parseDocsBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(
      'Give an absolute URL, e.g. https://github.com/you/api-warden/blob/main/docs/rules/.',
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
