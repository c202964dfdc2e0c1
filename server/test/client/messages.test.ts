// Texts of the VS Code extension (client/src/messages.ts): counts with the right singular/plural, files by kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  STATUS_BAR_LINTING_TEXT,
  statusBarLintingTooltip,
  statusBarText,
  statusBarTooltip,
  workspaceLintMessage,
} from '../../../client/src/messages';

test('the status bar tooltip says "1 error", "1 file" and "2 warnings"', () => {
  assert.equal(
    statusBarTooltip({ errors: 1, warnings: 2, others: 1, files: 1 }),
    'API Warden: 1 error, 2 warnings, 1 other finding in 1 file. Click to open Problems.',
  );
  assert.equal(
    statusBarTooltip({ errors: 0, warnings: 1, others: 3, files: 2 }),
    'API Warden: 0 errors, 1 warning, 3 other findings in 2 files. Click to open Problems.',
  );
});

test('the "Lint workspace" message counts files by kind', () => {
  assert.equal(
    workspaceLintMessage({ filesLinted: 5, openapiFiles: 2, codeFiles: 3, findings: 17, cancelled: false }),
    'API Warden: 5 files linted (2 OpenAPI, 3 code), 17 findings.',
  );
  assert.equal(
    workspaceLintMessage({ filesLinted: 1, openapiFiles: 0, codeFiles: 1, findings: 1, cancelled: true }),
    'API Warden (cancelled): 1 file linted (0 OpenAPI, 1 code), 1 finding.',
  );
  assert.equal(
    workspaceLintMessage({ filesLinted: 3, findings: 0, cancelled: false }),
    'API Warden: 3 files linted, 0 findings.',
  );
});

test('the status bar text is "API Warden: N" (the e2e tests read it), or says a lint is running', () => {
  assert.equal(statusBarText(0), 'API Warden: 0');
  assert.equal(statusBarText(12), 'API Warden: 12');
  assert.equal(STATUS_BAR_LINTING_TEXT, 'API Warden: linting…');
  assert.equal(statusBarLintingTooltip(['users.yaml']), 'API Warden: linting users.yaml…');
  assert.equal(statusBarLintingTooltip(['a.yaml', 'b.ts', 'c.py']), 'API Warden: linting 3 files…');
});
