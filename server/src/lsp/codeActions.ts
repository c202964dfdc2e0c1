// Code actions for our diagnostics, computed on request (the edits by the engine):
// - the quick-fixes of a finding (from the data its diagnostic carries);
// - "Fix all <rule> in this file" when the file has several fixable findings of the rule;
// - "Disable <rule> for this line" (a suppression comment with a reason to type, or `x-apiwarden-ignore` in JSON);
// - "Show documentation of <rule>" (a command the VS Code client handles: apiwarden.showRuleDocumentation);
// - `source.fixAll.apiwarden`, for `editor.codeActionsOnSave`: every fixable finding of the file.
// Fix-all uses the findings published for the document, and only when they are of its current version: a stale
// request returns nothing.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { computeFixes, disableForLineFix, fixAllEdits, ruleDocUrl, type Finding, type TextEdit } from '../engine';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.apiwarden`;
export const SHOW_DOCUMENTATION_COMMAND = 'apiwarden.showRuleDocumentation';
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionInputs {
  /** The client applies snippet edits (LSP 3.18 `workspace.workspaceEdit.snippetEditSupport`). */
  snippets: boolean;
  /** The findings published for the document and the version they are of. */
  published?: { findings: readonly Finding[]; version: number | undefined };
}

export function codeActionsFor(
  document: TextDocument,
  params: CodeActionParams,
  inputs: CodeActionInputs,
): CodeAction[] {
  const only = params.context.only;
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const text = document.getText();
  const current = inputs.published?.version === document.version ? inputs.published.findings : undefined;
  if (wanted(FIX_ALL_KIND) && current) {
    const { edits, fixed } = fixAllEdits(current, text, document.uri);
    if (edits.length > 0)
      actions.push({
        title: `Fix all API Warden problems with a safe fix (${fixed.length})`,
        kind: FIX_ALL_KIND,
        edit: plainEdit(document, edits),
      });
  }
  if (!wanted(CodeActionKind.QuickFix)) return actions;
  const fixAllOffered = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const ruleId = diagnostic.code;
    const data = diagnostic.data as DiagnosticData | undefined;
    for (const fix of data?.fix ? computeFixes(ruleId, data.fix, text, document.uri) : []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit:
          inputs.snippets && fix.edits.some((e) => e.snippet !== undefined)
            ? snippetEdit(document, fix.edits)
            : plainEdit(document, fix.edits),
      });
    }
    if (data?.fix && current && !fixAllOffered.has(ruleId)) {
      fixAllOffered.add(ruleId);
      const { edits, fixed } = fixAllEdits(current, text, document.uri, new Set([ruleId]));
      if (fixed.length > 1)
        actions.push({
          title: `Fix all ${ruleId} in this file (${fixed.length})`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: plainEdit(document, edits),
        });
    }
    actions.push(...suppressionActions(document, diagnostic, ruleId, data, text, inputs.snippets));
  }
  return actions;
}

function suppressionActions(
  document: TextDocument,
  diagnostic: Diagnostic,
  ruleId: string,
  data: DiagnosticData | undefined,
  text: string,
  snippets: boolean,
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (ruleId !== 'apiwarden-unused-suppression') {
    const disable = disableForLineFix(
      { ruleId, range: diagnostic.range, path: data?.path ?? data?.fix?.path },
      text,
      document.uri,
    );
    if (disable)
      actions.push({
        title: disable.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: snippets ? snippetEdit(document, disable.edits) : plainEdit(document, disable.edits),
      });
  }
  actions.push({
    title: `Show documentation of ${ruleId}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: {
      title: `Show documentation of ${ruleId}`,
      command: SHOW_DOCUMENTATION_COMMAND,
      arguments: [ruleId, diagnostic.codeDescription?.href ?? ruleDocUrl(ruleId)],
    },
  });
  return actions;
}

function plainEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [document.uri]: edits.map((edit) => ({ range: edit.range, newText: edit.newText })) } };
}

/** Snippet edits (tab stops) travel in `documentChanges`, versioned. */
function snippetEdit(document: TextDocument, edits: TextEdit[]): WorkspaceEdit {
  return {
    documentChanges: [
      {
        textDocument: { uri: document.uri, version: document.version },
        edits: edits.map((edit) =>
          edit.snippet !== undefined
            ? { range: edit.range, snippet: { kind: 'snippet', value: edit.snippet } }
            : { range: edit.range, newText: edit.newText },
        ),
      },
    ],
  };
}
