// The one shape every analysis produces (OpenAPI, code, cross-checks, syntax), whatever the front end.

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Everything a quick-fix needs, computed at lint time so a fix can be built later without re-parsing. */
export interface FixData {
  /** JSON path (OpenAPI) of the node the finding is about. */
  path?: (string | number)[];
  /** Range of the value node the fix edits (e.g. the property schema mapping, the URL scalar). */
  valueRange?: Range;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** `file://` URI of the document that holds the fault (may differ from the linted root for `$ref`s). */
  uri: string;
  range: Range;
  owasp?: string;
  cwe?: string;
  dataClasses?: string[];
  aiLinked?: boolean;
  fixable: boolean;
  data?: FixData;
  /** Set on findings a suppression silenced (kept for SARIF and counts, never shown in editors or text reports). */
  suppression?: FindingSuppression;
}

/** How a finding was silenced: an inline comment or an `x-apiwarden-ignore` entry, and the reason written there. */
export interface FindingSuppression {
  kind: 'comment' | 'x-apiwarden-ignore';
  justification?: string;
}

/** Document order: by file, line, column, then rule id (plain code-unit order: stable and fast). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.uri, b.uri) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    compareStrings(a.ruleId, b.ruleId)
  );
}

function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

export function isSeverity(value: unknown): value is Severity {
  return value === 'error' || value === 'warning' || value === 'info' || value === 'hint';
}
