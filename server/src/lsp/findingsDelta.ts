// Findings travel from the lint worker to the main thread as a delta against the previous result for the same
// document: after a keystroke almost every finding is the one sent before, at most moved by some lines. A large
// spec has thousands of findings; copying them between threads on every keystroke costs tens of milliseconds,
// the delta a fraction of one.
import type { Finding, Range } from '../engine';
import { shiftRange } from '../engine';

export interface FindingsDelta {
  /** How many findings the previous result (the base) had: a check that both sides hold the same base. */
  baseLength: number;
  /** Per finding of the new result: the index of the same finding in the base, or -1 when it is in `fresh`. */
  from: Int32Array;
  /** Per finding: lines it moved by since the base (0 for fresh ones). */
  lineShift: Int32Array;
  /** New findings, in the order they appear among the -1 entries of `from`. */
  fresh: Finding[];
}

/** How far ahead in the base a finding is looked for when the lists stopped lining up (one was added/removed). */
const LOOKAHEAD = 16;

export function encodeFindings(base: readonly Finding[] | undefined, next: readonly Finding[]): FindingsDelta {
  const from = new Int32Array(next.length).fill(-1);
  const lineShift = new Int32Array(next.length);
  const fresh: Finding[] = [];
  const previous = base ?? [];
  let cursor = 0; // where in the base the next finding is expected
  for (let i = 0; i < next.length; i++) {
    const finding = next[i]!;
    let matched = -1;
    for (let j = cursor; j < Math.min(previous.length, cursor + LOOKAHEAD); j++) {
      if (sameButMoved(previous[j]!, finding)) {
        matched = j;
        break;
      }
    }
    if (matched === -1) {
      fresh.push(finding);
      continue;
    }
    from[i] = matched;
    lineShift[i] = finding.range.start.line - previous[matched]!.range.start.line;
    cursor = matched + 1;
  }
  return { baseLength: previous.length, from, lineShift, fresh };
}

export function decodeFindings(base: readonly Finding[] | undefined, delta: FindingsDelta): Finding[] {
  const previous = base ?? [];
  if (previous.length !== delta.baseLength)
    throw new Error(`findings delta against a base of ${delta.baseLength}, but ${previous.length} are held`);
  const out: Finding[] = new Array(delta.from.length);
  let freshIndex = 0;
  for (let i = 0; i < delta.from.length; i++) {
    const index = delta.from[i]!;
    if (index === -1) {
      out[i] = delta.fresh[freshIndex++]!;
      continue;
    }
    const old = previous[index]!;
    const shift = delta.lineShift[i]!;
    if (shift === 0) {
      out[i] = old;
      continue;
    }
    const moved: Finding = { ...old, range: shiftRange(old.range, shift) };
    if (old.data)
      moved.data = {
        ...old.data,
        ...(old.data.valueRange ? { valueRange: shiftRange(old.data.valueRange, shift) } : {}),
      };
    out[i] = moved;
  }
  return out;
}

/** The same finding, possibly moved up or down by whole lines (text was added or removed above it). */
function sameButMoved(a: Finding, b: Finding): boolean {
  if (
    a.ruleId !== b.ruleId ||
    a.uri !== b.uri ||
    a.message !== b.message ||
    a.severity !== b.severity ||
    a.fixable !== b.fixable
  )
    return false;
  if (a.owasp !== b.owasp || a.cwe !== b.cwe || a.aiLinked !== b.aiLinked || !sameList(a.dataClasses, b.dataClasses))
    return false;
  const shift = b.range.start.line - a.range.start.line;
  if (!sameMovedRange(a.range, b.range, shift)) return false;
  if (!a.data !== !b.data) return false;
  if (a.data && b.data) {
    if (!sameList(a.data.path?.map(String), b.data.path?.map(String))) return false;
    if (!a.data.valueRange !== !b.data.valueRange) return false;
    if (a.data.valueRange && b.data.valueRange && !sameMovedRange(a.data.valueRange, b.data.valueRange, shift))
      return false;
  }
  return true;
}

function sameMovedRange(a: Range, b: Range, shift: number): boolean {
  return (
    a.start.character === b.start.character &&
    a.end.character === b.end.character &&
    a.end.line + shift === b.end.line &&
    a.start.line + shift === b.start.line
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
