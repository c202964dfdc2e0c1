// Findings as LSP diagnostics: exact range, rule id as code, a link to the rule's doc, source "apiwarden".
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, FixData, Severity } from '../engine';
import { ruleDocUrl } from '../engine';

export const DIAGNOSTIC_SOURCE = 'apiwarden';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in a code action request. */
export interface DiagnosticData {
  fix?: FixData;
  /** JSON specs: the finding's JSON path, where "Disable for this node" puts `x-apiwarden-ignore`. */
  path?: (string | number)[];
}

/**
 * Diagnostics by finding: a finding an edit did not change is the same object in the next result (see
 * findingsDelta), and a large spec publishes thousands of them after every keystroke. Diagnostics are not changed
 * after they are made.
 */
const diagnostics = new WeakMap<Finding, Diagnostic>();

export function toDiagnostic(finding: Finding): Diagnostic {
  let diagnostic = diagnostics.get(finding);
  if (!diagnostic) diagnostics.set(finding, (diagnostic = makeDiagnostic(finding)));
  return diagnostic;
}

function makeDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.fixable && finding.data) diagnostic.data = { fix: finding.data } satisfies DiagnosticData;
  else if (finding.data?.path && finding.uri.endsWith('.json'))
    diagnostic.data = { path: finding.data.path } satisfies DiagnosticData;
  return diagnostic;
}
