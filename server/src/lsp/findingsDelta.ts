// Findings travel from the lint worker to the main thread as a delta against the previous result for the same
// document: after a keystroke almost every finding is the one sent before, at most moved by some lines. A large
// spec has thousands of findings; copying them between threads on every keystroke costs tens of milliseconds,
// the delta a fraction of one.
import type { Finding } from '../engine';

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
    out[i] = shift === 0 ? old : (movedCopy(old, shift) as Finding);
  }
  return out;
}

// Both functions below walk every field of a Finding, whatever fields it has: a field added to Finding later is
// compared and carried without anyone remembering to extend a list here. Every position in a finding is in the same
// document, so every one of them moves with the text (range, data.valueRange, any range a new field holds).

/** The same finding, possibly moved up or down by whole lines (text was added or removed above it). */
function sameButMoved(a: Finding, b: Finding): boolean {
  return sameMoved(a, b, b.range.start.line - a.range.start.line);
}

function sameMoved(a: unknown, b: unknown, shift: number): boolean {
  if (a === b) return shift === 0 || !holdsPosition(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMoved(a[i], b[i], shift)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  if (isPosition(left) && isPosition(right))
    return (left.line as number) + shift === right.line && left.character === right.character;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) if (!(key in right) || !sameMoved(left[key], right[key], shift)) return false;
  return true;
}

/** A copy of a finding with every position in it moved by `shift` lines; parts without positions are shared. */
function movedCopy(value: unknown, shift: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.some(holdsPosition) ? value.map((item) => movedCopy(item, shift)) : value;
  const record = value as Record<string, unknown>;
  if (isPosition(record)) return { line: (record.line as number) + shift, character: record.character };
  if (!holdsPosition(record)) return record;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) out[key] = movedCopy(record[key], shift);
  return out;
}

function isPosition(value: Record<string, unknown>): boolean {
  return typeof value.line === 'number' && typeof value.character === 'number' && Object.keys(value).length === 2;
}

function holdsPosition(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(holdsPosition);
  const record = value as Record<string, unknown>;
  return isPosition(record) || Object.values(record).some(holdsPosition);
}
