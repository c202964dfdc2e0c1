// The limits a YAML/JSON text must stay within before it is parsed: how deep it nests and how much its aliases
// expand. Hostile or broken input past them would overflow the stack or exhaust memory in the parsers, the
// resolver or the rules; it is reported (oas-nesting-too-deep, oas-alias-expansion-limit) and not parsed.
import { findAliasBlowUp } from './aliasExpansion';
import { findTooDeep } from './nestingDepth';

/** Levels of mappings and sequences; real specs nest about 25 deep (the corpus' deepest: 26). */
export const MAX_NESTING_DEPTH = 256;
/** Nodes that expanding the aliases may add to a document (merge keys and shared examples stay far below). */
export const MAX_ALIAS_EXPANSION = 100_000;

export interface InputLimitViolation {
  ruleId: 'oas-nesting-too-deep' | 'oas-alias-expansion-limit';
  message: string;
  /** Offsets of the text at fault. */
  start: number;
  end: number;
}

/** The first limit `text` exceeds, if any. Linear in the text; an extra parse only for YAML with anchors. */
export function checkInputLimits(text: string, syntax: 'yaml' | 'json'): InputLimitViolation | undefined {
  const deep = findTooDeep(text, syntax, MAX_NESTING_DEPTH);
  if (deep)
    return {
      ruleId: 'oas-nesting-too-deep',
      message: `This document nests deeper than ${MAX_NESTING_DEPTH} levels here (mappings and sequences inside each other), so it was not parsed or checked. Real API descriptions stay far below this; flatten the structure or move parts into components with $ref.`,
      start: deep.offset,
      end: deep.offset + 1,
    };
  if (syntax === 'json') return undefined; // JSON has no aliases
  const blowUp = findAliasBlowUp(text, MAX_ALIAS_EXPANSION);
  if (blowUp)
    return {
      ruleId: 'oas-alias-expansion-limit',
      message: `Expanding this document's YAML aliases would add more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes (${blowUp.expandedNodes >= Number.MAX_SAFE_INTEGER ? 'more than 2^53' : blowUp.expandedNodes.toLocaleString('en-US')} in all), the shape of a "billion laughs" attack, so it was not parsed or checked. This alias contributes most; use fewer nested aliases, or $ref.`,
      start: blowUp.start,
      end: blowUp.end,
    };
  return undefined;
}

/** The same check phrased for a file a `$ref` points at (reported at the `$ref`, as an unresolved ref). */
export function refTargetLimitMessage(source: string, violation: InputLimitViolation): string {
  const what =
    violation.ruleId === 'oas-nesting-too-deep'
      ? `nests deeper than ${MAX_NESTING_DEPTH} levels`
      : `expands its YAML aliases past ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} nodes`;
  return `$ref target ${source} ${what} (${violation.ruleId}), so it was not parsed: whatever it describes is not checked.`;
}
