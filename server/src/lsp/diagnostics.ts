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
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    codeDescription: { href: ruleDocUrl(finding.ruleId) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  if (finding.fixable && finding.data) diagnostic.data = { fix: finding.data } satisfies DiagnosticData;
  return diagnostic;
}
