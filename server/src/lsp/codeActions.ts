// Code actions for our diagnostics, computed on request from the data the diagnostic carries.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { computeFixes } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

export function codeActionsFor(document: TextDocument, params: CodeActionParams): CodeAction[] {
  if (params.context.only && !params.context.only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  const text = document.getText();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data?.fix) continue;
    for (const fix of computeFixes(diagnostic.code, data.fix, text, document.uri)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
  }
  return actions;
}
