// Fix-all: the preferred fix of every fixable finding of a file (optionally of some rules only), as one set of
// edits that do not overlap. Two fixes inserting the same text at the same place are one edit; a fix whose edits
// overlap one already taken is left out (the next pass, after a re-lint, gets it). The editor's
// `source.fixAll.apiwarden`, its "Fix all <rule> in this file" and the CLI's `--fix` all use it.
import type { Finding } from '../findings';
import { LineIndex } from '../positions';
import { computeFixes } from './index';
import type { TextEdit } from './types';

export interface FixAllResult {
  edits: TextEdit[];
  /** The findings whose fix is among the edits. */
  fixed: Finding[];
}

export function fixAllEdits(
  findings: readonly Finding[],
  text: string,
  uri: string,
  ruleIds?: ReadonlySet<string>,
): FixAllResult {
  const lines = new LineIndex(text);
  const taken: { start: number; end: number; newText: string }[] = [];
  const result: FixAllResult = { edits: [], fixed: [] };
  for (const finding of findings) {
    if (!finding.fixable || finding.uri !== uri || finding.suppression) continue;
    if (ruleIds && !ruleIds.has(finding.ruleId)) continue;
    const fixes = computeFixes(finding.ruleId, finding.data, text, uri);
    const fix = fixes.find((f) => f.isPreferred) ?? fixes[0];
    if (!fix) continue;
    const spans = fix.edits.map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }));
    const same = (a: (typeof spans)[number], b: (typeof spans)[number]) =>
      a.start === b.start && a.end === b.end && a.newText === b.newText;
    if (spans.every((span) => taken.some((t) => same(t, span)))) {
      result.fixed.push(finding); // another finding's fix does exactly this
      continue;
    }
    // Overlapping, or two edits starting at one offset (their order would be undefined).
    const overlaps = spans.some((span) =>
      taken.some((t) => (span.start < t.end && t.start < span.end) || span.start === t.start),
    );
    if (overlaps) continue;
    taken.push(...spans);
    result.edits.push(...fix.edits.map((edit) => ({ range: edit.range, newText: edit.newText })));
    result.fixed.push(finding);
  }
  return result;
}
