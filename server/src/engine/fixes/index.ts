// Quick-fixes by rule id. Fixes are computed when the editor asks for code actions, from the finding's
// lint-time data and the document's current text; a fix whose result would not parse is never offered.
import type { FixData } from '../findings';
import { addWriteOnly } from './addWriteOnly';
import type { Fix, FixProvider, TextEdit } from './types';
import { useHttps } from './useHttps';
import { LineIndex } from '../positions';
import { documentStillParses } from './parseCheck';

export type { Fix, TextEdit } from './types';

const FIX_PROVIDERS: Record<string, FixProvider> = {
  'oas-password-readable': addWriteOnly,
  'oas-server-plain-http': useHttps,
};

export function hasFixProvider(ruleId: string): boolean {
  return ruleId in FIX_PROVIDERS;
}

export function computeFixes(ruleId: string, data: FixData | undefined, text: string, uri: string): Fix[] {
  const provider = FIX_PROVIDERS[ruleId];
  if (!provider || !data) return [];
  return provider(text, data).filter((fix) => documentStillParses(uri, text, applyEdits(text, fix.edits)));
}

/** Applies non-overlapping edits to a text (used to check fixes and by tests). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
