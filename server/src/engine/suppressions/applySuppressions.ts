// Suppressions, for specs and code alike: a finding silenced by a comment (comments.ts) or by an
// `x-apiwarden-ignore` entry of its spec (specIgnores.ts) leaves the findings and is kept, with how it was
// silenced and why, among the suppressed ones (SARIF shows them as suppressed results; counts include them). A
// suppression of the linted document that silenced nothing is itself reported (`apiwarden-unused-suppression`), so
// stale ones get cleaned up; suppressions in other files (a `$ref`'d fragment, an imported handler module) are
// honoured but judged only when that file is linted itself.
import type { Finding, FindingSuppression, Range } from '../findings';
import type { FindingPolicy } from '../findingPolicy';
import { LineIndex } from '../positions';
import { ruleMetadata } from '../rules/catalog';
import { commentSuppressions, type CommentSuppression } from './comments';
import { allIgnores, ignoresAlong, IGNORE_KEY, type JsonPath, type SpecIgnore } from './specIgnores';

export const UNUSED_SUPPRESSION_RULE = 'apiwarden-unused-suppression';

/** A parsed spec: its data and where a JSON path is written (the key of a collection, else the scalar). */
export interface SpecSource {
  data: unknown;
  rangeOf(path: JsonPath): Range | undefined;
}

export interface SuppressionInput {
  /** The document that was linted: only its unused suppressions are reported. */
  lintedUri: string;
  /** Text of a file findings are in (the linted one or another), undefined when it cannot be read. */
  textOf(uri: string): string | undefined;
  /** The parsed spec of a file (OpenAPI lints); undefined for code. */
  specOf?(uri: string): SpecSource | undefined;
  policy: FindingPolicy;
  /**
   * Whether this lint can tell that a suppression of a rule is unused (default: yes). A handler module linted on
   * its own declares no routes, so the route findings its comments silence come from the lint of the routes file.
   */
  canJudge?(ruleId: string): boolean;
}

export interface SuppressionOutput {
  findings: Finding[];
  suppressed: Finding[];
}

interface FileSuppressions {
  comments: CommentSuppression[];
  byLine: Map<number, CommentSuppression[]>;
}

export function applySuppressions(findings: readonly Finding[], input: SuppressionInput): SuppressionOutput {
  const files = new Map<string, FileSuppressions | undefined>();
  const fileOf = (uri: string) => {
    if (!files.has(uri)) files.set(uri, commentsOf(input.textOf(uri)));
    return files.get(uri);
  };
  const used = new Set<string>();
  const out: SuppressionOutput = { findings: [], suppressed: [] };
  for (const finding of findings) {
    const suppression = suppressionFor(finding, fileOf(finding.uri), input, used);
    if (suppression) out.suppressed.push({ ...finding, suppression });
    else out.findings.push(finding);
  }
  out.findings.push(...unusedSuppressions(fileOf(input.lintedUri), input, used));
  return out;
}

function commentsOf(text: string | undefined): FileSuppressions | undefined {
  if (text === undefined || !text.includes('apiwarden-disable-')) return undefined;
  const comments = commentSuppressions(text, new LineIndex(text));
  const byLine = new Map<number, CommentSuppression[]>();
  for (const comment of comments) byLine.set(comment.line, [...(byLine.get(comment.line) ?? []), comment]);
  return { comments, byLine };
}

function suppressionFor(
  finding: Finding,
  file: FileSuppressions | undefined,
  input: SuppressionInput,
  used: Set<string>,
): FindingSuppression | undefined {
  if (finding.ruleId === UNUSED_SUPPRESSION_RULE) return undefined;
  for (const comment of file?.byLine.get(finding.range.start.line) ?? []) {
    const named = comment.rules.length === 0 ? '*' : comment.rules.includes(finding.ruleId) ? finding.ruleId : '';
    if (!named) continue;
    used.add(commentKey(finding.uri, comment, named));
    return justified('comment', comment.reason);
  }
  const path = finding.data?.path;
  const spec = path ? input.specOf?.(finding.uri) : undefined;
  if (!spec || !path) return undefined;
  const ignore = ignoresAlong(spec.data, path, spec.rangeOf)
    .reverse() // the nearest node's entry is the one that counts
    .find((entry) => entry.rule === '*' || entry.rule === finding.ruleId);
  if (!ignore) return undefined;
  used.add(ignoreKey(finding.uri, ignore));
  return justified(IGNORE_KEY, ignore.reason);
}

function justified(kind: FindingSuppression['kind'], reason: string | undefined): FindingSuppression {
  return reason === undefined ? { kind } : { kind, justification: reason };
}

const commentKey = (uri: string, comment: CommentSuppression, rule: string) =>
  `${uri}|${comment.range.start.line}:${comment.range.start.character}|${rule}`;
const ignoreKey = (uri: string, ignore: SpecIgnore) => `${uri}|${JSON.stringify(ignore.path)}|${ignore.rule}`;

function unusedSuppressions(file: FileSuppressions | undefined, input: SuppressionInput, used: Set<string>): Finding[] {
  const uri = input.lintedUri;
  const out: Finding[] = [];
  const report = (rule: string, range: Range | undefined, how: string) => {
    if (!range || (rule !== '*' && !input.policy.enabled(rule)) || !(input.canJudge?.(rule) ?? true)) return;
    const known = rule === '*' || ruleMetadata(rule) !== undefined;
    const message = !known
      ? `This ${how} names \`${rule}\`, which is not an API Warden rule id, so it silences nothing. Correct the id or remove the suppression.`
      : rule === '*'
        ? `This ${how} silences no finding: the problem it was written for is gone. Remove it.`
        : `This ${how} of \`${rule}\` silences no finding: the problem it was written for is gone (or is on another line). Remove it, so that it does not hide a future finding.`;
    const finding = input.policy.finding({ ruleId: UNUSED_SUPPRESSION_RULE, message, uri, range, fixable: false });
    if (finding) out.push(finding);
  };
  for (const comment of file?.comments ?? []) {
    for (const rule of comment.rules.length === 0 ? ['*'] : comment.rules)
      if (!used.has(commentKey(uri, comment, rule))) report(rule, comment.range, 'suppression comment');
  }
  const spec = input.textOf(uri)?.includes(IGNORE_KEY) ? input.specOf?.(uri) : undefined;
  if (spec) {
    for (const ignore of allIgnores(spec.data, spec.rangeOf))
      if (!used.has(ignoreKey(uri, ignore))) report(ignore.rule, ignore.range, `\`${IGNORE_KEY}\` entry`);
  }
  return out;
}
