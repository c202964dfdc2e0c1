// Quick-fixes by rule id. Fixes are computed when the editor asks for code actions, from the finding's
// lint-time data and the document's current text; a fix whose result would not parse is never offered.
import type { FixData } from '../findings';
import { LineIndex } from '../positions';
import { extensionOf } from '../uris';
import { addWriteOnly } from './addWriteOnly';
import { documentStillParses } from './parseCheck';
import type { Fix, FixProvider, TextEdit } from './types';
import { useHttps, useHttpsForAuthUrl } from './useHttps';
import { addReadOnly } from './addReadOnly';
import { addIntegerBounds, addMaxItems, addMaxLength, closeAdditionalProperties } from './addBounds';
import { addAuthErrorResponses, addSecurity } from './securityFixes';
import { enableTlsVerification, limitLlmTokens, restrictJwtAlgorithms } from './codeFixes';

export type { Fix, TextEdit } from './types';
export { disableForLineFix, type DisableTarget } from './disableFix';
export { fixAllEdits, type FixAllResult } from './fixAll';

const FIX_PROVIDERS: Record<string, FixProvider> = {
  'oas-password-readable': addWriteOnly,
  'oas-server-plain-http': useHttps,
  'oas-oauth2-url-insecure': useHttpsForAuthUrl,
  'oas-server-owned-property-writable': addReadOnly,
  'oas-string-unbounded': addMaxLength,
  'oas-array-unbounded': addMaxItems,
  'oas-integer-unbounded': addIntegerBounds,
  'oas-request-additional-properties': closeAdditionalProperties,
  'oas-operation-without-security': addSecurity,
  'oas-auth-error-responses-missing': addAuthErrorResponses,
  'code-tls-verification-disabled': enableTlsVerification,
  'code-jwt-unsafe-verification': restrictJwtAlgorithms,
  'code-llm-unbounded-tokens': limitLlmTokens,
};

/** Whether a rule has a quick-fix at all (the rule catalog's `fixable` must agree: a test holds it). */
export function hasFixProvider(ruleId: string): boolean {
  return ruleId in FIX_PROVIDERS;
}

/** Whether a fix can be built for this finding (cheap: used at lint time to mark findings fixable). */
export function hasApplicableFix(ruleId: string, data: FixData, text: string, uri: string, lines: LineIndex): boolean {
  const provider = FIX_PROVIDERS[ruleId];
  return (
    provider !== undefined &&
    provider(text, data, { json: extensionOf(uri) === '.json', lines, uri, probe: true }).length > 0
  );
}

/** The fixes for a finding, each checked to leave a document that still parses. */
export function computeFixes(ruleId: string, data: FixData | undefined, text: string, uri: string): Fix[] {
  const provider = FIX_PROVIDERS[ruleId];
  if (!provider || !data) return [];
  const lines = new LineIndex(text);
  return provider(text, data, { json: extensionOf(uri) === '.json', lines, uri }).filter((fix) => {
    const offsets = fix.edits.flatMap((edit) => [lines.offsetAt(edit.range.start), lines.offsetAt(edit.range.end)]);
    return documentStillParses(
      uri,
      text,
      applyEdits(text, fix.edits, lines),
      Math.min(...offsets),
      Math.max(...offsets),
    );
  });
}

/** Applies non-overlapping edits to a text (used to check fixes and by tests). */
export function applyEdits(text: string, edits: TextEdit[], lines = new LineIndex(text)): string {
  const sorted = edits
    .map((edit) => ({
      start: lines.offsetAt(edit.range.start),
      end: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
